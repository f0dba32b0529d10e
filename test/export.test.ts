/**
 * `xxgk export` formats: every figure as a CSV row or a typed Parquet row, and a copy of the archive that a standard
 * SQLite tool (Debian's sqlite3 when installed, else a connection without our functions) opens,
 * queries (full text included) and writes.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { startSimulatedPortals, type SimulatedPortals } from '../sim/portals.js';
import { crawlWith, tempStorage } from './helpers/crawl-sim.js';
import { openArchiveDb, type Db } from '../src/archive/archive-db.js';
import { asyncBufferFromFile, parquetMetadata, parquetReadObjects } from 'hyparquet';
import { readFile } from 'node:fs/promises';
import { copyArchive, figureCsvLines, FIGURES_CSV_HEADER, writeFiguresParquet } from '../src/query/export-formats.js';
import { csvCell } from '../src/query/csv.js';
import type { ReportFilter } from '../src/query/report-query.js';

let sim: SimulatedPortals;
let dir: string;
let db: Db;

before(async () => {
  sim = await startSimulatedPortals({ only: ['luyi', 'xiangfu'] });
  dir = await tempStorage('export');
  await crawlWith(dir, sim.seeds);
  db = openArchiveDb(join(dir, 'archive.sqlite'), { readonly: true });
});

after(async () => {
  db?.close();
  await sim?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

test('figures as CSV: one row per report and figure, filters applied', () => {
  const lines = [...figureCsvLines(db, {})];
  assert.equal(lines[0], FIGURES_CSV_HEADER.join(','));
  const stored = (db.prepare('SELECT count(*) AS n FROM report_figures').get() as { n: number }).n;
  assert.ok(stored > 50, `${stored} figures`);
  assert.equal(lines.length - 1, stored);
  const row = lines.find((l) => l.includes(',applications.new.total,'))!.split(',');
  assert.ok(Number.isFinite(Number(row[FIGURES_CSV_HEADER.indexOf('value')])));
  const year = Number(row[FIGURES_CSV_HEADER.indexOf('year')]);
  const ofYear = [...figureCsvLines(db, { year })].slice(1);
  assert.ok(ofYear.length > 0 && ofYear.length < stored && ofYear.every((l) => l.split(',')[2] === String(year)));
});

test('figures as Parquet: the figures-csv rows, typed, in row groups, filters applied', async () => {
  const read = async (filter: ReportFilter, name: string) => {
    const out = join(dir, name);
    // Small row groups, so that even this archive is written in several.
    const written = writeFiguresParquet(db, filter, out, 50);
    const bytes = await readFile(out);
    const metadata = parquetMetadata(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    const rows = await parquetReadObjects({ file: await asyncBufferFromFile(out) });
    assert.equal(rows.length, written);
    assert.equal(Number(metadata.num_rows), written);
    return { out, metadata, rows };
  };
  // Back to CSV cells, the booleans as SQLite stores them: the line figureCsvLines wrote.
  const asCsv = (row: Record<string, unknown>) =>
    FIGURES_CSV_HEADER.map((c) => csvCell(c === 'uncertain' ? Number(row[c]) : row[c])).join(',');

  const all = await read({}, 'figures.parquet');
  assert.deepEqual(all.metadata.schema.map((e) => [e.name, e.type, e.converted_type, e.repetition_type]), [
    ['root', undefined, undefined, undefined],
    ['id', 'INT64', undefined, 'REQUIRED'],
    ['url', 'BYTE_ARRAY', 'UTF8', 'REQUIRED'],
    ['year', 'INT32', undefined, 'REQUIRED'],
    ['region_code', 'BYTE_ARRAY', 'UTF8', 'REQUIRED'],
    ['region_name', 'BYTE_ARRAY', 'UTF8', 'REQUIRED'],
    ['issuer', 'BYTE_ARRAY', 'UTF8', 'REQUIRED'],
    ['template', 'BYTE_ARRAY', 'UTF8', 'OPTIONAL'],
    ['key', 'BYTE_ARRAY', 'UTF8', 'REQUIRED'],
    ['value', 'DOUBLE', undefined, 'REQUIRED'],
    ['uncertain', 'BOOLEAN', undefined, 'REQUIRED'],
  ]);
  assert.equal(all.metadata.row_groups.length, Math.ceil(all.rows.length / 50));
  assert.ok(all.metadata.row_groups.length > 1);
  const first = all.rows[0]!;
  assert.equal(typeof first.id, 'bigint');
  assert.equal(typeof first.year, 'number');
  assert.equal(typeof first.value, 'number');
  assert.equal(typeof first.uncertain, 'boolean');
  assert.equal(typeof first.key, 'string');
  assert.deepEqual(all.rows.map(asCsv), [...figureCsvLines(db, {})].slice(1));

  const year = Number(first.year);
  const ofYear = await read({ year }, 'figures-year.parquet');
  assert.ok(ofYear.rows.length > 0 && ofYear.rows.length < all.rows.length);
  assert.deepEqual(ofYear.rows.map(asCsv), [...figureCsvLines(db, { year })].slice(1));

  const none = await read({ year: 1990 }, 'figures-none.parquet');
  assert.equal(none.rows.length, 0);
  assert.equal(none.metadata.schema.length, FIGURES_CSV_HEADER.length + 1);

  const before = await readFile(all.out);
  assert.throws(() => writeFiguresParquet(db, {}, all.out), /exists already/);
  assert.deepEqual(await readFile(all.out), before, 'the existing file is left alone');
});

test('a copy of the archive opens, answers and takes writes in tools without our functions', () => {
  const out = join(dir, 'copy.sqlite');
  copyArchive(db, out);
  assert.throws(() => copyArchive(db, out), /exists already/);
  const count = (d: Database.Database, sql: string) => (d.prepare(sql).get() as { n: number }).n;
  const reports = count(db, 'SELECT count(*) AS n FROM reports');
  const phrase = count(db, "SELECT count(*) AS n FROM reports_fts WHERE reports_fts MATCH '\"政府信息公开\"'");
  assert.ok(phrase > 0);
  const sqlite3 = spawnSync('sqlite3', [out, 'SELECT count(*) FROM reports;', `SELECT count(*) FROM reports_fts WHERE reports_fts MATCH '"政府信息公开"';`], { encoding: 'utf8' });
  if (sqlite3.status === 0) assert.deepEqual(sqlite3.stdout.trim().split('\n').map(Number), [reports, phrase], 'Debian sqlite3 reads it');
  else console.log('# sqlite3 command not installed: checked with a plain connection only');
  const plain = new Database(out);
  try {
    assert.equal(count(plain, 'SELECT count(*) AS n FROM reports'), reports);
    assert.equal(count(plain, "SELECT count(*) AS n FROM sqlite_master WHERE sql LIKE '%xxgk_bigrams%'"), 0);
    // A write fires the remaining (trigram) triggers only: no function of ours needed.
    plain.prepare('UPDATE reports SET title = title || ? WHERE id = (SELECT min(id) FROM reports)').run('（修订）');
  } finally {
    plain.close();
  }
});
