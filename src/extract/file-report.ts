/**
 * Decides where a cleaned report is filed: report year, issuer and region, from the title first,
 * the page's own statements next, and the portal's seed last.
 */
import { ExtractError } from '../errors.js';
import { inferIssuer } from './issuer.js';
import { inferReportYear } from './report-year.js';
import { regionName, resolveRegion } from './region.js';
import type { CleanReport, ListingHint, PortalSeed, Region, ReportRecord } from '../types.js';

type PortalInfo = Pick<PortalSeed, 'id' | 'name' | 'region'>;

export function portalRegion(portal: PortalInfo): Region {
  return { code: portal.region, name: regionName(portal.region) ?? portal.name };
}

export function fileReport(clean: CleanReport, portal: PortalInfo, url: string, encoding: string, listing?: ListingHint): ReportRecord {
  const year = inferReportYear(clean.title, clean.text, clean.published);
  if (year === undefined) throw new ExtractError(`no report year in "${clean.title}"`, url);
  const issuer = inferIssuer(clean.title, clean.source) ?? portal.name;
  const names = [issuer, clean.title, ...(clean.source ? [clean.source] : [])];
  const region = resolveRegion(names, portal.region) ?? portalRegion(portal);
  const record: ReportRecord = {
    url,
    portal: portal.id,
    title: clean.title,
    year,
    region,
    issuer,
    text: clean.text,
    images: clean.images,
    encoding,
    spam: clean.spam,
    tables: [],
    statistics: { figures: {}, checks: [], uncertain: [] },
  };
  if (clean.published) record.published = clean.published;
  if (listing) record.listing = listing;
  return record;
}
