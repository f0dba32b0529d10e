/**
 * Opening the archive database and reading/writing report rows. Writes happen in one transaction
 * per report, after its files are in place, so the index never points at missing files.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { MIGRATIONS } from './schema.js';
import { XxgkError } from '../errors.js';
import type { ArchivedReport, BodyImage, ReportRecord } from '../types.js';

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

interface ReportRow {
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
}

interface ImageRow {
  url: string;
  file: string;
  ref: string;
  alt: string | null;
}

export function rowToReport(db: Db, row: ReportRow): ArchivedReport {
  const images = (
    db.prepare('SELECT url, file, ref, alt FROM report_images WHERE report_id = ? ORDER BY position').all(row.id) as ImageRow[]
  ).map((i): BodyImage => (i.alt ? { url: i.url, file: i.file, ref: i.ref, alt: i.alt } : { url: i.url, file: i.file, ref: i.ref }));
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
    contentHash: row.content_hash,
    fetchedAt: row.fetched_at,
    folder: row.folder,
  };
  if (row.published) report.published = row.published;
  return report;
}

export function findByUrl(db: Db, url: string): { id: number; content_hash: string; folder: string } | undefined {
  return db.prepare('SELECT id, content_hash, folder FROM reports WHERE url = ?').get(url) as
    | { id: number; content_hash: string; folder: string }
    | undefined;
}

/** Inserts or replaces the row for the report's URL; returns its id. */
export function upsertReport(
  db: Db,
  record: ReportRecord,
  extra: { contentHash: string; fetchedAt: string; folder: string; storedImages: Set<string> },
): number {
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
      fetched_at: extra.fetchedAt,
      folder: extra.folder,
    };
    const existing = findByUrl(db, record.url);
    let id: number;
    if (existing) {
      id = existing.id;
      db.prepare(
        `UPDATE reports SET portal=@portal, title=@title, year=@year, region_code=@region_code, region_name=@region_name,
         issuer=@issuer, published=@published, text=@text, encoding=@encoding, content_hash=@content_hash,
         fetched_at=@fetched_at, folder=@folder WHERE id=@id`,
      ).run({ ...params, id });
      db.prepare('DELETE FROM report_images WHERE report_id = ?').run(id);
    } else {
      id = Number(
        db
          .prepare(
            `INSERT INTO reports (url, portal, title, year, region_code, region_name, issuer, published, text, encoding,
             content_hash, fetched_at, folder) VALUES (@url, @portal, @title, @year, @region_code, @region_name, @issuer,
             @published, @text, @encoding, @content_hash, @fetched_at, @folder)`,
          )
          .run(params).lastInsertRowid,
      );
    }
    const insertImage = db.prepare(
      'INSERT INTO report_images (report_id, position, url, file, ref, alt, stored) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    record.images.forEach((image, position) =>
      insertImage.run(id, position, image.url, image.file, image.ref, image.alt ?? null, extra.storedImages.has(image.file) ? 1 : 0),
    );
    return id;
  })();
}

export type { ReportRow };
