/**
 * `xxgk crawl`, `xxgk backfill`, `xxgk demo` and each run of `xxgk schedule`: take the storage
 * lock, record the run, wire the polite fetcher, the browser (started only if a listing needs it)
 * and the OCR reader into one crawl, and summarise it.
 */
import { createHash } from 'node:crypto';
import { crawlPortals } from '../../crawl/report-crawler.js';
import { politenessCrawlEvent, portalsByHost } from '../../crawl/portal-hosts.js';
import { HttpFetcher } from '../../crawl/fetcher.js';
import { PrivateNameGuard } from '../../crawl/address-scope.js';
import { PoliteFetcher } from '../../crawl/polite/polite-fetcher.js';
import { launchBrowserRenderer } from '../../crawl/browser/browser-renderer.js';
import { ReportArchive } from '../../archive/report-archive.js';
import { finishRun, recordFailure, startRun } from '../../archive/run-log.js';
import { userAgentOf, type Settings } from '../../config/settings.js';
import type { CrawlEvent, CrawlMode, CrawlSummary } from '../../crawl/crawl-events.js';
import type { YearRange } from '../../crawl/listing-policy.js';
import type { PortalSeed } from '../../types.js';
import { CrawlLog } from '../crawl-log.js';
import { createCrawlProgress } from '../crawl-progress.js';
import { formatTable } from '../output.js';
import { createOcrTableReader } from '../../process/ocr-table-reader.js';
import { DEFAULT_READ_LIMITS, readFileContent } from '../../read/index.js';
import { lockPresent, lockStorage } from '../../schedule/storage-lock.js';
import { clearLeftovers } from '../../archive/verify-archive.js';
import { InterruptedError, StorageFullError, isStorageFull } from '../../errors.js';
import { extendModelWithCleanTexts } from '../../clean/spam/model-texts.js';
import { cleanReportTexts } from '../../archive/archive-db.js';

export interface CrawlRunOptions {
  storageDir: string;
  seeds: PortalSeed[];
  settings: Readonly<Settings>;
  mode: CrawlMode;
  years?: YearRange;
  quiet: boolean;
  /** Read statistics tables published as images (loads the OCR model on first use). */
  ocr: boolean;
  print: (line: string) => void;
  /** Draw progress bars (stderr is a terminal). */
  tty?: boolean;
  /** Wait for a stale lock of a killed run instead of failing at once. */
  waitForStaleLock?: boolean;
  kind?: string;
  /** Aborted by SIGINT/SIGTERM: pages in flight finish, the run is recorded as interrupted. */
  signal?: AbortSignal;
}

export async function runCrawl(options: CrawlRunOptions): Promise<CrawlSummary> {
  const { storageDir, seeds, settings, print } = options;
  const afterCrash = lockPresent(storageDir);
  const release = await lockStorage(storageDir, { waitForStale: options.waitForStaleLock ?? true });
  const archive = new ReportArchive(storageDir);
  if (afterCrash) {
    const tidied = (await clearLeftovers(storageDir, archive.db)).filter((o) => o.done);
    if (tidied.length) print(`put right ${tidied.length} folder(s) a killed run left half-written`);
  }
  // The spam stage reads restorations with a model of clean report text; the archive's own clean
  // reports teach it this archive's place names and wording.
  extendModelWithCleanTexts(cleanReportTexts(archive.db));
  const log = new CrawlLog(storageDir, options.mode);
  const progress = createCrawlProgress({ tty: options.tty ?? false, quiet: options.quiet, print });
  const runOptions = { mode: options.mode, ...(options.years ? { years: options.years } : {}), portals: seeds.map((s) => s.id) };
  const runId = startRun(archive.db, options.kind ?? options.mode, runOptions, new Date().toISOString());
  const userAgent = userAgentOf(settings);
  // One lookup per host name for the fetcher and the browser alike.
  const privateNames = settings.allowPrivateNetwork ? undefined : new PrivateNameGuard();
  const portalOfHost = portalsByHost(seeds);
  const emit = (event: CrawlEvent) => {
    log.write(event);
    progress.onEvent(event);
    if (event.type === 'error' || event.type === 'image-failed') {
      const failed = event.type === 'error' ? { url: event.url, stage: event.stage } : { url: event.image, stage: 'fetch' };
      try {
        recordFailure(archive.db, runId, { portal: event.portal, class: event.failure, message: event.error, at: new Date().toISOString(), ...failed });
      } catch {
        // A full disk: the log line above has it, and the run is stopping on that already.
      }
    }
  };
  const fetcher = new PoliteFetcher(new HttpFetcher({ userAgent, timeoutMs: settings.requestTimeoutMs, firstByteTimeoutMs: settings.firstByteTimeoutMs, maxBytes: settings.maxPageBytes, privateNames: privateNames ?? false }), {
    userAgent,
    defaultPolicy: { concurrency: settings.hostConcurrency, delayMs: settings.hostDelayMs },
    policyForHost: (host) => portalOfHost.get(host)?.politeness,
    retries: settings.maxRequestRetries,
    backoffMs: settings.backoffMs,
    maxRetryAfterMs: settings.maxRetryAfterMs,
    respectRobots: settings.respectRobots,
    onEvent: (event) => emit(politenessCrawlEvent(portalOfHost, event)),
  });
  // Loads its model on the first table image; closed with the run so no session outlives it.
  const tableReader = options.ocr ? createOcrTableReader() : undefined;
  let summary: CrawlSummary | undefined;
  try {
    log.write({ type: 'start', run: runId, ...runOptions, settings });
    summary = await crawlPortals(
      seeds,
      {
        mode: options.mode,
        ...(options.years ? { years: options.years } : {}),
        maxConcurrency: settings.maxConcurrency,
        // Transport retries happen in the polite fetcher, per host; one more try here covers the rest.
        maxRequestRetries: 1,
        maxListingPages: settings.maxListingPages,
        browserDelayMs: settings.hostDelayMs,
        maxFileBytes: settings.maxFileBytes,
        maxPagesPerPortal: settings.maxPagesPerPortal,
      },
      {
        storageDir,
        archive,
        fetcher,
        browser: () => launchBrowserRenderer({ userAgent, timeoutMs: settings.requestTimeoutMs, pageTimeoutMs: settings.maxRenderMs, ...(privateNames ? { privateNames } : {}) }),
        robotsAllow: (url) => fetcher.isAllowed(url),
        hostSlot: (url, task) => fetcher.withHostSlot(url, task),
        requestCount: () => fetcher.requestCount(),
        ...(options.mode === 'backfill' ? { resumeKey: backfillKey(options.years, seeds) } : {}),
        ...(tableReader ? { tableReader, pageOcr: tableReader } : {}),
        readFile: (bytes, type) => readFileContent(bytes, type, { ...DEFAULT_READ_LIMITS, maxPages: settings.maxFilePages }),
        onEvent: emit,
        ...(options.signal ? { signal: options.signal } : {}),
      },
    );
    progress.stop();
    const stoppedBy = options.signal?.aborted ? String(options.signal.reason ?? 'a signal') : undefined;
    const status = stoppedBy ? 'interrupted' : crawlHadErrors(summary) ? 'partial' : 'ok';
    finishRun(archive.db, runId, status, new Date().toISOString(), summary, stoppedBy && `stopped by ${stoppedBy}`);
    log.write({ type: 'finish', run: runId, summary, ...(stoppedBy ? { interrupted: stoppedBy } : {}) });
    print('');
    print(formatSummary(summary));
    if (stoppedBy) {
      print(`run #${runId} stopped by ${stoppedBy}: what was archived is kept; the next run carries on`);
      throw new InterruptedError(stoppedBy);
    }
    print(`run #${runId}: ${summary.requests} request(s); log: ${log.path}`);
    return summary;
  } catch (error) {
    progress.stop();
    if (error instanceof InterruptedError) throw error;
    // The run's closing writes (listing links, validators) can meet a full disk too.
    if (isStorageFull(error) && !(error instanceof StorageFullError)) error = new StorageFullError(storageDir, { cause: error });
    try {
      finishRun(archive.db, runId, 'failed', new Date().toISOString(), summary, (error as Error).message);
    } catch {
      // The database cannot take even this (a full disk): the next run marks this one interrupted.
    }
    throw error;
  } finally {
    await tableReader?.close?.().catch(() => undefined);
    archive.close();
    await log.close();
    await release();
  }
}

/** One resumable queue per backfill job: the same years and portals resume, others start afresh. */
export function backfillKey(years: YearRange | undefined, seeds: PortalSeed[]): string {
  const portals = seeds.map((s) => s.id).sort().join('+');
  const short = portals.length > 60 ? `${seeds.length}-portals-${createHash('sha256').update(portals).digest('hex').slice(0, 12)}` : portals;
  return `backfill-${years?.from ?? 'all'}-${years?.to ?? 'all'}-${short}`.replace(/[^a-zA-Z0-9+_-]/g, '_');
}


export function formatSummary(summary: CrawlSummary): string {
  const rows = Object.entries(summary.portals).map(([portal, s]) => [
    portal,
    String(s.listingPages),
    String(s.reportsSeen),
    String(s.added),
    String(s.changed),
    String(s.updated),
    String(s.unchanged),
    String(s.skippedLinks),
    String(s.errors),
  ]);
  return formatTable(['portal', 'listing pages', 'reports', 'added', 'changed', 'updated', 'unchanged', 'skipped links', 'errors'], rows);
}

export function crawlHadErrors(summary: CrawlSummary): boolean {
  return Object.values(summary.portals).some((s) => s.errors > 0);
}
