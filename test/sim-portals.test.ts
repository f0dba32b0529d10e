/** Checks the simulated portals themselves (sim/), not the crawler. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import iconv from 'iconv-lite';
import { SEED_NAMES, readSeed } from '../sim/fixtures/seed-text.js';
import { seedReportBody, startSimulatedPortals } from '../sim/portals.js';
import type { SimulatedPortals } from '../sim/types.js';

let sim: SimulatedPortals;

async function get(url: string, init?: RequestInit): Promise<{ status: number; type: string; bytes: Buffer }> {
  const res = await fetch(url, init);
  return { status: res.status, type: res.headers.get('content-type') ?? '', bytes: Buffer.from(await res.arrayBuffer()) };
}

function portal(id: string) {
  const p = sim.portals.find((x) => x.seed.id === id);
  assert.ok(p, `portal ${id}`);
  return p;
}

describe('simulated portals', () => {
  before(async () => {
    sim = await startSimulatedPortals();
  });
  after(async () => {
    await sim.close();
  });

  it('runs one server per portal on 127.0.0.1', () => {
    assert.equal(sim.portals.length, 4);
    const origins = new Set(sim.portals.map((p) => p.origin));
    assert.equal(origins.size, 4);
    for (const p of sim.portals) {
      assert.match(p.origin, /^http:\/\/127\.0\.0\.1:\d+$/);
      assert.ok(p.seed.start.every((u) => u.startsWith(p.origin)));
    }
    assert.deepEqual(sim.seeds.map((s) => s.id), ['henan', 'luyi', 'xiangfu', 'yunnan']);
  });

  it('serves every expected report and every decoy with status 200, and logs requests', async () => {
    const before = sim.requestLog.length;
    const urls = [...sim.expected.map((e) => e.url), ...sim.decoys];
    for (const url of urls) assert.equal((await get(url)).status, 200, url);
    assert.equal(sim.requestLog.length - before, urls.length);
    assert.ok(sim.requestLog.every((r) => typeof r.at === 'number' && r.path.startsWith('/')));
    assert.ok(sim.expected.length >= 14);
    assert.ok(sim.decoys.length >= 30);
  });

  it('serves every image a report lists, as image bytes', async () => {
    for (const e of sim.expected.filter((x) => x.images.length > 0)) {
      const html = (await get(e.url)).bytes.toString('utf8');
      const srcs = [...html.matchAll(/<img src="([^"]+)"/g)].map((m) => new URL(m[1]!, e.url));
      for (const name of e.images) {
        const src = srcs.find((u) => decodeURIComponent(u.pathname).endsWith(`/${name}`));
        assert.ok(src, `${e.title}: <img> for ${name}`);
        const img = await get(src.href);
        assert.equal(img.status, 200);
        assert.match(img.type, /^image\/(png|jpeg)$/);
        assert.ok(img.bytes[0] === 0x89 || (img.bytes[0] === 0xff && img.bytes[1] === 0xd8), name);
      }
    }
  });

  it('henan: column page 0 has only the createPageHTML pager, no static link to index_1.html', async () => {
    const page0 = await get(portal('henan').seed.start[0]!);
    assert.equal(page0.type, 'text/html; charset=utf-8');
    const html = page0.bytes.toString('utf8');
    assert.match(html, /createPageHTML\(3, 0, "index", "html"\)/);
    assert.doesNotMatch(html, /index_1\.html/);
    assert.match(html, /<li><a href="\.\/\d{6}\/t\d{8}_\d+\.html" title="[^"]+"/);
    const page2 = await get(new URL('index_2.html', portal('henan').seed.start[0]!).href);
    assert.equal(page2.status, 200);
    assert.match(page2.bytes.toString('utf8'), /createPageHTML\(3, 2, "index", "html"\)/);
  });

  it('luyi: GBK bytes, HTTP Content-Type without charset, gb2312 only in <meta>', async () => {
    const start = await get(portal('luyi').seed.start[0]!);
    assert.equal(start.type, 'text/html');
    assert.ok(!start.bytes.toString('utf8').includes('鹿邑县'), 'not UTF-8');
    const text = iconv.decode(start.bytes, 'gbk');
    assert.ok(text.includes('鹿邑县'));
    assert.match(text, /<meta http-equiv="Content-Type" content="text\/html; charset=gb2312">/);
    assert.match(text, /下一页/);
    const report = sim.expected.find((e) => e.seed === 'luyi-county-2019')!;
    const body = iconv.decode((await get(report.url)).bytes, 'gbk');
    assert.ok(body.includes('<p>规章\t0\t0\t0</p>'), 'table rows keep literal tabs');
  });

  it('luyi: one report is served with a charset=utf-8 header over GBK bytes', async () => {
    const e = sim.expected.find((x) => x.title === '鹿邑县2017年政府信息公开工作年度报告')!;
    const page = await get(e.url);
    assert.equal(page.type, 'text/html; charset=utf-8');
    assert.ok(iconv.decode(page.bytes, 'gbk').includes('鹿邑县2017年政府信息公开工作年度报告'));
    assert.ok(page.bytes.toString('utf8').includes('\ufffd'));
  });

  it('xiangfu: characters outside GB2312 arrive as GB18030 bytes under a gb2312 label', async () => {
    const e = sim.expected.find((x) => x.gb18030Only?.length)!;
    assert.deepEqual(e.gb18030Only, ['堃', '镕', '𫖯']);
    const page = await get(e.url);
    assert.match(page.type, /gb2312/i);
    assert.ok(page.bytes.includes(Buffer.from([0x88, 0xd2])), '堃 as GBK/GB18030 two bytes');
    assert.ok(page.bytes.includes(Buffer.from([0x98, 0x38, 0xf5, 0x37])), '𫖯 as GB18030 four bytes');
    const text = iconv.decode(page.bytes, 'gb18030');
    assert.ok(text.includes('王堃') && text.includes('赵𫖯'));
    assert.match(text, /<meta charset="gb2312">/);
  });

  it('xiangfu: column page holds 15 records; dataproxy.jsp answers the rest (GET and POST)', async () => {
    const x = portal('xiangfu');
    const col = iconv.decode((await get(x.seed.start[0]!)).bytes, 'gb18030');
    assert.equal(col.match(/<record>/g)?.length, 15);
    assert.match(col, /totalRecord: 24/);
    assert.match(col, /\/module\/jslib\/jquery\/jpage\/jquery\.page\.min\.js/);
    const query = 'startrecord=16&endrecord=30&perpage=15&columnid=123&unitid=456';
    const viaGet = iconv.decode((await get(`${x.origin}/module/web/jpage/dataproxy.jsp?${query}`)).bytes, 'gb18030');
    const viaPost = iconv.decode(
      (await get(`${x.origin}/module/web/jpage/dataproxy.jsp`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: query,
      })).bytes,
      'gb18030',
    );
    assert.equal(viaGet, viaPost);
    assert.match(viaGet, /<totalrecord>24<\/totalrecord>/);
    assert.equal(viaGet.match(/<record>/g)?.length, 9);
    const seedReport = sim.expected.find((e) => e.seed === 'kaifeng-xiangfu-2016')!;
    assert.ok(viaGet.includes(new URL(seedReport.url).pathname), 'seed report only via dataproxy');
    assert.ok(!col.includes(new URL(seedReport.url).pathname));
    const old = sim.expected.find((e) => e.year === 2013)!;
    assert.deepEqual(old.region, { code: '410212', name: '开封县' });
  });

  it('yunnan: the 2018 page is hijacked while the listing shows the clean title', async () => {
    const e = sim.expected.find((x) => x.seed === 'yunnan-province-2018-spam')!;
    assert.equal(e.title, '2018年云南省政府信息公开工作年度报告');
    assert.equal(e.published, '2019-12-19');
    assert.deepEqual(e.images, ['统计指标.jpg', '统计指标1.jpg', '统计指标2.jpg', '统计指标3.jpg']);
    const html = (await get(e.url)).bytes.toString('utf8');
    assert.match(html, /<title>365体育备用网址_365体育备用<\/title>/);
    const listing = (await get(portal('yunnan').seed.start[0]!)).bytes.toString('utf8');
    assert.ok(listing.includes('>2018年云南省政府信息公开工作年度报告</a>'));
    assert.match(listing, /createPageHTML\(2, 0, "index", "html"\)/);
  });

  it('has one served attachment of each kind (.pdf, .xls)', async () => {
    const henan = portal('henan');
    const pages = await Promise.all(sim.decoys.concat(sim.expected.map((e) => e.url)).filter((u) => u.startsWith(henan.origin)).map(async (u) => [u, (await get(u)).bytes.toString('utf8')] as const));
    for (const ext of ['pdf', 'xls']) {
      const hit = pages.map(([u, h]) => [u, h.match(new RegExp(`href="([^"]+\\.${ext})"`))] as const).find(([, m]) => m);
      assert.ok(hit, ext);
      assert.equal((await get(new URL(hit[1]![1]!, hit[0]).href)).status, 200);
    }
  });

  it('seedReportBody: non-empty, chrome excluded, equals the expected body', () => {
    const chrome: Record<string, string[]> = {
      'henan-province-2018': ['www.topless40.com', '责任编辑', '扫一扫', '【关闭当前页面】', '相关阅读', '点击查看图解'],
      'henan-office-2019': [],
      'luyi-county-2019': [],
      'kaifeng-xiangfu-2016': ['RSS订阅', '次浏览', '当前位置', '热点排行', '最新新闻'],
      'yunnan-province-2018-spam': ['365体育备用网址_365体育备用', '分享到', '主办单位', '滇ICP备', '来源:'],
    };
    for (const name of SEED_NAMES) {
      const body = seedReportBody(name);
      assert.ok(body.length > 1000, name);
      assert.equal(seedReportBody(readSeed(name)), body);
      for (const c of chrome[name]!) assert.ok(!body.includes(c), `${name} body lacks ${c}`);
      assert.ok(readSeed(name).includes(body), `${name}: body is a contiguous part of the seed`);
      assert.equal(sim.expected.find((e) => e.seed === name)?.body, body);
    }
    assert.ok(!seedReportBody('luyi-county-2019').startsWith('鹿邑县人民政府2019年'), 'title line excluded');
    assert.ok(seedReportBody('henan-province-2018').endsWith('92533 \u00a0 \u00a0 \u00a0 \u00a0 \u00a0 \u00a0 \u00a0 \u00a0'));
  });

  it('close() does not hang with a keep-alive connection open', async () => {
    const extra = await startSimulatedPortals({ latencyMs: 5 });
    const t0 = Date.now();
    const res = await fetch(extra.seeds[0]!.start[0]!, { headers: { connection: 'keep-alive' } });
    await res.arrayBuffer();
    assert.ok(Date.now() - t0 >= 5);
    await extra.close();
    assert.ok(Date.now() - t0 < 5000);
  });
});
