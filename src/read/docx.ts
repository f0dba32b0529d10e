/**
 * DOCX (Word 2007+, and the WPS formats saved as OOXML) read from word/document.xml directly.
 *
 * - Paragraphs (w:p) become lines: the text of w:t, w:tab as a tab, w:br/w:cr as a line break;
 *   deleted revisions (w:del, w:moveFrom), field codes (w:instrText) and the Fallback half of
 *   mc:AlternateContent are left out; text boxes follow the paragraph that anchors them.
 * - Tables (w:tbl/w:tr/w:tc) become full grids: w:gridSpan (and the old w:hMerge) widen a cell,
 *   w:vMerge continues the cell above, w:gridBefore/w:gridAfter leave slots empty; each merged
 *   cell's text is repeated in every slot it covers. In the text a row is its cells joined by
 *   tabs, each merged cell once, where the HTML renderer would put it.
 * - A table whose rows all hold a single cell is a frame (a box drawn around the report or one
 *   of its tables): its content is read as if it stood in the body. A table nested in a cell of a
 *   real table is flattened into that cell's text.
 * - Headers, footers, footnotes and comments live in other parts and are not read.
 * - docProps/core.xml dc:title is the title when it looks like one (not "文档1", not a file name).
 */
import { load } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import type { ExtractedTable, TableSource } from '../types.js';
import { normalizeCell } from '../extract/tables/cells.js';
import { trimGrid } from '../extract/tables/grid.js';
import { looksLikeTitle, titleFromLines } from '../extract/tables/title.js';
import { FileReadError, type FileContent, type ReadLimits } from './file-types.js';
import { withZip, type ZipContainer } from './zip-container.js';

// Editors cap spans at the table size; a stray gridSpan="1000" must not allocate a huge grid.
const MAX_SPAN = 200;
const MAX_COLUMNS = 400;
const CJK_EDGE = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/;

export interface DocxOptions {
  /** What to report the file as: 'docx', or 'wps' for a WPS document saved as OOXML. */
  type?: 'docx' | 'wps';
}

export async function readDocx(bytes: Buffer, limits?: ReadLimits, options: DocxOptions = {}): Promise<FileContent> {
  const source: TableSource = options.type ?? 'docx';
  refuseOle(bytes, 'a Word 97–2003 document, not a DOCX');
  return withZip(bytes, limits, async (zip) => {
    const mainPart = await mainDocumentPart(zip);
    const xml = await zip.readText(mainPart);
    if (xml === undefined) throw new FileReadError('no word/document.xml: not a Word document', zip.has('xl/workbook.xml') || zip.has('ppt/presentation.xml') ? 'unsupported' : 'corrupt');
    const body = parseDocumentXml(xml, source);
    const title = await coreTitle(zip);
    return { type: source, pages: 1, text: body.lines.join('\n'), tables: body.tables, images: [], ...(title ? { title } : {}) };
  });
}

const OLE_MAGIC = Buffer.from('d0cf11e0a1b11ae1', 'hex');

/**
 * An OLE file handed to an OOXML reader: a password-protected DOCX/XLSX (an OLE file holding an
 * EncryptedPackage stream) is 'encrypted'; any other is 'unsupported' (`what` says why).
 */
export function refuseOle(bytes: Buffer, what: string): void {
  if (bytes.length < 8 || !bytes.subarray(0, 8).equals(OLE_MAGIC)) return;
  // Directory entry names are UTF-16LE.
  if (bytes.includes(Buffer.from('EncryptedPackage', 'utf16le'))) {
    throw new FileReadError('an encrypted (password-protected) Office document', 'encrypted');
  }
  throw new FileReadError(what, 'unsupported');
}

/** The officeDocument part named by _rels/.rels (word/document.xml almost always). */
async function mainDocumentPart(zip: ZipContainer): Promise<string> {
  const rels = await zip.readText('_rels/.rels');
  if (rels) {
    const $ = load(rels, { xml: true });
    for (const el of $('*').toArray() as Element[]) {
      if (localName(el) !== 'Relationship') continue;
      const type = el.attribs['Type'] ?? '';
      const target = el.attribs['Target'] ?? '';
      if (/\/officeDocument$/.test(type) && target && zip.has(target)) return target.replace(/^\/+/, '');
    }
  }
  return 'word/document.xml';
}

/** docProps/core.xml dc:title, when meaningful. */
export async function coreTitle(zip: ZipContainer): Promise<string | undefined> {
  const core = await zip.readText('docProps/core.xml');
  if (!core) return undefined;
  const $ = load(core, { xml: true });
  const el = ($('*').toArray() as Element[]).find((e) => localName(e) === 'title');
  return el ? meaningfulTitle($(el).text()) : undefined;
}

/**
 * A metadata title worth trusting: not empty, not an editor's default (文档1, 新建 Microsoft Word
 * 文档, Document1, untitled, WPS 文字), not a bare file name; "Microsoft Word - 报告.doc" gives 报告.
 */
export function meaningfulTitle(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  let t = normalizeCell(raw.replace(/[\u0000-\u001f]/g, ' '));
  t = t.replace(/^Microsoft (?:Word|Excel) - /i, '').replace(/\.(?:docx?|wps|xlsx?|et|ofd|pdf|rtf)$/i, '').trim();
  if (t.length < 4) return undefined;
  if (/^(?:新建|未命名|无标题|文档\s*\d*$|工作簿\s*\d*$|document\s*\d*$|book\s*\d*$|untitled|title$|标题$|wps\s*文字|microsoft)/i.test(t)) return undefined;
  if (/^[\w\s.\-()]+$/.test(t) && !/\s/.test(t)) return undefined; // a bare ASCII token: a file name or code
  if (!/[\u3400-\u9fff]/.test(t)) return undefined; // report titles are Chinese
  return t;
}

export function localName(el: Element): string {
  const i = el.name.indexOf(':');
  return i < 0 ? el.name : el.name.slice(i + 1);
}

function isTag(node: AnyNode): node is Element {
  return node.type === 'tag';
}

function children(el: Element, name?: string): Element[] {
  return el.children.filter((c): c is Element => isTag(c) && (name === undefined || localName(c) === name));
}

function child(el: Element, name: string): Element | undefined {
  return children(el, name)[0];
}

function attr(el: Element | undefined, name: string): string | undefined {
  if (!el) return undefined;
  // w:val normally; some producers write the attribute without its prefix.
  return el.attribs[`w:${name}`] ?? el.attribs[name] ?? Object.entries(el.attribs).find(([k]) => k.endsWith(`:${name}`))?.[1];
}

function intAttr(el: Element | undefined, name: string, fallback: number): number {
  const n = Number.parseInt(attr(el, name) ?? '', 10);
  return Number.isFinite(n) ? n : fallback;
}

/** Elements whose content is never document text. */
const SKIP = new Set(['pPr', 'rPr', 'del', 'moveFrom', 'instrText', 'delText', 'delInstrText', 'Fallback', 'sectPr', 'tblPr', 'trPr', 'tcPr', 'footnoteReference', 'endnoteReference', 'commentReference', 'annotationRef', 'bookmarkStart', 'bookmarkEnd', 'proofErr', 'lastRenderedPageBreak']);
/** Containers whose children are block content (paragraphs, tables). */
const BLOCK_CONTAINERS = new Set(['sdt', 'sdtContent', 'customXml', 'smartTag', 'ins', 'moveTo', 'body', 'txbxContent', 'AlternateContent', 'Choice']);

interface ParsedBody {
  lines: string[];
  tables: ExtractedTable[];
}

export function parseDocumentXml(xml: string, source: TableSource): ParsedBody {
  const $ = load(xml, { xml: true });
  const root = ($.root().children().toArray() as AnyNode[]).find(isTag);
  const body = root ? findFirst(root, 'body') : undefined;
  if (!body) throw new FileReadError('word/document.xml has no w:body', 'corrupt');
  const out: ParsedBody = { lines: [], tables: [] };
  /** Index in out.lines where the text since the last table starts (a table's title is looked for there). */
  let sinceTable = 0;

  const emitLine = (line: string): void => {
    for (const part of line.split('\n')) {
      const t = tidyLine(part);
      if (t) out.lines.push(t);
    }
  };

  const blocks = (container: Element): void => {
    for (const el of children(container)) {
      const name = localName(el);
      if (name === 'p') {
        const extra: string[] = [];
        emitLine(paragraphText(el, extra));
        for (const line of extra) emitLine(line);
      } else if (name === 'tbl') {
        table(el);
      } else if (BLOCK_CONTAINERS.has(name)) {
        blocks(el);
      }
    }
  };

  const table = (tbl: Element): void => {
    const model = tableModel(tbl);
    if (model.frame) {
      // A box around content: read what it holds as body.
      for (const cell of model.frameCells) blocks(cell);
      return;
    }
    const above = out.lines.slice(sinceTable).reverse();
    for (const row of model.textRows) {
      const line = row.map((c) => c.replace(/[\t\n]+/g, ' ')).join('\t').replace(/[\t ]+$/, '');
      if (line.replace(/\s/g, '')) out.lines.push(line);
    }
    sinceTable = out.lines.length;
    const grid = trimGrid(model.grid);
    if (!grid.length || !grid.some((r) => r.some(Boolean))) return;
    out.tables.push({ title: tableTitle(tbl, grid, above), source, rows: grid });
  };

  blocks(body);
  return out;
}

function findFirst(el: Element, name: string): Element | undefined {
  if (localName(el) === name) return el;
  for (const c of children(el)) {
    const found = findFirst(c, name);
    if (found) return found;
  }
  return undefined;
}

function tidyLine(line: string): string {
  return line.replace(/[\u00a0]/g, ' ').replace(/^[ \u3000\t]+|[ \u3000\t]+$/g, '');
}

function tableTitle(tbl: Element, grid: string[][], above: string[]): string {
  const caption = attr(child(child(tbl, 'tblPr') ?? tbl, 'tblCaption'), 'val');
  if (caption && normalizeCell(caption)) return normalizeCell(caption);
  const first = grid[0] ?? [];
  if (grid.length > 2 && first[0] && first.every((c) => c === first[0]) && looksLikeTitle(first[0])) return first[0];
  return titleFromLines(above);
}

/**
 * A paragraph's text: runs in order, tabs and breaks kept. Paragraphs of text boxes anchored in
 * it are pushed to `extra` (they read after the paragraph).
 */
function paragraphText(p: Element, extra: string[]): string {
  let text = '';
  const walk = (el: Element): void => {
    for (const node of el.children) {
      if (node.type === 'text') continue; // whitespace between elements; document text is in w:t
      if (!isTag(node)) continue;
      const name = localName(node);
      if (SKIP.has(name)) continue;
      switch (name) {
        case 't':
          text += textOf(node);
          break;
        case 'tab':
        case 'ptab':
          text += '\t';
          break;
        case 'br':
        case 'cr':
          text += '\n';
          break;
        case 'noBreakHyphen':
          text += '-';
          break;
        case 'softHyphen':
          break;
        case 'sym': {
          const code = Number.parseInt(attr(node, 'char') ?? '', 16);
          // Symbol-font code points (F0xx) have no Unicode meaning; real characters do.
          if (Number.isFinite(code) && code > 0x20 && (code < 0xf000 || code > 0xf0ff)) text += String.fromCodePoint(code);
          break;
        }
        case 'txbxContent': {
          extra.push(...textBoxLines(node));
          break;
        }
        default:
          walk(node);
      }
    }
  };
  walk(p);
  return text;
}

function textOf(el: Element): string {
  let s = '';
  for (const c of el.children) if (c.type === 'text') s += c.data;
  return s;
}

/** The lines of a text box (its tables as tab-joined rows). */
function textBoxLines(container: Element): string[] {
  const lines: string[] = [];
  const visit = (el: Element): void => {
    for (const c of children(el)) {
      const name = localName(c);
      if (name === 'p') {
        const extra: string[] = [];
        lines.push(paragraphText(c, extra), ...extra);
      } else if (name === 'tbl') {
        const model = tableModel(c);
        if (model.frame) for (const cell of model.frameCells) visit(cell);
        else for (const row of model.textRows) lines.push(row.join('\t'));
      } else if (BLOCK_CONTAINERS.has(name)) visit(c);
    }
  };
  visit(container);
  return lines;
}

/** A cell's text: its paragraphs joined (tight between Chinese characters), nested tables flattened. */
function cellText(tc: Element): string {
  const parts: string[] = [];
  const visit = (el: Element): void => {
    for (const c of children(el)) {
      const name = localName(c);
      if (name === 'p') {
        const extra: string[] = [];
        parts.push(...paragraphText(c, extra).split('\n'), ...extra);
      } else if (name === 'tbl') {
        for (const row of tableModel(c).textRows) parts.push(...row);
      } else if (BLOCK_CONTAINERS.has(name)) visit(c);
    }
  };
  visit(tc);
  let out = '';
  for (const part of parts.map(normalizeCell).filter(Boolean)) {
    const tight = out && CJK_EDGE.test(out.slice(-1)) && CJK_EDGE.test(part[0]!);
    out += out && !tight ? ` ${part}` : part;
  }
  return out;
}

interface TableModel {
  /** Full grid, merged cells repeated. */
  grid: string[][];
  /** Per row, the cells that start in it (each merged cell once), as text. */
  textRows: string[][];
  /** True when every row holds one cell: a frame, not a table. */
  frame: boolean;
  frameCells: Element[];
}

/** Rows and cells of a table, looking through content controls and custom XML wrappers. */
function rowsOf(tbl: Element): Element[] {
  const out: Element[] = [];
  const visit = (el: Element): void => {
    for (const c of children(el)) {
      const name = localName(c);
      if (name === 'tr') out.push(c);
      else if (name === 'sdt' || name === 'sdtContent' || name === 'customXml' || name === 'ins' || name === 'moveTo') visit(c);
    }
  };
  visit(tbl);
  return out;
}

function cellsOf(tr: Element): Element[] {
  const out: Element[] = [];
  const visit = (el: Element): void => {
    for (const c of children(el)) {
      const name = localName(c);
      if (name === 'tc') out.push(c);
      else if (name === 'sdt' || name === 'sdtContent' || name === 'customXml' || name === 'ins' || name === 'moveTo') visit(c);
    }
  };
  visit(tr);
  return out;
}

function tableModel(tbl: Element): TableModel {
  const trs = rowsOf(tbl);
  const cellLists = trs.map(cellsOf);
  if (trs.length > 0 && cellLists.every((cells) => cells.length <= 1)) {
    return { grid: [], textRows: [], frame: true, frameCells: cellLists.flat() };
  }
  const grid: (string | undefined)[][] = [];
  const textRows: string[][] = [];
  trs.forEach((tr, r) => {
    const row: (string | undefined)[] = [];
    const texts: string[] = [];
    const trPr = child(tr, 'trPr');
    let c = Math.min(intAttr(trPr && child(trPr, 'gridBefore'), 'val', 0), MAX_COLUMNS);
    for (let k = 0; k < c; k++) row[k] = '';
    for (const tc of cellLists[r]!) {
      const tcPr = child(tc, 'tcPr');
      const span = Math.max(1, Math.min(intAttr(tcPr && child(tcPr, 'gridSpan'), 'val', 1), MAX_SPAN));
      const vMerge = tcPr && child(tcPr, 'vMerge');
      const hMerge = tcPr && child(tcPr, 'hMerge');
      const continues = vMerge !== undefined && (attr(vMerge, 'val') ?? 'continue') !== 'restart';
      if (hMerge && (attr(hMerge, 'val') ?? 'continue') !== 'restart' && c > 0) {
        // Old-style horizontal merge: this cell widens the one to its left.
        const left = row[c - 1] ?? '';
        for (let k = 0; k < span && c < MAX_COLUMNS; k++) row[c++] = left;
        continue;
      }
      if (continues) {
        const above = grid[r - 1] ?? [];
        for (let k = 0; k < span && c < MAX_COLUMNS; k++, c++) row[c] = above[c] ?? '';
        continue;
      }
      const text = cellText(tc);
      texts.push(text);
      for (let k = 0; k < span && c < MAX_COLUMNS; k++) row[c++] = text;
    }
    grid.push(row);
    textRows.push(texts);
  });
  const width = Math.max(0, ...grid.map((r) => r.length));
  const full = grid.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? ''));
  return { grid: full, textRows, frame: false, frameCells: [] };
}
