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
import type { AttachmentLink, ExtractedTable, FetchedPage, ListingHint, PortalSeed, ReportRecord } from '../types.js';

export type PortalInfo = Pick<PortalSeed, 'id' | 'name' | 'region'>;

export function processReportPage(page: FetchedPage, portal: PortalInfo, listing?: ListingHint): ReportRecord {
  return readReportPage(page, portal, listing).record;
}

/** The page's record and the files it offers (attachments, a viewer's document), still to be read. */
export function readReportPage(page: FetchedPage, portal: PortalInfo, listing?: ListingHint): { record: ReportRecord; attachments: AttachmentLink[] } {
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
  return { record: withTables(fileReport(clean, portal, page.url, decoded.encoding, listing), tables), attachments: clean.attachments };
}

/** The record with these tables and the figures read from them. */
export function withTables(record: ReportRecord, tables: ExtractedTable[]): ReportRecord {
  return { ...record, tables, statistics: extractFigures(tables, { reportYear: record.year }) };
}
