/**
 * What a crawl reports while it runs. The crawl never prints: the CLI turns these into progress
 * lines and JSON log lines, tests collect them.
 */
import type { SaveOutcome } from '../archive/report-archive.js';

export type CrawlEvent =
  | { type: 'listing'; portal: string; url: string; links: number; reports: number; paging: string; follow: number }
  | { type: 'skipped'; portal: string; url: string; title: string; reason: string }
  | { type: 'report'; portal: string; url: string; outcome: SaveOutcome; id: number; title: string; year: number; region: string }
  | { type: 'image-failed'; portal: string; url: string; image: string; error: string }
  | { type: 'error'; portal: string; url: string; stage: string; error: string };

export interface PortalStats {
  listingPages: number;
  reportsSeen: number;
  added: number;
  updated: number;
  unchanged: number;
  skippedLinks: number;
  errors: number;
}

export interface CrawlSummary {
  portals: Record<string, PortalStats>;
  startedAt: string;
  finishedAt: string;
}

export function emptyStats(): PortalStats {
  return { listingPages: 0, reportsSeen: 0, added: 0, updated: 0, unchanged: 0, skippedLinks: 0, errors: 0 };
}

/** Folds an event into per-portal counters. */
export function countEvent(stats: Record<string, PortalStats>, event: CrawlEvent): void {
  const s = (stats[event.portal] ??= emptyStats());
  switch (event.type) {
    case 'listing':
      s.listingPages++;
      break;
    case 'skipped':
      s.skippedLinks++;
      break;
    case 'report':
      s.reportsSeen++;
      s[event.outcome]++;
      break;
    case 'error':
      s.errors++;
      break;
    case 'image-failed':
      break;
  }
}
