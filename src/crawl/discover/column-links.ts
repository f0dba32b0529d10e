/**
 * The links of one page that lead toward the annual-report column, best first. Only the label
 * decides what a link is (see column-label.ts); the URL adds a little, because paths such as
 * /zfxxgk/ and /ndbg/ are conventions, not rules, and many portals use opaque ids (col1234,
 * ShowClass.asp?ClassID=12).
 */
import * as cheerio from 'cheerio';
import { loadHtml } from '../../clean/dom-depth.js';
import type { AnyNode } from 'domhandler';
import { isDocumentLink, sameHost, sameSite } from '../link-scope.js';
import { resolveHref } from '../listing/listing-links.js';
import { classifyColumnLabel, isMoreLabel, normalizeLabel, type ColumnLinkKind } from './column-label.js';

export type { ColumnLinkKind } from './column-label.js';

export interface ColumnLink {
  url: string;
  /** The label the score came from, for logs and the discovery trail. */
  label: string;
  kind: ColumnLinkKind;
  score: number;
  reason: string;
}

export interface ColumnLinkOptions {
  /** The site the search stays in (the homepage); defaults to the page itself. */
  siteUrl?: string;
}

// Path segments that portals conventionally give these columns.
const COLUMN_PATH = /\/(?:ndbg|nb|xxgknb|gknb|zfxxgknb|zfxxgkndbg|xxgkndbg|gkndbg|nianbao)(?:\/|_|\.|$)/i;
const DISCLOSURE_PATH = /\/(?:zfxxgk|xxgk|zwgk|gkml|fdzdgknr|zfxxgkzl|xxgkml)(?:\/|_|\.|$)/i;
// Disclosure platforms often run on their own host: xxgk.example.gov.cn.
const DISCLOSURE_HOST = /^(?:xxgk|zfxxgk|zwgk|gk)\./i;

/** One key for the forms a column URL takes: /zwgk/, /zwgk/index.html, /zwgk/index.shtml. */
export function pageKey(url: string): string {
  const u = new URL(url);
  u.hash = '';
  u.pathname = u.pathname.replace(/\/(?:index|default)\.(?:s?html?|jsp|aspx?|php)$/i, '/');
  return u.href;
}

/** Text, tooltip and image descriptions: image links (banners, icons) carry their name in alt. */
function labelSources($: cheerio.CheerioAPI, a: cheerio.Cheerio<AnyNode>): string[] {
  const text = a.text().replace(/\s+/g, ' ').trim();
  const sources = [text, a.attr('title') ?? ''];
  a.find('img').each((_, img) => {
    sources.push($(img).attr('alt') ?? '', $(img).attr('title') ?? '');
  });
  if (text && isMoreLabel(text)) sources.push(headingBeside($, a, text));
  return sources.map((s) => s.trim()).filter(Boolean);
}

/**
 * A 更多>> link names its block only through the heading beside it
 * (`<div class="hd"><h3>政府信息公开年报</h3><a class="more">更多</a></div>`). The parent or
 * grandparent is taken only while its own text stays short, i.e. before it grows into the list.
 */
function headingBeside($: cheerio.CheerioAPI, a: cheerio.Cheerio<AnyNode>, linkText: string): string {
  let box = a.parent();
  for (let level = 0; level < 2 && box.length; level++, box = box.parent()) {
    const rest = normalizeLabel(box.text().replace(linkText, ''));
    if (rest.length > 20) return '';
    if (rest) return rest;
  }
  return '';
}

function urlOnlyGuess(url: string): Pick<ColumnLink, 'kind' | 'score' | 'reason'> | undefined {
  const path = new URL(url).pathname;
  if (COLUMN_PATH.test(path)) return { kind: 'column', score: 30, reason: 'unlabelled link, report-column path' };
  if (DISCLOSURE_PATH.test(path) || DISCLOSURE_HOST.test(new URL(url).hostname)) {
    return { kind: 'disclosure', score: 15, reason: 'unlabelled link, disclosure path' };
  }
  return undefined;
}

function urlAdjustment(url: string, kind: ColumnLinkKind, pageUrl: string): number {
  const u = new URL(url);
  let bonus = 0;
  if (kind === 'column' && COLUMN_PATH.test(u.pathname)) bonus += 8;
  if (kind === 'disclosure' && (DISCLOSURE_PATH.test(u.pathname) || DISCLOSURE_HOST.test(u.hostname))) bonus += 5;
  // Another host of the same site may be a township or department sub-site (city domains hold
  // their counties: luyi.zhoukou.gov.cn); a disclosure host is the exception.
  if (!sameHost(url, pageUrl) && !DISCLOSURE_HOST.test(u.hostname)) bonus -= 5;
  return bonus;
}

export function scoreColumnLinks(html: string, pageUrl: string, options: ColumnLinkOptions = {}): ColumnLink[] {
  const siteUrl = options.siteUrl ?? pageUrl;
  const $ = loadHtml(html);
  const self = pageKey(pageUrl);
  const best = new Map<string, ColumnLink & { order: number }>();
  let order = 0;

  $('a[href]').each((_, element) => {
    const a = $(element);
    const url = resolveHref(a.attr('href'), pageUrl);
    if (!url || !sameSite(url, siteUrl) || isDocumentLink(url)) return;
    const key = pageKey(url);
    if (key === self) return;

    const sources = labelSources($, a);
    const verdicts = sources.map((label) => ({ label, verdict: classifyColumnLabel(label) }));
    // One vetoed source (企业年报 in the tooltip of a link reading 年报) rules the link out.
    if (verdicts.some((v) => v.verdict.kind === 'rejected')) return;

    let found: Omit<ColumnLink, 'url'> | undefined;
    for (const { label, verdict } of verdicts) {
      if (verdict.kind === 'rejected' || verdict.kind === 'none') continue;
      if (!found || verdict.score > found.score) found = { label: normalizeLabel(label), ...verdict };
    }
    if (!found) {
      const meaningful = sources.some((s) => !isMoreLabel(s));
      const guess = meaningful ? undefined : urlOnlyGuess(url);
      if (!guess) return;
      found = { label: new URL(url).pathname, ...guess };
    }
    const score = found.score + urlAdjustment(url, found.kind, pageUrl);
    const previous = best.get(key);
    if (!previous || score > previous.score) best.set(key, { url, ...found, score, order: previous?.order ?? order++ });
  });

  // Ties keep page order: navigation comes before footers and link farms.
  return [...best.values()]
    .sort((x, y) => y.score - x.score || x.order - y.order)
    .map(({ order: _order, ...link }) => link);
}
