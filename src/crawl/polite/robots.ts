/**
 * robots.txt, read once per origin and kept for the fetcher's lifetime.
 *
 * Deviation from RFC 9309 §2.3.1.3/§2.3.1.4: when robots.txt is unreachable (5xx, 429, network
 * failure) the RFC says to assume complete disallow. Chinese government portals commonly answer
 * 500 (or a WAF error page) for any path they do not know, robots.txt included, while serving
 * their public disclosure pages normally; following the RFC there would archive nothing from
 * exactly the sites this tool exists for. We therefore allow all, and emit 'robots-unavailable'
 * so the operator can see and override the decision.
 */
import robotsParserModule from 'robots-parser';
import { FetchError } from '../../errors.js';
import type { FetchedPage } from '../../types.js';
import type { PolitenessEvent } from './politeness-events.js';

// robots-parser is CommonJS whose types use `export default`: under NodeNext the default import
// is module.exports itself (the function), while the types claim it sits under `.default`.
const robotsParser = robotsParserModule as unknown as typeof robotsParserModule.default;

/** Longest Crawl-delay honoured: a larger value would stall a portal's crawl for hours. */
export const MAX_CRAWL_DELAY_MS = 30_000;
/** RFC 9309 §2.5: parsers must read at least 500 KiB; anything past that may be ignored. */
export const MAX_ROBOTS_BYTES = 500 * 1024;

export interface RobotsRules {
  /** False only when a rule forbids the URL for our agent. */
  isAllowed(url: string): boolean;
  /** Crawl-delay for our agent, in ms, capped at MAX_CRAWL_DELAY_MS. */
  crawlDelayMs: number | undefined;
}

export type RobotsOutcome =
  | { kind: 'rules'; status: number; rules: RobotsRules }
  | { kind: 'allow-all'; status: number }
  | { kind: 'unavailable'; error: Error };

const ALLOW_ALL: RobotsRules = { isAllowed: () => true, crawlDelayMs: undefined };

/** The product token robots.txt groups are matched against: "xxgk-archive/0.1 (+…)" → "xxgk-archive". */
export function agentToken(userAgent: string): string {
  return userAgent.trim().split(/[/\s]/, 1)[0] ?? '';
}

/**
 * True for an HTML document. Portals that have no robots.txt often answer 200 with their
 * homepage or a "page not found" page; a real robots.txt never starts with '<'.
 */
export function looksLikeHtml(body: Buffer): boolean {
  const head = body.subarray(0, 512).toString('latin1').replace(/^\uFEFF|^\xEF\xBB\xBF/, '').trimStart();
  return head.startsWith('<');
}

/** Pure: what a robots.txt response (or the error that replaced it) means for our agent. */
export function interpretRobots(
  robotsUrl: string,
  result: { page: FetchedPage } | { error: unknown },
  agent: string,
): RobotsOutcome {
  if ('error' in result) {
    const { error } = result;
    // 4xx other than 429: the site has no robots.txt for us (RFC 9309 §2.3.1.3 "unavailable").
    if (error instanceof FetchError && error.status >= 400 && error.status < 500 && error.status !== 429) {
      return { kind: 'allow-all', status: error.status };
    }
    return { kind: 'unavailable', error: error instanceof Error ? error : new Error(String(error)) };
  }
  const { page } = result;
  // HttpFetcher returns 304 as a page; we never send validators for robots.txt, but a server
  // that answers 304 anyway has given us no rules.
  if (page.status < 200 || page.status >= 300 || looksLikeHtml(page.body)) {
    return { kind: 'allow-all', status: page.status };
  }
  const parsed = robotsParser(robotsUrl, page.body.subarray(0, MAX_ROBOTS_BYTES).toString('utf8'));
  const delaySeconds = parsed.getCrawlDelay(agent);
  const crawlDelayMs =
    delaySeconds !== undefined && Number.isFinite(delaySeconds) && delaySeconds > 0
      ? Math.min(delaySeconds * 1000, MAX_CRAWL_DELAY_MS)
      : undefined;
  return {
    kind: 'rules',
    status: page.status,
    // undefined means "not this origin", which the cache never asks; treat it as allowed.
    rules: { isAllowed: (url) => parsed.isAllowed(url, agent) !== false, crawlDelayMs },
  };
}

export interface RobotsCacheOptions {
  /** Product token, see agentToken(). */
  agent: string;
  /** Fetches robots.txt through the host limiter and retry policy; rejects on failure. */
  fetchRobots: (robotsUrl: string) => Promise<FetchedPage>;
  /** Called with the URL `host` and the Crawl-delay in ms. */
  raiseDelay: (host: string, delayMs: number) => void;
  onEvent?: (event: PolitenessEvent) => void;
}

export class RobotsCache {
  /** Promises, not results, so concurrent first requests to an origin share one fetch. */
  private readonly byOrigin = new Map<string, Promise<RobotsRules>>();

  constructor(private readonly options: RobotsCacheOptions) {}

  async isAllowed(url: string): Promise<boolean> {
    const rules = await this.rulesFor(new URL(url));
    return rules.isAllowed(url);
  }

  private rulesFor(url: URL): Promise<RobotsRules> {
    let rules = this.byOrigin.get(url.origin);
    if (!rules) {
      rules = this.load(url);
      this.byOrigin.set(url.origin, rules);
    }
    return rules;
  }

  private async load(url: URL): Promise<RobotsRules> {
    const robotsUrl = new URL('/robots.txt', url.origin).href;
    let result: { page: FetchedPage } | { error: unknown };
    try {
      result = { page: await this.options.fetchRobots(robotsUrl) };
    } catch (error) {
      result = { error };
    }
    const outcome = interpretRobots(robotsUrl, result, this.options.agent);
    switch (outcome.kind) {
      case 'unavailable':
        this.options.onEvent?.({ type: 'robots-unavailable', origin: url.origin, error: outcome.error });
        return ALLOW_ALL;
      case 'allow-all':
        this.options.onEvent?.({ type: 'robots', origin: url.origin, status: outcome.status, rules: false });
        return ALLOW_ALL;
      case 'rules':
        if (outcome.rules.crawlDelayMs !== undefined) this.options.raiseDelay(url.host, outcome.rules.crawlDelayMs);
        this.options.onEvent?.({ type: 'robots', origin: url.origin, status: outcome.status, rules: true });
        return outcome.rules;
    }
  }
}
