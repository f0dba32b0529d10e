/**
 * The two marks a shrunk number loses first, found in the pixels when the recogniser dropped
 * them: a minus sign is a short flat stroke at mid-height before the digits, a decimal point a
 * speck on the baseline between two of them. Both are what a misread of "-4" as "4" or "1.1" as
 * "11" leaves behind, and the figure sums cannot repair them (every digit is right).
 */
import type { Grey, Rect } from './pixels.js';

interface Run {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

/** Glyph-like pieces of a line: runs of columns holding ink, split at blank columns. */
export function columnRuns(g: Grey, line: Rect, ink: number): Run[] {
  const runs: Run[] = [];
  let current: Run | undefined;
  columnExtents(g, line, ink).forEach((extent, i) => {
    const x = line.x0 + i;
    if (!extent) {
      if (current) runs.push(current);
      current = undefined;
    } else if (current) {
      current.x1 = x + 1;
      current.y0 = Math.min(current.y0, extent.y0);
      current.y1 = Math.max(current.y1, extent.y1);
    } else current = { x0: x, x1: x + 1, y0: extent.y0, y1: extent.y1 };
  });
  if (current) runs.push(current);
  return runs;
}

/** Ink extent of each column of the line, undefined where blank. */
function columnExtents(g: Grey, line: Rect, ink: number): ({ y0: number; y1: number } | undefined)[] {
  const out: ({ y0: number; y1: number } | undefined)[] = [];
  for (let x = line.x0; x < line.x1; x++) {
    let y0 = -1;
    let y1 = -1;
    for (let y = line.y0; y < line.y1; y++) {
      if (g.data[y * g.width + x]! < ink) {
        if (y0 < 0) y0 = y;
        y1 = y + 1;
      }
    }
    out.push(y0 < 0 ? undefined : { y0, y1 });
  }
  return out;
}

/**
 * A flat stroke at mid-height before the digits. Shrunk, it often touches the next digit (the
 * bar of a 4), so it is told by its columns, not as a piece apart.
 */
export function hasLeadingMinus(g: Grey, line: Rect, ink: number): boolean {
  return leadingMinusEnd(g, line, ink) !== undefined;
}

/** Where a leading minus sign ends and the digits begin (an x of the image), when there is one. */
export function leadingMinusEnd(g: Grey, line: Rect, ink: number): number | undefined {
  const h = line.y1 - line.y0;
  if (h < 5) return undefined;
  const cols = columnExtents(g, line, ink);
  let i = 0;
  while (i < cols.length && !cols[i]) i++;
  let flat = 0;
  for (; i < cols.length && cols[i]; i++) {
    const c = cols[i]!;
    const middle = (c.y0 + c.y1) / 2 - line.y0;
    // Blurred, a dash is a quarter of the line tall; still flat beside a digit.
    if (c.y1 - c.y0 > Math.max(2, h * 0.3) || middle < h * 0.3 || middle > h * 0.75) break;
    flat++;
  }
  // Then a digit: as tall as the line.
  const digit = cols.slice(i).some((c) => !!c && c.y1 - c.y0 >= h * 0.6);
  // Longer than the stub of a 4's bar left of its slant, which is all a lone 4 shows flat.
  return digit && flat >= Math.max(4, h * 0.35) ? line.x0 + i : undefined;
}

/** Digits before a decimal point on the baseline, or undefined when there is none (or no clear one). */
export function digitsBeforePoint(g: Grey, line: Rect, ink: number, digits: number): number | undefined {
  const runs = columnRuns(g, line, ink);
  const h = line.y1 - line.y0;
  if (h < 5) return undefined;
  const speck = (r: Run): boolean => r.y0 - line.y0 >= h * 0.65 && r.x1 - r.x0 <= Math.max(2, h * 0.3);
  const points = runs.map((r, i) => (i > 0 && i < runs.length - 1 && speck(r) ? i : -1)).filter((i) => i >= 0);
  // Only when every other piece is one digit: glyphs run together leave the point's place unknown.
  if (points.length !== 1 || runs.length - 1 !== digits) return undefined;
  return points[0];
}

/**
 * Whether the point after a list number ("1." of "1．属于国家秘密") is the full-width one: a
 * full-width point stands at the left of a whole em, so a wide blank follows it before the next
 * glyph; a half-width one sits close to it. The recogniser reads both as ".".
 */
export function fullWidthPointAfter(g: Grey, line: Rect, ink: number, digits: number): boolean | undefined {
  const h = line.y1 - line.y0;
  if (h < 5) return undefined;
  const runs = columnRuns(g, line, ink);
  const point = runs[digits];
  const next = runs[digits + 1];
  if (!point || !next) return undefined;
  const speck = point.y0 - line.y0 >= h * 0.6 && point.x1 - point.x0 <= Math.max(2, h * 0.35);
  if (!speck) return undefined;
  return next.x0 - point.x1 >= h * 0.45;
}
