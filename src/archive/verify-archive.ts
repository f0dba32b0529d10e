/**
 * Checking an archive after a crash, a full disk or a hand edit: the index (SQLite, FTS) and the
 * report folders must describe each other. Every problem found comes with the repair that can be
 * made from what is on disk, without fetching: the crawler itself re-fetches a report whose row is
 * gone (its listing link is then "pending", crawl-state.ts pendingReportLinks), so a report whose
 * raw bytes are lost or damaged is repaired by dropping its row and letting the next crawl fetch it.
 */
import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { rowToReport, type Db, type ReportRow } from './archive-db.js';
import { parseLeftover, processAlive, rawFileName, type LeftoverKind } from './archive-files.js';
import { contentHash } from './report-archive.js';

export type ProblemKind =
  /** SQLite's own integrity_check or foreign_key_check failed: the database file is damaged. */
  | 'db-integrity'
  /** The full-text index does not match the reports (FTS5 integrity-check). */
  | 'fts-out-of-step'
  /** A report row whose content hash does not match its own title and text. */
  | 'corrupt-row'
  /** A report (or earlier version) row whose folder is gone. */
  | 'missing-folder'
  /** A file the index lists (raw file, text, meta.json, image, attachment) is gone. */
  | 'missing-file'
  /** A file whose bytes differ from what the index recorded (hash, size or text). */
  | 'corrupt-file'
  /** meta.json unreadable or describing another report or fetch. */
  | 'bad-meta'
  /** A report or version folder no row points at. */
  | 'orphan-folder'
  /** A half-written `<folder>.tmp-<pid>` of a process that is gone. */
  | 'temp-folder'
  /** A replaced `<folder>.old-<pid>` a crash left between the two renames of a replace. */
  | 'aside-folder';

/**
 * What --repair does about a problem. refetch: drop the report's row (its damaged folder goes to
 * lost+found) so the next crawl fetches it again; rewrite: write text.txt or meta.json again from
 * the index; rebuild-fts: rebuild the full-text index from the reports; lost+found: move the folder
 * under storage/lost+found/<time>/; remove: delete it (a temporary copy, never indexed); restore:
 * rename the aside folder back into place; none: cannot be repaired from the files.
 */
export type RepairAction = 'refetch' | 'rewrite' | 'rebuild-fts' | 'lost+found' | 'remove' | 'restore' | 'none';

export interface ArchiveProblem {
  kind: ProblemKind;
  reportId?: number;
  /** For an earlier version's folder (report_versions). */
  version?: number;
  /** Relative to the storage directory. */
  path?: string;
  detail: string;
  repair: RepairAction;
}

export interface VerifyResult {
  checked: { reports: number; versions: number; attachments: number; images: number };
  problems: ArchiveProblem[];
}

export interface RepairOutcome {
  problem: ArchiveProblem;
  done: boolean;
  error?: string;
}

export async function verifyArchive(storageDir: string, db: Db): Promise<VerifyResult> {
  const problems: ArchiveProblem[] = [...checkDatabase(db), ...checkFts(db)];
  const checked = { reports: 0, versions: 0, attachments: 0, images: 0 };
  const rows = db.prepare('SELECT * FROM reports ORDER BY id').all() as ReportRow[];
  for (const row of rows) {
    checked.reports++;
    const found = await checkReport(storageDir, db, row, checked);
    problems.push(...found);
  }
  const versions = db.prepare('SELECT report_id, version, title, text, content_hash, folder FROM report_versions ORDER BY report_id, version').all() as VersionRow[];
  for (const v of versions) {
    checked.versions++;
    problems.push(...(await checkVersion(storageDir, v)));
  }
  const folders = await checkFolders(storageDir, rows, versions);
  // A folder missing only because a crash left it aside needs no fetch: it is put back.
  for (const aside of folders.filter((p) => p.kind === 'aside-folder' && p.repair === 'restore')) {
    const missing = problems.find((p) => p.kind === 'missing-folder' && p.reportId === aside.reportId && p.version === undefined);
    if (missing) Object.assign(missing, { detail: `report folder is aside as ${aside.path}`, repair: 'restore' });
  }
  problems.push(...folders);
  return { checked, problems };
}

function checkDatabase(db: Db): ArchiveProblem[] {
  const result = (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
  const problems: ArchiveProblem[] = result
    .filter((r) => r !== 'ok')
    .map((detail) => ({ kind: 'db-integrity', path: 'archive.sqlite', detail, repair: 'none' }));
  const fk = db.pragma('foreign_key_check') as { table: string; rowid: number; parent: string }[];
  for (const r of fk) {
    problems.push({ kind: 'db-integrity', path: 'archive.sqlite', detail: `${r.table} row ${r.rowid} points at a missing ${r.parent} row`, repair: 'none' });
  }
  return problems;
}

/**
 * FTS5's integrity-check compares the index with the reports table (an external content table);
 * it is a write statement to SQLite, so the archive must be open read-write.
 */
function checkFts(db: Db): ArchiveProblem[] {
  try {
    db.exec("INSERT INTO reports_fts (reports_fts, rank) VALUES ('integrity-check', 1)");
  } catch (error) {
    return [{ kind: 'fts-out-of-step', path: 'archive.sqlite', detail: `full-text index: ${(error as Error).message}`, repair: 'rebuild-fts' }];
  }
  // Belt and braces: every report has exactly one document in the index.
  for (const index of ['reports_fts', 'reports_bigram']) {
    const missing = db.prepare(`SELECT count(*) AS n FROM reports r WHERE NOT EXISTS (SELECT 1 FROM ${index}_docsize d WHERE d.id = r.id)`).get() as { n: number };
    const extra = db.prepare(`SELECT count(*) AS n FROM ${index}_docsize d WHERE NOT EXISTS (SELECT 1 FROM reports r WHERE r.id = d.id)`).get() as { n: number };
    if (missing.n || extra.n) {
      return [{ kind: 'fts-out-of-step', path: 'archive.sqlite', detail: `full-text index ${index}: ${missing.n} report(s) not indexed, ${extra.n} entry(ies) without a report`, repair: 'rebuild-fts' }];
    }
  }
  return [];
}

async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

async function isDir(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isDirectory() ?? false;
}

/** text.txt as archive-files.ts writes it. */
export function reportText(title: string, text: string): string {
  return `${title}\n\n${text}\n`;
}

async function readText(path: string): Promise<string | undefined> {
  return readFile(path, 'utf8').catch(() => undefined);
}

async function readMeta(path: string): Promise<Record<string, unknown> | 'missing' | 'unreadable'> {
  const text = await readText(path);
  if (text === undefined) return 'missing';
  try {
    const meta = JSON.parse(text) as unknown;
    return meta && typeof meta === 'object' && !Array.isArray(meta) ? (meta as Record<string, unknown>) : 'unreadable';
  } catch {
    return 'unreadable';
  }
}

async function checkReport(storageDir: string, db: Db, row: ReportRow, checked: VerifyResult['checked']): Promise<ArchiveProblem[]> {
  const at = (path: string) => join(row.folder, path);
  const problem = (kind: ProblemKind, path: string | undefined, detail: string, repair: RepairAction): ArchiveProblem => ({
    kind,
    reportId: row.id,
    ...(path !== undefined ? { path } : {}),
    detail,
    repair,
  });
  if (contentHash(row) !== row.content_hash) {
    // Nothing derived from a damaged row can be trusted, text.txt least of all.
    return [problem('corrupt-row', row.folder, 'the row\'s title and text do not match its content hash', 'refetch')];
  }
  const dir = join(storageDir, row.folder);
  if (!(await isDir(dir))) return [problem('missing-folder', row.folder, 'report folder is gone', 'refetch')];
  const problems: ArchiveProblem[] = [];
  const rawFile = row.raw_file ?? rawFileName(row.url);
  let rawMatches = true;
  if (!existsSync(join(dir, rawFile))) {
    problems.push(problem('missing-file', at(rawFile), 'raw file is gone', 'refetch'));
    rawMatches = false;
  } else if (row.raw_hash && (await sha256File(join(dir, rawFile))) !== row.raw_hash) {
    problems.push(problem('corrupt-file', at(rawFile), 'raw file does not match the sha256 recorded when it was fetched', 'refetch'));
    rawMatches = false;
  }
  const images = db.prepare('SELECT file FROM report_images WHERE report_id = ? AND stored = 1 ORDER BY position').all(row.id) as { file: string }[];
  for (const image of images) {
    checked.images++;
    if (!existsSync(join(dir, 'images', image.file))) problems.push(problem('missing-file', at(join('images', image.file)), 'image is gone', 'refetch'));
  }
  const attachments = db.prepare("SELECT file, bytes, sha256 FROM report_attachments WHERE report_id = ? AND file != '' ORDER BY position").all(row.id) as {
    file: string;
    bytes: number;
    sha256: string;
  }[];
  for (const a of attachments) {
    checked.attachments++;
    const path = join(dir, a.file);
    const size = (await stat(path).catch(() => undefined))?.size;
    if (size === undefined) problems.push(problem('missing-file', at(a.file), 'attachment is gone', 'refetch'));
    else if (size !== a.bytes) problems.push(problem('corrupt-file', at(a.file), `attachment has ${size} bytes, ${a.bytes} recorded`, 'refetch'));
    else if ((await sha256File(path)) !== a.sha256) problems.push(problem('corrupt-file', at(a.file), 'attachment does not match the sha256 recorded when it was fetched', 'refetch'));
  }
  const text = await readText(join(dir, 'text.txt'));
  if (text === undefined) problems.push(problem('missing-file', at('text.txt'), 'text.txt is gone', 'rewrite'));
  else if (text !== reportText(row.title, row.text)) problems.push(problem('corrupt-file', at('text.txt'), 'text.txt differs from the indexed text', 'rewrite'));
  const meta = await readMeta(join(dir, 'meta.json'));
  if (meta === 'missing') problems.push(problem('missing-file', at('meta.json'), 'meta.json is gone', 'rewrite'));
  else if (meta === 'unreadable') problems.push(problem('bad-meta', at('meta.json'), 'meta.json is not a JSON object (truncated?)', 'rewrite'));
  else if (meta.url !== row.url || meta.contentHash !== row.content_hash) {
    // Files of a fetch that never reached the index (a crash between rename and commit) carry their
    // own raw bytes too; only a fresh fetch makes folder and row agree again.
    problems.push(problem('bad-meta', at('meta.json'), 'meta.json describes another report or fetch than the index', rawMatches ? 'rewrite' : 'refetch'));
  }
  return problems;
}

interface VersionRow {
  report_id: number;
  version: number;
  title: string;
  text: string;
  content_hash: string;
  folder: string;
}

/** An earlier version cannot be fetched again: only its text can be written again from the index. */
async function checkVersion(storageDir: string, v: VersionRow): Promise<ArchiveProblem[]> {
  const base = { reportId: v.report_id, version: v.version };
  const dir = join(storageDir, v.folder);
  if (!(await isDir(dir))) return [{ kind: 'missing-folder', ...base, path: v.folder, detail: `folder of version ${v.version} is gone`, repair: 'none' }];
  const problems: ArchiveProblem[] = [];
  const text = await readText(join(dir, 'text.txt'));
  if (text !== reportText(v.title, v.text)) {
    problems.push({
      kind: text === undefined ? 'missing-file' : 'corrupt-file',
      ...base,
      path: join(v.folder, 'text.txt'),
      detail: `text.txt of version ${v.version} ${text === undefined ? 'is gone' : 'differs from the indexed text'}`,
      repair: 'rewrite',
    });
  }
  const meta = await readMeta(join(dir, 'meta.json'));
  if (typeof meta !== 'object' || meta.contentHash !== v.content_hash) {
    problems.push({ kind: meta === 'missing' ? 'missing-file' : 'bad-meta', ...base, path: join(v.folder, 'meta.json'), detail: `meta.json of version ${v.version} is ${typeof meta === 'object' ? 'of another version' : meta}`, repair: 'none' });
  } else if (typeof meta.rawFile === 'string' && !existsSync(join(dir, meta.rawFile))) {
    problems.push({ kind: 'missing-file', ...base, path: join(v.folder, meta.rawFile), detail: `raw file of version ${v.version} is gone`, repair: 'none' });
  }
  return problems;
}

async function subdirs(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
}

/** Every folder under archive/<region>/<year>/, relative to the storage directory, with its parent. */
async function* reportFolders(storageDir: string): AsyncGenerator<{ folder: string; name: string; parent: string }> {
  for (const region of await subdirs(join(storageDir, 'archive'))) {
    for (const year of await subdirs(join(storageDir, 'archive', region))) {
      const parent = join('archive', region, year);
      for (const name of await subdirs(join(storageDir, parent))) yield { folder: join(parent, name), name, parent };
    }
  }
}

/**
 * Walks archive/<region>/<year>/<key> and versions/<key>/v<N>: folders no row points at, and the
 * leftovers of writes cut short (archive-files.ts names them <folder>.tmp-<pid> / .old-<pid>).
 */
async function checkFolders(storageDir: string, rows: ReportRow[], versions: VersionRow[]): Promise<ArchiveProblem[]> {
  const byFolder = new Map(rows.map((r) => [r.folder, r]));
  const versionFolders = new Set(versions.map((v) => v.folder));
  const problems: ArchiveProblem[] = [];
  for await (const { folder, name, parent } of reportFolders(storageDir)) {
    if (byFolder.has(folder)) continue;
    const leftover = parseLeftover(name);
    if (!leftover) {
      problems.push({ kind: 'orphan-folder', path: folder, detail: 'report folder without a row in the index', repair: 'lost+found' });
      continue;
    }
    const target = join(parent, leftover.base);
    problems.push(await checkLeftover(storageDir, folder, target, leftover.kind, leftover.pid, byFolder.get(target)));
  }
  for (const key of await subdirs(join(storageDir, 'versions'))) {
    for (const name of await subdirs(join(storageDir, 'versions', key))) {
      const folder = join('versions', key, name);
      if (!versionFolders.has(folder)) {
        // A copy cut short before its row was written, or one whose report was dropped.
        problems.push({ kind: 'orphan-folder', path: folder, detail: 'version folder without a row in the index', repair: 'lost+found' });
      }
    }
  }
  return problems;
}

async function checkLeftover(storageDir: string, folder: string, target: string, kind: LeftoverKind, pid: number, row: ReportRow | undefined): Promise<ArchiveProblem> {
  const what = kind === 'tmp' ? 'temp-folder' : 'aside-folder';
  const base = { kind: what, path: folder, ...(row ? { reportId: row.id } : {}) } as const;
  if (processAlive(pid)) return { ...base, detail: `process ${pid} is still running and may be writing it`, repair: 'none' };
  // The index row is written after the folder is in place: a temporary folder never reached it.
  if (kind === 'tmp') return { ...base, detail: `half-written or never indexed folder of process ${pid}, which is gone`, repair: 'remove' };
  if (!row) return { ...base, detail: `replaced folder of process ${pid} for a folder without a row`, repair: 'lost+found' };
  const targetDir = join(storageDir, target);
  if (!(await isDir(targetDir))) return { ...base, detail: `crash between moving the old folder aside and the new one in: the old one is the indexed one`, repair: 'restore' };
  // Both in place: the crash came before the index was updated, unless removing the aside was cut short.
  if ((await folderMatchesRow(join(storageDir, folder), row)) && !(await folderMatchesRow(targetDir, row))) {
    return { ...base, detail: 'crash after the new folder was moved in but before it was indexed: the old one is the indexed one', repair: 'restore' };
  }
  return { ...base, detail: `replaced folder of process ${pid} not removed`, repair: 'remove' };
}

async function folderMatchesRow(dir: string, row: ReportRow): Promise<boolean> {
  if (row.raw_hash) {
    const path = join(dir, row.raw_file ?? rawFileName(row.url));
    return existsSync(path) && (await sha256File(path)) === row.raw_hash;
  }
  const meta = await readMeta(join(dir, 'meta.json'));
  return typeof meta === 'object' && meta.contentHash === row.content_hash;
}

/**
 * Repairs what can be repaired from the files, in an order that lets one repair's outcome inform
 * the next: leftovers first (a restored aside folder may be all a "missing" report needed), the
 * full-text index before any row is dropped, then the reports, checked again, and the folders
 * nothing points at last (dropped reports' folders are already moved by then). The caller holds
 * the storage lock: nothing else writes meanwhile.
 */
export async function repairArchive(storageDir: string, db: Db, now = new Date()): Promise<RepairOutcome[]> {
  const lostFound = lostFoundDir(now);
  const outcomes: RepairOutcome[] = [];
  const attempt = async (problem: ArchiveProblem, action: () => Promise<void> | void) => {
    try {
      await action();
      outcomes.push({ problem, done: true });
    } catch (error) {
      outcomes.push({ problem, done: false, error: (error as Error).message });
    }
  };
  const toLostFound = (folder: string) => moveToLostFound(storageDir, lostFound, folder);

  const first = await verifyArchive(storageDir, db);
  outcomes.push(...(await repairLeftovers(storageDir, first.problems, toLostFound)));

  // Before any row is dropped: the delete trigger of an index out of step would damage it further.
  const staleFts = first.problems.find((p) => p.kind === 'fts-out-of-step');
  if (staleFts) await attempt(staleFts, () => rebuildFts(db));

  const second = await verifyArchive(storageDir, db);
  const reportProblems = new Map<number, ArchiveProblem[]>();
  for (const p of second.problems) {
    if (p.reportId === undefined || p.kind === 'temp-folder' || p.kind === 'aside-folder') continue;
    reportProblems.set(p.reportId, [...(reportProblems.get(p.reportId) ?? []), p]);
  }
  for (const [id, problems] of reportProblems) {
    const row = db.prepare('SELECT * FROM reports WHERE id = ?').get(id) as ReportRow;
    if (problems.some((p) => p.version === undefined && p.repair === 'refetch')) {
      // The versions' own problems go with the row (their folders to lost+found).
      let error: string | undefined;
      try {
        await dropForRefetch(storageDir, db, row, lostFound, toLostFound);
      } catch (e) {
        error = (e as Error).message;
      }
      for (const problem of problems) outcomes.push({ problem, done: error === undefined, ...(error !== undefined ? { error } : {}) });
      continue;
    }
    for (const p of problems) {
      if (p.repair !== 'rewrite') {
        outcomes.push({ problem: p, done: false });
        continue;
      }
      await attempt(p, async () => {
        if (p.version !== undefined) {
          const v = db.prepare('SELECT title, text FROM report_versions WHERE report_id = ? AND version = ?').get(id, p.version) as { title: string; text: string };
          await writeAtomically(join(storageDir, p.path!), reportText(v.title, v.text));
        } else if (p.path?.endsWith('meta.json')) {
          await writeAtomically(join(storageDir, p.path), `${JSON.stringify(metaFromIndex(db, row), null, 2)}\n`);
        } else {
          await writeAtomically(join(storageDir, row.folder, 'text.txt'), reportText(row.title, row.text));
        }
      });
    }
  }

  const third = await verifyArchive(storageDir, db);
  for (const p of third.problems.filter((p) => p.kind === 'orphan-folder')) await attempt(p, () => toLostFound(p.path!));
  // Dropped rows were taken out of the index by its trigger; a rebuild at the end costs little.
  const fts = checkFts(db)[0];
  if (fts) await attempt(fts, () => rebuildFts(db));
  for (const p of first.problems.filter((p) => p.kind === 'db-integrity')) outcomes.push({ problem: p, done: false });
  return outcomes;
}

/**
 * Puts right what writes cut short left behind (temporary folders removed, a folder moved aside
 * put back or removed), for the leftovers among `problems`.
 */
async function repairLeftovers(storageDir: string, problems: ArchiveProblem[], moveToLostFound: (folder: string) => Promise<void>): Promise<RepairOutcome[]> {
  const outcomes: RepairOutcome[] = [];
  for (const p of problems.filter((p) => p.kind === 'temp-folder' || p.kind === 'aside-folder')) {
    if (p.repair === 'none') {
      outcomes.push({ problem: p, done: false });
      continue;
    }
    try {
      const path = join(storageDir, p.path!);
      if (p.repair === 'remove') await rm(path, { recursive: true, force: true });
      else if (p.repair === 'lost+found') await moveToLostFound(p.path!);
      else if (p.repair === 'restore') {
        const leftover = parseLeftover(p.path!.split(/[\\/]/).pop()!)!;
        const target = join(dirname(p.path!), leftover.base);
        if (existsSync(join(storageDir, target))) await moveToLostFound(target);
        await rename(path, join(storageDir, target));
      }
      outcomes.push({ problem: p, done: true });
    } catch (error) {
      outcomes.push({ problem: p, done: false, error: (error as Error).message });
    }
  }
  return outcomes;
}

/**
 * The start of a crawl after one that died (its lock was left behind): the leftovers of its
 * interrupted writes are put right before anything else is written, so a run never builds on a
 * half-written folder and `verify` is not needed to tidy up. Only the leftover folders are looked
 * at (a walk of the folder tree, no file hashed), and only those of processes that are gone.
 */
export async function clearLeftovers(storageDir: string, db: Db, now = new Date()): Promise<RepairOutcome[]> {
  const problems: ArchiveProblem[] = [];
  const byFolder = db.prepare('SELECT * FROM reports WHERE folder = ?');
  for await (const { folder, name, parent } of reportFolders(storageDir)) {
    const leftover = parseLeftover(name);
    if (!leftover) continue;
    const target = join(parent, leftover.base);
    problems.push(await checkLeftover(storageDir, folder, target, leftover.kind, leftover.pid, byFolder.get(target) as ReportRow | undefined));
  }
  const lostFound = lostFoundDir(now);
  return repairLeftovers(storageDir, problems, (folder) => moveToLostFound(storageDir, lostFound, folder));
}

function lostFoundDir(now: Date): string {
  return join('lost+found', now.toISOString().replace(/[:.]/g, '-'));
}

async function moveToLostFound(storageDir: string, lostFound: string, folder: string): Promise<void> {
  const target = join(storageDir, lostFound, folder);
  await mkdir(dirname(target), { recursive: true });
  await rename(join(storageDir, folder), target);
}

function rebuildFts(db: Db): void {
  db.exec("INSERT INTO reports_fts (reports_fts) VALUES ('rebuild')");
  // The pair index holds no text of its own to rebuild from: emptied and filled again.
  db.exec("INSERT INTO reports_bigram (reports_bigram) VALUES ('delete-all')");
  db.exec("INSERT INTO reports_bigram (rowid, body) SELECT id, xxgk_bigrams(title || ' ' || text) FROM reports");
}

/**
 * Drops a report's row so the next crawl fetches it again: its listing link is made pending (seen,
 * a report, not deferred, no failures counted), which every nightly run retries. The damaged
 * folder and the earlier versions' folders go to lost+found, the versions' index rows beside them
 * in versions.json (the row's removal cascades to them; the re-fetched report starts at version 1).
 */
async function dropForRefetch(
  storageDir: string,
  db: Db,
  row: ReportRow,
  lostFound: string,
  moveToLostFound: (folder: string) => Promise<void>,
): Promise<void> {
  const versions = db.prepare('SELECT * FROM report_versions WHERE report_id = ? ORDER BY version').all(row.id) as { folder: string }[];
  for (const v of versions) if (existsSync(join(storageDir, v.folder))) await moveToLostFound(v.folder);
  if (versions.length) {
    const keyDir = dirname(versions[0]!.folder);
    await mkdir(join(storageDir, lostFound, keyDir), { recursive: true });
    await writeFile(join(storageDir, lostFound, keyDir, 'versions.json'), `${JSON.stringify(versions, null, 2)}\n`);
    const left = await readdir(join(storageDir, keyDir)).catch(() => undefined);
    if (left && left.length === 0) await rm(join(storageDir, keyDir), { recursive: true, force: true });
  }
  if (existsSync(join(storageDir, row.folder))) await moveToLostFound(row.folder);
  db.transaction(() => {
    db.prepare(
      `INSERT INTO listing_links (portal, url, title, date, is_report, deferred, failures, first_seen, last_seen) VALUES (?, ?, ?, ?, 1, 0, 0, ?, ?)
       ON CONFLICT (portal, url) DO UPDATE SET is_report = 1, deferred = 0, failures = 0`,
    ).run(row.portal, row.url, row.listing_title ?? row.title, row.listing_date, row.fetched_at, row.fetched_at);
    db.prepare('DELETE FROM reports WHERE id = ?').run(row.id);
  })();
}

async function writeAtomically(path: string, content: string): Promise<void> {
  const temp = `${path}.tmp-${process.pid}`;
  await writeFile(temp, content);
  await rename(temp, path);
}

/** meta.json as report-archive.ts writes it, from the index (which holds everything it says). */
export function metaFromIndex(db: Db, row: ReportRow): Record<string, unknown> {
  const report = rowToReport(db, row);
  const tableSources = db.prepare('SELECT title, source FROM report_tables WHERE report_id = ? ORDER BY position').all(row.id) as { title: string; source: string }[];
  return {
    url: report.url,
    finalUrl: row.final_url ?? row.url,
    portal: report.portal,
    title: report.title,
    year: report.year,
    region: report.region,
    issuer: report.issuer,
    published: report.published,
    encoding: report.encoding,
    fetchedAt: report.fetchedAt,
    contentHash: report.contentHash,
    listing: report.listing,
    images: report.images,
    spam: report.spam,
    template: report.statistics.template,
    figures: report.statistics.figures,
    checks: report.statistics.checks,
    rawFile: row.raw_file ?? rawFileName(row.url),
    textSource: report.textSource ?? 'html',
    tableSources,
    attachments: report.attachments ?? [],
    contentType: row.content_type ?? undefined,
  };
}
