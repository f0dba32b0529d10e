/**
 * Opening the archive database and reading/writing report rows. Writes happen in one transaction
 * per report, after its files are in place, so the index never points at missing files.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { MIGRATIONS } from './schema.js';
import { XxgkError } from '../errors.js';
import type { ArchivedReport, BodyImage, PortalSeed, ReportRecord, SpamFinding, SpamKind } from '../types.js';

export type Db = Database.Database;

export function openArchiveDb(path: string, options: { readonly?: boolean } = {}): Db {
  if (path !== ':memory:' && !options.readonly) mkdirSync(dirname(path), { recursive: true });
  let db: Db;
  try {
    db = new Database(path, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
  } catch (cause) {
    throw new XxgkError(`cannot open archive ${path}: ${(cause as Error).message}`, 'archive', undefined, false, { cause });
  }
  if (!options.readonly) {
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    migrate(db);
  } else if ((db.pragma('user_version', { simple: true }) as number) < MIGRATIONS.length) {
    db.close();
    throw new XxgkError(`archive ${path} was written by an older version: run "xxgk reprocess" once to upgrade it`, 'archive');
  }
  return db;
}

function migrate(db: Db): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  for (let i = version; i < MIGRATIONS.length; i++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[i]!);
      db.pragma(`user_version = ${i + 1}`);
    })();
  }
}

export interface ReportRow {
  id: number;
  url: string;
  portal: string;
  title: string;
  year: number;
  region_code: string;
  region_name: string;
  issuer: string;
  published: string | null;
  text: string;
  encoding: string;
  content_hash: string;
  fetched_at: string;
  folder: string;
  final_url: string | null;
  content_type: string | null;
  listing_title: string | null;
  listing_date: string | null;
  record_hash: string | null;
}

interface ImageRow {
  url: string;
  file: string;
  ref: string;
  alt: string | null;
}

interface SpamRow {
  kind: string;
  found: string;
  replacement: string;
  location: string;
}

export function rowToReport(db: Db, row: ReportRow): ArchivedReport {
  const images = (
    db.prepare('SELECT url, file, ref, alt FROM report_images WHERE report_id = ? ORDER BY position').all(row.id) as ImageRow[]
  ).map((i): BodyImage => (i.alt ? { url: i.url, file: i.file, ref: i.ref, alt: i.alt } : { url: i.url, file: i.file, ref: i.ref }));
  const spam = (
    db.prepare('SELECT kind, found, replacement, location FROM report_spam WHERE report_id = ? ORDER BY position').all(row.id) as SpamRow[]
  ).map((s): SpamFinding => ({ kind: s.kind as SpamKind, found: s.found, replacement: s.replacement, where: s.location }));
  const report: ArchivedReport = {
    id: row.id,
    url: row.url,
    portal: row.portal,
    title: row.title,
    year: row.year,
    region: { code: row.region_code, name: row.region_name },
    issuer: row.issuer,
    text: row.text,
    images,
    encoding: row.encoding,
    spam,
    contentHash: row.content_hash,
    fetchedAt: row.fetched_at,
    folder: row.folder,
  };
  if (row.published) report.published = row.published;
  if (row.listing_title) report.listing = row.listing_date ? { title: row.listing_title, date: row.listing_date } : { title: row.listing_title };
  return report;
}

export interface ExistingReport {
  id: number;
  content_hash: string;
  record_hash: string | null;
  folder: string;
}

export function findByUrl(db: Db, url: string): ExistingReport | undefined {
  return db.prepare('SELECT id, content_hash, record_hash, folder FROM reports WHERE url = ?').get(url) as ExistingReport | undefined;
}

export interface RowExtras {
  contentHash: string;
  recordHash: string;
  fetchedAt: string;
  folder: string;
  finalUrl: string;
  contentType?: string;
  storedImages: Set<string>;
}

/** Inserts or replaces the row for the report's URL, with its images and spam findings; returns its id. */
export function upsertReport(db: Db, record: ReportRecord, extra: RowExtras): number {
  return db.transaction(() => {
    const params = {
      url: record.url,
      portal: record.portal,
      title: record.title,
      year: record.year,
      region_code: record.region.code,
      region_name: record.region.name,
      issuer: record.issuer,
      published: record.published ?? null,
      text: record.text,
      encoding: record.encoding,
      content_hash: extra.contentHash,
      record_hash: extra.recordHash,
      fetched_at: extra.fetchedAt,
      folder: extra.folder,
      final_url: extra.finalUrl,
      content_type: extra.contentType ?? null,
      listing_title: record.listing?.title ?? null,
      listing_date: record.listing?.date ?? null,
    };
    const columns = Object.keys(params);
    const existing = findByUrl(db, record.url);
    let id: number;
    if (existing) {
      id = existing.id;
      db.prepare(`UPDATE reports SET ${columns.map((c) => `${c}=@${c}`).join(', ')} WHERE id=@id`).run({ ...params, id });
      db.prepare('DELETE FROM report_images WHERE report_id = ?').run(id);
      db.prepare('DELETE FROM report_spam WHERE report_id = ?').run(id);
    } else {
      const sql = `INSERT INTO reports (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`;
      id = Number(db.prepare(sql).run(params).lastInsertRowid);
    }
    const insertImage = db.prepare(
      'INSERT INTO report_images (report_id, position, url, file, ref, alt, stored) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    record.images.forEach((image, position) =>
      insertImage.run(id, position, image.url, image.file, image.ref, image.alt ?? null, extra.storedImages.has(image.file) ? 1 : 0),
    );
    const insertSpam = db.prepare('INSERT INTO report_spam (report_id, position, kind, found, replacement, location) VALUES (?, ?, ?, ?, ?, ?)');
    record.spam.forEach((finding, position) => insertSpam.run(id, position, finding.kind, finding.found, finding.replacement, finding.where));
    return id;
  })();
}

/** Remembers the portals crawled, so reports can be reprocessed without the seed files. */
export function upsertPortals(db: Db, seeds: Pick<PortalSeed, 'id' | 'name' | 'region'>[], now: string): void {
  const statement = db.prepare(
    'INSERT INTO portals (id, name, region, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET name = excluded.name, region = excluded.region, updated_at = excluded.updated_at',
  );
  db.transaction(() => seeds.forEach((s) => statement.run(s.id, s.name, s.region, now)))();
}

export function getPortal(db: Db, id: string): Pick<PortalSeed, 'id' | 'name' | 'region'> | undefined {
  return db.prepare('SELECT id, name, region FROM portals WHERE id = ?').get(id) as Pick<PortalSeed, 'id' | 'name' | 'region'> | undefined;
}
