/**
 * A tiny router over node:http: one Site (a map of paths to canned responses or handlers) per
 * portal, one server per Site so every portal is its own host:port, as real portals are.
 */
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
}

export type SimHandler = (req: SimRequest) => SimResponse | undefined;

/** Query keys sorted so that `?page=2&ClassID=12` finds the page registered as `?ClassID=12&page=2`. */
function routeKey(path: string, params?: URLSearchParams): string {
  if (!params || [...params.keys()].length === 0) return path;
  const sorted = [...params.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `${path}?${new URLSearchParams(sorted).toString()}`;
}

export class Site {
  private readonly pages = new Map<string, SimResponse>();
  private readonly handlers = new Map<string, SimHandler>();

  /** `pathAndQuery` may carry a query (old ASP portals address pages by parameters). */
  add(pathAndQuery: string, res: SimResponse): void {
    const [path = '', query] = pathAndQuery.split('?', 2);
    this.pages.set(routeKey(path, query ? new URLSearchParams(query) : undefined), res);
  }

  /** A dynamic endpoint: answers every request to `path`, whatever its parameters. */
  handle(path: string, handler: SimHandler): void {
    this.handlers.set(path, handler);
  }

  has(pathAndQuery: string): boolean {
    const [path = '', query] = pathAndQuery.split('?', 2);
    return this.pages.has(routeKey(path, query ? new URLSearchParams(query) : undefined));
  }

  respond(req: SimRequest): SimResponse {
    const handler = this.handlers.get(req.path);
    const dynamic = handler?.(req);
    if (dynamic) return dynamic;
    const page = this.pages.get(routeKey(req.path, req.params)) ?? this.pages.get(req.path);
    if (page) return page;
    if (req.path.endsWith('/')) {
      const index = this.pages.get(`${req.path}index.html`);
      if (index) return index;
    }
    return {
      status: 404,
      contentType: 'text/html; charset=utf-8',
      body: '<!DOCTYPE html><html><head><title>404 Not Found</title></head><body><h1>404 Not Found</h1><p>您访问的页面不存在或已被删除。</p></body></html>',
    };
  }
}

export interface RequestLogEntry {
  portal: string;
  path: string;
  at: number;
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

export async function serveSite(options: {
  portal: string;
  site: Site;
  log: RequestLogEntry[];
  latencyMs?: number;
}): Promise<RunningServer> {
  const { portal, site, log, latencyMs = 0 } = options;
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();

  const server = http.createServer((req, res) => {
    const rawUrl = req.url ?? '/';
    log.push({ portal, path: rawUrl, at: Date.now() });
    const url = new URL(rawUrl, 'http://127.0.0.1');
    const method = (req.method ?? 'GET').toUpperCase();
    void (async () => {
      const params = new URLSearchParams(url.search);
      if (method === 'POST') {
        // Form bodies are ASCII in practice (Hanweb's dataproxy posts numbers and ids).
        for (const [k, v] of new URLSearchParams(await readBody(req))) params.set(k, v);
      }
      const answer = site.respond({ method, path: decodePath(url.pathname), params });
      const body = typeof answer.body === 'string' ? Buffer.from(answer.body, 'utf8') : answer.body;
      const send = (): void => {
        timers.delete(timer);
        if (res.destroyed) return;
        res.writeHead(answer.status ?? 200, {
          'Content-Type': answer.contentType,
          'Content-Length': String(body.length),
          Server: 'nginx',
        });
        res.end(method === 'HEAD' ? undefined : body);
      };
      const timer = setTimeout(send, latencyMs);
      timers.add(timer);
    })().catch(() => res.destroy());
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
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
