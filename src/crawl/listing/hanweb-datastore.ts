/**
 * Hanweb JCMS listings embed their first records as XML in the page and load the rest from
 * /module/web/jpage/dataproxy.jsp in blocks of records (startrecord/endrecord, 1-based, inclusive).
 * The proxy's parameters (columnid, unitid, webid, …) come from the <nextgroup> link the page carries.
 */
import { extractListingLinks } from './listing-links.js';
import type { ListingLink } from '../../types.js';

export interface Datastore {
  links: ListingLink[];
  recordCount: number;
  /** Total records the column holds, when the page or proxy states it. */
  totalRecords?: number;
  /** Proxy URL without record range, when the page names one. */
  proxyUrl?: string;
  perPage: number;
}

const RECORD = /<record>\s*<!\[CDATA\[([\s\S]*?)\]\]>\s*<\/record>/gi;

export function parseDatastore(source: string, baseUrl: string): Datastore | undefined {
  if (!/<datastore>/i.test(source)) return undefined;
  const records = [...source.matchAll(RECORD)].map((m) => m[1]!);
  const links = records.flatMap((html) => extractListingLinks(html, baseUrl));
  const total = /<totalrecord>\s*(\d+)\s*<\/totalrecord>|totalRecord\s*[:=]\s*['"]?(\d+)/i.exec(source);
  const perPage = /perpage\s*[:=]\s*['"]?(\d+)|[?&]perpage=(\d+)/i.exec(source);
  const nextgroup = /<nextgroup>\s*<!\[CDATA\[[\s\S]*?href=["']([^"']+)["']/i.exec(source);
  const proxyInScript = /['"]([^'"]*dataproxy\.jsp[^'"]*)['"]/i.exec(source);
  const proxyHref = nextgroup?.[1] ?? proxyInScript?.[1];
  return {
    links,
    recordCount: records.length,
    totalRecords: total ? Number(total[1] ?? total[2]) : undefined,
    proxyUrl: proxyHref ? new URL(proxyHref.replace(/&amp;/g, '&'), baseUrl).href : undefined,
    perPage: perPage ? Number(perPage[1] ?? perPage[2]) : 15,
  };
}

/** The proxy URL for records [start, end], keeping the column's own parameters. */
export function dataproxyUrl(proxyUrl: string, start: number, end: number, perPage: number): string {
  const url = new URL(proxyUrl);
  url.searchParams.delete('page');
  url.searchParams.set('startrecord', String(start));
  url.searchParams.set('endrecord', String(end));
  url.searchParams.set('perpage', String(perPage));
  return url.href;
}

/**
 * The next block to ask the proxy for, given how many records are known so far; undefined when
 * the column is exhausted. Hanweb serves three pages' worth per request.
 */
export function nextDatastoreBlock(
  store: Pick<Datastore, 'proxyUrl' | 'perPage' | 'totalRecords'>,
  recordsSoFar: number,
  lastBlockSize: number,
): string | undefined {
  if (!store.proxyUrl || lastBlockSize === 0) return undefined;
  if (store.totalRecords !== undefined && recordsSoFar >= store.totalRecords) return undefined;
  const block = store.perPage * 3;
  const start = recordsSoFar + 1;
  const end = store.totalRecords !== undefined ? Math.min(store.totalRecords, recordsSoFar + block) : recordsSoFar + block;
  return dataproxyUrl(store.proxyUrl, start, end, store.perPage);
}
