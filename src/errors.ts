/**
 * Errors carry the URL and pipeline stage they happened at, and say whether trying again can help.
 * The CLI turns them into a one-line reason and an exit code.
 */
export type Stage = 'config' | 'fetch' | 'discover' | 'render' | 'decode' | 'clean' | 'extract' | 'archive' | 'query' | 'schedule';

export class XxgkError extends Error {
  override name = 'XxgkError';
  constructor(
    message: string,
    readonly stage: Stage,
    readonly url?: string,
    /** True when the same request may succeed later (network trouble, 5xx, 429). */
    readonly retryable = false,
    options?: { cause?: unknown },
  ) {
    super(url ? `${message} (${stage}: ${url})` : message, options);
  }
}

/** Bad seeds, options or storage paths: the user must fix something. */
export class ConfigError extends XxgkError {
  override name = 'ConfigError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, 'config', undefined, false, options);
  }
}

/** An HTTP response that was not a usable page. */
export class FetchError extends XxgkError {
  override name = 'FetchError';
  /** The server's Retry-After header (seconds or an HTTP date), on 429 and 503. */
  readonly retryAfter: string | undefined;
  constructor(url: string, readonly status: number, options?: { cause?: unknown; retryAfter?: string | undefined }) {
    super(`HTTP ${status || 'failure'}`, 'fetch', url, status === 0 || status === 408 || status === 429 || status >= 500, options);
    this.retryAfter = options?.retryAfter;
  }
}

/** A response larger than the size limit for its kind (attachments): never retried. */
export class TooLargeError extends XxgkError {
  override name = 'TooLargeError';
  constructor(url: string, readonly limit: number, readonly declared?: number) {
    super(`larger than the limit of ${limit} bytes${declared !== undefined ? ` (declared ${declared})` : ''}`, 'fetch', url, false);
  }
}

/** robots.txt forbids the URL for our user agent: never fetched, never retried. */
export class RobotsDisallowedError extends XxgkError {
  override name = 'RobotsDisallowedError';
  constructor(url: string) {
    super('disallowed by robots.txt', 'fetch', url, false);
  }
}

/** Bytes that no candidate encoding turns into plausible text. */
export class DecodeError extends XxgkError {
  override name = 'DecodeError';
  constructor(message: string, url?: string) {
    super(message, 'decode', url, false);
  }
}

/** A page that looked like a report but from which a required field could not be derived. */
export class ExtractError extends XxgkError {
  override name = 'ExtractError';
  constructor(message: string, url?: string) {
    super(message, 'extract', url, false);
  }
}

/** The run was stopped by SIGINT/SIGTERM: what it had archived is kept, the run is recorded as interrupted. */
export class InterruptedError extends XxgkError {
  override name = 'InterruptedError';
  constructor(readonly signal: string) {
    super(`stopped by ${signal}`, 'schedule', undefined, false);
  }
}

/**
 * What went wrong with one URL, as `xxgk runs --failures` counts it. The first ten are the issue's
 * classes; `network` is a connection refused, reset or cut short (a body shorter than its
 * Content-Length), `other` anything not yet classified (a bug, most likely).
 */
export const FAILURE_CLASSES = [
  'timeout',
  'http_4xx',
  'http_5xx',
  'too_large',
  'decode_error',
  'parse_error',
  'trap',
  'blocked',
  'robots',
  'soft_404',
  'network',
  'other',
] as const;
export type FailureClass = (typeof FAILURE_CLASSES)[number];
