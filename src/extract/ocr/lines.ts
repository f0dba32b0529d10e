/**
 * Text lines inside one cell, found from the ink itself: a cell's place is known from the rules,
 * so each line can go straight to recognition, and a lone "0" is never lost to detection.
 */
import sharp from 'sharp';
import { inkBox, type Grey, type Rect } from './pixels.js';
import { columnRuns } from './marks.js';

/** Ink darker than this is text; JPEG noise and rule halos stay lighter. */
export const INK = 150;
const FAINT_INK = 200;

/**
 * Where ink starts on this image: a third of the way from paper to the darkest text. Small blurred
 * glyphs never get as dark as print, and a fixed threshold loses them whole.
 */
export function inkThreshold(g: Grey, r: Rect, paper: number): { ink: number; faint: number } {
  const hist = new Uint32Array(256);
  let n = 0;
  for (let y = r.y0; y < r.y1; y += 2) for (let x = r.x0; x < r.x1; x += 2) (hist[g.data[y * g.width + x]!]!++, n++);
  // The darkest 0.5 % of the table: the cores of the strokes.
  let seen = 0;
  let dark = 0;
  for (; dark < 256 && seen < n * 0.005; dark++) seen += hist[dark]!;
  const ink = Math.max(INK, Math.min(paper - 30, Math.round(paper - 0.35 * (paper - dark))));
  return { ink, faint: Math.max(ink, Math.min(paper - 20, Math.round(paper - 0.15 * (paper - dark)))) };
}

/** Horizontal bands of `r` holding ink, split where whole pixel rows are blank. */
export function inkRows(g: Grey, r: Rect, ink = INK): { y0: number; y1: number }[] {
  const out: { y0: number; y1: number }[] = [];
  let start = -1;
  for (let y = r.y0; y < r.y1; y++) {
    let found = false;
    const row = y * g.width;
    for (let x = r.x0; x < r.x1 && !found; x++) if (g.data[row + x]! < ink) found = true;
    if (found && start < 0) start = y;
    if (!found && start >= 0) {
      out.push({ y0: start, y1: y });
      start = -1;
    }
  }
  if (start >= 0) out.push({ y0: start, y1: r.y1 });
  return out;
}

/**
 * Groups ink bands into text lines: bands that together stay within one line height are one line
 * (二, 三 and the dots of 1. are several bands), taller wholes are wrapped labels.
 */
export function textLines(g: Grey, r: Rect, lineHeight: number, levels = { ink: INK, faint: FAINT_INK }): Rect[] {
  const bands = inkRows(g, r, levels.ink).filter((b) => b.y1 - b.y0 >= 1);
  const lines: { y0: number; y1: number }[] = [];
  for (const b of bands) {
    const last = lines[lines.length - 1];
    if (last && b.y1 - last.y0 <= lineHeight * 1.2) last.y1 = b.y1;
    else lines.push({ ...b });
  }
  const out: Rect[] = [];
  for (const l of lines) {
    // Extents at a lighter threshold: a minus sign or decimal point shrunk by JPEG turns grey.
    const found = inkBox(g, { x0: r.x0, x1: r.x1, y0: l.y0, y1: l.y1 }, levels.faint);
    const box = found && withoutEdgeSpecks(g, found, levels.faint, lineHeight);
    // Specks (JPEG noise, a rule's corner) are not text.
    if (box && (box.y1 - box.y0 >= 3 || box.x1 - box.x0 >= 3)) out.push(box);
  }
  return out;
}

/**
 * The line without a speck of dust or toner standing apart at either end: a dot of ink smaller
 * than a third of a line height each way, a third of a line height or more from the rest (read, it
 * becomes a stray 、 or + before the cell's words). Punctuation stays: it stands next to its text.
 */
function withoutEdgeSpecks(g: Grey, box: Rect, ink: number, lineHeight: number): Rect {
  const pieces: Rect[] = columnRuns(g, box, ink);
  // A speck is a dot, as wide as tall; a minus sign, as small, is a dash: twice as wide or more.
  const small = (p: Rect): boolean => {
    const [w, h] = [p.x1 - p.x0, p.y1 - p.y0];
    return w < lineHeight / 3 && h < lineHeight / 3 && w < 2 * h && h < 2 * w;
  };
  const apart = lineHeight / 3;
  while (pieces.length > 1 && small(pieces[0]!) && pieces[1]!.x0 - pieces[0]!.x1 >= apart) pieces.shift();
  while (pieces.length > 1 && small(pieces[pieces.length - 1]!) && pieces[pieces.length - 1]!.x0 - pieces[pieces.length - 2]!.x1 >= apart) pieces.pop();
  if (pieces.length === 0) return box;
  return { x0: pieces[0]!.x0, x1: pieces[pieces.length - 1]!.x1, y0: Math.min(...pieces.map((p) => p.y0)), y1: Math.max(...pieces.map((p) => p.y1)) };
}

/** Typical height of a text line on the image: the tallest ink band of most cells. */
export function typicalLineHeight(heights: number[]): number {
  if (!heights.length) return 12;
  const sorted = [...heights].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length * 0.75)]!;
}

/**
 * The line with a white margin proportional to its height (recognition wants some air around the
 * glyphs), copied only from inside `limit` so neighbouring cells and rules never show.
 */
export function lineImage(g: Grey, line: Rect, limit: Rect, marginRatio = 0.4): Grey {
  const m = Math.max(2, Math.round((line.y1 - line.y0) * marginRatio));
  const width = line.x1 - line.x0 + 2 * m;
  const height = line.y1 - line.y0 + 2 * m;
  const data = new Uint8Array(width * height).fill(255);
  for (let y = 0; y < height; y++) {
    const sy = line.y0 - m + y;
    if (sy < limit.y0 || sy >= limit.y1) continue;
    for (let x = 0; x < width; x++) {
      const sx = line.x0 - m + x;
      if (sx < limit.x0 || sx >= limit.x1) continue;
      data[y * width + x] = g.data[sy * g.width + sx]!;
    }
  }
  return { width, height, data };
}

/**
 * A second look: upscaled ×2 and binarised. The threshold sits nearer the paper than the ink so
 * faint strokes (a decimal point shrunk to grey by JPEG) survive as black.
 */
export async function sharpened(line: Grey): Promise<Grey> {
  let lo = 255;
  let hi = 0;
  for (const v of line.data) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const threshold = Math.round(lo + (hi - lo) * 0.6);
  const width = line.width * 2;
  const height = line.height * 2;
  const up = await sharp(Buffer.from(line.data.buffer, line.data.byteOffset, line.data.length), { raw: { width: line.width, height: line.height, channels: 1 } })
    .resize({ width, height, kernel: 'lanczos3' })
    .toColourspace('b-w')
    .raw()
    .toBuffer();
  const data = new Uint8Array(width * height);
  for (let i = 0; i < data.length; i++) data[i] = up[i]! < threshold ? 0 : 255;
  return { width, height, data };
}

export async function greyToPng(g: Grey, pad = 0): Promise<Buffer> {
  return sharp(Buffer.from(g.data.buffer, g.data.byteOffset, g.data.length), { raw: { width: g.width, height: g.height, channels: 1 } })
    .extend({ top: pad, bottom: pad, left: pad, right: pad, background: '#ffffff' })
    .png()
    .toBuffer();
}

/**
 * A last look at a glyph nothing else read: a lone small "0" at half size is a few grey pixels,
 * which the model calls 户 or G. Stretched to full contrast and enlarged ×3 (no binarising: the
 * grey edges are most of the shape), it reads as the digit.
 */
export async function enlarged(line: Grey, factor = 3): Promise<Grey> {
  let lo = 255;
  let hi = 0;
  for (const v of line.data) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const span = Math.max(1, hi - lo);
  const stretched = Buffer.from(line.data.map((v) => Math.round(((v - lo) * 255) / span)));
  const width = line.width * factor;
  const height = line.height * factor;
  const up = await sharp(stretched, { raw: { width: line.width, height: line.height, channels: 1 } })
    .resize({ width, height, kernel: 'cubic' })
    .toColourspace('b-w')
    .raw()
    .toBuffer();
  return { width, height, data: new Uint8Array(up) };
}

/**
 * A lone glyph repeated `times` times side by side, a third of its height apart. The recogniser
 * reads a line of digits far more surely than one small digit with nothing around it (a lone "0"
 * comes back empty or as "o"); three equal readings are then the glyph's.
 */
export function tiled(glyph: Grey, times = 3): Grey {
  const gap = Math.max(2, Math.round(glyph.height / 3));
  const width = glyph.width * times + gap * (times - 1);
  const data = new Uint8Array(width * glyph.height).fill(255);
  for (let k = 0; k < times; k++) {
    const x0 = k * (glyph.width + gap);
    for (let y = 0; y < glyph.height; y++) data.set(glyph.data.subarray(y * glyph.width, (y + 1) * glyph.width), y * width + x0);
  }
  return { width, height: glyph.height, data };
}
