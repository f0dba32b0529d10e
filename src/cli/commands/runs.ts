/**
 * `xxgk runs`: the run records, newest first, so an unattended archive can be checked at a glance.
 */
import { listFailures, listRuns, type RunRecord } from '../../archive/run-log.js';
import { FAILURE_CLASSES } from '../../errors.js';
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

/** Failures listed in the table view; the JSON view has them all. */
const LISTED_FAILURES = 200;

/**
 * `xxgk runs --failures`: what failed in a run (the latest, or `run`), counted per class and
 * portal, then each URL with its class, stage and error.
 */
export function failuresCommand(db: Db, run: number | undefined, format: 'table' | 'json'): string {
  const record = run === undefined ? listRuns(db, 1)[0] : listRuns(db, Number.MAX_SAFE_INTEGER).find((r) => r.id === run);
  if (!record) return run === undefined ? 'no runs recorded yet' : `no run #${run}`;
  const failures = listFailures(db, record.id);
  const counts: Record<string, Record<string, number>> = {};
  for (const f of failures) {
    const byClass = (counts[f.portal] ??= {});
    byClass[f.class] = (byClass[f.class] ?? 0) + 1;
  }
  if (format === 'json') return JSON.stringify({ run: record.id, status: record.status, counts, failures }, null, 2);
  if (!failures.length) return `run #${record.id} (${record.status}): no failures`;
  const classes = FAILURE_CLASSES.filter((c) => failures.some((f) => f.class === c));
  const lines = [`run #${record.id} (${record.status}): ${failures.length} failure(s)`, ''];
  const portals = Object.keys(counts).sort();
  lines.push(
    formatTable(
      ['portal', ...classes, 'total'],
      [
        ...portals.map((p) => [p, ...classes.map((c) => String(counts[p]![c] ?? '')), String(Object.values(counts[p]!).reduce((a, b) => a + b, 0))]),
        ['total', ...classes.map((c) => String(failures.filter((f) => f.class === c).length)), String(failures.length)],
      ],
    ),
  );
  lines.push('');
  lines.push(
    formatTable(
      ['portal', 'class', 'stage', 'url', 'error'],
      failures.slice(0, LISTED_FAILURES).map((f) => [f.portal, f.class, f.stage, f.url.length > 100 ? `${f.url.slice(0, 99)}…` : f.url, f.message.length > 100 ? `${f.message.slice(0, 99)}…` : f.message]),
    ),
  );
  if (failures.length > LISTED_FAILURES) lines.push(`… and ${failures.length - LISTED_FAILURES} more (--format json lists them all)`);
  return lines.join('\n');
}
