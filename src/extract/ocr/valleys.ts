/**
 * Line pixels by local contrast rather than a fixed darkness: Excel's grey gridlines, a thin
 * rule shrunk to half a pixel, a rule under a grey header band all stay darker than the pixels a
 * few steps to either side, which a fixed threshold cannot say once fills and faint lines mix.
 */
import type { Grey } from './pixels.js';

/** How far to look on either side: past a 3 px rule softened by blur. */
const REACH = 5;
/** How much lighter both sides must be: above JPEG noise, below a grey gridline at half size. */
const DEPTH = 8;

/** The paper's grey: the most common light value. */
export function paperLevel(g: Grey): number {
  const hist = new Uint32Array(256);
  for (let i = 0; i < g.data.length; i += 3) hist[g.data[i]!]!++;
  let best = 255;
  for (let v = 128; v < 256; v++) if (hist[v]! > hist[best]!) best = v;
  return best;
}

/**
 * 1 where a pixel is a valley across the line direction: for horizontal lines, some pixel within
 * REACH above and some within REACH below are both lighter by DEPTH. A glyph beside the rule
 * leaves a gap only where it touches; the inside of a bar or fill is no valley at all.
 */
export function valleyMask(g: Grey, paper: number, horizontal: boolean): Uint8Array {
  const { width, height, data } = g;
  const mask = new Uint8Array(width * height);
  // Far lighter than paper is impossible; a pixel near paper is no line.
  const darkest = paper - DEPTH;
  const step = horizontal ? width : 1;
  const limit = horizontal ? height : width;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      const v = data[i]!;
      if (v > darkest) continue;
      const p = horizontal ? y : x;
      const need = v + DEPTH;
      let before = false;
      for (let d = 1; d <= REACH && p - d >= 0 && !before; d++) if (data[i - d * step]! >= need) before = true;
      if (!before) continue;
      let after = false;
      for (let d = 1; d <= REACH && p + d < limit && !after; d++) if (data[i + d * step]! >= need) after = true;
      if (after) mask[i] = 1;
    }
  }
  return mask;
}

/** Both masks of an image, computed once per image. */
export interface LineMasks {
  paper: number;
  h: Uint8Array;
  v: Uint8Array;
}

/** Dark outright: where rules cross, neither is a valley across the other. */
const DARK = 65;

export function lineMasks(g: Grey): LineMasks {
  const paper = paperLevel(g);
  const h = valleyMask(g, paper, true);
  const v = valleyMask(g, paper, false);
  const dark = Math.min(190, paper - DARK);
  for (let i = 0; i < g.data.length; i++) {
    if (g.data[i]! < dark) {
      h[i] = 1;
      v[i] = 1;
    }
  }
  return { paper, h, v };
}
