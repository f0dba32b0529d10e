/**
 * The whole pipeline against the simulated portals: crawl once into a temporary storage folder,
 * then check what a user of the archive would check.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulatedPortals, seedReportBody, DEMO_OPTIONS } from '../sim/portals.js';
import type { SimulatedPortals } from '../sim/types.js';
import { ReportArchive } from '../src/archive/report-archive.js';
import { findReports } from '../src/query/report-query.js';
import { looksLikeMojibake } from '../src/decode/verify-text.js';
import type { CrawlEvent, CrawlMode, CrawlSummary } from '../src/crawl/crawl-events.js';
import type { ArchivedReport } from '../src/types.js';
import { bigramF1, charF1 } from './helpers/text-f1.js';
import { runCli } from './helpers/run-cli.js';
import { DEMO_PORTS, freePortBlock } from './helpers/free-ports.js';
import { crawlInto, tempStorage } from './helpers/crawl-sim.js';

let sim: SimulatedPortals;
let dir: string;
let first: CrawlSummary;
let events: CrawlEvent[] = [];
let archived: ArchivedReport[];

function crawlOnce(mode: CrawlMode = 'nightly'): Promise<CrawlSummary> {
  return crawlInto(dir, sim.seeds, events, undefined, mode);
}

/** The text as it was before injection, longest injected strings first (they nest). */
function undoSpam(text: string, injected: { found: string; original: string }[]): string {
  return [...injected]
    .sort((a, b) => b.found.length - a.found.length)
    .reduce((t, { found, original }) => t.split(found).join(original), text);
}

function archivedByUrl(): Map<string, ArchivedReport> {
  return new Map(archived.map((r) => [r.url, r]));
}

before(async () => {
  sim = await startSimulatedPortals({ extras: true });
  dir = await tempStorage('e2e');
  first = await crawlOnce();
  const archive = new ReportArchive(dir);
  archived = findReports(archive.db);
  archive.close();
});

after(async () => {
  await sim?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

test('the crawl ends without errors on any portal', () => {
  const errors = events.filter((e) => e.type === 'error');
  assert.deepEqual(errors, []);
  for (const portal of sim.seeds) assert.ok(first.portals[portal.id]!.listingPages > 0, `${portal.id} listing was read`);
});

test('exactly the report pages are archived, none of the decoys', () => {
  const urls = new Set(archived.map((r) => r.url));
  const missing = sim.expected.filter((e) => !urls.has(e.url)).map((e) => `${e.portal}: ${e.title}`);
  assert.deepEqual(missing, [], 'every expected report is archived');
  const decoys = sim.decoys.filter((d) => urls.has(d));
  assert.deepEqual(decoys, [], 'no decoy is archived');
  assert.equal(archived.length, sim.expected.length);
});

test('each report is filed with the right year, region, issuer, title and date', () => {
  const byUrl = archivedByUrl();
  for (const expected of sim.expected) {
    const got = byUrl.get(expected.url);
    if (!got) continue; // reported by the previous test
    const label = `${expected.portal} ${expected.title}`;
    assert.equal(got.title, expected.title, label);
    assert.equal(got.year, expected.year, label);
    assert.deepEqual(got.region, expected.region, label);
    assert.equal(got.issuer, expected.issuer, label);
    assert.equal(got.published, expected.published, label);
    assert.equal(got.portal, expected.portal, label);
  }
});

test('no stored text is mojibake, and characters outside GB2312 survive', async () => {
  for (const report of archived) {
    assert.ok(!report.text.includes('\uFFFD') && !report.title.includes('\uFFFD'), report.url);
    assert.ok(!looksLikeMojibake(report.text), `mojibake in ${report.url}`);
    const onDisk = await readFile(join(dir, report.folder, 'text.txt'), 'utf8');
    assert.ok(!looksLikeMojibake(onDisk), `mojibake on disk in ${report.folder}`);
  }
  const byUrl = archivedByUrl();
  const withRare = sim.expected.filter((e) => e.gb18030Only?.length);
  assert.ok(withRare.length > 0, 'the simulated portals include GB18030-only characters');
  for (const expected of withRare) {
    for (const ch of expected.gb18030Only!) assert.ok(byUrl.get(expected.url)?.text.includes(ch), `${ch} in ${expected.url}`);
  }
});

test('the clean body of each report matches its source text (character F1 ≥ 0.98)', () => {
  const byUrl = archivedByUrl();
  assert.equal(sim.expected.filter((e) => e.seed).length, 5, 'all five seed reports are served');
  for (const expected of sim.expected) {
    const got = byUrl.get(expected.url);
    assert.ok(got, expected.url);
    // Seed reports are judged against the seed file itself, with its labelled spam undone.
    const raw = expected.seed ? seedReportBody(expected.seed) : expected.body;
    if (raw === undefined) continue;
    const label = sim.spamLabels.find((l) => l.url === expected.url);
    const reference = expected.seed && label ? undoSpam(raw, label.injected) : raw;
    const unigram = charF1(got.text, reference);
    const bigram = bigramF1(got.text, reference);
    console.log(`# ${expected.seed ?? expected.title}: char F1 ${unigram.f1.toFixed(4)} (P ${unigram.precision.toFixed(4)} R ${unigram.recall.toFixed(4)}), bigram F1 ${bigram.f1.toFixed(4)}`);
    assert.ok(unigram.f1 >= 0.98, `${expected.url}: char F1 ${unigram.f1}`);
    assert.ok(bigram.f1 >= 0.97, `${expected.url}: bigram F1 ${bigram.f1}`);
  }
});

test('images inside the body are stored with the report and referenced at their place', async () => {
  const byUrl = archivedByUrl();
  const withImages = sim.expected.filter((e) => e.images.length);
  assert.ok(withImages.length >= 2);
  for (const expected of withImages) {
    const got = byUrl.get(expected.url)!;
    assert.deepEqual(
      got.images.map((i) => new URL(i.url).pathname.split('/').pop()),
      expected.images.map((name) => encodeURI(name)),
      expected.url,
    );
    let at = -1;
    for (const image of got.images) {
      const position = got.text.indexOf(image.ref);
      assert.ok(position > at, `${image.ref} appears in order in the text`);
      at = position;
    }
    const stored = await readdir(join(dir, got.folder, 'images'));
    assert.equal(stored.length, expected.images.length, `${expected.url} images stored`);
  }
});

test('a second full crawl (every page refetched) adds no duplicates and changes nothing', async () => {
  events = [];
  const second = await crawlOnce('full');
  const totals = Object.values(second.portals).reduce(
    (t, s) => ({ added: t.added + s.added, updated: t.updated + s.updated, unchanged: t.unchanged + s.unchanged }),
    { added: 0, updated: 0, unchanged: 0 },
  );
  assert.deepEqual(totals, { added: 0, updated: 0, unchanged: sim.expected.length });
  const archive = new ReportArchive(dir);
  try {
    assert.equal(findReports(archive.db).length, sim.expected.length);
  } finally {
    archive.close();
  }
});

test('export and query through the CLI give the same reports; search finds 复议 and 政府信息公开', async () => {
  const exported = await runCli(['export', '--format', 'jsonl', '--storage', dir]);
  assert.equal(exported.code, 0, exported.stderr);
  const lines = exported.stdout.trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(lines.length, sim.expected.length);
  for (const line of lines) {
    for (const key of ['id', 'url', 'portal', 'title', 'year', 'region', 'issuer', 'published', 'text']) assert.ok(key in line, key);
    assert.equal(typeof line.year, 'number');
    assert.match(line.region.code, /^\d{6}$/);
  }
  const queried = await runCli(['query', '--format', 'json', '--storage', dir]);
  assert.equal(queried.code, 0, queried.stderr);
  assert.deepEqual(JSON.parse(queried.stdout), lines);

  for (const word of ['复议', '政府信息公开']) {
    const result = await runCli(['query', '--text', word, '--format', 'json', '--storage', dir]);
    const found = new Set((JSON.parse(result.stdout) as { id: number }[]).map((r) => r.id));
    const shouldFind = lines.filter((l) => l.text.includes(word) || l.title.includes(word)).map((l) => l.id);
    assert.ok(shouldFind.length > 0, `some report contains ${word}`);
    assert.deepEqual([...found].sort(), shouldFind.sort(), `search for ${word}`);
  }
  const luyi = await runCli(['query', '--region', '411628', '--year', '2019', '--format', 'csv', '--storage', dir]);
  assert.equal(luyi.code, 0);
  assert.match(luyi.stdout.split('\n')[1] ?? '', /^\d+,2019,411628,鹿邑县,鹿邑县人民政府,/);
});

test('the CLI fails with a one-line reason and a usage exit code on bad input', async () => {
  const missing = await runCli(['query', '--storage', join(dir, 'nowhere')]);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /no archive at/);
  const badYear = await runCli(['query', '--year', 'last', '--storage', dir]);
  assert.equal(badYear.code, 2);
  const noReport = await runCli(['show', '99999', '--storage', dir]);
  assert.equal(noReport.code, 2);
  assert.match(noReport.stderr, /no report with id 99999/);
});

test('`xxgk demo` runs the bundled portals end to end and prints the archive per region and year', async () => {
  const demoDir = await mkdtemp(join(tmpdir(), 'xxgk-demo-'));
  try {
    // The demo's portals are more than this file's: what they must give comes from their own set.
    const demoSim = await startSimulatedPortals(DEMO_OPTIONS);
    const demoExpected = demoSim.expected;
    const demoIds = demoSim.seeds.map((s) => s.id);
    await demoSim.close();
    // The same ports for both runs: the second must see the same URLs.
    const basePort = String(await freePortBlock(DEMO_PORTS));
    const demo = await runCli(['demo', '--quiet', '--base-port', basePort, '--storage', demoDir]);
    assert.equal(demo.code, 0, demo.stderr);
    assert.match(demo.stdout, /archived, per region and year:/);
    for (const expected of demoExpected) {
      assert.match(demo.stdout, new RegExp(`${expected.region.code}\\s+${expected.region.name}\\s+${expected.year}\\s+\\d`));
    }
    const summary = await runCli(['query', '--format', 'json', '--storage', demoDir]);
    assert.equal(JSON.parse(summary.stdout).length, demoExpected.length);
    // The portals come back on the same ports: a second demo is a nightly run that finds nothing new.
    const again = await runCli(['demo', '--quiet', '--base-port', basePort, '--storage', demoDir]);
    assert.equal(again.code, 0, again.stderr);
    const table = again.stdout.split('\n').filter((l) => demoIds.includes(l.split(/\s+/)[0]!));
    assert.equal(table.length, demoIds.length);
    for (const row of table) assert.equal(row.split(/\s+/)[3], '0', `nothing added: ${row}`);
    const after = await runCli(['query', '--format', 'json', '--storage', demoDir]);
    assert.equal(JSON.parse(after.stdout).length, demoExpected.length);
  } finally {
    await rm(demoDir, { recursive: true, force: true });
  }
});
