/**
 * Progress of a crawl for the person watching: on a terminal, one bar per portal (listing pages
 * read of those known, reports found and filed, ETA) drawn by cli-progress on stderr; elsewhere
 * (cron, CI, a pipe) plain lines, because a bar's redraws make a log unreadable.
 */
import cliProgress from 'cli-progress';
import type { CrawlEvent } from '../crawl/crawl-events.js';
import { progressLine } from './crawl-log.js';

export interface CrawlProgress {
  onEvent(event: CrawlEvent): void;
  stop(): void;
}

interface PortalBar {
  bar: cliProgress.SingleBar;
  pages: number;
  total: number;
  reports: number;
  filed: number;
  errors: number;
}

export function createCrawlProgress(options: { tty: boolean; quiet: boolean; print: (line: string) => void }): CrawlProgress {
  if (options.quiet) return { onEvent: () => {}, stop: () => {} };
  if (!options.tty) {
    return {
      onEvent: (event) => {
        const line = progressLine(event);
        if (line) options.print(line);
      },
      stop: () => {},
    };
  }
  const multi = new cliProgress.MultiBar(
    {
      format: ' {portal} |{bar}| {value}/{total} listing pages | reports {reports}, filed {filed}, errors {errors} | ETA {eta_formatted}',
      hideCursor: true,
      clearOnComplete: false,
      stopOnComplete: false,
      etaBuffer: 50,
      fps: 5,
    },
    cliProgress.Presets.shades_classic,
  );
  const bars = new Map<string, PortalBar>();
  const barOf = (portal: string): PortalBar => {
    let b = bars.get(portal);
    if (!b) {
      b = { bar: multi.create(1, 0, { portal: portal.padEnd(12), reports: 0, filed: 0, errors: 0 }), pages: 0, total: 1, reports: 0, filed: 0, errors: 0 };
      bars.set(portal, b);
    }
    return b;
  };
  const redraw = (b: PortalBar) => {
    // Until a pager says how many pages there are, the total is "one more than read".
    b.total = Math.max(b.total, b.pages);
    b.bar.setTotal(b.total);
    b.bar.update(b.pages, { reports: b.reports, filed: b.filed, errors: b.errors });
  };
  return {
    onEvent: (event) => {
      const b = barOf(event.portal);
      switch (event.type) {
        case 'listing-size':
          b.total = Math.max(b.total, event.pages);
          break;
        case 'listing':
          b.pages++;
          if (event.follow > 0 && b.total <= b.pages) b.total = b.pages + event.follow;
          break;
        case 'listing-unchanged':
          b.pages++;
          break;
        case 'listing-stop':
          b.total = b.pages;
          break;
        case 'report':
          b.reports++;
          if (event.outcome !== 'unchanged') b.filed++;
          break;
        case 'report-not-modified':
          b.reports++;
          break;
        case 'error':
          b.errors++;
          multi.log(`${progressLine(event)}\n`);
          break;
        default:
          return;
      }
      redraw(b);
    },
    stop: () => {
      for (const b of bars.values()) {
        b.total = b.pages;
        redraw(b);
      }
      multi.stop();
    },
  };
}
