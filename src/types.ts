/**
 * Records that cross module boundaries. Each pipeline stage takes one of these and returns the
 * next: FetchedPage (crawl) → DecodedPage (decode) → CleanReport (clean) → ReportRecord (extract)
 * → ArchivedReport (archive).
 */
import type { SpamFinding } from './clean/spam/spam-types.js';
import type { AttachmentLink } from './clean/attachments.js';

export type { AttachmentLink } from './clean/attachments.js';
import type { FileType } from './read/file-types.js';

export type { SpamFinding, SpamKind, SpamContext } from './clean/spam/spam-types.js';

/** One portal as configured in `seeds/*.json`. */
export interface PortalSeed {
  /** Stable identifier, used in the archive and on the command line. */
  id: string;
  /** The portal's own name, e.g. 鹿邑县人民政府. Also used to detect hijacked site names. */
  name: string;
  /** GB/T 2260 code of the region the portal belongs to; the fallback region of its reports. */
  region: string;
  /** URLs of the annual-report column (first listing page of each). */
  start: string[];
  /** Homepage, used to discover the report column when `start` is empty. */
  home?: string;
  /** Upper bound on listing pages followed per start URL. */
  maxListingPages?: number;
  /**
   * How listings are read: 'static' (HTML as served), 'browser' (rendered by Chromium, for listings
   * built by script), 'auto' (default: the browser only when the static HTML yields no report links).
   */
  render?: 'auto' | 'static' | 'browser';
  /** Politeness overrides for this portal's host(s). */
  politeness?: { concurrency?: number; delayMs?: number };
  /** Free-form note, e.g. "unverified". */
  note?: string;
}

/** Bytes as they came off the wire; never modified after fetching. */
export interface FetchedPage {
  /** URL requested. */
  url: string;
  /** URL after redirects. */
  finalUrl: string;
  status: number;
  /** Response headers, lower-cased names. */
  headers: Record<string, string>;
  body: Buffer;
  /** ISO timestamp. */
  fetchedAt: string;
}

/** Where the decoder's choice of encoding came from. */
export type EncodingSource = 'bom' | 'header' | 'meta' | 'xml-declaration' | 'sniffed' | 'default';

export interface DecodedPage {
  text: string;
  /** Canonical encoding name actually used, e.g. 'utf-8', 'gb18030'. */
  encoding: string;
  source: EncodingSource;
  /** The label the page or server claimed, if any, when it differs from what was used. */
  mislabelled?: string;
}

/** A link found on a listing page. */
export interface ListingLink {
  url: string;
  title: string;
  /** Date shown next to the link (YYYY-MM-DD), if any. */
  date?: string;
}

/** An administrative region: GB/T 2260 code and the name used for it. */
export interface Region {
  code: string;
  name: string;
}

/** An image found inside a report body, referenced from the text by its `ref`. */
export interface BodyImage {
  /** Absolute URL of the image. */
  url: string;
  /** Token written into the clean text where the image stood, e.g. `[图片:111.jpg]`. */
  ref: string;
  /** File name the image is stored under, inside the report's folder. */
  file: string;
  alt?: string;
}

/** The report part of a page, chrome removed. */
export interface CleanReport {
  /** Title as the page shows it (heading, or <title> as a fallback). */
  title: string;
  /** Clean body text, paragraphs separated by blank lines. */
  text: string;
  images: BodyImage[];
  /** Publication date found in the page (YYYY-MM-DD). */
  published?: string;
  /** The 来源 / 发布机构 value, if the page states one. */
  source?: string;
  /** Every spam injection removed or repaired on the way. */
  spam: SpamFinding[];
  /** Data tables found as HTML inside the body (text and image tables are found later). */
  htmlTables: ExtractedTable[];
  /** Files the page links or embeds (attachments, a pdf.js viewer's document); read later. */
  attachments: AttachmentLink[];
}

/** HTTP validators from an earlier fetch, sent back as If-None-Match / If-Modified-Since. */
export interface Validators {
  etag?: string;
  lastModified?: string;
}

/** What the listing said about a report link: kept so a report can be reprocessed offline. */
export interface ListingHint {
  title: string;
  date?: string;
}

/**
 * Where a statistics table was read from: the page's HTML, its text, a picture in it (OCR), an
 * attached file's own structure (its type), or a page of a file read by OCR (a scan).
 */
export type TableSource = 'html' | 'text' | 'image' | 'pdf' | 'docx' | 'doc' | 'wps' | 'xlsx' | 'xls' | 'ofd' | 'ocr';

/** A table as a full grid: every row has every column, merged cells repeated, blanks as ''. */
export interface ExtractedTable {
  /** The table's own title, or the heading just above it (e.g. 三、收到和处理政府信息公开申请情况). */
  title: string;
  source: TableSource;
  rows: string[][];
  /** Image files (BodyImage.file) the table was read from, in order, when source is 'image'. */
  images?: string[];
  /**
   * Other readings of uncertain cells, keyed "row,col" (OCR at other scales or crops): the
   * figure checks try them when the first reading breaks a sum.
   */
  alternatives?: Record<string, string[]>;
}

/** One of the templates' own sums (勾稽关系), applied to a report's figures. */
export interface FigureCheck {
  /** Stable rule name, e.g. "applications.total column: new + carried_over = completed + carried_forward". */
  rule: string;
  ok: boolean;
  /** The numbers, e.g. "216 + 0 = 196 + 20". */
  detail: string;
}

export type ReportTemplate = '2008' | '2019' | '2021';

/** Numbers of a report on the national template, with the checks they pass or fail. */
export interface ReportFigures {
  template?: ReportTemplate;
  /** Key (docs/figures.md) → value. */
  figures: Record<string, number>;
  checks: FigureCheck[];
  /** Keys whose value rests on an uncertain reading (OCR alternatives, a failed check). */
  uncertain: string[];
}

/** A file the report page offered (or the report itself, linked straight from the listing). */
export interface ReportAttachment {
  url: string;
  /** Safe file name inside the report's folder, under attachments/. */
  file: string;
  /** The name the server or the link gave it (kept as given, never used as a path). */
  name: string;
  /** From its bytes. */
  type: FileType;
  bytes: number;
  sha256: string;
  pages?: number;
  /**
   * What it is to the report: its text, its statistics tables, the same report as the page gives
   * in full (a PDF copy beside the HTML text), or another document (a policy, a form).
   */
  role: 'body' | 'tables' | 'copy' | 'other';
  /** Why it could not be fetched or read, when it could not. */
  error?: string;
}

/** Where a report's text came from: the page's HTML, an attached file (its type), or OCR of a scan. */
export type TextSource = 'html' | FileType | 'ocr';

/** A report ready to be filed. */
export interface ReportRecord {
  url: string;
  portal: string;
  title: string;
  /** The year reported on (not the year published). */
  year: number;
  region: Region;
  issuer: string;
  published?: string;
  text: string;
  images: BodyImage[];
  encoding: string;
  spam: SpamFinding[];
  listing?: ListingHint;
  /** Statistics tables from HTML, text and images, as grids. */
  tables: ExtractedTable[];
  /** The tables mapped onto the national template, with the template's sums checked. */
  statistics: ReportFigures;
  /** Where `text` came from; 'html' when absent (archives from before files were read). */
  textSource?: TextSource;
  /** Files the page offered, or the report's own file; kept byte for byte in the report's folder. */
  attachments?: ReportAttachment[];
}

/** A report as stored in the archive. */
export interface ArchivedReport extends ReportRecord {
  id: number;
  fetchedAt: string;
  /** sha256 of the clean text, to tell changed reports from unchanged ones. */
  contentHash: string;
  /** Folder under the storage directory holding raw bytes, text and images. */
  folder: string;
  /** 1 for a report never revised; n when the portal changed it n − 1 times. */
  version: number;
  /** Earlier versions, oldest first (their text and raw bytes under `folder`). */
  previousVersions: { version: number; fetchedAt: string; contentHash: string; folder: string }[];
}
