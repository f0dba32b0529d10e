/**
 * What each portal module builds before any server runs: its Site (all pages as bytes), the
 * listed items (reports and decoys), and how to address them. URLs become absolute in portals.ts
 * once the port is known.
 */
import type { Region } from '../../src/types.js';
import { decoyLines, type DecoyContext, type DecoyKind } from '../fixtures/decoys.js';
import { jpegBytes, pngBytes } from '../fixtures/binary.js';
import { report2019 } from '../fixtures/synthetic-2019.js';
import { legacyReport, type ReportVoice } from '../fixtures/synthetic-legacy.js';
import { Site } from '../server.js';
import type { FaultLabel, FileLabel, HijackLabel, SpamLabel } from '../types.js';

/** A spam label before the port is known: the page's path instead of its URL. */
export type PortalSpamLabel = Omit<SpamLabel, 'url'> & { path: string };
/** A hijack label before the port is known. */
export type PortalHijackLabel = Omit<HijackLabel, 'url'> & { path: string };
/** A fault label before the port is known: paths instead of URLs (a path that is already absolute, e.g. file:///etc/passwd, stays as it is). */
export type PortalFaultLabel = Omit<FaultLabel, 'url' | 'portal' | 'linkedFrom'> & { path: string; linkedFrom?: string };
/** A file label before the port is known: paths instead of URLs. */
export type PortalFileLabel = Omit<FileLabel, 'url' | 'pageUrl' | 'reportUrl'> & { path: string; pagePath?: string; reportPath?: string };

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

/** A portal that changes between crawls (sim/types.ts: publish, revise). */
export interface LivePortal {
  /** Creates the next report, lists it first (below pinned items), serves it; returns its item. */
  publish(): Item;
  /** Serves the item's article page again from its (changed) `lines`. */
  rerender(item: Item): void;
}

export interface BuiltPortal {
  id: string;
  name: string;
  region: string;
  site: Site;
  /** First listing page of the report column; '' when the seed knows only the homepage. */
  startPath: string;
  /** The column a correct discovery finds, when it is not startPath. */
  columnPath?: string;
  maxListingPages: number;
  traits: string[];
  items: Item[];
  /** Ground truth for the portal's tampered pages, if any. */
  spamLabels?: PortalSpamLabel[];
  /** Per-occurrence ground truth for brand hijacks (the hijacked portal). */
  hijackLabels?: PortalHijackLabel[];
  /** Ground truth for the office files the portal serves (the files portal). */
  fileLabels?: PortalFileLabel[];
  /** Ground truth for the fault portals' fault routes. */
  faultLabels?: PortalFaultLabel[];
  /** More column start paths besides startPath (the fault portals' trap and script listings). */
  extraStartPaths?: string[];
  /** Listed paths robots.txt forbids (never to be requested). */
  robotsDisallowed?: string[];
  live?: LivePortal;
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
}

/** robots.txt as TRS-hosted portals commonly ship it (the CMS back office is not for robots). */
export const ROBOTS_MANAGE = 'User-agent: *\nDisallow: /manage/\n';
export const ROBOTS_ADMIN = 'User-agent: *\nDisallow: /admin/\n';

/** YYYY-MM-DD plus `days`. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Last-Modified for a page first published on `date` at `time` (China time). */
export function publishedAt(date: string, time = '09:00:00'): Date {
  return new Date(`${date}T${time}+08:00`);
}

/** How a report names its own scope, from its issuer's name. */
export function subjectOf(issuer: string): string {
  if (/委员会$/.test(issuer)) return '我委';
  if (/厅$/.test(issuer)) return '我厅';
  if (/局$/.test(issuer)) return '我局';
  if (/街道办事处$/.test(issuer)) return '我街道';
  if (/镇人民政府$/.test(issuer)) return '我镇';
  if (/乡人民政府$/.test(issuer)) return '我乡';
  if (/办公[室厅]$/.test(issuer)) return '我办';
  if (/省人民政府$/.test(issuer)) return '全省各级行政机关';
  if (/[县]人民政府$/.test(issuer)) return '全县各级行政机关';
  if (/区人民政府$/.test(issuer)) return '全区各级行政机关';
  return '全市各级行政机关';
}

export interface ReportSpec {
  issuer: string;
  year: number;
  region: Region;
  /** Numbers' scale (a province publishes far more than a county bureau). */
  scale: number;
  phone: string;
  seed: number;
  /** Title as listed and reported (default: issuer + year + 年政府信息公开工作年度报告). */
  title?: string;
  extra?: string[];
}

/** A synthetic report of the template its year used: 2008–2018 narrative, 2019 tables from 2019 on. */
export function syntheticReport(s: ReportSpec, path: string, date: string, time: string, source: string): Item {
  const voice: ReportVoice = {
    issuer: s.issuer,
    subject: subjectOf(s.issuer),
    year: s.year,
    seed: s.seed,
    scale: s.scale,
    office: `${s.issuer}办公室`,
    phone: s.phone,
    ...(s.extra ? { extra: s.extra } : {}),
  };
  const lines = s.year >= 2019 ? report2019(voice) : legacyReport(voice);
  const title = s.title ?? `${s.issuer}${s.year}年政府信息公开工作年度报告`;
  return {
    path,
    title,
    date,
    time,
    source,
    lines,
    report: { title, year: s.year, region: s.region, issuer: s.issuer, images: [], body: reportBody(lines) },
  };
}

/**
 * What publish() adds next on a portal: department reports for the year before the newest item's
 * date, dated a day after it (late January, as reports trickle in). After the list is used up it
 * starts again one year earlier (a late upload of an old report).
 */
export interface PublishPlan {
  issuers: string[];
  region: Region;
  scale: number;
  phone: string;
  source: (issuer: string) => string;
}

export function nextPublished(plan: PublishPlan, k: number, newest: string, pathFor: (date: string) => string): Item {
  const date = addDays(newest, 1);
  const issuer = plan.issuers[k % plan.issuers.length]!;
  const year = Number(date.slice(0, 4)) - 1 - Math.floor(k / plan.issuers.length);
  const spec: ReportSpec = { issuer, year, region: plan.region, scale: plan.scale, phone: plan.phone, seed: 900000 + year * 31 + k * 7 };
  return syntheticReport(spec, pathFor(date), date, `${String(9 + (k % 8)).padStart(2, '0')}:${String((k * 13) % 60).padStart(2, '0')}:00`, plan.source(issuer));
}

export function reportBody(lines: string[]): string {
  return lines.join('\n');
}
