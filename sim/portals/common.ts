/**
 * What each portal module builds before any server runs: its Site (all pages as bytes), the
 * listed items (reports and decoys), and how to address them. URLs become absolute in portals.ts
 * once the port is known.
 */
import type { Region } from '../../src/types.js';
import { decoyLines, type DecoyContext, type DecoyKind } from '../fixtures/decoys.js';
import { jpegBytes, pngBytes } from '../fixtures/binary.js';
import { Site } from '../server.js';
import type { SpamLabel } from '../types.js';

/** A spam label before the port is known: the page's path instead of its URL. */
export type PortalSpamLabel = Omit<SpamLabel, 'url'> & { path: string };

export interface ReportFacts {
  title: string;
  year: number;
  region: Region;
  issuer: string;
  seed?: string;
  /** Image basenames inside the body, in order. */
  images: string[];
  gb18030Only?: string[];
  /** The text a perfect extractor returns. */
  body: string;
  /** Statistics-table ground truth (ExpectedReport.figures); seed reports get theirs from fixtures/seed-figures.ts. */
  figures?: Record<string, number>;
  failingChecks?: string[];
}

/** One item in a column listing. */
export interface Item {
  /** Path (and query, for ASP portals) of the article page. */
  path: string;
  /** Title as the listing shows it. */
  title: string;
  /** YYYY-MM-DD. */
  date: string;
  /** HH:MM:SS, shown on the article page. */
  time: string;
  source: string;
  lines: string[];
  report?: ReportFacts;
}

export interface BuiltPortal {
  id: string;
  name: string;
  region: string;
  site: Site;
  startPath: string;
  maxListingPages: number;
  traits: string[];
  items: Item[];
  /** Ground truth for the portal's tampered pages, if any. */
  spamLabels?: PortalSpamLabel[];
}

/** Newest first, as every column lists. */
export function byDateDesc(a: Item, b: Item): number {
  return a.date === b.date ? b.time.localeCompare(a.time) : b.date.localeCompare(a.date);
}

export function chunk<T>(xs: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += size) out.push(xs.slice(i, i + size));
  return out;
}

export interface DecoySpec {
  title: string;
  kind: DecoyKind;
  date: string;
  year: number;
  headline?: string;
}

/** Decoy items, bodies generated from their kind; `pathFor` places them in the portal's URL scheme. */
export function decoyItems(
  specs: DecoySpec[],
  ctx: Omit<DecoyContext, 'year'>,
  source: string,
  pathFor: (spec: DecoySpec, index: number) => string,
): Item[] {
  return specs.map((d, i) => ({
    path: pathFor(d, i),
    title: d.title,
    date: d.date,
    time: `${String(9 + (i % 8)).padStart(2, '0')}:${String((i * 17) % 60).padStart(2, '0')}:00`,
    source,
    lines: decoyLines(d.kind, { ...ctx, year: d.year }, d.headline),
  }));
}

/** Registers image bytes: JPEG for .jpg names, PNG for bare ids (served as image/png). */
export function addImage(site: Site, path: string, name: string): void {
  const isJpeg = /\.jpe?g$/i.test(name);
  site.add(path, {
    contentType: isJpeg ? 'image/jpeg' : 'image/png',
    body: isJpeg ? jpegBytes(path) : pngBytes(path),
  });
}

/** Chrome images every page template refers to (logo, badges, QR code). */
export function addChromeAssets(site: Site, css: string[], js: Record<string, string>): void {
  for (const name of ['logo.png', 'gongan.png', 'jiucuo.png', 'red.png', 'ewm.png', 'search.png']) {
    site.add(`/images/${name}`, { contentType: 'image/png', body: pngBytes(name) });
  }
  for (const href of css) {
    site.add(href, { contentType: 'text/css', body: 'body{margin:0;font:14px/1.8 "Microsoft YaHei",SimSun;}\n.list li{overflow:hidden}\n' });
  }
  for (const [path, code] of Object.entries(js)) {
    site.add(path, { contentType: 'application/javascript', body: code });
  }
  site.add('/robots.txt', { contentType: 'text/plain', body: 'User-agent: *\nDisallow: /manage/\n' });
}

export function reportBody(lines: string[]): string {
  return lines.join('\n');
}
