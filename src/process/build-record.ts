/**
 * One report from its fetched bytes to a record ready to file, with everything it needs read: the
 * page (or the file the listing linked), its images' tables (OCR), and the files it offers. The
 * crawler gets images and files from the network, `xxgk reprocess` from the archive's folder;
 * both build records here, so the two never drift apart.
 */
import type { AttachmentLink, FetchedPage, ListingHint, ReportRecord } from '../types.js';
import type { FileContent, FileType, ReadLimits } from '../read/file-types.js';
import { FileReadError } from '../read/file-types.js';
import { sniffFileType, isDocumentType } from '../read/file-type.js';
import { attachmentName } from '../read/file-name.js';
import { readReportPage, type PortalInfo } from './report-page.js';
import { notFoundNotice } from './soft-not-found.js';
import { SoftNotFoundError } from '../errors.js';
import { addImageTables, type StoredImage, type TableImageReader } from './image-tables.js';
import { fileAsReport, withAttachments, withScansRead, type PageOcr, type ReadFile } from './report-files.js';

/** Where a report's images and files come from, and what reads them. */
export interface RecordSources {
  /** An image of the page; undefined when it could not be had. */
  image(url: string, file: string): Promise<Buffer | undefined>;
  /** A file the page offers, with the headers it came with; an error message when it could not be had. */
  file(link: AttachmentLink): Promise<{ bytes: Buffer; headers: Record<string, string> } | { error: string }>;
  /** Reads a file of a known type (src/read/index.ts readFileContent). */
  read(bytes: Buffer, type: FileType, limits?: ReadLimits): Promise<FileContent>;
  tableReader?: TableImageReader;
  ocr?: PageOcr;
  limits?: ReadLimits;
  /** Whether the report is wanted at all (a backfill's years), asked before its images and files are fetched. */
  wanted?: (record: ReportRecord) => boolean;
}

export interface BuiltRecord {
  record: ReportRecord;
  images: StoredImage[];
  /** Bytes of record.attachments, by their path in the report's folder. */
  attachments: { file: string; bytes: Buffer }[];
}

/** Files read per report page at most: a page listing fifty downloads is a download page, not a report. */
const MAX_ATTACHMENTS = 10;

/** The report ready to file, or undefined when `sources.wanted` turns it down. */
export async function buildRecord(page: FetchedPage, portal: PortalInfo, listing: ListingHint | undefined, sources: RecordSources): Promise<BuiltRecord | undefined> {
  const wanted = sources.wanted ?? (() => true);
  const type = sniffFileType(page.body);
  if (isDocumentType(type)) {
    const name = attachmentName(page.headers['content-disposition'], listing?.title, page.finalUrl);
    const file = await readOne(page.url, name, page.body, type, sources);
    const record = fileAsReport(page, file, portal, listing, file.ocrUsed ? 'ocr' : type);
    return wanted(record) ? { record, images: [], attachments: [] } : undefined;
  }
  const { record, attachments: links } = readReportPage(page, portal, listing);
  // Checked before the listing's title can make a report of it: the error page has none of its own.
  const notice = links.length ? undefined : notFoundNotice(record.text);
  if (notice) throw new SoftNotFoundError(page.url, notice);
  if (!wanted(record)) return undefined;
  const images: StoredImage[] = [];
  for (const image of record.images) images.push({ file: image.file, bytes: await sources.image(image.url, image.file) });
  let filed = await addImageTables(record, images, sources.tableReader);
  const files: (ReadFile & { ocrUsed: boolean })[] = [];
  for (const link of links.slice(0, MAX_ATTACHMENTS)) {
    const got = await sources.file(link);
    if ('error' in got) {
      files.push({ url: link.url, name: attachmentName(undefined, link.text, link.url), bytes: Buffer.alloc(0), type: 'unknown', error: got.error, ocrUsed: false });
      continue;
    }
    const fileType = sniffFileType(got.bytes);
    const name = attachmentName(got.headers['content-disposition'], link.text, link.url);
    // A link that answers with a page (a login wall, 文件不存在) is no attachment.
    if (fileType === 'html') continue;
    files.push(await readOne(link.url, name, got.bytes, fileType, sources));
  }
  const sourcesOfText = new Map(files.filter((f) => f.ocrUsed).map((f) => [f.url, 'ocr' as const]));
  filed = withAttachments(filed, files, sourcesOfText);
  // withAttachments describes the files in order, one each; the bytes go where it placed them.
  const stored = (filed.attachments ?? []).map((a, i) => ({ file: a.file, bytes: files[i]!.bytes })).filter((a) => a.file);
  return { record: filed, images, attachments: stored };
}

/** A file read, its scans by OCR; a file that cannot be read is kept with the reason. */
async function readOne(url: string, name: string, bytes: Buffer, type: FileType, sources: RecordSources): Promise<ReadFile & { ocrUsed: boolean }> {
  if (!isDocumentType(type)) return { url, name, bytes, type, error: `not a document (${type})`, ocrUsed: false };
  try {
    const read = await withScansRead(await sources.read(bytes, type, sources.limits), sources.ocr);
    return { url, name, bytes, type, content: read.content, ocrUsed: read.ocrUsed };
  } catch (error) {
    const reason = error instanceof FileReadError ? `${error.failure}: ${error.message}` : (error as Error).message;
    return { url, name, bytes, type, error: reason, ocrUsed: false };
  }
}
