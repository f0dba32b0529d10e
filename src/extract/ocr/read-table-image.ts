/**
 * One table image → a grid of cell texts. Cells come from the ruling lines; each text line of a
 * cell is read on its own. Number cells get a second read (upscaled, binarised) and, where the
 * reads disagree or confidence is low, the other reading is kept as an alternative for the
 * figure checks.
 */
import type { TextDetector, LineReading, TextBox } from './detector.js';
import { straighten } from './deskew.js';
import { findGrid, findGrids, type CellRegion, type TableGrid } from './grid.js';
import { enlarged, greyToPng, inkRows, inkThreshold, lineImage, sharpened, textLines, tiled, typicalLineHeight } from './lines.js';
import { digitsOnly, numberCells, numberReading, numericColumns } from './number-cells.js';
import { cleanNumber, isNumber, normalizeReading, normalizeText } from './numbers.js';
import { toGrey, type Grey, type Rect } from './pixels.js';
import { digitsBeforePoint, fullWidthPointAfter, hasLeadingMinus, leadingMinusEnd } from './marks.js';
import { lineMasks, type LineMasks } from './valleys.js';

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
  /** Where the table's outer rules stand on the (straightened) image; absent without rules. */
  bounds?: Rect;
  /**
   * The table as lines of text, as a document's text gives it: a row's cells joined by tabs, a
   * merged cell once, in the row it starts in.
   */
  lines: string[];
  /**
   * Every cell line's first reading and where its ink stands on the image (rules painted out):
   * a scan's page reader takes these instead of reading the same lines again.
   */
  lineReads?: PlacedReading[];
}

export interface PlacedReading extends LineReading {
  rect: Rect;
}

/** Below this mean confidence a number reading is doubted even when both reads agree. */
const CONFIDENT = 0.9;
/** Below this (after penalties for repairs) a number cell is read again on its own. */
const DOUBT = 0.85;
/** A clean number read this confidently is taken without a second read. */
const SURE = 0.98;

export async function readTableImage(bytes: Buffer, detector: TextDetector): Promise<ImageGrid> {
  const { rows, alternatives } = await readTableImageDetailed(bytes, detector);
  return { rows, alternatives };
}

export async function readTableImageDetailed(bytes: Buffer, detector: TextDetector): Promise<ImageTableRead> {
  return (await readRuledTable(await straighten(await toGrey(bytes)), detector)) ?? readWithoutRules(bytes, detector);
}

/** The ruled table of an image already straightened, or undefined when it draws no table rules. */
export async function readRuledTable(g: Grey, detector: TextDetector): Promise<ImageTableRead | undefined> {
  const masks = lineMasks(g);
  const grid = findGrid(g, masks);
  return grid ? readGrid(g, masks, grid, detector) : undefined;
}

/** Every ruled table of a page already straightened (a scan), top to bottom. */
export async function readRuledTables(g: Grey, detector: TextDetector): Promise<ImageTableRead[]> {
  const masks = lineMasks(g);
  const out: ImageTableRead[] = [];
  for (const grid of findGrids(g, masks)) out.push(await readGrid(g, masks, grid, detector));
  return out;
}

async function readGrid(g: Grey, masks: LineMasks, grid: TableGrid, detector: TextDetector): Promise<ImageTableRead> {
  // Rules gone before any cell is read: a rule left at a cell's edge reads as 丨, l or 一.
  const page = withoutRules(g, grid, masks.paper);

  const inset = (r: Rect): Rect => ({ x0: r.x0 + 1, x1: r.x1 - 1, y0: r.y0 + 1, y1: r.y1 - 1 });
  const levels = inkThreshold(page, grid.bounds, masks.paper);
  const heights = grid.regions.flatMap((reg) => inkRows(page, inset(reg.rect), levels.ink).map((b) => b.y1 - b.y0));
  const lineHeight = typicalLineHeight(heights);

  // Every line of every cell first, then one batched recognition: far fewer model runs.
  const regionRects = grid.regions.map((region) => ({ limit: inset(region.rect), lines: textLines(page, inset(region.rect), lineHeight, levels) }));
  const regionLines = regionRects.map(({ limit, lines }) => lines.map((l) => lineImage(page, l, limit)));
  const lineReads = await readLineGroups(regionLines.flat().map((line) => [line]), detector);
  let k = 0;
  const readings = regionLines.map((lines) => joinedReading(lineReads.slice(k, (k += lines.length))));
  const raw: LineReading[][] = grid.rows.map(() => grid.cols.map(() => ({ text: '', mean: 1 })));
  const cellRects = new Map<string, { limit: Rect; lines: Rect[] }>();
  grid.regions.forEach((region, i) => {
    for (const [r, c] of region.cells) {
      raw[r]![c] = readings[i]!;
      cellRects.set(`${r},${c}`, regionRects[i]!);
    }
  });

  const rows: string[][] = raw.map((row) => row.map((cell) => normalizeText(cell.text)));
  // A list number's point (1．属于国家秘密) is full-width or not by the blank after it.
  grid.regions.forEach((region, i) => {
    const [r, c] = region.cells[0]!;
    const text = rows[r]![c]!;
    const number = /^(\d{1,2})\.(?=[\u4e00-\u9fff])/.exec(text);
    const line = regionRects[i]!.lines[0];
    if (!number || !line || !fullWidthPointAfter(page, line, levels.ink, number[1]!.length)) return;
    for (const [rr, cc] of region.cells) rows[rr]![cc] = `${number[1]}．${text.slice(number[0].length)}`;
  });
  const numericCols = numericColumns(raw.map((row) => row.map((cell) => cell.text)));
  const mustBe = numberCells(grid.regions, raw, numericCols);
  // Each region once (a merged number cell is one number), when it is or may be a number.
  const candidates: { region: CellRegion; first: LineReading; must: boolean; line: Rect | undefined; limit: Rect }[] = [];
  grid.regions.forEach((region, i) => {
    const [r, c] = region.cells[0]!;
    const first = raw[r]![c]!;
    const { limit, lines } = regionRects[i]!;
    // Ink the recogniser made nothing of, alone in a number column: a small "0" more often than not.
    const unread = lines.length === 1 && normalizeReading(first.text).length === 0 && region.cells.every(([, cc]) => numericCols[cc]);
    const must = unread || region.cells.some(([rr, cc]) => mustBe[rr]![cc]!);
    if (!must && numberReading(first.text, false) === undefined) return;
    // A number is one line: specks left by a rule or JPEG are the smaller "lines" around it.
    const line = lines.reduce<Rect | undefined>((best, l) => (!best || area(l) > area(best) ? l : best), undefined);
    candidates.push({ region, first, must, line, limit });
  });
  // The second read is the number's line enlarged and binarised: agreement is confidence, a
  // disagreement makes the cell uncertain and keeps both readings. A clean number read with near
  // certainty needs no second opinion: the model time goes to the rest.
  const sure = (n: { first: LineReading; must: boolean }): boolean => n.first.mean >= SURE && numberReading(n.first.text, n.must)?.penalty === 0;
  // A doubted glyph alone is also read repeated (a small "0" alone reads as "11", "o" or nothing):
  // three readings that agree outvote the first. Where the first read is one digit already, the
  // enlarged look is skipped: it changed no figure on the three scans measured (one tuned on, two
  // held out) and cost a read per zero of table 三, some 130 a page.
  const digitRead = (n: { first: LineReading; line: Rect | undefined }): boolean => !!n.line && oneGlyph(n.line) && /^\d$/.test(n.first.text.trim());
  const secondLines = await Promise.all(candidates.map(async (n) => (n.line && !sure(n) && !digitRead(n) ? [await sharpened(lineImage(page, n.line, n.limit))] : [])));
  const repeatedLines = await Promise.all(candidates.map(async (n) => (n.line && !sure(n) && oneGlyph(n.line) ? [await repeatedGlyph(page, n.line, n.limit)] : [])));
  const secondsAndRepeated = await readLineGroups([...secondLines, ...repeatedLines], detector);
  const seconds = secondsAndRepeated.slice(0, candidates.length);
  const repeated = secondsAndRepeated.slice(candidates.length);

  const alternatives: Record<string, string[]> = {};
  const scoredFor = (must: boolean) => (reading: LineReading | undefined): Scored[] => {
    const n = reading ? numberReading(reading.text, must) : undefined;
    return n && reading ? [{ value: n.value, mean: reading.mean - n.penalty }] : [];
  };
  const reads = candidates.map(({ first, must }, i) => [
    ...scoredFor(must)(first),
    ...scoredFor(must)(secondLines[i]!.length ? seconds[i] : undefined),
    ...onceOf(scoredFor(must)(repeatedLines[i]!.length ? repeated[i] : undefined)),
  ]);
  // Doubtful cells: their number alone, with more air, plain and enlarged. One model run for all
  // of them: recognition batches by width, so each line is still read on its own merits.
  const doubtful = candidates.flatMap((n, i) => (n.line && !reads[i]!.some((x) => x.mean >= DOUBT) ? [i] : []));
  const third = await Promise.all(doubtful.map(async (i) => {
    const wide = lineImage(page, candidates[i]!.line!, candidates[i]!.limit, 0.8);
    return [[wide], [await sharpened(wide)]];
  }));
  const thirdReads = await readLineGroups(third.flat(), detector);
  doubtful.forEach((i, k) => reads[i]!.push(...scoredFor(candidates[i]!.must)(thirdReads[2 * k]), ...scoredFor(candidates[i]!.must)(thirdReads[2 * k + 1])));
  // Ink where a number must be and still no number in it: one more look, enlarged, and a glyph
  // alone also repeated three times (read as a number, three equal digits are the glyph's). What
  // they read stays doubtful (kept with an empty alternative) so the figure checks may overrule it.
  const blank = candidates.flatMap((n, i) => (n.line && n.must && !reads[i]!.length ? [i] : []));
  const lastLooks = await Promise.all(blank.map(async (i) => {
    const { line, limit } = candidates[i]!;
    const looks = [await enlarged(lineImage(page, line!, limit, 0.8))];
    if (oneGlyph(line!)) looks.push(await repeatedGlyph(page, line!, limit));
    return looks;
  }));
  const lastReads = await readLineGroups(lastLooks.flat().map((look) => [look]), detector);
  const guessed = new Set<number>();
  let next = 0;
  blank.forEach((i, k) => {
    const [wide, again] = [lastReads[next], lastLooks[k]!.length > 1 ? lastReads[next + 1] : undefined];
    next += lastLooks[k]!.length;
    const last = [...scoredFor(true)(wide), ...onceOf(scoredFor(true)(again))];
    reads[i]!.push(...last);
    if (last.length) guessed.add(i);
  });

  // A minus sign touching its digit reads as part of it ("-1" as 4): where the pixels show one, the
  // digits after it are read alone, and a clean number there is the cell's, with the minus.
  const minusAt = candidates.map((n) => (n.line ? leadingMinusEnd(page, n.line, levels.faint) : undefined));
  const signed = candidates.flatMap((n, i) => (minusAt[i] !== undefined && n.line ? [i] : []));
  // Cut at the minus's end, margin included: the margin must not bring the minus back.
  const afterMinus = await readLineGroups(signed.map((i) => [lineImage(page, { ...candidates[i]!.line!, x0: minusAt[i]! }, { ...candidates[i]!.limit, x0: minusAt[i]! })]), detector);
  const digitsAfterMinus = new Map(signed.map((i, k) => [i, afterMinus[k]]));

  for (const [i, { region, first, must }] of candidates.entries()) {
    const readingsOf = reads[i]!;
    let value: string | undefined;
    if (readingsOf.length) {
      // Reads vote with their confidence: two middling reads that agree beat one sure misread of a
      // crop. The first read wins ties: it saw the original pixels.
      const votes = new Map<string, number>();
      for (const x of readingsOf) votes.set(x.value, (votes.get(x.value) ?? 0) + (x.weight ?? 1) * Math.max(0.05, x.mean));
      const best = { value: [...votes.entries()].reduce((x, y) => (y[1] > x[1] + 0.05 ? y : x))[0] };
      // A thin minus sign is what a binarised or blurred read loses first, never what it invents.
      if (votes.has(`-${best.value}`)) best.value = `-${best.value}`;
      const digits = digitsAfterMinus.get(i);
      const alone = digits && digits.mean >= CONFIDENT ? numberReading(digits.text, true) : undefined;
      if (!best.value.startsWith('-') && alone?.penalty === 0 && !alone.value.startsWith('-') && Number(alone.value) !== 0) {
        readingsOf.push({ value: best.value, mean: 0 });
        best.value = `-${alone.value}`;
      }
      const marked = withLostMarks(page, candidates[i]!.line, levels.faint, best.value);
      if (marked !== best.value) readingsOf.push({ value: best.value, mean: 0 });
      best.value = marked;
      value = best.value;
      const others = [...new Set(readingsOf.map((x) => x.value).filter((v) => v !== best.value))];
      if (guessed.has(i)) others.push('');
      if (others.length) for (const [r, c] of region.cells) alternatives[`${r},${c}`] = others;
    } else if (must) {
      // Nothing read as a number where one must be: no letters left standing in its place.
      value = digitsOnly(first.text);
      // Ink that no look made a number of is doubtful, whatever is left: most often a small 0.
      if (candidates[i]!.line && value !== '0') for (const [r, c] of region.cells) alternatives[`${r},${c}`] = ['0'];
    }
    if (value !== undefined) for (const [r, c] of region.cells) rows[r]![c] = value;
  }

  const placed = regionRects.flatMap(({ lines }) => lines).map((rect, i) => ({ rect, ...lineReads[i]! }));
  return { rows, alternatives, layout: grid.layout, above: await readAbove(page, grid, lineHeight, detector), bounds: grid.bounds, lines: tableLines(grid, rows), lineReads: placed };
}

function tableLines(grid: TableGrid, rows: string[][]): string[] {
  const starts = new Map<number, CellRegion[]>();
  for (const region of grid.regions) {
    const r0 = Math.min(...region.cells.map(([r]) => r));
    starts.set(r0, [...(starts.get(r0) ?? []), region]);
  }
  const firstCol = (region: CellRegion): number => Math.min(...region.cells.map(([, c]) => c));
  const lines: string[] = [];
  for (const r of [...starts.keys()].sort((a, b) => a - b)) {
    const regions = starts.get(r)!.sort((a, b) => firstCol(a) - firstCol(b));
    const cells = regions.map((region) => rows[region.cells[0]![0]]![region.cells[0]![1]] ?? '');
    while (cells.length && !cells[cells.length - 1]) cells.pop();
    if (cells.some(Boolean)) lines.push(cells.join('\t'));
  }
  return lines;
}


/** Puts back a minus sign or decimal point the pixels show and every reading dropped. */
function withLostMarks(page: Grey, line: Rect | undefined, ink: number, value: string): string {
  if (!line || !/^\d+$/.test(value)) return value;
  // Zero has no sign: a dash before it is dust.
  if (hasLeadingMinus(page, line, ink)) return /^0+$/.test(value) ? value : `-${value}`;
  const at = value.length > 1 ? digitsBeforePoint(page, line, ink, value.length) : undefined;
  return at === undefined ? value : `${value.slice(0, at)}.${value.slice(at)}`;
}

const area = (r: Rect): number => (r.x1 - r.x0) * (r.y1 - r.y0);

/** One reading of a number cell; `weight` counts it as that many votes. */
interface Scored {
  value: string;
  mean: number;
  weight?: number;
}

/**
 * The reading of a glyph repeated three times, when it is three equal readings; else none. Three
 * readings that agree outvote the two looks at the glyph alone.
 */
function onceOf(reads: Scored[]): Scored[] {
  return reads.flatMap((x) => {
    const third = x.value.length / 3;
    const part = x.value.slice(0, third);
    return Number.isInteger(third) && third > 0 && part.repeat(3) === x.value ? [{ ...x, value: part, weight: 2 }] : [];
  });
}

/** A lone glyph, contrast-stretched and enlarged (a blurred small 0 read plain comes back as 们), three times. */
async function repeatedGlyph(page: Grey, line: Rect, limit: Rect): Promise<Grey> {
  return tiled(await enlarged(lineImage(page, line, limit, 0.25)));
}

/** Ink no wider than it is tall: one digit, not a number of several. */
const oneGlyph = (r: Rect): boolean => r.x1 - r.x0 <= (r.y1 - r.y0) * 0.9;

/** A copy of the page with every rule painted over in paper, one pixel of halo included. */
function withoutRules(g: Grey, grid: TableGrid, paper: number): Grey {
  const data = new Uint8Array(g.data);
  const paint = (x0: number, x1: number, y0: number, y1: number): void => {
    for (let y = Math.max(0, y0); y < Math.min(g.height, y1); y++) data.fill(paper, y * g.width + Math.max(0, x0), y * g.width + Math.min(g.width, x1));
  };
  for (const r of grid.horizontals) paint(r.from, r.to, r.start - 1, r.end + 1);
  // Only where each vertical rule runs: through a merged cell there is text, not a rule.
  for (const r of grid.verticals) for (const span of r.spans) paint(r.start - 1, r.end + 1, span.y0 - 1, span.y1 + 1);
  return { width: g.width, height: g.height, data };
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
  return groups.map((lines) => joinedReading(readings.slice(k, (k += lines.length))));
}

/** The lines of one cell as one reading; no lines read as an empty, certain one. */
function joinedReading(lines: LineReading[]): LineReading {
  // Wrapped CJK labels join without a space, as they were one line before wrapping.
  return lines.length ? { text: lines.map((r) => r.text).join(''), mean: Math.min(...lines.map((r) => r.mean)) } : { text: '', mean: 1 };
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
  const boxes = textRows(await detector.detect(bytes));
  const rows = boxes.map((b) => b.text.trim().split(/\s+/).map((t) => cleanNumber(t) ?? normalizeText(t)));
  const width = Math.max(0, ...rows.map((r) => r.length));
  const grid = rows.map((r) => [...r, ...Array<string>(width - r.length).fill('')]);
  const alternatives: Record<string, string[]> = {};
  grid.forEach((row, r) => row.forEach((cell, c) => {
    if (isNumber(cell) && (boxes[r]?.mean ?? 1) < CONFIDENT) alternatives[`${r},${c}`] = [];
  }));
  for (const key of Object.keys(alternatives)) if (!alternatives[key]!.length) delete alternatives[key];
  return { rows: grid, alternatives, layout: [], above: '', lines: grid.map((row) => row.filter(Boolean).join('\t')).filter(Boolean) };
}

/**
 * The detector's boxes joined into rows: boxes whose middles lie within half a typical box height
 * of each other are one row, read left to right, with a space where one box ends (a column gap).
 */
function textRows(boxes: TextBox[]): { text: string; mean: number }[] {
  if (!boxes.length) return [];
  const top = (b: TextBox): number => Math.min(...b.box.map((p) => p[1]));
  const bottom = (b: TextBox): number => Math.max(...b.box.map((p) => p[1]));
  const left = (b: TextBox): number => Math.min(...b.box.map((p) => p[0]));
  const middle = (b: TextBox): number => (top(b) + bottom(b)) / 2;
  const half = boxes.reduce((sum, b) => sum + bottom(b) - top(b), 0) / boxes.length / 2;
  const rows: TextBox[][] = [];
  for (const b of [...boxes].sort((x, y) => top(x) - top(y))) {
    const row = rows.find((r) => Math.abs(middle(r[0]!) - middle(b)) < half);
    if (row) row.push(b);
    else rows.push([b]);
  }
  return rows.map((r) => {
    r.sort((x, y) => left(x) - left(y));
    return { text: r.map((b) => b.text).join(' '), mean: r.reduce((sum, b) => sum + b.mean, 0) / r.length };
  });
}
