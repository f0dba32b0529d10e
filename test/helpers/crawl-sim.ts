/** Crawls the simulated portals once into a temporary storage folder, for end-to-end tests. */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crawlPortals } from '../../src/crawl/report-crawler.js';
import { HttpFetcher } from '../../src/crawl/fetcher.js';
import { ReportArchive } from '../../src/archive/report-archive.js';
import type { CrawlEvent, CrawlSummary } from '../../src/crawl/crawl-events.js';
import type { PortalSeed } from '../../src/types.js';
import type { TableImageReader } from '../../src/process/image-tables.js';

export async function tempStorage(name: string): Promise<string> {
  return mkdtemp(join(tmpdir(), `xxgk-${name}-`));
}

export async function crawlInto(
  dir: string,
  seeds: PortalSeed[],
  events: CrawlEvent[] = [],
  tableReader?: TableImageReader,
): Promise<CrawlSummary> {
  const archive = new ReportArchive(dir);
  try {
    return await crawlPortals(
      seeds,
      { maxConcurrency: 4, maxRequestRetries: 1, maxListingPages: 1000 },
      {
        storageDir: dir,
        archive,
        fetcher: new HttpFetcher({ userAgent: 'xxgk-archive-test', timeoutMs: 10_000 }),
        onEvent: (e) => events.push(e),
        ...(tableReader ? { tableReader } : {}),
      },
    );
  } finally {
    archive.close();
  }
}
