/**
 * The pure middle of the pipeline for one report page: raw bytes → decoded text → clean report →
 * filed record with its HTML and text tables read. Shared by the crawler and by `xxgk reprocess`,
 * which re-runs it on archived bytes after the rules improve. Tables inside images need OCR and
 * come in a second, asynchronous step (image-tables.ts).
 */
import { decodePage } from '../decode/decode-page.js';
import { extractReport } from '../clean/extract-report.js';
import { fileReport } from '../extract/file-report.js';
import { findTextTables } from '../extract/tables/index.js';
import { extractFigures } from '../extract/figures/index.js';
import type { ExtractedTable, FetchedPage, ListingHint, PortalSeed, ReportRecord } from '../types.js';

export type PortalInfo = Pick<PortalSeed, 'id' | 'name' | 'region'>;

export function processReportPage(page: FetchedPage, portal: PortalInfo, listing?: ListingHint): ReportRecord {
  const decoded = decodePage(page.body, page.headers['content-type'], page.url);
  const clean = extractReport(decoded.text, page.finalUrl, {
    portalName: portal.name,
    regionCode: portal.region,
    ...(listing ? { listingTitle: listing.title } : {}),
    ...(listing?.date ? { listingDate: listing.date } : {}),
  });
  // HTML tables also appear in the rendered text as tab-separated lines; reading them again as
  // text tables would count every figure twice.
  const tables = clean.htmlTables.length ? clean.htmlTables : findTextTables(clean.text);
  return withTables(fileReport(clean, portal, page.url, decoded.encoding, listing), tables);
}

/** The record with these tables and the figures read from them. */
export function withTables(record: ReportRecord, tables: ExtractedTable[]): ReportRecord {
  return { ...record, tables, statistics: extractFigures(tables, { reportYear: record.year }) };
}
