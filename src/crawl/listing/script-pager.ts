/**
 * TRS WCM listings write their pager from script, so the static HTML links to no other page:
 *   createPageHTML(5, 0, "index", "html")                  (count, current, prefix, suffix)
 *   createPageHTML('page_div', 5, 0, 'index', 'html', 98)  (newer builds: container id first)
 *   var countPage = 5; … createPageHTML(countPage, currentPage, "index", "htm");
 * Page i > 0 lives at `${prefix}_${i}.${suffix}` beside page 0.
 */
export interface ScriptPager {
  pageCount: number;
  current: number;
  prefix: string;
  suffix: string;
}

const CALL = /createPage(?:HTML|Html)\s*\(([^)]*)\)/g;

function resolveArg(raw: string, html: string): string | number | undefined {
  const arg = raw.trim();
  const quoted = /^(['"])(.*)\1$/.exec(arg);
  if (quoted) return quoted[2];
  if (/^\d+$/.test(arg)) return Number(arg);
  if (/^[A-Za-z_$][\w$]*$/.test(arg)) {
    // A variable: find its assignment anywhere in the page's scripts.
    const assign = new RegExp(`\\b${arg}\\s*=\\s*(?:(['"])([^'"]*)\\1|(\\d+))`).exec(html);
    if (assign) return assign[3] !== undefined ? Number(assign[3]) : assign[2];
  }
  return undefined;
}

export function findScriptPager(html: string): ScriptPager | undefined {
  for (const match of html.matchAll(CALL)) {
    const args = match[1]!.split(',').map((a) => resolveArg(a, html));
    const numbers = args.filter((a): a is number => typeof a === 'number');
    const strings = args.filter((a): a is string => typeof a === 'string');
    if (numbers.length < 2) continue;
    // With a container id first, the names are the last two strings after it.
    const names = strings.length >= 3 ? strings.slice(1) : strings;
    const [pageCount, current] = numbers as [number, number];
    if (pageCount < 1 || pageCount > 100_000) continue;
    return { pageCount, current, prefix: names[0] ?? 'index', suffix: names[1] ?? 'html' };
  }
  return undefined;
}

/** URLs of all pages of the listing other than the one at `pageUrl`. */
export function scriptPagerUrls(pager: ScriptPager, pageUrl: string, maxPages = Infinity): string[] {
  const urls: string[] = [];
  const last = Math.min(pager.pageCount, maxPages);
  for (let i = 0; i < last; i++) {
    if (i === pager.current) continue;
    const file = i === 0 ? `${pager.prefix}.${pager.suffix}` : `${pager.prefix}_${i}.${pager.suffix}`;
    urls.push(new URL(file, pageUrl).href);
  }
  return urls;
}
