/**
 * Checks the script-built simulated portals (sim/portals/{nanyang,zhumadian,luoyang,puyang}.ts):
 * their static HTML names no report, each list API answers its documented shape page by page,
 * publish() moves items on the API, and in Chromium the list script draws the list and pages on.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import iconv from 'iconv-lite';
import { chromium, type Browser } from 'playwright-core';
import { findChromium } from '../src/crawl/browser/find-chromium.js';
import { startSimulatedPortals } from '../sim/portals.js';
import type { SimulatedPortal, SimulatedPortals } from '../sim/types.js';

const SCRIPTED = ['nanyang', 'zhumadian', 'luoyang', 'puyang'];
const UA = 'xxgk-sim-test/1.0';

async function fetchRaw(url: string, init: RequestInit = {}) {
  const res = await fetch(url, { ...init, headers: { 'user-agent': UA, ...(init.headers as Record<string, string> | undefined) } });
  const bytes = Buffer.from(await res.arrayBuffer());
  return { status: res.status, type: res.headers.get('content-type') ?? '', etag: res.headers.get('etag'), bytes, text: bytes.toString('utf8') };
}

function portalOf(s: SimulatedPortals, id: string): SimulatedPortal {
  const p = s.portals.find((x) => x.seed.id === id);
  assert.ok(p, `portal ${id}`);
  return p;
}

/** Every listed URL of a portal: its expected reports and its decoys. */
function listedOf(s: SimulatedPortals, id: string): string[] {
  const p = portalOf(s, id);
  return [...s.expected.filter((e) => e.portal === id).map((e) => e.url), ...s.decoys.filter((d) => d.startsWith(`${p.origin}/`))];
}

interface Row {
  url: string;
  title: string;
  date: string;
}

interface ApiPage {
  total: number;
  rows: Row[];
}

/** One API page, as the portal's own script would ask for it. */
async function apiPage(s: SimulatedPortals, id: string, page: number): Promise<ApiPage> {
  const { origin } = portalOf(s, id);
  if (id === 'nanyang') {
    const res = await fetchRaw(`${origin}/common/search/docList`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=UTF-8', 'x-requested-with': 'XMLHttpRequest' },
      body: `channelId=5721&pageNo=${page}&pageSize=10`,
    });
    assert.equal(res.status, 200);
    assert.match(res.type, /^application\/json/);
    const j = JSON.parse(res.text) as { code: number; msg: string; data: { total: number; pageNo: number; pageSize: number; totalPage: number; records: { docId: number; docTitle: string; docPubUrl: string; docRelTime: string }[] } };
    assert.equal(j.code, 200);
    assert.equal(j.msg, 'success');
    assert.equal(j.data.pageNo, page);
    assert.equal(j.data.totalPage, Math.ceil(j.data.total / 10));
    for (const r of j.data.records) {
      assert.match(r.docPubUrl, /^\/zfxxgk\/gknb\/content\/\d{4}-\d{2}\/\d{2}\/\d+\.html$/);
      assert.match(r.docRelTime, /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
      assert.equal(typeof r.docId, 'number');
    }
    return { total: j.data.total, rows: j.data.records.map((r) => ({ url: `${origin}${r.docPubUrl}`, title: r.docTitle, date: r.docRelTime.slice(0, 10) })) };
  }
  if (id === 'zhumadian') {
    const callback = `jsonp_${Math.floor(Math.random() * 1e10)}`;
    const res = await fetchRaw(`${origin}/interface/getList.jsp?callback=${callback}&columnId=376&start=${(page - 1) * 10}&limit=10&_=${Date.now()}`);
    assert.equal(res.status, 200);
    assert.match(res.type, /^application\/javascript/);
    assert.ok(res.text.startsWith(`${callback}(`) && res.text.endsWith(')'), 'the callback is echoed');
    const j = JSON.parse(res.text.slice(callback.length + 1, -1)) as { totalCount: number; rows: { TITLE: string; LINK: string; PUBDATE: string }[] };
    for (const r of j.rows) {
      assert.match(r.LINK, /^\/xxgk\/ndbg\/\d{6}\/\d+\.html$/);
      assert.match(r.PUBDATE, /^\d{4}-\d{2}-\d{2}$/);
    }
    return { total: j.totalCount, rows: j.rows.map((r) => ({ url: `${origin}${r.LINK}`, title: r.TITLE, date: r.PUBDATE })) };
  }
  if (id === 'luoyang') {
    const res = await fetchRaw(`${origin}/module/web/list/fragment.jsp?colid=1193&pageIndex=${page}`);
    assert.equal(res.status, 200);
    assert.equal(res.type, 'text/html;charset=GBK');
    const text = iconv.decode(res.bytes, 'gbk');
    const info = /<li class="pageinfo" style="display:none" data-total="(\d+)" data-pages="(\d+)"><\/li>$/.exec(text);
    assert.ok(info, 'the hidden page-info row ends the fragment');
    assert.equal(Number(info[2]), Math.max(1, Math.ceil(Number(info[1]) / 10)));
    const rows = [...text.matchAll(/<li><a href="([^"]+)" target="_blank" title="([^"]+)">([^<]+)<\/a><span>(\d{4}-\d{2}-\d{2})<\/span><\/li>/g)];
    assert.equal(rows.length, text.split('<li>').length - 1, 'every item row has the documented form');
    for (const [, href, title, textShown] of rows) {
      assert.match(href!, /^\/art\/\d{4}\/\d{1,2}\/\d{1,2}\/art_1193_\d+\.html$/);
      const chars = [...title!];
      assert.equal(textShown, chars.length > 20 ? `${chars.slice(0, 20).join('')}…` : title);
    }
    return { total: Number(info[1]), rows: rows.map((m) => ({ url: `${origin}${m[1]}`, title: m[2]!, date: m[4]! })) };
  }
  const res = await fetchRaw(`${origin}/api/content/list?catId=88&page=${page}`);
  assert.equal(res.status, 200);
  const j = JSON.parse(res.text) as { total: number; list: { url: string; title: string; date: string }[] };
  return { total: j.total, rows: j.list.map((r) => ({ url: `${origin}${r.url}`, title: r.title, date: r.date })) };
}

/** All pages of a portal's API until one comes back empty. */
async function apiAll(s: SimulatedPortals, id: string): Promise<ApiPage[]> {
  const pages: ApiPage[] = [];
  for (let n = 1; n <= 10; n++) {
    const p = await apiPage(s, id, n);
    pages.push(p);
    if (p.rows.length === 0) break;
  }
  return pages;
}

/** `<script src>` values of a page, each marked whether it sits in an IE conditional comment. */
function scriptSrcs(html: string): { src: string; ie: boolean }[] {
  const ieBlocks = [...html.matchAll(/<!--\[if lt IE 9\]>([\s\S]*?)<!\[endif\]-->/g)].map((m) => m[1]!);
  const ieSrcs = new Set(ieBlocks.flatMap((b) => [...b.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map((m) => m[1]!)));
  return [...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map((m) => ({ src: m[1]!, ie: ieSrcs.has(m[1]!) }));
}

function offLoopback(html: string): string[] {
  return [...html.matchAll(/(?:href|src)="(https?:\/\/[^"]+)"/g)].map((m) => m[1]!).filter((u) => new URL(u).hostname !== '127.0.0.1');
}

/** Portals started before the suite's tests and closed after them. */
function portalsFor(options: Parameters<typeof startSimulatedPortals>[0]): () => SimulatedPortals {
  let sim: SimulatedPortals | undefined;
  before(async () => {
    sim = await startSimulatedPortals(options);
  });
  after(async () => {
    await sim?.close();
  });
  return () => sim!;
}

describe('scripted portals: static pages and APIs', () => {
  const started = portalsFor({ scripted: true });
  let sim: SimulatedPortals;
  before(() => {
    sim = started();
  });

  it('`scripted: true` adds the four after the default five; `only` starts any of them', async () => {
    assert.deepEqual(sim.seeds.map((s) => s.id), ['henan', 'luyi', 'xiangfu', 'yunnan', 'zhoukou', ...SCRIPTED]);
    const two = await startSimulatedPortals({ only: ['puyang', 'nanyang'] });
    try {
      assert.deepEqual(two.seeds.map((s) => s.id), ['nanyang', 'puyang']);
      assert.ok(two.expected.every((e) => e.portal === 'nanyang'));
    } finally {
      await two.close();
    }
    const counts = SCRIPTED.map((id) => [id, sim.expected.filter((e) => e.portal === id).length, listedOf(sim, id).length]);
    assert.deepEqual(counts, [['nanyang', 12, 23], ['zhumadian', 13, 26], ['luoyang', 10, 21], ['puyang', 0, 0]]);
    for (const id of SCRIPTED.slice(0, 3)) {
      const reports = sim.expected.filter((e) => e.portal === id);
      const city = reports.filter((e) => e.issuer.endsWith('市人民政府'));
      assert.deepEqual(city.map((e) => e.year).sort(), [2018, 2019, 2020, 2021, 2022, 2023, 2024], id);
      assert.ok(new Set(reports.map((e) => e.issuer)).size >= 3, `${id}: departments too`);
      for (const e of reports) assert.equal(e.region.code, portalOf(sim, id).seed.region);
    }
  });

  it('static HTML (home, column shell, every article) names no listed page and no host off loopback', async () => {
    for (const id of SCRIPTED) {
      const p = portalOf(sim, id);
      const listed = listedOf(sim, id);
      const paths = listed.map((u) => new URL(u).pathname);
      for (const url of [p.seed.home!, p.column, ...listed]) {
        const res = await fetchRaw(url);
        assert.equal(res.status, 200, url);
        assert.match(res.type, /^text\/html; charset=utf-8$/);
        for (const path of paths) {
          if (url.endsWith(path)) continue;
          assert.ok(!res.text.includes(path), `${url} names ${path}`);
        }
        assert.deepEqual(offLoopback(res.text), [], url);
        assert.ok(res.etag, `${url}: validators on static pages`);
      }
      assert.ok((await fetchRaw(p.seed.home!)).text.includes(`href="${new URL(p.column).pathname}"`), `${id}: the homepage links the column`);
    }
  });

  it('each column page loads about ten scripts, some in IE comments, two or three of the loaded ones 404', async () => {
    const gone: Record<string, string[]> = {};
    for (const id of SCRIPTED) {
      const p = portalOf(sim, id);
      const html = (await fetchRaw(p.column)).text;
      const srcs = scriptSrcs(html);
      assert.ok(srcs.length >= 10 && srcs.length <= 12, `${id}: ${srcs.length} scripts`);
      assert.ok(srcs.some((s) => s.ie), `${id}: IE polyfills in a conditional comment`);
      assert.ok(srcs.some((s) => /jquery[-.][\w.-]*js/.test(s.src)), `${id}: jQuery`);
      assert.ok(srcs.some((s) => s.src === '/tongji/ta.js'), `${id}: statistics tag`);
      assert.match(html, /<script type="text\/javascript">\n[^<]+<\/script>/, `${id}: inline scripts`);
      gone[id] = [];
      for (const s of srcs.filter((x) => !x.ie)) {
        assert.ok(s.src.startsWith('/'), s.src);
        const res = await fetchRaw(`${p.origin}${s.src}`);
        if (res.status === 404) gone[id]!.push(s.src.split('?')[0]!);
        else {
          assert.equal(res.status, 200);
          assert.equal(res.type, 'application/javascript');
          assert.ok(res.bytes.length < 6000, `${s.src}: a small stand-in`);
        }
      }
    }
    assert.deepEqual(gone, {
      nanyang: ['/js/jquery.SuperSlide.2.1.1.js', '/wza/aria.js'],
      zhumadian: ['/js/share/share.js', '/tongji/ta.js'],
      luoyang: ['/js/jquery.SuperSlide.2.1.1.js', '/js/share.js', '/wza/aria.js'],
      puyang: ['/js/fontsize.js', '/wza/aria.js'],
    });
  });

  it('nanyang: POST form → {code, msg, data:{total, pageNo, records}}, three pages; GET answers 405', async () => {
    const pages = await apiAll(sim, 'nanyang');
    assert.deepEqual(pages.map((p) => [p.total, p.rows.length]), [[23, 10], [23, 10], [23, 3], [23, 0]]);
    const rows = pages.flatMap((p) => p.rows);
    assert.deepEqual(rows.map((r) => r.url).sort(), listedOf(sim, 'nanyang').sort());
    const dates = rows.map((r) => r.date);
    assert.deepEqual(dates, [...dates].sort().reverse(), 'newest first');
    for (const e of sim.expected.filter((x) => x.portal === 'nanyang')) assert.equal(rows.find((r) => r.url === e.url)?.title, e.title);
    const { origin } = portalOf(sim, 'nanyang');
    const get = await fetchRaw(`${origin}/common/search/docList?channelId=5721&pageNo=1&pageSize=10`);
    assert.equal(get.status, 405);
    assert.equal(JSON.parse(get.text).code, 405);
    assert.equal(get.etag, null, 'dynamic: no validators');
    const post = (body: string) => fetchRaw(`${origin}/common/search/docList`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
    assert.equal(JSON.parse((await post('channelId=1&pageNo=1&pageSize=10')).text).data.total, 0);
    assert.deepEqual(JSON.parse((await post('pageNo=1')).text), { code: 500, msg: '参数channelId不能为空', data: null });
    assert.equal(JSON.parse((await post('channelId=5721&pageNo=1&pageSize=30')).text).data.records.length, 23, 'pageSize is honoured (up to 50)');
  });

  it('zhumadian: JSONP echoes any callback; the page goes in as an offset; bare JSON without a callback', async () => {
    const pages = await apiAll(sim, 'zhumadian');
    assert.deepEqual(pages.map((p) => [p.total, p.rows.length]), [[26, 10], [26, 10], [26, 6], [26, 0]]);
    const rows = pages.flatMap((p) => p.rows);
    assert.deepEqual(rows.map((r) => r.url).sort(), listedOf(sim, 'zhumadian').sort());
    const { origin } = portalOf(sim, 'zhumadian');
    const a = await fetchRaw(`${origin}/interface/getList.jsp?callback=jsonp_1&columnId=376&start=5&limit=10&_=1`);
    const b = await fetchRaw(`${origin}/interface/getList.jsp?callback=jsonp_2&columnId=376&start=5&limit=10&_=2`);
    assert.equal(a.text.slice('jsonp_1'.length), b.text.slice('jsonp_2'.length), 'same data whatever the callback and cache-buster');
    const bare = await fetchRaw(`${origin}/interface/getList.jsp?columnId=376&start=0&limit=10`);
    assert.match(bare.type, /^application\/json/);
    assert.deepEqual(JSON.parse(bare.text).rows.map((r: { LINK: string }) => `${origin}${r.LINK}`), pages[0]!.rows.map((r) => r.url));
    assert.equal((await fetchRaw(`${origin}/interface/getList.jsp?callback=alert(1)&columnId=376&start=0&limit=10`)).status, 400);
    assert.equal(JSON.parse((await fetchRaw(`${origin}/interface/getList.jsp?columnId=9&start=0&limit=10`)).text).totalCount, 0);
  });

  it('luoyang: the fragment is GBK bytes labelled GBK, rows cut at 20 characters with the full title in title=', async () => {
    const pages = await apiAll(sim, 'luoyang');
    assert.deepEqual(pages.map((p) => [p.total, p.rows.length]), [[21, 10], [21, 10], [21, 1], [21, 0]]);
    const rows = pages.flatMap((p) => p.rows);
    assert.deepEqual(rows.map((r) => r.url).sort(), listedOf(sim, 'luoyang').sort());
    for (const e of sim.expected.filter((x) => x.portal === 'luoyang')) assert.equal(rows.find((r) => r.url === e.url)?.title, e.title);
    const { origin } = portalOf(sim, 'luoyang');
    const raw = await fetchRaw(`${origin}/module/web/list/fragment.jsp?colid=1193&pageIndex=1`);
    assert.ok(raw.text.includes('\ufffd'), 'not UTF-8');
    assert.ok(raw.bytes.includes(iconv.encode('洛阳市人民政府', 'gbk')));
    assert.ok(iconv.decode(raw.bytes, 'gbk').includes('…</a>'), 'some titles are cut');
    const shell = await fetchRaw(portalOf(sim, 'luoyang').column);
    assert.ok(shell.text.includes("xhr.open('GET', '/module/web/list/fragment.jsp?colid=' + colid + '&pageIndex=' + n, true);"));
  });

  it('puyang: an empty column; the API answers {"total":0,"list":[]} for any page', async () => {
    const { origin, column } = portalOf(sim, 'puyang');
    for (const q of ['catId=88&page=1', 'catId=88&page=2', 'catId=1&page=1']) {
      const res = await fetchRaw(`${origin}/api/content/list?${q}`);
      assert.equal(res.status, 200);
      assert.equal(res.text, '{"total":0,"list":[]}');
    }
    const shell = await fetchRaw(column);
    assert.ok(shell.text.includes('<ul id="infoList" class="info-list" data-cat="88"></ul>'));
    assert.equal((await fetchRaw(column, { headers: { 'if-none-match': shell.etag! } })).status, 304);
    assert.equal((await fetchRaw(`${origin}/robots.txt`)).status, 404);
    assert.throws(() => sim.publish('puyang'), /does not change between runs/);
  });
});

describe('scripted portals: publish', () => {
  const started = portalsFor({ only: SCRIPTED });
  let sim: SimulatedPortals;
  before(() => {
    sim = started();
  });

  it('publish puts a department report first on API page 1; every item moves down one; the shell stays the same', async () => {
    for (const id of SCRIPTED.slice(0, 3)) {
      const p = portalOf(sim, id);
      const shell = await fetchRaw(p.column);
      const before = (await apiAll(sim, id)).flatMap((x) => x.rows);
      const e = sim.publish(id);
      assert.equal(e.portal, id);
      assert.equal(e.year, Number(e.published.slice(0, 4)) - 1);
      assert.ok(!e.issuer.endsWith('市人民政府'), 'a department');
      const afterPages = await apiAll(sim, id);
      assert.equal(afterPages[0]!.total, before.length + 1);
      const after = afterPages.flatMap((x) => x.rows);
      assert.deepEqual(after[0], { url: e.url, title: e.title, date: e.published });
      assert.deepEqual(after.slice(1), before, `${id}: the rest shifted by one`);
      assert.equal(afterPages[1]!.rows[0]!.url, before[9]!.url, `${id}: page 1's last item now opens page 2`);
      const page = await fetchRaw(e.url);
      assert.equal(page.status, 200);
      assert.ok(page.text.includes(`<h1 class="detail-title">${e.title}</h1>`));
      const again = await fetchRaw(p.column, { headers: { 'if-none-match': shell.etag! } });
      assert.equal(again.status, 304, `${id}: the column shell has not changed`);
      const revised = sim.revise(e.url);
      assert.equal((await fetchRaw(e.url)).text.includes(revised.body!.split('\n').find((l, i) => l !== e.body!.split('\n')[i]) ?? ''), true);
    }
  });
});

const chromiumPath = findChromium();

/** The pager control that loads the next page, as each portal draws it. */
const NEXT: Record<string, string> = {
  nanyang: '#docPager a.next',
  zhumadian: '#pageBar a.laypage-next',
  luoyang: '#pager a:has-text("下一页")',
};
const LIST: Record<string, string> = { nanyang: '#docList li a', zhumadian: '#newsList li a', luoyang: '#list li a', puyang: '#infoList li' };

describe('scripted portals in Chromium', { skip: chromiumPath ? false : 'no Chromium found' }, () => {
  const started = portalsFor({ only: SCRIPTED });
  let sim: SimulatedPortals;
  let browser: Browser;
  before(async () => {
    sim = started();
    browser = await chromium.launch({ executablePath: chromiumPath!, args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  });
  after(async () => {
    await browser?.close();
  });

  for (const id of SCRIPTED.slice(0, 3)) {
    it(`${id}: the list script draws page 1, and page 2 after a click on 下一页; nothing leaves loopback`, async () => {
      const p = portalOf(sim, id);
      const api = [await apiPage(sim, id, 1), await apiPage(sim, id, 2)];
      sim.resetStats();
      const tab = await browser.newPage({ userAgent: UA });
      try {
        const errors: string[] = [];
        const requested: string[] = [];
        const missing: string[] = [];
        tab.on('pageerror', (e) => errors.push(e.message));
        tab.on('request', (r) => requested.push(r.url()));
        tab.on('response', (r) => {
          if (r.status() === 404) missing.push(new URL(r.url()).pathname);
        });
        await tab.goto(p.column);
        await tab.waitForSelector(LIST[id]!);
        const drawn = () => tab.$$eval(LIST[id]!, (as) => as.map((a) => ({ url: (a as HTMLAnchorElement).href, title: a.getAttribute('title') })));
        const page1 = await drawn();
        assert.deepEqual(page1, api[0]!.rows.map((r) => ({ url: r.url, title: r.title })));
        const reportsOnPage1 = sim.expected.filter((e) => e.portal === id && page1.some((d) => d.url === e.url));
        assert.ok(reportsOnPage1.length >= 3, `${id}: reports on page 1`);
        for (const e of reportsOnPage1) assert.equal(page1.find((d) => d.url === e.url)!.title, e.title);

        await tab.click(NEXT[id]!);
        await tab.waitForFunction(([sel, first]) => (document.querySelector(sel!) as HTMLAnchorElement | null)?.href !== first, [LIST[id]!, page1[0]!.url] as const);
        assert.deepEqual(await drawn(), api[1]!.rows.map((r) => ({ url: r.url, title: r.title })));

        assert.deepEqual(errors, []);
        assert.deepEqual(requested.filter((u) => !u.startsWith(`${p.origin}/`)), [], 'every request stays on the portal');
        assert.ok(missing.length >= 2 && missing.length <= 3, `${id}: ${missing.join(', ')} answer 404`);
        assert.ok(!missing.some((m) => /html5shiv|respond/.test(m)), 'IE-only scripts are never requested');

        const calls = sim.requestLog.filter((r) => /^\/(common\/search\/docList|interface\/getList\.jsp|module\/web\/list\/fragment\.jsp)/.test(r.path));
        assert.equal(calls.length, 2, `${id}: one API call per page`);
        if (id === 'nanyang') assert.deepEqual(calls.map((c) => c.method), ['POST', 'POST']);
        if (id === 'zhumadian') {
          const q = calls.map((c) => new URL(c.path, p.origin).searchParams);
          assert.deepEqual(q.map((s) => [s.get('columnId'), s.get('start'), s.get('limit')]), [['376', '0', '10'], ['376', '10', '10']]);
          assert.ok(q.every((s) => /^jsonp_\d+$/.test(s.get('callback')!) && /^\d{13}$/.test(s.get('_')!)));
          assert.notEqual(q[0]!.get('callback'), q[1]!.get('callback'));
        }
        if (id === 'luoyang') assert.deepEqual(calls.map((c) => c.path), ['/module/web/list/fragment.jsp?colid=1193&pageIndex=1', '/module/web/list/fragment.jsp?colid=1193&pageIndex=2']);
      } finally {
        await tab.close();
      }
    });
  }

  it('nanyang: 下一页 on the last page only toasts; zhumadian and luoyang turn it into a span', async () => {
    const tab = await browser.newPage({ userAgent: UA });
    try {
      await tab.goto(portalOf(sim, 'nanyang').column);
      await tab.waitForSelector(LIST.nanyang!);
      for (let i = 0; i < 2; i++) {
        const first = await tab.getAttribute(LIST.nanyang!, 'href');
        await tab.click(NEXT.nanyang!);
        await tab.waitForFunction(([sel, f]) => document.querySelector(sel!)?.getAttribute('href') !== f, [LIST.nanyang!, first] as const);
      }
      const last = await tab.$$eval(LIST.nanyang!, (as) => as.length);
      assert.equal(last, 3);
      await tab.click(NEXT.nanyang!);
      await tab.waitForSelector('.layui-layer-msg');
      assert.equal(await tab.textContent('.layui-layer-msg'), '已经是最后一页了');
      assert.equal(await tab.$$eval(LIST.nanyang!, (as) => as.length), 3);

      await tab.goto(portalOf(sim, 'zhumadian').column);
      await tab.waitForSelector(LIST.zhumadian!);
      await tab.click('#pageBar a[data-page="3"]');
      await tab.waitForSelector('#pageBar span.laypage-next.laypage-disabled');
      assert.equal(await tab.$$eval(LIST.zhumadian!, (as) => as.length), 6);

      await tab.goto(portalOf(sim, 'luoyang').column);
      await tab.waitForSelector(LIST.luoyang!);
      await tab.click('#pager a:has-text("尾页")');
      await tab.waitForFunction(() => document.querySelectorAll('#list li a').length === 1);
      assert.equal(await tab.$$eval('#pager a', (as) => as.map((a) => a.textContent)).then((t) => t.join(',')), '首页,上一页');
    } finally {
      await tab.close();
    }
  });

  it('puyang: the script writes 暂无信息 and no link', async () => {
    const p = portalOf(sim, 'puyang');
    const tab = await browser.newPage({ userAgent: UA });
    try {
      const errors: string[] = [];
      tab.on('pageerror', (e) => errors.push(e.message));
      await tab.goto(p.column);
      await tab.waitForSelector('#infoList li.no-data');
      assert.equal(await tab.textContent('#infoList'), '暂无信息');
      assert.equal(await tab.$$eval('#infoList a, #pageBar a', (as) => as.length), 0);
      assert.deepEqual(errors, []);
    } finally {
      await tab.close();
    }
  });
});
