/**
 * The archive as the crawler sees it: hand it a filed report with its raw bytes and images, and
 * it lands on disk and in the index, or is recognised as already there.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { findByUrl, openArchiveDb, upsertPortals, upsertReport, type Db, type ExistingReport, type RowExtras } from './archive-db.js';
import { readFile } from 'node:fs/promises';
import { placeReportFiles, rawFileName, removeReportFiles, reportFolder, type ReportFiles } from './archive-files.js';
import { setAsideCurrentVersion } from './report-versions.js';
import type { FetchedPage, PortalSeed, ReportRecord } from '../types.js';
import { sniffFileType } from '../read/file-type.js';

/**
 * added: new URL. unchanged: nothing filed differs. updated: refiled in place (better rules, new
 * metadata) from the same page. changed: the portal changed the page and its clean text; the
 * previous version is kept.
 */
export type SaveOutcome = 'added' | 'unchanged' | 'updated' | 'changed';

export interface SaveResult {
  id: number;
  outcome: SaveOutcome;
  folder: string;
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function contentHash(record: Pick<ReportRecord, 'title' | 'text'>): string {
  return createHash('sha256').update(`${record.title}\n${record.text}`).digest('hex');
}

/** Everything that filing decided; a report whose record hash is unchanged needs no write. */
function recordHash(record: ReportRecord): string {
  const { url, portal, title, year, region, issuer, published, text, images, encoding, spam, listing, tables, statistics, textSource, attachments } = record;
  return createHash('sha256')
    .update(JSON.stringify({ url, portal, title, year, region, issuer, published, text, images, encoding, spam, listing, tables, statistics, textSource, attachments }))
    .digest('hex');
}

export class ReportArchive {
  readonly db: Db;

  constructor(readonly storageDir: string, db?: Db) {
    this.db = db ?? openArchiveDb(join(storageDir, 'archive.sqlite'));
  }

  rememberPortals(seeds: Pick<PortalSeed, 'id' | 'name' | 'region'>[], now = new Date()): void {
    upsertPortals(this.db, seeds, now.toISOString());
  }

  /**
   * `attachments` are the bytes of the files in record.attachments, by their `file` path (none for
   * a report that is itself a file: its bytes are the page's).
   */
  async save(
    record: ReportRecord,
    page: FetchedPage,
    images: { file: string; bytes: Buffer | undefined }[],
    attachments: { file: string; bytes: Buffer }[] = [],
  ): Promise<SaveResult> {
    const hash = recordHash(record);
    const rawHash = sha256(page.body);
    const existing = findByUrl(this.db, record.url);
    const folder = reportFolder(record);
    if (existing && existing.record_hash === hash && existing.folder === folder) {
      return { id: existing.id, outcome: 'unchanged', folder };
    }
    const changed =
      existing !== undefined && existing.content_hash !== contentHash(record) && (await this.storedRawHash(existing, record.url)) !== rawHash;
    const keepVersion = changed ? await setAsideCurrentVersion(this.db, this.storageDir, existing.id, new Date().toISOString()) : undefined;
    const rawFile = rawFileName(record.url, sniffFileType(page.body));
    const files: ReportFiles = { raw: page.body, rawFile, images, attachments };
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
      contentHash: contentHash(record),
      listing: record.listing,
      images: record.images,
      spam: record.spam,
      template: record.statistics.template,
      figures: record.statistics.figures,
      checks: record.statistics.checks,
      rawFile,
      textSource: record.textSource ?? 'html',
      tableSources: record.tables.map((t) => ({ title: t.title, source: t.source })),
      attachments: record.attachments ?? [],
    };
    let placed;
    try {
      placed = await placeReportFiles(this.storageDir, folder, record, files, meta);
    } catch (error) {
      await keepVersion?.discard();
      throw error;
    }
    const extras: RowExtras = {
      contentHash: contentHash(record),
      recordHash: hash,
      fetchedAt: page.fetchedAt,
      folder,
      finalUrl: page.finalUrl,
      storedImages: new Set(images.filter((i) => i.bytes).map((i) => i.file)),
      rawHash,
      rawFile,
    };
    if (page.headers['content-type']) extras.contentType = page.headers['content-type'];
    if (page.headers.etag) extras.etag = page.headers.etag;
    if (page.headers['last-modified']) extras.lastModified = page.headers['last-modified'];
    if (keepVersion) extras.inTransaction = keepVersion.record;
    let id: number;
    try {
      id = upsertReport(this.db, record, extras);
    } catch (error) {
      // The index row could not be written (SQLITE_FULL on a full disk): the folder goes back to
      // what the index describes, so no folder is left without its row or with another fetch's files.
      await placed.undo().catch(() => undefined);
      await keepVersion?.discard();
      throw error;
    }
    await placed.commit();
    // A report refiled under another region or year leaves its old folder behind otherwise.
    if (existing && existing.folder !== folder) await removeReportFiles(this.storageDir, existing.folder);
    return { id, outcome: !existing ? 'added' : changed ? 'changed' : 'updated', folder };
  }

  /** Archives from before raw hashes were recorded: hash the stored raw file. */
  private async storedRawHash(existing: ExistingReport, url: string): Promise<string | undefined> {
    if (existing.raw_hash) return existing.raw_hash;
    const raw = await readFile(join(this.storageDir, existing.folder, existing.raw_file ?? rawFileName(url))).catch(() => undefined);
    return raw ? sha256(raw) : undefined;
  }

  close(): void {
    this.db.close();
  }
}
