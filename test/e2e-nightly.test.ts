/**
 * Nightly runs on the simulated portals (JS-rendered and homepage-only ones included): a run with
 * nothing new costs about one request per listing plus robots.txt; a report published between runs
 * is picked up; a silently revised report is stored as a new version by a recheck run.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { startSimulatedPortals, type SimulatedPortals } from '../sim/portals.js';
import { crawlWith, tempStorage, totals, TEST_USER_AGENT } from './helpers/crawl-sim.js';
import { ReportArchive } from '../src/archive/report-archive.js';
import { findReports, getReport } from '../src/query/report-query.js';
import { toExported } from '../src/query/export-record.js';
import { listVersions } from '../src/archive/report-versions.js';
import type { CrawlEvent } from '../src/crawl/crawl-events.js';

let sim: SimulatedPortals;
let dir: string;
const firstEvents: CrawlEvent[] = [];


function archivedUrls(): Set<string> {
  const archive = new ReportArchive(dir);
  try {
    return new Set(findReports(archive.db).map((r) => r.url));
  } finally {
    archive.close();
  }
}

before(async () => {
  sim = await startSimulatedPortals({ extras: true });
  dir = await tempStorage('nightly');
  const { summary } = await crawlWith(dir, sim.seeds, {}, firstEvents);
  assert.equal(totals(summary).errors, 0);
  assert.equal(totals(summary).added, sim.expected.length);
});

after(async () => {
  await sim?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

test('the JS-rendered listing is read in the browser, the homepage-only portal\'s column is discovered', () => {
  // Only the portal whose listing is built by script starts the browser.
  assert.deepEqual(firstEvents.filter((e) => e.type === 'render').map((e) => e.portal), ['shangqiu']);
  const discovered = firstEvents.find((e) => e.type === 'discovered');
  assert.ok(discovered && discovered.type === 'discovered');
  assert.equal(discovered.column, sim.portals.find((p) => p.seed.id === 'xinyang')!.column);
  const urls = archivedUrls();
  for (const portal of ['shangqiu', 'xinyang']) {
    const expected = sim.expected.filter((e) => e.portal === portal);
    assert.ok(expected.length > 0);
    for (const e of expected) assert.ok(urls.has(e.url), `${portal}: ${e.url} archived`);
  }
});

test('robots.txt is respected and every request identifies the crawler', () => {
  const disallowed = new Set(sim.robotsDisallowed.map((u) => new URL(u).pathname));
  assert.ok(disallowed.size > 0);
  for (const entry of sim.requestLog) {
    assert.ok(!disallowed.has(entry.path.split('?')[0]!), `requested ${entry.path} though robots.txt forbids it`);
    assert.equal(entry.userAgent, TEST_USER_AGENT, `${entry.portal} ${entry.path}`);
  }
});

test('a second nightly run with nothing new sends no more than 1.1× the minimum requests', async () => {
  sim.resetStats();
  const events: CrawlEvent[] = [];
  const { summary } = await crawlWith(dir, sim.seeds, {}, events);
  assert.deepEqual(totals(summary), { added: 0, changed: 0, updated: 0, errors: 0 });
  // Minimum: robots.txt once per host, the first page of each listing, and for the listing built
  // by script the first call of the API learned while rendering it (no browser, no scripts).
  const listings = sim.portals.reduce((n, p) => n + Math.max(1, p.seed.start.length), 0);
  const scriptListings = sim.portals.filter((p) => p.seed.id === 'shangqiu').length;
  const minimum = sim.portals.length + listings + scriptListings;
  const sent = sim.requestLog.length;
  assert.ok(sent <= 1.1 * minimum, `${sent} requests for a minimum of ${minimum}: ${sim.requestLog.map((e) => `${e.portal}${e.path}`).join(', ')}`);
  assert.equal(summary.requests, sent, `the run record counts what the servers saw: ${sim.requestLog.filter((e) => e.portal === 'shangqiu').map((e) => e.path).join(' ')}`);
  // No report page was fetched, and listings that support it were asked conditionally.
  const expectedPaths = new Set(sim.expected.map((e) => new URL(e.url).pathname));
  assert.deepEqual(sim.requestLog.filter((e) => expectedPaths.has(e.path)), []);
  assert.ok(sim.requestLog.some((e) => e.conditional && e.status === 304), 'some listing answered 304');
});

test('a report published between two runs is picked up, and only it', async () => {
  const published = ['henan', 'luyi', 'xiangfu', 'shangqiu', 'xinyang'].map((id) => sim.publish(id));
  sim.resetStats();
  const { summary } = await crawlWith(dir, sim.seeds);
  assert.deepEqual(totals(summary), { added: published.length, changed: 0, updated: 0, errors: 0 });
  const archive = new ReportArchive(dir);
  try {
    const byUrl = new Map(findReports(archive.db).map((r) => [r.url, r]));
    for (const p of published) {
      const r = byUrl.get(p.url);
      assert.ok(r, `${p.portal}: ${p.url} archived`);
      assert.equal(r.title, p.title);
      assert.equal(r.year, p.year);
      assert.equal(r.region.code, p.region.code);
    }
    assert.equal(byUrl.size, sim.expected.length);
  } finally {
    archive.close();
  }
});

test('a silently revised report is found by a recheck run and stored as a new version', async () => {
  const target = sim.expected.find((e) => e.portal === 'henan')!;
  const archive = new ReportArchive(dir);
  const before = findReports(archive.db).find((r) => r.url === target.url)!;
  archive.close();
  const revised = sim.revise(target.url);

  // The listing does not change, so a nightly run cannot see it...
  const nightly = await crawlWith(dir, sim.seeds);
  assert.equal(totals(nightly.summary).changed, 0);
  // ...a recheck asks for every listed report again, conditionally.
  sim.resetStats();
  const recheck = await crawlWith(dir, sim.seeds, { mode: 'recheck' });
  assert.deepEqual(totals(recheck.summary), { added: 0, changed: 1, updated: 0, errors: 0 });
  assert.ok(sim.requestLog.filter((e) => e.status === 304).length > 0, 'unchanged reports answered 304');

  const after = new ReportArchive(dir);
  try {
    const current = findReports(after.db).find((r) => r.url === target.url)!;
    assert.equal(current.id, before.id);
    assert.notEqual(current.contentHash, before.contentHash);
    assert.ok(revised.body && current.text.includes(revised.body.split('\n').find((l) => !before.text.includes(l)) ?? '\u0000'));
    const versions = listVersions(after.db, before.id);
    assert.equal(versions.length, 1);
    assert.equal(versions[0]!.text, before.text);
    const exported = toExported(getReport(after.db, before.id)!);
    assert.equal(exported.version, 2);
    assert.deepEqual(exported.previousVersions.map((v) => [v.version, v.contentHash]), [[1, before.contentHash]]);
  } finally {
    after.close();
  }
});
