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

  /** The class `xxgk runs --failures` counts this failure under. */
  get failureClass(): FailureClass {
    return this.stage === 'decode' ? 'decode_error' : this.stage === 'extract' || this.stage === 'clean' ? 'parse_error' : this.stage === 'fetch' ? 'network' : 'other';
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
  constructor(url: string, readonly status: number, options?: { cause?: unknown; retryAfter?: string | undefined; retryable?: boolean }) {
    // A reset or refused connection may go better next time; a corrupt gzip stream will not.
    const retryable = options?.retryable ?? (status === 0 ? causeClass(options?.cause) === 'network' : status === 408 || status === 429 || status >= 500);
    super(`HTTP ${status || 'failure'}${status ? '' : describeCause(options?.cause)}`, 'fetch', url, retryable, options);
    this.retryAfter = options?.retryAfter;
  }

  override get failureClass(): FailureClass {
    if (this.status >= 500) return 'http_5xx';
    if (this.status >= 400) return this.status === 408 ? 'timeout' : 'http_4xx';
    return causeClass(this.cause);
  }
}

/**
 * No answer in time: no response headers within the first-byte limit, or the body not complete
 * within the total one (a server that accepts and never answers, one that drips a byte a second).
 */
export class FetchTimeoutError extends FetchError {
  override name = 'FetchTimeoutError';
  constructor(url: string, readonly phase: 'first byte' | 'total', readonly limitMs: number) {
    // Not retried: a server that kept us waiting this long is given up on until the next run.
    super(url, 0, { retryable: false });
    this.message = `no ${phase === 'first byte' ? 'response' : 'complete response'} within ${limitMs} ms (fetch: ${url})`;
  }

  override get failureClass(): FailureClass {
    return 'timeout';
  }
}

/**
 * A URL the crawl will not fetch: a redirect or link to another host than the portal's, to a
 * scheme other than http(s) (file:, javascript:, data:), or to a private or loopback address from
 * a public portal. Never retried.
 */
export class BlockedError extends XxgkError {
  override name = 'BlockedError';
  constructor(url: string, readonly target: string, reason: string) {
    super(`not followed: ${reason} (${target.slice(0, 200)})`, 'fetch', url, false);
  }

  override get failureClass(): FailureClass {
    return 'blocked';
  }
}

/** An endless URL space: a redirect loop, listing pages that repeat, URLs that keep growing, a portal's page budget spent. */
export class TrapError extends XxgkError {
  override name = 'TrapError';
  constructor(message: string, url: string) {
    super(message, 'fetch', url, false);
  }

  override get failureClass(): FailureClass {
    return 'trap';
  }
}

/** A 200 answer that is the portal's "page not found" (页面不存在): the report is gone, not archived as one. */
export class SoftNotFoundError extends XxgkError {
  override name = 'SoftNotFoundError';
  constructor(url: string, readonly says: string) {
    super(`the page says it does not exist: ${says}`, 'extract', url, false);
  }

  override get failureClass(): FailureClass {
    return 'soft_404';
  }
}

/** ": connection reset" and the like: the innermost cause's code or message, for the log. */
function describeCause(cause: unknown): string {
  let inner = cause as { cause?: unknown; code?: string; message?: string } | undefined;
  for (let depth = 0; inner?.cause && depth < 5; depth++) inner = inner.cause as typeof inner;
  const what = inner?.code ?? inner?.message;
  return what ? `: ${String(what).slice(0, 120)}` : '';
}

/**
 * The class of a transport failure from its cause: undici wraps what went wrong (a reset, a
 * refused connection, a corrupt gzip stream, an abort) in a TypeError's `cause`.
 */
function causeClass(cause: unknown): FailureClass {
  for (let c = cause, depth = 0; c && depth < 5; c = (c as { cause?: unknown }).cause, depth++) {
    const { name, code } = c as { name?: string; code?: string };
    if (name === 'TimeoutError' || name === 'AbortError' || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT' || code === 'UND_ERR_CONNECT_TIMEOUT') return 'timeout';
    if (code === 'Z_DATA_ERROR' || code === 'Z_BUF_ERROR' || code === 'ERR_ZLIB_INITIALIZATION_FAILED') return 'decode_error';
  }
  return 'network';
}

/** A response larger than the size limit for its kind (attachments): never retried. */
export class TooLargeError extends XxgkError {
  override name = 'TooLargeError';
  constructor(url: string, readonly limit: number, readonly declared?: number) {
    super(`larger than the limit of ${limit} bytes${declared !== undefined ? ` (declared ${declared})` : ''}`, 'fetch', url, false);
  }

  override get failureClass(): FailureClass {
    return 'too_large';
  }
}

/** robots.txt forbids the URL for our user agent: never fetched, never retried. */
export class RobotsDisallowedError extends XxgkError {
  override name = 'RobotsDisallowedError';
  constructor(url: string) {
    super('disallowed by robots.txt', 'fetch', url, false);
  }

  override get failureClass(): FailureClass {
    return 'robots';
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

/** The failure class of anything thrown while handling a URL. */
export function classifyFailure(error: unknown): FailureClass {
  if (error instanceof XxgkError) return error.failureClass;
  const name = (error as { name?: string } | undefined)?.name;
  if (name === 'TimeoutError' || name === 'AbortError') return 'timeout';
  // A DOM, regex or stack overflow from a hostile page: its parsing failed, not the crawl.
  if (error instanceof RangeError) return 'parse_error';
  return 'other';
}

/**
 * The storage device is full (or the user's quota spent): no report can be written, so the run
 * stops at once with this instead of failing every page that follows. What was archived stays
 * consistent (files are written before their index row); the next run, with space freed, carries on.
 */
export class StorageFullError extends XxgkError {
  override name = 'StorageFullError';
  constructor(storageDir: string, options?: { cause?: unknown }) {
    super(`no space left for the archive in ${storageDir}: the run stopped; free some space and run again`, 'archive', undefined, false, options);
  }
}

/** Whether an error (or what caused it) is a full disk: ENOSPC, EDQUOT, or SQLite's SQLITE_FULL. */
export function isStorageFull(error: unknown): boolean {
  for (let e = error, depth = 0; e && depth < 6; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (code === 'ENOSPC' || code === 'EDQUOT' || code === 'SQLITE_FULL') return true;
  }
  return false;
}
