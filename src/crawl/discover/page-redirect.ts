/**
 * Homepages that are not the homepage: many portals answer `/` with a stub that sends the browser
 * on (`<meta http-equiv="refresh">`, `window.location.href = …` in a script), and old ASP sites
 * still serve a <frameset>. Their targets are where the navigation is; an HTTP client sees none of
 * it, so discovery follows them as if they were the page itself.
 */
import { loadHtml } from '../../clean/dom-depth.js';
import { resolveHref } from '../listing/listing-links.js';

const META_URL = /url\s*=\s*['"]?([^'";\s]+)/i;
const SCRIPT_LOCATION =
  /(?:window\.|document\.|top\.|self\.)?location(?:\.href)?\s*=\s*['"]([^'"]+)['"]|location\.(?:replace|assign)\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Where the page sends the browser, in the order a browser would consider them. */
export function redirectTargets(html: string, pageUrl: string): string[] {
  const $ = loadHtml(html);
  const targets: string[] = [];
  const add = (href: string | undefined): void => {
    const url = resolveHref(href, pageUrl);
    if (url && url !== pageUrl && !targets.includes(url)) targets.push(url);
  };

  $('meta[http-equiv]').each((_, meta) => {
    if (($(meta).attr('http-equiv') ?? '').toLowerCase() !== 'refresh') return;
    add(META_URL.exec($(meta).attr('content') ?? '')?.[1]);
  });
  // A script redirect only counts on a stub: a real homepage's scripts assign location in
  // handlers (search boxes, mobile switches) that a visitor never triggers on load.
  if ($('a[href]').length < 5) {
    $('script:not([src])').each((_, script) => {
      for (const m of $(script).text().matchAll(SCRIPT_LOCATION)) add(m[1] ?? m[2]);
    });
  }
  $('frameset frame[src]').each((_, frame) => add($(frame).attr('src')));
  return targets;
}
