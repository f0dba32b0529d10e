/**
 * Where each portal's crawl begins: the seed's own column URLs; or, for a portal known only by its
 * homepage, the column found there once (discover/) and remembered in the archive, so nightly runs
 * do not search again. A remembered column that stops answering is forgotten and searched anew.
 */
import { decodePage } from '../decode/decode-page.js';
import { FetchError, classifyFailure } from '../errors.js';
import { loadPortalState, savePortalState } from '../archive/crawl-state.js';
import type { Db } from '../archive/archive-db.js';
import type { PortalSeed } from '../types.js';
import type { CrawlEvent } from './crawl-events.js';
import type { Fetcher } from './fetcher.js';
import { discoverReportColumn } from './discover/discover-column.js';

export interface StartContext {
  db: Db;
  fetcher: Fetcher;
  emit: (event: CrawlEvent) => void;
  now: () => Date;
}

export async function resolvePortalStarts(seeds: PortalSeed[], ctx: StartContext): Promise<Map<string, string[]>> {
  const starts = new Map<string, string[]>();
  await Promise.all(
    seeds.map(async (seed) => {
      if (seed.start.length) {
        starts.set(seed.id, seed.start);
        return;
      }
      if (!seed.home) return;
      const column = await columnOf(seed, seed.home, ctx);
      if (column) starts.set(seed.id, [column]);
    }),
  );
  return starts;
}

async function columnOf(seed: PortalSeed, home: string, ctx: StartContext): Promise<string | undefined> {
  const state = loadPortalState(ctx.db, seed.id);
  if (state.column) return state.column;
  const fetchHtml = async (url: string) => {
    const page = await ctx.fetcher.fetch(url);
    return { html: decodePage(page.body, page.headers['content-type'], url).text, finalUrl: page.finalUrl };
  };
  try {
    const found = await discoverReportColumn(home, fetchHtml);
    ctx.emit({ type: 'discovered', portal: seed.id, url: home, column: found.column, reason: found.reason });
    if (!found.column) {
      ctx.emit({ type: 'error', portal: seed.id, url: home, stage: 'discover', error: `no annual-report column found: ${found.reason}`, failure: 'parse_error' });
      return undefined;
    }
    savePortalState(ctx.db, seed.id, { ...state, column: found.column, columnReason: found.reason }, ctx.now().toISOString());
    return found.column;
  } catch (error) {
    ctx.emit({ type: 'error', portal: seed.id, url: home, stage: 'discover', error: (error as Error).message, failure: classifyFailure(error) });
    return undefined;
  }
}

/** A remembered column that answers 404/410 has moved: forget it so the next run searches again. */
export function forgetColumnIfGone(db: Db, seed: PortalSeed, url: string, error: unknown, now: Date): void {
  if (seed.start.length || !(error instanceof FetchError) || (error.status !== 404 && error.status !== 410)) return;
  const state = loadPortalState(db, seed.id);
  if (state.column !== url) return;
  const { column: _gone, columnReason: _why, ...rest } = state;
  savePortalState(db, seed.id, rest, now.toISOString());
}
