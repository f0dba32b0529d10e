import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HttpFetcher } from '../src/crawl/fetcher.js';
import { PoliteFetcher, type PoliteFetcherOptions, type PolitenessEvent } from '../src/crawl/polite/polite-fetcher.js';
import { parseRetryAfter, backoffDelay } from '../src/crawl/polite/retry-policy.js';
import { agentToken } from '../src/crawl/polite/robots.js';
import { FetchError, RobotsDisallowedError } from '../src/errors.js';

const UA = 'xxgk-archive/0.1 (+https://example.org/xxgk-archive; test)';

interface Hit {
  path: string;
  at: number;
  headers: IncomingHttpHeaders;
}

interface Reply {
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

/** In-flight count shared by several servers, to see whether two hosts were busy at once. */
interface SharedGauge {
  inFlight: number;
  max: number;
}

interface TestServer {
  origin: string;
  host: string;
  hits: Hit[];
  maxInFlight: number;
  paths(): string[];
  close(): Promise<void>;
}

/**
 * A loopback portal that holds every response `holdMs` so overlapping requests really overlap.
 * `route` gets the path and how many times that path was requested before; undefined means 404.
 */
async function startServer(
  route: (path: string, seen: number, headers: IncomingHttpHeaders) => Reply | undefined,
  options: { holdMs?: number; gauge?: SharedGauge } = {},
): Promise<TestServer> {
  const holdMs = options.holdMs ?? 40;
  const seenByPath = new Map<string, number>();
  let inFlight = 0;
  const state = {
    hits: [] as Hit[],
    maxInFlight: 0,
  };
  const server: Server = createServer((req, res) => {
    const path = req.url ?? '/';
    state.hits.push({ path, at: Date.now(), headers: req.headers });
    inFlight += 1;
    state.maxInFlight = Math.max(state.maxInFlight, inFlight);
    if (options.gauge) {
      options.gauge.inFlight += 1;
      options.gauge.max = Math.max(options.gauge.max, options.gauge.inFlight);
    }
    const seen = seenByPath.get(path) ?? 0;
    seenByPath.set(path, seen + 1);
    const reply = route(path, seen, req.headers) ?? { status: 404, body: 'not found' };
    setTimeout(() => {
      inFlight -= 1;
      if (options.gauge) options.gauge.inFlight -= 1;
      res.writeHead(reply.status, { 'content-type': 'text/plain; charset=utf-8', ...reply.headers });
      res.end(reply.status === 304 ? undefined : (reply.body ?? `ok ${path}`));
    }, holdMs);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    get hits() {
      return state.hits;
    },
    get maxInFlight() {
      return state.maxInFlight;
    },
    paths: () => state.hits.map((hit) => hit.path),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function polite(overrides: Partial<PoliteFetcherOptions> = {}, events: PolitenessEvent[] = []): PoliteFetcher {
  return new PoliteFetcher(new HttpFetcher({ userAgent: UA, timeoutMs: 5000 }), {
    userAgent: UA,
    defaultPolicy: { concurrency: 2, delayMs: 0 },
    retries: 2,
    backoffMs: 50,
    maxRetryAfterMs: 5000,
    respectRobots: false,
    onEvent: (event) => events.push(event),
    ...overrides,
  });
}

const ok = (): Reply => ({ status: 200, body: 'page' });

function gaps(times: number[]): number[] {
  return times.slice(1).map((t, i) => t - times[i]!);
}

test('concurrency 2 over 12 requests: exactly two in flight at the peak', async () => {
  const server = await startServer(ok);
  try {
    const fetcher = polite({ defaultPolicy: { concurrency: 2, delayMs: 0 } });
    const pages = await Promise.all(Array.from({ length: 12 }, (_, i) => fetcher.fetch(`${server.origin}/p${i}.html`)));
    assert.equal(pages.length, 12);
    assert.ok(pages.every((page) => page.status === 200));
    assert.equal(server.hits.length, 12);
    assert.equal(server.maxInFlight, 2, 'never more than 2, and both slots were used');
    assert.deepEqual(fetcher.stats()[server.host], { requests: 12, maxInFlight: 2, retries: 0 });
  } finally {
    await server.close();
  }
});

test('per-host policy overrides the default', async () => {
  const server = await startServer(ok);
  try {
    const fetcher = polite({
      defaultPolicy: { concurrency: 4, delayMs: 0 },
      policyForHost: (host) => (host === server.host ? { concurrency: 1 } : undefined),
    });
    await Promise.all(Array.from({ length: 5 }, (_, i) => fetcher.fetch(`${server.origin}/q${i}.html`)));
    assert.equal(server.maxInFlight, 1);
  } finally {
    await server.close();
  }
});

test('two hosts run in parallel, each within its own limit', async () => {
  const gauge: SharedGauge = { inFlight: 0, max: 0 };
  const a = await startServer(ok, { gauge, holdMs: 50 });
  const b = await startServer(ok, { gauge, holdMs: 50 });
  try {
    const fetcher = polite({ defaultPolicy: { concurrency: 1, delayMs: 0 } });
    await Promise.all(
      Array.from({ length: 4 }, (_, i) => [fetcher.fetch(`${a.origin}/a${i}`), fetcher.fetch(`${b.origin}/b${i}`)]).flat(),
    );
    assert.equal(a.maxInFlight, 1);
    assert.equal(b.maxInFlight, 1);
    assert.equal(gauge.max, 2, 'the two hosts were served at the same time');
  } finally {
    await Promise.all([a.close(), b.close()]);
  }
});

test('a host paused by Retry-After does not hold back another host', async () => {
  const slow = await startServer((path, seen) =>
    path === '/busy' && seen === 0 ? { status: 429, headers: { 'retry-after': '1' } } : ok(),
  );
  const other = await startServer(ok);
  try {
    const fetcher = polite({ defaultPolicy: { concurrency: 1, delayMs: 0 } });
    const busy = fetcher.fetch(`${slow.origin}/busy`);
    // Let the 429 arrive and pause its host before the other host's requests start.
    await new Promise((resolve) => setTimeout(resolve, 150));
    await Promise.all([0, 1, 2].map((i) => fetcher.fetch(`${other.origin}/o${i}`)));
    const otherDone = Date.now();
    assert.equal(slow.hits.length, 1, 'the paused host has not been asked again yet');
    await busy;
    assert.ok(slow.hits[1]!.at >= otherDone, 'the other host finished while the first was paused');
  } finally {
    await Promise.all([slow.close(), other.close()]);
  }
});

test('delayMs is respected between the starts of requests to one host', async () => {
  const server = await startServer(ok, { holdMs: 30 });
  try {
    // The moments the polite fetcher lets each request go, stamped on our side: the server's
    // arrival times squeeze together when a loaded machine delays one connection but not the next.
    const starts: number[] = [];
    const http = new HttpFetcher({ userAgent: UA, timeoutMs: 5000 });
    const stamped = { fetch: (url: string, options?: Parameters<HttpFetcher['fetch']>[1]) => (starts.push(Date.now()), http.fetch(url, options)) };
    const fetcher = new PoliteFetcher(stamped, {
      userAgent: UA,
      defaultPolicy: { concurrency: 4, delayMs: 150 },
      retries: 2,
      backoffMs: 50,
      maxRetryAfterMs: 5000,
      respectRobots: false,
    });
    await Promise.all(Array.from({ length: 4 }, (_, i) => fetcher.fetch(`${server.origin}/d${i}`)));
    assert.equal(server.hits.length, 4);
    assert.equal(starts.length, 4);
    // Timers fire a millisecond or two early or late.
    for (const gap of gaps(starts)) assert.ok(gap >= 145, `gap ${gap} ms`);
  } finally {
    await server.close();
  }
});

test('429 with Retry-After: 1 pauses the host, then the retry succeeds', async () => {
  const server = await startServer((path, seen) =>
    path === '/limited' && seen === 0 ? { status: 429, headers: { 'retry-after': '1' } } : ok(),
  );
  try {
    const events: PolitenessEvent[] = [];
    const fetcher = polite({ defaultPolicy: { concurrency: 2, delayMs: 0 } }, events);
    const limited = fetcher.fetch(`${server.origin}/limited`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    // Queued after the 429: the pause is for the whole host, so this one waits too.
    const bystander = fetcher.fetch(`${server.origin}/bystander`);
    const [page] = await Promise.all([limited, bystander]);
    assert.equal(page.status, 200);
    const first = server.hits.find((hit) => hit.path === '/limited')!.at;
    const retried = server.hits.filter((hit) => hit.path === '/limited')[1]!.at;
    const bystanderAt = server.hits.find((hit) => hit.path === '/bystander')!.at;
    assert.ok(retried - first >= 950, `retry after ${retried - first} ms`);
    assert.ok(bystanderAt - first >= 950, `bystander after ${bystanderAt - first} ms`);
    assert.deepEqual(events, [{ type: 'retry', url: `${server.origin}/limited`, status: 429, waitMs: 1000, attempt: 1 }]);
    assert.equal(fetcher.stats()[server.host]!.retries, 1);
  } finally {
    await server.close();
  }
});

test('a Retry-After beyond maxRetryAfterMs gives up with the server error', async () => {
  const server = await startServer(() => ({ status: 503, headers: { 'retry-after': '3600' } }));
  try {
    const events: PolitenessEvent[] = [];
    const fetcher = polite({ maxRetryAfterMs: 2000 }, events);
    await assert.rejects(fetcher.fetch(`${server.origin}/down`), (error: unknown) => {
      assert.ok(error instanceof FetchError);
      assert.equal(error.status, 503);
      assert.equal(error.url, `${server.origin}/down`);
      return true;
    });
    assert.equal(server.hits.length, 1);
    assert.deepEqual(events, []);
  } finally {
    await server.close();
  }
});

test('503 twice then 200: retried with growing backoff', async () => {
  const server = await startServer((path, seen) => (seen < 2 ? { status: 503 } : ok()), { holdMs: 30 });
  try {
    const events: PolitenessEvent[] = [];
    const fetcher = polite({ retries: 2, backoffMs: 60 }, events);
    const page = await fetcher.fetch(`${server.origin}/flaky`);
    assert.equal(page.status, 200);
    assert.equal(server.hits.length, 3);
    const [g1, g2] = gaps(server.hits.map((hit) => hit.at));
    // Each gap includes the 30 ms the server held the failing response, plus the backoff.
    assert.ok(g1! >= 60, `first backoff ${g1} ms`);
    assert.ok(g2! >= 120, `second backoff ${g2} ms`);
    assert.deepEqual(
      events.map((e) => (e.type === 'retry' ? [e.status, e.attempt] : e.type)),
      [
        [503, 1],
        [503, 2],
      ],
    );
    assert.equal(fetcher.stats()[server.host]!.retries, 2);
  } finally {
    await server.close();
  }
});

test('503 beyond the retry budget fails with the last error', async () => {
  const server = await startServer(() => ({ status: 503 }), { holdMs: 5 });
  try {
    const fetcher = polite({ retries: 1, backoffMs: 10 });
    await assert.rejects(fetcher.fetch(`${server.origin}/down`), (error: unknown) => error instanceof FetchError && error.status === 503);
    assert.equal(server.hits.length, 2);
  } finally {
    await server.close();
  }
});

test('404 fails at once with one request', async () => {
  const server = await startServer(() => undefined);
  try {
    const events: PolitenessEvent[] = [];
    const fetcher = polite({}, events);
    await assert.rejects(fetcher.fetch(`${server.origin}/missing`), (error: unknown) => {
      assert.ok(error instanceof FetchError);
      assert.equal(error.status, 404);
      assert.equal(error.retryable, false);
      return true;
    });
    assert.deepEqual(server.paths(), ['/missing']);
    assert.deepEqual(events, []);
  } finally {
    await server.close();
  }
});

test('robots.txt Disallow: the URL is refused without being requested; robots is read once', async () => {
  const server = await startServer((path) =>
    path === '/robots.txt' ? { status: 200, body: 'User-agent: *\nDisallow: /private/\n' } : ok(),
  );
  try {
    const events: PolitenessEvent[] = [];
    const fetcher = polite({ respectRobots: true }, events);
    const results = await Promise.allSettled([
      fetcher.fetch(`${server.origin}/private/report.html`),
      fetcher.fetch(`${server.origin}/public/a.html`),
      fetcher.fetch(`${server.origin}/public/b.html`),
    ]);
    assert.equal(results[0]!.status, 'rejected');
    const reason = (results[0] as PromiseRejectedResult).reason as unknown;
    assert.ok(reason instanceof RobotsDisallowedError);
    assert.equal(reason.url, `${server.origin}/private/report.html`);
    assert.equal(results[1]!.status, 'fulfilled');
    assert.equal(results[2]!.status, 'fulfilled');
    assert.ok(!server.paths().some((path) => path.startsWith('/private/')));
    assert.equal(server.paths().filter((path) => path === '/robots.txt').length, 1);
    assert.equal(server.paths()[0], '/robots.txt', 'robots.txt before any page');
    assert.deepEqual(
      events.filter((e) => e.type !== 'retry'),
      [
        { type: 'robots', origin: server.origin, status: 200, rules: true },
        { type: 'robots-disallowed', url: `${server.origin}/private/report.html` },
      ],
    );
    // The robots.txt request went through the limiter like any other.
    assert.equal(fetcher.stats()[server.host]!.requests, 3);
  } finally {
    await server.close();
  }
});

test('robots.txt groups are matched on the User-Agent product token', async () => {
  assert.equal(agentToken(UA), 'xxgk-archive');
  assert.equal(agentToken('Mozilla/5.0 (X11)'), 'Mozilla');
  const server = await startServer((path) =>
    path === '/robots.txt'
      ? { status: 200, body: 'User-agent: xxgk-archive\nDisallow: /\n\nUser-agent: *\nAllow: /\n' }
      : ok(),
  );
  try {
    const fetcher = polite({ respectRobots: true });
    await assert.rejects(fetcher.fetch(`${server.origin}/anything`), RobotsDisallowedError);
    assert.deepEqual(server.paths(), ['/robots.txt']);
  } finally {
    await server.close();
  }
});

test('robots.txt 404 allows everything', async () => {
  const server = await startServer((path) => (path === '/robots.txt' ? undefined : ok()));
  try {
    const events: PolitenessEvent[] = [];
    const fetcher = polite({ respectRobots: true }, events);
    const page = await fetcher.fetch(`${server.origin}/private/x.html`);
    assert.equal(page.status, 200);
    assert.deepEqual(server.paths(), ['/robots.txt', '/private/x.html']);
    assert.deepEqual(events, [{ type: 'robots', origin: server.origin, status: 404, rules: false }]);
  } finally {
    await server.close();
  }
});

test('robots.txt answered with an HTML soft-404 page (200) allows everything', async () => {
  // Lines a naive parse would read as "Disallow: /" — the page must not be parsed as rules at all.
  const softNotFound = [
    '',
    '<!DOCTYPE html>',
    '<html><head><meta charset="utf-8"><title>页面不存在</title></head><body>',
    '<pre>',
    'User-agent: *',
    'Disallow: /',
    '</pre>',
    '<p>您访问的页面不存在，请返回首页。</p></body></html>',
  ].join('\n');
  const server = await startServer((path) =>
    path === '/robots.txt' ? { status: 200, headers: { 'content-type': 'text/html' }, body: softNotFound } : ok(),
  );
  try {
    const events: PolitenessEvent[] = [];
    const fetcher = polite({ respectRobots: true }, events);
    const page = await fetcher.fetch(`${server.origin}/zwgk/ndbg/index.html`);
    assert.equal(page.status, 200);
    assert.deepEqual(events, [{ type: 'robots', origin: server.origin, status: 200, rules: false }]);
  } finally {
    await server.close();
  }
});

test('robots.txt 500 after retries allows everything and reports robots-unavailable', async () => {
  const server = await startServer((path) => (path === '/robots.txt' ? { status: 500 } : ok()), { holdMs: 5 });
  try {
    const events: PolitenessEvent[] = [];
    const fetcher = polite({ respectRobots: true, retries: 1, backoffMs: 10 }, events);
    const page = await fetcher.fetch(`${server.origin}/a.html`);
    assert.equal(page.status, 200);
    assert.deepEqual(server.paths(), ['/robots.txt', '/robots.txt', '/a.html']);
    const unavailable = events.filter((e) => e.type === 'robots-unavailable');
    assert.equal(unavailable.length, 1);
    const event = unavailable[0]!;
    assert.ok(event.type === 'robots-unavailable' && event.origin === server.origin && event.error instanceof FetchError);
  } finally {
    await server.close();
  }
});

test('the User-Agent header reaches the server on robots.txt and pages', async () => {
  const server = await startServer((path) => (path === '/robots.txt' ? { status: 200, body: 'User-agent: *\nAllow: /\n' } : ok()));
  try {
    await polite({ respectRobots: true }).fetch(`${server.origin}/page.html`);
    assert.deepEqual(
      server.hits.map((hit) => [hit.path, hit.headers['user-agent']]),
      [
        ['/robots.txt', UA],
        ['/page.html', UA],
      ],
    );
  } finally {
    await server.close();
  }
});

test('Crawl-delay raises the gap between starts on that host', async () => {
  const server = await startServer(
    (path) => (path === '/robots.txt' ? { status: 200, body: 'User-agent: *\nCrawl-delay: 0.3\n' } : ok()),
    { holdMs: 20 },
  );
  try {
    const fetcher = polite({ respectRobots: true, defaultPolicy: { concurrency: 4, delayMs: 0 } });
    await Promise.all([0, 1, 2].map((i) => fetcher.fetch(`${server.origin}/c${i}`)));
    const pageArrivals = server.hits.filter((hit) => hit.path !== '/robots.txt').map((hit) => hit.at);
    assert.equal(pageArrivals.length, 3);
    for (const gap of gaps(pageArrivals)) assert.ok(gap >= 290, `gap ${gap} ms`);
  } finally {
    await server.close();
  }
});

test('a 304 answer to a conditional request passes through as a page', async () => {
  const server = await startServer((path, seen, headers) =>
    headers['if-none-match'] === '"v1"' ? { status: 304, headers: { etag: '"v1"' } } : { status: 200, headers: { etag: '"v1"' }, body: 'report' },
  );
  try {
    const events: PolitenessEvent[] = [];
    const fetcher = polite({}, events);
    const page = await fetcher.fetch(`${server.origin}/report.html`, { conditional: { etag: '"v1"' } });
    assert.equal(page.status, 304);
    assert.equal(page.body.length, 0);
    assert.equal(page.headers.etag, '"v1"');
    assert.equal(server.hits.length, 1);
    assert.deepEqual(events, []);
  } finally {
    await server.close();
  }
});

test('Retry-After is read as seconds or as an HTTP date', () => {
  const now = Date.parse('2026-03-01T08:00:00Z');
  assert.equal(parseRetryAfter('120', now), 120_000);
  assert.equal(parseRetryAfter('Sun, 01 Mar 2026 08:00:30 GMT', now), 30_000);
  assert.equal(parseRetryAfter('Sun, 01 Mar 2026 07:00:00 GMT', now), 0, 'a past date means now');
  assert.equal(parseRetryAfter('soon', now), undefined);
  assert.equal(parseRetryAfter('1.5', now), undefined);
  assert.equal(parseRetryAfter(undefined, now), undefined);
});

test('backoff doubles per retry and its jitter stays within [base, 2·base]', () => {
  assert.equal(backoffDelay(1, 100, () => 0), 100);
  assert.equal(backoffDelay(3, 100, () => 0), 400);
  assert.equal(backoffDelay(3, 100, () => 0.999), 800);
});
