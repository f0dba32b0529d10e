/**
 * `xxgk query`, `xxgk show`, `xxgk export`: read the archive, never write it.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { openArchiveDb, type Db } from '../../archive/archive-db.js';
import { ConfigError } from '../../errors.js';
import { countByRegionYear, findReports, getReport, spamByPortal, type ReportFilter } from '../../query/report-query.js';
import { toExported } from '../../query/export-record.js';
import { formatReportList, formatTable } from '../output.js';

export function openForReading(storageDir: string): Db {
  const path = join(storageDir, 'archive.sqlite');
  if (!existsSync(path)) throw new ConfigError(`no archive at ${path}: run "xxgk crawl" (or "xxgk demo") first, or pass --storage`);
  return openArchiveDb(path, { readonly: true });
}

export function queryCommand(db: Db, filter: ReportFilter, format: 'table' | 'json' | 'csv'): string {
  return formatReportList(findReports(db, filter).map(toExported), format);
}

export function showCommand(db: Db, id: number, format: 'text' | 'json'): string {
  const report = getReport(db, id);
  if (!report) throw new ConfigError(`no report with id ${id}`);
  if (format === 'json') return JSON.stringify(toExported(report), null, 2);
  const head = [
    report.title,
    `year: ${report.year}   region: ${report.region.code} ${report.region.name}   issuer: ${report.issuer}`,
    `published: ${report.published ?? '?'}   portal: ${report.portal}   encoding: ${report.encoding}`,
    `url: ${report.url}`,
    `files: ${report.folder}`,
    ...(report.spam.length ? [`spam removed: ${report.spam.length} (see --format json)`] : []),
  ];
  return `${head.join('\n')}\n\n${report.text}`;
}

export function* exportLines(db: Db, filter: ReportFilter): Generator<string> {
  for (const report of findReports(db, filter)) yield JSON.stringify(toExported(report));
}

export function overview(db: Db): string {
  const rows = countByRegionYear(db).map((r) => [r.regionCode, r.regionName, String(r.year), String(r.reports)]);
  return rows.length ? formatTable(['region', 'name', 'year', 'reports'], rows) : '(archive is empty)';
}

export function spamPortals(db: Db): string {
  const rows = spamByPortal(db).map((p) => [p.portal, String(p.reports), String(p.findings), p.kinds]);
  return rows.length ? formatTable(['portal', 'reports', 'findings', 'kinds'], rows) : '(none)';
}
