/**
 * The archive's files: one folder per report under archive/<region code>/<year>/, holding the raw
 * bytes exactly as fetched, the clean text, the body's images and a meta.json that makes the folder
 * readable without the database. Folders are written whole into a temporary name and renamed, so a
 * crash never leaves half a report; a folder being replaced is renamed aside first and removed
 * only once the index describes the new one (ReportArchive.save puts it back when the index cannot
 * be written), so at every instant either the old or the new folder is in place or can be put back
 * (leftovers are recognised by their names, see parseLeftover, and resolved by `xxgk verify --repair`).
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
  await (await placeReportFiles(storageDir, folder, record, files, meta)).commit();
}

/**
 * A folder moved into place whose index row is still to be written. Until `commit`, the folder it
 * replaced is kept aside (`<target>.old-<pid>`), so that `undo` can put it back when the index
 * cannot be updated (a full disk: SQLITE_FULL): the index and the folders then still describe the
 * same fetch, as if this one had never happened.
 */
export interface PlacedFolder {
  /** The index row is written: the replaced folder goes (a failure to remove it is left to verify). */
  commit(): Promise<void>;
  /** The index row could not be written: the new folder goes and the replaced one comes back. */
  undo(): Promise<void>;
}

/**
 * Writes a report's folder under a temporary name and moves it into place (see PlacedFolder). A
 * write that fails (ENOSPC, EIO) removes its temporary folder: what a failed write leaves behind
 * must not fill the disk further nor wait for `verify --repair`.
 */
export async function placeReportFiles(
  storageDir: string,
  folder: string,
  record: ReportRecord,
  files: ReportFiles,
  meta: Record<string, unknown>,
): Promise<PlacedFolder> {
  const target = join(storageDir, folder);
  const temp = leftoverPath(target, 'tmp', process.pid);
  await rm(temp, { recursive: true, force: true });
  try {
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
  } catch (error) {
    await rm(temp, { recursive: true, force: true }).catch(() => undefined);
    throw error;
  }
  return placeFolder(temp, target);
}

/**
 * Puts a complete folder in place of `target`. Removing the old folder before the rename (as this
 * once did) left a window in which the index pointed at no folder at all; renames are atomic, so
 * the old folder is moved aside, the new one in, and only then is the old one removed. A crash
 * leaves `<target>.old-<pid>` beside (or instead of) the target, which verify puts back or removes.
 */
export async function replaceFolder(source: string, target: string): Promise<void> {
  await (await placeFolder(source, target)).commit();
}

async function placeFolder(source: string, target: string): Promise<PlacedFolder> {
  const aside = leftoverPath(target, 'aside', process.pid);
  await rm(aside, { recursive: true, force: true });
  let hadOld = true;
  try {
    await rename(target, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      await rm(source, { recursive: true, force: true }).catch(() => undefined);
      throw error;
    }
    hadOld = false;
  }
  try {
    await rename(source, target);
  } catch (error) {
    if (hadOld) await rename(aside, target).catch(() => undefined);
    await rm(source, { recursive: true, force: true }).catch(() => undefined);
    throw error;
  }
  return {
    commit: async () => {
      if (hadOld) await rm(aside, { recursive: true, force: true }).catch(() => undefined);
    },
    undo: async () => {
      await rm(target, { recursive: true, force: true });
      if (hadOld) await rename(aside, target);
    },
  };
}

/** A temporary folder being written (`tmp`) or a replaced folder not yet removed (`aside`). */
export type LeftoverKind = 'tmp' | 'aside';

const LEFTOVER_SUFFIX: Record<LeftoverKind, string> = { tmp: '.tmp-', aside: '.old-' };

export function leftoverPath(target: string, kind: LeftoverKind, pid: number): string {
  return `${target}${LEFTOVER_SUFFIX[kind]}${pid}`;
}

/** Recognises a leftover by its name: the folder it belongs to (same directory), its kind and writer. */
export function parseLeftover(name: string): { base: string; kind: LeftoverKind; pid: number } | undefined {
  const m = /^(.+)\.(tmp|old)-(\d+)$/.exec(name);
  if (!m) return undefined;
  return { base: m[1]!, kind: m[2] === 'tmp' ? 'tmp' : 'aside', pid: Number(m[3]) };
}

/** Whether the process that named a leftover still runs (it may be writing it right now). */
export function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export async function removeReportFiles(storageDir: string, folder: string): Promise<void> {
  await rm(join(storageDir, folder), { recursive: true, force: true });
}
