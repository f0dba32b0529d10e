/**
 * What the crawler remembers between runs, besides the reports themselves: the links each
 * portal's listings showed, validators of listing pages, and what it learnt about each portal (the
 * report column found from the homepage, whether the listing needs a browser). This is what makes
 * a nightly run cheap: it reads a listing only as far as something is unseen.
 */
import type { Db } from './archive-db.js';
import type { Validators } from '../types.js';
import type { LearnedListingApi, ListingMemory } from '../crawl/listing-api/api-types.js';

export interface SeenLink {
  url: string;
  title: string;
  date?: string;
  isReport: boolean;
  /** A report link outside a backfill's years: remembered, not fetched. */
  deferred?: boolean;
}

export interface KnownLinks {
  /** Every URL any finished run saw on this portal's listings. */
  seen: Set<string>;
  /** Report URLs already in the archive, with the listing title/date they were filed under. */
  archived: Map<string, { title: string | null; date: string | null; etag: string | null; lastModified: string | null }>;
}

export function loadKnownLinks(db: Db, portal: string): KnownLinks {
  const seen = new Set((db.prepare('SELECT url FROM listing_links WHERE portal = ?').all(portal) as { url: string }[]).map((r) => r.url));
  const rows = db
    .prepare('SELECT url, listing_title, listing_date, etag, last_modified FROM reports WHERE portal = ?')
    .all(portal) as { url: string; listing_title: string | null; listing_date: string | null; etag: string | null; last_modified: string | null }[];
  const archived = new Map(rows.map((r) => [r.url, { title: r.listing_title, date: r.listing_date, etag: r.etag, lastModified: r.last_modified }]));
  return { seen, archived };
}

/**
 * Records a run's listing links in one transaction. Called when a run ends (not page by page): a
 * run killed halfway must not leave pages it never finished marked as seen, or the next nightly
 * run would stop paging before reaching them.
 */
export function recordListingLinks(db: Db, links: Map<string, SeenLink & { portal: string }>, now: string): void {
  const upsert = db.prepare(
    `INSERT INTO listing_links (portal, url, title, date, is_report, deferred, first_seen, last_seen) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (portal, url) DO UPDATE SET title = excluded.title, date = excluded.date, is_report = excluded.is_report,
       deferred = MIN(deferred, excluded.deferred), last_seen = excluded.last_seen`,
  );
  db.transaction(() => {
    for (const l of links.values()) upsert.run(l.portal, l.url, l.title, l.date ?? null, l.isReport ? 1 : 0, l.deferred ? 1 : 0, now, now);
  })();
}

/** Report links seen on listings but never archived (failed, or the run was cut short), oldest first. */
export function pendingReportLinks(db: Db, portal: string, maxFailures: number): SeenLink[] {
  const rows = db
    .prepare(
      `SELECT l.url, l.title, l.date FROM listing_links l LEFT JOIN reports r ON r.url = l.url
       WHERE l.portal = ? AND l.is_report = 1 AND l.deferred = 0 AND r.id IS NULL AND l.failures < ? ORDER BY l.first_seen`,
    )
    .all(portal, maxFailures) as { url: string; title: string; date: string | null }[];
  return rows.map((r) => ({ url: r.url, title: r.title, ...(r.date ? { date: r.date } : {}), isReport: true }));
}

export function countReportFailure(db: Db, portal: string, url: string): void {
  db.prepare('UPDATE listing_links SET failures = failures + 1 WHERE portal = ? AND url = ?').run(portal, url);
}

export function loadValidators(db: Db, url: string): Validators | undefined {
  const row = db.prepare('SELECT etag, last_modified FROM http_validators WHERE url = ?').get(url) as
    | { etag: string | null; last_modified: string | null }
    | undefined;
  if (!row || (!row.etag && !row.last_modified)) return undefined;
  return { ...(row.etag ? { etag: row.etag } : {}), ...(row.last_modified ? { lastModified: row.last_modified } : {}) };
}

export function saveValidators(db: Db, url: string, headers: Record<string, string>, now: string): void {
  const etag = headers.etag ?? null;
  const lastModified = headers['last-modified'] ?? null;
  if (!etag && !lastModified) {
    db.prepare('DELETE FROM http_validators WHERE url = ?').run(url);
    return;
  }
  db.prepare(
    `INSERT INTO http_validators (url, etag, last_modified, checked_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified, checked_at = excluded.checked_at`,
  ).run(url, etag, lastModified, now);
}

export interface PortalState {
  column?: string;
  columnReason?: string;
  render?: 'browser';
}

export function loadPortalState(db: Db, portal: string): PortalState {
  const row = db.prepare('SELECT column_url, column_reason, render FROM portal_state WHERE portal = ?').get(portal) as
    | { column_url: string | null; column_reason: string | null; render: string | null }
    | undefined;
  if (!row) return {};
  return {
    ...(row.column_url ? { column: row.column_url } : {}),
    ...(row.column_reason ? { columnReason: row.column_reason } : {}),
    ...(row.render === 'browser' ? { render: 'browser' as const } : {}),
  };
}

export function savePortalState(db: Db, portal: string, state: PortalState, now: string): void {
  db.prepare(
    `INSERT INTO portal_state (portal, column_url, column_reason, render, updated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (portal) DO UPDATE SET column_url = excluded.column_url, column_reason = excluded.column_reason,
       render = excluded.render, updated_at = excluded.updated_at`,
  ).run(portal, state.column ?? null, state.columnReason ?? null, state.render ?? null, now);
}

export function loadListingMemory(db: Db, portal: string, startUrl: string): ListingMemory {
  const row = db.prepare('SELECT static_hash, browser_found, api_json FROM listing_memory WHERE portal = ? AND start_url = ?').get(portal, startUrl) as
    | { static_hash: string | null; browser_found: number | null; api_json: string | null }
    | undefined;
  if (!row) return {};
  let api: LearnedListingApi | undefined;
  try {
    api = row.api_json ? (JSON.parse(row.api_json) as LearnedListingApi) : undefined;
  } catch {
    // A damaged record only costs a browser rendering, which learns the API again.
  }
  return {
    ...(row.static_hash ? { staticHash: row.static_hash } : {}),
    ...(row.browser_found !== null ? { browserFound: row.browser_found } : {}),
    ...(api ? { api } : {}),
  };
}

export function saveListingMemory(db: Db, portal: string, startUrl: string, memory: ListingMemory, now: string): void {
  db.prepare(
    `INSERT INTO listing_memory (portal, start_url, static_hash, browser_found, api_json, updated_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (portal, start_url) DO UPDATE SET static_hash = excluded.static_hash, browser_found = excluded.browser_found,
       api_json = excluded.api_json, updated_at = excluded.updated_at`,
  ).run(portal, startUrl, memory.staticHash ?? null, memory.browserFound ?? null, memory.api ? JSON.stringify(memory.api) : null, now);
}
