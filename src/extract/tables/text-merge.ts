/**
 * Rejoining table rows that pasting or rendering broke apart: a row that lost every separator
 * (a lone label line above its figures or sub-rows), a label cell wrapped over two lines (an
 * open bracket left unclosed), a label alone on one line with its figures on the next, and a
 * cell holding a <p> (html-to-text starts a new line after it, so its neighbours land on lines
 * of their own).
 */
import { isTextCell, isValueCell, labelLevel } from './cells.js';
import { withoutTrailingBlanks } from './grid.js';

function firstFilled(row: string[]): number {
  return row.findIndex(Boolean);
}

function unclosed(cell: string): boolean {
  return (cell.match(/[（(]/g)?.length ?? 0) > (cell.match(/[)）]/g)?.length ?? 0);
}

function lastText(row: string[]): number {
  for (let i = row.length - 1; i >= 0; i--) if (isTextCell(row[i]!)) return i;
  return -1;
}

/** Only labels, no figures: a header row, a section row, or half of a broken row. */
function labelsOnly(row: string[]): boolean {
  return row.some(Boolean) && !row.some(isValueCell);
}

/**
 * The lone line joins the row below it — as its blank first cell, as the start of its label, as
 * the label of its figures, or as the parent of its numbered sub-row — or else stays a row of
 * its own (第二十条第（五）项 above a header line).
 */
function joinLoneLine(lone: string, next: string[]): string[][] {
  const first = next[0] ?? '';
  const level = labelLevel(lone);
  const childLevel = labelLevel(first);
  if (first === '' && isTextCell(lone)) return [[lone, ...next.slice(1)]];
  if (isTextCell(first) && childLevel === undefined && unclosed(lone)) return [[lone + first, ...next.slice(1)]];
  if (!next.some(isTextCell) || !isTextCell(lone)) return [[lone, ...next]];
  if (level !== undefined && childLevel !== undefined && childLevel > level) return [[lone, ...next]];
  return [[lone], next];
}

/** The width most rows have: what a row missing cells falls short of. */
function usualWidth(rows: string[][]): number {
  const counts = new Map<number, number>();
  for (const r of rows) {
    const w = withoutTrailingBlanks(r).length;
    if (w > 1) counts.set(w, (counts.get(w) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0]?.[0] ?? 0;
}

export function mergeBrokenRows(input: string[][]): string[][] {
  const rows = input.map((r) => [...r]);
  const width = usualWidth(rows);
  const out: string[][] = [];
  let pending: string[] = [];
  for (const row of rows) {
    const prev = out[out.length - 1];
    if (row.length === 1 && row[0]) {
      // A figure alone on its line ends a short row above it (its cell held a paragraph break);
      // anything else alone on its line belongs to the row below.
      if (!pending.length && isValueCell(row[0]) && prev && withoutTrailingBlanks(prev).length < width) {
        out[out.length - 1] = [...withoutTrailingBlanks(prev), row[0]];
      } else {
        pending.push(row[0]);
      }
      continue;
    }
    if (pending.length) {
      let below = [row];
      for (const lone of pending.reverse()) below = [...joinLoneLine(lone, below[0]!), ...below.slice(1)];
      out.push(...below);
      pending = [];
      continue;
    }
    if (prev && labelsOnly(prev)) {
      const p = lastText(prev);
      const f = firstFilled(row);
      // A label wrapped inside its cell: 部分公开（区分处理的， / 只计这一情形…）.
      if (p >= 0 && f >= 0 && unclosed(prev[p]!) && isTextCell(row[f]!) && labelLevel(row[f]!) === undefined) {
        const joined = [...prev];
        joined[p] = prev[p]! + row[f]!;
        out[out.length - 1] = [...joined, ...row.slice(f + 1)];
        continue;
      }
      // A numbered label on its own line, its figures on the next.
      const labels = prev.filter(Boolean);
      if (labels.length <= 3 && labels.some((c) => labelLevel(c) !== undefined) && !row.some(isTextCell) && row.some(isValueCell)) {
        out[out.length - 1] = [...labels, ...row];
        continue;
      }
    }
    out.push(row);
  }
  for (const lone of pending) out.push([lone]);
  return out;
}
