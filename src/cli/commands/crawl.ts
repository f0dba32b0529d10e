/**
 * `xxgk crawl` and `xxgk demo`: run a crawl into an archive and summarise it.
 */
import { crawlPortals } from '../../crawl/report-crawler.js';
import { HttpFetcher } from '../../crawl/fetcher.js';
import { ReportArchive } from '../../archive/report-archive.js';
import type { Settings } from '../../config/settings.js';
import type { CrawlSummary } from '../../crawl/crawl-events.js';
import type { PortalSeed } from '../../types.js';
import { CrawlLog, progressLine } from '../crawl-log.js';
import { formatTable } from '../output.js';
import { createOcrTableReader } from '../../process/ocr-table-reader.js';

export interface CrawlRunOptions {
  storageDir: string;
  seeds: PortalSeed[];
  settings: Readonly<Settings>;
  quiet: boolean;
  /** Read statistics tables published as images (loads the OCR model on first use). */
  ocr: boolean;
  print: (line: string) => void;
}

export async function runCrawl(options: CrawlRunOptions): Promise<CrawlSummary> {
  const { storageDir, seeds, settings, print } = options;
  const archive = new ReportArchive(storageDir);
  const log = new CrawlLog(storageDir, 'crawl');
  try {
    log.write({ type: 'start', portals: seeds.map((s) => s.id), settings });
    const summary = await crawlPortals(
      seeds,
      { maxConcurrency: settings.maxConcurrency, maxRequestRetries: settings.maxRequestRetries, maxListingPages: settings.maxListingPages },
      {
        storageDir,
        archive,
        fetcher: new HttpFetcher({ userAgent: settings.userAgent, timeoutMs: settings.requestTimeoutMs }),
        ...(options.ocr ? { tableReader: createOcrTableReader() } : {}),
        onEvent: (event) => {
          log.write(event);
          const line = options.quiet ? undefined : progressLine(event);
          if (line) print(line);
        },
      },
    );
    log.write({ type: 'finish', summary });
    print('');
    print(formatSummary(summary));
    print(`log: ${log.path}`);
    return summary;
  } finally {
    archive.close();
    await log.close();
  }
}

export function formatSummary(summary: CrawlSummary): string {
  const rows = Object.entries(summary.portals).map(([portal, s]) => [
    portal,
    String(s.listingPages),
    String(s.reportsSeen),
    String(s.added),
    String(s.updated),
    String(s.unchanged),
    String(s.skippedLinks),
    String(s.errors),
  ]);
  return formatTable(['portal', 'listing pages', 'reports', 'added', 'updated', 'unchanged', 'skipped links', 'errors'], rows);
}

export function crawlHadErrors(summary: CrawlSummary): boolean {
  return Object.values(summary.portals).some((s) => s.errors > 0);
}
