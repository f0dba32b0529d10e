/**
 * What a file is, from its bytes: portals serve PDFs as application/octet-stream, name a DOCX
 * .doc, and answer a download link with an HTML error page. Magic numbers first, then what the
 * container holds (an OLE compound file is a Word or Excel file by its streams; a zip is DOCX, XLSX
 * or OFD by its entries).
 */
import type { FileType } from './file-types.js';

const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const ZIP = Buffer.from('PK\u0003\u0004', 'latin1');
const EMPTY_ZIP = Buffer.from('PK\u0005\u0006', 'latin1');

/** Stream names of an OLE compound file, as its directory stores them (UTF-16LE). */
const utf16 = (name: string) => Buffer.from(name, 'utf16le');
const WORD_STREAM = utf16('WordDocument');
const EXCEL_STREAMS = [utf16('Workbook'), utf16('Book')];

export function sniffFileType(bytes: Buffer): FileType {
  if (bytes.length === 0) return 'unknown';
  // Some producers put a few bytes of junk before the header; readers accept it within 1 KB.
  if (bytes.subarray(0, 1024).includes('%PDF-')) return 'pdf';
  if (bytes.subarray(0, 8).equals(OLE)) {
    if (bytes.includes(WORD_STREAM)) return 'doc';
    if (EXCEL_STREAMS.some((s) => bytes.includes(s))) return 'xls';
    return 'unknown';
  }
  if (bytes.subarray(0, 4).equals(ZIP) || bytes.subarray(0, 4).equals(EMPTY_ZIP)) return zipType(bytes);
  if (isImage(bytes)) return 'image';
  if (looksLikeHtml(bytes)) return 'html';
  return 'unknown';
}

/** A zip's kind from the entry names its headers carry (stored as plain bytes). */
function zipType(bytes: Buffer): FileType {
  if (bytes.includes('word/document.xml')) return 'docx';
  if (bytes.includes('xl/workbook.xml')) return 'xlsx';
  if (bytes.includes('OFD.xml')) return 'ofd';
  return 'zip';
}

function isImage(b: Buffer): boolean {
  return (
    (b[0] === 0x89 && b.subarray(1, 4).toString('latin1') === 'PNG') ||
    (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) ||
    b.subarray(0, 4).toString('latin1') === 'GIF8' ||
    (b.subarray(0, 2).toString('latin1') === 'BM' && b.length > 26) ||
    b.subarray(0, 4).toString('latin1') === 'II*\u0000' ||
    b.subarray(0, 4).toString('latin1') === 'MM\u0000*' ||
    (b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP')
  );
}

function looksLikeHtml(b: Buffer): boolean {
  // ASCII markup reads the same in UTF-8, GBK and latin1; UTF-16 pages carry a BOM.
  const head = b.subarray(0, 1024).toString('latin1').replace(/^\ufeff|^\u00ef\u00bb\u00bf/, '').trimStart().toLowerCase();
  return /^<(?:!doctype html|html|head|body|meta|title|script|div|p\b|table)/.test(head) || /<html[\s>]/.test(head);
}

/** Types the report pipeline can read as a report file. */
export function isDocumentType(type: FileType): boolean {
  return type === 'pdf' || type === 'docx' || type === 'doc' || type === 'wps' || type === 'xlsx' || type === 'xls' || type === 'ofd';
}
