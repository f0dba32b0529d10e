/**
 * A tiny router over node:http: one Site (a map of paths to canned responses or handlers) per
 * portal, one server per Site so every portal is its own host:port, as real portals are.
 *
 * Per Site: HTTP validators as nginx serves static files (ETag, Last-Modified, 304), robots.txt
 * (or a 404 for it), latency, a deterministic fault plan (429/503), and the server's name.
 * Per portal the server records every request and how many were in flight at once.
 */
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface SimRequest {
  method: string;
  /** Percent-decoded path, e.g. /W0201903/QQ图片.jpg */
  path: string;
  /** Query string and, for POST, form body parameters merged (body wins). */
  params: URLSearchParams;
}

export interface SimResponse {
  status?: number;
  /** Sent verbatim: deliberately wrong or charset-less labels are part of the simulation. */
  contentType: string;
  body: Buffer | string;
  /** When the page last changed (static pages of a Site with validators); the Site's default date otherwise. */
  lastModified?: Date;
  /** Extra response headers. */
  headers?: Record<string, string>;
}

export type SimHandler = (req: SimRequest) => SimResponse | undefined;

/**
 * Takes over one exchange after the Site's latency: the fault portal resets, stalls, drips,
 * truncates and streams through it, which no canned response can express. It owns `res` and
 * `socket` from then on (the server destroys the socket on close(), so a route that never answers
 * cannot keep it open). Headers, validators and Content-Length are its own business.
 */
export type RawHandler = (req: http.IncomingMessage, res: http.ServerResponse, socket: Socket) => void;

/** A raw answer: `status` is only what the request log records (0 when no status line is sent). */
export interface RawResponse {
  status: number;
  raw: RawHandler;
}

/** What a pre-handler (Site.intercept) may answer: a canned response or a raw takeover. */
export type SimAnswer = SimResponse | RawResponse;

export const isRaw = (a: SimAnswer | SiteAnswer): a is RawResponse => 'raw' in a;

/**
 * A deterministic fault plan: counting the portal's requests (robots.txt excluded) from 1, the
 * n-th answers 429 when n is a multiple of `every429`, else 503 when a multiple of `every503`.
 * 429 always carries `Retry-After`; 503 carries it on every other occurrence (1st, 3rd, …), so
 * both forms occur.
 */
export interface FaultPlan {
  every429?: number;
  every503?: number;
  /** Retry-After in seconds (default 1). */
  retryAfterSeconds?: number;
}

export interface SiteOptions {
  /** nginx/TRS static sites: ETag, Last-Modified and 304 on static pages. ASP/JSP pages: false. */
  validators?: boolean;
  /** robots.txt text; undefined: /robots.txt is a 404. */
  robots?: string;
  /** Latency of this host (overrides the global option). */
  latencyMs?: number;
  faults?: FaultPlan;
  /** `Server` header (default nginx). */
  server?: string;
  /** Last-Modified of static pages registered without a date of their own. */
  lastModified?: Date;
}

/** Query keys sorted so that `?page=2&ClassID=12` finds the page registered as `?ClassID=12&page=2`. */
function routeKey(path: string, params?: URLSearchParams): string {
  if (!params || [...params.keys()].length === 0) return path;
  const sorted = [...params.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `${path}?${new URLSearchParams(sorted).toString()}`;
}

function keyOf(pathAndQuery: string): string {
  const [path = '', query] = pathAndQuery.split('?', 2);
  return routeKey(path, query ? new URLSearchParams(query) : undefined);
}

const toBuffer = (body: Buffer | string): Buffer => (typeof body === 'string' ? Buffer.from(body, 'utf8') : body);

/** An HTTP date has whole seconds. */
const wholeSeconds = (d: Date): Date => new Date(Math.floor(d.getTime() / 1000) * 1000);

interface StoredPage {
  res?: SimResponse;
  /** Built on first request (large sites register thousands of pages). */
  render?: () => SimResponse;
  etag?: string;
  lastModified: Date;
}

/** What a Site answers, with its validators when the page is static and the Site has them. */
export interface SiteAnswer extends SimResponse {
  etag?: string;
  lastModifiedHeader?: string;
}

const NOT_FOUND: SimResponse = {
  status: 404,
  contentType: 'text/html; charset=utf-8',
  body: '<!DOCTYPE html><html><head><title>404 Not Found</title></head><body><h1>404 Not Found</h1><p>您访问的页面不存在或已被删除。</p></body></html>',
};

export class Site {
  validators: boolean;
  robots: string | undefined;
  latencyMs: number | undefined;
  faults: FaultPlan | undefined;
  server: string;
  private readonly defaultDate: Date;
  private readonly pages = new Map<string, StoredPage>();
  private readonly handlers = new Map<string, SimHandler>();
  private interceptor: ((req: SimRequest) => SimAnswer | undefined) | undefined;

  constructor(options: SiteOptions = {}) {
    this.validators = options.validators ?? false;
    this.robots = options.robots;
    this.latencyMs = options.latencyMs;
    this.faults = options.faults;
    this.server = options.server ?? 'nginx';
    this.defaultDate = wholeSeconds(options.lastModified ?? new Date('2024-06-03T01:20:00Z'));
  }

  /**
   * `pathAndQuery` may carry a query (old ASP portals address pages by parameters). Registering a
   * path again with a different body is a change on the portal: its Last-Modified moves to now
   * (at least one second past the old one) unless the response names a date.
   */
  add(pathAndQuery: string, res: SimResponse): void {
    const key = keyOf(pathAndQuery);
    const old = this.pages.get(key);
    const bytes = toBuffer(res.body);
    const etag = `"${createHash('sha1').update(bytes).digest('hex').slice(0, 20)}"`;
    let lastModified = res.lastModified ? wholeSeconds(res.lastModified) : this.defaultDate;
    if (old) {
      const oldEtag = old.etag ?? this.materialize(old).etag;
      if (oldEtag === etag && !res.lastModified) lastModified = old.lastModified;
      else if (oldEtag !== etag) {
        const floor = old.lastModified.getTime() + 1000;
        lastModified = wholeSeconds(new Date(Math.max(Date.now(), floor, lastModified.getTime())));
      }
    }
    this.pages.set(key, { res: { ...res, body: bytes }, etag, lastModified });
  }

  /** A static page rendered on its first request (then cached); `lastModified` as in add(). */
  addLazy(pathAndQuery: string, render: () => SimResponse, lastModified?: Date): void {
    this.pages.set(keyOf(pathAndQuery), { render, lastModified: wholeSeconds(lastModified ?? this.defaultDate) });
  }

  /** A dynamic endpoint: answers every request to `path`, whatever its parameters. Never validated. */
  handle(path: string, handler: SimHandler): void {
    this.handlers.set(path, handler);
  }

  /**
   * Sees every request first, robots.txt included, and may answer it (pattern routes such as
   * `;jsessionid=` paths or endless pagers, raw takeovers); undefined falls through to the
   * robots.txt, handlers and pages as usual. One per Site.
   */
  intercept(handler: (req: SimRequest) => SimAnswer | undefined): void {
    this.interceptor = handler;
  }

  /** respond() with the interceptor first. */
  answer(req: SimRequest): SiteAnswer | RawResponse {
    return this.interceptor?.(req) ?? this.respond(req);
  }

  has(pathAndQuery: string): boolean {
    return this.pages.has(keyOf(pathAndQuery));
  }

  /** The page's current body (rendering a lazy page), or undefined. */
  body(pathAndQuery: string): Buffer | undefined {
    const page = this.pages.get(keyOf(pathAndQuery));
    return page ? (this.materialize(page).res!.body as Buffer) : undefined;
  }

  private materialize(page: StoredPage): StoredPage {
    if (!page.res && page.render) {
      const res = page.render();
      const bytes = toBuffer(res.body);
      page.res = { ...res, body: bytes };
      page.etag = `"${createHash('sha1').update(bytes).digest('hex').slice(0, 20)}"`;
      page.render = undefined;
    }
    return page;
  }

  respond(req: SimRequest): SiteAnswer {
    if (req.path === '/robots.txt') {
      if (this.robots === undefined) return NOT_FOUND;
      return { contentType: 'text/plain', body: this.robots, ...this.validatorsOf({ lastModified: this.defaultDate, etag: `"${createHash('sha1').update(this.robots).digest('hex').slice(0, 20)}"` }) };
    }
    const handler = this.handlers.get(req.path);
    const dynamic = handler?.(req);
    if (dynamic) return dynamic;
    const page =
      this.pages.get(routeKey(req.path, req.params)) ??
      this.pages.get(req.path) ??
      (req.path.endsWith('/') ? this.pages.get(`${req.path}index.html`) : undefined);
    if (!page) return NOT_FOUND;
    const stored = this.materialize(page);
    return { ...stored.res!, ...this.validatorsOf(stored) };
  }

  private validatorsOf(p: { etag?: string; lastModified: Date }): Pick<SiteAnswer, 'etag' | 'lastModifiedHeader'> {
    if (!this.validators || !p.etag) return {};
    return { etag: p.etag, lastModifiedHeader: p.lastModified.toUTCString() };
  }
}

/** True when the request's validators match the answer's (If-None-Match first, as RFC 9110 says). */
function notModified(req: http.IncomingMessage, answer: SiteAnswer): boolean {
  if (!answer.etag || !answer.lastModifiedHeader) return false;
  const inm = req.headers['if-none-match'];
  if (inm !== undefined) {
    const tags = inm.split(',').map((t) => t.trim().replace(/^W\//, ''));
    return tags.includes('*') || tags.includes(answer.etag);
  }
  const ims = req.headers['if-modified-since'];
  if (ims === undefined) return false;
  const since = Date.parse(ims);
  return Number.isFinite(since) && since >= Date.parse(answer.lastModifiedHeader);
}

export interface RequestLogEntry {
  portal: string;
  /** Path and query as requested. */
  path: string;
  /** Arrival time (ms since epoch). */
  at: number;
  method: string;
  /** Status answered (304 for a matching conditional request, 429/503 for a planned fault). */
  status: number;
  /** The request carried If-None-Match or If-Modified-Since. */
  conditional: boolean;
  userAgent: string;
}

/** Request log and concurrency counters shared by the servers of one simulation. */
export class SimStats {
  /** Never replaced: tests hold references to it. */
  readonly log: RequestLogEntry[] = [];
  private readonly inFlight = new Map<string, number>();
  private readonly max = new Map<string, number>();
  private readonly counters = new Map<string, number>();

  arrive(portal: string): void {
    const n = (this.inFlight.get(portal) ?? 0) + 1;
    this.inFlight.set(portal, n);
    if (n > (this.max.get(portal) ?? 0)) this.max.set(portal, n);
  }

  leave(portal: string): void {
    this.inFlight.set(portal, Math.max(0, (this.inFlight.get(portal) ?? 0) - 1));
  }

  /** 1-based number of this request among the portal's fault-counted requests. */
  count(portal: string): number {
    const n = (this.counters.get(portal) ?? 0) + 1;
    this.counters.set(portal, n);
    return n;
  }

  maxInFlight(portal: string): number {
    return this.max.get(portal) ?? 0;
  }

  /** Empties the log in place, forgets the maxima (requests in flight stay counted) and restarts fault plans. */
  reset(): void {
    this.log.length = 0;
    this.max.clear();
    for (const [portal, n] of this.inFlight) if (n > 0) this.max.set(portal, n);
    this.counters.clear();
  }
}

export interface RunningServer {
  origin: string;
  close(): Promise<void>;
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('latin1')));
    req.on('error', reject);
  });
}

function decodePath(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

const FAULT_PAGES: Record<number, string> = {
  429: '<html>\r\n<head><title>429 Too Many Requests</title></head>\r\n<body>\r\n<center><h1>429 Too Many Requests</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n',
  503: '<html>\r\n<head><title>503 Service Temporarily Unavailable</title></head>\r\n<body>\r\n<center><h1>503 Service Temporarily Unavailable</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n',
};

/** The planned fault for the n-th request, if any. */
function plannedFault(plan: FaultPlan | undefined, n: number): SiteAnswer | undefined {
  if (!plan) return undefined;
  const retryAfter = String(plan.retryAfterSeconds ?? 1);
  if (plan.every429 && n % plan.every429 === 0) {
    return { status: 429, contentType: 'text/html', body: FAULT_PAGES[429]!, headers: { 'Retry-After': retryAfter } };
  }
  if (plan.every503 && n % plan.every503 === 0) {
    const occurrence = n / plan.every503;
    return { status: 503, contentType: 'text/html', body: FAULT_PAGES[503]!, ...(occurrence % 2 === 1 ? { headers: { 'Retry-After': retryAfter } } : {}) };
  }
  return undefined;
}

export async function serveSite(options: {
  portal: string;
  site: Site;
  stats: SimStats;
  /** Used when the Site sets no latency of its own. */
  latencyMs?: number;
  /** Fixed port (the demo, so a second run finds the same URLs); default: any free port. */
  port?: number;
}): Promise<RunningServer> {
  const { portal, site, stats } = options;
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();

  const server = http.createServer((req, res) => {
    const at = Date.now();
    const rawUrl = req.url ?? '/';
    stats.arrive(portal);
    let left = false;
    const leave = (): void => {
      if (left) return;
      left = true;
      stats.leave(portal);
    };
    res.on('finish', leave);
    res.on('close', leave);
    const url = new URL(rawUrl, 'http://127.0.0.1');
    const method = (req.method ?? 'GET').toUpperCase();
    const path = decodePath(url.pathname);
    const conditional = req.headers['if-none-match'] !== undefined || req.headers['if-modified-since'] !== undefined;
    // Counted at arrival, so the plan follows the order requests reach the server.
    const fault = path === '/robots.txt' ? undefined : plannedFault(site.faults, stats.count(portal));
    void (async () => {
      const params = new URLSearchParams(url.search);
      if (method === 'POST') {
        // Form bodies are ASCII in practice (Hanweb's dataproxy posts numbers and ids).
        for (const [k, v] of new URLSearchParams(await readBody(req))) params.set(k, v);
      }
      const answer = fault ?? site.answer({ method, path, params });
      if (isRaw(answer)) {
        stats.log.push({ portal, path: rawUrl, at, method, status: answer.status, conditional, userAgent: req.headers['user-agent'] ?? '' });
        const takeOver = (): void => {
          timers.delete(timer);
          if (!res.destroyed) answer.raw(req, res, req.socket);
        };
        const timer = setTimeout(takeOver, site.latencyMs ?? options.latencyMs ?? 0);
        timers.add(timer);
        return;
      }
      const unchanged = !fault && (method === 'GET' || method === 'HEAD') && (answer.status ?? 200) === 200 && notModified(req, answer);
      const status = unchanged ? 304 : answer.status ?? 200;
      stats.log.push({ portal, path: rawUrl, at, method, status, conditional, userAgent: req.headers['user-agent'] ?? '' });
      const body = unchanged ? Buffer.alloc(0) : toBuffer(answer.body);
      const headers: Record<string, string> = { Server: site.server, ...answer.headers };
      if (answer.etag && answer.lastModifiedHeader) {
        headers.ETag = answer.etag;
        headers['Last-Modified'] = answer.lastModifiedHeader;
      }
      if (!unchanged) {
        headers['Content-Type'] = answer.contentType;
        headers['Content-Length'] = String(body.length);
      }
      const send = (): void => {
        timers.delete(timer);
        if (res.destroyed) return;
        res.writeHead(status, headers);
        res.end(method === 'HEAD' || unchanged ? undefined : body);
      };
      const timer = setTimeout(send, site.latencyMs ?? options.latencyMs ?? 0);
      timers.add(timer);
    })().catch(() => res.destroy());
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of timers) clearTimeout(t);
        timers.clear();
        server.close(() => resolve());
        // Keep-alive sockets would hold close() open forever.
        for (const s of sockets) s.destroy();
        server.closeAllConnections();
      }),
  };
}
