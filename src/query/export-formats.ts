/**
 * `xxgk export` beyond JSON lines: every figure of every report as CSV (long format, one row per
 * report and figure, for spreadsheets and R/pandas), and a copy of the archive for standard SQLite
 * tools.
 */
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import type { Db } from '../archive/archive-db.js';
import { ConfigError } from '../errors.js';
import { csvCell } from './csv.js';
import { filterConditions, type ReportFilter } from './report-query.js';

export const FIGURES_CSV_HEADER = ['id', 'url', 'year', 'region_code', 'region_name', 'issuer', 'template', 'key', 'value', 'uncertain'];

export function* figureCsvLines(db: Db, filter: ReportFilter): Generator<string> {
  const conditions = filterConditions(filter);
  const where = conditions.length ? `AND ${conditions.map((c) => c.sql).join(' AND ')}` : '';
  yield FIGURES_CSV_HEADER.join(',');
  const rows = db
    .prepare(
      `SELECT r.id, r.url, r.year, r.region_code, r.region_name, r.issuer, r.template, f.key, f.value, f.uncertain
       FROM report_figures f JOIN reports r ON r.id = f.report_id WHERE 1 ${where} ORDER BY r.region_code, r.year, r.id, f.key`,
    )
    .raw()
    .iterate(...conditions.flatMap((c) => c.params)) as IterableIterator<unknown[]>;
  for (const row of rows) yield row.map(csvCell).join(',');
}

/**
 * A copy of the archive that standard SQLite tools open and query: everything but the
 * two-character index, whose tokeniser is a function of ours (its triggers would fail in another
 * tool, and its table needs SQLite 3.43). The trigram index stays: FTS5 with the trigram tokenizer
 * is in SQLite since 3.34.
 */
export function copyArchive(db: Db, out: string): void {
  if (existsSync(out)) throw new ConfigError(`${out} exists already: give a new file name`);
  db.prepare('VACUUM INTO ?').run(out);
  const copy = new Database(out);
  try {
    copy.exec(`
      DROP TRIGGER IF EXISTS reports_bigram_ai;
      DROP TRIGGER IF EXISTS reports_bigram_ad;
      DROP TRIGGER IF EXISTS reports_bigram_au;
      DROP TABLE IF EXISTS reports_bigram;
    `);
    copy.exec('VACUUM');
  } finally {
    copy.close();
  }
}
