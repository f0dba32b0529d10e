/**
 * Listings that only exist after scripts run (Vue/jQuery lists fed by a JSON API, layui pagers,
 * pagers written by document.write) rendered in headless Chromium, page by page. The renderer only
 * hands over DOM snapshots; extracting report links from them stays with the listing parsers.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type ElementHandle, type Page, type Response, type Route } from 'playwright-core';
import { FetchError, XxgkError } from '../../errors.js';
import { findChromium } from './find-chromium.js';
import { FIND_NEXT_CONTROL_SCRIPT, nextAction } from './next-control.js';
import { NetworkActivity, linkSignature, waitForLinksToChange, waitUntilRendered } from './page-settle.js';
import { ChromiumNotFoundError, RenderError } from './render-errors.js';
import { redirectRefusal, type PrivateNameGuard } from '../address-scope.js';
import type { CapturedExchange } from '../listing-api/api-types.js';

export interface RenderedListingPage {
  url: string;
  html: string;
  /** 1-based. */
  pageNumber: number;
  /** With `capture`: the script requests answered since the previous page (the ones that drew this one). */
  exchanges?: CapturedExchange[];
}

export interface RenderListingOptions {
  maxPages: number;
  /** Return false to stop paging (e.g. the listing has reached years already archived). */
  onPage: (page: RenderedListingPage) => Promise<boolean> | boolean;
  /** Pause before activating the next page, for politeness towards the portal. */
  delayMs?: number;
  /** Keep the answers of XHR/fetch/JSONP requests, so the listing's API can be learned. */
  capture?: boolean;
}

export interface BrowserRenderer {
  /**
   * Opens url, waits until the listing has rendered, hands the DOM to onPage; then activates the
   * next-page control and hands over the new DOM, until onPage returns false, there is no (enabled)
   * next control, the DOM's set of links stops changing, or maxPages is reached.
   * `requests` counts requests the page actually sent (blocked ones are not).
   */
  renderListing(url: string, options: RenderListingOptions): Promise<{ pages: number; requests: number }>;
  /** Requests sent by every page this renderer opened, failed renderings included. */
  readonly requestCount: number;
  close(): Promise<void>;
}

export interface BrowserRendererOptions {
  /** Defaults to findChromium(). */
  executablePath?: string;
  userAgent: string;
  /** Bound on each navigation and on each wait for a scripted pager to redraw. */
  timeoutMs: number;
  /** Default true: images, fonts, media and stylesheets cost the server requests and tell us nothing. */
  blockResources?: boolean;
  /**
   * Bound on each page of a listing, from arriving at it to handing it over: a script that never
   * settles or loops forever in the page (where no evaluate returns) gets its tab closed. Per page,
   * not per listing, so a long listing is not cut short. Default one minute.
   */
  pageTimeoutMs?: number;
  /** Refuses requests to host names that resolve to private addresses (as the fetcher does). */
  privateNames?: PrivateNameGuard;
  /** More Chromium switches (a proxy; resolver rules, which the tests use to keep names local). */
  extraArgs?: readonly string[];
}

const DEFAULT_PAGE_TIMEOUT_MS = 60_000;
/** How long closing a stuck tab may take before the whole browser is closed instead. */
const CLOSE_GRACE_MS = 10_000;

const LAUNCH_ARGS = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const BLOCKED_TYPES = new Set(['image', 'font', 'media', 'stylesheet']);
/** Cap on waiting for network quiet: analytics beacons and long polls would otherwise hold us forever. */
const SETTLE_CAP_MS = 10_000;

export async function launchBrowserRenderer(options: BrowserRendererOptions): Promise<BrowserRenderer> {
  const executablePath = options.executablePath ?? findChromium();
  if (!executablePath) throw new ChromiumNotFoundError(process.env.XXGK_CHROMIUM?.trim() || undefined);
  if (!existsSync(executablePath)) throw new ChromiumNotFoundError(executablePath);
  let browser: Browser;
  try {
    // Signals are the CLI's to handle (stop the run, record it, release the lock); Playwright's
    // own handlers would exit mid-write on SIGINT and swallow SIGTERM. Its exit hook still kills
    // the browser if the process ends without closing it.
    browser = await chromium.launch({
      executablePath,
      args: [...LAUNCH_ARGS, ...(options.extraArgs ?? [])],
      headless: true,
      timeout: options.timeoutMs,
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    });
  } catch (cause) {
    throw new RenderError(`Chromium at ${executablePath} failed to start`, undefined, false, { cause });
  }
  return new ChromiumRenderer(browser, options);
}

class ChromiumRenderer implements BrowserRenderer {
  /** Serialises renderListing calls: one tab at a time keeps memory and server load predictable. */
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;
  requestCount = 0;

  constructor(
    private readonly browser: Browser,
    private readonly options: BrowserRendererOptions,
  ) {}

  renderListing(url: string, options: RenderListingOptions): Promise<{ pages: number; requests: number }> {
    const run = this.queue.then(() => this.render(url, options));
    this.queue = run.catch(() => undefined);
    return run;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.browser.close();
  }

  private async render(url: string, options: RenderListingOptions) {
    if (this.closed || !this.browser.isConnected()) throw new RenderError('browser renderer is closed', url);
    // A fresh context per listing: no cookies or cache leak between portals.
    let context: BrowserContext;
    try {
      context = await this.browser.newContext({
        userAgent: this.options.userAgent,
        locale: 'zh-CN',
        serviceWorkers: 'block',
        acceptDownloads: false,
      });
    } catch (cause) {
      throw new RenderError('Chromium could not open a tab', url, true, { cause });
    }
    const counter = { requests: 0 };
    const steering: Steering = { goingTo: undefined, clickedUntil: 0, nextPage: () => undefined };
    const limit = this.options.pageTimeoutMs ?? DEFAULT_PAGE_TIMEOUT_MS;
    let expired = false;
    // A page stuck in a script loop answers no evaluate, and Playwright gives those no timeout:
    // closing the tab is what ends them (and the whole browser, if even that hangs).
    let deadline: NodeJS.Timeout | undefined;
    steering.nextPage = () => {
      clearTimeout(deadline);
      deadline = setTimeout(() => {
        expired = true;
        void withTimeout(context.close(), CLOSE_GRACE_MS).catch(() => this.close().catch(() => undefined));
      }, limit);
    };
    steering.nextPage();
    try {
      await context.route('**/*', (route) => this.routeRequest(route, counter, url, steering));
      const page = await context.newPage();
      // Pagers that open a new window would leave a stray tab per page; the listing stays in ours.
      page.on('popup', (popup) => void popup.close().catch(() => undefined));
      page.on('dialog', (dialog) => void dialog.dismiss().catch(() => undefined));
      const pages = await this.walk(page, url, options, steering);
      return { pages, requests: counter.requests };
    } catch (error) {
      if (error instanceof CallbackFailure) throw error.cause;
      if (expired) throw new RenderError(`a page of the listing did not finish within ${Math.round(limit / 1000)} s`, url, false, { cause: error, timedOut: true });
      if (!this.browser.isConnected()) throw new RenderError('Chromium exited while rendering', url, true, { cause: error });
      if (error instanceof XxgkError) throw error;
      // Playwright's own errors: a page that navigated under us or stopped answering. A timeout may
      // pass on a second attempt; anything else is the page's doing and will happen again.
      const timedOut = error instanceof Error && error.name === 'TimeoutError';
      const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
      throw new RenderError(`rendering failed: ${reason}`, url, timedOut, { cause: error });
    } finally {
      clearTimeout(deadline);
      await withTimeout(context.close(), CLOSE_GRACE_MS).catch(() => this.close().catch(() => undefined));
    }
  }

  private async routeRequest(route: Route, counter: { requests: number }, listing: string, steering: Steering): Promise<void> {
    const request = route.request();
    const blocked = this.options.blockResources !== false && BLOCKED_TYPES.has(request.resourceType());
    try {
      if (blocked) return await route.abort('blockedbyclient');
      // The page's scripts may ask for anything: nothing off the portal's site, no private
      // address from a public portal, no navigating the tab away to another site.
      const navigation = request.isNavigationRequest() && request.frame() === request.frame().page().mainFrame();
      // The tab goes where the walk sends it (a page, or a pager's click): a page script moving it
      // elsewhere on its own (a "column moved" jump chain) would leave the listing unread.
      const steered = !navigation || sameDocument(request.url(), steering.goingTo) || Date.now() < steering.clickedUntil;
      if (!steered || offScope(listing, request.url(), navigation) || (await this.options.privateNames?.refusal(request.url()))) {
        // A 204 leaves the tab where it is; an aborted navigation would show Chromium's error page.
        return await (navigation ? route.fulfill({ status: 204, body: '' }) : route.abort('blockedbyclient'));
      }
      counter.requests++;
      this.requestCount++;
      await route.continue();
    } catch {
      // The page went away while the request was pending; nothing to deliver it to.
    }
  }

  private async walk(page: Page, url: string, options: RenderListingOptions, steering: Steering): Promise<number> {
    const { timeoutMs } = this.options;
    const settleCap = Math.min(timeoutMs, SETTLE_CAP_MS);
    const network = new NetworkActivity(page);
    const captured = options.capture ? new ExchangeRecorder(page) : undefined;
    const visitedUrls = new Set<string>();
    const seenSignatures = new Set<string>();

    await this.navigate(page, url, undefined, steering);
    visitedUrls.add(url).add(page.url());
    let pages = 0;
    while (true) {
      await waitUntilRendered(page, network, settleCap);
      const signature = (await linkSignature(page)) ?? '';
      // Same links as a page already handed over: the pager wrapped around or ignored us.
      if (pages > 0 && seenSignatures.has(signature)) break;
      seenSignatures.add(signature);
      pages++;
      steering.nextPage();
      const snapshot: RenderedListingPage = { url: page.url(), html: await page.content(), pageNumber: pages };
      if (captured) snapshot.exchanges = await captured.drain();
      let keepGoing: boolean;
      try {
        keepGoing = await options.onPage(snapshot);
      } catch (error) {
        throw new CallbackFailure(error);
      }
      if (keepGoing === false || pages >= options.maxPages) break;

      const control = (await page.evaluateHandle(FIND_NEXT_CONTROL_SCRIPT)).asElement() as ElementHandle<HTMLElement> | null;
      if (!control) break;
      const [rawHref, resolvedHref] = (await control.evaluate((el) => [
        el.getAttribute('href'),
        el instanceof HTMLAnchorElement ? el.href : null,
      ])) as [string | null, string | null];
      const action = nextAction(rawHref, resolvedHref);
      if (action.kind === 'navigate' && visitedUrls.has(action.url)) break;

      if (options.delayMs) await sleep(options.delayMs);
      if (action.kind === 'navigate') {
        visitedUrls.add(action.url);
        await this.navigate(page, action.url, page.url(), steering);
      } else {
        // A DOM click, not a pointer click: floating toolbars and hidden pager templates on portal
        // pages make pointer clicks time out, and pagers listen for click events either way.
        steering.clickedUntil = Date.now() + timeoutMs;
        await control.evaluate((el) => el.click()).catch(() => undefined);
        const changed = await waitForLinksToChange(page, signature, timeoutMs, network);
        steering.clickedUntil = 0;
        if (!changed) break;
      }
      await control.dispose().catch(() => undefined);
    }
    return pages;
  }

  private async navigate(page: Page, url: string, referer: string | undefined, steering: Steering): Promise<void> {
    steering.goingTo = url;
    try {
      await this.goTo(page, url, referer);
    } finally {
      steering.goingTo = undefined;
    }
  }

  private async goTo(page: Page, url: string, referer?: string): Promise<void> {
    // Chromium turns an error status with an empty body into a navigation failure without the
    // response, so the main-frame response is watched to keep the status for FetchError.
    let failed: Response | undefined;
    const watch = (response: Response) => {
      if (response.request().isNavigationRequest() && response.frame() === page.mainFrame()) {
        failed = response.ok() ? undefined : response;
      }
    };
    page.on('response', watch);
    try {
      // Committed, then parsed: a page whose script starts another navigation before it has
      // parsed (refused with a 204, it goes nowhere) would leave goto waiting for that one.
      await page.goto(url, { waitUntil: 'commit', timeout: this.options.timeoutMs, referer });
      await page.waitForLoadState('domcontentloaded', { timeout: this.options.timeoutMs }).catch(() => undefined);
    } catch (cause) {
      if (page.isClosed() || !this.browser.isConnected()) throw cause;
      if (!failed) throw new FetchError(url, 0, { cause });
    } finally {
      page.off('response', watch);
    }
    if (failed) {
      throw new FetchError(url, failed.status(), { retryAfter: (await failed.headerValue('retry-after')) ?? undefined });
    }
  }
}

/** Script-initiated requests that could carry a listing's data; static libraries and documents are not kept. */
const CAPTURED_TYPES = new Set(['xhr', 'fetch', 'script']);
const MAX_CAPTURED_BYTES = 4 * 1024 * 1024;

/** Collects the answers of a page's script requests as they arrive, handed over page by page. */
class ExchangeRecorder {
  private pending: Promise<CapturedExchange | undefined>[] = [];

  constructor(page: Page) {
    page.on('response', (response) => {
      const request = response.request();
      const type = request.resourceType();
      if (!CAPTURED_TYPES.has(type) || !response.ok()) return;
      // A <script> without a query string is a library, not a JSONP answer.
      if (type === 'script' && !request.url().includes('?')) return;
      this.pending.push(this.record(response));
    });
  }

  private async record(response: Response): Promise<CapturedExchange | undefined> {
    const request = response.request();
    try {
      const body = await response.body();
      if (body.length > MAX_CAPTURED_BYTES) return undefined;
      const headers = await request.allHeaders();
      const keep: Record<string, string> = {};
      for (const name of ['content-type', 'x-requested-with', 'accept']) if (headers[name]) keep[name] = headers[name]!;
      const contentType = await response.headerValue('content-type');
      const postData = request.postData();
      return {
        url: request.url(),
        method: request.method(),
        ...(postData !== null ? { postData } : {}),
        requestHeaders: keep,
        resourceType: request.resourceType(),
        status: response.status(),
        ...(contentType ? { contentType } : {}),
        body,
      };
    } catch {
      // The page moved on before the body could be read: nothing to learn from it.
      return undefined;
    }
  }

  async drain(): Promise<CapturedExchange[]> {
    const batch = this.pending;
    this.pending = [];
    return (await Promise.all(batch)).filter((e): e is CapturedExchange => e !== undefined);
  }
}

/** Carries an error thrown by onPage past the wrapping of browser errors, to be rethrown as is. */
class CallbackFailure {
  constructor(readonly cause: unknown) {}
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A request a listing's page may not make: another scheme, a private address from a public host, another site for the tab itself. */
function offScope(listing: string, target: string, navigation: boolean): boolean {
  let to: URL;
  try {
    to = new URL(target);
  } catch {
    return true;
  }
  if (to.protocol === 'data:' || to.protocol === 'blob:') return false;
  const refusal = redirectRefusal(new URL(listing), to);
  // Other sites' scripts (a CDN's jQuery) may load; the tab being sent to another site may not.
  return refusal !== undefined && (navigation || !/another host/.test(refusal));
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

/** Where the walk is sending the tab: a page it navigates to, or anywhere shortly after it clicked a pager. */
interface Steering {
  goingTo: string | undefined;
  clickedUntil: number;
  /** Called as each page is reached: its time limit starts again. */
  nextPage: () => void;
}

function sameDocument(a: string, b: string | undefined): boolean {
  return b !== undefined && a.split('#')[0] === b.split('#')[0];
}
