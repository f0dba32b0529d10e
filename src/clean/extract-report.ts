/**
 * A decoded report page in, its report part out: title, body text with image references,
 * publication date and stated source. Navigation, breadcrumbs, meta lines and footers stay out
 * because only the content block is rendered.
 */
import * as cheerio from 'cheerio';
import type { CheerioAPI } from 'cheerio';
import { findContentBlock } from './content-block.js';
import { renderText } from './html-to-text.js';
import { classifyTitle } from '../extract/report-title.js';
import { findPublishDate } from '../extract/publish-date.js';
import { ExtractError } from '../errors.js';
import type { CleanReport } from '../types.js';

export interface PageHints {
  /** Title the listing gave the link; complete where page headings were tampered with. */
  listingTitle?: string;
  /** Date the listing showed next to the link. */
  listingDate?: string;
}

const TITLE_SELECTORS = [
  'meta[name="ArticleTitle"]', 'meta[name="articletitle"]', 'h1', 'h2', 'h3', '.title', '#title', '.article-title',
  '.bt', '.tit', 'td.title', '.biaoti',
];
const DATE_META = ['PubDate', 'pubdate', 'firstpublishedtime', 'publishdate', 'Maketime', 'ContentPubDate'];

function normaliseTitle(text: string): string {
  return text.replace(/\s+/g, '').replace(/[…]+$|\.{3,}$/, '');
}

/** Candidate titles from the page, headings first, then <title> split on its usual separators. */
function titleCandidates($: CheerioAPI): string[] {
  const found: string[] = [];
  for (const selector of TITLE_SELECTORS) {
    $(selector).each((_, el) => {
      const text = selector.startsWith('meta') ? $(el).attr('content') ?? '' : $(el).text();
      const title = normaliseTitle(text);
      if (title.length >= 6 && title.length <= 120) found.push(title);
    });
  }
  // <title> joins the article and site names with _ | - or plain spaces.
  for (const part of $('title').text().split(/[_|\-–—]+|\s{1,}/)) {
    const title = normaliseTitle(part);
    if (title.length >= 6) found.push(title);
  }
  return found;
}

function scoreTitle(title: string, truncated: boolean): number {
  let score = 0;
  if (classifyTitle(title).isReport) score += 10;
  if (/政府信息公开|政务公开/.test(title)) score += 3;
  if (/(19|20)\d{2}|[〇○零一二三四五六七八九]{4}/.test(title)) score += 2;
  if (!truncated) score += 2;
  // A report title ends with its genre; anything after it is a site name glued on.
  if (/(报告|年报)$/.test(title)) score += 1;
  return score + Math.min(title.length, 40) / 100;
}

export function chooseTitle($: CheerioAPI, listingTitle?: string): string | undefined {
  const candidates = titleCandidates($).map((t) => ({ title: t, truncated: false }));
  if (listingTitle) {
    const truncated = /[…]|\.{3,}$/.test(listingTitle);
    candidates.push({ title: normaliseTitle(listingTitle), truncated });
  }
  let best: { title: string; score: number } | undefined;
  for (const { title, truncated } of candidates) {
    const score = scoreTitle(title, truncated);
    if (!best || score > best.score) best = { title, score };
  }
  return best?.title;
}

/** `chromeText` is the page without its body: the body's own dates are about the work reported. */
function findPublished($: CheerioAPI, chromeText: string, hints: PageHints): string | undefined {
  for (const name of DATE_META) {
    const content = $(`meta[name="${name}"]`).attr('content');
    const date = content ? findPublishDate(content) : undefined;
    if (date) return date;
  }
  return findPublishDate(chromeText) ?? hints.listingDate;
}

function findSource(pageText: string): string | undefined {
  const m = /(?:来源|发布机构|信息来源)\s*[:：]\s*([^\s|｜:：]{2,30})/.exec(pageText);
  return m?.[1];
}

export function extractReport(html: string, url: string, hints: PageHints = {}): CleanReport {
  const $ = cheerio.load(html);
  const block = findContentBlock($);
  if (!block) throw new ExtractError('no report body found', url);
  const { text, images } = renderText(block, url);
  const title = chooseTitle($, hints.listingTitle);
  if (!title) throw new ExtractError('no title found', url);
  $(block).remove();
  const chromeText = $('body').text();
  const report: CleanReport = { title, text, images };
  const published = findPublished($, chromeText, hints);
  if (published) report.published = published;
  const source = findSource(chromeText);
  if (source) report.source = source;
  return report;
}
