/**
 * Statistics tables published only as images (screenshots pasted into the report): the body's
 * images that look like tables are read by OCR and joined with the tables already found.
 */
import { withTables } from './report-page.js';
import type { ExtractedTable, ReportRecord } from '../types.js';

export interface StoredImage {
  file: string;
  bytes: Buffer | undefined;
}

/** Reads table images; the crawler and reprocess share one, so the OCR model loads once. */
export interface TableImageReader {
  read(images: { file: string; bytes: Buffer }[]): Promise<ExtractedTable[]>;
  /** Releases what the reader holds (the OCR model's sessions); it may load them again if used after. */
  close?(): Promise<void>;
}

export async function addImageTables(record: ReportRecord, images: StoredImage[], reader: TableImageReader | undefined): Promise<ReportRecord> {
  if (!reader) return record;
  const available = images.filter((i): i is { file: string; bytes: Buffer } => i.bytes !== undefined);
  if (!available.length) return record;
  const imageTables = await reader.read(available);
  return imageTables.length ? withTables(record, [...record.tables, ...imageTables]) : record;
}
