/**
 * Formatting for people and pipes: aligned tables (CJK counted as two columns), CSV, JSON.
 */
import type { ExportedReport } from '../query/export-record.js';
import { formatCsv } from '../query/csv.js';

function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\u{20000}-\u{3fffd}]/u.test(ch) ? 2 : 1;
  return width;
}

function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

export function formatTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? ''))));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : pad(c, widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

export { csvCell, formatCsv } from '../query/csv.js';

const LIST_HEADER = ['id', 'year', 'region', 'name', 'issuer', 'published', 'title'];

function listRow(r: ExportedReport): string[] {
  return [String(r.id), String(r.year), r.region.code, r.region.name, r.issuer, r.published ?? '', r.title];
}

export function formatReportList(reports: ExportedReport[], format: 'table' | 'json' | 'csv'): string {
  if (format === 'json') return JSON.stringify(reports, null, 2);
  if (format === 'csv') return formatCsv([...LIST_HEADER, 'url'], reports.map((r) => [...listRow(r), r.url]));
  if (!reports.length) return '(no reports)';
  return formatTable(LIST_HEADER, reports.map(listRow));
}
