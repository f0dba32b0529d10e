/**
 * Spreadsheets (.xlsx, and WPS .et saved as OOXML) read with exceljs; legacy .xls through SheetJS.
 *
 * The zip is proven first with zip-container (every entry inflated and counted under the
 * limits): exceljs inflates every entry itself with no limit, so a bomb must never reach it.
 *
 * Each visible sheet becomes one or more tables: blocks of rows separated by empty rows (a sheet
 * often stacks 表二, 表三, 表四 with a blank row between them). Per block:
 * - merged cells are repeated in every slot they cover; columns and rows that exist only because
 *   of merges (every slot continuing the same merge as its neighbour) are dropped, so a table laid
 *   out on a fine grid of narrow columns reads with the columns it has;
 * - leading title rows (one value across the row: 表二 / 二、主动公开政府信息情况, a unit line)
 *   leave the grid and give its title; otherwise the sheet name is the title;
 * - values as printed: numbers through their number format (0.00, #,##0, 0%), formulas as their
 *   cached result, rich text flattened, dates as dates; empty trailing rows and columns dropped.
 * The text is every block's rows, tab-separated, each merged cell once.
 *
 * Legacy .xls (BIFF, an OLE file) goes through readXls below; given to readXlsx it is refused as
 * 'unsupported' (an encrypted OOXML workbook, also an OLE file, is 'encrypted').
 */
import ExcelJS from 'exceljs';
import type { Cell, CellValue, Worksheet } from 'exceljs';
import type { ExtractedTable } from '../types.js';
import { normalizeCell } from '../extract/tables/cells.js';
import { trimGrid } from '../extract/tables/grid.js';
import { titleFromLines } from '../extract/tables/title.js';
import { FileReadError, type FileContent, type ReadLimits } from './file-types.js';
import { meaningfulTitle, refuseOle } from './docx.js';
import { withZip } from './zip-container.js';

/** A sheet is read up to this size; beyond it rows and columns are styling, not a report's table. */
const MAX_ROWS = 5000;
const MAX_COLS = 200;
/** Title lines at the top of a block at most (title, subtitle, unit line). */
const MAX_TITLE_ROWS = 3;

export async function readXlsx(bytes: Buffer, limits?: ReadLimits): Promise<FileContent> {
  refuseOle(bytes, 'legacy Excel 97–2003 workbook (.xls) is not supported');
  return withZip(bytes, limits, async (zip) => {
    if (!zip.has('xl/workbook.xml')) {
      throw new FileReadError('no xl/workbook.xml: not a spreadsheet', zip.has('word/document.xml') ? 'unsupported' : 'corrupt');
    }
    await zip.validateAll();
    const wb = new ExcelJS.Workbook();
    try {
      // exceljs's typings ask for its own Buffer type; a Node Buffer is what it reads.
      await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    } catch (err) {
      throw new FileReadError(`unreadable workbook: ${(err as Error).message}`, 'corrupt', undefined, { cause: err });
    }
    const lines: string[] = [];
    const tables: ExtractedTable[] = [];
    for (const ws of wb.worksheets) {
      if (ws.state === 'hidden' || ws.state === 'veryHidden') continue;
      for (const block of sheetBlocks(ws)) {
        lines.push(...block.lines);
        // A lone line or column (a note under a table, a list) is text, not a table.
        if (block.grid.length >= 2 && (block.grid[0]?.length ?? 0) >= 2) tables.push({ title: block.title, source: 'xlsx', rows: block.grid });
      }
    }
    const title = meaningfulTitle(wb.title);
    return { type: 'xlsx', pages: 1, text: lines.join('\n'), tables, images: [], ...(title ? { title } : {}) };
  });
}

/**
 * Legacy Excel 97–2003 (.xls, BIFF8), still what many portals attach, read with SheetJS and
 * written back as an OOXML workbook for the reader above: one path for merges, number formats,
 * title rows and blocks. SheetJS stopped publishing to npm at 0.18.5, whose parser has the
 * prototype-pollution (CVE-2023-30533) and ReDoS (CVE-2024-22363) flaws a crawled file could
 * trigger; `@e965/xlsx` republishes the fixed 0.20 builds. The file's size is already bounded by
 * `maxFileBytes`, and rows by MAX_ROWS.
 */
export async function readXls(bytes: Buffer, limits?: ReadLimits): Promise<FileContent> {
  if (bytes.length < 8 || !bytes.subarray(0, 8).equals(OLE_MAGIC)) throw new FileReadError('not an Excel 97–2003 workbook (no OLE header)', 'corrupt');
  if (bytes.includes(Buffer.from('EncryptedPackage', 'utf16le'))) throw new FileReadError('an encrypted (password-protected) Office document', 'encrypted');
  const XLSX = await import('@e965/xlsx');
  let book: import('@e965/xlsx').WorkBook;
  try {
    book = XLSX.read(bytes, { type: 'buffer', cellNF: true, cellFormula: false, cellHTML: false, cellStyles: false, sheetRows: MAX_ROWS, bookVBA: false });
  } catch (err) {
    const message = (err as Error).message ?? String(err);
    const failure = /password|encrypt/i.test(message) ? 'encrypted' : 'corrupt';
    throw new FileReadError(`unreadable Excel 97–2003 workbook: ${message}`, failure, undefined, { cause: err });
  }
  if (!book.SheetNames.length) throw new FileReadError('an OLE file with no worksheet: not an Excel workbook', 'unsupported');
  const ooxml = XLSX.write(book, { type: 'buffer', bookType: 'xlsx', compression: true }) as Buffer;
  const content = await readXlsx(ooxml, limits);
  return { ...content, type: 'xls', tables: content.tables.map((t) => ({ ...t, source: 'xls' as const })) };
}

const OLE_MAGIC = Buffer.from('d0cf11e0a1b11ae1', 'hex');

interface Block {
  title: string;
  lines: string[];
  grid: string[][];
}

/** A slot of the sheet: its text and the merge it belongs to (the master's address), if any. */
interface Slot {
  text: string;
  merge?: string;
  /** True for the master cell of a merge, or a cell outside any merge. */
  own: boolean;
}

function sheetBlocks(ws: Worksheet): Block[] {
  const rowCount = Math.min(ws.rowCount, MAX_ROWS);
  const colCount = Math.min(ws.columnCount, MAX_COLS);
  const slots: Slot[][] = [];
  for (let r = 1; r <= rowCount; r++) {
    const row = ws.getRow(r);
    const out: Slot[] = [];
    for (let c = 1; c <= colCount; c++) {
      const cell = row.getCell(c);
      if (cell.isMerged) {
        const master = cell.master;
        out.push({ text: cellText(master, ws), merge: master.address, own: master === cell || master.address === cell.address });
      } else {
        out.push({ text: cellText(cell, ws), own: true });
      }
    }
    slots.push(out);
  }
  // Blocks: runs of rows with any text, split at empty rows.
  const blocks: Block[] = [];
  let start = -1;
  const isEmpty = (row: Slot[]): boolean => row.every((s) => !s.text);
  for (let r = 0; r <= slots.length; r++) {
    const empty = r === slots.length || isEmpty(slots[r]!);
    if (!empty && start < 0) start = r;
    if (empty && start >= 0) {
      blocks.push(makeBlock(slots.slice(start, r), ws.name));
      start = -1;
    }
  }
  return blocks;
}

function makeBlock(rows: Slot[][], sheetName: string): Block {
  let kept = dropRedundantColumns(rows);
  kept = dropRedundantRows(kept);
  // Title rows: one value across the row, above a block of more rows.
  const titleLines: string[] = [];
  while (kept.length > 2 && titleLines.length < MAX_TITLE_ROWS && new Set(kept[0]!.map((s) => s.text).filter(Boolean)).size === 1 && !isTableHead(kept)) {
    titleLines.push(kept[0]!.find((s) => s.text)!.text);
    kept = kept.slice(1);
  }
  const lines = [...titleLines];
  for (const row of kept) {
    const line = row
      .filter((s) => s.own)
      .map((s) => s.text.replace(/[\t\n]+/g, ' '))
      .join('\t')
      .replace(/[\t ]+$/, '');
    if (line.replace(/\s/g, '')) lines.push(line);
  }
  const grid = trimGrid(kept.map((row) => row.map((s) => s.text)));
  // A default sheet name (Sheet1, 工作表1) names nothing.
  const named = /^(?:sheet|工作表|表格)\s*\d*$/i.test(sheetName.trim()) ? '' : sheetName.trim();
  const title = titleFromLines([...titleLines].reverse()) || titleLines[0] || named;
  return { title, lines, grid };
}

/**
 * A one-value first row that belongs to the table rather than above it: table 二's block
 * headers (第二十条第（一）项) and (一)… section rows span the table the same way a title does.
 */
function isTableHead(rows: Slot[][]): boolean {
  const text = rows[0]!.find((s) => s.text)!.text;
  return /^第.{1,6}条/.test(text) || /^[（(][一二三四五六七八九十]+[)）]/.test(text);
}

/** Drops each column whose every slot continues the same merge as the column to its left, or is empty. */
function dropRedundantColumns(rows: Slot[][]): Slot[][] {
  const width = Math.max(0, ...rows.map((r) => r.length));
  const keep: number[] = [];
  for (let c = 0; c < width; c++) {
    const redundant =
      c > 0 &&
      rows.every((row) => {
        const a = row[c - 1];
        const b = row[c];
        if (!a || !b) return !b?.text;
        if (b.merge) return b.merge === a.merge && !b.own;
        // An empty slot carries nothing, whatever stands left of it (a title row's text spills
        // over the empty cells of a sheet's grid).
        return !b.text;
      });
    if (!redundant) keep.push(c);
  }
  return rows.map((row) => keep.map((c) => row[c] ?? { text: '', own: true }));
}

/** Drops each row whose every slot continues the same merge as the row above. */
function dropRedundantRows(rows: Slot[][]): Slot[][] {
  return rows.filter((row, r) => r === 0 || !row.every((s, c) => s.merge !== undefined && !s.own && s.merge === rows[r - 1]![c]?.merge));
}

function cellText(cell: Cell, ws: Worksheet): string {
  const value = cell.value;
  if (value && typeof value === 'object' && ('formula' in value || 'sharedFormula' in value)) {
    const result = (value as { result?: unknown }).result;
    if (result === undefined || result === null) {
      // No cached result (some writers leave out a 0): a plain SUM is worked out, nothing else is.
      const formula = (value as { formula?: string }).formula ?? '';
      const sum = evalSum(formula, ws);
      return sum === undefined ? '' : formatNumber(sum, cell.numFmt);
    }
  }
  return normalizeCell(valueText(value, cell.numFmt));
}

/** SUM(A1:B2, C3 …) over this sheet's numbers and cached results; undefined for anything else. */
function evalSum(formula: string, ws: Worksheet): number | undefined {
  const m = /^\s*=?\s*SUM\(([A-Z]{1,3}\d{1,7}(?::[A-Z]{1,3}\d{1,7})?(?:\s*,\s*[A-Z]{1,3}\d{1,7}(?::[A-Z]{1,3}\d{1,7})?)*)\)\s*$/i.exec(formula);
  if (!m) return undefined;
  let total = 0;
  let cells = 0;
  for (const part of m[1]!.split(',')) {
    const [a, b] = part.trim().toUpperCase().split(':');
    const from = ref(a!);
    const to = ref(b ?? a!);
    for (let r = Math.min(from.r, to.r); r <= Math.max(from.r, to.r); r++) {
      for (let c = Math.min(from.c, to.c); c <= Math.max(from.c, to.c); c++) {
        if (++cells > 10_000) return undefined;
        const v = ws.getCell(r, c).value;
        const n = typeof v === 'number' ? v : v && typeof v === 'object' && 'result' in v && typeof v.result === 'number' ? v.result : 0;
        total += n;
      }
    }
  }
  return total;
}

function ref(a1: string): { r: number; c: number } {
  const m = /^([A-Z]+)(\d+)$/.exec(a1)!;
  let c = 0;
  for (const ch of m[1]!) c = c * 26 + (ch.charCodeAt(0) - 64);
  return { r: Number(m[2]), c };
}

function valueText(value: CellValue, numFmt: string | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return formatNumber(value, numFmt);
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return formatDate(value, numFmt);
  if (typeof value === 'object') {
    if ('richText' in value && Array.isArray(value.richText)) return value.richText.map((t) => t.text).join('');
    if ('formula' in value || 'sharedFormula' in value) {
      const result = (value as { result?: unknown }).result;
      if (result === undefined || result === null) return '';
      if (typeof result === 'object' && result !== null && 'error' in result) return String((result as { error: unknown }).error);
      return valueText(result as CellValue, numFmt);
    }
    if ('text' in value) {
      const text = (value as { text: unknown }).text;
      return typeof text === 'string' ? text : valueText(text as CellValue, numFmt);
    }
    if ('error' in value) return String(value.error);
  }
  return String(value);
}

/** A number as its format prints it (the common formats of reports: General, 0, 0.00, #,##0, 0.0%). */
export function formatNumber(n: number, numFmt: string | undefined): string {
  const sections = (numFmt ?? '').split(';');
  const ownNegative = n < 0 && sections.length > 1;
  const fmt = (ownNegative ? sections[1] : sections[0]) ?? '';
  if (!fmt || /^general$/i.test(fmt) || fmt === '@') return general(n);
  // Literal text as printed: "quoted", \escaped; colours, conditions and padding dropped.
  const literal = fmt.replace(/\[[^\]]*\]|_.|\*./g, '').replace(/"([^"]*)"|\\(.)/g, (_, q: string | undefined, e: string | undefined) => q ?? e ?? '');
  const first = literal.search(/[0#?]/);
  if (first < 0) return general(n);
  const last = Math.max(literal.lastIndexOf('0'), literal.lastIndexOf('#'), literal.lastIndexOf('?'));
  const body = literal.slice(first, last + 1);
  const percent = literal.includes('%');
  const value = Math.abs(percent ? n * 100 : n);
  const decimals = /\.([0#?]+)/.exec(body)?.[1]?.length ?? 0;
  let text = value.toFixed(decimals);
  if (/[0#?],[0#?]/.test(body)) {
    const [int, frac] = text.split('.');
    text = int!.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (frac !== undefined ? `.${frac}` : '');
  }
  const sign = n < 0 && !ownNegative && Number(text.replace(/,/g, '')) !== 0 ? '-' : '';
  return `${literal.slice(0, first)}${sign}${text}${literal.slice(last + 1)}`.trim();
}

function general(n: number): string {
  if (Number.isInteger(n)) return String(n);
  // Excel's General shows up to 11 significant digits; binary noise (0.1 + 0.2) goes with it.
  return String(Number.parseFloat(n.toPrecision(11)));
}

function formatDate(d: Date, numFmt: string | undefined): string {
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + 1;
  const day = d.getUTCDate();
  const fmt = numFmt ?? '';
  if (fmt.includes('年')) return fmt.includes('日') || /d/i.test(fmt) ? `${y}年${m}月${day}日` : `${y}年${m}月`;
  const pad = (x: number): string => String(x).padStart(2, '0');
  return `${y}-${pad(m)}-${pad(day)}`;
}
