/**
 * Cloaking scripts: code that looks at where a visitor came from (document.referrer naming a
 * search engine) or who is visiting (a spider user agent) and then sends the visitor elsewhere or
 * writes foreign content into the page; external scripts from gambling hosts; <meta refresh> to a
 * foreign site. Analytics snippets (hm.baidu.com, cnzz) also build script tags and read the
 * referrer, so the engines must be tested in the code itself, not merely named in a host.
 */
import { classifyHost, findDomains, hostOf, isSpammyHost } from './domains.js';

const ENGINE = /baidu|google|sogou|so\.com|sm\.cn|bing|360|soso|yahoo|youdao|haosou|toutiao|shenma|yandex/i;
/** The referrer handed to a test: .indexOf("baidu"), /baidu|sogou/.test(r), match(…). */
const REFERRER_TEST = /referrer[\s\S]{0,300}?(?:indexOf|match|test|search|includes)\s*\(|(?:indexOf|match|test|search|includes)\s*\([\s\S]{0,120}?referrer/i;
const SPIDER_TEST = /navigator\.userAgent[\s\S]{0,300}?(?:spider|bot|slurp)|(?:spider|bot|slurp)[\s\S]{0,300}?navigator\.userAgent/i;
const NAVIGATE =
  /(?:window|top|self|parent|document)?\.?location(?:\.href)?\s*=(?!=)|location\.(?:replace|assign)\s*\(|window\.open\s*\(|document\.write(?:ln)?\s*\(|createElement\(\s*['"](?:script|iframe)['"]\s*\)|\.innerHTML\s*=|<iframe/i;
const OBFUSCATED = /eval\s*\(|String\.fromCharCode|unescape\s*\(|\\x[0-9a-f]{2}|atob\s*\(/i;

/** Percent- and hex-escaped text made readable enough to find hosts in it. */
function unescapeLoosely(code: string): string {
  return code
    .replace(/%([0-9a-f]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16)))
    .replace(/\\x([0-9a-f]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

function foreignHosts(code: string, portalHost: string): string[] {
  return findDomains(unescapeLoosely(code))
    .map((d) => d.host)
    .filter((h) => classifyHost(h, portalHost) === 'foreign');
}

/** Why an inline script is cloaking, or undefined when it is ordinary page code. */
export function inlineScriptVerdict(code: string, portalHost: string): string | undefined {
  // Known services' hosts are removed first so that hm.baidu.com does not count as an engine test.
  const readable = unescapeLoosely(code);
  const withoutKnown = findDomains(readable)
    .filter((d) => classifyHost(d.host, portalHost) !== 'foreign')
    .reduce((s, d) => s.split(d.text).join(' '), readable);
  const navigates = NAVIGATE.test(withoutKnown);
  if (REFERRER_TEST.test(withoutKnown) && ENGINE.test(withoutKnown) && navigates) return 'sends search-engine visitors elsewhere';
  if (SPIDER_TEST.test(withoutKnown) && navigates) return 'serves spiders different content';
  const foreign = foreignHosts(code, portalHost);
  if (navigates && foreign.some(isSpammyHost)) return `navigates to ${foreign.find(isSpammyHost)}`;
  if (navigates && foreign.length && OBFUSCATED.test(code) && /location|<iframe|createElement/i.test(withoutKnown)) {
    return `obfuscated navigation to ${foreign[0]}`;
  }
  return undefined;
}

/** An external script is judged by its host: foreign and gambling-shaped. */
export function externalScriptVerdict(src: string, portalHost: string): string | undefined {
  const host = hostOf(src);
  if (!host || classifyHost(host, portalHost) !== 'foreign') return undefined;
  return isSpammyHost(host) ? `script from ${host}` : undefined;
}

/** <meta http-equiv="refresh" content="0;url=…"> leaving for a foreign site. */
export function metaRefreshVerdict(content: string, portalHost: string): string | undefined {
  const m = /url\s*=\s*['"]?([^'"\s;]+)/i.exec(content);
  if (!m) return undefined;
  const host = hostOf(m[1]!);
  if (!host) return undefined;
  return classifyHost(host, portalHost) === 'foreign' ? `refresh to ${host}` : undefined;
}
