/**
 * `xxgk runs`: the run records, newest first, so an unattended archive can be checked at a glance.
 */
import { listRuns, type RunRecord } from '../../archive/run-log.js';
import type { Db } from '../../archive/archive-db.js';
import { formatTable } from '../output.js';

function totals(run: RunRecord): { pages: number; added: number; changed: number; errors: number } {
  const t = { pages: 0, added: 0, changed: 0, errors: 0 };
  for (const s of Object.values(run.summary?.portals ?? {})) {
    t.pages += s.listingPages;
    t.added += s.added;
    t.changed += s.changed;
    t.errors += s.errors;
  }
  return t;
}

export function runsCommand(db: Db, limit: number, format: 'table' | 'json'): string {
  const runs = listRuns(db, limit);
  if (format === 'json') return JSON.stringify(runs, null, 2);
  if (!runs.length) return 'no runs recorded yet';
  const lines: string[] = [];
  lines.push(
    formatTable(
      ['run', 'kind', 'started', 'finished', 'status', 'portals', 'listing pages', 'new', 'changed', 'errors', 'requests'],
      runs.map((r) => {
        const t = totals(r);
        return [
          `#${r.id}`,
          r.kind,
          r.startedAt.replace('T', ' ').slice(0, 19),
          r.finishedAt ? r.finishedAt.replace('T', ' ').slice(0, 19) : '',
          r.error ? `${r.status}: ${r.error.slice(0, 60)}` : r.status,
          String(Object.keys(r.summary?.portals ?? {}).length || ((r.options.portals as string[] | undefined)?.length ?? '')),
          String(t.pages),
          String(t.added),
          String(t.changed),
          String(t.errors),
          r.requests !== undefined ? String(r.requests) : '',
        ];
      }),
    ),
  );
  const latest = runs[0]!;
  if (latest.summary) {
    lines.push('', `run #${latest.id} per portal:`);
    lines.push(
      formatTable(
        ['portal', 'listing pages', 'reports', 'new', 'changed', 'unchanged', 'errors'],
        Object.entries(latest.summary.portals).map(([portal, s]) => [
          portal,
          String(s.listingPages),
          String(s.reportsSeen),
          String(s.added),
          String(s.changed),
          String(s.unchanged),
          String(s.errors),
        ]),
      ),
    );
  }
  return lines.join('\n');
}
