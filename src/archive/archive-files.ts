/**
 * The archive's files: one folder per report under archive/<region code>/<year>/, holding the raw
 * bytes exactly as fetched, the clean text, the body's images and a meta.json that makes the folder
 * readable without the database. Folders are written whole into a temporary name and renamed, so a
 * crash never leaves half a report.
 */
import { createHash } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { ReportRecord } from '../types.js';

export interface ReportFiles {
  raw: Buffer;
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

export function rawFileName(url: string): string {
  const ext = extname(new URL(url).pathname).toLowerCase();
  return `page${/^\.(s?html?|jsp|aspx?|php)$/.test(ext) ? ext : '.html'}`;
}

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
  await writeFile(join(temp, rawFileName(record.url)), files.raw);
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
