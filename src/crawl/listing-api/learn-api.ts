/**
 * Learning a script-built listing's API from one browser rendering: which of the page's script
 * requests answered with the links the browser drew, where in the answer the items are, which
 * item fields hold title, link and date, and how the page number goes into the request (told by
 * comparing the requests of two pages, else guessed from the parameter names pagers use).
 *
 * Nothing here knows a particular portal: the answer is found by matching the drawn links, so a
 * new CMS with new field names is learned the same way. Pure.
 */
import { decodePage } from '../../decode/decode-page.js';
import { extractListingLinks, resolveHref } from '../listing/listing-links.js';
import type { ListingLink } from '../../types.js';
import { itemDate, itemUrl, parseAnswer, plainTitle, valueAt, type ParsedAnswer } from './api-answer.js';
import type { ApiItemFields, ApiPageParam, CapturedExchange, LearnedListingApi } from './api-types.js';

export interface RenderedListing {
  pageNumber: number;
  /** The listing page's URL (what links resolve against). */
  url: string;
  /** Report links the browser found on this page: what the API must have delivered. */
  reportLinks: ListingLink[];
  exchanges: CapturedExchange[];
}

interface Candidate {
  exchange: CapturedExchange;
  parsed: ParsedAnswer;
  matched: number;
  items?: string[];
  fields?: ApiItemFields;
  htmlAt?: string[];
}

const MAX_DEPTH = 6;

export function learnListingApi(pages: RenderedListing[]): LearnedListingApi | undefined {
  const first = pages.find((p) => p.pageNumber === 1);
  if (!first || first.reportLinks.length === 0) return undefined;
  const best = bestCandidate(first);
  if (!best) return undefined;
  const { exchange } = best;
  const method = exchange.method.toUpperCase() === 'POST' ? 'POST' : 'GET';
  const second = pages.find((p) => p.pageNumber === 2);
  const nextExchange = second ? sameEndpoint(exchange, second, best) : undefined;
  const paging = nextExchange ? pagingFromPair(exchange, nextExchange) : pagingFromNames(exchange);
  return {
    format: best.parsed.format,
    method,
    url: exchange.url,
    ...(exchange.postData !== undefined ? { body: exchange.postData } : {}),
    headers: exchange.requestHeaders,
    ...(paging.page.length ? { page: paging.page } : {}),
    ...(best.items ? { items: best.items } : {}),
    ...(best.htmlAt ? { htmlAt: best.htmlAt } : {}),
    ...(best.fields ? { fields: best.fields } : {}),
    ...(paging.fresh.length ? { fresh: paging.fresh } : {}),
    listingUrl: first.url,
  };
}

/** The exchange whose answer holds most of the drawn report links; at least half of them. */
function bestCandidate(page: RenderedListing): Candidate | undefined {
  let best: Candidate | undefined;
  for (const exchange of page.exchanges) {
    const candidate = readCandidate(exchange, page);
    if (candidate && (!best || candidate.matched > best.matched)) best = candidate;
  }
  return best && best.matched * 2 >= page.reportLinks.length ? best : undefined;
}

function readCandidate(exchange: CapturedExchange, page: RenderedListing): Candidate | undefined {
  let text: string;
  try {
    text = decodePage(exchange.body, exchange.contentType, exchange.url).text;
  } catch {
    return undefined;
  }
  const parsed = parseAnswer(text);
  if (!parsed) return undefined;
  if (parsed.format === 'html') {
    const matched = matchedIn(parsed.text, page);
    return matched ? { exchange, parsed, matched } : undefined;
  }
  let best: Candidate | undefined;
  for (const [path, array] of arraysIn(parsed.value, [], 0)) {
    const shape = itemShape(array, page);
    if (shape && (!best || shape.matched > best.matched)) best = { exchange, parsed, matched: shape.matched, items: path, fields: shape.fields };
  }
  for (const [path, html] of htmlStringsIn(parsed.value, [], 0)) {
    const matched = matchedIn(html, page);
    if (matched && (!best || matched > best.matched)) best = { exchange, parsed, matched, htmlAt: path };
  }
  return best;
}

function matchedIn(html: string, page: RenderedListing): number {
  const found = new Set(extractListingLinks(html, page.url).map((l) => l.url));
  return page.reportLinks.filter((l) => found.has(l.url)).length;
}

function* htmlStringsIn(value: unknown, path: string[], depth: number): Generator<[string[], string]> {
  if (depth > MAX_DEPTH || value === null) return;
  if (typeof value === 'string') {
    if (/<a\s[^>]*href/i.test(value)) yield [path, value];
    return;
  }
  if (typeof value !== 'object' || Array.isArray(value)) return;
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) yield* htmlStringsIn(child, [...path, key], depth + 1);
}

function* arraysIn(value: unknown, path: string[], depth: number): Generator<[string[], unknown[]]> {
  if (depth > MAX_DEPTH || value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    if (value.some((v) => v && typeof v === 'object' && !Array.isArray(v))) yield [path, value];
    return;
  }
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) yield* arraysIn(child, [...path, key], depth + 1);
}

/** Which item fields give the drawn links' URLs and titles, and how many drawn links the array holds. */
function itemShape(array: unknown[], page: RenderedListing): { matched: number; fields: ApiItemFields } | undefined {
  const items = array.filter((v): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v));
  const urlVotes = new Map<string, { count: number; prefix: string; suffix: string }>();
  const titleVotes = new Map<string, number>();
  const dateVotes = new Map<string, number>();
  let matched = 0;
  for (const link of page.reportLinks) {
    let hit = false;
    for (const item of items) {
      const urlKey = urlFieldFor(item, link.url, page.url);
      if (!urlKey) continue;
      hit = true;
      const vote = urlVotes.get(urlKey.key) ?? { count: 0, prefix: urlKey.prefix, suffix: urlKey.suffix };
      vote.count++;
      urlVotes.set(urlKey.key, vote);
      for (const [key, value] of Object.entries(item)) {
        const title = plainTitle(value);
        if (title && sameTitle(title, link.title)) titleVotes.set(key, (titleVotes.get(key) ?? 0) + 1);
        const date = key === urlKey.key ? undefined : itemDate(value);
        // The drawn date is the best witness; a date string beats a number that might be an id.
        if (date) dateVotes.set(key, (dateVotes.get(key) ?? 0) + (date === link.date ? 2 : typeof value === 'string' ? 1 : 0.5));
      }
      break;
    }
    if (hit) matched++;
  }
  const url = top(urlVotes, (v) => v.count);
  const title = top(titleVotes, (v) => v);
  if (!url || !title) return undefined;
  const date = top(dateVotes, (v) => v);
  const { prefix, suffix } = urlVotes.get(url)!;
  const fields: ApiItemFields = {
    title,
    url,
    ...(date ? { date: date } : {}),
    ...(prefix || suffix ? { urlPrefix: prefix, urlSuffix: suffix } : {}),
  };
  // Every matched item must give its link back through the chosen fields, or the template is wrong.
  const rebuilt = new Set(items.map((item) => itemUrl(item, fields, page.url)).filter(Boolean));
  const confirmed = page.reportLinks.filter((l) => rebuilt.has(l.url)).length;
  return confirmed ? { matched: confirmed, fields } : undefined;
}

/** The item field whose value is the link, resolved as the browser would or wrapped in a fixed prefix/suffix. */
function urlFieldFor(item: Record<string, unknown>, href: string, base: string): { key: string; prefix: string; suffix: string } | undefined {
  let wrapped: { key: string; prefix: string; suffix: string } | undefined;
  for (const [key, raw] of Object.entries(item)) {
    if (typeof raw !== 'string' && typeof raw !== 'number') continue;
    const value = String(raw).trim();
    if (!value) continue;
    if (resolveHref(value, base) === href) return { key, prefix: '', suffix: '' };
    // An id or a path fragment the script wraps (`/art/${id}.html`): long enough not to match by chance.
    const at = href.lastIndexOf(value);
    if (!wrapped && value.length >= 4 && at > 0 && !/^\d{1,3}$/.test(value)) {
      wrapped = { key, prefix: href.slice(0, at), suffix: href.slice(at + value.length) };
    }
  }
  return wrapped;
}

/** The drawn title may be cut (…) or be the full title attribute; the API holds one of them. */
function sameTitle(api: string, drawn: string): boolean {
  const a = api.replace(/[.…]+$/, '');
  const b = drawn.replace(/[.…]+$/, '');
  if (a.length < 4 || b.length < 4) return a === b;
  return a === b || a.startsWith(b) || b.startsWith(a);
}

function top<V>(votes: Map<string, V>, score: (v: V) => number): string | undefined {
  let best: string | undefined;
  for (const [key, v] of votes) if (best === undefined || score(v) > score(votes.get(best)!)) best = key;
  return best;
}

/** Page 2's request to the same endpoint, answered in the same shape. */
function sameEndpoint(first: CapturedExchange, page: RenderedListing, shape: Candidate): CapturedExchange | undefined {
  const endpoint = (url: string) => {
    const u = new URL(url);
    return `${u.origin}${u.pathname}`;
  };
  return page.exchanges.find((e) => {
    if (e.method !== first.method || endpoint(e.url) !== endpoint(first.url)) return false;
    const candidate = readCandidate(e, page);
    if (!candidate || candidate.parsed.format !== shape.parsed.format) return false;
    const path = (c: Candidate) => (c.items ?? c.htmlAt ?? []).join('.');
    return path(candidate) === path(shape);
  });
}

type Params = Map<string, { in: ApiPageParam['in']; value: string }>;

function paramsOf(exchange: CapturedExchange): Params {
  const params: Params = new Map();
  for (const [name, value] of new URL(exchange.url).searchParams) params.set(name, { in: 'query', value });
  const body = exchange.postData?.trim();
  if (!body) return params;
  if (body.startsWith('{')) {
    try {
      for (const [name, value] of Object.entries(JSON.parse(body) as Record<string, unknown>)) {
        if (typeof value === 'number' || typeof value === 'string') params.set(name, { in: 'json', value: String(value) });
      }
    } catch {
      // A body that is not JSON after all: nothing to learn from it.
    }
  } else if (body.includes('=')) {
    for (const [name, value] of new URLSearchParams(body)) params.set(name, { in: 'form', value });
  }
  return params;
}

const isTimestamp = (v: string) => /^\d{10,13}$/.test(v) || /^0\.\d{6,}$/.test(v);

/** Parameters that differ between the requests for pages 1 and 2: the small numbers page; timestamps are fresh. */
function pagingFromPair(one: CapturedExchange, two: CapturedExchange): { page: ApiPageParam[]; fresh: string[] } {
  const a = paramsOf(one);
  const b = paramsOf(two);
  const page: ApiPageParam[] = [];
  const fresh: string[] = [];
  for (const [name, p1] of a) {
    const p2 = b.get(name);
    if (!p2 || p2.value === p1.value) continue;
    if (isTimestamp(p1.value) && isTimestamp(p2.value)) {
      if (p1.in === 'query') fresh.push(name);
      continue;
    }
    if (/^\d{1,6}$/.test(p1.value) && /^\d{1,6}$/.test(p2.value)) {
      const step = Number(p2.value) - Number(p1.value);
      if (step > 0) page.push({ in: p1.in, name, first: Number(p1.value), step });
    }
  }
  return { page, fresh };
}

const PAGE_NAMES = /^(page|pageno|pagenum|pagenumber|pageindex|page_no|page_num|page_index|curpage|currpage|currentpage|current|cp|pn|p|pageidx)$/i;
const OFFSET_NAMES = /^(start|offset|begin|startrecord|startrow|skip|from|first)$/i;
const SIZE_NAMES = /^(size|pagesize|page_size|limit|rows|perpage|per_page|pagecount|num|count|length|ps)$/i;
const FRESH_NAMES = /^(_|t|ts|_t|timestamp|time|rnd|random|r|v|nocache|_dc)$/i;

/** One page only: the page parameter is told by the names pagers use, or not at all. */
function pagingFromNames(exchange: CapturedExchange): { page: ApiPageParam[]; fresh: string[] } {
  const params = paramsOf(exchange);
  const page: ApiPageParam[] = [];
  const fresh: string[] = [];
  let size: number | undefined;
  for (const [name, p] of params) if (SIZE_NAMES.test(name) && /^\d{1,4}$/.test(p.value)) size = Number(p.value);
  for (const [name, p] of params) {
    if (FRESH_NAMES.test(name) && isTimestamp(p.value)) {
      if (p.in === 'query') fresh.push(name);
    } else if (PAGE_NAMES.test(name) && (p.value === '0' || p.value === '1')) {
      page.push({ in: p.in, name, first: Number(p.value), step: 1 });
    } else if (OFFSET_NAMES.test(name) && p.value === '0' && size) {
      page.push({ in: p.in, name, first: 0, step: size });
    }
  }
  return { page, fresh };
}
