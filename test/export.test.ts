/**
 * `xxgk export` formats: every figure as a CSV row, and a copy of the archive that a standard
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
import { copyArchive, figureCsvLines, FIGURES_CSV_HEADER } from '../src/query/export-formats.js';

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
