/**
 * The archive as the crawler sees it: hand it a filed report with its raw bytes and images, and
 * it lands on disk and in the index, or is recognised as already there.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { findByUrl, openArchiveDb, upsertReport, type Db } from './archive-db.js';
import { removeReportFiles, reportFolder, writeReportFiles, type ReportFiles } from './archive-files.js';
import type { FetchedPage, ReportRecord } from '../types.js';

export type SaveOutcome = 'added' | 'unchanged' | 'updated';

export interface SaveResult {
  id: number;
  outcome: SaveOutcome;
  folder: string;
}

export function contentHash(record: Pick<ReportRecord, 'title' | 'text'>): string {
  return createHash('sha256').update(`${record.title}\n${record.text}`).digest('hex');
}

export class ReportArchive {
  readonly db: Db;

  constructor(readonly storageDir: string, db?: Db) {
    this.db = db ?? openArchiveDb(join(storageDir, 'archive.sqlite'));
  }

  async save(
    record: ReportRecord,
    page: FetchedPage,
    images: { file: string; bytes: Buffer | undefined }[],
  ): Promise<SaveResult> {
    const hash = contentHash(record);
    const existing = findByUrl(this.db, record.url);
    const folder = reportFolder(record);
    if (existing && existing.content_hash === hash && existing.folder === folder) {
      return { id: existing.id, outcome: 'unchanged', folder };
    }
    const files: ReportFiles = { raw: page.body, images };
    if (page.headers['content-type']) files.contentType = page.headers['content-type'];
    const meta = {
      url: record.url,
      finalUrl: page.finalUrl,
      portal: record.portal,
      title: record.title,
      year: record.year,
      region: record.region,
      issuer: record.issuer,
      published: record.published,
      encoding: record.encoding,
      fetchedAt: page.fetchedAt,
      contentHash: hash,
      images: record.images,
    };
    await writeReportFiles(this.storageDir, folder, record, files, meta);
    const storedImages = new Set(images.filter((i) => i.bytes).map((i) => i.file));
    const id = upsertReport(this.db, record, { contentHash: hash, fetchedAt: page.fetchedAt, folder, storedImages });
    // A report refiled under another region or year leaves its old folder behind otherwise.
    if (existing && existing.folder !== folder) await removeReportFiles(this.storageDir, existing.folder);
    return { id, outcome: existing ? 'updated' : 'added', folder };
  }

  close(): void {
    this.db.close();
  }
}
