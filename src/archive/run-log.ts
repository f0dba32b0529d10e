/**
 * One row per crawl run (nightly, backfill, scheduled), so an unattended archive can answer "did
 * last night's run work, and what did it find?" (`xxgk runs`).
 */
import type { Db } from './archive-db.js';
import type { CrawlSummary } from '../crawl/crawl-events.js';
import type { FailureClass } from '../errors.js';

export type RunStatus = 'running' | 'ok' | 'partial' | 'failed' | 'interrupted';

export interface RunRecord {
  id: number;
  kind: string;
  startedAt: string;
  finishedAt?: string;
  status: RunStatus;
  options: Record<string, unknown>;
  summary?: CrawlSummary;
  requests?: number;
  error?: string;
}

/**
 * Starts a run. Any run still marked running was cut off (the caller holds the storage lock, so no
 * other process is running one): it is marked interrupted.
 */
export function startRun(db: Db, kind: string, options: Record<string, unknown>, now: string): number {
  db.prepare("UPDATE runs SET status = 'interrupted' WHERE status = 'running'").run();
  return Number(
    db.prepare("INSERT INTO runs (kind, started_at, status, options_json) VALUES (?, ?, 'running', ?)").run(kind, now, JSON.stringify(options))
      .lastInsertRowid,
  );
}

export function finishRun(db: Db, id: number, status: RunStatus, now: string, summary?: CrawlSummary, error?: string): void {
  db.prepare('UPDATE runs SET finished_at = ?, status = ?, portals_json = ?, requests = ?, error = ? WHERE id = ?').run(
    now,
    status,
    summary ? JSON.stringify(summary) : null,
    summary?.requests ?? null,
    error ?? null,
    id,
  );
}

export function listRuns(db: Db, limit: number): RunRecord[] {
  const rows = db.prepare('SELECT * FROM runs ORDER BY id DESC LIMIT ?').all(limit) as {
    id: number;
    kind: string;
    started_at: string;
    finished_at: string | null;
    status: RunStatus;
    options_json: string;
    portals_json: string | null;
    requests: number | null;
    error: string | null;
  }[];
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    startedAt: r.started_at,
    ...(r.finished_at ? { finishedAt: r.finished_at } : {}),
    status: r.status,
    options: JSON.parse(r.options_json) as Record<string, unknown>,
    ...(r.portals_json ? { summary: JSON.parse(r.portals_json) as CrawlSummary } : {}),
    ...(r.requests !== null ? { requests: r.requests } : {}),
    ...(r.error ? { error: r.error } : {}),
  }));
}

/** One URL that failed in a run. */
export interface RunFailure {
  portal: string;
  url: string;
  class: FailureClass;
  stage: string;
  message: string;
  at: string;
}

/** Written as it happens, so a run killed halfway still shows what failed before it died. */
export function recordFailure(db: Db, runId: number, failure: RunFailure): void {
  db.prepare('INSERT INTO run_failures (run_id, portal, url, class, stage, message, at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    runId,
    failure.portal,
    failure.url,
    failure.class,
    failure.stage,
    failure.message.slice(0, 2000),
    failure.at,
  );
}

export function listFailures(db: Db, runId: number): RunFailure[] {
  return db.prepare('SELECT portal, url, class, stage, message, at FROM run_failures WHERE run_id = ? ORDER BY rowid').all(runId) as RunFailure[];
}
