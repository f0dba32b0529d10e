/** Checks the simulated portals themselves (sim/), not the crawler. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import iconv from 'iconv-lite';
import { SEED_NAMES, readSeed } from '../sim/fixtures/seed-text.js';
import { LEGIT_WORDS } from '../sim/fixtures/zhoukou-dept-reports.js';
import { inlineText } from '../sim/html/text.js';
import { seedReportBody, startSimulatedPortals } from '../sim/portals.js';
import type { ExpectedReport, SimulatedPortals, SpamLabel } from '../sim/types.js';

let sim: SimulatedPortals;

async function get(url: string, init?: RequestInit): Promise<{ status: number; type: string; bytes: Buffer }> {
  const res = await fetch(url, init);
  return { status: res.status, type: res.headers.get('content-type') ?? '', bytes: Buffer.from(await res.arrayBuffer()) };
}

async function page(url: string): Promise<string> {
  return (await get(url)).bytes.toString('utf8');
}

function zhoukouReport(titlePart: string): { e: ExpectedReport; label: SpamLabel } {
  const e = sim.expected.find((x) => x.portal === 'zhoukou' && x.title.includes(titlePart));
  assert.ok(e, `zhoukou report ${titlePart}`);
  const label = sim.spamLabels.find((l) => l.url === e.url);
  assert.ok(label, `spam label for ${e.title}`);
  return { e, label };
}

/** The body paragraphs as served (inside the TRS editor div, style block skipped). */
function servedParagraphs(html: string): string[] {
  const editor = html.slice(html.indexOf('<div class="TRS_Editor">'));
  return [...editor.slice(0, editor.indexOf('</div>')).matchAll(/<p>(.*?)<\/p>/g)].map((m) => m[1]!);
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
    assert.equal(sim.portals.length, 5);
    const origins = new Set(sim.portals.map((p) => p.origin));
    assert.equal(origins.size, 5);
    for (const p of sim.portals) {
      assert.match(p.origin, /^http:\/\/127\.0\.0\.1:\d+$/);
      assert.ok(p.seed.start.every((u) => u.startsWith(p.origin)));
    }
    assert.deepEqual(sim.seeds.map((s) => s.id), ['henan', 'luyi', 'xiangfu', 'yunnan', 'zhoukou']);
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

  it('zhoukou: two TRS column pages linked only by createPageHTML(2, i); every report and decoy listed', async () => {
    const z = portal('zhoukou');
    assert.deepEqual(z.seed.region, '411600');
    const page0 = await get(z.seed.start[0]!);
    assert.equal(page0.type, 'text/html; charset=utf-8');
    const html0 = page0.bytes.toString('utf8');
    assert.match(html0, /createPageHTML\(2, 0, "index", "html"\)/);
    assert.doesNotMatch(html0, /index_1\.html/);
    const html1 = await page(new URL('index_1.html', z.seed.start[0]!).href);
    assert.match(html1, /createPageHTML\(2, 1, "index", "html"\)/);
    const listed = [html0, html1].flatMap((h) => [...h.matchAll(/<li><a href="([^"]+)" title=/g)].map((m) => new URL(m[1]!, z.seed.start[0]!).href));
    const mine = [...sim.expected.filter((e) => e.portal === 'zhoukou').map((e) => e.url), ...sim.decoys.filter((d) => d.startsWith(z.origin))];
    assert.deepEqual([...listed].sort(), [...mine].sort());
    assert.equal(sim.expected.filter((e) => e.portal === 'zhoukou').length, 5);
    assert.ok(mine.length - 5 >= 8, 'decoys');
    for (const e of sim.expected.filter((x) => x.portal === 'zhoukou')) {
      assert.deepEqual(e.region, { code: '411600', name: '周口市' });
      assert.deepEqual(e.images, []);
      const chars = [...e.body!].length;
      assert.ok(chars >= 1500 && chars <= 4000, `${e.title}: ${chars} characters`);
      assert.match(e.body!, /^[\s\S]*一、总体情况[\s\S]*二、[\s\S]*三、[\s\S]*四、[\s\S]*五、[\s\S]*六、/);
    }
    // The porn substitution reached the listing; the other listings show clean titles.
    const listingText = html0 + html1;
    assert.ok(listingText.includes('>周口市商务局2019年成人影院免费观看工作年度报告</a>'));
    for (const t of ['周口市人民政府2019年政府信息公开工作年度报告', '周口市人民政府2020年政府信息公开工作年度报告', '周口市人民政府2021年政府信息公开工作年度报告']) {
      assert.ok(listingText.includes(`>${t}</a>`), t);
    }
  });

  it('zhoukou 2019: hijacked <title>, off-screen link block and referrer redirect right after <body>; body clean', async () => {
    const { e, label } = zhoukouReport('人民政府2019年');
    const html = await page(e.url);
    assert.ok(html.includes('<title>澳门葡京娱乐官网_澳门葡京_周口市人民政府</title>'));
    assert.equal(label.hijackedTitle, '澳门葡京娱乐官网_澳门葡京_周口市人民政府');
    assert.deepEqual(label.injected.map((i) => [i.where, i.original]), [['title', ''], ['chrome', ''], ['chrome', '']]);
    assert.match(html, /<body>\n<div style="position:absolute;left:-9999px;top:-9999px"><a href="http:\/\/[^"]+" target="_blank">澳门葡京/);
    assert.match(html, /<script type="text\/javascript">[\s\S]*document\.referrer[\s\S]*baidu[\s\S]*sogou[\s\S]*so\.com[\s\S]*window\.location\.href = "http:\/\/[^"]+"[\s\S]*<\/script>/);
    assert.equal(label.redirectScript, true);
    assert.ok(html.includes(`<h1 class="title">${e.title}</h1>`));
    assert.deepEqual(servedParagraphs(html), e.body!.split('\n').map(inlineText));
  });

  it('zhoukou 商务局: 成人影院免费观看 stands for 政府信息公开 everywhere in the page', async () => {
    const { e, label } = zhoukouReport('商务局');
    assert.equal(e.issuer, '周口市商务局');
    assert.equal(e.title, '周口市商务局2019年政府信息公开工作年度报告');
    const html = await page(e.url);
    assert.ok(html.includes('《中华人民共和国成人影院免费观看条例》'));
    assert.ok(html.includes('<h1 class="title">周口市商务局2019年成人影院免费观看工作年度报告</h1>'));
    assert.ok(html.includes('<title>周口市商务局2019年成人影院免费观看工作年度报告_周口市人民政府</title>'));
    assert.ok(html.includes('收到和处理成人影院免费观看申请情况'));
    assert.ok(!html.includes('政府信息公开'), 'not one 政府信息公开 left on the page');
    assert.match(html, /<\/body>\n<div style="display:none">[\s\S]*<\/div>\n<\/html>\n$/);
    assert.deepEqual(label.injected.map((i) => [i.found, i.original]), Array(3).fill(['成人影院免费观看', '政府信息公开']));
    // Undo the substitution and the served body is the clean original.
    assert.deepEqual(servedParagraphs(html).map((p) => p.split('成人影院免费观看').join('政府信息公开')), e.body!.split('\n').map(inlineText));
  });

  it('zhoukou 2020: 北京赛车pk10计划 for 周口市人民政府 in 来源, footer and body, bare 北京赛车 where a word was lost', async () => {
    const { e, label } = zhoukouReport('人民政府2020年');
    const html = await page(e.url);
    assert.ok(html.includes('来源：北京赛车pk10计划办公室'));
    assert.ok(html.includes('主办单位：北京赛车pk10计划办公室'));
    assert.ok(html.includes('在汇总北京赛车pk10计划及各县（市、区）'));
    assert.match(html, /北京赛车(?!pk10)/);
    assert.ok(html.includes(`<h1 class="title">${e.title}</h1>`), 'heading untouched');
    assert.ok(html.includes('<div style="text-indent:-9999px;overflow:hidden;height:1px">'));
    assert.deepEqual(
      label.injected.map((i) => `${i.where}:${i.found}→${i.original}`).sort(),
      ['body:北京赛车pk10计划→周口市人民政府', 'body:北京赛车→', 'chrome:北京赛车pk10计划→周口市人民政府', 'source:北京赛车pk10计划→周口市人民政府'],
    );
    assert.ok(!e.body!.includes('北京赛车') && e.body!.includes('让人民群众有更多获得感'));
  });

  it('zhoukou 2021: bet365体育在线 in some sentences, a keyword run, a hijacked domain in the header line', async () => {
    const { e, label } = zhoukouReport('人民政府2021年');
    const html = await page(e.url);
    assert.ok(html.includes('<span class="site-line">周口市人民政府门户网站 www.bet365-zk.com</span>'));
    assert.equal(label.hijackedDomain, 'www.bet365-zk.com');
    const body = servedParagraphs(html).join('\n');
    assert.ok(body.includes('bet365体育在线') && body.includes('政府信息公开'), 'some sentences only');
    assert.ok(body.includes('。太阳城娱乐 百家乐 真人荷官 威尼斯人'));
    assert.ok(label.injected.some((i) => i.found === '太阳城娱乐 百家乐 真人荷官 威尼斯人' && i.original === ''));
    assert.match(e.body!, /本年制发件数\t本年废止件数\t现行有效件数/, '2021 template');
  });

  it('zhoukou 文化广电和旅游局: a clean page full of legitimate words, and no spam label', async () => {
    const e = sim.expected.find((x) => x.portal === 'zhoukou' && x.title.includes('文化广电和旅游局'))!;
    assert.equal(e.issuer, '周口市文化广电和旅游局');
    assert.ok(!sim.spamLabels.some((l) => l.url === e.url));
    const html = await page(e.url);
    for (const w of LEGIT_WORDS) assert.ok(html.includes(w) && e.body!.includes(w), w);
    assert.deepEqual(servedParagraphs(html), e.body!.split('\n').map(inlineText));
    assert.ok(html.includes(`<title>${e.title}_周口市人民政府</title>`));
  });

  it('spam labels: every injection is on the served page and absent from the clean original', async () => {
    const labelled = new Set(sim.spamLabels.map((l) => l.url));
    assert.equal(labelled.size, sim.spamLabels.length, 'one label per page');
    assert.equal(sim.spamLabels.length, 6);
    for (const label of sim.spamLabels) {
      const e = sim.expected.find((x) => x.url === label.url);
      assert.ok(e, `label ${label.url} is an expected report`);
      const html = await page(label.url);
      for (const i of label.injected) {
        assert.ok(html.includes(i.found), `${e.title}: ${i.found} served`);
        // Seed pages keep the spam in their expected body (a test repairs them itself).
        if (!e.seed) assert.ok(!e.body!.includes(i.found), `${e.title}: clean body lacks ${i.found}`);
        if (!e.seed && i.where === 'body' && i.original) assert.ok(e.body!.includes(i.original), `${e.title}: clean body has ${i.original}`);
      }
      for (const block of label.hiddenBlocks) {
        for (const word of block.split(' ')) assert.ok(html.includes(`>${word}</a>`), `${e.title}: hidden ${word}`);
      }
      assert.equal(/document\.referrer/.test(html), label.redirectScript, `${e.title}: redirect script`);
      if (label.hijackedTitle) assert.ok(html.includes(`<title>${label.hijackedTitle}</title>`), `${e.title}: hijacked title`);
      if (label.hijackedDomain) assert.ok(html.includes(label.hijackedDomain) && !e.body!.includes(label.hijackedDomain));
    }
    const yunnan = sim.spamLabels.find((l) => l.url === sim.expected.find((e) => e.seed === 'yunnan-province-2018-spam')!.url)!;
    assert.equal(yunnan.hijackedTitle, '365体育备用网址_365体育备用');
    assert.deepEqual(yunnan.hiddenBlocks, ['365体育备用网址 365体育备用官网 体育投注 真人娱乐']);
    assert.ok(yunnan.injected.some((i) => i.found === '365体育备用' && i.original === '' && i.where === 'body'));
    const henan = sim.spamLabels.find((l) => l.url === sim.expected.find((e) => e.seed === 'henan-province-2018')!.url)!;
    assert.deepEqual(henan.injected, [{ found: 'www.topless40.com', original: 'www.henan.gov.cn', where: 'chrome' }]);
  });

  it('links off loopback exist only inside the hidden blocks of labelled pages', async () => {
    const withBlocks = new Set(sim.spamLabels.filter((l) => l.hiddenBlocks.length > 0).map((l) => l.url));
    const listings = sim.portals.flatMap((p) => p.seed.start);
    for (const url of [...sim.expected.map((e) => e.url), ...sim.decoys, ...listings]) {
      const html = await page(url);
      const external = [...html.matchAll(/(?:href|src)="(https?:\/\/[^"]+)"/g)].map((m) => m[1]!).filter((u) => new URL(u).hostname !== '127.0.0.1');
      if (external.length === 0) continue;
      assert.ok(withBlocks.has(url), `${url} links off loopback: ${external[0]}`);
      const blocks = [...html.matchAll(/<div style="[^"]*(?:-9999px|display:none|font-size:1px)[^"]*">(.*?)<\/div>/g)].map((m) => m[1]!).join('');
      for (const u of external) assert.ok(blocks.includes(`href="${u}"`), `${u} outside a hidden block`);
    }
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
