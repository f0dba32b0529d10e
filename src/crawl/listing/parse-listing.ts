/**
 * One listing page in, its links and the further listing pages to fetch out. Knows the three
 * paging styles portals use (script pager, next links, Hanweb datastore/dataproxy); which one a
 * portal uses is read off the page, never configured.
 */
import { extractListingLinks } from './listing-links.js';
import { findNextPageUrls } from './next-links.js';
import { findScriptPager, scriptPagerUrls } from './script-pager.js';
import { nextDatastoreBlock, parseDatastore, type Datastore } from './hanweb-datastore.js';
import type { ListingLink } from '../../types.js';

/** A listing page still to fetch. Hanweb proxy pages carry the state needed to ask for the next block. */
export type ListingRequest =
  | { kind: 'listing'; url: string }
  | { kind: 'dataproxy'; url: string; store: Pick<Datastore, 'proxyUrl' | 'perPage' | 'totalRecords'>; recordsBefore: number };

export interface ParsedListing {
  links: ListingLink[];
  follow: ListingRequest[];
  /** How the page pages, for logs and the run record. */
  paging: 'script' | 'next-link' | 'datastore' | 'none';
}

export function parseListingPage(html: string, pageUrl: string, maxPages = Infinity): ParsedListing {
  const store = parseDatastore(html, pageUrl);
  if (store && store.recordCount > 0) {
    // Links outside the datastore (navigation) still matter for discovery, so keep both.
    const links = mergeLinks(store.links, extractListingLinks(html, pageUrl));
    const next = nextDatastoreBlock(store, store.recordCount, store.recordCount);
    return {
      links,
      follow: next ? [{ kind: 'dataproxy', url: next, store, recordsBefore: store.recordCount }] : [],
      paging: 'datastore',
    };
  }
  const links = extractListingLinks(html, pageUrl);
  const pager = findScriptPager(html);
  if (pager && pager.pageCount > 1) {
    // Only the first page enumerates the others; later pages would list the same set again.
    const follow: ListingRequest[] =
      pager.current === 0 ? scriptPagerUrls(pager, pageUrl, maxPages).map((url) => ({ kind: 'listing', url })) : [];
    return { links, follow, paging: 'script' };
  }
  const next = findNextPageUrls(html, pageUrl);
  if (next.length) return { links, follow: next.map((url) => ({ kind: 'listing', url })), paging: 'next-link' };
  return { links, follow: [], paging: 'none' };
}

/** A dataproxy response: its records, and the next block if the column goes on. */
export function parseDataproxyPage(
  source: string,
  pageUrl: string,
  request: Extract<ListingRequest, { kind: 'dataproxy' }>,
): ParsedListing {
  const page = parseDatastore(source, pageUrl);
  const links = page?.links ?? [];
  const store = { ...request.store, totalRecords: page?.totalRecords ?? request.store.totalRecords };
  const recordsSoFar = request.recordsBefore + (page?.recordCount ?? 0);
  const next = nextDatastoreBlock(store, recordsSoFar, page?.recordCount ?? 0);
  return {
    links,
    follow: next ? [{ kind: 'dataproxy', url: next, store, recordsBefore: recordsSoFar }] : [],
    paging: 'datastore',
  };
}

function mergeLinks(first: ListingLink[], second: ListingLink[]): ListingLink[] {
  const seen = new Set(first.map((l) => l.url));
  return [...first, ...second.filter((l) => !seen.has(l.url))];
}
