/**
 * Text boxes from the detection model's probability map (PP-OCR's DB post-processing): pixels
 * above a threshold, grouped into connected regions, each kept when the model is sure enough of it
 * on average, and grown back by the margin the model was trained to shrink text by. Boxes are
 * upright: pages reach here straight (scans are deskewed before), and an upright box is what the
 * recogniser reads best.
 */

export interface ProbabilityMap {
  width: number;
  height: number;
  /** One probability per pixel, row-major. */
  data: Float32Array;
}

export interface UprightBox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  /** Mean probability inside the region. */
  score: number;
}

/** PP-OCR's defaults (det_db_thresh, det_db_box_thresh, det_db_unclip_ratio). */
export const DB_DEFAULTS = { threshold: 0.3, boxThreshold: 0.6, unclipRatio: 1.5, minSide: 3 };

/** The least growth, as a share of the core's short side: about what a long line of text gets. */
const MIN_GROW = 0.7;

export function textBoxes(map: ProbabilityMap, options: Partial<typeof DB_DEFAULTS> = {}): UprightBox[] {
  const { threshold, boxThreshold, unclipRatio, minSide } = { ...DB_DEFAULTS, ...options };
  const { width, height, data } = map;
  const label = new Int32Array(width * height);
  const stack = new Int32Array(width * height);
  const boxes: UprightBox[] = [];
  let next = 0;
  for (let start = 0; start < data.length; start++) {
    if (label[start] || data[start]! <= threshold) continue;
    next++;
    label[start] = next;
    let top = 0;
    stack[top++] = start;
    let x0 = width;
    let y0 = height;
    let x1 = -1;
    let y1 = -1;
    let sum = 0;
    let count = 0;
    while (top) {
      const p = stack[--top]!;
      const x = p % width;
      const y = (p - x) / width;
      sum += data[p]!;
      count++;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
      // 8-connected, as OpenCV's findContours groups them.
      for (let dy = -1; dy <= 1; dy++) {
        const yy = y + dy;
        if (yy < 0 || yy >= height) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const xx = x + dx;
          if (xx < 0 || xx >= width) continue;
          const q = yy * width + xx;
          if (!label[q] && data[q]! > threshold) {
            label[q] = next;
            stack[top++] = q;
          }
        }
      }
    }
    const w = x1 - x0 + 1;
    const h = y1 - y0 + 1;
    if (Math.min(w, h) < minSide) continue;
    const score = sum / count;
    if (score < boxThreshold) continue;
    // The model marks a shrunk core of each text line; DB's unclip grows it back by area × ratio / perimeter.
    // A glyph alone (a 0 in a table cell) has a square core, for which that margin is half a long
    // line's: its box then cuts the glyph and the recogniser reads nothing. Grown at least as a line's.
    const grow = Math.max((w * h * unclipRatio) / (2 * (w + h)), MIN_GROW * Math.min(w, h));
    if (Math.min(w, h) + 2 * grow < minSide + 2) continue;
    boxes.push({
      x0: Math.max(0, x0 - grow),
      y0: Math.max(0, y0 - grow),
      x1: Math.min(width, x1 + 1 + grow),
      y1: Math.min(height, y1 + 1 + grow),
      score,
    });
  }
  return boxes;
}
