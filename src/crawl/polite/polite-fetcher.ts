/**
 * A Fetcher that behaves well towards the servers it talks to: robots.txt first, then per-host
 * concurrency and spacing, then retries that honour Retry-After for the whole host.
 *
 * This is the layer that knows about hosts. The crawler's own (Crawlee) retries see only
 * individual requests and are kept small; retrying here instead means a 429 slows every request
 * to that server, not just the one that received it.
 */
import { FetchError, RobotsDisallowedError, XxgkError } from '../../errors.js';
import type { FetchedPage } from '../../types.js';
import type { FetchOptions, Fetcher } from '../fetcher.js';
import { HostLimiter, defaultSleep, type HostPolicy } from './host-limiter.js';
import type { PolitenessEvent } from './politeness-events.js';
import { MAX_ROBOTS_BYTES, RobotsCache, agentToken } from './robots.js';
import { backoffDelay, parseRetryAfter } from './retry-policy.js';

export type { PolitenessEvent } from './politeness-events.js';
export type { HostPolicy } from './host-limiter.js';

export interface PoliteFetcherOptions {
  /** Full User-Agent; its product token is what robots.txt groups are matched against. */
  userAgent: string;
  defaultPolicy: HostPolicy;
  policyForHost?: (host: string) => Partial<HostPolicy> | undefined;
  /** Extra attempts after a retryable failure (network, 408, 429, 5xx). */
  retries: number;
  /** First backoff when the server gives no Retry-After; doubles per retry, plus jitter. */
  backoffMs: number;
  /** A Retry-After beyond this is not waited for: the request fails with the server's error. */
  maxRetryAfterMs: number;
  respectRobots: boolean;
  sleep?: (ms: number) => Promise<void>;
  /** Epoch milliseconds. */
  now?: () => number;
  onEvent?: (event: PolitenessEvent) => void;
}

export interface HostStats {
  requests: number;
  maxInFlight: number;
  retries: number;
}

export class PoliteFetcher implements Fetcher {
  private readonly limiter: HostLimiter;
  private readonly robots: RobotsCache | undefined;
  private readonly retriesByHost = new Map<string, number>();
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => number;

  constructor(
    private readonly inner: Fetcher,
    private readonly options: PoliteFetcherOptions,
  ) {
    this.sleep = options.sleep ?? defaultSleep;
    this.now = options.now ?? Date.now;
    this.limiter = new HostLimiter({
      defaultPolicy: options.defaultPolicy,
      policyForHost: options.policyForHost,
      now: this.now,
      sleep: this.sleep,
    });
    this.robots = options.respectRobots
      ? new RobotsCache({
          agent: agentToken(options.userAgent),
          // Read no further than a parser must: a 10 MB robots.txt costs 500 KiB.
          fetchRobots: (robotsUrl) => this.fetchWithRetries(robotsUrl, { maxBytes: MAX_ROBOTS_BYTES, truncate: true }),
          raiseDelay: (host, delayMs) => this.limiter.raiseDelay(host, delayMs),
          onEvent: options.onEvent,
        })
      : undefined;
  }

  /** Whether robots.txt lets us fetch url (fetching robots.txt first if needed): for the browser, which fetches on its own. */
  async isAllowed(url: string): Promise<boolean> {
    return this.robots ? this.robots.isAllowed(url) : true;
  }

  /** Requests sent so far over all hosts, robots.txt and retries included. */
  requestCount(): number {
    return Object.values(this.stats()).reduce((sum, s) => sum + s.requests, 0);
  }

  /**
   * Runs work that talks to url's host by other means (a browser rendering a listing) inside one of
   * that host's slots, so it counts against the host's concurrency and delay like a request.
   */
  withHostSlot<T>(url: string, task: () => Promise<T>): Promise<T> {
    return this.limiter.schedule(hostOf(url), task, { counted: false });
  }

  async fetch(url: string, options: FetchOptions = {}): Promise<FetchedPage> {
    // Validated up front so a malformed URL fails as a typed fetch error, not a TypeError from robots.
    hostOf(url);
    if (this.robots && !(await this.robots.isAllowed(url))) {
      this.options.onEvent?.({ type: 'robots-disallowed', url });
      throw new RobotsDisallowedError(url);
    }
    return this.fetchWithRetries(url, options);
  }

  stats(): Record<string, HostStats> {
    const out: Record<string, HostStats> = {};
    for (const [host, counters] of Object.entries(this.limiter.counters())) {
      out[host] = { ...counters, retries: this.retriesByHost.get(host) ?? 0 };
    }
    return out;
  }

  private async fetchWithRetries(url: string, options: FetchOptions): Promise<FetchedPage> {
    const host = hostOf(url);
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.limiter.schedule(host, () => this.fetchPausing(host, url, options));
      } catch (error) {
        if (!(error instanceof FetchError) || !error.retryable || attempt > this.options.retries) throw error;
        const retryAfterMs = parseRetryAfter(error.retryAfter, this.now());
        if (retryAfterMs !== undefined) {
          if (retryAfterMs > this.options.maxRetryAfterMs) {
            // Still back off as long as we are willing to wait: the other queued requests to this
            // host would otherwise each collect the same refusal in quick succession.
            this.limiter.pauseUntil(host, this.now() + this.options.maxRetryAfterMs);
            throw error;
          }
          // The pause holds this retry (queued again below) and every other request to the host.
          this.limiter.pauseUntil(host, this.now() + retryAfterMs);
          this.noteRetry(host, { type: 'retry', url, status: error.status, waitMs: retryAfterMs, attempt });
        } else {
          const waitMs = backoffDelay(attempt, this.options.backoffMs);
          this.noteRetry(host, { type: 'retry', url, status: error.status, waitMs, attempt });
          // Backoff is this request's own: without a Retry-After the server asked nothing of the host.
          await this.sleep(waitMs);
        }
      }
    }
  }

  /**
   * One request; a Retry-After pauses the host before the request's slot is released, or a request
   * waiting for that slot would leave in the same tick, right after the refusal.
   */
  private async fetchPausing(host: string, url: string, options: FetchOptions): Promise<FetchedPage> {
    try {
      return await this.inner.fetch(url, options);
    } catch (error) {
      if (error instanceof FetchError && error.retryable) {
        const retryAfterMs = parseRetryAfter(error.retryAfter, this.now());
        if (retryAfterMs !== undefined) this.limiter.pauseUntil(host, this.now() + Math.min(retryAfterMs, this.options.maxRetryAfterMs));
      }
      throw error;
    }
  }

  private noteRetry(host: string, event: PolitenessEvent): void {
    this.retriesByHost.set(host, (this.retriesByHost.get(host) ?? 0) + 1);
    this.options.onEvent?.(event);
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch (cause) {
    throw new XxgkError('invalid URL', 'fetch', url, false, { cause });
  }
}
