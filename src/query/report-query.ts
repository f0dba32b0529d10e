/**
 * Read-only questions to the archive: filtered lists, one report, everything for export.
 */
import { rowToReport, type Db, type ReportRow } from '../archive/archive-db.js';
import { resolveRegion } from '../extract/region.js';
import { ConfigError } from '../errors.js';
import { textConditions, whereClause, type SqlCondition } from './text-search.js';
import type { ArchivedReport } from '../types.js';

export interface ReportFilter {
  /** A GB/T 2260 code (a province or city code includes everything under it) or a region name. */
  region?: string;
  year?: number;
  /** Words that must all occur; any length, two-character Chinese words included. */
  text?: string;
  portal?: string;
  /** Only reports in which spam was found. */
  spam?: boolean;
  /** Only reports filed under a province, a city (prefecture) or a county (district). */
  level?: RegionLevel;
  /** Only governments' own reports, or only their departments'. */
  kind?: IssuerKind;
}

export type RegionLevel = 'province' | 'city' | 'county';
export const REGION_LEVELS: readonly RegionLevel[] = ['province', 'city', 'county'];
export type IssuerKind = 'government' | 'department';
export const ISSUER_KINDS: readonly IssuerKind[] = ['government', 'department'];

/**
 * A government's own report: the issuer is the government itself (issuer.ts spells 政府 out as
 * 人民政府), not one of its offices. GOVERNMENT_ISSUER says the same in SQL.
 */
export function issuerKind(issuer: string): IssuerKind {
  return /政府$/.test(issuer) ? 'government' : 'department';
}

/** issuerKind(r.issuer) === 'government', as an SQL condition on reports r. */
export const GOVERNMENT_ISSUER = "r.issuer LIKE '%政府'";

/** level= and kind= of a web request: a known value, or nothing (an unknown one is ignored). */
export function levelAndKindOf(query: { level?: string | undefined; kind?: string | undefined }): Pick<ReportFilter, 'level' | 'kind'> {
  const level = REGION_LEVELS.find((l) => l === query.level);
  const kind = ISSUER_KINDS.find((k) => k === query.kind);
  return { ...(level ? { level } : {}), ...(kind ? { kind } : {}) };
}

const LEVEL_CONDITION: Record<RegionLevel, string> = {
  province: "r.region_code LIKE '__0000'",
  city: "(r.region_code LIKE '____00' AND r.region_code NOT LIKE '__0000')",
  county: "r.region_code NOT LIKE '____00'",
};

/**
 * What every code under a region starts with: province codes end in 0000 and city codes in 00,
 * and stand for everything under them.
 */
export function regionCodePrefix(code: string): string {
  if (code.endsWith('0000')) return code.slice(0, 2);
  if (code.endsWith('00')) return code.slice(0, 4);
  return code;
}

export function regionCodeCondition(code: string): SqlCondition {
  const prefix = regionCodePrefix(code);
  if (prefix.length === code.length) return { sql: 'r.region_code = ?', params: [code] };
  // A range rather than substr(), so the (region_code, year) index answers it: codes are digits,
  // and '41' ≤ every 41xxxx < '4:' (':' follows '9').
  const end = prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
  return { sql: '(r.region_code >= ? AND r.region_code < ?)', params: [prefix, end] };
}

/** A region given as a code or as a name (today's, or an earlier one the gazetteer knows) → its code. */
export function regionCodeOf(region: string): string | undefined {
  return /^\d{6}$/.test(region) ? region : resolveRegion([region])?.code;
}

function regionCondition(region: string): SqlCondition {
  if (/^\d{6}$/.test(region)) return regionCodeCondition(region);
  const code = regionCodeOf(region);
  // The stored name matters too: reports keep the name in use when they were written (开封县).
  if (!code) return { sql: 'r.region_name = ?', params: [region] };
  const byCode = regionCodeCondition(code);
  return { sql: `(${byCode.sql} OR r.region_name = ?)`, params: [...byCode.params, region] };
}

export function filterConditions(filter: ReportFilter): SqlCondition[] {
  const conditions: SqlCondition[] = [];
  if (filter.region) conditions.push(regionCondition(filter.region));
  if (filter.year !== undefined) conditions.push({ sql: 'r.year = ?', params: [filter.year] });
  if (filter.portal) conditions.push({ sql: 'r.portal = ?', params: [filter.portal] });
  if (filter.text) conditions.push(...textConditions(filter.text));
  if (filter.spam) conditions.push({ sql: 'r.id IN (SELECT report_id FROM report_spam)', params: [] });
  if (filter.level) conditions.push({ sql: LEVEL_CONDITION[filter.level], params: [] });
  if (filter.kind) conditions.push({ sql: filter.kind === 'government' ? GOVERNMENT_ISSUER : `NOT ${GOVERNMENT_ISSUER}`, params: [] });
  return conditions;
}

export function findReports(db: Db, filter: ReportFilter = {}): ArchivedReport[] {
  if (filter.year !== undefined && !Number.isInteger(filter.year)) throw new ConfigError(`--year must be a whole year`);
  const conditions = filterConditions(filter);
  const where = whereClause(conditions);
  const rows = db
    .prepare(`SELECT r.* FROM reports r ${where} ORDER BY r.region_code, r.year, r.id`)
    .all(...conditions.flatMap((c) => c.params)) as ReportRow[];
  return rows.map((row) => rowToReport(db, row));
}

/** One page of findReports, and how many match in all: what an API can answer on a national archive. */
export function findReportsPage(db: Db, filter: ReportFilter, page: { limit: number; offset: number }): { total: number; reports: ArchivedReport[] } {
  const conditions = filterConditions(filter);
  const where = whereClause(conditions);
  const params = conditions.flatMap((c) => c.params);
  const total = (db.prepare(`SELECT count(*) AS n FROM reports r ${where}`).get(...params) as { n: number }).n;
  const rows = db.prepare(`SELECT r.* FROM reports r ${where} ORDER BY r.region_code, r.year, r.id LIMIT ? OFFSET ?`).all(...params, page.limit, page.offset) as ReportRow[];
  return { total, reports: rows.map((row) => rowToReport(db, row)) };
}

export function getReport(db: Db, id: number): ArchivedReport | undefined {
  const row = db.prepare('SELECT * FROM reports WHERE id = ?').get(id) as ReportRow | undefined;
  return row ? rowToReport(db, row) : undefined;
}

export interface RegionYearCount {
  regionCode: string;
  regionName: string;
  year: number;
  reports: number;
}

/** How many reports the archive holds per region and year. */
export function countByRegionYear(db: Db): RegionYearCount[] {
  return db
    .prepare(
      `SELECT region_code AS regionCode, region_name AS regionName, year, count(*) AS reports
       FROM reports GROUP BY region_code, region_name, year ORDER BY region_code, year`,
    )
    .all() as RegionYearCount[];
}

export interface PortalSpam {
  portal: string;
  reports: number;
  findings: number;
  kinds: string;
}

/** Portals with injected spam: the list to send to whoever runs them. */
export function spamByPortal(db: Db): PortalSpam[] {
  return db
    .prepare(
      `SELECT r.portal AS portal, count(DISTINCT r.id) AS reports, count(*) AS findings, group_concat(DISTINCT s.kind) AS kinds
       FROM report_spam s JOIN reports r ON r.id = s.report_id GROUP BY r.portal ORDER BY r.portal`,
    )
    .all()
    .map((row) => {
      const r = row as PortalSpam;
      return { ...r, kinds: r.kinds.split(',').sort().join(',') };
    });
}
