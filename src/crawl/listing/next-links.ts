/**
 * Static pagers: follow 下一页 (and its variants) one page at a time. Also catches numbered page
 * links of the same listing so a crawl does not depend on one link's wording.
 */
import { loadHtml } from '../../clean/dom-depth.js';
import { resolveHref } from './listing-links.js';

const NEXT_TEXT = /^(下一页|下页|后一页|下一頁|next|›|»|>)$/i;

export function findNextPageUrls(html: string, pageUrl: string): string[] {
  const $ = loadHtml(html);
  const urls = new Set<string>();
  $('a[href]').each((_, element) => {
    const a = $(element);
    const text = a.text().replace(/\s+/g, '');
    const label = text || (a.attr('title') ?? '').trim();
    if (!NEXT_TEXT.test(label)) return;
    const url = resolveHref(a.attr('href'), pageUrl);
    if (url && url !== pageUrl) urls.add(url);
  });
  return [...urls];
}
