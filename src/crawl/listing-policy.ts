/**
 * The decisions that make a nightly run cheap and a backfill exact, kept pure so they can be
 * tested on their own: which report links to fetch, and whether to read the next listing page.
 */
import type { KnownLinks } from '../archive/crawl-state.js';
import type { ListingLink, Validators } from '../types.js';
import type { CrawlMode } from './crawl-events.js';
import { inferReportYear } from '../extract/report-year.js';

export interface YearRange {
  from: number;
  to: number;
}

export type ReportDecision =
  | { action: 'fetch'; conditional?: Validators; reason: 'new' | 'listing-changed' | 'recheck' | 'full' }
  | { action: 'skip'; reason: 'known' | 'out-of-range' };

export function inRange(year: number, range: YearRange | undefined): boolean {
  return !range || (year >= range.from && year <= range.to);
}

/**
 * A report link on a listing. Archived reports are not refetched by a nightly run unless the
 * listing now shows another title or date for them (portals re-date revised reports); recheck and
 * backfill ask again with the stored validators, which costs a 304 where the server supports it.
 */
export function decideReport(link: ListingLink, mode: CrawlMode, known: KnownLinks, years?: YearRange): ReportDecision {
  if (mode === 'backfill') {
    const year = inferReportYear(link.title);
    // A title without a year is fetched: the page itself says which year it reports on.
    if (year !== undefined && !inRange(year, years)) return { action: 'skip', reason: 'out-of-range' };
  }
  const archived = known.archived.get(link.url);
  if (!archived) return { action: 'fetch', reason: 'new' };
  if (mode === 'full') return { action: 'fetch', reason: 'full' };
  const conditional: Validators = {
    ...(archived.etag ? { etag: archived.etag } : {}),
    ...(archived.lastModified ? { lastModified: archived.lastModified } : {}),
  };
  if (mode === 'recheck' || mode === 'backfill') return { action: 'fetch', conditional, reason: 'recheck' };
  const listingChanged = (archived.title !== null && archived.title !== link.title) || (link.date !== undefined && archived.date !== null && archived.date !== link.date);
  return listingChanged ? { action: 'fetch', conditional, reason: 'listing-changed' } : { action: 'skip', reason: 'known' };
}

export interface PagingVerdict {
  next: boolean;
  reason: string;
}

/**
 * Nightly runs read a listing only while it shows something unseen; recheck and full runs and
 * backfills read it all. Listings are newest first, so the first page where everything was seen
 * before is where the archive already is. Judged on report links when the page has any (sidebars
 * with changing news must not keep us paging); on a page without reports (a mixed column where
 * reports are sparse), on its dated items.
 */
export function continuePaging(
  mode: CrawlMode,
  links: ListingLink[],
  reportUrls: Set<string>,
  known: KnownLinks,
): PagingVerdict {
  if (mode !== 'nightly') return { next: true, reason: `${mode} reads every page` };
  // Only links a finished run recorded count: a run killed, stopped or out of space records none,
  // and the reports it archived must not stop the next run before the pages it never reached.
  const isKnown = (url: string) => known.seen.has(url);
  const reports = links.filter((l) => reportUrls.has(l.url));
  if (reports.length > 0) {
    const unseen = reports.filter((l) => !isKnown(l.url)).length;
    return unseen > 0
      ? { next: true, reason: `${unseen} unseen report link(s)` }
      : { next: false, reason: `all ${reports.length} report link(s) seen before` };
  }
  const dated = links.filter((l) => l.date);
  const unseen = dated.filter((l) => !isKnown(l.url)).length;
  return unseen > 0 ? { next: true, reason: `${unseen} unseen item(s), no report links` } : { next: false, reason: 'no unseen items' };
}
