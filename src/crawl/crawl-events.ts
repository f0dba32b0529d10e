/**
 * What a crawl reports while it runs. The crawl never prints: the CLI turns these into progress
 * lines, a progress bar and JSON log lines; tests collect them.
 */
import type { SaveOutcome } from '../archive/report-archive.js';
import type { PolitenessEvent } from './polite/politeness-events.js';
import type { FailureClass } from '../errors.js';

export type CrawlEvent =
  | { type: 'listing'; portal: string; url: string; links: number; reports: number; paging: string; follow: number; rendered?: boolean }
  /** A listing page answered 304 Not Modified: nothing on it is new. */
  | { type: 'listing-unchanged'; portal: string; url: string }
  /** Nightly mode stopped paging: everything on this page was seen by an earlier run. */
  | { type: 'listing-stop'; portal: string; url: string; reason: string }
  /** Pages a listing is known to have (script pagers say so on page 1), for progress and ETA. */
  | { type: 'listing-size'; portal: string; url: string; pages: number }
  | { type: 'skipped'; portal: string; url: string; title: string; reason: string }
  /** A report link left alone: already archived (nightly), outside the backfill's years, or forbidden by robots.txt. */
  | { type: 'report-skipped'; portal: string; url: string; reason: 'known' | 'out-of-range' | 'robots' }
  | { type: 'report'; portal: string; url: string; outcome: SaveOutcome; id: number; title: string; year: number; region: string }
  | { type: 'report-not-modified'; portal: string; url: string }
  | { type: 'discovered'; portal: string; url: string; column: string | undefined; reason: string }
  | { type: 'render'; portal: string; url: string; mode: 'browser'; reason: string }
  /** While rendering a listing, the API that fed it was learned: later runs ask it directly. */
  | { type: 'listing-api'; portal: string; url: string; api: string; format: string; paged: boolean }
  | { type: 'image-failed'; portal: string; url: string; image: string; error: string; failure: FailureClass }
  | { type: 'error'; portal: string; url: string; stage: string; error: string; failure: FailureClass }
  | ({ portal: string } & PolitenessEvent);

export interface PortalStats {
  listingPages: number;
  reportsSeen: number;
  added: number;
  updated: number;
  changed: number;
  unchanged: number;
  skippedLinks: number;
  /** URLs that failed (a report, a listing page, an image of a report), whatever the class. */
  errors: number;
}

export interface CrawlSummary {
  mode: CrawlMode;
  portals: Record<string, PortalStats>;
  startedAt: string;
  finishedAt: string;
  /** HTTP requests sent (robots.txt and browser requests included). */
  requests: number;
}

/**
 * nightly: only what is new (listings read until a page holds nothing unseen; archived reports not
 * refetched). recheck: every listing page, and a conditional refetch of every archived report
 * (finds silent revisions at the cost of a 304 per report where servers support validators). full:
 * every listing page and every report, unconditionally.
 */
export type CrawlMode = 'nightly' | 'recheck' | 'full' | 'backfill';

export function emptyStats(): PortalStats {
  return { listingPages: 0, reportsSeen: 0, added: 0, updated: 0, changed: 0, unchanged: 0, skippedLinks: 0, errors: 0 };
}

const COUNTED = new Set<CrawlEvent['type']>(['listing', 'listing-unchanged', 'skipped', 'report', 'report-not-modified', 'error', 'image-failed']);

/** Folds an event into per-portal counters. */
export function countEvent(stats: Record<string, PortalStats>, event: CrawlEvent): void {
  // Politeness events name a portal by its host; one the seeds do not know is not a portal row.
  if (!(event.portal in stats) && !COUNTED.has(event.type)) return;
  const s = (stats[event.portal] ??= emptyStats());
  switch (event.type) {
    case 'listing':
    case 'listing-unchanged':
      s.listingPages++;
      break;
    case 'skipped':
      s.skippedLinks++;
      break;
    case 'report':
      s.reportsSeen++;
      s[event.outcome]++;
      break;
    case 'report-not-modified':
      s.reportsSeen++;
      s.unchanged++;
      break;
    case 'error':
    case 'image-failed':
      s.errors++;
      break;
    default:
      break;
  }
}
