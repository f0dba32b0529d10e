/**
 * Opening the archive database and reading/writing report rows. Writes happen in one transaction
 * per report, after its files are in place, so the index never points at missing files.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { MIGRATIONS } from './schema.js';
import { registerArchiveFunctions } from './cjk-bigrams.js';
import { XxgkError } from '../errors.js';
import type { ArchivedReport, BodyImage, ExtractedTable, FigureCheck, PortalSeed, ReportAttachment, ReportFigures, ReportRecord, ReportTemplate, SpamFinding, SpamKind, TableSource, TextSource } from '../types.js';
import type { FileType } from '../read/file-types.js';

export type Db = Database.Database;

export function openArchiveDb(path: string, options: { readonly?: boolean } = {}): Db {
  if (path !== ':memory:' && !options.readonly) mkdirSync(dirname(path), { recursive: true });
  let db: Db;
  try {
    db = new Database(path, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
  } catch (cause) {
    throw new XxgkError(`cannot open archive ${path}: ${(cause as Error).message}`, 'archive', undefined, false, { cause });
  }
  // Before migrating: the pair index's migration and triggers call it.
  registerArchiveFunctions(db);
  if (!options.readonly) {
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    migrate(db);
  } else if ((db.pragma('user_version', { simple: true }) as number) < MIGRATIONS.length) {
    db.close();
    throw new XxgkError(`archive ${path} was written by an older version: run any xxgk command that reads it, with write access to it, once to upgrade it`, 'archive');
  }
  return db;
}

/**
 * Whether the archive at `path` was written by an older version of the schema: reading commands
 * upgrade it (openArchiveDb writable) before opening it read-only. Migrations add tables and
 * indexes and fill them; they never rewrite what a crawl filed.
 */
export function archiveNeedsUpgrade(path: string): boolean {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return (db.pragma('user_version', { simple: true }) as number) < MIGRATIONS.length;
  } finally {
    db.close();
  }
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
  template: string | null;
  version: number;
  raw_hash: string | null;
  etag: string | null;
  last_modified: string | null;
  text_source: string | null;
  raw_file: string | null;
}

interface AttachmentRow {
  url: string;
  file: string;
  name: string;
  type: string;
  bytes: number;
  sha256: string;
  pages: number | null;
  role: string;
  error: string | null;
}

interface ImageRow {
  url: string;
  file: string;
  ref: string;
  alt: string | null;
}

interface TableRow {
  title: string;
  source: string;
  rows_json: string;
  images_json: string | null;
}

interface FigureRow {
  key: string;
  value: number;
  uncertain: number;
}

interface CheckRow {
  rule: string;
  ok: number;
  detail: string;
}

function readStatistics(db: Db, row: ReportRow): { tables: ExtractedTable[]; statistics: ReportFigures } {
  const tables = (
    db.prepare('SELECT title, source, rows_json, images_json FROM report_tables WHERE report_id = ? ORDER BY position').all(row.id) as TableRow[]
  ).map((t): ExtractedTable => {
    const table: ExtractedTable = { title: t.title, source: t.source as TableSource, rows: JSON.parse(t.rows_json) as string[][] };
    if (t.images_json) table.images = JSON.parse(t.images_json) as string[];
    return table;
  });
  const figureRows = db.prepare('SELECT key, value, uncertain FROM report_figures WHERE report_id = ? ORDER BY key').all(row.id) as FigureRow[];
  const checks = (
    db.prepare('SELECT rule, ok, detail FROM report_checks WHERE report_id = ? ORDER BY position').all(row.id) as CheckRow[]
  ).map((c): FigureCheck => ({ rule: c.rule, ok: c.ok === 1, detail: c.detail }));
  const statistics: ReportFigures = {
    figures: Object.fromEntries(figureRows.map((f) => [f.key, f.value])),
    checks,
    uncertain: figureRows.filter((f) => f.uncertain).map((f) => f.key),
  };
  if (row.template) statistics.template = row.template as ReportTemplate;
  return { tables, statistics };
}

interface SpamRow {
  kind: string;
  found: string;
  replacement: string;
  location: string;
  evidence: string | null;
  confidence: number | null;
}

export function rowToReport(db: Db, row: ReportRow): ArchivedReport {
  const images = (
    db.prepare('SELECT url, file, ref, alt FROM report_images WHERE report_id = ? ORDER BY position').all(row.id) as ImageRow[]
  ).map((i): BodyImage => (i.alt ? { url: i.url, file: i.file, ref: i.ref, alt: i.alt } : { url: i.url, file: i.file, ref: i.ref }));
  const spam = (
    db.prepare('SELECT kind, found, replacement, location, evidence, confidence FROM report_spam WHERE report_id = ? ORDER BY position').all(row.id) as SpamRow[]
  ).map((s): SpamFinding => ({
    kind: s.kind as SpamKind,
    found: s.found,
    replacement: s.replacement,
    where: s.location,
    ...(s.evidence !== null ? { evidence: s.evidence } : {}),
    ...(s.confidence !== null ? { confidence: s.confidence } : {}),
  }));
  const { tables, statistics } = readStatistics(db, row);
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
    tables,
    statistics,
    contentHash: row.content_hash,
    fetchedAt: row.fetched_at,
    folder: row.folder,
    version: row.version,
    previousVersions: (
      db.prepare('SELECT version, fetched_at, content_hash, folder FROM report_versions WHERE report_id = ? ORDER BY version').all(row.id) as {
        version: number;
        fetched_at: string;
        content_hash: string;
        folder: string;
      }[]
    ).map((v) => ({ version: v.version, fetchedAt: v.fetched_at, contentHash: v.content_hash, folder: v.folder })),
  };
  if (row.published) report.published = row.published;
  if (row.text_source) report.textSource = row.text_source as TextSource;
  const attachments = (
    db.prepare('SELECT url, file, name, type, bytes, sha256, pages, role, error FROM report_attachments WHERE report_id = ? ORDER BY position').all(row.id) as AttachmentRow[]
  ).map(
    (a): ReportAttachment => ({
      url: a.url,
      file: a.file,
      name: a.name,
      type: a.type as FileType,
      bytes: a.bytes,
      sha256: a.sha256,
      ...(a.pages !== null ? { pages: a.pages } : {}),
      role: a.role as ReportAttachment['role'],
      ...(a.error !== null ? { error: a.error } : {}),
    }),
  );
  if (attachments.length) report.attachments = attachments;
  if (row.listing_title) report.listing = row.listing_date ? { title: row.listing_title, date: row.listing_date } : { title: row.listing_title };
  return report;
}

export interface ExistingReport {
  id: number;
  content_hash: string;
  record_hash: string | null;
  raw_hash: string | null;
  raw_file: string | null;
  folder: string;
  version: number;
}

export function findByUrl(db: Db, url: string): ExistingReport | undefined {
  return db.prepare('SELECT id, content_hash, record_hash, raw_hash, raw_file, folder, version FROM reports WHERE url = ?').get(url) as
    | ExistingReport
    | undefined;
}

export interface RowExtras {
  contentHash: string;
  recordHash: string;
  fetchedAt: string;
  folder: string;
  finalUrl: string;
  contentType?: string;
  storedImages: Set<string>;
  rawHash: string;
  /** The raw file's name in the report's folder. */
  rawFile: string;
  /** HTTP validators the page came with, for conditional refetches. */
  etag?: string;
  lastModified?: string;
  /** Runs inside the write transaction after the row is written (version bookkeeping). */
  inTransaction?: () => void;
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
      template: record.statistics.template ?? null,
      raw_hash: extra.rawHash,
      etag: extra.etag ?? null,
      last_modified: extra.lastModified ?? null,
      text_source: record.textSource ?? null,
      raw_file: extra.rawFile,
    };
    const columns = Object.keys(params);
    const existing = findByUrl(db, record.url);
    let id: number;
    if (existing) {
      id = existing.id;
      db.prepare(`UPDATE reports SET ${columns.map((c) => `${c}=@${c}`).join(', ')} WHERE id=@id`).run({ ...params, id });
      db.prepare('DELETE FROM report_images WHERE report_id = ?').run(id);
      for (const table of ['report_spam', 'report_tables', 'report_figures', 'report_checks', 'report_check_counts', 'report_attachments']) {
        db.prepare(`DELETE FROM ${table} WHERE report_id = ?`).run(id);
      }
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
    const insertSpam = db.prepare('INSERT INTO report_spam (report_id, position, kind, found, replacement, location, evidence, confidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    record.spam.forEach((finding, position) =>
      insertSpam.run(id, position, finding.kind, finding.found, finding.replacement, finding.where, finding.evidence ?? null, finding.confidence ?? null),
    );
    writeStatistics(db, id, record);
    const insertAttachment = db.prepare(
      'INSERT INTO report_attachments (report_id, position, url, file, name, type, bytes, sha256, pages, role, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    (record.attachments ?? []).forEach((a, position) =>
      insertAttachment.run(id, position, a.url, a.file, a.name, a.type, a.bytes, a.sha256, a.pages ?? null, a.role, a.error ?? null),
    );
    extra.inTransaction?.();
    return id;
  })();
}

function writeStatistics(db: Db, id: number, record: ReportRecord): void {
  const insertTable = db.prepare('INSERT INTO report_tables (report_id, position, title, source, rows_json, images_json) VALUES (?, ?, ?, ?, ?, ?)');
  record.tables.forEach((t, position) =>
    insertTable.run(id, position, t.title, t.source, JSON.stringify(t.rows), t.images ? JSON.stringify(t.images) : null),
  );
  const uncertain = new Set(record.statistics.uncertain);
  const insertFigure = db.prepare('INSERT INTO report_figures (report_id, key, value, uncertain) VALUES (?, ?, ?, ?)');
  for (const [key, value] of Object.entries(record.statistics.figures)) insertFigure.run(id, key, value, uncertain.has(key) ? 1 : 0);
  const insertCheck = db.prepare('INSERT INTO report_checks (report_id, position, rule, ok, detail) VALUES (?, ?, ?, ?, ?)');
  record.statistics.checks.forEach((c, position) => insertCheck.run(id, position, c.rule, c.ok ? 1 : 0, c.detail));
  const checks = record.statistics.checks;
  if (checks.length) db.prepare('INSERT INTO report_check_counts (report_id, checks, failed) VALUES (?, ?, ?)').run(id, checks.length, checks.filter((c) => !c.ok).length);
}

/** Remembers the portals crawled, so reports can be reprocessed without the seed files. */
export function upsertPortals(db: Db, seeds: Pick<PortalSeed, 'id' | 'name' | 'region'>[], now: string): void {
  const statement = db.prepare(
    'INSERT INTO portals (id, name, region, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET name = excluded.name, region = excluded.region, updated_at = excluded.updated_at',
  );
  db.transaction(() => seeds.forEach((s) => statement.run(s.id, s.name, s.region, now)))();
}

/**
 * Texts of the newest archived reports in which the spam stage found nothing: clean report text
 * from the archive's own portals, to extend the spam stage's character model with.
 */
export function cleanReportTexts(db: Db, limit = CLEAN_TEXTS_FOR_MODEL): string[] {
  const rows = db
    .prepare('SELECT text FROM reports WHERE NOT EXISTS (SELECT 1 FROM report_spam s WHERE s.report_id = reports.id) ORDER BY fetched_at DESC LIMIT ?')
    .all(limit) as { text: string }[];
  return rows.map((r) => r.text);
}

/** Enough text to cover a province's place names and wording; the model builds in well under a second. */
const CLEAN_TEXTS_FOR_MODEL = 300;

export function getPortal(db: Db, id: string): Pick<PortalSeed, 'id' | 'name' | 'region'> | undefined {
  return db.prepare('SELECT id, name, region FROM portals WHERE id = ?').get(id) as Pick<PortalSeed, 'id' | 'name' | 'region'> | undefined;
}
