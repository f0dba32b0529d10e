/**
 * `xxgk coverage`: the region × year matrix of who published, who did not, who was late; or, with
 * --gaps, the list of missing reports.
 */
import type { Db } from '../../archive/archive-db.js';
import { COVERAGE_MARK, coverageGaps, coverageMatrix, type CoverageRequest } from '../../query/coverage.js';
import { formatCsv, formatTable } from '../output.js';

const LEGEND = '✓ on time   L late   ? no publication date   ✗ missing   (blank: not expected yet)';

export function coverageCommand(db: Db, request: CoverageRequest, options: { gaps: boolean; format: 'table' | 'json' | 'csv' }): string {
  const matrix = coverageMatrix(db, request);
  if (options.gaps) {
    const gaps = coverageGaps(matrix);
    if (options.format === 'json') return JSON.stringify(gaps, null, 2);
    const rows = gaps.map((g) => [g.regionCode, g.regionName, g.issuer, g.kind, String(g.year), g.deadline]);
    if (options.format === 'csv') return formatCsv(['region', 'name', 'issuer', 'kind', 'year', 'deadline'], rows);
    return rows.length ? formatTable(['region', 'name', 'issuer', 'kind', 'year', 'due by'], rows) : '(no gaps)';
  }
  if (options.format === 'json') return JSON.stringify(matrix, null, 2);
  const cellOf = (cells: (typeof matrix.rows)[number]['cells'], year: number) => cells.find((c) => c.year === year);
  if (options.format === 'csv') {
    const rows = matrix.rows.map((r) => [r.regionCode, r.regionName, r.issuer, r.kind, ...matrix.years.map((y) => cellOf(r.cells, y)?.status ?? '')]);
    return formatCsv(['region', 'name', 'issuer', 'kind', ...matrix.years.map(String)], rows);
  }
  if (!matrix.rows.length) return '(no reports in that region)';
  const rows = matrix.rows.map((r) => [r.regionCode, r.issuer, ...matrix.years.map((y) => {
    const cell = cellOf(r.cells, y);
    return cell ? COVERAGE_MARK[cell.status] : '';
  })]);
  return `${formatTable(['region', 'issuer', ...matrix.years.map(String)], rows)}\n\n${LEGEND}`;
}
