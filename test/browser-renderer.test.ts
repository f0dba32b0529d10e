/**
 * The browser renderer against scripted listings served from loopback: a list drawn from a JSON API
 * with a javascript: pager, a layui pager, and a document.write pager with real hrefs.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type ElementHandle } from 'playwright-core';
import { FetchError, XxgkError } from '../src/errors.js';
import { findChromium } from '../src/crawl/browser/find-chromium.js';
import { launchBrowserRenderer, type BrowserRenderer, type RenderedListingPage } from '../src/crawl/browser/browser-renderer.js';
import { PrivateNameGuard } from '../src/crawl/address-scope.js';
import { ChromiumNotFoundError, RenderError } from '../src/crawl/browser/render-errors.js';
import { FIND_NEXT_CONTROL_SCRIPT } from '../src/crawl/browser/next-control.js';

const UA = 'xxgk-archive-test/1.0';
const PAGES = 3;
const PER_PAGE = 5;

const item = (page: number, i: number) => ({ title: `2023年度报告 ${page}-${i}`, url: `/detail/${page}-${i}.html` });
const itemsOf = (page: number) => Array.from({ length: PER_PAGE }, (_, i) => item(page, i + 1));
const ALL_URLS = Array.from({ length: PAGES }, (_, p) => itemsOf(p + 1).map((x) => x.url)).flat();

/** Styles and images on every page, so blocking them is observable on the server. */
const HEAD = `<meta charset="utf-8"><link rel="icon" href="data:,"><link rel="stylesheet" href="/assets/site.css">`;
const LOGO = `<img src="/assets/logo.png" alt="">`;

const VUE_PAGE = `<!doctype html><html><head>${HEAD}<title>年报</title></head><body>${LOGO}
<ul id="list"></ul><div class="pager"><a id="next" href="javascript:void(0)">下一页</a></div>
<script>
var page = 1;
function load() {
  fetch('/api/list?page=' + page).then(function (r) { return r.json(); }).then(function (data) {
    document.getElementById('list').innerHTML = data.items.map(function (i) {
      return '<li><a href="' + i.url + '">' + i.title + '</a></li>';
    }).join('');
    document.getElementById('next').className = data.page >= data.pages ? 'disabled' : '';
  });
}
document.getElementById('next').addEventListener('click', function () {
  if (this.className.indexOf('disabled') >= 0) return;
  page++;
  load();
});
load();
</script></body></html>`;

/** layui laypage: the pager is rebuilt on every page; the list is drawn in a timer after the XHR. */
const LAYUI_PAGE = `<!doctype html><html><head>${HEAD}</head><body>${LOGO}
<ul id="list"></ul><div id="laypage" class="layui-laypage"></div>
<script>
function pager(curr, pages) {
  var html = '<a href="javascript:;" class="layui-laypage-prev' + (curr <= 1 ? ' layui-disabled' : '') + '" data-page="' + (curr - 1) + '">上一页</a>';
  for (var p = 1; p <= pages; p++) {
    html += p === curr ? '<span class="layui-laypage-curr"><em>' + p + '</em></span>' : '<a href="javascript:;" data-page="' + p + '">' + p + '</a>';
  }
  html += '<a href="javascript:;" class="layui-laypage-next' + (curr >= pages ? ' layui-disabled' : '') + '" data-page="' + (curr + 1) + '">下一页</a>';
  html += '<span class="layui-laypage-count">共 ' + pages * 5 + ' 条</span>';
  document.getElementById('laypage').innerHTML = html;
}
function load(p) {
  var xhr = new XMLHttpRequest();
  xhr.open('GET', '/api/layui?page=' + p);
  xhr.onload = function () {
    var data = JSON.parse(xhr.responseText);
    setTimeout(function () {
      document.getElementById('list').innerHTML = data.items.map(function (i) {
        return '<li><a href="' + i.url + '" target="_blank">' + i.title + '</a><span>2024-01-0' + p + '</span></li>';
      }).join('');
      pager(data.page, data.pages);
    }, 200);
  };
  xhr.send();
}
document.getElementById('laypage').addEventListener('click', function (e) {
  var a = e.target.closest('a[data-page]');
  if (!a || a.className.indexOf('layui-disabled') >= 0) return;
  load(Number(a.getAttribute('data-page')));
});
load(1);
</script></body></html>`;

/** Hanweb/TRS style: static items, pager written by document.write; the last 下一页 points at itself. */
function staticPage(n: number): string {
  const items = itemsOf(n).map((i) => `<li><a href="${i.url}">${i.title}</a></li>`).join('');
  return `<!doctype html><html><head>${HEAD}</head><body>${LOGO}<ul>${items}</ul><div class="page">
<script>var current = ${n}, count = ${PAGES};
document.write('<a href="list_1.html">首页</a>');
document.write('<a href="list_' + (current < count ? current + 1 : count) + '.html">下一页</a>');
</script></div></body></html>`;
}

/** A pager whose button redraws the same links: nothing new will ever come. */
const STUCK_PAGE = `<!doctype html><html><head>${HEAD}</head><body><ul id="list"></ul>
<button type="button" class="btn-next" id="next">下一页</button>
<script>
function draw() { document.getElementById('list').innerHTML = '<li><a href="/detail/1-1.html">only</a></li>'; }
document.getElementById('next').addEventListener('click', draw);
draw();
</script></body></html>`;

/** A listing whose script, once the links are drawn, spins forever: no evaluate ever returns. */
const LOOP_PAGE = `<!doctype html><html><head>${HEAD}</head><body><ul><li><a href="/detail/1-1.html">2023年度报告</a></li></ul>
<script>setTimeout(function () { for (;;) {} }, 50);</script></body></html>`;

/** A listing whose script sends the tab to another site and a private address, and opens pop-ups. */
const AWAY_PAGE = `<!doctype html><html><head>${HEAD}</head><body><ul><li><a href="/detail/1-1.html">2023年度报告</a></li></ul>
<script>window.open('/detail/1-2.html'); fetch('http://169.254.169.254/latest/meta-data/').catch(function () {});
setTimeout(function () { location.href = 'http://casino.example.invalid/'; }, 10);</script></body></html>`;

/** A listing whose script asks a host name that looks public but resolves to a private address. */
const INTRANET_NAME = 'files.example.gov.cn';
const intranetPage = (port: string) => `<!doctype html><html><head>${HEAD}</head><body><ul><li><a href="/detail/1-1.html">2023年度报告</a></li></ul>
<script>fetch('http://${INTRANET_NAME}:${port}/secret?by=fetch').catch(function () {});
new Image().src = 'http://${INTRANET_NAME}:${port}/secret?by=img';</script></body></html>`;

let server: Server;
let base: string;
let renderer: BrowserRenderer | undefined;
/** Every request the server saw, as path + query, with the user agent it came with. */
const log: { path: string; ua: string | undefined }[] = [];

function apiPage(search: URLSearchParams) {
  const page = Math.min(Math.max(Number(search.get('page') ?? '1'), 1), PAGES);
  return JSON.stringify({ page, pages: PAGES, items: itemsOf(page) });
}

function startServer(): Promise<void> {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    log.push({ path: url.pathname + url.search, ua: req.headers['user-agent'] });
    const send = (type: string, body: string | Buffer, delayMs = 0) =>
      setTimeout(() => res.writeHead(200, { 'content-type': type }).end(body), delayMs);
    const html = (body: string) => send('text/html; charset=utf-8', body);
    const staticMatch = /^\/static\/list_(\d)\.html$/.exec(url.pathname);
    if (url.pathname === '/vue/index.html') return html(VUE_PAGE);
    if (url.pathname === '/layui/index.html') return html(LAYUI_PAGE);
    if (url.pathname === '/stuck/index.html') return html(STUCK_PAGE);
    if (url.pathname === '/loop/index.html') return html(LOOP_PAGE);
    if (url.pathname === '/away/index.html') return html(AWAY_PAGE);
    if (url.pathname === '/intranet/index.html') return html(intranetPage(new URL(base).port));
    if (url.pathname === '/secret') return send('text/plain', 'internal');
    if (staticMatch) return html(staticPage(Number(staticMatch[1])));
    // The API answers slowly, so a renderer that does not wait for the network sees an empty list.
    if (url.pathname.startsWith('/api/')) return send('application/json', apiPage(url.searchParams), 150);
    if (url.pathname === '/assets/site.css') return send('text/css', 'body { color: #333 }');
    if (url.pathname === '/assets/logo.png') return send('image/png', Buffer.alloc(16));
    res.writeHead(404).end();
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      resolve();
    }),
  );
}

/** Report links in document order, as a listing parser would read them. */
function detailLinks(html: string): string[] {
  return [...html.matchAll(/href="(\/detail\/\d+-\d+\.html)"/g)].map((m) => m[1]!);
}

async function collect(url: string, options: { maxPages?: number; stopAfter?: number } = {}) {
  const pages: RenderedListingPage[] = [];
  const from = log.length;
  const started = Date.now();
  const result = await renderer!.renderListing(url, {
    maxPages: options.maxPages ?? 10,
    onPage: (page) => {
      pages.push(page);
      return options.stopAfter === undefined || pages.length < options.stopAfter;
    },
  });
  return { pages, result, served: log.slice(from), ms: Date.now() - started };
}

before(async () => {
  await startServer();
  const executablePath = findChromium();
  if (!executablePath) return;
  const started = Date.now();
  renderer = await launchBrowserRenderer({ executablePath, userAgent: UA, timeoutMs: 10_000 });
  console.log(`# chromium launch: ${Date.now() - started} ms (${executablePath})`);
});

after(async () => {
  await renderer?.close();
  await new Promise((resolve) => server.close(resolve));
});

test('findChromium: explicit path, then the first candidate that exists', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'xxgk-chromium-'));
  try {
    const fake = join(dir, 'chrome');
    await writeFile(fake, '');
    assert.equal(findChromium({}, []), undefined);
    assert.equal(findChromium({}, [join(dir, 'missing'), fake]), fake);
    assert.equal(findChromium({ XXGK_CHROMIUM: fake }, []), fake);
    // A wrong explicit path must not silently fall back to some other browser.
    assert.equal(findChromium({ XXGK_CHROMIUM: join(dir, 'nowhere') }, [fake]), undefined);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a missing Chromium is a typed render error that says what to install', async () => {
  await assert.rejects(
    launchBrowserRenderer({ executablePath: '/nonexistent/chromium', userAgent: UA, timeoutMs: 1000 }),
    (error: unknown) => {
      assert.ok(error instanceof ChromiumNotFoundError);
      assert.ok(error instanceof RenderError);
      assert.ok(error instanceof XxgkError);
      assert.equal(error.stage, 'render');
      assert.equal(error.retryable, false);
      assert.match(error.message, /\/nonexistent\/chromium/);
      assert.match(error.message, /apt-get install chromium/);
      assert.match(error.message, /npx playwright install chromium/);
      assert.match(error.message, /XXGK_CHROMIUM/);
      return true;
    },
  );
});

test('API-fed list with a javascript: pager: all 15 links in order, resources blocked', async (t) => {
  if (!renderer) return t.skip('no chromium');
  const { pages, result, served, ms } = await collect(`${base}/vue/index.html`);
  t.diagnostic(`3 pages in ${ms} ms`);
  assert.deepEqual(pages.map((p) => p.pageNumber), [1, 2, 3]);
  assert.deepEqual(pages.flatMap((p) => detailLinks(p.html)), ALL_URLS);
  assert.ok(pages.every((p) => p.url === `${base}/vue/index.html`));
  assert.deepEqual(served.filter((r) => r.path.startsWith('/api/')).map((r) => r.path), [
    '/api/list?page=1',
    '/api/list?page=2',
    '/api/list?page=3',
  ]);
  assert.equal(served.filter((r) => r.path.startsWith('/assets/')).length, 0);
  assert.ok(served.every((r) => r.ua === UA));
  // The count reported is what the server actually received.
  assert.equal(result.requests, served.length);
  assert.equal(result.pages, 3);
});

test('onPage returning false stops after page 1 and the API is asked once', async (t) => {
  if (!renderer) return t.skip('no chromium');
  const { pages, result, served } = await collect(`${base}/vue/index.html`, { stopAfter: 1 });
  assert.equal(pages.length, 1);
  assert.equal(result.pages, 1);
  assert.deepEqual(detailLinks(pages[0]!.html), ALL_URLS.slice(0, 5));
  assert.equal(served.filter((r) => r.path.startsWith('/api/')).length, 1);
});

test('HTTP errors are FetchErrors; errors thrown by onPage come back unchanged', async (t) => {
  if (!renderer) return t.skip('no chromium');
  await assert.rejects(
    renderer.renderListing(`${base}/missing.html`, { maxPages: 3, onPage: () => true }),
    (error: unknown) => error instanceof FetchError && error.status === 404 && !error.retryable,
  );
  const mine = new Error('stop here');
  await assert.rejects(
    renderer.renderListing(`${base}/static/list_1.html`, {
      maxPages: 3,
      onPage: () => {
        throw mine;
      },
    }),
    (error: unknown) => error === mine,
  );
});

test('maxPages bounds the walk', async (t) => {
  if (!renderer) return t.skip('no chromium');
  const { pages, served } = await collect(`${base}/vue/index.html`, { maxPages: 2 });
  assert.deepEqual(pages.flatMap((p) => detailLinks(p.html)), ALL_URLS.slice(0, 10));
  assert.equal(served.filter((r) => r.path.startsWith('/api/')).length, 2);
});

test('layui pager: follows layui-laypage-next until it is layui-disabled', async (t) => {
  if (!renderer) return t.skip('no chromium');
  const { pages, served, ms } = await collect(`${base}/layui/index.html`);
  t.diagnostic(`3 pages in ${ms} ms`);
  assert.deepEqual(pages.flatMap((p) => detailLinks(p.html)), ALL_URLS);
  assert.deepEqual(served.filter((r) => r.path.startsWith('/api/')).map((r) => r.path), [
    '/api/layui?page=1',
    '/api/layui?page=2',
    '/api/layui?page=3',
  ]);
});

test('document.write pager with real hrefs: navigates, and a self-link on the last page ends it', async (t) => {
  if (!renderer) return t.skip('no chromium');
  const { pages, served, ms } = await collect(`${base}/static/list_1.html`);
  t.diagnostic(`3 pages in ${ms} ms`);
  assert.deepEqual(pages.map((p) => p.url), [1, 2, 3].map((n) => `${base}/static/list_${n}.html`));
  assert.deepEqual(pages.flatMap((p) => detailLinks(p.html)), ALL_URLS);
  assert.deepEqual(served.map((r) => r.path), ['/static/list_1.html', '/static/list_2.html', '/static/list_3.html']);
});

test('without blocking, stylesheets and images are fetched (the blocking test can see them)', async (t) => {
  const executablePath = findChromium();
  if (!executablePath) return t.skip('no chromium');
  const unblocked = await launchBrowserRenderer({ executablePath, userAgent: UA, timeoutMs: 10_000, blockResources: false });
  try {
    const from = log.length;
    const result = await unblocked.renderListing(`${base}/static/list_1.html`, { maxPages: 1, onPage: () => true });
    const served = log.slice(from).map((r) => r.path);
    assert.ok(served.includes('/assets/site.css'));
    assert.ok(served.includes('/assets/logo.png'));
    assert.equal(result.requests, served.length);
  } finally {
    await unblocked.close();
  }
});

test('a pager that redraws the same links stops instead of repeating the page', async (t) => {
  const executablePath = findChromium();
  if (!executablePath) return t.skip('no chromium');
  const quick = await launchBrowserRenderer({ executablePath, userAgent: UA, timeoutMs: 1500 });
  try {
    const pages: number[] = [];
    const result = await quick.renderListing(`${base}/stuck/index.html`, {
      maxPages: 5,
      onPage: (p) => {
        pages.push(p.pageNumber);
        return true;
      },
    });
    assert.deepEqual(pages, [1]);
    assert.equal(result.pages, 1);
  } finally {
    await quick.close();
  }
});

test('a script that loops forever: the listing ends as a timeout within its limit, and the browser renders the next one', async (t) => {
  const executablePath = findChromium();
  if (!executablePath) return t.skip('no chromium');
  const quick = await launchBrowserRenderer({ executablePath, userAgent: UA, timeoutMs: 1500, pageTimeoutMs: 4000 });
  try {
    const started = Date.now();
    const failed = await quick.renderListing(`${base}/loop/index.html`, { maxPages: 5, onPage: () => true }).then(
      () => undefined,
      (error: unknown) => error,
    );
    assert.ok(failed instanceof RenderError && failed.timedOut && failed.failureClass === 'timeout', String(failed));
    assert.ok(Date.now() - started < 20_000, `${Date.now() - started} ms`);
    const next = await quick.renderListing(`${base}/static/list_1.html`, { maxPages: 1, onPage: () => true });
    assert.equal(next.pages, 1);
  } finally {
    await quick.close();
  }
});

test('a listing that sends its tab to another site, asks a private address and opens pop-ups stays on its page', async (t) => {
  const executablePath = findChromium();
  if (!executablePath) return t.skip('no chromium');
  const from = log.length;
  const pages: RenderedListingPage[] = [];
  await renderer!.renderListing(`${base}/away/index.html`, { maxPages: 1, onPage: (p) => (pages.push(p), true) });
  assert.equal(pages.length, 1);
  assert.equal(pages[0]!.url, `${base}/away/index.html`);
  assert.deepEqual(detailLinks(pages[0]!.html), ['/detail/1-1.html']);
  // The pop-up was closed: whatever it fetched, the listing's tab is the one read.
  assert.ok(log.slice(from).some((l) => l.path === '/away/index.html'));
});

test('a page\'s requests to a host name that resolves to a private address are refused', async (t) => {
  const executablePath = findChromium();
  if (!executablePath) return t.skip('no chromium');
  // Chromium resolves the name to the test server itself (no DNS query leaves the machine); the
  // guard is told the same answer.
  const resolverRules = [`--host-resolver-rules=MAP ${INTRANET_NAME} 127.0.0.1`];
  const secrets = async (privateNames?: PrivateNameGuard) => {
    const own = await launchBrowserRenderer({ executablePath, userAgent: UA, timeoutMs: 5000, blockResources: false, extraArgs: resolverRules, ...(privateNames ? { privateNames } : {}) });
    try {
      const from = log.length;
      const pages: RenderedListingPage[] = [];
      await own.renderListing(`${base}/intranet/index.html`, { maxPages: 1, onPage: (p) => (pages.push(p), true) });
      assert.deepEqual(detailLinks(pages[0]!.html), ['/detail/1-1.html']);
      return log.slice(from).filter((l) => l.path.startsWith('/secret')).length;
    } finally {
      await own.close();
    }
  };
  // Without the guard the page reaches it (the name is another site's, and other sites' scripts
  // and images may load): the test can see a refusal.
  assert.equal(await secrets(), 2);
  assert.equal(await secrets(new PrivateNameGuard(async (host) => (host === INTRANET_NAME ? ['127.0.0.1'] : ['203.0.113.9']))), 0);
});

test('next-control finder: wordings, disabled states and look-alikes', async (t) => {
  const executablePath = findChromium();
  if (!executablePath) return t.skip('no chromium');
  const browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage();
    const found = async (body: string) => {
      await page.setContent(`<body>${body}</body>`);
      const handle = (await page.evaluateHandle(FIND_NEXT_CONTROL_SCRIPT)).asElement() as ElementHandle<HTMLElement> | null;
      return handle ? String(await handle.evaluate((el) => el.id)) : null;
    };
    assert.equal(await found('<a id="n" href="?p=2"> 下一页 </a>'), 'n');
    assert.equal(await found('<a id="n" href="?p=2">»</a>'), 'n');
    assert.equal(await found('<a id="n" href="p3.html" title="下一页"><img src="next.gif"></a>'), 'n');
    assert.equal(await found('<a id="n" href="#"><span>后一页</span></a>'), 'n');
    assert.equal(await found('<span id="n" onclick="go(2)">下页</span>'), 'n');
    // Bootstrap: the wrapper carries the disabled state.
    assert.equal(await found('<ul><li class="page-item disabled"><a id="n" class="page-link" href="#">›</a></li></ul>'), null);
    assert.equal(await found('<ul><li class="next"><a id="n" href="?p=2">下一页</a></li></ul>'), 'n');
    assert.equal(await found('<button id="n" class="btn-next" disabled><i class="icon"></i></button>'), null);
    assert.equal(await found('<button id="n" class="btn-next"><i class="icon"></i></button>'), 'n');
    assert.equal(await found('<a id="n" href="javascript:;" aria-disabled="true">下一页</a>'), null);
    // "Next article" on a detail page is not a pager.
    assert.equal(await found('<a id="n" class="next" href="/a/2.html">下一篇：2022年度报告</a>'), null);
    // A visible text match wins over a hidden duplicate and over a class-only match.
    assert.equal(
      await found('<a id="h" style="display:none" href="?p=2">下一页</a><a id="c" class="next-year" href="?y=2024">2024</a><a id="n" href="?p=2">下一页</a>'),
      'n',
    );
  } finally {
    await browser.close();
  }
});
