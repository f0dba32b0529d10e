/**
 * Which hosts belong to the government, to the portal, to services portals really use, and which
 * are foreign; and where domain names stand in text. Shared by the page stage (links, scripts,
 * meta refresh) and the text stage (河南省人民政府门户网站 www.topless40.com).
 */
import { KNOWN_HOSTS, SPAM_HOST_PARTS, SUSPICIOUS_TLDS } from './lexicon.js';

export type HostClass = 'own' | 'government' | 'known' | 'foreign';

const GOV = /(?:^|\.)(?:gov\.cn|gov|org\.cn|edu\.cn|mil\.cn|ac\.cn|政务|公益)$/i;

function bareHost(host: string): string {
  return host.toLowerCase().replace(/^www\./, '').replace(/:\d+$/, '').replace(/\.$/, '');
}

/** The portal host and the page's host share a registrable name (www.yn.gov.cn, yn.gov.cn). */
function sameSite(a: string, b: string): boolean {
  if (!a || !b) return false;
  return a === b || a.endsWith('.' + b) || b.endsWith('.' + a);
}

export function classifyHost(host: string, portalHost: string): HostClass {
  const h = bareHost(host);
  if (!h) return 'own';
  if (sameSite(h, bareHost(portalHost))) return 'own';
  if (GOV.test(h)) return 'government';
  if (KNOWN_HOSTS.some((k) => h === k || h.endsWith('.' + k))) return 'known';
  return 'foreign';
}

/** Gambling/porn vocabulary or a favoured throw-away TLD in a host name. */
export function isSpammyHost(host: string): boolean {
  const h = bareHost(host);
  const name = h.replace(/\.[a-z]+$/i, '');
  return SPAM_HOST_PARTS.test(name) || SUSPICIOUS_TLDS.test(h) || /^\d{1,3}(?:\.\d{1,3}){3}$/.test(h);
}

/** Host of an absolute or protocol-relative URL; '' for relative ones (they stay on the portal). */
export function hostOf(url: string): string {
  const m = /^\s*(?:[a-z][a-z0-9+.-]*:)?\/\/([^/?#\s'"]+)/i.exec(url);
  return m ? bareHost(m[1]!.replace(/^[^@]*@/, '')) : '';
}

export interface DomainHit {
  start: number;
  end: number;
  host: string;
  text: string;
}

const TLD = 'com|net|cn|org|info|top|xyz|vip|cc|me|tv|co|io|bet|club|site|online|app|win|asia|hk|tw|biz|ws|la|us|pw|tk|icu|fun|buzz|casino|xxx';
/**
 * Domain names and URLs standing in text. Lookarounds keep out e-mail addresses
 * (hnzfxxgkb@126.com), file names (统计指标1.jpg) and decimals.
 */
const DOMAIN_RE = new RegExp(
  String.raw`(?<![@A-Za-z0-9.\-])(?:https?:\/\/)?((?:[a-z0-9](?:[a-z0-9\-]{0,61}[a-z0-9])?\.)+(?:${TLD}))(?::\d{2,5})?(?:\/[\w\-./?=&%#~+]*)?(?![\w@\-]|\.[a-z])`,
  'gi',
);

export function findDomains(text: string): DomainHit[] {
  const out: DomainHit[] = [];
  for (const m of text.matchAll(DOMAIN_RE)) {
    const start = m.index ?? 0;
    out.push({ start, end: start + m[0].length, host: bareHost(m[1]!), text: m[0] });
  }
  return out;
}
