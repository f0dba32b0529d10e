/**
 * Pages of a file that have no text layer (scans) read by OCR into positioned text, so they go
 * through the same layout as a PDF's text (src/read/positioned-text.ts): lines in reading order and
 * tables rebuilt from where the words stand.
 */
import type { PageImage } from '../../read/file-types.js';
import type { PageRuns, TextRun } from '../../read/positioned-text.js';
import type { TextDetector } from './detector.js';
import sharp from 'sharp';

/** Below this mean confidence a detected line is noise (specks, stamps, the scan's edge). */
const MIN_CONFIDENCE = 0.5;

export async function readScannedPages(images: readonly PageImage[], detector: TextDetector): Promise<PageRuns[]> {
  const pages: PageRuns[] = [];
  for (const image of images) {
    const meta = await sharp(image.png).metadata();
    const pt = 72 / (image.dpi ?? 200);
    const boxes = await detector.detect(image.png);
    const runs: TextRun[] = boxes
      .filter((b) => b.text.trim() && b.mean >= MIN_CONFIDENCE)
      .map((b) => {
        const xs = b.box.map((p) => p[0]);
        const ys = b.box.map((p) => p[1]);
        const x = Math.min(...xs);
        const y = Math.min(...ys);
        return { text: b.text.trim(), x: x * pt, y: y * pt, width: (Math.max(...xs) - x) * pt, height: (Math.max(...ys) - y) * pt };
      });
    pages.push({ page: image.page, width: (meta.width ?? 0) * pt, height: (meta.height ?? 0) * pt, runs });
  }
  return pages;
}
