/** Crawls the simulated portals into a temporary storage folder, for end-to-end tests. */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crawlPortals } from '../../src/crawl/report-crawler.js';
import { HttpFetcher, type Fetcher } from '../../src/crawl/fetcher.js';
import { PoliteFetcher, type HostStats } from '../../src/crawl/polite/polite-fetcher.js';
import { launchBrowserRenderer } from '../../src/crawl/browser/browser-renderer.js';
import { ReportArchive } from '../../src/archive/report-archive.js';
import { politenessCrawlEvent, portalsByHost } from '../../src/crawl/portal-hosts.js';
import type { CrawlEvent, CrawlMode, CrawlSummary } from '../../src/crawl/crawl-events.js';
import type { YearRange } from '../../src/crawl/listing-policy.js';
import type { PortalSeed } from '../../src/types.js';
import type { TableImageReader } from '../../src/process/image-tables.js';
import type { PageOcr } from '../../src/process/report-files.js';

export async function tempStorage(name: string): Promise<string> {
  return mkdtemp(join(tmpdir(), `xxgk-${name}-`));
}

/**
 * A seeds file for running the CLI against simulated portals: loopback servers need no delay
 * between requests. Returns its path (`dir`/seeds.json).
 */
export async function writeSeedFile(dir: string, seeds: PortalSeed[]): Promise<string> {
  const file = join(dir, 'seeds.json');
  await writeFile(file, JSON.stringify({ portals: seeds.map((s) => ({ ...s, politeness: { concurrency: 2, delayMs: 0 } })) }));
  return file;
}

export const TEST_USER_AGENT = 'xxgk-archive-test/1.0 (+mailto:test@example.org)';

export interface CrawlOptions {
  mode?: CrawlMode;
  years?: YearRange;
  /** Per-host policy; loopback servers need no delay by default. */
  policy?: { concurrency: number; delayMs: number };
  tableReader?: TableImageReader;
  maxConcurrency?: number;
  /** Bytes a report file or attachment may have (the crawler's default is 50 MB). */
  maxFileBytes?: number;
  /**
   * Filled with every request as the crawler's side saw it: when it left and when its answer (or
   * failure) came back. Servers stamp arrivals, which a busy event loop shifts by hundreds of ms.
   */
  clientLog?: ClientRequest[];
}

export interface ClientRequest {
  url: string;
  start: number;
  end: number;
  /** HTTP status, 0 when the request failed without one. */
  status: number;
}

/** The HTTP fetcher, with each request's start, end and status written to `log`. */
function loggingFetcher(inner: HttpFetcher, log: ClientRequest[]): Fetcher {
  return {
    async fetch(url, options) {
      const start = Date.now();
      try {
        const page = await inner.fetch(url, options);
        log.push({ url, start, end: Date.now(), status: page.status });
        return page;
      } catch (error) {
        log.push({ url, start, end: Date.now(), status: (error as { status?: number }).status ?? 0 });
        throw error;
      }
    },
  };
}

/** One crawl as the CLI runs it (polite fetcher, browser on demand), minus lock and run record. */
export async function crawlWith(
  dir: string,
  seeds: PortalSeed[],
  options: CrawlOptions = {},
  events: CrawlEvent[] = [],
): Promise<{ summary: CrawlSummary; hosts: Record<string, HostStats> }> {
  const archive = new ReportArchive(dir);
  const mode = options.mode ?? 'nightly';
  const byHost = portalsByHost(seeds);
  const http = new HttpFetcher({ userAgent: TEST_USER_AGENT, timeoutMs: 10_000 });
  const fetcher = new PoliteFetcher(options.clientLog ? loggingFetcher(http, options.clientLog) : http, {
    userAgent: TEST_USER_AGENT,
    defaultPolicy: options.policy ?? { concurrency: 2, delayMs: 0 },
    retries: 3,
    backoffMs: 50,
    maxRetryAfterMs: 10_000,
    respectRobots: true,
    onEvent: (event) => events.push(politenessCrawlEvent(byHost, event)),
  });
  try {
    const summary = await crawlPortals(
      seeds,
      {
        mode,
        ...(options.years ? { years: options.years } : {}),
        maxConcurrency: options.maxConcurrency ?? 4,
        maxRequestRetries: 1,
        maxListingPages: 1000,
        ...(options.maxFileBytes ? { maxFileBytes: options.maxFileBytes } : {}),
      },
      {
        storageDir: dir,
        archive,
        fetcher,
        browser: () => launchBrowserRenderer({ userAgent: TEST_USER_AGENT, timeoutMs: 15_000 }),
        robotsAllow: (url) => fetcher.isAllowed(url),
        hostSlot: (url, task) => fetcher.withHostSlot(url, task),
        requestCount: () => fetcher.requestCount(),
        onEvent: (e) => events.push(e),
        ...(mode === 'backfill' ? { resumeKey: 'test-backfill' } : {}),
        ...(options.tableReader ? { tableReader: options.tableReader } : {}),
        // A reader that also reads scanned pages (the real OCR engine) serves report files too.
        ...(options.tableReader && 'readScans' in options.tableReader ? { pageOcr: options.tableReader as TableImageReader & PageOcr } : {}),
      },
    );
    return { summary, hosts: fetcher.stats() };
  } finally {
    archive.close();
  }
}

export async function crawlInto(
  dir: string,
  seeds: PortalSeed[],
  events: CrawlEvent[] = [],
  tableReader?: TableImageReader,
  mode: CrawlMode = 'nightly',
): Promise<CrawlSummary> {
  return (await crawlWith(dir, seeds, { mode, ...(tableReader ? { tableReader } : {}) }, events)).summary;
}

/** Added, changed, updated and failed pages over all portals of a run. */
export function totals(summary: CrawlSummary): { added: number; changed: number; updated: number; errors: number } {
  return Object.values(summary.portals).reduce(
    (t, s) => ({ added: t.added + s.added, changed: t.changed + s.changed, updated: t.updated + s.updated, errors: t.errors + s.errors }),
    { added: 0, changed: 0, updated: 0, errors: 0 },
  );
}
