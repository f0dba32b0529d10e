/**
 * One crawl over a set of portals: listing pages → report pages → archive. Crawlee provides the
 * request queue (persisted under storage/ for backfills, so a killed run resumes), concurrency and
 * retries; every byte goes through our own fetcher (politeness, robots.txt) and decoder, because
 * Crawlee's decoding mangles GBK pages labelled only in <meta>.
 *
 * Modes (crawl-events.ts CrawlMode): nightly reads each listing only as far as it shows something
 * unseen and fetches only new reports; backfill reads whole listings and files one span of years.
 */
import { BasicCrawler } from '@crawlee/basic';
import { Configuration, log, LogLevel, RequestQueueV1, type Request } from '@crawlee/core';
import { MemoryStorage } from '@crawlee/memory-storage';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { RobotsDisallowedError, StorageFullError, XxgkError, classifyFailure, isStorageFull } from '../errors.js';
import { listingSignature, urlTrap } from './url-traps.js';
import { imageFault } from '../process/image-check.js';
import { decodePage } from '../decode/decode-page.js';
import { classifyTitle } from '../extract/report-title.js';
import type { TableImageReader } from '../process/image-tables.js';
import { buildRecord, type RecordSources } from '../process/build-record.js';
import type { PageOcr } from '../process/report-files.js';
import { DEFAULT_READ_LIMITS, readFileContent } from '../read/index.js';
import type { ReportArchive } from '../archive/report-archive.js';
import {
  countReportFailure,
  loadKnownLinks,
  loadListingMemory,
  saveListingMemory,
  loadPortalState,
  loadValidators,
  pendingReportLinks,
  recordListingLinks,
  savePortalState,
  saveValidators,
  type KnownLinks,
  type SeenLink,
} from '../archive/crawl-state.js';
import type { ListingLink, PortalSeed, ReportRecord, Validators } from '../types.js';
import { parseDataproxyPage, parseListingPage, type ListingRequest, type ParsedListing } from './listing/parse-listing.js';
import { extractListingLinks } from './listing/listing-links.js';
import { isDocumentLink, sameHost, sameSite } from './link-scope.js';
import { countEvent, emptyStats, type CrawlEvent, type CrawlMode, type CrawlSummary, type PortalStats } from './crawl-events.js';
import { continuePaging, decideReport, inRange, type YearRange } from './listing-policy.js';
import { forgetColumnIfGone, resolvePortalStarts } from './portal-starts.js';
import type { Fetcher } from './fetcher.js';
import type { BrowserRenderer } from './browser/browser-renderer.js';
import { learnListingApi, type RenderedListing } from './listing-api/learn-api.js';
import { apiRequestFor } from './listing-api/api-request.js';
import { readApiAnswer, type ApiReading } from './listing-api/api-answer.js';
import type { LearnedListingApi, ListingMemory } from './listing-api/api-types.js';
import { createHash } from 'node:crypto';

export interface CrawlSettings {
  mode: CrawlMode;
  /** Backfill: the report years to file. */
  years?: YearRange;
  maxConcurrency: number;
  /** Crawlee-level retries of a failed page (transport retries happen in the polite fetcher). */
  maxRequestRetries: number;
  /** Listing pages followed per start URL at most. */
  maxListingPages: number;
  /** Pause between pages of a browser-rendered listing. */
  browserDelayMs?: number;
  /** Bytes a report file or attachment may have at most (default 50 MB). */
  maxFileBytes?: number;
  /** Listing pages and reports one portal may queue in a run (default 20 000): the last guard against traps. */
  maxPagesPerPortal?: number;
}

/** A report's own file or an attachment larger than this is refused while it downloads. */
export const DEFAULT_MAX_FILE_BYTES = 50 * 1024 * 1024;
export const DEFAULT_MAX_PAGES_PER_PORTAL = 20_000;

export interface CrawlDependencies {
  storageDir: string;
  fetcher: Fetcher;
  archive: ReportArchive;
  onEvent?: (event: CrawlEvent) => void;
  now?: () => Date;
  /** Reads statistics tables published as images; without one, image tables are skipped. */
  tableReader?: TableImageReader;
  /** Reads report files (PDF, DOCX, …); src/read's readers when not given. */
  readFile?: RecordSources['read'];
  /** Reads scanned pages of files (OCR); without one, scans stay unread. */
  pageOcr?: PageOcr;
  /** Starts a browser on first need: static portals never launch one. */
  browser?: () => Promise<BrowserRenderer>;
  /** robots.txt check for the pages the browser opens itself. */
  robotsAllow?: (url: string) => Promise<boolean>;
  /** Holds one of the host's politeness slots while the browser works on it. */
  hostSlot?: <T>(url: string, task: () => Promise<T>) => Promise<T>;
  /** Requests sent so far (for the run record and the nightly-cost check). */
  requestCount?: () => number;
  /** Stops the crawl: pages in flight finish (a browser listing is cut short), nothing new starts. */
  signal?: AbortSignal;
  /**
   * Keep the request queue on disk under this name and resume it if it exists (backfills).
   * Without it the queue lives in memory and a new run starts afresh.
   */
  resumeKey?: string;
}

type UserData =
  | { kind: 'listing'; portal: string; start: string; page: number; rest?: string[] }
  | { kind: 'dataproxy'; portal: string; start: string; page: number; request: Extract<ListingRequest, { kind: 'dataproxy' }> }
  | { kind: 'browser-listing'; portal: string; start: string }
  | { kind: 'report'; portal: string; listingTitle: string; listingDate?: string; conditional?: Validators };

/** A report link that failed this many runs is left alone until it shows up on a listing again. */
const MAX_REPORT_FAILURES = 3;

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

export async function crawlPortals(seeds: PortalSeed[], settings: CrawlSettings, deps: CrawlDependencies): Promise<CrawlSummary> {
  const now = deps.now ?? (() => new Date());
  const startedAt = now().toISOString();
  const { mode } = settings;
  const db = deps.archive.db;
  const stats: Record<string, PortalStats> = {};
  const emit = (event: CrawlEvent) => {
    countEvent(stats, event);
    deps.onEvent?.(event);
  };
  const byId = new Map(seeds.map((s) => [s.id, s]));
  const known = new Map<string, KnownLinks>(seeds.map((s) => [s.id, loadKnownLinks(db, s.id)]));
  const listingPagesSeen = new Map<string, number>();
  // What each listing's pages listed (per start URL), to see a listing that goes round in circles.
  const listingSignatures = new Map<string, Set<string>>();
  // Requests queued per portal, against maxPagesPerPortal; portals told they hit a trap, once each.
  const queuedPerPortal = new Map<string, number>();
  const trapped = new Set<string>();
  const trap = (portal: string, url: string, reason: string): void => {
    const key = `${portal} ${reason}`;
    if (trapped.has(key)) return;
    trapped.add(key);
    emit({ type: 'error', portal, url, stage: 'crawl', error: `not followed further: ${reason}`, failure: 'trap' });
  };
  /** The requests the portal's page budget still allows; the rest dropped, and said so once. */
  const withinBudget = <T extends { url: string }>(portal: string, requests: T[]): T[] => {
    const budget = settings.maxPagesPerPortal ?? DEFAULT_MAX_PAGES_PER_PORTAL;
    const used = queuedPerPortal.get(portal) ?? 0;
    const allowed = requests.slice(0, Math.max(0, budget - used));
    queuedPerPortal.set(portal, used + allowed.length);
    if (allowed.length < requests.length) trap(portal, requests[allowed.length]!.url, `the portal's page budget (${budget} pages) is spent`);
    return allowed;
  };
  // Written to the archive only when the run ends: see recordListingLinks.
  const seenLinks = new Map<string, SeenLink & { portal: string }>();
  const seenValidators = new Map<string, Record<string, string>>();
  // The launch itself is shared, not just its result: listings that need a browser at the same
  // moment must get the same one, or every browser but the last is never closed and keeps the
  // process alive after the run.
  let browserLaunch: Promise<BrowserRenderer> | undefined;
  let browserRequests = 0;
  let stopped = false;
  let storageFull: StorageFullError | undefined;
  const sharedBrowser = (launch: () => Promise<BrowserRenderer>): Promise<BrowserRenderer> => {
    if (stopped) return Promise.reject(new XxgkError('the crawl was stopped', 'render'));
    if (!browserLaunch) {
      const launching = launch();
      browserLaunch = launching;
      // A failed launch is not kept: a later listing may try again.
      launching.catch(() => {
        if (browserLaunch === launching) browserLaunch = undefined;
      });
    }
    return browserLaunch;
  };
  const closeBrowser = async (): Promise<void> => {
    const launching = browserLaunch;
    browserLaunch = undefined;
    // A launch still under way is awaited and closed too, so no Chromium outlives the run.
    if (launching) {
      await launching.then(
        async (b) => {
          browserRequests += b.requestCount;
          await b.close();
        },
        () => undefined,
      );
    }
  };

  log.setLevel(LogLevel.OFF);
  const queueDir = deps.resumeKey ? join(deps.storageDir, 'crawlee', deps.resumeKey) : undefined;
  const config = new Configuration({
    storageClient: new MemoryStorage({
      ...(queueDir ? { localDataDirectory: queueDir } : {}),
      persistStorage: queueDir !== undefined,
      writeMetadata: false,
    }),
    purgeOnStart: queueDir === undefined,
    persistStateIntervalMillis: 5_000,
  });

  // The V1 queue keeps "in progress" in memory. The V2 queue locks requests in the persisted files,
  // so after a SIGKILL the requests that were being handled stay locked for minutes on resume.
  const requestQueue = await RequestQueueV1.open(null, { config });
  const crawler: BasicCrawler = new BasicCrawler(
    {
      requestQueue,
      // Handlers mostly wait on the per-host limiter, so ramping up slowly (Crawlee's default,
      // meant for CPU-bound browser crawls) would only leave other hosts idle.
      minConcurrency: settings.maxConcurrency,
      maxConcurrency: settings.maxConcurrency,
      maxRequestRetries: settings.maxRequestRetries,
      useSessionPool: false,
      // A browser-rendered listing is read in one handler call, page after page.
      requestHandlerTimeoutSecs: 900,
      requestHandler: async ({ request }) => {
        const data = request.userData as UserData;
        const seed = byId.get(data.portal);
        if (!seed) return;
        try {
          if (data.kind === 'report') await handleReport(request, seed, data);
          else if (data.kind === 'browser-listing') await handleBrowserListing(seed, data);
          else await handleListing(request, seed, data);
        } catch (error) {
          // A full disk fails every page after this one: the run stops here, said once.
          if (isStorageFull(error)) {
            storageFull ??= new StorageFullError(deps.storageDir, { cause: error });
            stopped = true;
            crawler.stop('the storage is full');
            request.noRetry = true;
          }
          // Retrying cannot fix a page we failed to understand; only transport trouble is retried.
          if (error instanceof XxgkError && !error.retryable) request.noRetry = true;
          throw error;
        }
      },
      failedRequestHandler: async ({ request }, error) => {
        if (storageFull) return;
        const data = request.userData as UserData;
        // robots.txt said no: the site's wish, not a failure of the crawl.
        if (error instanceof RobotsDisallowedError && data.kind === 'report') {
          emit({ type: 'report-skipped', portal: data.portal, url: request.url, reason: 'robots' });
          return;
        }
        if (data.kind === 'report') countReportFailure(db, data.portal, request.url);
        const seed = byId.get(data.portal);
        if (seed && data.kind !== 'report' && request.url === data.start) forgetColumnIfGone(db, seed, data.start, error, now());
        emit({
          type: 'error',
          portal: data.portal,
          url: request.url,
          stage: error instanceof XxgkError ? error.stage : 'crawl',
          error: error.message,
          failure: classifyFailure(error),
        });
      },
    },
    config,
  );

  function remember(seed: PortalSeed, link: ListingLink, isReport: boolean, deferred = false) {
    const previous = seenLinks.get(link.url);
    seenLinks.set(link.url, {
      portal: seed.id,
      ...link,
      isReport: isReport || (previous?.isReport ?? false),
      deferred: deferred && (previous?.deferred ?? true),
    });
  }

  /** Report links of a listing page: the ones to fetch are queued, the rest remembered. */
  async function takeLinks(seed: PortalSeed, start: string, links: ListingLink[]): Promise<Set<string>> {
    const reportUrls = new Set<string>();
    const requests: { url: string; userData: UserData }[] = [];
    for (const link of links) {
      if (!sameSite(link.url, start)) continue;
      const verdict = classifyTitle(link.title);
      // A file linked from the listing is fetched only when its title is a report's (…年度报告.pdf):
      // the column also lists budgets, forms and guides as files.
      if (isDocumentLink(link.url) && !verdict.isReport) {
        remember(seed, link, false);
        continue;
      }
      if (!verdict.isReport) {
        remember(seed, link, false);
        // Navigation links are not worth a log line; titled items that look like content are.
        if (link.title.length >= 8 && link.date) emit({ type: 'skipped', portal: seed.id, url: link.url, title: link.title, reason: verdict.reason });
        continue;
      }
      reportUrls.add(link.url);
      const decision = decideReport(link, mode, known.get(seed.id)!, settings.years);
      remember(seed, link, true, decision.action === 'skip' && decision.reason === 'out-of-range');
      if (decision.action === 'skip') {
        emit({ type: 'report-skipped', portal: seed.id, url: link.url, reason: decision.reason });
        continue;
      }
      requests.push({
        url: link.url,
        userData: {
          kind: 'report',
          portal: seed.id,
          listingTitle: link.title,
          ...(link.date ? { listingDate: link.date } : {}),
          ...(decision.conditional && Object.keys(decision.conditional).length ? { conditional: decision.conditional } : {}),
        },
      });
    }
    await crawler.addRequests(withinBudget(seed.id, requests));
    return reportUrls;
  }

  async function handleListing(request: Request, seed: PortalSeed, data: Extract<UserData, { kind: 'listing' | 'dataproxy' }>) {
    const incremental = mode === 'nightly';
    const conditional = incremental ? loadValidators(db, request.url) : undefined;
    const page = await deps.fetcher.fetch(request.url, conditional ? { conditional } : {});
    const firstPage = data.kind === 'listing' && data.page === 1;
    const memory: ListingMemory = firstPage && seed.render !== 'static' ? loadListingMemory(db, seed.id, data.start) : {};
    if (page.status !== 304 && data.kind === 'listing') seenValidators.set(request.url, page.headers);
    const staticHash = page.status === 304 ? memory.staticHash : sha256(page.body);
    // A script-built listing whose API was learned: ask the API, not the browser. The served page
    // was still fetched, because a column that is gone (404) must be looked for again.
    if (memory.api) {
      const failure = await readListingApi(seed, data.start, memory.api);
      if (failure === undefined) return;
      emit({ type: 'render', portal: seed.id, url: request.url, mode: 'browser', reason: `the learned listing API ${failure}` });
      await handleBrowserListing(seed, { kind: 'browser-listing', portal: seed.id, start: data.start }, staticHash);
      return;
    }
    if (page.status === 304) {
      emit({ type: 'listing-unchanged', portal: seed.id, url: request.url });
      return;
    }
    const decoded = decodePage(page.body, page.headers['content-type'], request.url);
    const maxPages = seed.maxListingPages ?? settings.maxListingPages;
    const parsed: ParsedListing =
      data.kind === 'dataproxy'
        ? parseDataproxyPage(decoded.text, page.finalUrl, data.request)
        : parseListingPage(decoded.text, page.finalUrl, maxPages);

    if (firstPage && wantsBrowser(seed, parsed, decoded.text)) {
      // Rendering costs the page, all its scripts and its API calls: not worth repeating on a page
      // that has not changed since the browser found nothing on it.
      if (seed.render !== 'browser' && memory.browserFound === 0 && memory.staticHash === staticHash) {
        emit({ type: 'listing-stop', portal: seed.id, url: request.url, reason: 'unchanged since the browser found no report link on it' });
        return;
      }
      emit({ type: 'render', portal: seed.id, url: request.url, mode: 'browser', reason: 'the static page lists no report links and runs scripts' });
      await handleBrowserListing(seed, { kind: 'browser-listing', portal: seed.id, start: data.start }, staticHash);
      return;
    }

    const reportUrls = await takeLinks(seed, data.start, parsed.links);
    const paging = continuePaging(mode, parsed.links, reportUrls, known.get(seed.id)!);
    let follow: ListingRequest[] = parsed.follow.filter((next) => sameHost(next.url, data.start));
    // A page listing what an earlier page of this listing listed: a server that ignores the page
    // number, or pages forever (a calendar, a "next" on every page). Paging stops here.
    const signatures = listingSignatures.get(data.start) ?? new Set<string>();
    listingSignatures.set(data.start, signatures);
    // Over the report links only: the pager's own links change from page to page.
    const signature = listingSignature([...reportUrls]);
    if (signatures.has(signature) && follow.length) {
      if (reportUrls.size) trap(seed.id, request.url, 'the listing repeats a page it has shown already');
      follow = [];
    }
    signatures.add(signature);
    follow = follow.filter((next) => {
      const reason = urlTrap(next.url);
      if (reason) trap(seed.id, next.url, reason);
      return !reason;
    });
    if (data.kind === 'listing' && data.rest) follow = data.rest.map((url) => ({ kind: 'listing', url }));
    if (follow.length && parsed.paging === 'script' && data.page === 1) {
      emit({ type: 'listing-size', portal: seed.id, url: data.start, pages: Math.min(maxPages, follow.length + 1) });
    }
    const seen = listingPagesSeen.get(data.start) ?? 1;
    let allowed = paging.next ? follow.slice(0, Math.max(0, maxPages - seen)) : [];
    if (!paging.next && follow.length) emit({ type: 'listing-stop', portal: seed.id, url: request.url, reason: paging.reason });
    // Incremental runs page one step at a time, so they can stop where the archive already is.
    const sequential = incremental && allowed.length > 1 && allowed.every((f) => f.kind === 'listing');
    const rest = sequential ? allowed.slice(1).map((f) => f.url) : undefined;
    if (sequential) allowed = allowed.slice(0, 1);
    allowed = withinBudget(seed.id, allowed);
    listingPagesSeen.set(data.start, seen + allowed.length);
    await crawler.addRequests(
      allowed.map((next) => ({
        url: next.url,
        userData: (next.kind === 'dataproxy'
          ? { kind: 'dataproxy', portal: seed.id, start: data.start, page: data.page + 1, request: next }
          : { kind: 'listing', portal: seed.id, start: data.start, page: data.page + 1, ...(rest ? { rest } : {}) }) satisfies UserData,
      })),
    );
    emit({
      type: 'listing',
      portal: seed.id,
      url: request.url,
      links: parsed.links.length,
      reports: reportUrls.size,
      paging: parsed.paging,
      follow: allowed.length,
    });
  }

  /** 'auto' portals switch to the browser when the served HTML lists nothing a script might. */
  function wantsBrowser(seed: PortalSeed, parsed: ParsedListing, html: string): boolean {
    const render = seed.render ?? 'auto';
    if (render === 'static' || !deps.browser) return false;
    if (render === 'browser') return true;
    const anyReport = parsed.links.some((l) => classifyTitle(l.title).isReport);
    return !anyReport && parsed.follow.length === 0 && /<script\b/i.test(html);
  }

  /**
   * Reads a listing in the browser, page by page, learning its API on the way; remembers what it
   * found for later runs. Returns how many report links it found.
   */
  async function handleBrowserListing(seed: PortalSeed, data: Extract<UserData, { kind: 'browser-listing' }>, staticHash?: string): Promise<number> {
    if (!deps.browser) throw new XxgkError('this listing needs a browser and none is configured', 'render', data.start);
    if (deps.robotsAllow && !(await deps.robotsAllow(data.start))) throw new RobotsDisallowedError(data.start);
    const renderer = await sharedBrowser(deps.browser);
    const maxPages = seed.maxListingPages ?? settings.maxListingPages;
    let found = 0;
    // Pages 1 and 2 are enough to tell the API's page parameter; later answers are not kept.
    const learning: RenderedListing[] = [];
    const slot = deps.hostSlot ?? (<T>(_url: string, task: () => Promise<T>) => task());
    await slot(data.start, () => renderer.renderListing(data.start, {
      maxPages,
      capture: true,
      ...(settings.browserDelayMs !== undefined ? { delayMs: settings.browserDelayMs } : {}),
      onPage: async (rendered) => {
        const links = extractListingLinks(rendered.html, rendered.url);
        const reportUrls = await takeLinks(seed, data.start, links);
        found += reportUrls.size;
        if (rendered.pageNumber <= 2) {
          learning.push({
            pageNumber: rendered.pageNumber,
            url: rendered.url,
            reportLinks: links.filter((l) => reportUrls.has(l.url)),
            exchanges: rendered.exchanges ?? [],
          });
        }
        const paging = continuePaging(mode, links, reportUrls, known.get(seed.id)!);
        emit({
          type: 'listing',
          portal: seed.id,
          url: `${rendered.url}#page=${rendered.pageNumber}`,
          links: links.length,
          reports: reportUrls.size,
          paging: 'browser',
          follow: paging.next ? 1 : 0,
          rendered: true,
        });
        if (!paging.next) emit({ type: 'listing-stop', portal: seed.id, url: rendered.url, reason: paging.reason });
        return paging.next;
      },
    }));
    const api = learnListingApi(learning);
    if (api) emit({ type: 'listing-api', portal: seed.id, url: data.start, api: api.url, format: api.format, paged: (api.page?.length ?? 0) > 0 });
    const hash = staticHash ?? loadListingMemory(db, seed.id, data.start).staticHash;
    saveListingMemory(db, seed.id, data.start, { ...(hash ? { staticHash: hash } : {}), browserFound: found, ...(api ? { api } : {}) }, now().toISOString());
    // Remembered only when the browser did better: an empty column with analytics scripts must
    // not send the portal to the browser for good.
    if (found > 0 && seed.render !== 'browser') {
      const state = loadPortalState(db, seed.id);
      if (state.render !== 'browser') savePortalState(db, seed.id, { ...state, render: 'browser' }, now().toISOString());
    }
    return found;
  }

  /**
   * Reads a script-built listing through its learned API, page by page, as far as the mode wants.
   * Returns why it could not (the first page failed or no longer has the learned shape), so the
   * browser can take over and learn the API again; undefined when it was read.
   */
  async function readListingApi(seed: PortalSeed, start: string, api: LearnedListingApi): Promise<string | undefined> {
    const maxPages = seed.maxListingPages ?? settings.maxListingPages;
    let previous: string | undefined;
    for (let n = 1; n <= maxPages; n++) {
      // Without a known page parameter only the first page can be asked.
      if (n > 1 && !api.page?.length) break;
      const ask = apiRequestFor(api, n, now().getTime());
      let reading: ApiReading;
      try {
        const answer = await deps.fetcher.fetch(ask.url, { method: ask.method, headers: ask.headers, ...(ask.body !== undefined ? { body: ask.body } : {}) });
        reading = readApiAnswer(api, decodePage(answer.body, answer.headers['content-type'], ask.url).text);
      } catch (error) {
        if (n === 1) return `failed (${(error as Error).message})`;
        throw error;
      }
      if (!reading.ok) {
        if (n === 1) return `no longer answers as learned (${reading.reason})`;
        emit({ type: 'listing-stop', portal: seed.id, url: ask.url, reason: `the answer changed shape: ${reading.reason}` });
        break;
      }
      if (n === 1 && reading.links.length === 0) return 'answered an empty first page';
      const signature = reading.links.map((l) => l.url).join('\n');
      // Past the last page APIs answer an empty list, or the last page again.
      if (!reading.links.length || signature === previous) break;
      previous = signature;
      const reportUrls = await takeLinks(seed, start, reading.links);
      const paging = continuePaging(mode, reading.links, reportUrls, known.get(seed.id)!);
      emit({ type: 'listing', portal: seed.id, url: ask.url, links: reading.links.length, reports: reportUrls.size, paging: 'api', follow: paging.next ? 1 : 0 });
      if (!paging.next) {
        emit({ type: 'listing-stop', portal: seed.id, url: ask.url, reason: paging.reason });
        break;
      }
    }
    return undefined;
  }

  async function handleReport(request: Request, seed: PortalSeed, data: Extract<UserData, { kind: 'report' }>) {
    const maxBytes = settings.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
    const page = await deps.fetcher.fetch(request.url, { ...(data.conditional ? { conditional: data.conditional } : {}), maxBytes, pageOrDocument: true });
    if (page.status === 304) {
      emit({ type: 'report-not-modified', portal: seed.id, url: request.url });
      return;
    }
    const listing = { title: data.listingTitle, ...(data.listingDate ? { date: data.listingDate } : {}) };
    const sources: RecordSources = {
      image: async (url) => {
        try {
          const bytes = (await deps.fetcher.fetch(url)).body;
          // A broken image is recorded, and kept from OCR; a page's text does not depend on it.
          const fault = await imageFault(bytes);
          if (fault) {
            emit({ type: 'image-failed', portal: seed.id, url: request.url, image: url, error: fault.message, failure: fault.failure });
            return undefined;
          }
          return bytes;
        } catch (error) {
          emit({ type: 'image-failed', portal: seed.id, url: request.url, image: url, error: (error as Error).message, failure: classifyFailure(error) });
          return undefined;
        }
      },
      file: async (link) => {
        if (!sameSite(link.url, request.url)) return { error: 'on another site' };
        try {
          const got = await deps.fetcher.fetch(link.url, { maxBytes });
          return { bytes: got.body, headers: got.headers };
        } catch (error) {
          return { error: (error as Error).message };
        }
      },
      read: deps.readFile ?? ((bytes, type) => readFileContent(bytes, type, { ...DEFAULT_READ_LIMITS })),
      ...(deps.tableReader ? { tableReader: deps.tableReader } : {}),
      ...(deps.pageOcr ? { ocr: deps.pageOcr } : {}),
      // A backfill's out-of-range reports are told before their images and files are fetched.
      ...(mode === 'backfill' ? { wanted: (record: ReportRecord) => inRange(record.year, settings.years) } : {}),
    };
    const built = await buildRecord(page, seed, listing, sources);
    if (!built) return skipOutOfRange(seed, request.url);
    const filed = built.record;
    const saved = await deps.archive.save(filed, page, built.images, built.attachments);
    emit({
      type: 'report',
      portal: seed.id,
      url: request.url,
      outcome: saved.outcome,
      id: saved.id,
      title: filed.title,
      year: filed.year,
      region: filed.region.code,
    });
  }

  function skipOutOfRange(seed: PortalSeed, url: string): void {
    emit({ type: 'report-skipped', portal: seed.id, url, reason: 'out-of-range' });
    const link = seenLinks.get(url);
    if (link) link.deferred = true;
  }

  for (const seed of seeds) stats[seed.id] ??= emptyStats();
  deps.archive.rememberPortals(seeds, now());
  const starts = await resolvePortalStarts(seeds, { db, fetcher: deps.fetcher, emit, now });
  const initial: { url: string; userData: UserData }[] = [];
  for (const seed of seeds) {
    const state = loadPortalState(db, seed.id);
    for (const start of starts.get(seed.id) ?? []) {
      // A listing whose API was learned starts with its served page and then the API (handleListing).
      const learned = seed.render !== 'static' && loadListingMemory(db, seed.id, start).api !== undefined;
      const browserFirst = !learned && (seed.render === 'browser' || (seed.render !== 'static' && state.render === 'browser' && deps.browser !== undefined));
      initial.push(
        browserFirst
          ? { url: start, userData: { kind: 'browser-listing', portal: seed.id, start } }
          : { url: start, userData: { kind: 'listing', portal: seed.id, start, page: 1 } },
      );
    }
    // Report links seen before but never archived (a failure, a run cut short) are tried again.
    if (mode !== 'backfill') {
      for (const link of pendingReportLinks(db, seed.id, MAX_REPORT_FAILURES)) {
        initial.push({
          url: link.url,
          userData: { kind: 'report', portal: seed.id, listingTitle: link.title, ...(link.date ? { listingDate: link.date } : {}) },
        });
      }
    }
  }
  const onAbort = () => {
    stopped = true;
    crawler.stop('interrupted');
    // A browser listing can take minutes; closing the browser ends it now.
    void closeBrowser();
  };
  if (deps.signal?.aborted) onAbort();
  deps.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    await crawler.run(initial);
  } finally {
    deps.signal?.removeEventListener('abort', onAbort);
    stopped = true;
    await closeBrowser();
  }
  if (storageFull) throw storageFull;
  const finishedAt = now().toISOString();
  const summary: CrawlSummary = { mode, portals: stats, startedAt, finishedAt, requests: (deps.requestCount?.() ?? 0) + browserRequests };
  // A stopped run is treated like a killed one: had it recorded the links of the pages it read,
  // the next nightly run would stop paging there and never reach the pages this one did not.
  // What it archived is kept; the next run reads the listings again and skips those reports.
  if (deps.signal?.aborted) return summary;
  recordListingLinks(db, seenLinks, finishedAt);
  for (const [url, headers] of seenValidators) saveValidators(db, url, headers, finishedAt);
  // A finished backfill's queue is spent; keeping it would make the next backfill a no-op.
  if (queueDir) await rm(queueDir, { recursive: true, force: true });
  return summary;
}
