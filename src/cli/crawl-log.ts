/**
 * The crawl's journal: one JSON object per line under <storage>/logs/, plus short progress lines
 * for the person watching.
 */
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import type { CrawlEvent } from '../crawl/crawl-events.js';

export class CrawlLog {
  private readonly stream: WriteStream;
  readonly path: string;

  constructor(storageDir: string, command: string, now = new Date()) {
    const dir = join(storageDir, 'logs');
    mkdirSync(dir, { recursive: true });
    this.path = join(dir, `${command}-${now.toISOString().replace(/[:.]/g, '-')}.jsonl`);
    this.stream = createWriteStream(this.path, { flags: 'a' });
    // A full disk must not crash the run through an unhandled stream error: the journal is a
    // convenience, the archive and the run record are what count.
    this.stream.on('error', () => undefined);
  }

  write(event: CrawlEvent | Record<string, unknown>): void {
    this.stream.write(`${JSON.stringify({ at: new Date().toISOString(), ...event })}\n`);
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.stream.end(resolve));
  }
}

/** One human line for the events worth seeing live; undefined for the rest. */
export function progressLine(event: CrawlEvent): string | undefined {
  switch (event.type) {
    case 'listing':
      return `  [${event.portal}] listing ${event.url} — ${event.reports} report link(s), ${event.follow} more page(s) (${event.paging})`;
    case 'report':
      return `  [${event.portal}] ${event.outcome.padEnd(9)} #${event.id} ${event.year} ${event.region} ${event.title}`;
    case 'listing-unchanged':
      return `  [${event.portal}] listing ${event.url} — not modified`;
    case 'listing-stop':
      return `  [${event.portal}] stop paging at ${event.url}: ${event.reason}`;
    case 'report-not-modified':
      return `  [${event.portal}] not modified ${event.url}`;
    case 'discovered':
      return `  [${event.portal}] report column ${event.column ?? 'not found'} (${event.reason})`;
    case 'render':
      return `  [${event.portal}] rendering ${event.url} in the browser: ${event.reason}`;
    case 'listing-api':
      return `  [${event.portal}] learned the listing's ${event.format} API ${event.api}${event.paged ? '' : ' (first page only)'}: later runs ask it directly`;
    case 'retry':
      return `  [${event.portal}] retry ${event.attempt} of ${event.url} in ${Math.round(event.waitMs / 100) / 10} s (HTTP ${event.status})`;
    case 'robots-disallowed':
      return `  [${event.portal}] robots.txt disallows ${event.url}`;
    case 'error':
      return `  [${event.portal}] ERROR ${event.stage}: ${event.error} — ${event.url}`;
    default:
      return undefined;
  }
}
