/**
 * A portal's "page not found" served with status 200 (a soft 404): TRS, Hanweb and 大汉 sites
 * answer a deleted or mistyped article with their error template and a 200, which would otherwise
 * be archived as a report of a few words.
 */

/** How error templates say it; a report can say 信息不存在 too, but never in so few words. */
const NOT_FOUND =
  /(页面|网页|文章|信息|内容|栏目|资源)(已)?(被)?(不存在|未找到|找不到|删除|过期|下线)|找不到(该|此|您要访问的|您所访问的)?(页面|网页|文章|信息)|(您|你)(所)?(要)?访问的(页面|网页|信息|文章|内容)|\b404\b|page not found|not found/i;

/** Characters of text past which a page is a report whatever it says: an error page is a line or two. */
const MAX_NOTICE_CHARS = 400;

/** What the page says to tell it is missing, or undefined for a page with content. */
export function notFoundNotice(text: string): string | undefined {
  const compact = text.replace(/\s+/g, '');
  if (compact.length > MAX_NOTICE_CHARS) return undefined;
  const m = NOT_FOUND.exec(text);
  if (!m) return undefined;
  const line = text.split('\n').find((l) => NOT_FOUND.test(l)) ?? m[0];
  return line.trim().slice(0, 80);
}
