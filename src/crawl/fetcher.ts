/**
 * The only place that talks HTTP. Passed into the crawler so tests and benchmarks can swap it.
 * Bytes are returned untouched: decoding is the decode stage's job, because portals mislabel
 * their charset and any library that decodes for us guesses wrong on GBK pages.
 */
import { BlockedError, FetchError, FetchTimeoutError, TooLargeError, TrapError } from '../errors.js';
import type { FetchedPage, Validators } from '../types.js';
import { PrivateNameGuard, redirectRefusal } from './address-scope.js';

export interface FetchOptions {
  method?: 'GET' | 'POST';
  /** Form body for POST (Hanweb's dataproxy accepts both). */
  form?: Record<string, string>;
  /** A raw body (a learned listing API's JSON or form body), sent with the content-type in `headers`. */
  body?: string;
  headers?: Record<string, string>;
  /** Validators from an earlier fetch: an unchanged page answers 304 with an empty body. */
  conditional?: Validators;
  /**
   * Bytes the body may have at most (attachments): checked against Content-Length and while
   * reading, after decompression. Without it, the fetcher's own page limit holds.
   */
  maxBytes?: number;
  /**
   * A URL that may answer with a page or a document (a report link): a document (PDF, Office,
   * OFD: told by its first bytes) may have `maxBytes`, anything else only the page limit. A 50 MB
   * "report page" is a fault, a 50 MB PDF is a report.
   */
  pageOrDocument?: boolean;
  /** Keep the first `maxBytes` and stop reading instead of failing (robots.txt: its first 500 KiB are what counts). */
  truncate?: boolean;
}

export interface Fetcher {
  fetch(url: string, options?: FetchOptions): Promise<FetchedPage>;
}

export interface HttpFetcherOptions {
  userAgent: string;
  /** The whole request, body included: a server that drips a byte a second is cut off here. */
  timeoutMs: number;
  /** Until the response's headers: a server that accepts and never answers is given up on sooner. */
  firstByteTimeoutMs?: number;
  /** A body larger than this is refused while it streams (a 50 MB "page", a gzip bomb), unless the caller says otherwise. */
  maxBytes?: number;
  /** Injected clock, so records carry reproducible times in tests. */
  now?: () => Date;
  /**
   * Refuses host names that resolve to private addresses (default: one that asks the system's
   * resolver); `false` allows them (a crawler run inside a government intranet).
   */
  privateNames?: PrivateNameGuard | false;
}

/** Redirects followed at most: browsers give up at 20; a portal needs two or three. */
const MAX_REDIRECTS = 10;
/** Default page limit: the largest real report page seen is a few MB of pasted Word HTML. */
export const DEFAULT_MAX_PAGE_BYTES = 10 * 1024 * 1024;

export class HttpFetcher implements Fetcher {
  readonly #privateNames: PrivateNameGuard | undefined;
  constructor(private readonly options: HttpFetcherOptions) {
    this.#privateNames = options.privateNames === false ? undefined : options.privateNames ?? new PrivateNameGuard();
  }

  async fetch(url: string, options: FetchOptions = {}): Promise<FetchedPage> {
    const headers: Record<string, string> = {
      'user-agent': this.options.userAgent,
      accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
      'accept-language': 'zh-CN,zh;q=0.9',
      ...options.headers,
    };
    if (options.conditional?.etag) headers['if-none-match'] = options.conditional.etag;
    if (options.conditional?.lastModified) headers['if-modified-since'] = options.conditional.lastModified;
    let body: string | undefined = options.body;
    if (options.form) {
      body = new URLSearchParams(options.form).toString();
      headers['content-type'] = 'application/x-www-form-urlencoded';
    }
    const total = this.options.timeoutMs;
    const firstByte = Math.min(this.options.firstByteTimeoutMs ?? total, total);
    const controller = new AbortController();
    let timedOut: FetchTimeoutError | undefined;
    let headersIn = false;
    let done = false;
    // The abort waits one turn of the event loop: when our own work blocked the loop (parsing a
    // page 10 000 tags deep takes seconds), the answer that arrived meanwhile is read first, and
    // the stall is not held against the server.
    const expire = (phase: 'first byte' | 'total', ms: number) => () =>
      setImmediate(() => {
        if (done || (phase === 'first byte' && headersIn)) return;
        timedOut = new FetchTimeoutError(url, phase, ms);
        controller.abort(timedOut);
      });
    const totalTimer = setTimeout(expire('total', total), total);
    let firstByteTimer: NodeJS.Timeout | undefined = setTimeout(expire('first byte', firstByte), firstByte);
    try {
      let response: Response;
      let at = url;
      const seen = new Set<string>([url]);
      // Redirects followed here, one by one, so each target is checked before it is connected to.
      for (let hop = 0; ; hop++) {
        const inside = await this.#privateNames?.refusal(at);
        if (inside) throw new BlockedError(url, at, inside);
        try {
          response = await fetch(at, { method: hop ? 'GET' : options.method ?? 'GET', headers, body: hop ? undefined : body, redirect: 'manual', signal: controller.signal });
        } catch (cause) {
          throw timedOut ?? new FetchError(url, 0, { cause });
        }
        const location = response.status >= 300 && response.status < 400 && response.status !== 304 ? response.headers.get('location') : null;
        if (location === null) break;
        await response.body?.cancel().catch(() => undefined);
        let next: URL;
        try {
          next = new URL(location, at);
        } catch {
          throw new BlockedError(url, location, 'a redirect to an invalid URL');
        }
        const refusal = redirectRefusal(new URL(at), next);
        if (refusal) throw new BlockedError(url, next.href, refusal);
        if (seen.has(next.href) || hop + 1 >= MAX_REDIRECTS) throw new TrapError(`a redirect loop (${hop + 1} redirects)`, url);
        seen.add(next.href);
        at = next.href;
      }
      headersIn = true;
      clearTimeout(firstByteTimer);
      firstByteTimer = undefined;
      const pageLimit = this.options.maxBytes ?? DEFAULT_MAX_PAGE_BYTES;
      const limit = options.maxBytes ?? pageLimit;
      const limitFor = options.pageOrDocument ? (first: Uint8Array) => (looksLikeDocument(first) ? limit : Math.min(limit, pageLimit)) : () => limit;
      let bytes: Buffer;
      try {
        bytes = await readAtMost(response, limit, limitFor, url, options.truncate ?? false);
      } catch (cause) {
        if (cause instanceof TooLargeError) throw cause;
        // A reset mid-body, a body shorter than its Content-Length, a corrupt gzip stream, a timeout.
        throw timedOut ?? new FetchError(url, 0, { cause });
      }
      if (!response.ok && response.status !== 304) {
        throw new FetchError(url, response.status, { retryAfter: response.headers.get('retry-after') ?? undefined });
      }
      const responseHeaders: Record<string, string> = {};
      response.headers.forEach((value, name) => {
        responseHeaders[name.toLowerCase()] = value;
      });
      return {
        url,
        finalUrl: at,
        status: response.status,
        headers: responseHeaders,
        body: bytes,
        fetchedAt: (this.options.now?.() ?? new Date()).toISOString(),
      };
    } finally {
      done = true;
      clearTimeout(totalTimer);
      if (firstByteTimer) clearTimeout(firstByteTimer);
    }
  }
}

/**
 * The body, refused (or cut, with `truncate`) as soon as it passes `max` bytes: a declared length
 * is not trusted to be true, and what counts is what arrives after decompression.
 */
async function readAtMost(response: Response, most: number, limitFor: (first: Uint8Array) => number, url: string, truncate: boolean): Promise<Buffer> {
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (!truncate && declared > most) {
    await response.body?.cancel().catch(() => undefined);
    throw new TooLargeError(url, most, declared);
  }
  const chunks: Buffer[] = [];
  let total = 0;
  let max = most;
  if (!response.body) return Buffer.alloc(0);
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (total === 0) max = limitFor(value);
    if (total + value.byteLength > max) {
      await reader.cancel().catch(() => undefined);
      if (!truncate) throw new TooLargeError(url, max);
      chunks.push(Buffer.from(value.subarray(0, max - total)));
      total = max;
      break;
    }
    total += value.byteLength;
    chunks.push(Buffer.from(value));
  }
  return Buffer.concat(chunks, total);
}

/** A document's first bytes: PDF, a zip (DOCX, XLSX, OFD, WPS) or an OLE file (DOC, XLS). */
function looksLikeDocument(first: Uint8Array): boolean {
  const head = Buffer.from(first.subarray(0, 8));
  if (head.length < 8) return head.subarray(0, 4).toString('latin1') === '%PDF';
  return head.subarray(0, 4).toString('latin1') === '%PDF' || head.readUInt32BE(0) === 0x504b0304 || head.toString('hex') === 'd0cf11e0a1b11ae1';
}
