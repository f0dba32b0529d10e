/**
 * One figure across reports: "applications received, 2019, by region" is
 * figureAcross(db, 'applications.new.total', { year: 2019 }).
 */
import type { Db } from '../archive/archive-db.js';
import { filterConditions, type ReportFilter } from './report-query.js';

export interface FigureRow {
  id: number;
  year: number;
  regionCode: string;
  regionName: string;
  issuer: string;
  title: string;
  value: number;
  uncertain: boolean;
}

export function figureAcross(db: Db, key: string, filter: ReportFilter = {}): FigureRow[] {
  const conditions = [{ sql: 'f.key = ?', params: [key] as unknown[] }, ...filterConditions(filter)];
  const rows = db
    .prepare(
      `SELECT r.id AS id, r.year AS year, r.region_code AS regionCode, r.region_name AS regionName, r.issuer AS issuer,
              r.title AS title, f.value AS value, f.uncertain AS uncertain
       FROM report_figures f JOIN reports r ON r.id = f.report_id
       WHERE ${conditions.map((c) => c.sql).join(' AND ')}
       ORDER BY r.year, r.region_code, r.issuer`,
    )
    .all(...conditions.flatMap((c) => c.params)) as (Omit<FigureRow, 'uncertain'> & { uncertain: number })[];
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
