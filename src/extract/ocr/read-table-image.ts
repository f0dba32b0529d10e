/**
 * One table image → a grid of cell texts. Cells come from the ruling lines; each text line of a
 * cell is read on its own. Number cells get a second read (upscaled, binarised) and, where the
 * reads disagree or confidence is low, the other reading is kept as an alternative for the
 * figure checks.
 */
import type { TextDetector, LineReading } from './detector.js';
import { findGrid, type TableGrid } from './grid.js';
import { greyToPng, inkRows, lineImage, sharpened, textLines, typicalLineHeight } from './lines.js';
import { cleanNumber, isNumber, loneDigit, normalizeReading, normalizeText } from './numbers.js';
import { toGrey, type Grey, type Rect } from './pixels.js';

export interface ImageGrid {
  rows: string[][];
  /** "row,col" → other readings of uncertain number cells. */
  alternatives: Record<string, string[]>;
}

/** Grid, layout and title of one image: what joining screenshots of one table needs. */
export interface ImageTableRead extends ImageGrid {
  /** Column boundaries as fractions of the table width; empty when the image had no rules. */
  layout: number[];
  /** Text above the table (a title such as 政府信息公开情况统计表), '' when none. */
  above: string;
}

/** Below this mean confidence a number reading is doubted even when both reads agree. */
const CONFIDENT = 0.9;

export async function readTableImage(bytes: Buffer, detector: TextDetector): Promise<ImageGrid> {
  const { rows, alternatives } = await readTableImageDetailed(bytes, detector);
  return { rows, alternatives };
}

export async function readTableImageDetailed(bytes: Buffer, detector: TextDetector): Promise<ImageTableRead> {
  const g = await toGrey(bytes);
  const grid = findGrid(g);
  if (!grid) return readWithoutRules(bytes, detector);

  const inset = (r: Rect): Rect => ({ x0: r.x0 + 1, x1: r.x1 - 1, y0: r.y0 + 1, y1: r.y1 - 1 });
  const heights = grid.regions.flatMap((reg) => inkRows(g, inset(reg.rect)).map((b) => b.y1 - b.y0));
  const lineHeight = typicalLineHeight(heights);

  // Every line of every cell first, then one batched recognition: far fewer model runs.
  const regionRects = grid.regions.map((region) => ({ limit: inset(region.rect), lines: textLines(g, inset(region.rect), lineHeight) }));
  const regionLines = regionRects.map(({ limit, lines }) => lines.map((l) => lineImage(g, l, limit)));
  const readings = await readLineGroups(regionLines, detector);
  const raw: LineReading[][] = grid.rows.map(() => grid.cols.map(() => ({ text: '', mean: 1 })));
  const cellLines = new Map<string, Grey[]>();
  const cellRects = new Map<string, { limit: Rect; lines: Rect[] }>();
  grid.regions.forEach((region, i) => {
    for (const [r, c] of region.cells) {
      raw[r]![c] = readings[i]!;
      cellLines.set(`${r},${c}`, regionLines[i]!);
      cellRects.set(`${r},${c}`, regionRects[i]!);
    }
  });

  const rows: string[][] = raw.map((row) => row.map((cell) => normalizeText(cell.text)));
  const numericCols = numericColumns(raw);
  const asNumber = (reading: LineReading | undefined, c: number): string | undefined =>
    reading ? cleanNumber(reading.text) ?? (numericCols[c] ? loneDigit(reading.text) : undefined) : undefined;
  // Cells that are, or in a column of numbers may be, a number: read a second time.
  const candidates: { r: number; c: number; first: LineReading; lines: Grey[] }[] = [];
  raw.forEach((row, r) =>
    row.forEach((first, c) => {
      const lines = cellLines.get(`${r},${c}`) ?? [];
      const unreadable = lines.length === 1 && numericCols[c] && normalizeReading(first.text).length <= 2;
      if (asNumber(first, c) !== undefined || unreadable) candidates.push({ r, c, first, lines });
    }),
  );
  // The second read is the same line enlarged and binarised: agreement is confidence, a
  // disagreement makes the cell uncertain and keeps both readings.
  const secondLines = await Promise.all(candidates.map(async (n) => (n.lines.length === 1 ? [await sharpened(n.lines[0]!)] : [])));
  const seconds = await readLineGroups(secondLines, detector);

  const alternatives: Record<string, string[]> = {};
  const scored = (reading: LineReading | undefined, c: number): { value: string; mean: number }[] => {
    const value = asNumber(reading, c);
    // A lone glyph taken for a digit counts for less than a reading that was a number outright.
    return value !== undefined && reading ? [{ value, mean: reading.mean - (cleanNumber(reading.text) === undefined ? 0.2 : 0) }] : [];
  };
  for (const [i, { r, c, first }] of candidates.entries()) {
    const second = secondLines[i]!.length ? seconds[i] : undefined;
    const readings = [...scored(first, c), ...scored(second, c)];
    if (!readings.some((x) => x.mean >= 0.8) && secondLines[i]!.length) {
      // Neither read is sure: a third, alone (batch padding can sway a weak line) and with more air around it.
      const { limit, lines } = cellRects.get(`${r},${c}`)!;
      const wide = lineImage(g, lines[0]!, limit, 0.8);
      readings.push(...scored((await readLineGroups([[wide]], detector))[0], c));
    }
    if (!readings.length) continue;
    // The first read wins ties: it saw the original pixels.
    const best = readings.reduce((x, y) => (y.mean > x.mean + 0.05 ? y : x));
    rows[r]![c] = best.value;
    const others = [...new Set(readings.map((x) => x.value).filter((v) => v !== best.value))];
    if (others.length) alternatives[`${r},${c}`] = others;
  }

  return { rows, alternatives, layout: grid.layout, above: await readAbove(g, grid, lineHeight, detector) };
}

/** Columns where most filled body cells are numbers: there a lone "o" is a zero. */
function numericColumns(raw: LineReading[][]): boolean[] {
  const cols = raw[0]?.length ?? 0;
  return Array.from({ length: cols }, (_, c) => {
    const filled = raw.slice(1).map((row) => row[c]!.text).filter((t) => t.trim());
    const numbers = filled.filter((t) => cleanNumber(t) !== undefined || loneDigit(t) !== undefined);
    return filled.length > 0 && numbers.length / filled.length >= 0.6;
  });
}

/** Reads groups of line images (the lines of one cell each), one reading per group. */
async function readLineGroups(groups: Grey[][], detector: TextDetector): Promise<LineReading[]> {
  const flat = groups.flat();
  let readings: LineReading[];
  if (detector.recognizeLines) readings = flat.length ? await detector.recognizeLines(flat) : [];
  else {
    readings = [];
    for (const line of flat) {
      const boxes = await detector.detect(await greyToPng(line, 8));
      boxes.sort((a, b) => (a.box[0]?.[1] ?? 0) - (b.box[0]?.[1] ?? 0) || (a.box[0]?.[0] ?? 0) - (b.box[0]?.[0] ?? 0));
      readings.push(boxes.length ? { text: boxes.map((b) => b.text).join(''), mean: Math.min(...boxes.map((b) => b.mean)) } : { text: '', mean: 1 });
    }
  }
  let k = 0;
  return groups.map((lines) => {
    const own = readings.slice(k, (k += lines.length));
    // Wrapped CJK labels join without a space, as they were one line before wrapping.
    return own.length ? { text: own.map((r) => r.text).join(''), mean: Math.min(...own.map((r) => r.mean)) } : { text: '', mean: 1 };
  });
}

/** Text just above the table within its width: the title screenshots often include. */
async function readAbove(g: Grey, grid: TableGrid, lineHeight: number, detector: TextDetector): Promise<string> {
  const area: Rect = { x0: grid.bounds.x0, x1: grid.bounds.x1, y0: Math.max(0, grid.bounds.y0 - Math.round(lineHeight * 4)), y1: Math.max(0, grid.bounds.y0 - 1) };
  if (area.y1 - area.y0 < 4) return '';
  const lines = textLines(g, area, lineHeight * 1.6);
  const last = lines[lines.length - 1];
  if (!last) return '';
  return normalizeText((await readLineGroups([[lineImage(g, last, area)]], detector))[0]?.text ?? '');
}

/**
 * No rules found (a table drawn without borders): rows from the detector's line boxes, columns
 * from the gaps the engine marks with spaces. Weaker, but better than nothing.
 */
async function readWithoutRules(bytes: Buffer, detector: TextDetector): Promise<ImageTableRead> {
  const boxes = await detector.detect(bytes);
  boxes.sort((a, b) => (a.box[0]?.[1] ?? 0) - (b.box[0]?.[1] ?? 0));
  const rows = boxes.map((b) => b.text.trim().split(/\s+/).map((t) => cleanNumber(t) ?? normalizeText(t)));
  const width = Math.max(0, ...rows.map((r) => r.length));
  const grid = rows.map((r) => [...r, ...Array<string>(width - r.length).fill('')]);
  const alternatives: Record<string, string[]> = {};
  grid.forEach((row, r) => row.forEach((cell, c) => {
    if (isNumber(cell) && (boxes[r]?.mean ?? 1) < CONFIDENT) alternatives[`${r},${c}`] = [];
  }));
  for (const key of Object.keys(alternatives)) if (!alternatives[key]!.length) delete alternatives[key];
  return { rows: grid, alternatives, layout: [], above: '' };
}
