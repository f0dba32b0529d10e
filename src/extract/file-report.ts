/**
 * Decides where a cleaned report is filed: report year, issuer and region, from the title first,
 * the page's own statements next, and the portal's seed last.
 */
import { ExtractError } from '../errors.js';
import { inferIssuer } from './issuer.js';
import { inferReportYear } from './report-year.js';
import { regionName, resolveRegion } from './region.js';
import type { CleanReport, PortalSeed, Region, ReportRecord } from '../types.js';

export function portalRegion(seed: PortalSeed): Region {
  return { code: seed.region, name: regionName(seed.region) ?? seed.name };
}

export function fileReport(clean: CleanReport, seed: PortalSeed, url: string, encoding: string): ReportRecord {
  const year = inferReportYear(clean.title, clean.text, clean.published);
  if (year === undefined) throw new ExtractError(`no report year in "${clean.title}"`, url);
  const issuer = inferIssuer(clean.title, clean.source) ?? seed.name;
  const names = [issuer, clean.title, ...(clean.source ? [clean.source] : [])];
  const region = resolveRegion(names, seed.region) ?? portalRegion(seed);
  const record: ReportRecord = {
    url,
    portal: seed.id,
    title: clean.title,
    year,
    region,
    issuer,
    text: clean.text,
    images: clean.images,
    encoding,
  };
  if (clean.published) record.published = clean.published;
  return record;
}
