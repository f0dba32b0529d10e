/**
 * How long to wait before trying a failed request again. Pure: the clock and the random source
 * are arguments, so the numbers can be checked exactly.
 */

/**
 * Milliseconds a Retry-After value asks for: delta-seconds or an HTTP-date (RFC 9110 §10.2.3).
 * Undefined when absent or unreadable, so the caller falls back to its own backoff instead of
 * retrying at once. A date in the past means "now".
 */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  // Date.parse would read a bare number like "1.5" as a year; only accept something date-shaped.
  if (!/[a-z]/i.test(trimmed)) return undefined;
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}

/**
 * Exponential backoff with jitter for retry number `attempt` (1 for the first retry): between
 * base·2^(attempt−1) and twice that. The lower bound keeps `backoffMs` a guaranteed minimum; the
 * jitter keeps many requests that failed together from returning together.
 */
export function backoffDelay(attempt: number, backoffMs: number, random: () => number = Math.random): number {
  const base = backoffMs * 2 ** Math.max(0, attempt - 1);
  return Math.round(base * (1 + random()));
}
