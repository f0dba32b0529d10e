/**
 * Tables rendered one cell per line: the 2008–2018 statistics table (统计指标 | 单位 | 统计数)
 * as some editors flatten it — a label line, a unit line, a value line, blank lines between,
 * cells padded with &nbsp; runs, empty cells reduced to padding or dropped altogether.
 *
 * Position is unreliable (empty cells may or may not leave a line), so each line is read by
 * what it holds: a figure goes to the value column, a unit word or a placeholder (——) to the
 * unit column, anything else starts a row — unless it continues a label wrapped over lines.
 */
import { isDashCell, isNumberCell, normalizeCell, startsRow } from './cells.js';

const MAX_LINE = 60;
/** Label-only rows in a row that end the table (editor's name, share links after it). */
const STRAY_ROWS = 3;
const MIN_ROWS = 4;
const UNIT = /^(?:条|件|个|人|次|人次|万元|元|千元|篇|期|份|项|家|场|天|日|小时|部|册|套|台|张|本|户|个数|单位)$/;

export interface CellLineTable {
  start: number;
  end: number;
  rows: string[][];
  /** The 统计指标 | 单位 | 统计数 header was found. */
  header: boolean;
}

interface Row {
  cells: [string, string, string];
  extra: string[];
  /** The label's line ended with a padding run: the cell is complete. */
  closed: boolean;
  line: number;
}

function isHeaderStart(cell: string): boolean {
  return /^统\s*计\s*指\s*标$|^指\s*标\s*名\s*称$|^项\s*目$/.test(cell);
}

function isUnit(cell: string): boolean {
  return UNIT.test(cell.replace(/^[（(]|[)）]$/g, ''));
}

function hasValue(row: Row): boolean {
  return Boolean(row.cells[1] || row.cells[2]);
}

/** Whether a line can sit inside such a table at all. */
function isCellLine(raw: string): boolean {
  const cell = normalizeCell(raw);
  // A full stop makes a sentence of prose, never a cell of these tables.
  return cell.length <= MAX_LINE && !raw.includes('\t') && !/^\[图片:/.test(cell) && !/。/.test(cell);
}

/**
 * Reads rows from `from` until a line that cannot belong, or until labels keep coming without
 * figures. Returns the rows and the index of the last line used.
 */
function readRows(lines: string[], from: number): { rows: Row[]; end: number } {
  const rows: Row[] = [];
  let stray = 0;
  let end = from;
  for (let i = from; i < lines.length; i++) {
    const raw = lines[i]!;
    const cell = normalizeCell(raw);
    if (!cell) continue;
    if (!isCellLine(raw) || (i > from && isHeaderStart(cell))) break;
    const row = rows[rows.length - 1];
    const closed = /[\u00a0 \u3000]{2,}$/.test(raw);
    if (isNumberCell(cell) || isUnit(cell) || isDashCell(cell)) {
      if (!row) break;
      if (row.cells[2]) row.extra.push(cell);
      else if (isNumberCell(cell) || row.cells[1]) row.cells[2] = cell;
      else row.cells[1] = cell;
      stray = 0;
      end = i;
    } else if (row && !hasValue(row) && !row.closed && !startsRow(cell)) {
      row.cells[0] += cell;
      row.closed = closed;
    } else {
      if (row && !hasValue(row) && ++stray >= STRAY_ROWS) break;
      rows.push({ cells: [cell, '', ''], extra: [], closed, line: i });
    }
  }
  while (rows.length && !hasValue(rows[rows.length - 1]!)) rows.pop();
  return { rows, end: rows.length ? end : from };
}

/** Header 统计指标 / 单位 / 统计数 on consecutive cell lines starting at `i`, or undefined. */
function headerAt(lines: string[], i: number): { cells: string[]; next: number } | undefined {
  const cells: string[] = [];
  let j = i;
  for (; j < lines.length && cells.length < 3; j++) {
    const cell = normalizeCell(lines[j]!);
    if (!cell) continue;
    if (!isCellLine(lines[j]!)) return undefined;
    cells.push(cell);
  }
  const [a, b, c] = cells;
  if (!a || !isHeaderStart(a) || !b || !/^(?:计量)?单\s*位$/.test(b) || !c || !/^统\s*计\s*数$|^数\s*量$|^数\s*值$/.test(c)) return undefined;
  return { cells, next: j };
}

/**
 * One-cell-per-line tables in `lines`, skipping lines already taken by another reader. A table
 * needs its header or at least four label rows with figures, most rows carrying a figure:
 * short headings with numbers in prose never line up that way.
 */
export function findCellPerLineTables(lines: string[], taken: (i: number) => boolean): CellLineTable[] {
  const tables: CellLineTable[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (taken(i) || !normalizeCell(lines[i]!) || !isCellLine(lines[i]!)) continue;
    const header = headerAt(lines, i);
    const { rows, end } = readRows(lines, header ? header.next : i);
    const valued = rows.filter(hasValue).length;
    // Rows with several figures are a wider table flattened (the 2019 template, one cell per
    // line); this reader's three columns would misplace them, so it does not claim them.
    const wide = rows.filter((r) => r.extra.length > 0).length;
    const enough = header ? valued >= 1 : valued >= MIN_ROWS && valued * 3 >= rows.length * 2 && wide * 4 <= valued;
    if (!enough || rows.some((r) => taken(r.line))) continue;
    const width = 3 + Math.max(0, ...rows.map((r) => r.extra.length));
    const grid = rows.map((r) => [...r.cells, ...r.extra]);
    if (header) grid.unshift(header.cells);
    tables.push({
      start: i,
      end,
      rows: grid.map((r) => [...r, ...Array<string>(width - r.length).fill('')]),
      header: Boolean(header),
    });
    i = end;
  }
  return tables;
}
