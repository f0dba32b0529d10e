/** Checks the simulated portals themselves (sim/), not the crawler. */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import iconv from 'iconv-lite';
import robotsParserModule from 'robots-parser';
import { SEED_NAMES, readSeed } from '../sim/fixtures/seed-text.js';
import { LEGIT_WORDS } from '../sim/fixtures/zhoukou-dept-reports.js';
import { APPLICANT_COLUMNS, LEGACY_ROWS, RESULT_ROWS_2019, RESULT_ROWS_2021, REVIEW_BLOCKS, TABLE3_COLUMNS, table3Rows } from '../sim/fixtures/figure-keys.js';
import { YUNNAN_2018_FIGURES, YUNNAN_2018_TABLE } from '../sim/fixtures/yunnan-table.js';
import { inlineText } from '../sim/html/text.js';
import { seedReportBody, startManyPortals, startSimulatedPortals } from '../sim/portals.js';
import type { ExpectedReport, SimulatedPortals, SpamLabel } from '../sim/types.js';

// robots-parser is CommonJS typed with `export default`: under NodeNext the default import is the function itself.
const robotsParser = robotsParserModule as unknown as typeof robotsParserModule.default;

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

interface Check {
  rule: string;
  ok: boolean;
  detail: string;
}

/**
 * The templates' own sums (勾稽关系), computed here from figure keys, named as the extractor names
 * them (src/extract/figures/checks.ts). A rule applies when a key on each side is present; a key
 * missing among present ones fails it (e.g. luyi-county-2019's blank per-applicant cells).
 */
function templateChecks(f: Record<string, number>): Check[] {
  const out: Check[] = [];
  const add = (rule: string, left: string[], right: string[]): void => {
    if (!left.some((k) => k in f) || !right.some((k) => k in f)) return;
    const missing = [...left, ...right].filter((k) => !(k in f));
    const total = (keys: string[]) => keys.reduce((a, k) => a + (f[k] ?? 0), 0);
    const l = total(left);
    const r = total(right);
    out.push({ rule, ok: Math.abs(l - r) < 1e-6 && missing.length === 0, detail: `${l} vs ${r}${missing.length ? `; missing ${missing.join(', ')}` : ''}` });
  };
  if (Object.keys(f).some((k) => k.startsWith('legacy.'))) {
    const L = (k: string) => `legacy.applications.${k}`;
    add('legacy: applications.new.total = in_person + fax + online + letter', ['applications.new.total'], ['in_person', 'fax', 'online', 'letter'].map(L));
    add('legacy: applications.completed = on_time + extended', [L('completed')], [L('on_time'), L('extended')]);
    add('legacy: applications.replied = already_public + disclosed + partly_disclosed + refused + not_this_agency + not_exist + correction + other_channel', [L('replied')], ['already_public', 'disclosed', 'partly_disclosed', 'refused', 'not_this_agency', 'not_exist', 'correction', 'other_channel'].map(L));
    add('legacy: applications.refused = secret + commercial + privacy + safety + not_government_info + other', [L('refused')], ['secret', 'commercial', 'privacy', 'safety', 'not_government_info', 'other'].map((k) => L(`refused.${k}`)));
    add('review: total = maintained + corrected + other', ['review.total'], ['review.maintained', 'review.corrected', 'review.other']);
    add('litigation: total = maintained + corrected + other', ['litigation.total'], ['litigation.maintained', 'litigation.corrected', 'litigation.other']);
    add('legacy: staff.total = full_time + part_time', ['legacy.staff.total'], ['legacy.staff.full_time', 'legacy.staff.part_time']);
    return out;
  }
  const a = (row: string, col: string) => `applications.${row}.${col}`;
  const template = 'applications.other.no_correction.total' in f ? '2021' : '2019';
  const results: readonly string[] = template === '2021' ? RESULT_ROWS_2021 : RESULT_ROWS_2019;
  for (const col of TABLE3_COLUMNS) {
    add(`applications.${col}: new + carried_over = completed + carried_forward`, [a('new', col), a('carried_over', col)], [a('completed', col), a('carried_forward', col)]);
    add(`applications.${col}: completed = disclosed + partly_disclosed + refused + unable + not_processed + other`, [a('completed', col)], results.map((r) => a(r, col)));
    if (template === '2021') add(`applications.${col}: other = no_correction + no_fee + other`, [a('other', col)], ['other.no_correction', 'other.no_fee', 'other.other'].map((r) => a(r, col)));
  }
  for (const row of table3Rows(template)) {
    add(`applications.${row}: total = natural + business + research + social + legal + other_org`, [a(row, 'total')], APPLICANT_COLUMNS.map((c) => a(row, c)));
  }
  for (const b of REVIEW_BLOCKS) {
    add(`${b}: total = maintained + corrected + other + pending`, [`${b}.total`], ['maintained', 'corrected', 'other', 'pending'].map((p) => `${b}.${p}`));
  }
  add('litigation: total = direct.total + after_review.total', ['litigation.total'], ['litigation.direct.total', 'litigation.after_review.total']);
  return out;
}

/** Failing checks match failingChecks exactly: each failure is named, each name covers a failure. */
function assertChecks(e: Pick<ExpectedReport, 'title' | 'figures' | 'failingChecks'>): Check[] {
  const checks = templateChecks(e.figures!);
  const allowed = e.failingChecks ?? [];
  const failed = checks.filter((c) => !c.ok);
  for (const c of failed) assert.ok(allowed.some((s) => c.rule.includes(s)), `${e.title}: ${c.rule} fails (${c.detail})`);
  for (const s of allowed) assert.ok(failed.some((c) => c.rule.includes(s)), `${e.title}: '${s}' is listed as failing but no check fails`);
  return checks;
}

/** Keys a complete reading of a 2019 / 2021 report yields. */
function modernKeys(template: '2019' | '2021'): string[] {
  const active =
    template === '2019'
      ? [
          ...['rules', 'normative'].flatMap((r) => ['new', 'published', 'total'].map((c) => `active.${r}.${c}`)),
          ...['licensing', 'other_services', 'penalty', 'coercion'].flatMap((r) => ['previous', 'change', 'decisions'].map((c) => `active.${r}.${c}`)),
          'active.fees.previous', 'active.fees.change', 'active.procurement.items', 'active.procurement.amount',
        ]
      : [
          ...['rules', 'normative'].flatMap((r) => ['new', 'repealed', 'total'].map((c) => `active.${r}.${c}`)),
          'active.licensing.decisions', 'active.penalty.decisions', 'active.coercion.decisions', 'active.fees.amount',
        ];
  const apps = table3Rows(template).flatMap((r) => TABLE3_COLUMNS.map((c) => `applications.${r}.${c}`));
  const review = [...REVIEW_BLOCKS.flatMap((b) => ['maintained', 'corrected', 'other', 'pending', 'total'].map((c) => `${b}.${c}`)), 'litigation.total'];
  return [...active, ...apps, ...review].sort();
}

const NEW_TABLE_REPORTS = [
  { portal: 'henan', title: '河南省财政厅2019年政府信息公开工作年度报告', template: '2019', encoding: 'utf-8', wrap: 'p-span' },
  { portal: 'luyi', title: '鹿邑县人民政府2021年政府信息公开工作年度报告', template: '2021', encoding: 'gbk', wrap: 'plain' },
  { portal: 'xiangfu', title: '开封市祥符区人民政府2020年政府信息公开工作年度报告', template: '2019', encoding: 'gb18030', wrap: 'span' },
] as const;

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
    assert.match(col, /totalRecord: 25/);
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
    assert.match(viaGet, /<totalrecord>25<\/totalrecord>/);
    assert.equal(viaGet.match(/<record>/g)?.length, 10);
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

  describe('statistics tables and their figures', () => {
    const newReport = (title: string): ExpectedReport => {
      const e = sim.expected.find((x) => x.title === title);
      assert.ok(e, title);
      return e;
    };

    it('the new HTML-table reports are served and listed', async () => {
      for (const r of NEW_TABLE_REPORTS) {
        const e = newReport(r.title);
        assert.equal(e.portal, r.portal);
        const res = await get(e.url);
        assert.equal(res.status, 200);
        const html = iconv.decode(res.bytes, r.encoding);
        assert.ok(html.includes(r.title), `${r.title} on its page`);
        const path = new URL(e.url).pathname + new URL(e.url).search;
        const p = portal(r.portal);
        const listings =
          r.portal === 'henan'
            ? ['index.html', 'index_1.html', 'index_2.html'].map((n) => new URL(n, p.seed.start[0]!).href)
            : r.portal === 'luyi'
              ? [p.seed.start[0]!, `${p.seed.start[0]!}&page=2`]
              : [p.seed.start[0]!, `${p.origin}/module/web/jpage/dataproxy.jsp?startrecord=1&endrecord=45&perpage=15&columnid=123&unitid=456`];
        let listed = false;
        for (const url of listings) {
          const page = iconv.decode((await get(url)).bytes, r.encoding);
          const href = r.portal === 'henan' ? `./${path.slice('/zwgk/zfxxgkndbg/'.length)}` : path;
          if (page.includes(`href="${href}"`)) listed = true;
        }
        assert.ok(listed, `${r.title} is listed`);
      }
    });

    it('the tables are HTML with rowspan/colspan, &nbsp; blanks and (henan) <p><span> in cells', async () => {
      for (const r of NEW_TABLE_REPORTS) {
        const e = newReport(r.title);
        const html = iconv.decode((await get(e.url)).bytes, r.encoding);
        const tables = html.match(/<table border="1" cellspacing="0"|<table class="MsoNormalTable" border="1" cellspacing="0"/g) ?? [];
        assert.equal(tables.length, 3, `${r.title}: tables 二, 三, 四`);
        const results = r.template === '2021' ? 22 : 20;
        assert.match(html, new RegExp(`<td rowspan="${results}"[^>]*>(<p[^>]*><span[^>]*>|<span>)?三、本年度办理结果`));
        assert.match(html, /<td rowspan="3" colspan="3"[^>]*>/, '勾稽关系 corner cell');
        assert.match(html, /<td colspan="7"[^>]*>(<p[^>]*><span[^>]*>|<span>)?申请人情况/);
        assert.match(html, /<td colspan="5"[^>]*>(<p[^>]*><span[^>]*>|<span>)?法人或其他组织/);
        assert.match(html, /<td rowspan="2"[^>]*>(<p[^>]*><span[^>]*>|<span>)?自然人/);
        assert.match(html, /<td rowspan="8"[^>]*>(<p[^>]*><span[^>]*>|<span>)?（三）不予公开/);
        if (r.template === '2021') {
          assert.match(html, /<td rowspan="3"[^>]*>（六）其他处理/);
          assert.match(html, /本年制发件数.*本年废止件数.*现行有效件数/s);
          assert.match(html, /本年收费金额（单位：万元）/);
        }
        if (r.wrap === 'p-span') assert.match(html, /<td[^>]*><p[^>]*><span[^>]*>&nbsp;<\/span><\/p><\/td>/);
        if (r.wrap === 'span') assert.match(html, /<td[^>]*><span>&nbsp;<\/span><\/td>/, 'zeros printed blank');
      }
    });

    it('each new report carries every figure key of its template, and its body holds the table rows', () => {
      for (const r of NEW_TABLE_REPORTS) {
        const e = newReport(r.title);
        assert.deepEqual(Object.keys(e.figures ?? {}).sort(), modernKeys(r.template), r.title);
        const body = e.body!;
        const f = e.figures!;
        const row = (k: string, blanks = new Set<number>()) =>
          [...APPLICANT_COLUMNS.map((c, i) => (blanks.has(i) && f[`applications.${k}.${c}`] === 0 ? ' ' : String(f[`applications.${k}.${c}`]))), String(f[`applications.${k}.total`])].join('\t');
        if (r.wrap === 'p-span') {
          // One line per non-blank cell: the 一、本年新收 row is its label and seven numbers.
          const lines = body.split('\n');
          const at = lines.indexOf('一、本年新收政府信息公开申请数量');
          assert.ok(at > 0);
          assert.deepEqual(lines.slice(at + 1, at + 8), row('new').split('\t'));
        } else {
          const blanks = new Set(r.portal === 'xiangfu' ? [2, 4] : []);
          assert.ok(body.split('\n').includes(`一、本年新收政府信息公开申请数量\t${row('new', blanks)}`), `${r.title}: new row line`);
          assert.ok(body.split('\n').includes(`（七）总计\t${row('completed', blanks)}`), `${r.title}: completed row line`);
        }
      }
    });

    it("each expected report's figures satisfy the template sums except those in failingChecks", () => {
      const withFigures = sim.expected.filter((e) => e.figures);
      assert.ok(withFigures.length >= 7, 'four seeds and three new reports');
      for (const e of withFigures) {
        const checks = assertChecks(e);
        assert.ok(checks.length > 0, `${e.title}: some check applies`);
      }
      const xiangfu = newReport('开封市祥符区人民政府2020年政府信息公开工作年度报告');
      assert.deepEqual(xiangfu.failingChecks, ['applications.new: total', 'applications.total: new']);
      const f = xiangfu.figures!;
      assert.equal(f['applications.new.total'], 159, 'the typo as printed');
      assert.equal(APPLICANT_COLUMNS.reduce((a, c) => a + f[`applications.new.${c}`]!, 0), 158);
      assert.equal(f['active.fees.change'], -2);
      const finance = newReport('河南省财政厅2019年政府信息公开工作年度报告');
      assert.equal(finance.failingChecks, undefined);
      // Seeds: which of the real sums fail.
      const seed = (name: string) => sim.expected.find((x) => x.seed === name)!;
      assert.deepEqual(seed('henan-province-2018').failingChecks, ['applications.refused = secret']);
      assert.equal(seed('luyi-county-2019').failingChecks?.length, 8, 'luyi: (七) in four applicant columns, and four rows printing only 总计');
      for (const name of ['henan-office-2019', 'yunnan-province-2018-spam']) assert.equal(seed(name).failingChecks, undefined, name);
      assert.equal(seed('kaifeng-xiangfu-2016').figures, undefined, 'no table');
      // luyi's blank per-applicant cells count as 0, as the template reads blanks; the 总计 column is complete.
      const luyi = seed('luyi-county-2019').figures!;
      assert.equal(luyi['applications.disclosed.total'], 196);
      assert.equal(luyi['applications.disclosed.natural'], 0);
      assert.equal(Object.keys(luyi).length, 22 + 13 * 7 + 10 * 7 + 16);
      assert.equal(Object.keys(seed('henan-office-2019').figures!).length, 22 + 23 * 7 + 16);
    });

    it('seed figures are numbers their seed text prints', () => {
      for (const name of ['luyi-county-2019', 'henan-office-2019', 'henan-province-2018']) {
        const e = sim.expected.find((x) => x.seed === name)!;
        const text = readSeed(name as (typeof SEED_NAMES)[number]);
        for (const [key, value] of Object.entries(e.figures!)) {
          if (key === 'litigation.total' && name !== 'henan-province-2018') continue; // derived: direct + after review
          assert.ok(text.includes(String(value)), `${name}: ${key} = ${value}`);
        }
      }
    });

    it('the Yunnan table: the template rows, all sums holding, the numbers its text states', () => {
      assert.deepEqual(YUNNAN_2018_TABLE[0], ['统计指标', '单位', '统计数']);
      assert.equal(YUNNAN_2018_TABLE.length, LEGACY_ROWS.length + 1);
      assert.ok(YUNNAN_2018_TABLE.every((r) => r.length === 3 && r.every((c) => c.trim() !== '')));
      const sections = YUNNAN_2018_TABLE.map((r) => r[0]!).filter((l) => /^[一二三四五六七八九]、/.test(l));
      assert.equal(sections[0], '一、主动公开情况');
      assert.equal(sections.at(-1), '九、政府信息公开会议和培训情况');
      assert.equal(sections.length, 9);
      // The table reads back as its figures, and those are the expected report's.
      const read: Record<string, number> = {};
      YUNNAN_2018_TABLE.slice(1).forEach((r, i) => {
        const key = LEGACY_ROWS[i]![2];
        if (key) read[key] = Number(r[2]);
        else assert.equal(r[2], '——');
      });
      assert.deepEqual(read, YUNNAN_2018_FIGURES);
      const e = sim.expected.find((x) => x.seed === 'yunnan-province-2018-spam')!;
      assert.deepEqual(e.figures, YUNNAN_2018_FIGURES);
      const checks = assertChecks({ title: 'yunnan table', figures: YUNNAN_2018_FIGURES });
      assert.ok(checks.length >= 7);
      // Every number the report's text gives for a table row, found in the seed text itself.
      const text = readSeed('yunnan-province-2018-spam');
      const stated: [key: string, pattern: RegExp][] = [
        ['legacy.active.total', /其中,主动公开(\d+)条/],
        ['legacy.active.channel.website', /通过政府网站发布信息(\d+)条/],
        ['legacy.active.channel.gazette', /人事任免、表彰等重要信息(\d+)条/],
        ['legacy.active.channel.weibo', /通过政务微博发布政府信息(\d+)条/],
        ['legacy.active.channel.wechat', /通过政务微信发布政府信息(\d+)条/],
        ['legacy.active.channel.other', /便于公众知晓的方式公开政府信息,共计(\d+)条/],
        ['legacy.response.opinions', /回应公众关注热点或重大舆情(\d+)次/],
        ['legacy.response.interpretations', /全省政府系统共召开新闻发布会(\d+)次/],
        ['legacy.response.policy_explanations', /共发布政策解读稿件(\d+)篇/],
        ['applications.new.total', /全省共收到依申请公开(\d+)件/],
        ['legacy.applications.in_person', /当面申请(\d+)件/],
        ['legacy.applications.fax', /传真申请(\d+)件/],
        ['legacy.applications.online', /网络申请(\d+)件/],
        ['legacy.applications.letter', /信函申请(\d+)件/],
        ['legacy.applications.completed', /办结365体育备用网址申请(\d+)件/],
        ['legacy.applications.already_public', /“属于已主动公开范围”的(\d+)件/],
        ['legacy.applications.disclosed', /“同意公开”的(\d+)件/],
        ['legacy.applications.partly_disclosed', /“同意部分公开”的(\d+)件/],
        ['legacy.applications.refused', /不同意公开答复总数(\d+)件/],
        ['review.total', /行政复议共(\d+)件/],
        ['review.maintained', /维持具体行政行为(\d+)件/],
        ['review.corrected', /被依法纠错(\d+)件,其他处理/],
        ['review.other', /其他处理(\d+)件/],
        ['litigation.total', /行政诉讼案件共(\d+)件/],
        ['litigation.maintained', /驳回原告诉讼请求(\d+)件/],
        ['litigation.corrected', /被依法纠错(\d+)件,其他情形/],
        ['litigation.other', /其他情形(\d+)件/],
        ['legacy.staff.offices', /政务公开专门机构(\d+)个/],
        ['legacy.staff.reading_points', /查阅点(\d+)个/],
        ['legacy.staff.total', /专兼职人员共计(\d+)人/],
      ];
      for (const [key, pattern] of stated) {
        const m = text.match(pattern);
        assert.ok(m, `${key}: ${pattern} in the Yunnan text`);
        assert.equal(YUNNAN_2018_FIGURES[key], Number(m[1]), key);
      }
      // The four lines behind "等形式答复的818件" and the fund: sums of stated numbers.
      const f = YUNNAN_2018_FIGURES;
      assert.equal(f['legacy.applications.not_this_agency']! + f['legacy.applications.not_exist']! + f['legacy.applications.correction']! + f['legacy.applications.other_channel']!, Number(text.match(/等形式答复的(\d+)件/)![1]));
      assert.equal(f['legacy.applications.replied'], f['legacy.applications.completed']);
      const fund = text.match(/省本级共投入([\d.]+)万元,各州、市和省直各部门共投入([\d.]+)万元/)!;
      assert.equal(f['legacy.budget'], Math.round((Number(fund[1]) + Number(fund[2])) * 100) / 100);
      assert.match(text, /未收取任何费用/);
      assert.equal(f['legacy.fees.amount'], 0);
    });
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

// ---------------------------------------------------------------------------------------------
// Between runs: validators, robots.txt, faults, concurrency, the extra portals, publish/revise.

const UA = 'xxgk-sim-test/1.0';

async function fetchWith(url: string, headers: Record<string, string> = {}, method = 'GET') {
  const res = await fetch(url, { method, headers: { 'user-agent': UA, ...headers } });
  const bytes = Buffer.from(await res.arrayBuffer());
  return { status: res.status, etag: res.headers.get('etag'), lastModified: res.headers.get('last-modified'), retryAfter: res.headers.get('retry-after'), type: res.headers.get('content-type') ?? '', bytes, text: bytes.toString('utf8') };
}

function portalOf(s: SimulatedPortals, id: string) {
  const p = s.portals.find((x) => x.seed.id === id);
  assert.ok(p, `portal ${id}`);
  return p;
}

/** Hrefs of list items (<li><a href=…>, ASP listA links, Hanweb records) resolved against `base`. */
function listedLinks(html: string, base: string): string[] {
  const hrefs = [
    ...html.matchAll(/<li(?: class="[^"]*")?>(?:<span class="zd-tag">\[置顶\]<\/span>)?<a href="([^"]+)" title=/g),
    ...html.matchAll(/<a class="listA" href="([^"]+)"/g),
  ].map((m) => m[1]!.replace(/&amp;/g, '&'));
  return hrefs.map((h) => new URL(h, base).href);
}

/** Every http(s) link of a page that leaves loopback. */
function offLoopback(html: string): string[] {
  return [...html.matchAll(/(?:href|src)="(https?:\/\/[^"]+)"/g)].map((m) => m[1]!).filter((u) => new URL(u).hostname !== '127.0.0.1');
}

const hasChromium = existsSync('/usr/bin/chromium');

describe('simulated portals: extras, deep listing, validators and robots', () => {
  let x: SimulatedPortals;
  before(async () => {
    x = await startSimulatedPortals({ extras: true, deep: { pages: 300 } });
  });
  after(async () => {
    await x.close();
  });

  it('starts the five portals plus shangqiu, xinyang and kaifeng; `only` picks any of them', async () => {
    assert.deepEqual(x.seeds.map((s) => s.id), ['henan', 'luyi', 'xiangfu', 'yunnan', 'zhoukou', 'shangqiu', 'xinyang', 'kaifeng']);
    for (const p of x.portals) assert.ok(p.column.startsWith(`${p.origin}/`), p.seed.id);
    const one = await startSimulatedPortals({ only: ['xinyang'] });
    assert.deepEqual(one.seeds.map((s) => s.id), ['xinyang']);
    assert.ok(one.expected.every((e) => e.portal === 'xinyang') && one.expected.length === 10);
    await one.close();
    await assert.rejects(startSimulatedPortals({ only: ['nowhere'] }));
  });

  it('validators: static pages carry ETag and Last-Modified and answer a matching conditional GET with 304', async () => {
    const e = x.expected.find((r) => r.portal === 'henan' && r.seed === 'henan-province-2018')!;
    const first = await fetchWith(e.url);
    assert.equal(first.status, 200);
    assert.match(first.etag ?? '', /^"[0-9a-f]{20}"$/);
    // Last-Modified: the moment the page was published (China time).
    assert.equal(first.lastModified, new Date('2019-03-31T23:04:00+08:00').toUTCString());
    const byTag = await fetchWith(e.url, { 'if-none-match': first.etag! });
    assert.equal(byTag.status, 304);
    assert.equal(byTag.bytes.length, 0);
    assert.equal(byTag.etag, first.etag);
    assert.equal((await fetchWith(e.url, { 'if-none-match': `W/${first.etag!}, "other"` })).status, 304);
    assert.equal((await fetchWith(e.url, { 'if-modified-since': first.lastModified! })).status, 304);
    const earlier = new Date(Date.parse(first.lastModified!) - 86400000).toUTCString();
    assert.equal((await fetchWith(e.url, { 'if-modified-since': earlier })).status, 200);
    // If-None-Match wins over If-Modified-Since.
    assert.equal((await fetchWith(e.url, { 'if-none-match': '"stale"', 'if-modified-since': first.lastModified! })).status, 200);
    const head = await fetchWith(e.url, { 'if-none-match': first.etag! }, 'HEAD');
    assert.equal(head.status, 304);

    const log = x.requestLog.filter((r) => r.path === new URL(e.url).pathname).slice(-7);
    assert.deepEqual(log.map((r) => r.status), [200, 304, 304, 304, 200, 200, 304]);
    assert.deepEqual(log.map((r) => r.conditional), [false, true, true, true, true, true, true]);
    assert.deepEqual(log.map((r) => r.method), ['GET', 'GET', 'GET', 'GET', 'GET', 'GET', 'HEAD']);
    assert.ok(log.every((r) => r.userAgent === UA && r.portal === 'henan' && typeof r.at === 'number'));

    // Static pages of the other TRS/nginx sites too; never dynamic ones.
    for (const id of ['xiangfu', 'yunnan', 'zhoukou', 'shangqiu', 'xinyang', 'kaifeng']) {
      const r = x.expected.find((y) => y.portal === id)!;
      const res = await fetchWith(r.url);
      assert.ok(res.etag && res.lastModified, `${id}: validators`);
      assert.equal((await fetchWith(r.url, { 'if-none-match': res.etag })).status, 304, id);
    }
    const luyi = portalOf(x, 'luyi');
    for (const url of [luyi.seed.start[0]!, x.expected.find((r) => r.portal === 'luyi')!.url]) {
      const res = await fetchWith(url);
      assert.equal(res.etag, null);
      assert.equal(res.lastModified, null);
      assert.equal((await fetchWith(url, { 'if-modified-since': new Date().toUTCString() })).status, 200, 'ASP: no 304');
    }
    const api = await fetchWith(`${portalOf(x, 'shangqiu').origin}/api/article/list?columnId=1095&page=1&size=8`);
    assert.equal(api.etag, null);
    const proxy = await fetchWith(`${portalOf(x, 'xiangfu').origin}/module/web/jpage/dataproxy.jsp?startrecord=1&endrecord=45&perpage=15&columnid=123&unitid=456`);
    assert.equal(proxy.etag, null);
  });

  it('robots.txt: present on some hosts, 404 on others; xinyang forbids /preview/, where a listed draft sits', async () => {
    const robots = async (id: string) => fetchWith(`${portalOf(x, id).origin}/robots.txt`);
    for (const id of ['henan', 'xiangfu', 'zhoukou', 'shangqiu', 'xinyang']) {
      const r = await robots(id);
      assert.equal(r.status, 200, id);
      assert.equal(r.type, 'text/plain');
      assert.match(r.text, /^User-agent: \*\nDisallow: \/(manage|admin)\//, id);
    }
    for (const id of ['luyi', 'yunnan', 'kaifeng']) assert.equal((await robots(id)).status, 404, id);

    const xy = portalOf(x, 'xinyang');
    assert.equal(x.robotsDisallowed.length, 1);
    const [draft] = x.robotsDisallowed;
    assert.ok(draft!.startsWith(`${xy.origin}/preview/`));
    const rules = robotsParser(`${xy.origin}/robots.txt`, (await robots('xinyang')).text);
    for (const ua of ['xxgk-archive/0.1', 'Mozilla/5.0', 'Baiduspider']) assert.equal(rules.isAllowed(draft!, ua), false, ua);
    assert.equal(rules.isAllowed(xy.column, 'xxgk-archive/0.1'), true);
    for (const e of x.expected) assert.equal(rules.isAllowed(e.url, 'xxgk-archive/0.1') ?? true, true);
    assert.ok(!x.expected.some((e) => e.url === draft) && !x.decoys.includes(draft!));
    const listing = [await fetchWith(xy.column), await fetchWith(new URL('index_1.html', xy.column).href)].flatMap((p) => listedLinks(p.text, xy.column));
    assert.ok(listing.includes(draft!), 'the draft is listed');
    const page = await fetchWith(draft!);
    assert.equal(page.status, 200, 'served to whoever ignores robots.txt');
    assert.match(page.text, /信阳市2017年政府信息公开工作年度报告（征求意见稿）/);
  });

  it('shangqiu: the column page is an empty shell; the JSON API serves three pages of eight', async () => {
    const sq = portalOf(x, 'shangqiu');
    const shell = await fetchWith(sq.column);
    assert.equal(shell.status, 200);
    assert.ok(shell.text.includes('<ul id="list" class="list" data-column-id="1095" data-page-size="8"></ul>'));
    assert.ok(shell.text.includes('<div id="pager" class="pager"></div>'));
    assert.ok(shell.text.includes('<script type="text/javascript" src="/js/list.js"></script>'));
    assert.doesNotMatch(shell.text, /href="\/zwgk\/ndbg\/\d{4}\//, 'no article link in the static HTML');
    const mine = [...x.expected.filter((e) => e.portal === 'shangqiu').map((e) => e.url), ...x.decoys.filter((d) => d.startsWith(sq.origin))];
    for (const u of mine) assert.ok(!shell.text.includes(new URL(u).pathname));
    const js = await fetchWith(`${sq.origin}/js/list.js`);
    assert.equal(js.type, 'application/javascript');
    assert.match(js.text, /\/api\/article\/list\?columnId=/);
    assert.match(js.text, /javascript:void\(0\)" class="next' \+ \(current >= pages \? ' disabled' : ''\)/);

    const pages = [];
    for (let n = 1; n <= 4; n++) {
      const res = await fetchWith(`${sq.origin}/api/article/list?columnId=1095&page=${n}&size=8`);
      assert.equal(res.status, 200);
      assert.match(res.type, /^application\/json/);
      pages.push(JSON.parse(res.text) as { total: number; pages: number; page: number; list: { title: string; url: string; publishDate: string }[] });
    }
    assert.deepEqual(pages.map((p) => [p.total, p.pages, p.page, p.list.length]), [[21, 3, 1, 8], [21, 3, 2, 8], [21, 3, 3, 5], [21, 3, 4, 0]]);
    const listed = pages.flatMap((p) => p.list);
    assert.deepEqual(listed.map((l) => `${sq.origin}${l.url}`).sort(), [...mine].sort());
    for (const l of listed) {
      assert.match(l.url, /^\/zwgk\/ndbg\/\d{4}\/\d{4}\/\d+\.html$/);
      assert.match(l.publishDate, /^\d{4}-\d{2}-\d{2}$/);
    }
    const dates = listed.map((l) => l.publishDate);
    assert.deepEqual(dates, [...dates].sort().reverse(), 'newest first');
    assert.equal(JSON.parse((await fetchWith(`${sq.origin}/api/article/list?columnId=1&page=1&size=8`)).text).total, 0);
    const reports = x.expected.filter((e) => e.portal === 'shangqiu');
    assert.deepEqual([...new Set(reports.filter((e) => e.issuer === '商丘市人民政府').map((e) => e.year))].sort(), [2018, 2019, 2020, 2021, 2022, 2023, 2024]);
    assert.equal(new Set(reports.map((e) => e.issuer)).size, 3);
    const page = await fetchWith(reports[0]!.url);
    assert.match(page.text, /<th>索 引 号：<\/th>/);
    assert.ok(page.text.includes(`<h1 class="article-title">${reports[0]!.title}</h1>`));
  });

  it('shangqiu: /js/list.js renders the list in a browser and pages with 下一页 until it is disabled', { skip: hasChromium ? false : 'no /usr/bin/chromium' }, async () => {
    const { chromium } = await import('playwright-core');
    const sq = portalOf(x, 'shangqiu');
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
    try {
      const tab = await browser.newPage();
      const errors: string[] = [];
      tab.on('pageerror', (e) => errors.push(e.message));
      await tab.goto(sq.column);
      await tab.waitForSelector('#list li a');
      const seen: string[] = [];
      for (let guard = 0; guard < 5; guard++) {
        const hrefs = await tab.$$eval('#list li a', (as) => as.map((a) => (a as HTMLAnchorElement).href));
        seen.push(...hrefs);
        const cls = (await tab.getAttribute('#pager a.next', 'class')) ?? '';
        assert.equal(await tab.getAttribute('#pager a.next', 'href'), 'javascript:void(0)');
        if (cls.split(' ').includes('disabled')) break;
        await tab.click('#pager a.next');
        await tab.waitForFunction((first) => (document.querySelector('#list li a') as HTMLAnchorElement | null)?.href !== first, hrefs[0]);
      }
      const mine = [...x.expected.filter((e) => e.portal === 'shangqiu').map((e) => e.url), ...x.decoys.filter((d) => d.startsWith(sq.origin))];
      assert.deepEqual([...seen].sort(), [...mine].sort());
      assert.deepEqual(errors, []);
    } finally {
      await browser.close();
    }
  });

  it('xinyang: known by its homepage; 首页 → 政务公开 → 政府信息公开年报, two listing pages linked by 下一页', async () => {
    const xy = portalOf(x, 'xinyang');
    assert.deepEqual(xy.seed.start, []);
    assert.equal(xy.seed.home, `${xy.origin}/`);
    assert.equal(xy.column, `${xy.origin}/zwgk/xxgkndbg/index.html`);
    const home = (await fetchWith(xy.seed.home!)).text;
    for (const [text, href] of [['政务公开', '/zwgk/'], ['政务服务', '/zwfw/'], ['互动交流', '/hdjl/'], ['走进信阳', '/zjxy/'], ['企业年报公示', '/ztzl/qynbgs/index.html'], ['政府工作报告', '/zwgk/zfgzbg/index.html']]) {
      assert.ok(home.includes(`<a href="${href}" target="_blank">${text}</a>`), text);
    }
    assert.ok(!home.includes('/zwgk/xxgkndbg/'), 'the homepage does not name the column');
    const platform = await fetchWith(`${xy.origin}/zwgk/`);
    assert.equal(platform.status, 200);
    for (const t of ['政府信息公开指南', '政府信息公开制度', '法定主动公开内容', '依申请公开']) assert.ok(platform.text.includes(`>${t}</a>`), t);
    assert.ok(platform.text.includes('<a href="/zwgk/xxgkndbg/index.html">政府信息公开年报</a>'));
    for (const m of platform.text.matchAll(/<li(?: class="on")?><a href="(\/zwgk\/[^"]+)">/g)) assert.equal((await fetchWith(`${xy.origin}${m[1]}`)).status, 200, m[1]);

    const p0 = (await fetchWith(xy.column)).text;
    const p1 = (await fetchWith(new URL('index_1.html', xy.column).href)).text;
    assert.match(p0, /<a href="index_1\.html">下一页<\/a>/);
    assert.match(p1, /<span>下一页<\/span>/);
    assert.equal((await fetchWith(new URL('index_2.html', xy.column).href)).status, 404);
    const listed = [...listedLinks(p0, xy.column), ...listedLinks(p1, xy.column)];
    const mine = [...x.expected.filter((e) => e.portal === 'xinyang').map((e) => e.url), ...x.decoys.filter((d) => d.startsWith(`${xy.origin}/zwgk/xxgkndbg/`)), ...x.robotsDisallowed];
    assert.deepEqual([...listed].sort(), [...mine].sort());
    // The decoy columns hold no report.
    for (const col of ['/ztzl/qynbgs/index.html', '/zwgk/zfgzbg/index.html']) {
      const page = (await fetchWith(`${xy.origin}${col}`)).text;
      const links = listedLinks(page, `${xy.origin}${col}`);
      assert.ok(links.length >= 6, col);
      for (const l of links) assert.ok(x.decoys.includes(l), `${l} is a decoy`);
    }
  });

  it('kaifeng: 300 TRS listing pages of 15, reports 2008–2024 of six issuers in date order, a pinned older report on top', async () => {
    const kf = portalOf(x, 'kaifeng');
    const pages: string[] = [];
    for (let i = 0; i < 300; i++) {
      const res = await fetchWith(new URL(i === 0 ? 'index.html' : `index_${i}.html`, kf.column).href);
      assert.equal(res.status, 200, `page ${i}`);
      assert.ok(res.text.includes(`createPageHTML(300, ${i}, "index", "html")`), `page ${i} pager`);
      pages.push(res.text);
    }
    assert.equal((await fetchWith(new URL('index_300.html', kf.column).href)).status, 404);
    assert.doesNotMatch(pages[0]!, /index_1\.html/);
    const perPage = pages.map((p) => listedLinks(p, kf.column));
    assert.ok(perPage.slice(0, -1).every((l) => l.length === 15));
    assert.equal(perPage.at(-1)!.length, 8);
    const listed = perPage.flat();
    const reports = x.expected.filter((e) => e.portal === 'kaifeng');
    const mine = [...reports.map((e) => e.url), ...x.decoys.filter((d) => d.startsWith(kf.origin))];
    assert.equal(new Set(listed).size, listed.length, 'each item listed once');
    assert.deepEqual([...listed].sort(), [...mine].sort());
    assert.equal(reports.length, 74);
    assert.deepEqual([...new Set(reports.map((e) => e.year))].sort(), Array.from({ length: 17 }, (_, i) => 2008 + i));
    assert.equal(new Set(reports.map((e) => e.issuer)).size, 6);
    for (const e of reports) {
      assert.match(e.body!, e.year >= 2019 ? /^一、总体情况/ : /^本报告依据/, `${e.title}: template of its year`);
      assert.deepEqual(e.region, { code: '410200', name: '开封市' });
    }
    // The pinned report: first on page 1, older than the items below it, listed nowhere else.
    assert.match(pages[0]!, /<li class="zd"><span class="zd-tag">\[置顶\]<\/span><a href="[^"]+" title="开封市人民政府2022年政府信息公开工作年度报告"/);
    const pinned = reports.find((e) => e.url === listed[0])!;
    assert.equal(pinned.year, 2022);
    const dateOf = new Map([...pages.join('\n').matchAll(/<a href="([^"]+)" title="[^"]*" target="_blank">[^<]*<\/a><span class="date">([\d-]+)<\/span>/g)].map((m) => [new URL(m[1]!, kf.column).href, m[2]!]));
    const dates = listed.slice(1).map((u) => dateOf.get(u)!);
    assert.deepEqual(dates, [...dates].sort().reverse(), 'newest first after the pinned item');
    assert.ok(pinned.published < dates[0]!);
    const pageOfYear = (y: number) => perPage.findIndex((l) => l.some((u) => reports.find((e) => e.url === u)?.year === y));
    assert.ok(pageOfYear(2008) > 250 && pageOfYear(2024) > 5, 'reports spread through the pages');
  });

  it('links off loopback: none on the new portals', async () => {
    const origins = ['shangqiu', 'xinyang', 'kaifeng'].map((id) => portalOf(x, id).origin);
    const mine = (u: string) => origins.some((o) => u.startsWith(o));
    const kaifengDecoys = x.decoys.filter((d) => d.startsWith(portalOf(x, 'kaifeng').origin)).filter((_, i) => i % 40 === 0);
    const urls = [
      ...x.expected.map((e) => e.url).filter(mine),
      ...x.decoys.filter(mine).filter((d) => !d.startsWith(portalOf(x, 'kaifeng').origin)),
      ...kaifengDecoys,
      ...x.robotsDisallowed,
      ...origins.map((o) => `${o}/`),
      ...x.portals.filter((p) => mine(p.origin)).map((p) => p.column),
      `${portalOf(x, 'xinyang').origin}/zwgk/`,
      `${portalOf(x, 'shangqiu').origin}/api/article/list?columnId=1095&page=1&size=8`,
    ];
    for (const url of urls) {
      const res = await fetchWith(url);
      assert.equal(res.status, 200, url);
      assert.deepEqual(offLoopback(res.text), [], url);
      assert.doesNotMatch(res.text, /"url":"https?:/, url);
    }
  });
});

describe('simulated portals: politeness (faults, concurrency, latency)', () => {
  let x: SimulatedPortals;
  before(async () => {
    x = await startSimulatedPortals({ only: ['henan', 'luyi'], slow: { portal: 'henan', latencyMs: 120 }, flaky: { portal: 'luyi', every429: 5, every503: 3, retryAfterSeconds: 7 } });
  });
  after(async () => {
    await x.close();
  });

  it('a flaky host answers 429/503 on a fixed schedule (robots.txt not counted); resetStats restarts it', async () => {
    const luyi = portalOf(x, 'luyi');
    assert.equal((await fetchWith(`${luyi.origin}/robots.txt`)).status, 404, 'robots.txt: not a fault, not counted');
    const answers = [];
    for (let n = 1; n <= 15; n++) answers.push(await fetchWith(luyi.seed.start[0]!));
    assert.deepEqual(answers.map((a) => a.status), [200, 200, 503, 200, 429, 503, 200, 200, 503, 429, 200, 503, 200, 200, 429]);
    assert.deepEqual(answers.filter((a) => a.status === 429).map((a) => a.retryAfter), ['7', '7', '7']);
    assert.deepEqual(answers.filter((a) => a.status === 503).map((a) => a.retryAfter), ['7', null, '7', null], '503 with and without Retry-After');
    assert.match(answers[2]!.text, /503 Service Temporarily Unavailable/);
    const logged = x.requestLog.filter((r) => r.portal === 'luyi');
    assert.deepEqual(logged.map((r) => r.status), [404, ...answers.map((a) => a.status)]);
    const log = x.requestLog;
    x.resetStats();
    assert.equal(x.requestLog, log, 'same array');
    assert.equal(log.length, 0);
    const again = [];
    for (let n = 1; n <= 5; n++) again.push((await fetchWith(luyi.seed.start[0]!)).status);
    assert.deepEqual(again, [200, 200, 503, 200, 429]);
    // A plan on one host leaves the others alone.
    for (let n = 0; n < 6; n++) assert.equal((await fetchWith(portalOf(x, 'henan').seed.start[0]!)).status, 200);
  });

  it('maxInFlight counts requests from arrival until the response is sent; the slow host is slow', async () => {
    x.resetStats();
    assert.equal(x.maxInFlight('henan'), 0);
    const henan = portalOf(x, 'henan');
    const t0 = Date.now();
    await Promise.all(x.expected.filter((e) => e.portal === 'henan').slice(0, 5).map((e) => fetchWith(e.url)));
    assert.ok(Date.now() - t0 >= 115, 'latency of the slow host');
    assert.equal(x.maxInFlight('henan'), 5);
    for (const e of x.expected.filter((r) => r.portal === 'henan').slice(0, 3)) await fetchWith(e.url);
    assert.equal(x.maxInFlight('henan'), 5, 'a maximum, not the current count');
    const t1 = Date.now();
    await fetchWith(`${henan.origin}/robots.txt`);
    assert.ok(Date.now() - t1 >= 115);
    x.resetStats();
    const t2 = Date.now();
    await fetchWith(`${portalOf(x, 'luyi').origin}/`);
    assert.ok(Date.now() - t2 < 100, 'the other host is fast');
    assert.equal(x.maxInFlight('luyi'), 1);
    assert.equal(x.maxInFlight('henan'), 0);
    assert.equal(x.requestLog.length, 1);
  });
});

describe('simulated portals: publish and revise between runs', () => {
  let x: SimulatedPortals;
  before(async () => {
    x = await startSimulatedPortals({ extras: true, deep: { pages: 20 } });
  });
  after(async () => {
    await x.close();
  });

  /** The first non-pinned item of listing page 1, as each portal's style lists it. */
  async function topItem(id: string): Promise<string> {
    const p = portalOf(x, id);
    if (id === 'shangqiu') {
      const api = JSON.parse((await fetchWith(`${p.origin}/api/article/list?columnId=1095&page=1&size=8`)).text) as { list: { url: string }[] };
      return `${p.origin}${api.list[0]!.url}`;
    }
    const res = await fetchWith(p.column);
    const html = id === 'luyi' ? iconv.decode(res.bytes, 'gbk') : id === 'xiangfu' ? iconv.decode(res.bytes, 'gb18030') : res.text;
    const links = id === 'xiangfu' ? [...html.matchAll(/<record><!\[CDATA\[<li><a href="([^"]+)"/g)].map((m) => new URL(m[1]!, p.column).href) : listedLinks(html, p.column);
    return links[id === 'kaifeng' ? 1 : 0]!;
  }

  it('publish: a new report tops listing page 1 in every listing style, is served, and joins expected', async () => {
    for (const id of ['henan', 'luyi', 'xiangfu', 'shangqiu', 'xinyang', 'kaifeng']) {
      const p = portalOf(x, id);
      const before = x.expected.length;
      const listingBefore = await fetchWith(p.column);
      const previousTop = await topItem(id);
      const e = x.publish(id);
      assert.equal(x.expected.length, before + 1);
      assert.equal(x.expected.at(-1), e);
      assert.equal(e.portal, id);
      assert.equal(await topItem(id), e.url, `${id}: listed first`);
      assert.notEqual(previousTop, e.url);
      assert.ok(e.title.includes(e.issuer) && e.title.includes(`${e.year}年`), e.title);
      assert.equal(e.year, Number(e.published.slice(0, 4)) - 1);
      const page = await fetchWith(e.url);
      assert.equal(page.status, 200);
      const text = id === 'luyi' ? iconv.decode(page.bytes, 'gbk') : id === 'xiangfu' ? iconv.decode(page.bytes, 'gb18030') : page.text;
      assert.ok(text.includes(e.title), `${id}: page shows the title`);
      assert.ok(e.body!.length > 500);
      if (id !== 'shangqiu' && id !== 'luyi') {
        const listingAfter = await fetchWith(p.column);
        assert.notEqual(listingAfter.etag, listingBefore.etag, `${id}: listing ETag changes`);
        assert.ok(Date.parse(listingAfter.lastModified!) > Date.parse(listingBefore.lastModified!), `${id}: Last-Modified moves on`);
        assert.equal((await fetchWith(p.column, { 'if-none-match': listingBefore.etag! })).status, 200);
      }
    }
    // The pinned report stays on top of kaifeng's page 1.
    const kf = portalOf(x, 'kaifeng');
    assert.match((await fetchWith(kf.column)).text, /<li class="zd"><span class="zd-tag">\[置顶\]<\/span><a href="[^"]+" title="开封市人民政府2022年/);
    // Two in a row: newest first, a day apart.
    const a = x.publish('henan');
    const b = x.publish('henan');
    assert.notEqual(a.issuer, b.issuer);
    assert.ok(b.published > a.published);
    assert.equal(await topItem('henan'), b.url);
    assert.throws(() => x.publish('yunnan'), /does not change between runs/);
    assert.throws(() => x.publish('nowhere'), /no simulated portal/);
  });

  it('revise: the page changes silently (new ETag and Last-Modified, same listing); expected is updated in place', async () => {
    const pick = (id: string, f: (e: ExpectedReport) => boolean = () => true) => x.expected.find((e) => e.portal === id && f(e))!;
    const cases = [
      pick('henan', (e) => e.seed === 'henan-province-2018'),
      pick('henan', (e) => e.title === '河南省财政厅2019年政府信息公开工作年度报告'),
      pick('kaifeng', (e) => e.year === 2012),
      pick('shangqiu'),
      pick('xinyang'),
      pick('xiangfu', (e) => e.year === 2018),
      pick('luyi', (e) => e.year === 2018),
    ];
    for (const e of cases) {
      const p = x.portals.find((q) => q.seed.id === e.portal)!;
      const decode = (b: Buffer) => (e.portal === 'luyi' ? iconv.decode(b, 'gbk') : e.portal === 'xiangfu' ? iconv.decode(b, 'gb18030') : b.toString('utf8'));
      const listing = await fetchWith(p.column);
      const old = await fetchWith(e.url);
      const oldBody = e.body!;
      const figures = e.figures;
      const r = x.revise(e.url);
      assert.equal(r, e, 'the same expectation object');
      assert.notEqual(e.body, oldBody);
      assert.equal(e.seed, undefined);
      assert.deepEqual(e.figures, figures, 'figures untouched');
      const changed = e.body!.split('\n').filter((l, i) => l !== oldBody.split('\n')[i]);
      assert.equal(changed.length, 1, `${e.title}: one paragraph corrected`);
      const now = await fetchWith(e.url, old.etag ? { 'if-none-match': old.etag } : {});
      assert.equal(now.status, 200, `${e.title}: old ETag no longer matches`);
      assert.ok(decode(now.bytes).includes(inlineText(changed[0]!)), `${e.title}: served page has the correction`);
      if (e.portal !== 'luyi') {
        assert.notEqual(now.etag, old.etag);
        assert.ok(Date.parse(now.lastModified!) > Date.parse(old.lastModified!), `${e.title}: Last-Modified moves on`);
        assert.equal((await fetchWith(p.column)).etag, listing.etag, `${e.title}: listing untouched`);
      }
    }
    assert.throws(() => x.revise(x.decoys[0]!), /not an expected report/);
  });
});

describe('startManyPortals', () => {
  it('starts 50 small portals (2–3 listing pages, 3–4 reports each), validators on four in five', async () => {
    const t0 = Date.now();
    const many = await startManyPortals({ count: 50, latencyMs: 0 });
    try {
      assert.equal(many.portals.length, 50);
      assert.equal(new Set(many.portals.map((p) => p.origin)).size, 50);
      assert.ok(Date.now() - t0 < 5000);
      let validated = 0;
      for (const p of many.portals) {
        assert.match(p.seed.id, /^county-41\d{4}$/);
        assert.match(p.seed.name, /[县市]人民政府$/);
        const mine = many.expected.filter((e) => e.portal === p.seed.id);
        assert.ok(mine.length >= 3 && mine.length <= 4, p.seed.id);
        const res = await fetchWith(p.seed.start[0]!);
        assert.equal(res.status, 200);
        if (res.etag) validated++;
        const html = res.etag ? res.text : iconv.decode(res.bytes, 'gbk');
        const pages = res.etag ? Number(/createPageHTML\((\d+), 0/.exec(html)?.[1]) : Number(/页次：<strong><font color="red">1<\/font>\/(\d+)<\/strong>/.exec(html)?.[1]);
        assert.ok(pages === 2 || pages === 3, `${p.seed.id}: ${pages} pages`);
        assert.deepEqual(offLoopback(html), []);
      }
      assert.equal(validated, 40);
      const e = many.publish(many.portals[0]!.seed.id);
      assert.equal((await fetchWith(e.url)).status, 200);
    } finally {
      await many.close();
    }
  });
});
