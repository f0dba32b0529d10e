/**
 * One crawl over a set of portals: listing pages → report pages → archive. Crawlee provides the
 * persisted request queue, concurrency and retries; every byte goes through our own fetcher and
 * decoder because Crawlee's decoding mangles GBK pages labelled only in <meta>.
 */
import { BasicCrawler } from '@crawlee/basic';
import { Configuration, log, LogLevel, type Request } from '@crawlee/core';
import { MemoryStorage } from '@crawlee/memory-storage';
import { join } from 'node:path';
import { XxgkError } from '../errors.js';
import { decodePage } from '../decode/decode-page.js';
import { classifyTitle } from '../extract/report-title.js';
import { processReportPage } from '../process/report-page.js';
import { parseDataproxyPage, parseListingPage, type ListingRequest, type ParsedListing } from './listing/parse-listing.js';
import { isDocumentLink, sameHost, sameSite } from './link-scope.js';
import { countEvent, emptyStats, type CrawlEvent, type CrawlSummary, type PortalStats } from './crawl-events.js';
import type { Fetcher } from './fetcher.js';
import { addImageTables, type TableImageReader } from '../process/image-tables.js';
import type { ReportArchive } from '../archive/report-archive.js';
import type { PortalSeed } from '../types.js';

export interface CrawlSettings {
  maxConcurrency: number;
  maxRequestRetries: number;
  /** Listing pages followed per start URL at most. */
  maxListingPages: number;
}

export interface CrawlDependencies {
  storageDir: string;
  fetcher: Fetcher;
  archive: ReportArchive;
  onEvent?: (event: CrawlEvent) => void;
  now?: () => Date;
  /** Reads statistics tables published as images; without one, image tables are skipped. */
  tableReader?: TableImageReader;
}

type UserData =
  | { kind: 'listing'; portal: string; start: string }
  | { kind: 'dataproxy'; portal: string; start: string; request: Extract<ListingRequest, { kind: 'dataproxy' }> }
  | { kind: 'report'; portal: string; listingTitle: string; listingDate?: string };

export async function crawlPortals(seeds: PortalSeed[], settings: CrawlSettings, deps: CrawlDependencies): Promise<CrawlSummary> {
  const now = deps.now ?? (() => new Date());
  const startedAt = now().toISOString();
  const stats: Record<string, PortalStats> = {};
  const emit = (event: CrawlEvent) => {
    countEvent(stats, event);
    deps.onEvent?.(event);
  };
  const byId = new Map(seeds.map((s) => [s.id, s]));
  const listingPagesSeen = new Map<string, number>();

  log.setLevel(LogLevel.OFF);
  const config = new Configuration({
    storageClient: new MemoryStorage({ localDataDirectory: join(deps.storageDir, 'crawlee'), persistStorage: true, writeMetadata: false }),
    purgeOnStart: true,
    persistStateIntervalMillis: 5_000,
  });

  const crawler: BasicCrawler = new BasicCrawler(
    {
      maxConcurrency: settings.maxConcurrency,
      maxRequestRetries: settings.maxRequestRetries,
      useSessionPool: false,
      requestHandlerTimeoutSecs: 120,
      requestHandler: async ({ request }) => {
        const data = request.userData as UserData;
        const seed = byId.get(data.portal);
        if (!seed) return;
        try {
          if (data.kind === 'report') await handleReport(request, seed, data);
          else await handleListing(request, seed, data);
        } catch (error) {
          // Retrying cannot fix a page we failed to understand; only transport trouble is retried.
          if (error instanceof XxgkError && !error.retryable) request.noRetry = true;
          throw error;
        }
      },
      failedRequestHandler: async ({ request }, error) => {
        const data = request.userData as UserData;
        emit({
          type: 'error',
          portal: data.portal,
          url: request.url,
          stage: error instanceof XxgkError ? error.stage : 'crawl',
          error: error.message,
        });
      },
    },
    config,
  );

  async function handleListing(request: Request, seed: PortalSeed, data: Exclude<UserData, { kind: 'report' }>) {
    const page = await deps.fetcher.fetch(request.url);
    const decoded = decodePage(page.body, page.headers['content-type'], request.url);
    const maxPages = seed.maxListingPages ?? settings.maxListingPages;
    const parsed: ParsedListing =
      data.kind === 'dataproxy'
        ? parseDataproxyPage(decoded.text, page.finalUrl, data.request)
        : parseListingPage(decoded.text, page.finalUrl, maxPages);
    const reports = parsed.links.filter((link) => {
      if (!sameSite(link.url, data.start) || isDocumentLink(link.url)) return false;
      const verdict = classifyTitle(link.title);
      if (!verdict.isReport) {
        // Navigation links are not worth a log line; titled items that look like content are.
        if (link.title.length >= 8) emit({ type: 'skipped', portal: seed.id, url: link.url, title: link.title, reason: verdict.reason });
        return false;
      }
      return true;
    });
    await crawler.addRequests(
      reports.map((link) => ({
        url: link.url,
        userData: { kind: 'report', portal: seed.id, listingTitle: link.title, ...(link.date ? { listingDate: link.date } : {}) } satisfies UserData,
      })),
    );
    const follow = parsed.follow.filter((next) => sameHost(next.url, data.start));
    const seen = listingPagesSeen.get(data.start) ?? 1;
    const allowed = follow.slice(0, Math.max(0, maxPages - seen));
    listingPagesSeen.set(data.start, seen + allowed.length);
    await crawler.addRequests(
      allowed.map((next) => ({
        url: next.url,
        userData: (next.kind === 'dataproxy'
          ? { kind: 'dataproxy', portal: seed.id, start: data.start, request: next }
          : { kind: 'listing', portal: seed.id, start: data.start }) satisfies UserData,
      })),
    );
    emit({
      type: 'listing',
      portal: seed.id,
      url: request.url,
      links: parsed.links.length,
      reports: reports.length,
      paging: parsed.paging,
      follow: allowed.length,
    });
  }

  async function handleReport(request: Request, seed: PortalSeed, data: Extract<UserData, { kind: 'report' }>) {
    const page = await deps.fetcher.fetch(request.url);
    const record = processReportPage(page, seed, {
      title: data.listingTitle,
      ...(data.listingDate ? { date: data.listingDate } : {}),
    });
    const images = [];
    for (const image of record.images) {
      try {
        images.push({ file: image.file, bytes: (await deps.fetcher.fetch(image.url)).body });
      } catch (error) {
        images.push({ file: image.file, bytes: undefined });
        emit({ type: 'image-failed', portal: seed.id, url: request.url, image: image.url, error: (error as Error).message });
      }
    }
    const filed = await addImageTables(record, images, deps.tableReader);
    const saved = await deps.archive.save(filed, page, images);
    emit({
      type: 'report',
      portal: seed.id,
      url: request.url,
      outcome: saved.outcome,
      id: saved.id,
      title: record.title,
      year: record.year,
      region: record.region.code,
    });
  }

  for (const seed of seeds) stats[seed.id] ??= emptyStats();
  deps.archive.rememberPortals(seeds, now());
  await crawler.run(
    seeds.flatMap((seed) =>
      seed.start.map((start) => ({ url: start, userData: { kind: 'listing', portal: seed.id, start } satisfies UserData })),
    ),
  );
  return { portals: stats, startedAt, finishedAt: now().toISOString() };
}
