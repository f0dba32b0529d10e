/**
 * `xxgk export` beyond JSON lines: every figure of every report as CSV or Parquet (long format, one
 * row per report and figure, for spreadsheets, R/pandas and DuckDB/Arrow), and a copy of the archive
 * for standard SQLite tools.
 */
import Database from 'better-sqlite3';
import { existsSync, rmSync } from 'node:fs';
import { fileWriter, ParquetWriter, schemaFromColumnData, type ColumnSource } from 'hyparquet-writer';
import type { Db } from '../archive/archive-db.js';
import { ConfigError } from '../errors.js';
import { csvCell } from './csv.js';
import { filterConditions, type ReportFilter } from './report-query.js';
import { whereClause } from './text-search.js';

export const FIGURES_CSV_HEADER = ['id', 'url', 'year', 'region_code', 'region_name', 'issuer', 'template', 'key', 'value', 'uncertain'];

/** The rows of both figure exports, in FIGURES_CSV_HEADER's column order, streamed from SQLite. */
function figureRows(db: Db, filter: ReportFilter): IterableIterator<unknown[]> {
  const conditions = filterConditions(filter);
  const where = whereClause(conditions);
  return db
    .prepare(
      `SELECT r.id, r.url, r.year, r.region_code, r.region_name, r.issuer, r.template, f.key, f.value, f.uncertain
       FROM report_figures f JOIN reports r ON r.id = f.report_id ${where} ORDER BY r.region_code, r.year, r.id, f.key`,
    )
    .raw()
    .iterate(...conditions.flatMap((c) => c.params)) as IterableIterator<unknown[]>;
}

export function* figureCsvLines(db: Db, filter: ReportFilter): Generator<string> {
  yield FIGURES_CSV_HEADER.join(',');
  for (const row of figureRows(db, filter)) yield row.map(csvCell).join(',');
}

/** Rows per Parquet row group: the most the export holds in memory at once. */
export const PARQUET_ROW_GROUP_SIZE = 100_000;

/**
 * The columns of the Parquet export: FIGURES_CSV_HEADER's, typed. The report id is INT64 (SQLite's
 * rowid is 64-bit), the template the only nullable column (null before the template detector ran).
 */
const FIGURES_PARQUET_COLUMNS: Omit<ColumnSource, 'data'>[] = [
  { name: 'id', type: 'INT64', nullable: false },
  { name: 'url', type: 'STRING', nullable: false },
  { name: 'year', type: 'INT32', nullable: false },
  { name: 'region_code', type: 'STRING', nullable: false },
  { name: 'region_name', type: 'STRING', nullable: false },
  { name: 'issuer', type: 'STRING', nullable: false },
  { name: 'template', type: 'STRING', nullable: true },
  { name: 'key', type: 'STRING', nullable: false },
  { name: 'value', type: 'DOUBLE', nullable: false },
  { name: 'uncertain', type: 'BOOLEAN', nullable: false },
];

/**
 * The rows of figureCsvLines (same filter, order and columns) as a Parquet file at `out`, written
 * one row group at a time so memory stays bounded by `rowGroupSize` rows whatever the archive's
 * size. Refuses an existing file; removes its partial file on failure. Returns the row count.
 */
export function writeFiguresParquet(db: Db, filter: ReportFilter, out: string, rowGroupSize = PARQUET_ROW_GROUP_SIZE): number {
  if (existsSync(out)) throw new ConfigError(`${out} exists already: give a new file name`);
  const schema = schemaFromColumnData({ columnData: FIGURES_PARQUET_COLUMNS.map((c) => ({ ...c, data: [] })) });
  const parquet = new ParquetWriter({ writer: fileWriter(out), schema, createdBy: 'xxgk-archive (hyparquet-writer)' });
  let total = 0;
  let batch: unknown[][] = [];
  const flush = () => {
    if (!batch.length) return;
    const column = (i: number) => batch.map((row) => row[i]);
    const data = [
      BigInt64Array.from(batch, (row) => BigInt(row[0] as number)),
      column(1),
      Int32Array.from(batch, (row) => row[2] as number),
      column(3),
      column(4),
      column(5),
      column(6),
      column(7),
      Float64Array.from(batch, (row) => row[8] as number),
      batch.map((row) => row[9] !== 0),
    ];
    // One call, one row group. fileWriter is synchronous (it has no async flush), so neither
    // write nor finish returns a promise to wait for.
    void parquet.write({ columnData: FIGURES_PARQUET_COLUMNS.map((c, i) => ({ ...c, data: data[i]! })), rowGroupSize: batch.length });
    total += batch.length;
    batch = [];
  };
  try {
    for (const row of figureRows(db, filter)) {
      batch.push(row);
      if (batch.length >= rowGroupSize) flush();
    }
    flush();
    void parquet.finish();
  } catch (error) {
    rmSync(out, { force: true });
    throw error;
  }
  return total;
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
