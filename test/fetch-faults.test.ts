/**
 * The fetcher against a server that misbehaves in every way a government server does: each
 * fault ends in a typed error of its class, within its time limit, without reading more than the
 * size limit and without connecting anywhere a redirect points off the portal.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { gzipSync } from 'node:zlib';
import { HttpFetcher } from '../src/crawl/fetcher.js';
import { PrivateNameGuard } from '../src/crawl/address-scope.js';
import { PoliteFetcher } from '../src/crawl/polite/polite-fetcher.js';
import { classifyFailure, type FailureClass } from '../src/errors.js';

let server: Server;
let origin: string;
const sockets = new Set<Socket>();
let robotsBytesSent = 0;
let guardedHits = 0;

// 1 MB of zeros gzips to ~1 KB: 200 of them inflate to 200 MB.
const BOMB = gzipSync(Buffer.alloc(200 * 1024 * 1024));

before(async () => {
  server = createServer((req, res) => {
    const path = req.url ?? '/';
    switch (path) {
      case '/guarded':
        guardedHits++;
        res.end('<html><body>内网</body></html>');
        return;
      case '/ok':
        res.end('<html><body>好</body></html>');
        return;
      case '/silent':
        return; // accepts, never answers
      case '/drip': {
        res.writeHead(200, { 'content-type': 'text/html' });
        const timer = setInterval(() => res.write('x'), 200);
        res.on('close', () => clearInterval(timer));
        return;
      }
      case '/reset':
        res.writeHead(200, { 'content-type': 'text/html', 'content-length': '10000' });
        res.write('<html><body>'.padEnd(2000, '好'));
        setTimeout(() => req.socket.destroy(), 20);
        return;
      case '/truncated':
        // The server closes the connection after a body shorter than it declared.
        res.writeHead(200, { 'content-type': 'text/html', 'content-length': '5000' });
        res.write('<html><body>short</body></html>');
        setTimeout(() => req.socket.end(), 20);
        return;
      case '/bad-gzip':
        res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' });
        res.end(Buffer.concat([gzipSync('<html>'.repeat(100)).subarray(0, 30), Buffer.from('not gzip at all, not at all')]));
        return;
      case '/gzip-bomb':
        res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip', 'content-length': String(BOMB.length) });
        res.end(BOMB);
        return;
      case '/huge': {
        // 50 MB with no Content-Length: only counting while reading can refuse it.
        res.writeHead(200, { 'content-type': 'text/html' });
        let sent = 0;
        const chunk = Buffer.alloc(64 * 1024, 0x61);
        const pump = (): void => {
          while (sent < 50 * 1024 * 1024) {
            sent += chunk.length;
            if (!res.write(chunk)) return void res.once('drain', pump);
          }
          res.end();
        };
        res.on('close', () => (sent = Infinity));
        pump();
        return;
      }
      case '/loop-a':
        res.writeHead(302, { location: '/loop-b' }).end();
        return;
      case '/loop-b':
        res.writeHead(302, { location: '/loop-a' }).end();
        return;
      case '/to-file':
        res.writeHead(302, { location: 'file:///etc/passwd' }).end();
        return;
      case '/to-javascript':
        res.writeHead(302, { location: 'javascript:alert(1)' }).end();
        return;
      case '/to-metadata':
        // From a loopback portal, another address is another host: refused before connecting.
        res.writeHead(301, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
        return;
      case '/to-other-host':
        res.writeHead(302, { location: 'http://portal.example.invalid/report.html' }).end();
        return;
      case '/moved':
        res.writeHead(301, { location: '/ok' }).end();
        return;
      case '/robots.txt': {
        // 10 MB: a normal group first, then junk.
        res.writeHead(200, { 'content-type': 'text/plain' });
        const head = 'User-agent: *\nDisallow: /private/\n';
        res.write(head);
        robotsBytesSent = head.length;
        const junk = Buffer.alloc(64 * 1024, '#');
        const pump = (): void => {
          while (robotsBytesSent < 10 * 1024 * 1024) {
            robotsBytesSent += junk.length;
            if (!res.write(junk)) return void res.once('drain', pump);
          }
          res.end();
        };
        res.on('close', () => (robotsBytesSent = Math.min(robotsBytesSent, 10 * 1024 * 1024)));
        pump();
        return;
      }
      default:
        res.writeHead(404).end();
    }
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(async () => {
  for (const s of sockets) s.destroy();
  await new Promise<void>((r) => server.close(() => r()));
});

const fetcher = new HttpFetcher({ userAgent: 'xxgk-test', timeoutMs: 1500, firstByteTimeoutMs: 500, maxBytes: 5 * 1024 * 1024 });

async function failureOf(path: string): Promise<{ cls: FailureClass; ms: number; message: string }> {
  const t0 = Date.now();
  try {
    await fetcher.fetch(`${origin}${path}`);
  } catch (error) {
    return { cls: classifyFailure(error), ms: Date.now() - t0, message: (error as Error).message };
  }
  assert.fail(`${path} was fetched without an error`);
}

for (const [path, expected, note] of [
  ['/silent', 'timeout', 'a server that accepts and never answers: the first-byte limit'],
  ['/drip', 'timeout', 'a byte at a time: the total limit'],
  ['/reset', 'network', 'a connection reset mid-body'],
  ['/truncated', 'network', 'a body shorter than its Content-Length'],
  ['/bad-gzip', 'decode_error', 'a gzip stream that is not one'],
  ['/gzip-bomb', 'too_large', 'a gzip bomb: refused as it inflates past the limit'],
  ['/huge', 'too_large', 'a 50 MB page without a Content-Length'],
  ['/loop-a', 'trap', 'a redirect loop'],
  ['/to-file', 'blocked', 'a redirect to file:'],
  ['/to-javascript', 'blocked', 'a redirect to javascript:'],
  ['/to-metadata', 'blocked', 'a redirect to a cloud metadata address'],
  ['/to-other-host', 'blocked', 'a redirect to another host'],
  ['/nowhere', 'http_4xx', 'a 404'],
] as const) {
  test(`${note} fails as ${expected}`, async () => {
    const { cls, ms, message } = await failureOf(path);
    assert.equal(cls, expected, message);
    // Every fault ends within the total limit (plus slack for a slow machine).
    assert.ok(ms < 3000, `${ms} ms`);
  });
}

test('a host name that resolves to a private address is refused before connecting', async () => {
  // The name looks public; its address (here the test server's, 127.0.0.1) is the machine's own.
  const looked: string[] = [];
  const guard = new PrivateNameGuard(async (host) => {
    looked.push(host);
    return host === 'files.example.gov.cn' ? ['203.0.113.7', '127.0.0.1'] : ['203.0.113.8'];
  });
  const guarded = new HttpFetcher({ userAgent: 'xxgk-test', timeoutMs: 1500, privateNames: guard });
  const port = new URL(origin).port;
  for (let i = 0; i < 2; i++) {
    await assert.rejects(guarded.fetch(`http://files.example.gov.cn:${port}/guarded`), (error: Error) => {
      assert.equal(classifyFailure(error), 'blocked');
      assert.match(error.message, /resolves to the private address 127\.0\.0\.1/);
      return true;
    });
  }
  assert.equal(guardedHits, 0, 'no request reached the server');
  assert.deepEqual(looked, ['files.example.gov.cn'], 'one lookup per name');
  // A literal address is the seed's own choice: fetched without a lookup.
  assert.equal((await guarded.fetch(`${origin}/guarded`)).status, 200);
  assert.equal(guardedHits, 1);
  assert.deepEqual(looked, ['files.example.gov.cn']);
});

test('a redirect within the portal is followed, and the final URL recorded', async () => {
  const page = await fetcher.fetch(`${origin}/moved`);
  assert.equal(page.status, 200);
  assert.equal(page.finalUrl, `${origin}/ok`);
  assert.match(page.body.toString('utf8'), /好/);
});

test('a 10 MB robots.txt is read to its first 500 KiB, and its rules still hold', async () => {
  const polite = new PoliteFetcher(new HttpFetcher({ userAgent: 'xxgk-test', timeoutMs: 5000 }), {
    userAgent: 'xxgk-test',
    defaultPolicy: { concurrency: 2, delayMs: 0 },
    retries: 0,
    backoffMs: 10,
    maxRetryAfterMs: 1000,
    respectRobots: true,
  });
  assert.equal(await polite.isAllowed(`${origin}/ok`), true);
  assert.equal(await polite.isAllowed(`${origin}/private/x`), false);
  // The server stops being read soon after 500 KiB: far from its 10 MB.
  await new Promise((r) => setTimeout(r, 100));
  assert.ok(robotsBytesSent < 5 * 1024 * 1024, `${robotsBytesSent} bytes sent`);
});
