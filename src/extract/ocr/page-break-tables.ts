/**
 * Tables of scanned pages broken by a page break, joined again before the figures are read: the
 * rows of 表三 after the page break carry on the table above them.
 */
import type { ImageTableRead } from './read-table-image.js';
import { TABLE_TITLE } from './read-image-tables.js';

export interface PageTable {
  file: string;
  page: number;
  read: ImageTableRead;
}

/**
 * A table broken by a page break, joined again: the last table of a page and the first of the
 * next, standing at the same place across the page (the same outer borders), the second without a
 * title or a header row of its own. Its columns need not match (the rows of 表三 after the header
 * have three label columns where the header has one): the boundaries of both parts are merged by
 * where they stand on the page, and a cell spanning several merged columns is repeated in each,
 * as the reader repeats a merged cell.
 */
export function withPageBreaksJoined(tables: readonly PageTable[]): PageTable[] {
  const out: PageTable[] = [];
  for (const next of tables) {
    const prev = out[out.length - 1];
    const lastOnPage = prev && !tables.some((t) => t.page === prev.page && t !== prev && tables.indexOf(t) > tables.indexOf(prev));
    const firstOnPage = prev && next.page === prev.page + 1 && !out.some((t) => t.page === next.page);
    if (prev && lastOnPage && firstOnPage && sameFrame(prev.read, next.read) && !startsAnew(next.read)) {
      out[out.length - 1] = { ...prev, page: next.page, read: joinByPosition(prev.read, next.read) };
      continue;
    }
    out.push(next);
  }
  return out;
}

/** Column boundaries of a read table, in the image's pixels: its left border, its inner rules, its right border. */
function boundaries(read: ImageTableRead): number[] {
  const b = read.bounds!;
  const width = b.x1 - b.x0;
  return [b.x0, ...read.layout.map((f) => b.x0 + f * width), b.x1];
}

/** Outer borders within this share of the table's width of each other: the same table's frame. */
const FRAME_TOLERANCE = 0.02;

function sameFrame(a: ImageTableRead, b: ImageTableRead): boolean {
  if (!a.bounds || !b.bounds || !a.layout.length || !b.layout.length) return false;
  const width = a.bounds.x1 - a.bounds.x0;
  return Math.abs(a.bounds.x0 - b.bounds.x0) <= width * FRAME_TOLERANCE && Math.abs(a.bounds.x1 - b.bounds.x1) <= width * FRAME_TOLERANCE;
}

/** A table that starts with a title above it or a header row of its own is a new table. */
function startsAnew(read: ImageTableRead): boolean {
  if (TABLE_TITLE.test(read.above)) return true;
  const first = read.rows[0] ?? [];
  return first.length > 1 && first.every((cell) => cell.trim() !== '' && !/\d/.test(cell)) && new Set(first).size > 1 && !/第二十条/.test(first.join(''));
}

function joinByPosition(a: ImageTableRead, b: ImageTableRead): ImageTableRead {
  const [ea, eb] = [boundaries(a), boundaries(b)];
  const tolerance = (a.bounds!.x1 - a.bounds!.x0) * FRAME_TOLERANCE;
  // The union of both parts' boundaries, two within the tolerance counted as one.
  const merged: number[] = [];
  for (const x of [...ea, ...eb].sort((p, q) => p - q)) if (!merged.length || x - merged[merged.length - 1]! > tolerance) merged.push(x);
  const spread = (rows: string[][], edges: number[]): { rows: string[][]; columnOf: number[][] } => {
    // Each of the part's columns covers the merged columns between its own two edges.
    const columnOf = edges.slice(0, -1).map((left, c) => {
      const right = edges[c + 1]!;
      const cols: number[] = [];
      for (let k = 0; k + 1 < merged.length; k++) {
        const middle = (merged[k]! + merged[k + 1]!) / 2;
        if (middle > left && middle < right) cols.push(k);
      }
      return cols;
    });
    return { rows: rows.map((row) => Array.from({ length: merged.length - 1 }, (_, k) => row[columnOf.findIndex((cols) => cols.includes(k))] ?? '')), columnOf };
  };
  const sa = spread(a.rows, ea);
  const sb = spread(b.rows, eb);
  const alternatives: Record<string, string[]> = {};
  const move = (from: Record<string, string[]>, columnOf: number[][], rowOffset: number): void => {
    for (const [key, values] of Object.entries(from)) {
      const [r, c] = key.split(',').map(Number) as [number, number];
      for (const k of columnOf[c] ?? []) alternatives[`${r + rowOffset},${k}`] = values;
    }
  };
  move(a.alternatives, sa.columnOf, 0);
  move(b.alternatives, sb.columnOf, sa.rows.length);
  const width = merged[merged.length - 1]! - merged[0]!;
  return {
    rows: [...sa.rows, ...sb.rows],
    alternatives,
    layout: merged.slice(1, -1).map((x) => (x - merged[0]!) / width),
    above: a.above,
    ...(a.bounds ? { bounds: { ...a.bounds, x0: merged[0]!, x1: merged[merged.length - 1]! } } : {}),
    lines: [...a.lines, ...b.lines],
  };
}
