/**
 * Reports published as files (issue 10): the records that cross from the readers (one per format,
 * src/read/) to the report pipeline. A reader turns a file's bytes into FileContent; it never
 * fetches, never writes, and throws FileReadError for a file it cannot read.
 */
import type { ExtractedTable } from '../types.js';
import { XxgkError, type FailureClass } from '../errors.js';

/** What the bytes are (magic numbers and container contents), never what the name or Content-Type says. */
export type FileType = 'pdf' | 'docx' | 'doc' | 'wps' | 'xlsx' | 'xls' | 'ofd' | 'html' | 'image' | 'zip' | 'unknown';

/** A page to be read by OCR: a scanned page, or a page whose statistics tables are pictures. */
export interface PageImage {
  /** 1-based page number in the file. */
  page: number;
  /** PNG bytes of the rendered page (or of the picture on it). */
  png: Buffer;
  /** True when the page has no text layer at all (a scan): its text comes from OCR too. */
  scanned: boolean;
  /** Resolution the page was rendered at (pixels per inch); 200 when not given. */
  dpi?: number;
}

export interface FileContent {
  type: FileType;
  /** Pages of a paged format (PDF, OFD); 1 for flowing documents and workbooks. */
  pages: number;
  /**
   * The document's text in reading order, one paragraph per line, no blank lines inside. A table
   * stands where it stood, one row per line, its cells separated by tabs (the same shape the HTML
   * renderer gives, so text-table finding works on it too).
   */
  text: string;
  /** Tables read from the file's own structure (Word/OFD/spreadsheet tables, PDF text positions). */
  tables: ExtractedTable[];
  /** Pages or pictures for OCR (scans, tables pasted as pictures). */
  images: PageImage[];
  /** The document's own title metadata, when it has one worth trusting (PDF /Title, docProps). */
  title?: string;
}

/** Limits that protect a crawl from one hostile file. */
export interface ReadLimits {
  /** Pages read at most; later pages are ignored (and said so by the caller). */
  maxPages: number;
  /** Bytes any one entry of a zip container (DOCX, XLSX, OFD) may inflate to. */
  maxEntryBytes: number;
  /** Bytes all entries of a zip container may inflate to together. */
  maxTotalBytes: number;
  /** Pixels of a rendered page (width × height) at most. */
  maxPagePixels: number;
}

export const DEFAULT_READ_LIMITS: ReadLimits = {
  maxPages: 200,
  maxEntryBytes: 100 * 1024 * 1024,
  maxTotalBytes: 300 * 1024 * 1024,
  maxPagePixels: 40_000_000,
};

/** Why a file could not be read: recorded with the attachment, never a crash of the run. */
export type FileReadFailure = 'corrupt' | 'encrypted' | 'too_large' | 'unsupported' | 'zip_bomb';

export class FileReadError extends XxgkError {
  override name = 'FileReadError';
  constructor(
    message: string,
    readonly failure: FileReadFailure,
    url?: string,
    options?: { cause?: unknown },
  ) {
    super(message, 'extract', url, false, options);
  }

  override get failureClass(): FailureClass {
    return this.failure === 'too_large' || this.failure === 'zip_bomb' ? 'too_large' : 'parse_error';
  }
}
