/**
 * `xxgk serve` in a real browser (Chromium through Playwright) over a crawled archive: the region
 * tree down to the 鹿邑县 2019 report, its table 三 and its failed checks, a search for 复议, the
 * coverage matrix with a missing year, a figure's chart and CSV download; and an archived string
 * carrying markup shows as text and runs nothing. Screenshots go to the system's temp directory.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startSimulatedPortals, type SimulatedPortals } from '../sim/portals.js';
import { crawlWith, tempStorage } from './helpers/crawl-sim.js';
import { openArchiveDb, type Db } from '../src/archive/archive-db.js';
import { buildServer, CONTENT_SECURITY_POLICY } from '../src/serve/server.js';
import { regionSummary, type RegionNode } from '../src/serve/views/browse.js';
import { findChromium } from '../src/crawl/browser/find-chromium.js';
import type { FastifyInstance } from 'fastify';

let sim: SimulatedPortals;
let dir: string;
let db: Db;
let app: FastifyInstance;
let base: string;
let browser: Browser | undefined;
let shots: string;
const HOSTILE = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">';

before(async () => {
  sim = await startSimulatedPortals({ only: ['luyi', 'zhoukou', 'xiangfu', 'yunnan'] });
  dir = await tempStorage('serve');
  await crawlWith(dir, sim.seeds);
  // Markup that slipped past the spam stage into a report's title, text and a spam finding.
  const writer = openArchiveDb(join(dir, 'archive.sqlite'));
  const victim = writer.prepare("SELECT id FROM reports WHERE portal = 'yunnan' ORDER BY id LIMIT 1").get() as { id: number };
  writer.prepare('UPDATE reports SET title = title || ?, text = ? || text WHERE id = ?').run(HOSTILE, `${HOSTILE}\n`, victim.id);
  writer.prepare('UPDATE report_spam SET found = ? WHERE report_id = ?').run(HOSTILE, victim.id);
  writer.close();
  db = openArchiveDb(join(dir, 'archive.sqlite'), { readonly: true });
  app = buildServer({ db, storageDir: dir });
  await app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const executablePath = findChromium();
  if (executablePath) browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  shots = await mkdtemp(join(tmpdir(), 'xxgk-serve-shots-'));
  console.log(`# screenshots: ${shots}`);
});

after(async () => {
  await browser?.close();
  await app?.close();
  db?.close();
  await sim?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function tab(t: { skip: (m: string) => void }): Promise<Page | undefined> {
  if (!browser) {
    t.skip('no chromium');
    return undefined;
  }
  const page = await browser.newPage({ acceptDownloads: true });
  page.on('pageerror', (e) => assert.fail(`script error in the page: ${e.message}`));
  return page;
}

test('region tree → 鹿邑县 → 2019 → the report, its table 三 and its failed checks', async (t) => {
  const page = await tab(t);
  if (!page) return;
  await page.goto(`${base}/`);
  await page.getByRole('link', { name: '周口市', exact: true }).click();
  await page.getByRole('link', { name: '鹿邑县', exact: true }).click();
  await page.getByRole('link', { name: /^2019/ }).first().click();
  await page.getByRole('link', { name: '鹿邑县人民政府2019年政府信息公开工作年度报告' }).click();
  await page.getByRole('heading', { name: /三、收到和处理政府信息公开申请情况/ }).waitFor();
  const failed = await page.locator('.failed-checks li').allTextContents();
  assert.ok(failed.length > 0, 'failed checks are listed');
  assert.match(failed[0]!, /≠/, 'with their numbers');
  await page.screenshot({ path: join(shots, 'report.png'), fullPage: true });
  await page.close();
});

test('search 复议: ranked hits with the word marked', async (t) => {
  const page = await tab(t);
  if (!page) return;
  await page.goto(`${base}/`);
  await page.getByRole('textbox', { name: 'search' }).fill('复议');
  await page.getByRole('textbox', { name: 'search' }).press('Enter');
  await page.locator('p.total').waitFor();
  assert.match((await page.locator('p.total').textContent())!, /^\d+ reports match/);
  const marks = await page.locator('.hits mark').allTextContents();
  assert.ok(marks.length > 0 && marks.every((m) => m === '复议'), marks.join(','));
  await page.screenshot({ path: join(shots, 'search.png'), fullPage: true });
  // Narrowed to departments' reports from the form: fewer hits, no government's own.
  const all = Number(/^(\d+)/.exec((await page.locator('p.total').textContent())!)![1]);
  await page.getByRole('combobox', { name: 'kind' }).selectOption('department');
  await page.getByRole('main').getByRole('button', { name: '搜索' }).click();
  await page.waitForURL(/kind=department/);
  const departments = Number(/^(\d+)/.exec((await page.locator('p.total').textContent())!)![1]);
  assert.ok(departments > 0 && departments < all, `${departments} of ${all}`);
  const issuers = await page.locator('.hits .meta').allTextContents();
  assert.ok(issuers.every((m) => !/政府$/.test(m.trim())), issuers.join(' | '));
  await page.close();
});

test('coverage of 周口市: a missing year is marked, and the gaps download as CSV', async (t) => {
  const page = await tab(t);
  if (!page) return;
  await page.goto(`${base}/coverage?region=411600`);
  const row = page.locator('table.coverage tr', { hasText: '周口市人民政府' });
  assert.ok((await row.locator('td.missing').count()) > 0, 'a missing year for 周口市人民政府');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /gaps/ }).click()]);
  const csv = await readFile((await download.path())!, 'utf8');
  assert.match(csv.split('\n')[0]!, /^region,name,issuer,kind,year,deadline/);
  assert.match(csv, /周口市人民政府,government,\d{4}/);
  await page.screenshot({ path: join(shots, 'coverage.png'), fullPage: true });
  await page.close();
});

test('a figure across regions: chart drawn from the API, table, CSV download', async (t) => {
  const page = await tab(t);
  if (!page) return;
  await page.goto(`${base}/figures?key=applications.new.total`);
  await page.locator('#chart[data-drawn]').waitFor();
  const drawn = Number(await page.locator('#chart').getAttribute('data-drawn'));
  const rows = await page.locator('table.figures tbody tr').count();
  assert.ok(drawn > 1 && drawn === rows, `${drawn} bars, ${rows} rows`);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download CSV' }).click()]);
  const lines = (await readFile((await download.path())!, 'utf8')).trim().split('\n');
  assert.equal(lines.length, rows + 1);
  await page.screenshot({ path: join(shots, 'figures.png'), fullPage: true });
  await page.close();
});

test('archived markup is shown as text and runs nothing; every answer carries the policy', async (t) => {
  const response = await fetch(`${base}/search?q=${encodeURIComponent('window.__pwned')}`);
  assert.equal(response.headers.get('content-security-policy'), CONTENT_SECURITY_POLICY);
  const body = await response.text();
  assert.ok(!body.includes('<script>window'), 'no raw markup in the page');
  const raw = await fetch(`${base}/report/1/raw`);
  assert.match(raw.headers.get('content-disposition') ?? '', /^attachment/);
  assert.equal(raw.headers.get('content-type'), 'application/octet-stream');
  const page = await tab(t);
  if (!page) return;
  const victim = (db.prepare('SELECT id FROM reports WHERE instr(title, ?) > 0').get('<script>') as { id: number }).id;
  await page.goto(`${base}/report/${victim}`);
  await page.locator('section.text p').first().waitFor();
  assert.ok((await page.locator('section.text').textContent())!.includes('<script>window.__pwned = 1</script>'), 'the markup is there, as text');
  assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);
  assert.equal(await page.locator('main script, main img').count(), 0);
  await page.close();
});

test('spam: the affected reports and compromised portals, each report showing what was removed', async (t) => {
  const page = await tab(t);
  if (!page) return;
  await page.goto(`${base}/`);
  await page.getByRole('navigation').getByRole('link', { name: /Spam/ }).click();
  const rows = page.locator('table.spam-reports tbody tr');
  await rows.first().waitFor();
  const want = (db.prepare('SELECT count(DISTINCT report_id) AS n FROM report_spam').get() as { n: number }).n;
  assert.ok(want > 0);
  assert.equal(await rows.count(), want);
  await rows.first().getByRole('link').click();
  await page.locator('section.spam').waitFor();
  assert.ok((await page.locator('section.spam tbody tr').count()) > 0, 'the findings are listed');
  await page.screenshot({ path: join(shots, 'spam.png'), fullPage: true });
  await page.close();
});

test('JSON API: reports a page at a time with the export fields, the spam-affected ones, one report whole', async () => {
  const get = async (path: string) => (await fetch(`${base}${path}`)).json() as Promise<{ total: number; page: number; pageSize: number; reports: Record<string, unknown>[] }>;
  const spam = await get('/api/reports?spam=1');
  const want = (db.prepare('SELECT count(DISTINCT report_id) AS n FROM report_spam').get() as { n: number }).n;
  assert.ok(want > 0);
  assert.equal(spam.total, want);
  const [first, second] = [await get('/api/reports?pageSize=3'), await get('/api/reports?pageSize=3&page=2')];
  assert.equal(first.total, (db.prepare('SELECT count(*) AS n FROM reports').get() as { n: number }).n);
  assert.equal(first.reports.length, 3);
  assert.equal(new Set([...first.reports, ...second.reports].map((r) => r.id)).size, 6, 'pages do not overlap');
  for (const key of ['id', 'url', 'region', 'issuer', 'figures', 'checks', 'tables', 'spam']) assert.ok(key in first.reports[0]!, key);
  assert.ok(!('text' in first.reports[0]!));
  const one = (await (await fetch(`${base}/api/reports/${first.reports[0]!.id}`)).json()) as { text: string };
  assert.ok(one.text.length > 100);
  assert.equal((await fetch(`${base}/api/reports/999999`)).status, 404);

  // Level and issuer kind narrow search and lists alike, and agree with the codes and issuers.
  type Hit = { regionCode: string; issuer: string };
  const search = async (query: string) => (await (await fetch(`${base}/api/search?${query}`)).json()) as { total: number; hits: Hit[] };
  const county = await search(`q=${encodeURIComponent('公开')}&level=county&pageSize=100`);
  const province = await search(`q=${encodeURIComponent('公开')}&level=province&pageSize=100`);
  assert.ok(county.total > 0 && province.total > 0);
  assert.ok(county.hits.every((h) => !h.regionCode.endsWith('00')) && province.hits.every((h) => h.regionCode.endsWith('0000')));
  const governments = await get('/api/reports?kind=government&pageSize=1000');
  const departments = await get('/api/reports?kind=department&pageSize=1000');
  assert.equal(governments.total + departments.total, first.total);
  assert.ok(governments.reports.every((r) => /政府$/.test(r.issuer as string)) && departments.reports.every((r) => !/政府$/.test(r.issuer as string)));
});

test('region tree: province → city → county, every count the sum of the node\'s own reports and its children\'s', async () => {
  const tree = (await (await fetch(`${base}/api/regions`)).json()) as RegionNode[];
  const total = (db.prepare('SELECT count(*) AS n FROM reports').get() as { n: number }).n;
  assert.equal(tree.reduce((s, n) => s + n.reports, 0), total);
  const walk = (n: RegionNode): void => {
    assert.equal(n.reports, n.own.government + n.own.departments + n.children.reduce((s, c) => s + c.reports, 0), n.code);
    assert.equal(Object.values(n.years).reduce((s, c) => s + c, 0), n.reports, n.code);
    n.children.forEach(walk);
  };
  tree.forEach(walk);
  const henan = tree.find((n) => n.code === '410000')!;
  const luyi = henan.children.find((c) => c.code === '411600')!.children.find((c) => c.code === '411628')!;
  assert.equal(luyi.name, '鹿邑县');
  assert.ok(luyi.own.government > 0);
  // The front page's two levels, counted from code prefixes, are the full tree's top two levels.
  type Top = { code: string; name: string; reports: number; years: Record<number, number>; children: Top[] };
  const topTwo = (nodes: RegionNode[], depth = 1): Top[] =>
    nodes.map((n) => ({ code: n.code, name: n.name, reports: n.reports, years: n.years, children: depth < 2 ? topTwo(n.children, depth + 1) : [] }));
  assert.deepEqual(regionSummary(db), topTwo(tree));
  // A city's page lists its counties, each linking to its own page.
  const zhoukou = await (await fetch(`${base}/region/411600`)).text();
  assert.match(zhoukou, /<a href="\/region\/411628">鹿邑县<\/a>/);
});
