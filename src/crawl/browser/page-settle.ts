/**
 * Deciding when a scripted listing has finished drawing. There is no "done" event for an AJAX list,
 * so we wait for the network to go quiet (capped: portals embed analytics that never stop) and then
 * for the number of anchors to stop moving (lists are often drawn in a timer after the data arrives).
 */
import type { Page } from 'playwright-core';

const QUIET_MS = 500;
const POLL_MS = 100;
const STABLE_READS = 3;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Requests in flight on one page, fed by Playwright's request events. */
export class NetworkActivity {
  private inFlight = 0;
  private lastChange = Date.now();
  /** Requests the page has started so far: tells whether a click asked the server for anything. */
  started = 0;

  constructor(page: Page) {
    page.on('request', () => {
      this.started++;
      this.change(+1);
    });
    page.on('requestfinished', () => this.change(-1));
    page.on('requestfailed', () => this.change(-1));
  }

  private change(delta: number): void {
    this.inFlight = Math.max(0, this.inFlight + delta);
    this.lastChange = Date.now();
  }

  /** Resolves once nothing has been in flight for QUIET_MS, or at the deadline. */
  async quiet(deadline: number): Promise<void> {
    while (Date.now() < deadline) {
      if (this.inFlight === 0 && Date.now() - this.lastChange >= QUIET_MS) return;
      await sleep(POLL_MS);
    }
  }
}

/**
 * Runs an in-page expression, treating a navigation in progress (the context is torn down under us)
 * as "no answer yet" rather than a failure.
 */
export async function evaluateSoftly<T>(page: Page, expression: string): Promise<T | undefined> {
  try {
    return (await page.evaluate(expression)) as T;
  } catch (error) {
    if (page.isClosed()) throw error;
    return undefined;
  }
}

const ANCHOR_COUNT = 'document.querySelectorAll("a").length';

/** Every anchor's target and label, in document order: what a listing parser will see. */
const LINK_SIGNATURE = String.raw`Array.from(document.querySelectorAll('a'), (a) =>
  (a.href || '') + '\u0001' + (a.textContent || '').replace(/\s+/g, ' ').trim()).join('\u0002')`;

export function linkSignature(page: Page): Promise<string | undefined> {
  return evaluateSoftly<string>(page, LINK_SIGNATURE);
}

/** Network quiet, then the anchor count unchanged over STABLE_READS polls; never past the deadline. */
export async function waitUntilRendered(page: Page, network: NetworkActivity, capMs: number): Promise<void> {
  const deadline = Date.now() + capMs;
  await network.quiet(deadline);
  let last: number | undefined;
  let same = 0;
  while (Date.now() < deadline) {
    const count = await evaluateSoftly<number>(page, ANCHOR_COUNT);
    same = count !== undefined && count === last ? same + 1 : 0;
    if (same >= STABLE_READS - 1) return;
    last = count;
    await sleep(POLL_MS);
  }
}

/**
 * After clicking a scripted pager: resolves true once the link signature differs from `before`
 * (the page has drawn something new), false if it has not by the deadline.
 */
export async function waitForLinksToChange(page: Page, before: string, timeoutMs: number, network?: NetworkActivity): Promise<boolean> {
  const clicked = Date.now();
  const deadline = clicked + timeoutMs;
  const startedBefore = network?.started;
  while (Date.now() < deadline) {
    const now = await linkSignature(page);
    if (now !== undefined && now !== before) return true;
    // A next control on the last page often does nothing (or shows a toast): when the click sent
    // no request and drew nothing for a while, there is no next page to wait for.
    if (network && network.started === startedBefore && Date.now() - clicked > IDLE_CLICK_MS) return false;
    await sleep(POLL_MS);
  }
  return false;
}

/** How long a click that sent no request may take to redraw the list from data it already had. */
const IDLE_CLICK_MS = 2_000;
