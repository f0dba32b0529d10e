/**
 * The archive's files: one folder per report under archive/<region code>/<year>/, holding the raw
 * bytes exactly as fetched, the clean text, the body's images and a meta.json that makes the folder
 * readable without the database. Folders are written whole into a temporary name and renamed, so a
 * crash never leaves half a report.
 */
import { createHash } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { isDocumentType } from '../read/file-type.js';
import type { FileType } from '../read/file-types.js';
import type { ReportRecord } from '../types.js';

export interface ReportFiles {
  raw: Buffer;
  /** Name of the raw file in the folder (rawFileName). */
  rawFile: string;
  /** Files the page offered, by their path in the folder (ReportAttachment.file). */
  attachments: { file: string; bytes: Buffer }[];
  /** Content-Type the server sent with the raw bytes. */
  contentType?: string;
  images: { file: string; bytes: Buffer | undefined }[];
}

export function urlKey(url: string): string {
  return createHash('sha256').update(url).digest('hex').slice(0, 16);
}

/** Folder of a report relative to the storage directory. */
export function reportFolder(record: Pick<ReportRecord, 'url' | 'region' | 'year'>): string {
  return join('archive', record.region.code, String(record.year), urlKey(record.url));
}

/**
 * The raw file's name in a report's folder: page.<ext of a page's URL> for pages, page.<type> for a
 * report that is itself a file (a PDF linked from the listing, whatever its URL says).
 */
export function rawFileName(url: string, type?: FileType): string {
  if (type && type !== 'html' && isDocumentType(type)) return `page.${type}`;
  const ext = extname(new URL(url).pathname).toLowerCase();
  return `page${/^\.(s?html?|jsp|aspx?|php)$/.test(ext) ? ext : '.html'}`;
}

/** Attachments live under this folder of the report's; ReportAttachment.file includes it. */
export const ATTACHMENTS_DIR = 'attachments';

export async function writeReportFiles(
  storageDir: string,
  folder: string,
  record: ReportRecord,
  files: ReportFiles,
  meta: Record<string, unknown>,
): Promise<void> {
  const target = join(storageDir, folder);
  const temp = `${target}.tmp-${process.pid}`;
  await rm(temp, { recursive: true, force: true });
  await mkdir(join(temp, 'images'), { recursive: true });
  await writeFile(join(temp, files.rawFile), files.raw);
  if (files.attachments.length) await mkdir(join(temp, ATTACHMENTS_DIR), { recursive: true });
  for (const a of files.attachments) {
    // Names are made safe when the record is built; this keeps a bad one from leaving the folder.
    const path = resolve(temp, a.file);
    if (!path.startsWith(resolve(temp, ATTACHMENTS_DIR) + sep)) throw new Error(`unsafe attachment path: ${a.file}`);
    await writeFile(path, a.bytes);
  }
  await writeFile(join(temp, 'text.txt'), `${record.title}\n\n${record.text}\n`);
  for (const image of files.images) {
    if (image.bytes) await writeFile(join(temp, 'images', image.file), image.bytes);
  }
  await writeFile(join(temp, 'meta.json'), `${JSON.stringify({ ...meta, contentType: files.contentType }, null, 2)}\n`);
  await rm(target, { recursive: true, force: true });
  await rename(temp, target);
}

export async function removeReportFiles(storageDir: string, folder: string): Promise<void> {
  await rm(join(storageDir, folder), { recursive: true, force: true });
}
