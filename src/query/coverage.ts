/**
 * Which governments and departments have a report for each year, which do not, and which were
 * late. Deadlines are the regulation's: since the 2019 revision (Article 49, from the 2019 reports
 * on) departments publish by 31 January and governments by 31 March of the next year; before it,
 * everyone by 31 March (2008 regulation, Article 32).
 */
import type { Db } from '../archive/archive-db.js';
import { filterConditions, issuerKind, regionCodeOf, regionCodePrefix, type IssuerKind } from './report-query.js';
import { whereClause } from './text-search.js';
export type CoverageStatus = 'on-time' | 'late' | 'undated' | 'missing';

/** How a cell is shown in the CLI's and the web view's matrix. */
export const COVERAGE_MARK: Record<CoverageStatus, string> = { 'on-time': '✓', late: 'L', undated: '?', missing: '✗' };

export interface CoverageCell {
  year: number;
  status: CoverageStatus;
  /** The last day the report was due. */
  deadline: string;
  reportId?: number;
  published?: string;
}

export interface CoverageRow {
  regionCode: string;
  regionName: string;
  issuer: string;
  kind: IssuerKind;
  /**
   * One cell per year of the range in which a report was expected: every year for a government,
   * from its first archived report on for a department (it may not have existed before).
   */
  cells: CoverageCell[];
}

export interface CoverageMatrix {
  years: number[];
  rows: CoverageRow[];
}

export interface CoverageRequest {
  /** A code (a province or city includes everything under it) or a name; all regions without. */
  region?: string;
  from?: number;
  to?: number;
  kind?: IssuerKind;
  /** Governments expected whether or not the archive has any of their reports (the seeds' regions). */
  expect?: { regionCode: string; regionName: string }[];
}

export function deadlineOf(year: number, kind: IssuerKind): string {
  if (year >= 2019 && kind === 'department') return `${year + 1}-01-31`;
  return `${year + 1}-03-31`;
}

/** The government of a region, as issuers are named (issuer.ts spells 政府 out as 人民政府). */
function governmentOf(regionName: string): string {
  return `${regionName}人民政府`;
}

export function coverageMatrix(db: Db, request: CoverageRequest = {}): CoverageMatrix {
  const conditions = filterConditions(request.region ? { region: request.region } : {});
  const where = whereClause(conditions);
  const reports = db
    .prepare(`SELECT r.id, r.region_code, r.region_name, r.issuer, r.year, r.published FROM reports r ${where} ORDER BY r.region_code, r.issuer, r.year, r.published`)
    .all(...conditions.flatMap((c) => c.params)) as { id: number; region_code: string; region_name: string; issuer: string; year: number; published: string | null }[];
  const archivedYears = reports.map((r) => r.year);
  const from = request.from ?? (archivedYears.length ? Math.min(...archivedYears) : undefined);
  const to = request.to ?? (archivedYears.length ? Math.max(...archivedYears) : undefined);
  if (from === undefined || to === undefined || from > to) return { years: [], rows: [] };
  const years = Array.from({ length: to - from + 1 }, (_, i) => from + i);

  // One row per department, and one per region for its government, whatever it was called
  // (开封县人民政府 became 开封市祥符区人民政府): names are the newest report's.
  const rows = new Map<string, { regionCode: string; regionName: string; issuer: string; byYear: Map<number, (typeof reports)[number]> }>();
  const keyOf = (code: string, issuer: string) => `${code}\u0000${issuerKind(issuer) === 'government' ? '' : issuer}`;
  for (const r of reports) {
    const key = keyOf(r.region_code, r.issuer);
    const row = rows.get(key) ?? { regionCode: r.region_code, regionName: r.region_name, issuer: r.issuer, byYear: new Map() };
    row.regionName = r.region_name;
    row.issuer = r.issuer;
    // Two reports of one year (a correction): the first published counts.
    if (!row.byYear.has(r.year)) row.byYear.set(r.year, r);
    rows.set(key, row);
  }
  for (const e of (request.expect ?? []).filter((x) => !request.region || inRegion(x.regionCode, request.region))) {
    const issuer = governmentOf(e.regionName);
    const key = keyOf(e.regionCode, issuer);
    if (!rows.has(key)) rows.set(key, { regionCode: e.regionCode, regionName: e.regionName, issuer, byYear: new Map() });
  }

  const out: CoverageRow[] = [];
  for (const row of [...rows.values()].sort((a, b) => a.regionCode.localeCompare(b.regionCode) || kindOrder(a.issuer) - kindOrder(b.issuer) || a.issuer.localeCompare(b.issuer, 'zh'))) {
    const kind = issuerKind(row.issuer);
    if (request.kind && kind !== request.kind) continue;
    const first = Math.min(...row.byYear.keys());
    const cells: CoverageCell[] = [];
    for (const year of years) {
      if (kind === 'department' && year < first) continue;
      const deadline = deadlineOf(year, kind);
      const report = row.byYear.get(year);
      if (!report) cells.push({ year, status: 'missing', deadline });
      else if (!report.published) cells.push({ year, status: 'undated', deadline, reportId: report.id });
      else cells.push({ year, status: report.published.slice(0, 10) > deadline ? 'late' : 'on-time', deadline, reportId: report.id, published: report.published });
    }
    out.push({ regionCode: row.regionCode, regionName: row.regionName, issuer: row.issuer, kind, cells });
  }
  return { years, rows: out };
}

/** Whether a region code lies in a region given as a code or a name (a province or city includes its counties). */
function inRegion(code: string, region: string): boolean {
  const scope = regionCodeOf(region);
  return scope !== undefined && code.startsWith(regionCodePrefix(scope));
}

function kindOrder(issuer: string): number {
  return issuerKind(issuer) === 'government' ? 0 : 1;
}

/** Every expected report the archive does not have: the list an auditor follows up. */
export function coverageGaps(matrix: CoverageMatrix): { regionCode: string; regionName: string; issuer: string; kind: IssuerKind; year: number; deadline: string }[] {
  return matrix.rows.flatMap((row) =>
    row.cells.filter((c) => c.status === 'missing').map((c) => ({ regionCode: row.regionCode, regionName: row.regionName, issuer: row.issuer, kind: row.kind, year: c.year, deadline: c.deadline })),
  );
}
