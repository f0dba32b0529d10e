/**
 * Finds a portal's annual-report column from its homepage alone: a best-first search over the
 * site's own pages, led by link labels (column-links.ts), that accepts a column only once its page
 * shows it (verify-column.ts). Portals put the column anywhere from the homepage's navigation to
 * three levels down (home → 政务公开 → 法定主动公开内容 → 年报), under any URL scheme, so neither
 * a fixed path nor a fixed depth-first route would do.
 *
 * I/O is only the injected fetchHtml; everything it calls is pure. Page budget counts every fetch
 * attempt, failed or not, because each one costs the portal a request.
 */
import { sameSite } from '../link-scope.js';
import { pageKey, scoreColumnLinks, type ColumnLinkKind } from './column-links.js';
import { redirectTargets } from './page-redirect.js';
import { verifyColumnPage } from './verify-column.js';

export type FetchHtml = (url: string) => Promise<{ html: string; finalUrl: string }>;

export interface DiscoverOptions {
  /** Pages fetched at most, the homepage included (default 10). */
  maxPages?: number;
}

export interface DiscoveryResult {
  /** URL of the verified report column (after redirects), if one was found. */
  column?: string;
  /** Every URL requested, in order, failed ones included. */
  visited: string[];
  /** The route taken ("home → 政务公开 → 政府信息公开年报 (…)") or why nothing was found. */
  reason: string;
}

/** Links deeper than this from the homepage are not followed. */
export const MAX_DEPTH = 3;

type LeadKind = ColumnLinkKind | 'home';

interface Lead {
  url: string;
  kind: LeadKind;
  priority: number;
  depth: number;
  trail: string[];
  order: number;
}

/** Frontier of unfetched pages, one lead per page key, best first and then oldest first. */
class Frontier {
  private readonly leads = new Map<string, Lead>();
  private order = 0;

  offer(lead: Omit<Lead, 'order'>, done: ReadonlySet<string>): void {
    const key = pageKey(lead.url);
    if (done.has(key)) return;
    const existing = this.leads.get(key);
    if (existing && existing.priority >= lead.priority) return;
    this.leads.set(key, { ...lead, order: existing?.order ?? this.order++ });
  }

  take(): Lead | undefined {
    let best: Lead | undefined;
    for (const lead of this.leads.values()) {
      if (!best || lead.priority > best.priority || (lead.priority === best.priority && lead.order < best.order)) best = lead;
    }
    if (best) this.leads.delete(pageKey(best.url));
    return best;
  }

  get size(): number {
    return this.leads.size;
  }
}

// A redirect stub or frameset stands for the page that points to it, so its target goes first.
const REDIRECT_PRIORITY = 1000;
// Among equal labels, the shallower link is more likely the portal's own column than a sub-unit's.
const DEPTH_COST = 2;

export async function discoverReportColumn(
  home: string,
  fetchHtml: FetchHtml,
  options: DiscoverOptions = {},
): Promise<DiscoveryResult> {
  const maxPages = Math.max(0, Math.floor(options.maxPages ?? 10));
  const visited: string[] = [];
  const done = new Set<string>();
  const rejected: string[] = [];
  const failed: string[] = [];
  const frontier = new Frontier();
  let siteUrl = home;
  let homeLinks = 0;
  let beyondDepth = 0;

  frontier.offer({ url: home, kind: 'home', priority: Infinity, depth: 0, trail: ['home'] }, done);

  while (visited.length < maxPages) {
    const lead = frontier.take();
    if (!lead) break;
    done.add(pageKey(lead.url));
    visited.push(lead.url);

    let page: { html: string; finalUrl: string };
    try {
      page = await fetchHtml(lead.url);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (lead.kind === 'home') return { visited, reason: `home ${lead.url} could not be fetched: ${message}` };
      failed.push(`${lead.trail.at(-1)} ${lead.url} (${message})`);
      continue;
    }
    const pageUrl = page.finalUrl || lead.url;
    if (lead.kind === 'home') {
      // A homepage that redirects to a new domain has moved: the new domain is the site.
      siteUrl = pageUrl;
    } else if (!sameSite(pageUrl, siteUrl)) {
      failed.push(`${lead.trail.at(-1)} ${lead.url} (redirected off the site to ${pageUrl})`);
      continue;
    }
    done.add(pageKey(pageUrl));

    if (lead.kind === 'column') {
      const verdict = verifyColumnPage(page.html, pageUrl);
      if (verdict.ok) return { column: pageUrl, visited, reason: `${lead.trail.join(' → ')} (${verdict.reason})` };
      rejected.push(`${lead.trail.at(-1)} ${pageUrl} (${verdict.reason})`);
    }

    for (const target of redirectTargets(page.html, pageUrl)) {
      // A homepage stub may announce a move to a new domain; elsewhere a stub stays on the site.
      if (lead.kind !== 'home' && !sameSite(target, siteUrl)) continue;
      frontier.offer({ ...lead, url: target, priority: REDIRECT_PRIORITY - lead.depth }, done);
    }
    const links = scoreColumnLinks(page.html, pageUrl, { siteUrl });
    if (lead.kind === 'home') homeLinks += links.length;
    if (lead.depth >= MAX_DEPTH) {
      beyondDepth += links.filter((link) => !done.has(pageKey(link.url))).length;
      continue;
    }
    for (const link of links) {
      frontier.offer(
        {
          url: link.url,
          kind: link.kind,
          priority: link.score - DEPTH_COST * (lead.depth + 1),
          depth: lead.depth + 1,
          trail: [...lead.trail, link.label],
        },
        done,
      );
    }
  }

  return { visited, reason: failureReason({ maxPages, visited, rejected, failed, homeLinks, beyondDepth, unexplored: frontier.size }) };
}

function failureReason(s: {
  maxPages: number;
  visited: string[];
  rejected: string[];
  failed: string[];
  homeLinks: number;
  beyondDepth: number;
  unexplored: number;
}): string {
  const parts = [`no report column found: ${s.visited.length} page(s) fetched (limit ${s.maxPages})`];
  if (s.maxPages === 0) return `${parts[0]}: maxPages is 0`;
  if (s.homeLinks === 0) parts.push('home has no link toward 政府信息公开/政务公开 or a 年报 column');
  if (s.unexplored > 0) parts.push(`page limit reached with ${s.unexplored} lead(s) unexplored`);
  if (s.beyondDepth > 0) parts.push(`${s.beyondDepth} lead(s) deeper than ${MAX_DEPTH} levels not followed`);
  if (s.rejected.length) parts.push(`not a report column: ${s.rejected.join('; ')}`);
  if (s.failed.length) parts.push(`skipped: ${s.failed.join('; ')}`);
  return parts.join('; ');
}
