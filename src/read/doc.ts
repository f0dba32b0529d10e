/**
 * Legacy Word 97–2003 documents (.doc, and the .wps files of WPS Office that are OLE Word
 * documents), read with word-extractor.
 *
 * word-extractor does the OLE container, the piece table (which characters stand where, 8-bit or
 * UTF-16) and marks revision-deleted text; its getBody() flattens tables though (cell marks
 * become tabs, row ends are lost when a row's properties are too big for the paragraph
 * property page and sit in the Data stream). So this reader takes the raw character stream
 * from word-extractor's extractor and reads the paragraph properties itself:
 * - sprmPFInTable / sprmPFTtp tell cell paragraphs and row-end marks apart (\u0007 ends both a cell
 *   and a row); sprmPHugePapx properties are fetched from the Data stream;
 * - the row-end mark's table properties (sprmTDefTable: cell edges and merge flags,
 *   sprmTVertMerge) place each cell on a column grid shared by the whole table, so merged cells
 *   repeat in every slot they cover, as in the HTML and DOCX grids;
 * - nested tables (itap > 1) are flattened into the text of the outer cell.
 * Fields keep their result and lose their code. Headers, footers, footnotes, comments and text
 * boxes are other stories of the file and are not read. The title comes from the
 * \u0005SummaryInformation property set when meaningful.
 *
 * Failures: 'corrupt' (not an OLE file, a damaged one), 'encrypted' (password-protected Word, or
 * an encrypted OOXML package, which is an OLE file too), 'unsupported' (an OLE file that is not a
 * Word 97+ document: an .xls, a .ppt, Word 6/95).
 */
import { createRequire } from 'node:module';
import type { Readable } from 'node:stream';
import iconv from 'iconv-lite';
import type { ExtractedTable, TableSource } from '../types.js';
import { normalizeCell } from '../extract/tables/cells.js';
import { trimGrid } from '../extract/tables/grid.js';
import { looksLikeTitle, titleFromLines } from '../extract/tables/title.js';
import { FileReadError, type FileContent, type ReadLimits } from './file-types.js';
import { meaningfulTitle } from './docx.js';

const require = createRequire(import.meta.url);

/* word-extractor's internals (CommonJS, no types): the OLE reader and the Word extractor. */
interface OleStreamEntry {
  name: string;
  size: number;
}
interface OleDoc {
  read(): Promise<OleDoc>;
  stream(name: string): Readable;
  _rootStorage: { _dirEntry: { streams: Record<string, OleStreamEntry>; storages: Record<string, unknown> } };
}
interface Piece {
  startCp: number;
  endCp: number;
  startFilePos: number;
  endFilePos: number;
  bpc: number;
  text: string;
}
interface WordOleExtractorBase {
  _pieces: Piece[];
  _boundaries: { ccpText: number };
  extractWordDocument(document: OleDoc, buffer: Buffer): Promise<unknown>;
  writeCharacterProperties(buffer: Buffer, tableBuffer: Buffer): void;
}
type Ctor<T> = new (...args: never[]) => T;

const OleCompoundDoc = require('word-extractor/lib/ole-compound-doc.js') as new (reader: unknown) => OleDoc;
const BufferReader = require('word-extractor/lib/buffer-reader.js') as new (buffer: Buffer) => unknown;
const WordOleExtractor = require('word-extractor/lib/word-ole-extractor.js') as Ctor<WordOleExtractorBase>;
const AllocationTable = require('word-extractor/lib/ole-allocation-table.js') as { prototype: { _table: number[]; getSecIdChain(start: number): number[] } };

// word-extractor follows a sector chain until it ends; a chain that loops (A → B → A) in a
// hostile file would run forever. Follow each sector once.
const FREE_SECTOR = -1;
AllocationTable.prototype.getSecIdChain = function getSecIdChain(this: { _table: number[] }, start: number): number[] {
  const seen = new Set<number>();
  const chain: number[] = [];
  let id = start;
  while (id > FREE_SECTOR && id < this._table.length) {
    if (seen.has(id)) throw new Error('cyclic sector chain');
    seen.add(id);
    chain.push(id);
    id = this._table[id] ?? FREE_SECTOR;
  }
  return chain;
};

const OLE_MAGIC = Buffer.from('d0cf11e0a1b11ae1', 'hex');

/* Paragraph and table property modifiers ([MS-DOC] 2.6). */
const SPRM_P_F_IN_TABLE = 0x2416;
const SPRM_P_F_TTP = 0x2417;
const SPRM_P_F_INNER_TABLE_CELL = 0x244b;
const SPRM_P_F_INNER_TTP = 0x244c;
const SPRM_P_ITAP = 0x6649;
const SPRM_P_HUGE_PAPX = 0x6646;
const SPRM_T_DEF_TABLE = 0xd608;
const SPRM_T_VERT_MERGE = 0xd62b;
const SPRM_P_CHG_TABS = 0xc615;

const CJK_EDGE = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/;
const MAX_COLUMNS = 400;

export interface DocOptions {
  /** What to report the file as: 'doc', or 'wps' for a WPS document that is an OLE Word file. */
  type?: 'doc' | 'wps';
}

/** Table properties of one row (from its row-end paragraph). */
interface RowProps {
  /** Cell edges in twips, itcMac + 1 of them. */
  edges: number[];
  /** Per cell: 0 not merged, 1 continues the cell above, 3 starts a vertical merge. */
  vertMerge: number[];
  /** Per cell: 0 not merged, 1 first of a horizontal merge, 2/3 merged into the cell on its left. */
  horzMerge: number[];
}

interface ParaProps {
  inTable: boolean;
  ttp: boolean;
  innerCell: boolean;
  innerTtp: boolean;
  itap: number;
  row?: RowProps;
}

export async function readDoc(bytes: Buffer, limits?: ReadLimits, options: DocOptions = {}): Promise<FileContent> {
  void limits; // an OLE file's streams are bounded by its own size
  const source: TableSource = options.type ?? 'doc';
  const ole = await openOle(bytes);
  const streams = ole._rootStorage._dirEntry.streams;
  if (streams['EncryptedPackage'] || streams['EncryptionInfo']) throw new FileReadError('an encrypted (password-protected) Office document', 'encrypted');
  if (!streams['WordDocument']) throw new FileReadError(`an OLE file that is not a Word document (${describeOle(streams)})`, 'unsupported');

  const word = await streamBytes(ole, 'WordDocument');
  if (word.length < 0x200) throw new FileReadError('WordDocument stream too short', 'corrupt');
  const ident = word.readUInt16LE(0);
  if (ident === 0xa5dc) throw new FileReadError('a Word 6/95 document (not supported)', 'unsupported');
  if (ident !== 0xa5ec) throw new FileReadError(`not a Word document (FIB ${ident.toString(16)})`, 'unsupported');
  const flags = word.readUInt16LE(0x0a);
  if (flags & 0x0100) throw new FileReadError('a password-protected Word document', 'encrypted');

  const data = streams['Data'] ? await streamBytes(ole, 'Data') : Buffer.alloc(0);
  const extractor = new (tableAwareExtractor())(data);
  try {
    await extractor.extractWordDocument(ole, word);
  } catch (err) {
    if (err instanceof FileReadError) throw err;
    throw new FileReadError(`damaged Word document: ${(err as Error).message}`, 'corrupt', undefined, { cause: err });
  }
  const body = buildBody(extractor.rawBody, extractor.paraProps, source);
  const title = meaningfulTitle(await summaryTitle(ole));
  return { type: source, pages: 1, text: body.lines.join('\n'), tables: body.tables, images: [], ...(title ? { title } : {}) };
}

async function openOle(bytes: Buffer): Promise<OleDoc> {
  if (bytes.length < 512 || !bytes.subarray(0, 8).equals(OLE_MAGIC)) throw new FileReadError('not an OLE compound file', 'corrupt');
  checkOleHeader(bytes);
  try {
    return await new OleCompoundDoc(new BufferReader(bytes)).read();
  } catch (err) {
    throw new FileReadError(`damaged OLE file: ${(err as Error).message}`, 'corrupt', undefined, { cause: err });
  }
}

/**
 * The header numbers word-extractor allocates from, checked against the file's size first: a
 * hostile header must not make it allocate gigabytes.
 */
function checkOleHeader(bytes: Buffer): void {
  const secShift = bytes.readUInt16LE(30);
  const miniShift = bytes.readUInt16LE(32);
  const secSize = 1 << secShift;
  const sectors = Math.ceil(bytes.length / (secShift === 9 || secShift === 12 ? secSize : 512));
  const fatSectors = bytes.readInt32LE(44);
  const miniFatSectors = bytes.readInt32LE(64);
  const difatSectors = bytes.readInt32LE(72);
  const ok =
    (secShift === 9 || secShift === 12) &&
    miniShift === 6 &&
    fatSectors >= 0 &&
    fatSectors <= sectors &&
    miniFatSectors >= 0 &&
    miniFatSectors <= sectors &&
    difatSectors >= 0 &&
    difatSectors <= sectors;
  if (!ok) throw new FileReadError('damaged OLE header', 'corrupt');
}

function describeOle(streams: Record<string, OleStreamEntry>): string {
  if (streams['Workbook'] || streams['Book']) return 'an Excel workbook';
  if (streams['PowerPoint Document']) return 'a PowerPoint presentation';
  if (streams['VisioDocument']) return 'a Visio drawing';
  const names = Object.keys(streams).filter((n) => /^[\x20-\x7e]+$/.test(n)).slice(0, 5);
  return names.length ? `streams ${names.join(', ')}` : 'no known streams';
}

async function streamBytes(ole: OleDoc, name: string): Promise<Buffer> {
  const stream = ole.stream(name);
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of stream) chunks.push(chunk as Buffer);
  } catch (err) {
    throw new FileReadError(`damaged OLE stream ${name}: ${(err as Error).message}`, 'corrupt', undefined, { cause: err });
  }
  return Buffer.concat(chunks);
}

/** A sprm's operand length, given the bytes at the operand ([MS-DOC] 2.2.5.1). */
function operandLength(buf: Buffer, offset: number, sprm: number): number {
  const spra = (sprm >> 13) & 7;
  switch (spra) {
    case 0:
    case 1:
      return 1;
    case 2:
    case 4:
    case 5:
      return 2;
    case 3:
      return 4;
    case 7:
      return 3;
    default: {
      if (sprm === SPRM_T_DEF_TABLE) return buf.readUInt16LE(offset) + 1;
      if (sprm === SPRM_P_CHG_TABS) {
        const cb = buf.readUInt8(offset);
        if (cb !== 255) return cb + 1;
        // sprmPChgTabs with cb 255: PChgTabsDelClose + PChgTabsAdd, sized by their counts.
        const del = buf.readUInt8(offset + 1);
        const add = buf.readUInt8(offset + 2 + del * 4);
        return 1 + 1 + del * 4 + 1 + add * 3;
      }
      return buf.readUInt8(offset) + 1;
    }
  }
}

function* sprms(grpprl: Buffer, start: number): Generator<{ sprm: number; offset: number; length: number }> {
  let offset = start;
  while (offset + 2 <= grpprl.length) {
    const sprm = grpprl.readUInt16LE(offset);
    offset += 2;
    if (offset >= grpprl.length) return;
    const length = operandLength(grpprl, offset, sprm);
    if (offset + length > grpprl.length) return;
    yield { sprm, offset, length };
    offset += length;
  }
}

function readRowProps(op: Buffer, offset: number, length: number, into: ParaProps): void {
  const end = offset + length;
  const cols = op.readUInt8(offset + 2);
  if (cols === 0 || cols > 63 * 4) return;
  const edges: number[] = [];
  let p = offset + 3;
  for (let i = 0; i <= cols && p + 2 <= end; i++, p += 2) edges.push(op.readInt16LE(p));
  if (edges.length !== cols + 1) return;
  const vertMerge: number[] = [];
  const horzMerge: number[] = [];
  for (let i = 0; i < cols; i++) {
    // Tc80: tcgrf (2 bytes) then width and four borders (18 bytes); the array may be short.
    if (p + 2 <= end) {
      const tcgrf = op.readUInt16LE(p);
      horzMerge.push(tcgrf & 3);
      vertMerge.push((tcgrf >> 5) & 3);
    } else {
      horzMerge.push(0);
      vertMerge.push(0);
    }
    p += 20;
  }
  into.row = { edges, vertMerge, horzMerge };
}

function readParaProps(grpprl: Buffer, start: number, data: Buffer, props: ParaProps, depth = 0): void {
  for (const { sprm, offset, length } of sprms(grpprl, start)) {
    switch (sprm) {
      case SPRM_P_F_IN_TABLE:
        props.inTable = grpprl.readUInt8(offset) !== 0;
        break;
      case SPRM_P_F_TTP:
        props.ttp = grpprl.readUInt8(offset) !== 0;
        break;
      case SPRM_P_F_INNER_TABLE_CELL:
        props.innerCell = grpprl.readUInt8(offset) !== 0;
        break;
      case SPRM_P_F_INNER_TTP:
        props.innerTtp = grpprl.readUInt8(offset) !== 0;
        break;
      case SPRM_P_ITAP:
        props.itap = grpprl.readInt32LE(offset);
        break;
      case SPRM_T_DEF_TABLE:
        readRowProps(grpprl, offset, length, props);
        break;
      case SPRM_T_VERT_MERGE:
        if (props.row && length >= 3) {
          const itc = grpprl.readUInt8(offset + 1);
          if (itc < props.row.vertMerge.length) props.row.vertMerge[itc] = grpprl.readUInt8(offset + 2) & 3;
        }
        break;
      case SPRM_P_HUGE_PAPX: {
        // The rest of the properties are in the Data stream: cbGrpprl (2 bytes), then the sprms.
        const at = grpprl.readUInt32LE(offset);
        if (depth === 0 && at + 2 <= data.length) {
          const cb = data.readUInt16LE(at);
          readParaProps(data.subarray(at + 2, Math.min(data.length, at + 2 + cb)), 0, data, props, depth + 1);
        }
        break;
      }
    }
  }
}

interface TableAwareExtractor extends WordOleExtractorBase {
  rawBody: string;
  paraProps: Map<number, ParaProps>;
}

let extractorClass: (new (data: Buffer) => TableAwareExtractor) | undefined;

/** word-extractor's extractor, reading paragraph properties itself and giving the raw body text. */
function tableAwareExtractor(): new (data: Buffer) => TableAwareExtractor {
  if (extractorClass) return extractorClass;
  class TableAware extends WordOleExtractor implements TableAwareExtractor {
    rawBody = '';
    /** Paragraph-mark CP → properties, for paragraphs in tables. */
    paraProps = new Map<number, ParaProps>();
    constructor(private readonly data: Buffer) {
      super();
    }

    // Bookmarks are not needed; word-extractor throws on some files' bookmark tables.
    writeBookmarks(): void {}

    // Headers and footers are not read.
    normalizeHeaders(): void {}

    override writeCharacterProperties(buffer: Buffer, tableBuffer: Buffer): void {
      try {
        super.writeCharacterProperties(buffer, tableBuffer);
      } catch {
        // Only revision deletions are read from character properties: keep the text without them.
      }
    }

    writeParagraphProperties(buffer: Buffer, tableBuffer: Buffer): void {
      const fcPlc = buffer.readUInt32LE(0x0102);
      const lcbPlc = buffer.readUInt32LE(0x0106);
      if (lcbPlc < 12 || fcPlc + lcbPlc > tableBuffer.length) return;
      const plc = tableBuffer.subarray(fcPlc, fcPlc + lcbPlc);
      const count = Math.floor((lcbPlc - 4) / 8);
      const dataOffset = (count + 1) * 4;
      for (let i = 0; i < count; i++) {
        const pn = plc.readUInt32LE(dataOffset + i * 4) & 0x3fffff;
        const fkp = buffer.subarray(pn * 512, (pn + 1) * 512);
        if (fkp.length < 512) continue;
        const crun = fkp.readUInt8(511);
        for (let j = 0; j < crun && (crun + 1) * 4 + j * 13 < 511; j++) {
          const fcEnd = fkp.readUInt32LE((j + 1) * 4);
          const bOffset = fkp.readUInt8((crun + 1) * 4 + j * 13);
          if (bOffset === 0) continue;
          let at = bOffset * 2;
          let cb = fkp.readUInt8(at);
          let len: number;
          if (cb !== 0) {
            len = 2 * cb - 1;
            at += 1;
          } else {
            cb = fkp.readUInt8(at + 1);
            len = 2 * cb;
            at += 2;
          }
          const grpprl = fkp.subarray(at, Math.min(511, at + len));
          if (grpprl.length < 2) continue;
          const props: ParaProps = { inTable: false, ttp: false, innerCell: false, innerTtp: false, itap: 0 };
          readParaProps(grpprl, 2, this.data, props);
          if (!props.inTable && !props.ttp && !props.innerCell && !props.innerTtp && props.itap <= 0) continue;
          const cp = this.markCp(fcEnd);
          if (cp !== undefined) this.paraProps.set(cp, props);
        }
      }
    }

    /** The CP of the paragraph mark just before file position `fcEnd`. */
    private markCp(fcEnd: number): number | undefined {
      for (const piece of this._pieces) {
        const fc = fcEnd - piece.bpc;
        if (fc >= piece.startFilePos && fc < piece.endFilePos) return piece.startCp + (fc - piece.startFilePos) / piece.bpc;
      }
      return undefined;
    }

    buildDocument(): unknown {
      const end = this._boundaries.ccpText;
      let text = '';
      for (const piece of this._pieces) {
        if (piece.startCp >= end) break;
        text += piece.text.slice(0, Math.max(0, end - piece.startCp));
      }
      this.rawBody = text.slice(0, end);
      return {};
    }
  }
  extractorClass = TableAware as unknown as new (data: Buffer) => TableAwareExtractor;
  return extractorClass;
}

interface RawRow {
  cells: string[];
  props?: RowProps;
}

/**
 * The body as lines and tables, from the raw character stream: \r ends a paragraph, \u0007 a
 * cell or (when its paragraph is a TTP) a row; fields keep their result.
 */
function buildBody(raw: string, props: Map<number, ParaProps>, source: TableSource): { lines: string[]; tables: ExtractedTable[] } {
  const lines: string[] = [];
  const tables: ExtractedTable[] = [];
  const haveTableProps = [...props.values()].some((p) => p.ttp);
  let sinceTable = 0;

  let para = '';
  let cellParts: string[] = [];
  let rowCells: string[] = [];
  let rows: RawRow[] = [];
  // Fields: \u0013 code \u0014 result \u0015; code parts are dropped, nesting tracked.
  const fieldStack: ('code' | 'result')[] = [];
  const inFieldCode = (): boolean => fieldStack.includes('code');

  const flushTable = (): void => {
    if (rowCells.length || cellParts.length) {
      // A row cut off without its row mark: keep what it holds.
      if (cellParts.length || para) rowCells.push(joinCell([...cellParts, para]));
      rows.push({ cells: rowCells });
      rowCells = [];
      cellParts = [];
    }
    if (!rows.length) return;
    const above = lines.slice(sinceTable).reverse();
    const model = layOutRows(rows);
    for (const row of model.textRows) {
      const line = row.map((c) => c.replace(/[\t\n]+/g, ' ')).join('\t').replace(/[\t ]+$/, '');
      if (line.replace(/\s/g, '')) lines.push(line);
    }
    sinceTable = lines.length;
    const grid = trimGrid(model.grid);
    if (grid.length && grid.some((r) => r.some(Boolean))) {
      const first = grid[0] ?? [];
      const title = grid.length > 2 && first[0] && first.every((c) => c === first[0]) && looksLikeTitle(first[0]) ? first[0] : titleFromLines(above);
      tables.push({ title, source, rows: grid });
    }
    rows = [];
  };

  const emitParagraph = (text: string): void => {
    for (const part of text.split('\n')) {
      const t = part.replace(/\u00a0/g, ' ').replace(/^[ \u3000\t]+|[ \u3000\t]+$/g, '');
      if (t) lines.push(t);
    }
  };

  for (let cp = 0; cp < raw.length; cp++) {
    const ch = raw[cp]!;
    const code = ch.charCodeAt(0);
    if (code === 0x13) {
      fieldStack.push('code');
      continue;
    }
    if (code === 0x14) {
      if (fieldStack.length) fieldStack[fieldStack.length - 1] = 'result';
      continue;
    }
    if (code === 0x15) {
      fieldStack.pop();
      continue;
    }
    const p = props.get(cp);
    const isMark = code === 0x0d || code === 0x07;
    if (inFieldCode() && !isMark) continue;
    if (isMark) {
      if (p?.ttp && (p.itap <= 1 || !p.innerTtp)) {
        // Row end: the row's cells are complete.
        rows.push({ cells: rowCells, ...(p.row ? { props: p.row } : {}) });
        rowCells = [];
        cellParts = [];
        para = '';
      } else if (p?.innerTtp) {
        cellParts.push(para);
        para = '';
      } else if (p?.innerCell) {
        cellParts.push(para);
        para = '';
      } else if (code === 0x07 && (p?.inTable || !haveTableProps)) {
        if (!haveTableProps && para === '' && cellParts.length === 0 && rowCells.length > 0 && raw.charCodeAt(cp - 1) === 0x07) {
          // Without paragraph properties, a mark right after a cell mark ends the row.
          rows.push({ cells: rowCells });
          rowCells = [];
        } else {
          rowCells.push(joinCell([...cellParts, para]));
          cellParts = [];
        }
        para = '';
      } else if (p?.inTable) {
        cellParts.push(para);
        para = '';
      } else {
        if (rows.length || rowCells.length) flushTable();
        emitParagraph(para);
        para = '';
      }
      continue;
    }
    if (code === 0x0b) para += '\n';
    else if (code === 0x0c || code === 0x0e) {
      // Page, section or column break: ends the line.
      if (para) {
        if (rows.length || rowCells.length) flushTable();
        emitParagraph(para);
      }
      para = '';
    } else if (code === 0x09) para += '\t';
    else if (code === 0x1e) para += '-';
    else if (code === 0xa0) para += ' ';
    else if (code >= 0x20 && (code < 0xe000 || code > 0xf8ff)) para += ch;
    // Other control characters (pictures \u0001, drawn objects \u0008, note references
    // \u0002/\u0005, deleted text \u0000, optional hyphens \u001f) hold no text.
  }
  if (rows.length || rowCells.length) flushTable();
  emitParagraph(para);
  return { lines, tables };
}

function joinCell(parts: string[]): string {
  let out = '';
  for (const part of parts.flatMap((p) => p.split('\n')).map(normalizeCell).filter(Boolean)) {
    const tight = out && CJK_EDGE.test(out.slice(-1)) && CJK_EDGE.test(part[0]!);
    out += out && !tight ? ` ${part}` : part;
  }
  return out;
}

/**
 * Rows with their cell edges → a full grid. The table's columns are the union of every row's
 * cell edges; a cell covers the columns between its edges; a vertically merged cell continues
 * the one above, a horizontally merged one the one to its left.
 */
function layOutRows(rows: RawRow[]): { grid: string[][]; textRows: string[][] } {
  const usable = rows.every((r) => !r.props || (r.props.edges.length === r.cells.length + 1 && isAscending(r.props.edges)));
  const edges = usable ? unionEdges(rows) : [];
  const grid: (string | undefined)[][] = [];
  const textRows: string[][] = [];
  rows.forEach((row, r) => {
    const out: (string | undefined)[] = [];
    const texts: string[] = [];
    const props = usable && edges.length ? row.props : undefined;
    row.cells.forEach((text, i) => {
      let from: number;
      let to: number;
      if (props) {
        from = nearest(edges, props.edges[i]!);
        to = Math.max(from + 1, nearest(edges, props.edges[i + 1]!));
      } else {
        from = out.length;
        to = from + 1;
      }
      if (to > MAX_COLUMNS) return;
      const vert = props?.vertMerge[i] ?? 0;
      const horz = props?.horzMerge[i] ?? 0;
      if (vert === 1 && r > 0) {
        const above = grid[r - 1] ?? [];
        for (let c = from; c < to; c++) out[c] = above[c] ?? '';
        return;
      }
      if ((horz === 2 || horz === 3) && from > 0 && !text) {
        const left = out[from - 1] ?? '';
        for (let c = from; c < to; c++) out[c] = left;
        return;
      }
      for (let c = from; c < to; c++) out[c] = text;
      texts.push(text);
    });
    grid.push(out);
    textRows.push(texts);
  });
  const width = Math.max(0, ...grid.map((r) => r.length));
  return { grid: grid.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? '')), textRows };
}

function isAscending(xs: number[]): boolean {
  for (let i = 1; i < xs.length; i++) if (xs[i]! <= xs[i - 1]!) return false;
  return true;
}

/** Every row's cell edges, close ones (within 1/20 inch, rounding between rows) taken as one. */
function unionEdges(rows: RawRow[]): number[] {
  const all = rows.flatMap((r) => r.props?.edges ?? []).sort((a, b) => a - b);
  const out: number[] = [];
  for (const x of all) if (!out.length || x - out[out.length - 1]! > 72) out.push(x);
  return out.length > MAX_COLUMNS + 1 ? [] : out;
}

function nearest(edges: number[], x: number): number {
  let best = 0;
  for (let i = 1; i < edges.length; i++) if (Math.abs(edges[i]! - x) < Math.abs(edges[best]! - x)) best = i;
  return best;
}

/** PIDSI_TITLE from the \u0005SummaryInformation property set, decoded by its code page. */
async function summaryTitle(ole: OleDoc): Promise<string | undefined> {
  const name = '\u0005SummaryInformation';
  if (!ole._rootStorage._dirEntry.streams[name]) return undefined;
  try {
    const buf = await streamBytes(ole, name);
    if (buf.length < 48 || buf.readUInt16LE(0) !== 0xfffe) return undefined;
    const sectionAt = buf.readUInt32LE(44);
    const count = buf.readUInt32LE(sectionAt + 4);
    const props = new Map<number, number>();
    for (let i = 0; i < Math.min(count, 256); i++) props.set(buf.readUInt32LE(sectionAt + 8 + i * 8), sectionAt + buf.readUInt32LE(sectionAt + 12 + i * 8));
    let codepage = 1252;
    const cpAt = props.get(1);
    if (cpAt !== undefined && buf.readUInt16LE(cpAt) === 2) codepage = buf.readUInt16LE(cpAt + 4);
    const at = props.get(2);
    if (at === undefined) return undefined;
    const type = buf.readUInt16LE(at);
    const size = buf.readUInt32LE(at + 4);
    if (type === 0x1f) return buf.toString('utf16le', at + 8, at + 8 + Math.min(size * 2, 2048)).replace(/\u0000.*$/s, '');
    if (type !== 0x1e) return undefined;
    const raw = buf.subarray(at + 8, at + 8 + Math.min(size, 2048));
    const text = codepage === 1200 ? raw.toString('utf16le') : codepage === 65001 ? raw.toString('utf8') : iconv.decode(raw, iconv.encodingExists(`cp${codepage}`) ? `cp${codepage}` : 'gb18030');
    return text.replace(/\u0000.*$/s, '');
  } catch {
    return undefined;
  }
}
