/**
 * What the polite fetch layer reports about its own behaviour: retries, robots.txt outcomes and
 * refusals. Kept apart from the fetcher so robots.ts can emit them without importing it.
 */
export type PolitenessEvent =
  /** A retryable failure; `waitMs` is the Retry-After or backoff before attempt `attempt` (1 = first retry). */
  | { type: 'retry'; url: string; status: number; waitMs: number; attempt: number }
  /** robots.txt answered; `rules` is false when it yields no rules (4xx, or an HTML page served as 200). */
  | { type: 'robots'; origin: string; status: number; rules: boolean }
  | { type: 'robots-disallowed'; url: string }
  /** robots.txt could not be read (5xx, 429, network) even after retries; the origin is treated as allow-all. */
  | { type: 'robots-unavailable'; origin: string; error: Error };
