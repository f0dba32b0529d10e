/**
 * `npm run bench`: what a nightly run and a backfill cost, measured on the simulated portals. Prints
 * numbers, asserts nothing (targets are judged by reading them).
 *
 * 1. Nightly over many small portals (each answering after a fixed latency) when nothing is new:
 *    requests sent and wall time, each against its minimum.
 *    Then the same over the simulated portals with script-built listings mixed in (JSON, JSONP, POST,
 *    HTML-fragment APIs, each page loading ten scripts, and one empty column): the browser is
 *    started only on the first run; later runs ask the learned APIs.
 * 2. Backfill of a deep listing (300+ pages): listing pages per second against the per-host
 *    politeness bound.
 * 3. Extraction time per report page without OCR (decode, clean, extract, tables, figures).
 * 4. Peak memory (max RSS) of the whole benchmark.
 *
 * Options: --portals N (50) --latency MS (100) --pages N (300).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { crawlPortals, type CrawlSettings } from '../src/crawl/report-crawler.js';
import { HttpFetcher } from '../src/crawl/fetcher.js';
import { PoliteFetcher } from '../src/crawl/polite/polite-fetcher.js';
import { ReportArchive } from '../src/archive/report-archive.js';
import { processReportPage } from '../src/process/report-page.js';
import { DEFAULT_SETTINGS } from '../src/config/settings.js';
import type { CrawlMode, CrawlSummary } from '../src/crawl/crawl-events.js';
import type { YearRange } from '../src/crawl/listing-policy.js';
import type { PortalSeed } from '../src/types.js';
import { startManyPortals } from '../sim/many-portals.js';
import { launchBrowserRenderer } from '../src/crawl/browser/browser-renderer.js';
import { findChromium } from '../src/crawl/browser/find-chromium.js';
import { startSimulatedPortals, type SimulatedPortals } from '../sim/portals.js';

const { values } = parseArgs({
  options: {
    portals: { type: 'string', default: '50' },
    latency: { type: 'string', default: '100' },
    pages: { type: 'string', default: '300' },
  },
});
const PORTALS = Number(values.portals);
const LATENCY = Number(values.latency);
const PAGES = Number(values.pages);

const policy = { concurrency: DEFAULT_SETTINGS.hostConcurrency, delayMs: DEFAULT_SETTINGS.hostDelayMs };

async function crawl(
  dir: string,
  seeds: PortalSeed[],
  mode: CrawlMode,
  hostPolicy: { concurrency: number; delayMs: number },
  years?: YearRange,
  withBrowser = false,
): Promise<{ summary: CrawlSummary; seconds: number; requests: number; maxInFlight: number; renders: number }> {
  const archive = new ReportArchive(dir);
  const userAgent = 'xxgk-archive-bench';
  const fetcher = new PoliteFetcher(new HttpFetcher({ userAgent, timeoutMs: 30_000 }), {
    userAgent,
    defaultPolicy: hostPolicy,
    retries: 3,
    backoffMs: 500,
    maxRetryAfterMs: 60_000,
    respectRobots: true,
  });
  const settings: CrawlSettings = {
    mode,
    ...(years ? { years } : {}),
    maxConcurrency: DEFAULT_SETTINGS.maxConcurrency,
    maxRequestRetries: 1,
    maxListingPages: 1000,
  };
  const started = performance.now();
  let renders = 0;
  try {
    const summary = await crawlPortals(seeds, settings, {
      storageDir: dir,
      archive,
      fetcher,
      requestCount: () => fetcher.requestCount(),
      onEvent: (e) => {
        if (e.type === 'render') renders++;
      },
      ...(withBrowser
        ? {
            browser: () => launchBrowserRenderer({ userAgent, timeoutMs: 30_000 }),
            robotsAllow: (url: string) => fetcher.isAllowed(url),
            hostSlot: <T>(url: string, task: () => Promise<T>) => fetcher.withHostSlot(url, task),
          }
        : {}),
      ...(mode === 'backfill' ? { resumeKey: 'bench-backfill' } : {}),
    });
    const stats = Object.values(fetcher.stats());
    return {
      summary,
      seconds: (performance.now() - started) / 1000,
      requests: summary.requests,
      maxInFlight: Math.max(0, ...stats.map((s) => s.maxInFlight)),
      renders,
    };
  } finally {
    archive.close();
  }
}

function errorsOf(summary: CrawlSummary): number {
  return Object.values(summary.portals).reduce((n, s) => n + s.errors, 0);
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

async function nightlyBench(): Promise<void> {
  const sim = await startManyPortals({ count: PORTALS, latencyMs: LATENCY });
  const dir = await mkdtemp(join(tmpdir(), 'xxgk-bench-nightly-'));
  try {
    const first = await crawl(dir, sim.seeds, 'nightly', policy);
    const reports = Object.values(first.summary.portals).reduce((n, s) => n + s.added, 0);
    sim.resetStats();
    const second = await crawl(dir, sim.seeds, 'nightly', policy);
    const served = sim.requestLog.length;
    const starts = sim.seeds.reduce((n, s) => n + s.start.length, 0);
    // Nothing new: robots.txt once per host, then the first page of each listing.
    const minRequests = sim.seeds.length + starts;
    // Each portal needs robots.txt then its listing, one after the other, the second starting no
    // sooner than the host's delay after the first; portals run maxConcurrency at a time.
    const chain = (Math.max(LATENCY, policy.delayMs) + LATENCY) / 1000;
    const minWall = Math.ceil(sim.seeds.length / DEFAULT_SETTINGS.maxConcurrency) * chain;
    console.log(`nightly, ${sim.seeds.length} portals × ${LATENCY} ms latency, nothing new`);
    console.log(`  first run (archive empty): ${first.requests} requests, ${first.seconds.toFixed(2)} s, ${reports} reports filed, ${errorsOf(first.summary)} errors`);
    console.log(`  second run: ${second.requests} requests sent (${served} served), minimum ${minRequests} → ${(second.requests / minRequests).toFixed(3)}× the minimum`);
    console.log(
      `  second run: ${second.seconds.toFixed(2)} s wall; minimum ${minWall.toFixed(2)} s at ${DEFAULT_SETTINGS.maxConcurrency} portals at a time ` +
        `(${chain.toFixed(2)} s if all ran at once) → ${(second.seconds / minWall).toFixed(2)}× the minimum; ${errorsOf(second.summary)} errors`,
    );
  } finally {
    await sim.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/** Portals whose listing is fed by an API the browser sees (the learned API is the minimum's second request). */
const API_FED = new Set(['shangqiu', 'nanyang', 'zhumadian', 'luoyang']);

async function scriptedNightlyBench(): Promise<void> {
  if (!findChromium()) {
    console.log('nightly with script-built listings: skipped (no Chromium on this machine)');
    return;
  }
  const sim = await startSimulatedPortals({ extras: true, scripted: true, latencyMs: LATENCY });
  const dir = await mkdtemp(join(tmpdir(), 'xxgk-bench-scripted-'));
  try {
    const first = await crawl(dir, sim.seeds, 'nightly', policy, undefined, true);
    const reports = Object.values(first.summary.portals).reduce((n, s) => n + s.added, 0);
    sim.resetStats();
    const second = await crawl(dir, sim.seeds, 'nightly', policy, undefined, true);
    const listings = sim.portals.reduce((n, p) => n + Math.max(1, p.seed.start.length), 0);
    const apiFed = sim.portals.filter((p) => API_FED.has(p.seed.id)).length;
    // robots.txt per host, each listing's first page, and one API call per listing fed by an API.
    const minRequests = sim.portals.length + listings + apiFed;
    const scripted = sim.portals.filter((p) => API_FED.has(p.seed.id) || p.seed.id === 'puyang').map((p) => p.seed.id);
    const firstScripts = first.summary.requests; // all of the first run, browser requests included
    console.log(`nightly, ${sim.portals.length} portals (${scripted.length} with script-built listings: ${scripted.join(', ')}) × ${LATENCY} ms latency, nothing new`);
    console.log(`  first run (archive empty): ${firstScripts} requests (browser's included), ${first.renders} listings rendered, ${first.seconds.toFixed(2)} s, ${reports} reports filed, ${errorsOf(first.summary)} errors`);
    console.log(
      `  second run: ${second.requests} requests sent (${sim.requestLog.length} served), minimum ${minRequests} → ${(second.requests / minRequests).toFixed(3)}× the minimum; ` +
        `${second.renders} listings rendered; ${second.seconds.toFixed(2)} s; ${errorsOf(second.summary)} errors`,
    );
    for (const id of scripted) {
      const paths = sim.requestLog.filter((e) => e.portal === id).map((e) => `${e.method} ${e.path.length > 60 ? `${e.path.slice(0, 57)}…` : e.path} ${e.status}`);
      console.log(`    ${id}: ${paths.join(' | ')}`);
    }
  } finally {
    await sim.close();
    await rm(dir, { recursive: true, force: true });
  }
}

async function backfillBench(): Promise<void> {
  const sim = await startSimulatedPortals({ only: ['kaifeng'], deep: { pages: PAGES }, latencyMs: 20 });
  const dir = await mkdtemp(join(tmpdir(), 'xxgk-bench-backfill-'));
  const hostPolicy = { concurrency: 2, delayMs: 100 };
  try {
    const seeds = sim.seeds.filter((s) => s.id === 'kaifeng');
    const years = { from: 2014, to: 2019 };
    const run = await crawl(dir, seeds, 'backfill', hostPolicy, years);
    const s = run.summary.portals.kaifeng!;
    const bound = Math.min(hostPolicy.concurrency / (20 / 1000), 1000 / hostPolicy.delayMs);
    console.log(`backfill ${years.from}–${years.to}, ${PAGES}-page listing, host policy ${hostPolicy.concurrency} at a time / ${hostPolicy.delayMs} ms apart, 20 ms latency`);
    console.log(`  ${s.listingPages} listing pages, ${s.added} reports filed, ${run.requests} requests in ${run.seconds.toFixed(1)} s, ${errorsOf(run.summary)} errors`);
    console.log(
      `  ${(s.listingPages / run.seconds).toFixed(2)} listing pages/s, ${(run.requests / run.seconds).toFixed(2)} requests/s; ` +
        `per-host bound ${bound.toFixed(1)} requests/s → ${((run.requests / run.seconds / bound) * 100).toFixed(0)} % of the bound; max in flight ${run.maxInFlight}`,
    );
    const expected = sim.expected.filter((e) => e.year >= years.from && e.year <= years.to).length;
    console.log(`  reports of ${years.from}–${years.to} on the listing: ${expected}; filed: ${s.added}`);
  } finally {
    await sim.close();
    await rm(dir, { recursive: true, force: true });
  }
}

async function extractionBench(): Promise<void> {
  const sim: SimulatedPortals = await startSimulatedPortals({ extras: true });
  try {
    const fetcher = new HttpFetcher({ userAgent: 'xxgk-archive-bench', timeoutMs: 30_000 });
    const pages = await Promise.all(sim.expected.map(async (e) => ({ e, page: await fetcher.fetch(e.url) })));
    const seedOf = new Map(sim.seeds.map((s) => [s.id, s]));
    const times: number[] = [];
    for (let round = 0; round < 5; round++) {
      for (const { e, page } of pages) {
        const started = performance.now();
        processReportPage(page, seedOf.get(e.portal)!, { title: e.title, date: e.published });
        if (round > 0) times.push(performance.now() - started); // round 0 warms up the JIT
      }
    }
    times.sort((a, b) => a - b);
    console.log(`extraction without OCR, ${pages.length} report pages × 4 rounds`);
    console.log(`  median ${quantile(times, 0.5).toFixed(1)} ms, p95 ${quantile(times, 0.95).toFixed(1)} ms, max ${times.at(-1)!.toFixed(1)} ms per page`);
  } finally {
    await sim.close();
  }
}

await nightlyBench();
await scriptedNightlyBench();
await backfillBench();
await extractionBench();
console.log(`peak memory (max RSS): ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
