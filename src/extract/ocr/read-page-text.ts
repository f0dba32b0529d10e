/**
 * Pages of a file that have no text layer (scans) read by OCR into positioned text, so they go
 * through the same layout as a PDF's text (src/read/positioned-text.ts): lines in reading order and
 * tables rebuilt from where the words stand.
 */
import type { PageImage } from '../../read/file-types.js';
import type { PageRuns, TextRun } from '../../read/positioned-text.js';
import type { ExtractedTable } from '../../types.js';
import { readRuledTables, type ImageTableRead } from './read-table-image.js';
import { joinTableReads } from './read-image-tables.js';
import type { TextDetector } from './detector.js';
import { greyToPng, inkRows } from './lines.js';
import { estimateSkew, rotateGrey } from './deskew.js';
import { paperLevel } from './valleys.js';
import { inkBox, toGrey, type Grey, type Rect } from './pixels.js';

/** Below this mean confidence a detected line is noise (specks, stamps, the scan's edge). */
const MIN_CONFIDENCE = 0.5;

/** Scanned pages read: their words with positions, and their ruled tables. */
export interface ScannedPages {
  pages: PageRuns[];
  /** The ruled tables, one read per page, joined where a table runs on to the next page. */
  tables: ExtractedTable[];
}

/**
 * Each page is straightened once, its text found and read as lines with their positions (the
 * layout rebuilds paragraphs and, from where the words stand, the text of its tables), and its
 * ruled tables read by the table reader, far more exact on a ruled table's figures. The table's
 * words stay in the text as positioned: tried on a held-out scan (a LibreOffice PDF rendered by
 * MuPDF), the table reader's grid as text lost rows a borderless table's positions kept (F1 0.92
 * against 0.98), for no gain on the ruled scan.
 */
export async function readScannedPages(images: readonly PageImage[], detector: TextDetector): Promise<ScannedPages> {
  const pages: PageRuns[] = [];
  const reads: { file: string; read: ImageTableRead }[] = [];
  for (const image of images) {
    // A scan is rarely square to the glass: at 0.4° a line's start drifts 4 pt down an A4 page,
    // enough to blur the left margin paragraphs are found by (and the table's rules).
    const tilted = await toGrey(image.png);
    const angle = estimateSkew(tilted);
    const g = angle ? await rotateGrey(tilted, angle, paperLevel(tilted)) : tilted;
    const upright = angle ? await greyToPng(g) : image.png;
    const pt = 72 / (image.dpi ?? 200);
    for (const table of await readRuledTables(g, detector)) if (table.rows.length) reads.push({ file: `page-${image.page}.png`, read: table });
    const boxes = await detector.detect(upright);
    const runs: TextRun[] = boxes
      .filter((b) => b.text.trim() && b.mean >= MIN_CONFIDENCE)
      .map((b) => {
        const xs = b.box.map((p) => p[0]);
        const ys = b.box.map((p) => p[1]);
        const detected = { x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs), y1: Math.max(...ys) };
        const r = inkOfLine(g, detected);
        // The run's height is the size of its type, as a text layer gives it: ink heights differ
        // with what a line holds (a bracket reaches past the ideographs, digits stay short).
        const size = typeSize(b.text.trim(), r);
        const top = (r.y0 + r.y1 - size) / 2;
        return { text: b.text.trim(), x: r.x0 * pt, y: top * pt, width: (r.x1 - r.x0) * pt, height: size * pt };
      });
    pages.push({ page: image.page, width: g.width * pt, height: g.height * pt, runs });
  }
  return { pages, tables: joinTableReads(reads).map(({ images: _images, ...t }) => ({ ...t, source: 'ocr' as const })) };
}

/**
 * The line's own ink inside its detected box. Detection boxes carry a margin that grows with the
 * line's length (DB's unclip), so their heights differ between a full line and a paragraph's short
 * last one; the layout compares line heights to join paragraphs and wants the glyphs' height, as
 * a PDF's text layer gives it. The band through the box's middle is the line (a neighbour's
 * descender or a speck may show at the edges); bands split by a thin gap (二, 三) are one.
 */
function inkOfLine(g: Grey, box: Rect): Rect {
  const r = { x0: Math.max(0, Math.floor(box.x0)), y0: Math.max(0, Math.floor(box.y0)), x1: Math.min(g.width, Math.ceil(box.x1)), y1: Math.min(g.height, Math.ceil(box.y1)) };
  const bands = inkRows(g, r);
  if (!bands.length) return r;
  const middle = (r.y0 + r.y1) / 2;
  const distance = (b: { y0: number; y1: number }): number => (middle < b.y0 ? b.y0 - middle : middle > b.y1 ? middle - b.y1 : 0);
  let k = bands.reduce((best, b, i) => (distance(b) < distance(bands[best]!) ? i : best), 0);
  let { y0, y1 } = bands[k]!;
  const gap = (r.y1 - r.y0) * 0.15;
  for (let i = k - 1; i >= 0 && y0 - bands[i]!.y1 <= gap; i--) y0 = bands[i]!.y0;
  for (k = k + 1; k < bands.length && bands[k]!.y0 - y1 <= gap; k++) y1 = bands[k]!.y1;
  return inkBox(g, { x0: r.x0, x1: r.x1, y0, y1 }) ?? r;
}

/**
 * The type's size: an ideograph (and a full-width mark) is one em wide, so a line of them measures
 * its size by its width; digits and Latin letters count as half. A line with hardly any ideographs
 * (a number) has only its ink's height to go by.
 */
const CLOSING = /[。，、；：！？）》”’]/;
const OPENING = /[（《“‘]/;

function typeSize(text: string, r: Rect): number {
  let ems = 0;
  let wide = 0;
  const chars = [...text.replace(/\s+/g, '')];
  chars.forEach((ch, i) => {
    const full = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f“”‘’]/.test(ch);
    if (full) wide++;
    // A line's ink starts and ends inside the em of an opening or closing mark, not at its edge.
    if (i === chars.length - 1 && CLOSING.test(ch)) ems += 0.35;
    else if (i === 0 && OPENING.test(ch)) ems += 0.6;
    else ems += full ? 1 : 0.5;
  });
  const byWidth = (r.x1 - r.x0) / ems;
  // A short line (件。) measures its size badly by width: its ink's height bounds it from below.
  return wide >= 4 ? byWidth : wide >= 2 ? Math.max(byWidth, r.y1 - r.y0) : r.y1 - r.y0;
}
