/**
 * Listings built by script stay cheap after the first run: the API the browser saw feeding each
 * listing (JSON by GET and by POST, JSONP with an offset and a cache buster, a GBK HTML fragment)
 * is learned and asked directly on later runs; a listing where the browser found nothing is not
 * rendered again while its page is unchanged; an API that fails or changes shape sends the
 * listing back to the browser, which learns it again.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { startSimulatedPortals, type SimulatedPortals } from '../sim/portals.js';
import { crawlWith, tempStorage, totals } from './helpers/crawl-sim.js';
import { ReportArchive } from '../src/archive/report-archive.js';
import { findReports } from '../src/query/report-query.js';
import { loadListingMemory, saveListingMemory } from '../src/archive/crawl-state.js';
import { findChromium } from '../src/crawl/browser/find-chromium.js';
import type { CrawlEvent } from '../src/crawl/crawl-events.js';

const skip = findChromium() ? false : 'no Chromium on this machine';
const API_PORTALS = ['shangqiu', 'nanyang', 'zhumadian', 'luoyang'];
const EMPTY_PORTAL = 'puyang';

let sim: SimulatedPortals;
let dir: string;
const firstEvents: CrawlEvent[] = [];


const renders = (events: CrawlEvent[]) => events.filter((e) => e.type === 'render').map((e) => e.portal).sort();
const requestsOf = (portal: string) => sim.requestLog.filter((e) => e.portal === portal).map((e) => `${e.method} ${e.path} ${e.status}`);

function withArchive<T>(use: (archive: ReportArchive) => T): T {
  const archive = new ReportArchive(dir);
  try {
    return use(archive);
  } finally {
    archive.close();
  }
}

function startOf(portal: string): string {
  return sim.seeds.find((s) => s.id === portal)!.start[0]!;
}

before(async () => {
  if (skip) return;
  // henan is a static TRS portal in the same run: it must never start the browser.
  sim = await startSimulatedPortals({ only: ['henan', ...API_PORTALS, EMPTY_PORTAL] });
  dir = await tempStorage('browser-memory');
  const { summary } = await crawlWith(dir, sim.seeds, {}, firstEvents);
  assert.equal(totals(summary).errors, 0);
  assert.equal(totals(summary).added, sim.expected.length);
});

after(async () => {
  await sim?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

test('the first run renders every script-built listing and learns the API of each that has one', { skip }, () => {
  assert.deepEqual(renders(firstEvents), [...API_PORTALS, EMPTY_PORTAL].sort());
  const learned = firstEvents.filter((e) => e.type === 'listing-api');
  assert.deepEqual(learned.map((e) => e.portal).sort(), [...API_PORTALS].sort());
  for (const e of learned) assert.ok(e.type === 'listing-api' && e.paged, `${e.portal}: the page parameter was told`);
  withArchive((archive) => {
    assert.equal(loadListingMemory(archive.db, EMPTY_PORTAL, startOf(EMPTY_PORTAL)).browserFound, 0);
    const archived = new Set(findReports(archive.db).map((r) => r.url));
    for (const e of sim.expected) assert.ok(archived.has(e.url), `${e.portal}: ${e.url}`);
  });
});

test('a second nightly run with nothing new asks the APIs directly: no browser, ≤ 1.1× the minimum requests', { skip }, async () => {
  sim.resetStats();
  const events: CrawlEvent[] = [];
  const { summary } = await crawlWith(dir, sim.seeds, {}, events);
  assert.deepEqual(totals(summary), { added: 0, changed: 0, updated: 0, errors: 0 });
  assert.deepEqual(renders(events), [], 'no listing was rendered');
  // Minimum: robots.txt per host, each listing's page, and for a listing fed by an API the one call
  // that lists its first page. The listing where the browser found nothing costs its page only.
  const minimum = sim.portals.length + sim.portals.length + API_PORTALS.length;
  const sent = sim.requestLog.length;
  assert.ok(sent <= 1.1 * minimum, `${sent} requests for a minimum of ${minimum}: ${sim.requestLog.map((e) => `${e.portal} ${e.path}`).join(', ')}`);
  assert.equal(summary.requests, sent, 'the run counts what the servers saw');
  for (const portal of [...API_PORTALS, EMPTY_PORTAL]) {
    assert.deepEqual(requestsOf(portal).filter((r) => /\.(js|css|gif|png)\b/.test(r.split(' ')[1]!.split('?')[0]!)), [], `${portal}: no script, style or image fetched`);
  }
});

test('reports published between runs are found through the APIs, without a browser', { skip }, async () => {
  const published = API_PORTALS.map((id) => sim.publish(id));
  sim.resetStats();
  const events: CrawlEvent[] = [];
  const { summary } = await crawlWith(dir, sim.seeds, {}, events);
  assert.deepEqual(renders(events), []);
  assert.deepEqual(totals(summary), { added: published.length, changed: 0, updated: 0, errors: 0 });
  withArchive((archive) => {
    const byUrl = new Map(findReports(archive.db).map((r) => [r.url, r]));
    for (const p of published) {
      assert.equal(byUrl.get(p.url)?.title, p.title, `${p.portal}: ${p.url}`);
      assert.equal(byUrl.get(p.url)?.year, p.year);
    }
  });
});

test('a recheck reads every page of each API, and the empty listing is not rendered while its page is unchanged', { skip }, async () => {
  sim.resetStats();
  const events: CrawlEvent[] = [];
  const { summary } = await crawlWith(dir, sim.seeds, { mode: 'recheck' }, events);
  assert.equal(totals(summary).errors, 0);
  // recheck sends no validators, so the unchanged page is recognised by its bytes.
  assert.deepEqual(renders(events), []);
  for (const portal of API_PORTALS) {
    const apiPages = events.filter((e) => e.type === 'listing' && e.portal === portal && e.paging === 'api').length;
    assert.ok(apiPages >= 3, `${portal}: ${apiPages} API pages read`);
  }
  assert.ok(events.some((e) => e.type === 'listing-stop' && e.portal === EMPTY_PORTAL && /browser found no report/.test(e.reason)));
});

test('an API that fails, or answers in another shape, sends its listing back to the browser, which learns it again', { skip }, async () => {
  const broken = { nanyang: 'fails', zhumadian: 'shape' } as const;
  withArchive((archive) => {
    for (const [portal, how] of Object.entries(broken)) {
      const memory = loadListingMemory(archive.db, portal, startOf(portal));
      assert.ok(memory.api);
      const api = how === 'fails'
        ? { ...memory.api, url: new URL('/common/search/docListRetired', memory.api.url).href }
        : { ...memory.api, items: ['data', 'list'] };
      saveListingMemory(archive.db, portal, startOf(portal), { ...memory, api }, new Date().toISOString());
    }
  });
  const events: CrawlEvent[] = [];
  const { summary } = await crawlWith(dir, sim.seeds, {}, events);
  assert.deepEqual(renders(events), Object.keys(broken).sort());
  assert.equal(totals(summary).errors, 0, JSON.stringify(events.filter((e) => e.type === 'error')));
  const reasons = events.filter((e) => e.type === 'render').map((e) => (e.type === 'render' ? e.reason : ''));
  assert.ok(reasons.some((r) => /failed/.test(r)) && reasons.some((r) => /no longer answers as learned/.test(r)), reasons.join(' | '));
  // Learned again: the next run is back to the API alone.
  withArchive((archive) => {
    assert.match(loadListingMemory(archive.db, 'nanyang', startOf('nanyang')).api!.url, /\/common\/search\/docList$/);
    assert.equal(loadListingMemory(archive.db, 'zhumadian', startOf('zhumadian')).api!.items?.join('.'), 'rows');
  });
  const again: CrawlEvent[] = [];
  await crawlWith(dir, sim.seeds, {}, again);
  assert.deepEqual(renders(again), []);
});
