import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ReportArchive } from '../src/archive/report-archive.js';
import { findReports, getReport, countByRegionYear, spamByPortal } from '../src/query/report-query.js';
import { toExported } from '../src/query/export-record.js';
import { figureAcross, presentFigureKeys, storedFigureKeys } from '../src/query/figure-query.js';
import type { FetchedPage, ReportRecord } from '../src/types.js';

let dir: string;
let archive: ReportArchive;

function record(overrides: Partial<ReportRecord>): ReportRecord {
  return {
    url: 'http://www.luyi.gov.cn/zwgk/ndbg/t1.html',
    portal: 'luyi',
    title: '鹿邑县人民政府2019年政府信息公开工作年度报告',
    year: 2019,
    region: { code: '411628', name: '鹿邑县' },
    issuer: '鹿邑县人民政府',
    published: '2020-01-15',
    text: '一、总体情况\n本年度未发生政府信息公开行政复议案件。\n[图片:t.jpg]',
    images: [{ url: 'http://www.luyi.gov.cn/t.jpg', ref: '[图片:t.jpg]', file: 't.jpg' }],
    encoding: 'gb18030',
    spam: [],
    tables: [],
    statistics: { figures: {}, checks: [], uncertain: [] },
    ...overrides,
  };
}

function page(url: string, body = '<html>原始字节</html>'): FetchedPage {
  return { url, finalUrl: url, status: 200, headers: { 'content-type': 'text/html' }, body: Buffer.from(body), fetchedAt: '2026-01-01T00:00:00.000Z' };
}

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'xxgk-archive-'));
  archive = new ReportArchive(dir);
  const luyi = record({});
  await archive.save(luyi, page(luyi.url), [{ file: 't.jpg', bytes: Buffer.from([0xff, 0xd8, 0xff]) }]);
  const office = record({
    url: 'http://www.henan.gov.cn/zwgk/office.html',
    portal: 'henan',
    title: '河南省人民政府办公厅2019年政府信息公开工作年度报告',
    region: { code: '410000', name: '河南省' },
    issuer: '河南省人民政府办公厅',
    text: '本年新收政府信息公开申请2800件。',
    images: [],
    tables: [{ title: '三、收到和处理政府信息公开申请情况', source: 'text', rows: [['一、本年新收政府信息公开申请数量', '2790', '10', '0', '0', '0', '0', '2800']] }],
    statistics: {
      template: '2019',
      figures: { 'applications.new.total': 2800, 'applications.new.natural': 2790 },
      checks: [{ rule: 'applications.new: total = sum of applicant columns', ok: true, detail: '2800 = 2790 + 10 + 0 + 0 + 0 + 0' }],
      uncertain: ['applications.new.natural'],
    },
  });
  await archive.save(office, page(office.url), []);
  const henan = record({
    url: 'http://www.henan.gov.cn/zwgk/t2.html',
    portal: 'henan',
    title: '河南省2018年政府信息公开工作年度报告',
    year: 2018,
    region: { code: '410000', name: '河南省' },
    issuer: '河南省人民政府',
    text: '全省共收到政府信息公开申请。行政诉讼案件若干。',
    images: [],
    spam: [
      { kind: 'hijacked-domain', found: 'www.topless40.com', replacement: '', where: 'page' },
      { kind: 'substitution', found: '365体育备用网址', replacement: '政府信息公开', where: 'text:1' },
    ],
  });
  await archive.save(henan, page(henan.url), []);
  const kaifeng = record({
    url: 'http://www.kfx.gov.cn/art/2014/t3.html',
    portal: 'xiangfu',
    title: '开封县人民政府2013年政府信息公开工作年度报告',
    year: 2013,
    region: { code: '410212', name: '开封县' },
    issuer: '开封县人民政府',
    text: '开封县政府信息公开工作。',
    images: [],
  });
  await archive.save(kaifeng, page(kaifeng.url), []);
});

after(async () => {
  archive.close();
  await rm(dir, { recursive: true, force: true });
});

test('files land under archive/<region>/<year>/ with raw bytes untouched', async () => {
  const [luyi] = findReports(archive.db, { portal: 'luyi' });
  assert.ok(luyi);
  assert.match(luyi.folder, /^archive\/411628\/2019\/[0-9a-f]{16}$/);
  assert.equal(await readFile(join(dir, luyi.folder, 'page.html'), 'utf8'), '<html>原始字节</html>');
  assert.deepEqual([...(await readFile(join(dir, luyi.folder, 'images', 't.jpg')))], [0xff, 0xd8, 0xff]);
  const meta = JSON.parse(await readFile(join(dir, luyi.folder, 'meta.json'), 'utf8'));
  assert.equal(meta.region.code, '411628');
  assert.ok((await stat(join(dir, luyi.folder, 'text.txt'))).size > 0);
});

test('saving the same report again changes nothing; a changed one is updated in place', async () => {
  const before = findReports(archive.db).length;
  const same = await archive.save(record({}), page(record({}).url), []);
  assert.equal(same.outcome, 'unchanged');
  const changed = await archive.save(record({ text: '一、总体情况\n修订后的文本，行政复议。' }), page(record({}).url), []);
  assert.equal(changed.outcome, 'updated');
  assert.equal(changed.id, same.id);
  assert.equal(findReports(archive.db).length, before);
  assert.match(getReport(archive.db, same.id)!.text, /修订后/);
  // Restore for the other tests.
  await archive.save(record({}), page(record({}).url), [{ file: 't.jpg', bytes: Buffer.from([0xff, 0xd8, 0xff]) }]);
});

test('region filter: code, province code covering its counties, names old and new', () => {
  const titles = (region: string) => findReports(archive.db, { region }).map((r) => r.portal).sort();
  assert.deepEqual(titles('411628'), ['luyi']);
  assert.deepEqual(titles('410000'), ['henan', 'henan', 'luyi', 'xiangfu']);
  assert.deepEqual(titles('鹿邑县'), ['luyi']);
  assert.deepEqual(titles('开封县'), ['xiangfu'], 'the name used in the report still finds it');
  assert.deepEqual(titles('祥符区'), ['xiangfu'], "today's name finds the report filed under the old one");
  assert.deepEqual(titles('530000'), []);
});

test('text search works for two-character words and longer phrases, combined with filters', () => {
  const ids = (filter: Parameters<typeof findReports>[1]) => findReports(archive.db, filter).map((r) => r.portal).sort();
  assert.deepEqual(ids({ text: '复议' }), ['luyi']);
  assert.deepEqual(ids({ text: '诉讼' }), ['henan']);
  assert.deepEqual(ids({ text: '政府信息公开' }), ['henan', 'henan', 'luyi', 'xiangfu']);
  assert.deepEqual(ids({ text: '政府信息公开 复议' }), ['luyi']);
  assert.deepEqual(ids({ text: '政府信息公开', year: 2018 }), ['henan']);
  assert.deepEqual(ids({ text: '不存在的词语' }), []);
});

test('export shape carries the stable fields', () => {
  const [luyi] = findReports(archive.db, { portal: 'luyi' });
  const exported = toExported(luyi!);
  assert.deepEqual(Object.keys(exported).slice(0, 9), ['id', 'url', 'portal', 'title', 'year', 'region', 'issuer', 'published', 'text']);
  assert.deepEqual(exported.region, { code: '411628', name: '鹿邑县' });
  assert.equal(exported.year, 2019);
  assert.equal(exported.images[0]!.ref, '[图片:t.jpg]');
});

test('counts per region and year', () => {
  assert.deepEqual(
    countByRegionYear(archive.db).map((c) => `${c.regionCode}/${c.year}:${c.reports}`),
    ['410000/2018:1', '410000/2019:1', '410212/2013:1', '411628/2019:1'],
  );
});

test('spam findings are kept in order, exported, and list compromised portals', () => {
  const [henan] = findReports(archive.db, { spam: true });
  assert.equal(henan?.portal, 'henan');
  assert.equal(findReports(archive.db, { spam: true }).length, 1);
  assert.deepEqual(toExported(henan!).spam, [
    { kind: 'hijacked-domain', found: 'www.topless40.com', replacement: '', where: 'page' },
    { kind: 'substitution', found: '365体育备用网址', replacement: '政府信息公开', where: 'text:1' },
  ]);
  assert.deepEqual(spamByPortal(archive.db), [{ portal: 'henan', reports: 1, findings: 2, kinds: 'hijacked-domain,substitution' }]);
});

test('tables, figures and checks are stored with the report and queried across reports', () => {
  const rows = figureAcross(archive.db, 'applications.new.total', { year: 2019 });
  assert.deepEqual(rows.map((r) => [r.issuer, r.value, r.uncertain]), [['河南省人民政府办公厅', 2800, false]]);
  assert.equal(figureAcross(archive.db, 'applications.new.natural')[0]?.uncertain, true);
  assert.deepEqual(figureAcross(archive.db, 'applications.new.total', { year: 2018 }), []);
  const [office] = findReports(archive.db, { text: '本年新收' });
  const exported = toExported(office!);
  assert.equal(exported.template, '2019');
  assert.deepEqual(exported.tables[0]!.rows[0], ['一、本年新收政府信息公开申请数量', '2790', '10', '0', '0', '0', '0', '2800']);
  assert.equal(exported.tables[0]!.source, 'text');
  assert.deepEqual(exported.figures, { 'applications.new.natural': 2790, 'applications.new.total': 2800 });
  assert.equal(exported.checks[0]!.ok, true);
  assert.deepEqual(exported.uncertain, ['applications.new.natural']);
  // Each figure row carries its report's check results, as counted from the checks themselves.
  for (const r of figureAcross(archive.db, 'applications.new.total')) {
    const counted = archive.db.prepare('SELECT count(*) AS n, coalesce(sum(ok = 0), 0) AS failed FROM report_checks WHERE report_id = ?').get(r.id) as { n: number; failed: number };
    assert.deepEqual([r.checks, r.failedChecks], [counted.n, counted.failed]);
    assert.ok(r.checks > 0);
  }
  // The web view's key list steps through the key index; it names exactly the keys stored.
  assert.deepEqual(presentFigureKeys(archive.db), storedFigureKeys(archive.db).map((k) => k.key));
  assert.deepEqual(presentFigureKeys(archive.db), ['applications.new.natural', 'applications.new.total']);
});
