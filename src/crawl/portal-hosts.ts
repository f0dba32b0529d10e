/**
 * Which portal a host belongs to. The polite fetch layer knows hosts, not portals; runs report per
 * portal, and politeness overrides in seeds apply to their portal's hosts.
 */
import type { PortalSeed } from '../types.js';
import type { CrawlEvent } from './crawl-events.js';
import type { PolitenessEvent } from './polite/politeness-events.js';

export function portalsByHost(seeds: PortalSeed[]): Map<string, PortalSeed> {
  const map = new Map<string, PortalSeed>();
  for (const seed of seeds) {
    for (const url of [...seed.start, ...(seed.home ? [seed.home] : [])]) map.set(new URL(url).host, seed);
  }
  return map;
}

/** A politeness event as a crawl event of its portal (or of its bare host, for hosts no seed names). */
export function politenessCrawlEvent(byHost: Map<string, PortalSeed>, event: PolitenessEvent): CrawlEvent {
  const host = new URL('url' in event ? event.url : event.origin).host;
  return { ...event, portal: byHost.get(host)?.id ?? host };
}
