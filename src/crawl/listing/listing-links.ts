/**
 * Every link on a listing page, with the best title and date the markup offers. Which of them are
 * reports is decided by title (extract/report-title), not by where they sit in the page: portal
 * templates differ too much for a list-container selector to hold across sites.
 */
import { loadHtml } from '../../clean/dom-depth.js';
import type { ListingLink } from '../../types.js';
import { withoutSessionIds } from '../url-traps.js';

const DATE = /(20\d{2}|19\d{2})[-./年](\d{1,2})[-./月](\d{1,2})/;

export function toIsoDate(text: string): string | undefined {
  const m = DATE.exec(text);
  if (!m) return undefined;
  const [, y, mo, d] = m;
  return `${y}-${mo!.padStart(2, '0')}-${d!.padStart(2, '0')}`;
}

/** Resolves an href against the page, dropping javascript:, mailto: and fragments. */
export function resolveHref(href: string | undefined, baseUrl: string): string | undefined {
  if (!href) return undefined;
  const trimmed = href.trim();
  if (!trimmed || /^(javascript|mailto|tel):/i.test(trimmed) || trimmed.startsWith('#')) return undefined;
  try {
    const url = new URL(trimmed, baseUrl);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    url.hash = '';
    // A session id makes every visit's links new URLs: the same page queued again and again.
    return withoutSessionIds(url.href);
  } catch {
    return undefined;
  }
}

function cleanTitle(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * Old ASP systems stuff the tooltip with several labelled lines
 * ("文章标题：…\r\n作者：…\r\n更新时间：…"): the title is the first line, label removed.
 */
function titleFromAttribute(attribute: string): string {
  const firstLine = attribute.split(/[\r\n]+/).map((l) => l.trim()).find(Boolean) ?? '';
  return cleanTitle(firstLine.replace(/^(文章|信息)?(标题|名称)\s*[:：]\s*/, ''));
}

/** The tooltip usually holds the full title of a truncated link; trust it only when it extends the text. */
function chooseLinkTitle(text: string, attribute: string): string {
  const stem = text.replace(/(\.{2,}|…+)$/, '').trim();
  if (attribute && attribute.length >= text.length && (!stem || attribute.startsWith(stem))) return attribute;
  return text || attribute;
}

/** Links of an HTML fragment or page. The `title` attribute wins: listings truncate link text. */
export function extractListingLinks(html: string, baseUrl: string): ListingLink[] {
  const $ = loadHtml(html);
  const links: ListingLink[] = [];
  const seen = new Set<string>();
  $('a[href]').each((_, element) => {
    const a = $(element);
    const url = resolveHref(a.attr('href'), baseUrl);
    if (!url || seen.has(url)) return;
    const text = cleanTitle(a.text());
    const title = chooseLinkTitle(text, titleFromAttribute(a.attr('title') ?? ''));
    if (!title) return;
    seen.add(url);
    // The date usually sits in a sibling <span> of the same row.
    const row = a.closest('li, tr, dd, p, div');
    const date = toIsoDate(row.length ? row.text() : '');
    links.push(date ? { url, title, date } : { url, title });
  });
  return links;
}
