/**
 * Straightening of slightly rotated scans. A rule tilted by 1° drifts one pixel every 57: the
 * column of pixels under a vertical rule stops being dark after a few rows, and the rule finder
 * loses it. The tilt is measured from the rules themselves and undone before anything else.
 */
import sharp from 'sharp';
import type { Grey } from './pixels.js';
import { paperLevel, valleyMask } from './valleys.js';

/** Steeper than this is not a tilted table but a photo of one; nothing here would read it. */
const MAX_ANGLE = 2;
const STEP = 0.05;
/** Below this the drift over a table is under a pixel or two: not worth a resampling. */
const MIN_ANGLE = 0.08;

/**
 * The clockwise tilt in degrees: the angle at which the line pixels project most sharply, rows of
 * horizontal-line pixels onto the height and columns of vertical-line pixels onto the width (a
 * tall, narrow table shows its tilt best in its long vertical rules). Text spreads out either way.
 */
export function estimateSkew(g: Grey): number {
  const paper = paperLevel(g);
  // Sampled along the lines, never across them: skipping columns under a vertical rule would
  // favour the angle that keeps it on the columns kept.
  const horizontal = points(valleyMask(g, paper, true), g, 2, 1);
  const vertical = points(valleyMask(g, paper, false), g, 1, 2);
  if (horizontal.xs.length + vertical.xs.length < 50) return 0;
  const pad = Math.ceil(Math.max(g.width, g.height) * Math.tan((MAX_ANGLE * Math.PI) / 180)) + 2;
  const hBins = new Float64Array(g.height + 2 * pad);
  const vBins = new Float64Array(g.width + 2 * pad);
  const score = (a: number, every: number): number => {
    const t = Math.tan((a * Math.PI) / 180);
    hBins.fill(0);
    vBins.fill(0);
    // floor(v + 0.5) is Math.round here: every bin index is positive, the padding sees to it.
    for (let i = 0; i < horizontal.xs.length; i += every) hBins[Math.floor(horizontal.ys[i]! - horizontal.xs[i]! * t + pad + 0.5)]! += 1;
    for (let i = 0; i < vertical.xs.length; i += every) vBins[Math.floor(vertical.xs[i]! + vertical.ys[i]! * t + pad + 0.5)]! += 1;
    let sum = 0;
    for (const b of hBins) sum += b * b;
    for (const b of vBins) sum += b * b;
    return sum;
  };
  const search = (from: number, to: number, step: number, every: number): number => {
    let best = 0;
    let bestScore = -1;
    for (let a = from; a <= to + 1e-9; a += step) {
      const s = score(a, every);
      if (s > bestScore + 1e-6) {
        bestScore = s;
        best = a;
      }
    }
    return best;
  };
  // The coarse search sees every fourth point (a page holds some 300 000): enough to find the peak
  // within a step, at a quarter of the time; the fine search sees them all.
  const coarse = search(-MAX_ANGLE, MAX_ANGLE, STEP, 4);
  const fine = search(coarse - STEP, coarse + STEP, STEP / 5, 1);
  return Math.abs(fine) < MIN_ANGLE ? 0 : Math.round(fine * 100) / 100;
}

/** Coordinates of set pixels, every `dx`-th column and `dy`-th row: plenty, at half the work. */
function points(mask: Uint8Array, g: Grey, dx: number, dy: number): { xs: Int32Array; ys: Int32Array } {
  let n = 0;
  for (let y = 0; y < g.height; y += dy) for (let x = 0; x < g.width; x += dx) n += mask[y * g.width + x]!;
  const xs = new Int32Array(n);
  const ys = new Int32Array(n);
  let k = 0;
  for (let y = 0; y < g.height; y += dy) {
    for (let x = 0; x < g.width; x += dx) {
      if (mask[y * g.width + x]) {
        xs[k] = x;
        ys[k++] = y;
      }
    }
  }
  return { xs, ys };
}

/** The image turned back by `angle` degrees, corners filled with paper. */
export async function rotateGrey(g: Grey, angle: number, paper: number): Promise<Grey> {
  const { data, info } = await sharp(Buffer.from(g.data.buffer, g.data.byteOffset, g.data.length), { raw: { width: g.width, height: g.height, channels: 1 } })
    .rotate(-angle, { background: { r: paper, g: paper, b: paper } })
    .toColourspace('b-w')
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, info.width * info.height) };
}

/** The image straightened when it is tilted, as it is otherwise. */
export async function straighten(g: Grey): Promise<Grey> {
  const angle = estimateSkew(g);
  return angle ? rotateGrey(g, angle, paperLevel(g)) : g;
}
