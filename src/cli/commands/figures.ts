/**
 * `xxgk figures`: one figure across reports, one row per report.
 */
import type { Db } from '../../archive/archive-db.js';
import { ConfigError } from '../../errors.js';
import { FIGURE_KEYS } from '../../extract/figures/index.js';
import { figureAcross, presentFigureKeys, storedFigureKeys } from '../../query/figure-query.js';
import type { ReportFilter } from '../../query/report-query.js';
import { formatCsv, formatTable } from '../output.js';

function knownKeys(db: Db): Set<string> {
  return new Set([...Object.keys(FIGURE_KEYS), ...presentFigureKeys(db)]);
}

export function figuresCommand(db: Db, key: string, filter: ReportFilter, format: 'table' | 'json' | 'csv'): string {
  const known = knownKeys(db);
  if (!known.has(key)) {
    const near = [...known].filter((k) => k.includes(key) || key.includes(k.split('.').slice(0, 2).join('.'))).slice(0, 8);
    throw new ConfigError(`unknown figure key "${key}"${near.length ? `; did you mean: ${near.join(', ')}` : ''} (see docs/figures.md or "xxgk figures --list")`);
  }
  const rows = figureAcross(db, key, filter);
  if (format === 'json') return JSON.stringify(rows.map((r) => ({ key, ...r })), null, 2);
  const header = ['id', 'year', 'region', 'name', 'issuer', key, 'uncertain'];
  const cells = rows.map((r) => [String(r.id), String(r.year), r.regionCode, r.regionName, r.issuer, String(r.value), r.uncertain ? 'yes' : '']);
  if (format === 'csv') return formatCsv([...header, 'checks', 'failed_checks'], rows.map((r, i) => [...cells[i]!, String(r.checks), String(r.failedChecks)]));
  return rows.length ? formatTable(header, cells) : `(no report has ${key})`;
}

export function listFigureKeys(db: Db): string {
  const stored = new Map(storedFigureKeys(db).map((k) => [k.key, k.reports]));
  const keys = [...new Set([...Object.keys(FIGURE_KEYS), ...stored.keys()])].sort();
  return formatTable(['key', 'reports', 'label'], keys.map((k) => [k, String(stored.get(k) ?? 0), FIGURE_KEYS[k]?.label ?? '']));
}
