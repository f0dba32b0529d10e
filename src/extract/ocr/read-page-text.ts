/**
 * Pages of a file that have no text layer (scans) read by OCR into positioned text, so they go
 * through the same layout as a PDF's text (src/read/positioned-text.ts): lines in reading order and
 * tables rebuilt from where the words stand.
 */
import type { PageImage } from '../../read/file-types.js';
import { isCjk, type PageRuns, type TextRun } from '../../read/positioned-text.js';
import type { ExtractedTable } from '../../types.js';
import { readRuledTables, type ImageTableRead } from './read-table-image.js';
import { joinTableReads } from './read-image-tables.js';
import { withPageBreaksJoined, type PageTable } from './page-break-tables.js';
import type { LineReading, TextDetector } from './detector.js';
import { greyToPng, inkRows } from './lines.js';
import { estimateSkew, rotateGrey } from './deskew.js';
import { paperLevel } from './valleys.js';
import { crop, inkBox, toGrey, type Grey, type Rect } from './pixels.js';

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
 * layout rebuilds paragraphs, and tables from where the words stand), and its ruled tables read by
 * the table reader, far more exact on a ruled table's figures. A table's text in the body is the
 * reader's where the two agree, else the positioned lines': on a held-out scan whose hairline rules
 * the reader partly lost, its grid as text cost F1 0.98 → 0.93; taken only where it agrees, it
 * gains on every scan tried.
 */
export async function readScannedPages(images: readonly PageImage[], detector: TextDetector): Promise<ScannedPages> {
  const pages: PageRuns[] = [];
  const reads: PageTable[] = [];
  for (const image of images) {
    // A scan is rarely square to the glass: at 0.4° a line's start drifts 4 pt down an A4 page,
    // enough to blur the left margin paragraphs are found by (and the table's rules).
    const tilted = await toGrey(image.png);
    const angle = estimateSkew(tilted);
    const g = angle ? await rotateGrey(tilted, angle, paperLevel(tilted)) : tilted;
    const pt = 72 / (image.dpi ?? 200);
    const tables = (await readRuledTables(g, detector)).filter((t) => t.rows.length);
    for (const table of tables) reads.push({ file: `page-${image.page}.png`, page: image.page, read: table });
    let lines = await pageLines(g, tables, detector);
    let agreed = tables.filter((t) => agrees(t, linesInside(lines, t)));
    // A table that fails the check had its lines' readings taken from its own reader: those lines
    // are read afresh, as the detector found them, for the body and a second check.
    const doubted = lines.filter((l) => l.from && !agreed.includes(l.from));
    if (doubted.length) {
      lines = await readAfresh(g, lines, doubted, detector);
      agreed = tables.filter((t) => agrees(t, linesInside(lines, t)));
    }
    const runs = lines.filter((l) => l.text.trim() && l.mean >= MIN_CONFIDENCE).map((l) => placedRun(l, pt));
    // A table's text is the table reader's where it agrees with the lines read inside the table
    // (the reader reads lone zeros and signs the line detector misses); where they disagree the
    // reader's grid went wrong (a faint rule lost merges rows), and the lines' positions stay.
    const placed = agreed.flatMap((t) => (t.bounds && t.lines.length ? [{ ...scaled(t.bounds, pt), lines: t.lines }] : []));
    pages.push({ page: image.page, width: g.width * pt, height: g.height * pt, runs, placed });
  }
  return { pages, tables: joinTableReads(withPageBreaksJoined(reads)).map(({ images: _images, ...t }) => ({ ...t, source: 'ocr' as const })) };
}

interface PageLine extends LineReading {
  /** Where the detector found the line, and the line's ink, on the straightened page. */
  box: Rect;
  ink: Rect;
  /** The table whose reader's reading of this line was taken. */
  from?: ImageTableRead;
}

/**
 * Every text line of the page, read. A line the table reader has read already (a cell's line, in
 * the same place) keeps that reading: read again it costs as much as the table itself (a page of
 * table 三 is 150-odd cell lines, a second each 100 lines), and the reader's crop, its rules
 * painted out, reads as well or better. Lines found elsewhere than the reader's (its grid gone
 * wrong) are read afresh, so the agreement check still sees the reader's mistakes.
 */
async function pageLines(g: Grey, tables: readonly ImageTableRead[], detector: TextDetector): Promise<PageLine[]> {
  if (!detector.locateLines || !detector.recognizeLines) {
    // An engine that only detects: its lines come read.
    return (await detector.detect(await greyToPng(g))).map((b) => {
      const xs = b.box.map((p) => p[0]);
      const ys = b.box.map((p) => p[1]);
      const box = { x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs), y1: Math.max(...ys) };
      return { text: b.text, mean: b.mean, box, ink: inkOfLine(g, box) };
    });
  }
  const known = tables.flatMap((from) => (from.lineReads ?? []).map((read) => ({ read, from })));
  const lines: PageLine[] = (await detector.locateLines(g)).map((box) => {
    const ink = inkOfLine(g, box);
    const same = known.find(({ read }) => sameLine(read.rect, ink));
    return { box, ink, text: same?.read.text ?? '', mean: same?.read.mean ?? 0, from: same?.from };
  });
  return readAfresh(g, lines, lines.filter((l) => !l.from), detector);
}

/** The lines, those of `which` read from the page by the recogniser. */
async function readAfresh(g: Grey, lines: PageLine[], which: PageLine[], detector: TextDetector): Promise<PageLine[]> {
  if (!which.length || !detector.recognizeLines) return lines;
  const readings = await detector.recognizeLines(which.map((l) => crop(g, l.box)));
  const fresh = new Map(which.map((l, i) => [l, readings[i]!]));
  return lines.map((l) => {
    const reading = fresh.get(l);
    return reading ? { box: l.box, ink: l.ink, text: reading.text, mean: reading.mean } : l;
  });
}

/** Two ink boxes of one text line: the same height band, the same ends give or take half a line. */
function sameLine(a: Rect, b: Rect): boolean {
  const h = Math.max(a.y1 - a.y0, b.y1 - b.y0);
  return Math.abs(a.y0 + a.y1 - b.y0 - b.y1) / 2 <= h * 0.3 && Math.abs(a.x0 - b.x0) <= h / 2 && Math.abs(a.x1 - b.x1) <= h / 2;
}

/** A line as a text layer's run, in points. */
function placedRun({ ink: r, text: raw }: PageLine, pt: number): TextRun {
  // The run's height is the size of its type, as a text layer gives it: ink heights differ with
  // what a line holds (a bracket reaches past the ideographs, digits stay short).
  const text = raw.trim();
  const size = typeSize(text, r);
  const top = (r.y0 + r.y1 - size) / 2;
  // A text layer places a glyph by its em box; an opening bracket's ink starts well inside it,
  // and a line opening with one would look indented (a new paragraph) by its ink alone.
  const x0 = OPENING.test(text[0] ?? '') ? r.x0 - (1 - OPENING_INK) * size : r.x0;
  return { text, x: x0 * pt, y: top * pt, width: (r.x1 - x0) * pt, height: size * pt };
}

const scaled = (r: Rect, k: number): Rect => ({ x0: r.x0 * k, y0: r.y0 * k, x1: r.x1 * k, y1: r.y1 * k });

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
const OPENING = /[（《“‘〔【]/;
/** The share of an opening mark's em from its ink's start to the em's right edge. */
const OPENING_INK = 0.6;

function typeSize(text: string, r: Rect): number {
  let ems = 0;
  let wide = 0;
  const chars = [...text.replace(/\s+/g, '')];
  chars.forEach((ch, i) => {
    const full = isCjk(ch);
    if (full) wide++;
    // A line's ink starts and ends inside the em of an opening or closing mark, not at its edge.
    if (i === chars.length - 1 && CLOSING.test(ch)) ems += 0.35;
    else if (i === 0 && OPENING.test(ch)) ems += OPENING_INK;
    else ems += full ? 1 : 0.5;
  });
  const byWidth = (r.x1 - r.x0) / ems;
  // A short line (件。) measures its size badly by width: its ink's height bounds it from below.
  return wide >= 4 ? byWidth : wide >= 2 ? Math.max(byWidth, r.y1 - r.y0) : r.y1 - r.y0;
}

/** Character agreement (F1 of the two texts' characters, blanks aside) above which a table reader's text is taken. */
const AGREEMENT = 0.9;

/** The text of the lines standing in the table (their ink's middle inside its outer rules). */
function linesInside(lines: readonly PageLine[], t: ImageTableRead): string {
  const b = t.bounds;
  if (!b) return '';
  const within = ({ ink: r }: PageLine): boolean => {
    const [x, y] = [(r.x0 + r.x1) / 2, (r.y0 + r.y1) / 2];
    return x >= b.x0 && x <= b.x1 && y >= b.y0 && y <= b.y1;
  };
  return lines.filter((l) => l.text.trim() && l.mean >= MIN_CONFIDENCE && within(l)).map((l) => l.text.trim()).join('');
}

function agrees(t: ImageTableRead, inside: string): boolean {
  return characterAgreement(t.lines.join(''), inside) >= AGREEMENT;
}

/** F1 of the characters two texts hold, counted with repeats, blanks aside. */
function characterAgreement(a: string, b: string): number {
  const counts = (s: string): Map<string, number> => {
    const m = new Map<string, number>();
    // Compatibility forms compared as one (the reader tells 1．from 1., the line reader does not).
    for (const ch of s.normalize('NFKC').replace(/\s/g, '')) m.set(ch, (m.get(ch) ?? 0) + 1);
    return m;
  };
  const [ca, cb] = [counts(a), counts(b)];
  let common = 0;
  for (const [ch, n] of ca) common += Math.min(n, cb.get(ch) ?? 0);
  const total = [...ca.values(), ...cb.values()].reduce((x, y) => x + y, 0);
  return total ? (2 * common) / total : 0;
}
