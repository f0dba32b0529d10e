/**
 * One figure across reports: "applications received, 2019, by region" is
 * figureAcross(db, 'applications.new.total', { year: 2019 }).
 */
import type { Db } from '../archive/archive-db.js';
import { filterConditions, type ReportFilter } from './report-query.js';
import { whereClause } from './text-search.js';

export interface FigureRow {
  id: number;
  year: number;
  regionCode: string;
  regionName: string;
  issuer: string;
  value: number;
  uncertain: boolean;
  /** The report's checks (the template's sums), and how many of them failed. */
  checks: number;
  failedChecks: number;
}

/**
 * The filters pick reports from the catalogue indexes (no report row is read), and the key's
 * stretch of the figure index is matched against them: a figure for every region of a year on a
 * national archive is thousands of rows, read in tens of milliseconds.
 */
export function figureAcross(db: Db, key: string, filter: ReportFilter = {}): FigureRow[] {
  const conditions = filterConditions(filter);
  const where = whereClause(conditions);
  const rows = db
    .prepare(
      `WITH picked AS MATERIALIZED (SELECT r.id, r.year, r.region_code, r.region_name, r.issuer FROM reports r ${where})
       SELECT p.id AS id, p.year AS year, p.region_code AS regionCode, p.region_name AS regionName, p.issuer AS issuer,
              f.value AS value, f.uncertain AS uncertain, coalesce(c.checks, 0) AS checks, coalesce(c.failed, 0) AS failedChecks
       FROM report_figures f JOIN picked p ON p.id = f.report_id LEFT JOIN report_check_counts c ON c.report_id = p.id
       WHERE f.key = ?
       ORDER BY p.year, p.region_code, p.issuer`,
    )
    .all(...conditions.flatMap((c) => c.params), key) as (Omit<FigureRow, 'uncertain'> & { uncertain: number })[];
  return rows.map((r) => ({ ...r, uncertain: r.uncertain === 1 }));
}

/**
 * Keys the archive holds figures for, in order: one seek of the key index per key (a national
 * archive holds millions of figures, and a GROUP BY would read them all).
 */
export function presentFigureKeys(db: Db): string[] {
  const rows = db
    .prepare(
      `WITH RECURSIVE k(key) AS (
         SELECT min(key) FROM report_figures
         UNION ALL SELECT (SELECT min(key) FROM report_figures WHERE key > k.key) FROM k WHERE k.key IS NOT NULL)
       SELECT key FROM k WHERE key IS NOT NULL`,
    )
    .all() as { key: string }[];
  return rows.map((r) => r.key);
}

/** Keys the archive holds figures for, with how many reports have each (reads every figure). */
export function storedFigureKeys(db: Db): { key: string; reports: number }[] {
  return db.prepare('SELECT key, count(*) AS reports FROM report_figures GROUP BY key ORDER BY key').all() as { key: string; reports: number }[];
}
