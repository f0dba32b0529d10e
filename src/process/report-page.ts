/**
 * The pure middle of the pipeline for one report page: raw bytes → decoded text → clean report →
 * filed record. Shared by the crawler and by `xxgk reprocess`, which re-runs it on archived bytes
 * after the rules improve.
 */
import { decodePage } from '../decode/decode-page.js';
import { extractReport } from '../clean/extract-report.js';
import { fileReport } from '../extract/file-report.js';
import type { FetchedPage, ListingHint, PortalSeed, ReportRecord } from '../types.js';

export type PortalInfo = Pick<PortalSeed, 'id' | 'name' | 'region'>;

export function processReportPage(page: FetchedPage, portal: PortalInfo, listing?: ListingHint): ReportRecord {
  const decoded = decodePage(page.body, page.headers['content-type'], page.url);
  const clean = extractReport(decoded.text, page.finalUrl, {
    portalName: portal.name,
    ...(listing ? { listingTitle: listing.title } : {}),
    ...(listing?.date ? { listingDate: listing.date } : {}),
  });
  return fileReport(clean, portal, page.url, decoded.encoding, listing);
}
