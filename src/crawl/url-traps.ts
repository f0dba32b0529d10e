/**
 * Endless URL spaces, recognised from the URLs and pages themselves: a listing whose every page
 * links a "next" page (the same items again, or none), calendars that page by month forever,
 * session ids that make every link new, paths that grow a segment per hop.
 */
import { createHash } from 'node:crypto';

/** Query parameters that carry a session, never content. */
const SESSION_PARAMS = /^(jsessionid|phpsessid|aspsessionid\w*|sessionid|session_id|sessid|cfid|cftoken)$/i;
/** `sid` names a site or section on some CMSs: only a long random-looking value is a session. */
const RANDOM_VALUE = /^[0-9a-z_-]{16,}$/i;

/** The URL without session ids (`;jsessionid=…` path parameters and session query parameters). */
export function withoutSessionIds(href: string): string {
  const url = new URL(href);
  url.pathname = url.pathname.replace(/;(jsessionid|phpsessid|sid)=[^/;]*/gi, '');
  for (const key of [...url.searchParams.keys()]) {
    const value = url.searchParams.get(key) ?? '';
    if (SESSION_PARAMS.test(key) || (/^sid$/i.test(key) && RANDOM_VALUE.test(value))) url.searchParams.delete(key);
  }
  return url.href;
}

/** Longer than any real listing or report URL; the longest seen on a portal is a few hundred characters. */
const MAX_URL_LENGTH = 1000;

/** Why following `url` looks like walking into a trap, or undefined. */
export function urlTrap(url: string): string | undefined {
  if (url.length > MAX_URL_LENGTH) return `a URL of ${url.length} characters`;
  const { pathname, searchParams } = new URL(url);
  const segments = pathname.split('/').filter(Boolean);
  const counts = new Map<string, number>();
  for (const s of segments) counts.set(s, (counts.get(s) ?? 0) + 1);
  const repeated = [...counts].find(([, n]) => n >= 3);
  if (repeated) return `the path repeats "${repeated[0]}" ${repeated[1]} times`;
  const keys = [...searchParams.keys()];
  if (keys.length > 20 || new Set(keys).size < keys.length - 2) return 'the query repeats its parameters';
  return undefined;
}

/** What a listing page lists, as one value: two pages of one listing listing the same are a loop. */
export function listingSignature(urls: readonly string[]): string {
  return createHash('sha256').update([...new Set(urls)].sort().join('\n')).digest('hex');
}
