/**
 * Table 四 of the 2019/2021 templates (行政复议、行政诉讼情况) read back from pasted text, laid out
 * as the HTML original: fifteen columns — 行政复议 (结果维持, 结果纠正, 其他结果, 尚未审结, 总计),
 * 行政诉讼 未经复议直接起诉 (the same five), 行政诉讼 复议后起诉 (the same five).
 *
 * Its figures are one row of fifteen numbers, which pasting keeps in order; blank cells of the
 * merged header vanish, so header words are placed by the template's spans instead of by their
 * position in the line.
 */
import { isTextCell, isValueCell } from './cells.js';
import { padGrid, withoutTrailingBlanks } from './grid.js';

export const REVIEW_WIDTH = 15;

/** Header words spanning more than one column, and how many. */
const SPANS: [RegExp, number][] = [
  [/^行政复议$/, 5],
  [/^行政诉讼$/, 10],
  [/^未经复议直接起诉$/, 5],
  [/^复议后起诉$/, 5],
];

export function isReviewTable(rows: string[][]): boolean {
  const text = rows.flat().join(' ');
  return /行政复议/.test(text) && /行政诉讼/.test(text) && /维\s*持/.test(text) && !/本年新收/.test(text);
}

/** A header line placed by spans; undefined when its words do not fill the template. */
function headerRow(cells: string[]): string[] | undefined {
  const out = Array<string>(REVIEW_WIDTH).fill('');
  let cursor = cells.findIndex(Boolean);
  if (cursor < 0) return undefined;
  for (const cell of cells.filter(Boolean)) {
    const width = SPANS.find(([re]) => re.test(cell.replace(/\s+/g, '')))?.[1] ?? 1;
    if (cursor + width > REVIEW_WIDTH) return undefined;
    out.fill(cell, cursor, cursor + width);
    cursor += width;
  }
  return cursor === REVIEW_WIDTH ? out : undefined;
}

export function alignReview(rows: string[][]): string[][] {
  const out: string[][] = [];
  let figures: string[] | undefined;
  for (const raw of rows) {
    const cells = withoutTrailingBlanks(raw);
    if (!cells.some(isTextCell)) {
      // Figures wrapped over two lines continue the row until it has its fifteen.
      if (figures && figures.filter(Boolean).length < REVIEW_WIDTH) {
        figures.push(...cells);
        continue;
      }
      figures = [...cells];
      while (figures.length > REVIEW_WIDTH && figures[0] === '') figures.shift();
      out.push(figures);
      continue;
    }
    figures = undefined;
    const header = cells.some(isValueCell) ? undefined : headerRow(cells);
    const row = header ?? [...cells];
    const above = out[out.length - 1];
    // Words of the row above with rowspan 2 (结果维持 … 总计 under 行政复议) fill its blanks.
    if (header && above && !above.some(isValueCell)) row.forEach((c, j) => (row[j] = c || above[j] || ''));
    out.push(row);
  }
  return padGrid(out, REVIEW_WIDTH);
}
