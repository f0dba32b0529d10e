/**
 * Is a fetched page the annual-report column? A link named 年报 proves nothing by itself (menus
 * mislabel, and look-alike columns exist), so the page has to show it:
 *
 * A. It lists at least one link whose title classifyTitle accepts as a report. Hanweb columns keep
 *    their records inside a <script type="text/xml"> datastore, which parseListingPage reads.
 * B. Or its own heading (<title> part, h1–h3, or the last breadcrumb step) names the column AND it
 *    has a pager. Some columns title their entries without the report phrase (2019年年报, or only the
 *    issuing department: 县教育局), so A misses them. The heading alone would also fit a report page
 *    (whose breadcrumb ends in the column) or a menu page; a pager is what only a listing has.
 *    A page whose <title>/h1 is itself a report is never taken for the column.
 */
import * as cheerio from 'cheerio';
import { loadHtml } from '../../clean/dom-depth.js';
import { classifyTitle } from '../../extract/report-title.js';
import { normalizeTitle } from '../../extract/text-normalize.js';
import { parseListingPage } from '../listing/parse-listing.js';
import { findScriptPager } from '../listing/script-pager.js';
import { findNextPageUrls } from '../listing/next-links.js';
import { parseDatastore } from '../listing/hanweb-datastore.js';
import { classifyColumnLabel } from './column-label.js';

export interface ColumnVerdict {
  ok: boolean;
  reason: string;
  /** Report links the page lists (rule A). */
  reportLinks: number;
}

const BREADCRUMB = /当前位置|您的位置|您现在的位置|所在位置|当前栏目/;
const TITLE_SEPARATOR = /\s*(?:[_|｜]|\s[-—–]\s|--)\s*/;
const CRUMB_SEPARATOR = /[>＞»›→]+|\s\/\s/;
const PAGER_TEXT = /共\s*\d+\s*(?:页|条)|尾\s*页|末\s*页|第\s*\d+\s*\/\s*\d+\s*页/;

function breadcrumbLast($: cheerio.CheerioAPI): string | undefined {
  // The smallest element that holds the marker is the breadcrumb itself, not its container.
  let crumb: string | undefined;
  $('div, p, span, td, li, nav, dd').each((_, element) => {
    const text = $(element).text().replace(/\s+/g, ' ').trim();
    if (text.length > 150 || !BREADCRUMB.test(text)) return;
    if (!crumb || text.length < crumb.length) crumb = text;
  });
  if (!crumb) return undefined;
  const steps = crumb
    .replace(/^.*?(?:当前位置|您的位置|您现在的位置|所在位置|当前栏目)\s*[:：]?/, '')
    .split(CRUMB_SEPARATOR)
    .map((s) => s.trim())
    .filter(Boolean);
  return steps.at(-1);
}

function pageHeadings($: cheerio.CheerioAPI): { own: string[]; all: string[] } {
  const own = [
    ...$('title').first().text().split(TITLE_SEPARATOR),
    ...$('h1').map((_, h) => $(h).text()).get(),
  ].map((s) => s.trim()).filter(Boolean);
  const more = $('h2, h3').map((_, h) => $(h).text().trim()).get().filter((s) => s.length <= 30);
  const crumb = breadcrumbLast($);
  return { own, all: [...own, ...more, ...(crumb ? [crumb] : [])] };
}

function hasPager(html: string, pageUrl: string, $: cheerio.CheerioAPI): boolean {
  return (
    findScriptPager(html) !== undefined ||
    parseDatastore(html, pageUrl) !== undefined ||
    findNextPageUrls(html, pageUrl).length > 0 ||
    PAGER_TEXT.test(normalizeTitle($('body').text()).replace(/\s+/g, ''))
  );
}

export function verifyColumnPage(html: string, pageUrl: string): ColumnVerdict {
  const links = parseListingPage(html, pageUrl, 1).links;
  const reports = links.filter((l) => classifyTitle(l.title).isReport);
  if (reports.length > 0) {
    return { ok: true, reportLinks: reports.length, reason: `lists ${reports.length} report link(s), e.g. ${reports[0]!.title}` };
  }

  const $ = loadHtml(html);
  const { own, all } = pageHeadings($);
  if (own.some((h) => classifyColumnLabel(h).kind === 'report')) {
    return { ok: false, reportLinks: 0, reason: 'a report page, not a listing' };
  }
  const heading = all.find((h) => classifyColumnLabel(h).kind === 'column');
  if (!heading) return { ok: false, reportLinks: 0, reason: 'no report link and no 年报 heading' };
  if (!hasPager(html, pageUrl, $)) return { ok: false, reportLinks: 0, reason: `heading ${heading} but no report link and no pager` };
  return { ok: true, reportLinks: 0, reason: `heading ${heading} with a pager (entries not titled as reports)` };
}
