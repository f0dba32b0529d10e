/**
 * `xxgk query`, `xxgk show`, `xxgk export`: read the archive, never write it.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { archiveNeedsUpgrade, openArchiveDb, type Db } from '../../archive/archive-db.js';
import { ConfigError } from '../../errors.js';
import { countByRegionYear, findReports, getReport, spamByPortal, type ReportFilter } from '../../query/report-query.js';
import { toExported } from '../../query/export-record.js';
import { formatCsv, formatReportList, formatTable } from '../output.js';
import { searchReports, type SearchRequest, type SnippetPart } from '../../query/search.js';

export function openForReading(storageDir: string): Db {
  const path = join(storageDir, 'archive.sqlite');
  if (!existsSync(path)) throw new ConfigError(`no archive at ${path}: run "xxgk crawl" (or "xxgk demo") first, or pass --storage`);
  if (archiveNeedsUpgrade(path)) {
    // Written by an earlier version: its new indexes are built once, here (tens of seconds on a
    // national archive), rather than asking for a reprocess that re-reads every report.
    process.stderr.write(`xxgk: upgrading ${path} to this version's schema (once)…\n`);
    try {
      openArchiveDb(path).close();
    } catch {
      // Not writable here: the read-only open below says what to do.
    }
  }
  return openArchiveDb(path, { readonly: true });
}

export function queryCommand(db: Db, filter: ReportFilter, format: 'table' | 'json' | 'csv'): string {
  return formatReportList(findReports(db, filter).map(toExported), format);
}

/** Search results, best first (or newest first), one page; matches in snippets within 【】. */
export function searchCommand(db: Db, request: SearchRequest, format: 'table' | 'json' | 'csv'): string {
  const result = searchReports(db, request);
  if (format === 'json') return JSON.stringify(result, null, 2);
  const marked = (parts: SnippetPart[]) => parts.map((p) => (p.match ? `【${p.text}】` : p.text)).join('');
  const rows = result.hits.map((h) => [String(h.id), String(h.year), h.regionCode, h.regionName, h.title, marked(h.snippet)]);
  if (format === 'csv') return formatCsv(['id', 'year', 'region', 'name', 'title', 'snippet'], rows);
  if (!rows.length) return '(no reports)';
  const pages = Math.ceil(result.total / result.pageSize);
  const lines = formatTable(['id', 'year', 'region', 'name', 'title'], rows.map((r) => r.slice(0, 5))).split('\n');
  // Each hit's row, then its snippet, indented.
  const out = [lines[0]!];
  rows.forEach((r, i) => out.push(lines[i + 1]!, `    ${r[5]}`));
  return `${out.join('\n')}\n\n${result.total} report(s) match; page ${result.page} of ${pages}`;
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
