/**
 * The only place that talks HTTP. Passed into the crawler so tests and benchmarks can swap it.
 * Bytes are returned untouched: decoding is the decode stage's job, because portals mislabel
 * their charset and any library that decodes for us guesses wrong on GBK pages.
 */
import { FetchError, TooLargeError } from '../errors.js';
import type { FetchedPage, Validators } from '../types.js';

export interface FetchOptions {
  method?: 'GET' | 'POST';
  /** Form body for POST (Hanweb's dataproxy accepts both). */
  form?: Record<string, string>;
  /** A raw body (a learned listing API's JSON or form body), sent with the content-type in `headers`. */
  body?: string;
  headers?: Record<string, string>;
  /** Validators from an earlier fetch: an unchanged page answers 304 with an empty body. */
  conditional?: Validators;
  /** Bytes the body may have at most (attachments): checked against Content-Length and while reading. */
  maxBytes?: number;
}

export interface Fetcher {
  fetch(url: string, options?: FetchOptions): Promise<FetchedPage>;
}

export interface HttpFetcherOptions {
  userAgent: string;
  timeoutMs: number;
  /** Injected clock, so records carry reproducible times in tests. */
  now?: () => Date;
}

export class HttpFetcher implements Fetcher {
  constructor(private readonly options: HttpFetcherOptions) {}

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
    let response: Response;
    try {
      response = await fetch(url, {
        method: options.method ?? 'GET',
        headers,
        body,
        redirect: 'follow',
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
    } catch (cause) {
      throw new FetchError(url, 0, { cause });
    }
    const bytes = options.maxBytes === undefined ? Buffer.from(await response.arrayBuffer()) : await readAtMost(response, options.maxBytes, url);
    if (!response.ok && response.status !== 304) {
      throw new FetchError(url, response.status, { retryAfter: response.headers.get('retry-after') ?? undefined });
    }
    const responseHeaders: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      responseHeaders[name.toLowerCase()] = value;
    });
    return {
      url,
      finalUrl: response.url || url,
      status: response.status,
      headers: responseHeaders,
      body: bytes,
      fetchedAt: (this.options.now?.() ?? new Date()).toISOString(),
    };
  }
}

/** The body, refused as soon as it passes `max` bytes: a declared length is not trusted to be true. */
async function readAtMost(response: Response, max: number, url: string): Promise<Buffer> {
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (declared > max) {
    await response.body?.cancel().catch(() => undefined);
    throw new TooLargeError(url, max, declared);
  }
  const chunks: Buffer[] = [];
  let total = 0;
  if (!response.body) return Buffer.alloc(0);
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      await reader.cancel().catch(() => undefined);
      throw new TooLargeError(url, max);
    }
    chunks.push(Buffer.from(value));
  }
  return Buffer.concat(chunks, total);
}
