/**
 * Finding the tables pasted into a report body as text. A Word table pasted into a portal's
 * editor renders as lines whose cells are separated by tabs (or runs of spaces); the block of
 * such lines is the table. Blank lines may fall between its rows, and a row that lost all its
 * separators shows up as a lone short line between tabbed ones.
 */
import { isRuleCell, isTextCell, isValueCell, labelLevel, normalizeCell } from './cells.js';
import { looksLikeTitle } from './title.js';

/** Longer than any label the templates print: such a cell is running text. */
const PARAGRAPH_CELL = 80;
const LONE_ROW_MAX = 30;

export interface TextBlock {
  /** Index of the block's first and last line in the text. */
  start: number;
  end: number;
  rows: string[][];
}

const SPACE_SEPARATOR = /[ \u00a0]*\u3000[ \u3000\u00a0]*|[ \u00a0]{2,}/;

/**
 * Cells of one line. With tabs, every tab separates (leading and inner empty cells are kept:
 * they are blank cells). Without, runs of two or more spaces or any full-width space separate,
 * and leading or trailing runs are indentation, not cells.
 */
export function splitCells(raw: string): string[] {
  if (raw.includes('\t')) return raw.split('\t').map(normalizeCell);
  const trimmed = raw.replace(/^[\s\u00a0\u3000]+|[\s\u00a0\u3000]+$/g, '');
  if (!trimmed) return [];
  return trimmed.split(SPACE_SEPARATOR).map(normalizeCell);
}

function isBlank(raw: string): boolean {
  return normalizeCell(raw) === '';
}

/** A line that can be a table row: separated cells, none of them a paragraph. */
export function isRowLine(raw: string): boolean {
  const cells = splitCells(raw);
  if (cells.some((c) => c.length > PARAGRAPH_CELL)) return false;
  return raw.includes('\t') ? cells.some(Boolean) : cells.filter(Boolean).length >= 2;
}

/** A short line between two table rows that is itself a row (its separators lost), not a heading. */
function isLoneRow(raw: string): boolean {
  const line = normalizeCell(raw);
  if (!line || line.length > LONE_ROW_MAX) return false;
  const level = labelLevel(line);
  if (level === 1 || level === 2) return true;
  // 三、本年度办理结果 is a row; 三、收到和处理政府信息公开申请情况 heads the next table.
  if (level === 0) return !/(?:情况|事项|问题|说明|表)[）)]?$/.test(line);
  return !looksLikeTitle(line);
}

/** Cells split by <p> inside an HTML cell come out as short lines of their own; a few in a row are allowed. */
const MAX_LONE_RUN = 6;

/** Whether a row line follows `from` across blank lines and at most a few lone lines. */
function rowLineFollows(lines: string[], from: number): boolean {
  let lone = 0;
  for (let i = from; i < lines.length; i++) {
    const raw = lines[i]!;
    if (isBlank(raw)) continue;
    if (isRowLine(raw)) return true;
    if (!isLoneRow(raw) || ++lone > MAX_LONE_RUN) return false;
  }
  return false;
}

/** Blocks of table rows. No judgement yet on whether a block is a real table. */
export function findRowBlocks(lines: string[]): TextBlock[] {
  const blocks: TextBlock[] = [];
  let current: TextBlock | undefined;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    if (isBlank(raw)) continue;
    if (isRowLine(raw)) {
      current ??= { start: i, end: i, rows: [] };
      current.rows.push(splitCells(raw));
      current.end = i;
      continue;
    }
    // 第二十条第（一）项 heads table 二 on a line of its own when its merged cell is one <td>.
    const opensBlock = /^第[一二三四五六七八九十]+条/.test(normalizeCell(raw));
    if ((current || opensBlock) && isLoneRow(raw) && rowLineFollows(lines, i + 1)) {
      current ??= { start: i, end: i, rows: [] };
      current.rows.push([normalizeCell(raw)]);
      current.end = i;
      continue;
    }
    if (current) blocks.push(current);
    current = undefined;
  }
  if (current) blocks.push(current);
  return blocks;
}

/**
 * Whether a block is a statistics table rather than tab-indented prose or a contact list:
 * several rows of several cells, figures among them, short cells.
 */
export function isTableBlock(rows: string[][]): boolean {
  const wide = rows.filter((r) => r.filter(Boolean).length >= 2).length;
  const cells = rows.flat().filter(Boolean);
  const values = cells.filter(isValueCell).length;
  const long = cells.filter((c) => c.length > 40).length;
  return wide >= 2 && values >= 2 && long * 4 <= cells.length;
}

/** Rows that only draw a rule (------) carry no cells of the table. */
export function dropRuleRows(rows: string[][]): string[][] {
  return rows.filter((r) => !(r.some(Boolean) && r.every((c) => c === '' || isRuleCell(c))));
}

/**
 * Where a block holds two template tables without a heading between them, the header row of
 * the second starts it.
 */
export function splitAtTableStarts(rows: string[][]): string[][][] {
  const parts: string[][][] = [[]];
  for (const row of rows) {
    const text = row.join(' ');
    const starts =
      /申请人情况|勾稽关系/.test(text) ||
      (/行政复议/.test(text) && /行政诉讼/.test(text)) ||
      /^第二十条第[（(]一[)）]项$/.test(row.find(Boolean) ?? '');
    if (starts && parts[parts.length - 1]!.some((r) => r.some(isTextCell) && r.some(isValueCell))) parts.push([]);
    parts[parts.length - 1]!.push(row);
  }
  return parts.filter((p) => p.length);
}
