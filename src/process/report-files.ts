/**
 * Reports published as files (issue 10), in the middle of the pipeline: a file linked straight from
 * the listing becomes a report of its own; files a report page offers are judged one by one — the
 * report itself (its text becomes the body when the page is a stub), its statistics tables (an
 * attached spreadsheet), or another document (a policy, a form), which is kept but never becomes
 * the body. Pure but for OCR, which the caller injects.
 */
import { createHash } from 'node:crypto';
import { classifyTitle } from '../extract/report-title.js';
import { REPORT_PHRASE } from '../extract/report-phrase.js';
import { fileReport } from '../extract/file-report.js';
import { findTextTables } from '../extract/tables/index.js';
import { extractFigures } from '../extract/figures/index.js';
import { layOutPages, type PageRuns } from '../read/positioned-text.js';
import type { FileContent, FileType, PageImage } from '../read/file-types.js';
import { ExtractError } from '../errors.js';
import { safeFileName } from '../read/file-name.js';
import { ATTACHMENTS_DIR } from '../archive/archive-files.js';
import type { CleanReport, ExtractedTable, FetchedPage, ListingHint, ReportAttachment, ReportRecord, TextSource } from '../types.js';
import { withTables, type PortalInfo } from './report-page.js';

/** A file fetched for a report, with what its reader made of it (or why it could not). */
export interface ReadFile {
  url: string;
  /** The name the server or link gave it. */
  name: string;
  bytes: Buffer;
  type: FileType;
  content?: FileContent;
  error?: string;
}

/** Reads scanned pages and pictures of tables (OCR). */
export interface PageOcr {
  /** Scanned pages: their words with positions (ruled tables placed among them) and those tables. */
  readScans(images: readonly PageImage[]): Promise<{ pages: PageRuns[]; tables: ExtractedTable[] }>;
  /** The table-image reader (src/extract/ocr), for tables pasted as pictures. */
  read(images: { file: string; bytes: Buffer }[]): Promise<ExtractedTable[]>;
}

/** The shortest annual report holds several hundred characters; a file with fewer than this has no text to archive. */
const MIN_FILE_REPORT_CHARS = 100;

/** A page stub carries fewer characters of its own than this (详见附件 and a date). */
const STUB_CHARS = 300;

/**
 * The file's content with its pictures read by OCR: a scanned page's text and tables (its words
 * with their positions for the text, its ruled tables by the table reader), and the tables of a
 * page whose statistics tables are pasted pictures.
 */
export async function withScansRead(content: FileContent, ocr: PageOcr | undefined): Promise<{ content: FileContent; ocrUsed: boolean }> {
  const scans = content.images.filter((i) => i.scanned);
  const pictures = content.images.filter((i) => !i.scanned);
  if (!ocr || !content.images.length) return { content, ocrUsed: false };
  const scanned = scans.length ? await ocr.readScans(scans) : { pages: [], tables: [] };
  const laidOut = scanned.pages.length ? layOutPages(scanned.pages, 'ocr') : { text: '', tables: [] };
  const text = [content.text, laidOut.text].filter((t) => t.trim()).join('\n');
  const pictureTables = pictures.length
    ? (await ocr.read(pictures.map((s) => ({ file: `page-${s.page}.png`, bytes: s.png })))).map(({ images: _images, ...t }) => ({ ...t, source: 'ocr' as const }))
    : [];
  // The ruled tables as the table reader read them; the positions' tables only where none was found.
  const tables = [...(scanned.tables.length ? scanned.tables : laidOut.tables), ...pictureTables];
  return { content: { ...content, text, tables: [...content.tables, ...tables] }, ocrUsed: laidOut.text.trim().length > 0 };
}

/** A report that is a file, linked straight from the listing (…年度报告.pdf). */
export function fileAsReport(page: FetchedPage, file: ReadFile, portal: PortalInfo, listing: ListingHint | undefined, textSource: TextSource): ReportRecord {
  const content = file.content;
  if (!content) throw new ExtractError(`the file could not be read: ${file.error ?? 'unknown reason'}`, page.url);
  // A file with next to no text is not archived as an empty stub (scanned pages nothing could
  // read, a blank or drawn-only document): the failure is recorded and the next run tries again.
  const chars = cjkCount(content.text);
  if (chars < MIN_FILE_REPORT_CHARS) {
    const why = content.images.some((i) => i.scanned) ? 'scanned pages and no text read from them' : 'no text layer';
    throw new ExtractError(`the file holds no readable report text (${chars} Chinese characters; ${why})`, page.url);
  }
  const title = reportTitle(listing?.title, content, file.name);
  if (!title) throw new ExtractError('the file does not read as an annual report', page.url);
  const clean: CleanReport = { title, text: content.text, images: [], spam: [], htmlTables: [], attachments: [] };
  const record = fileReport(clean, portal, page.url, 'binary', listing);
  const tables = content.tables.length ? content.tables : findTextTables(content.text);
  // The file is the page: its bytes are the raw file (page.pdf), not stored twice.
  return { ...withTables(record, tables), textSource, attachments: [{ ...attachmentOf(file, 'body', 0), file: `page.${file.type}` }] };
}

/**
 * The page's record with the files it offered: the report's own file gives the body when the page
 * is a stub (or its text is a shortened version), a spreadsheet its tables when the page has none.
 */
export function withAttachments(record: ReportRecord, files: readonly ReadFile[], sources: ReadonlyMap<string, TextSource> = new Map()): ReportRecord {
  if (!files.length) return record;
  const pageChars = cjkCount(record.text);
  let next: ReportRecord = { ...record, textSource: record.textSource ?? 'html' };
  const attachments: ReportAttachment[] = [];
  let bodyTaken = false;
  for (const file of files) {
    const content = file.content;
    if (!content) {
      attachments.push(attachmentOf(file, 'other', attachments.length));
      continue;
    }
    const isReport = !!reportTitle(undefined, content, file.name) && sameReport(record, content);
    const fileChars = cjkCount(content.text);
    if (isReport && !bodyTaken && (pageChars < STUB_CHARS || fileChars > pageChars * 1.5)) {
      bodyTaken = true;
      const tables = content.tables.length ? content.tables : findTextTables(content.text);
      // The page's own tables stay when the file has none (a text-only attachment).
      const keep = tables.length ? tables : next.tables;
      next = { ...withTables({ ...next, text: content.text }, keep), textSource: sources.get(file.url) ?? content.type };
      attachments.push(attachmentOf(file, 'body', attachments.length));
      continue;
    }
    const figures = content.tables.length ? extractFigures(content.tables, { reportYear: record.year }) : undefined;
    const templateTables = figures && Object.keys(figures.figures).length > 0;
    if (templateTables && !hasFigures(next) && (isReport || isTablesFile(file, content))) {
      next = withTables(next, [...next.tables, ...content.tables]);
      attachments.push(attachmentOf(file, 'tables', attachments.length));
      continue;
    }
    // The same report again (a PDF beside the page's full text): kept and said to be a copy.
    attachments.push(attachmentOf(file, isReport ? 'copy' : 'other', attachments.length));
  }
  return { ...next, attachments };
}

function hasFigures(record: ReportRecord): boolean {
  return Object.keys(record.statistics.figures).length > 0;
}

/** A spreadsheet or a file the page calls its tables (附表, 统计表). */
function isTablesFile(file: ReadFile, content: FileContent): boolean {
  return content.type === 'xlsx' || content.type === 'xls' || /附表|统计表|数据表|表格/.test(file.name);
}

/** The file is this page's report, not another year's or another body's (a page may attach both). */
function sameReport(record: ReportRecord, content: FileContent): boolean {
  const head = content.text.slice(0, 400);
  const years = [...head.matchAll(/(20\d\d|19\d\d)\s*年/g)].map((m) => Number(m[1]));
  return !years.length || years.includes(record.year) || years.includes(record.year + 1);
}

/**
 * A report's title for a file: the listing's when it reads as a report, else the file's own
 * metadata title, else its first lines (the heading), else its name without extension.
 */
function reportTitle(listingTitle: string | undefined, content: FileContent, name: string): string | undefined {
  const candidates = [
    listingTitle,
    content.title,
    ...headingLines(content.text),
    name.replace(/\.[a-z0-9]{2,5}$/i, ''),
  ].filter((t): t is string => !!t && t.trim().length > 0);
  return candidates.map((t) => t.replace(/\s+/g, '')).find((t) => classifyTitle(t).isReport);
}

/** The first lines of a document, alone and joined in pairs (a title broken over two lines). */
function headingLines(text: string): string[] {
  const lines = text.split('\n').map((l) => l.trim()).filter(Boolean).slice(0, 6);
  const out: string[] = [];
  lines.forEach((l, i) => {
    out.push(l);
    if (lines[i + 1] && l.length < 40) out.push(l + lines[i + 1]);
  });
  return out.filter((l) => REPORT_PHRASE.test(l) || l.length <= 60);
}

function cjkCount(text: string): number {
  return (text.match(/[\u3400-\u9fff]/g) ?? []).length;
}

/** The file as the record lists it; `file` is its path in the report's folder, '' when nothing was had to store. */
function attachmentOf(file: ReadFile, role: ReportAttachment['role'], index: number): ReportAttachment {
  return {
    url: file.url,
    file: file.bytes.length ? `${ATTACHMENTS_DIR}/${safeFileName(file.name, file.type, index)}` : '',
    name: file.name,
    type: file.type,
    bytes: file.bytes.length,
    sha256: createHash('sha256').update(file.bytes).digest('hex'),
    ...(file.content ? { pages: file.content.pages } : {}),
    role,
    ...(file.error ? { error: file.error } : {}),
  };
}

