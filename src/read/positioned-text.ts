/**
 * Text placed on pages (PDF, OFD) turned into reading-order lines and table grids. Shared by the
 * PDF and OFD readers (and OCR'd scans): they know only where each piece of text stands.
 *
 * Coordinates are in points with the origin at the page's top left, y growing downwards.
 *
 * What it does, page by page, then across pages:
 * - runs on one baseline become a line, ordered by x; a space goes between two runs only where the
 *   gap is wide for the characters on either side (Chinese text has none); Kangxi radicals and
 *   compatibility ideographs read as the characters they stand for; fake bold (text printed twice)
 *   is read once;
 * - ruled tables: ruling lines that cross make a grid; a cell is a set of fine cells no drawn line
 *   separates, so merged header cells and a cell whose text wraps over lines come out as one cell;
 *   each cell's text is repeated over the slots it covers, as the HTML table reader does;
 * - unruled tables: ≥3 rows of figures (words apart by ⅓ em or more, ≥2 of them values) whose
 *   words leave the same x ranges free; header lines just above and label lines wrapped between
 *   rows are placed into the columns;
 * - page headers and footers: lines at the top or bottom edge that are page numbers (- 3 -,
 *   第 3 页 共 9 页, 3/9), carry this page's number or a print date apart, or repeat on other
 *   pages (digits aside), are dropped;
 * - a table that ends a page and one that starts the next with the same outer edges and compatible
 *   columns are one table: header rows the next page repeats are dropped, a cell the break cut in
 *   two (a tall row label, a row whose text runs on) is one cell again;
 * - lines of one paragraph (the line before reaching the right margin, this one not indented, not a
 *   heading) are joined, across pages too: the text has one paragraph per line;
 * - a table's rows go into the text where it stood, its cells tab-separated (each cell once), and
 *   its title is the heading just above it.
 * Not handled: two text columns on one page (read across), vertical text, wrapped header cells and
 * rows of a single figure in unruled tables, tables nested in tables.
 */
import type { ExtractedTable } from '../types.js';
import { isValueCell, normalizeCell, startsRow } from '../extract/tables/cells.js';
import { trimGrid } from '../extract/tables/grid.js';
import { titleFromLines } from '../extract/tables/title.js';

/** A piece of text as the file places it (a PDF span, an OFD TextCode). */
export interface TextRun {
  text: string;
  x: number;
  /** Top of the run. */
  y: number;
  width: number;
  height: number;
}

/** A ruling line the page draws (table borders), when the file has them. */
export interface RuleLine {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface PageRuns {
  /** 1-based. */
  page: number;
  width: number;
  height: number;
  runs: TextRun[];
  rules?: RuleLine[];
  /** Tables already read another way (a scan's ruled tables, by the table reader). */
  placed?: PlacedTable[];
}

/**
 * A table read elsewhere, placed where it stands on the page (points): runs inside it are its
 * words read again and are dropped; its lines go into the text at its place.
 */
export interface PlacedTable {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  lines: string[];
}

export interface LaidOutText {
  /** Lines in reading order; a table's rows as tab-separated cells, where the table stood. */
  text: string;
  /** Tables found from positions (and rules where drawn), as full grids. */
  tables: ExtractedTable[];
}

// Bounds that keep one hostile page from costing more than a real one ever does.
const MAX_RUNS_PER_PAGE = 50_000;
const MAX_RULES_PER_PAGE = 20_000;
const MAX_GRID_LINES = 400;

/** Distance (pt) within which two rule positions are the same line. */
const RULE_SNAP = 3;
/** Share of a cell edge a drawn line must cover to separate two cells. */
const EDGE_COVER = 0.5;
/** A gap this many ems wide splits a line into table-cell segments. */
const SEGMENT_GAP_EM = 1.2;
/** A gap this many ems wide separates words (figures in a table row); prose leaves 0.2 em at most. */
const WORD_GAP_EM = 0.33;
/** Top and bottom bands of a page (share of its height) where headers and footers stand. */
const MARGIN_BAND = 0.12;

interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

interface Piece extends Box {
  text: string;
  /** Font size estimate: the run's height. */
  size: number;
}

interface Line extends Box {
  page: number;
  pieces: Piece[];
  size: number;
  text: string;
  /** Pieces grouped at wide gaps (candidate table cells). */
  segments: Piece[];
  /** Pieces grouped at gaps over half an em (numbers in a table row). */
  words: Piece[];
}

/** A merged cell of a table part, in the part's fine grid. */
interface PartCell {
  r0: number;
  r1: number;
  x0: number;
  x1: number;
  text: string;
  /** No rule drawn along the cell's top (bottom) edge at the table's first (last) row: a page break cut it. */
  openTop?: boolean;
  openBottom?: boolean;
}

/** A table as found on one page (joined with its continuation on the next page later). */
interface TablePart extends Box {
  page: number;
  /** Column boundaries (x, pt), ascending; columns = xs.length - 1. */
  xs: number[];
  rows: number;
  cells: PartCell[];
}

type Item =
  | { kind: 'line'; line: Line; page: number; y: number }
  | { kind: 'table'; part: TablePart; page: number; y: number }
  | { kind: 'placed'; lines: string[]; page: number; y: number };

// ---------------------------------------------------------------- characters

const CJK = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f\u201c\u201d\u2018\u2019\u2014\u2026\u00b7]/u;
/** A character set one em wide in Chinese type: ideographs, full-width forms and CJK punctuation. */
export const isCjk = (ch: string | undefined): boolean => ch !== undefined && CJK.test(ch);

/**
 * Characters a PDF writes in compatibility forms: Kangxi radicals (⼈ for 人, from fonts that map
 * both to one glyph), CJK compatibility ideographs, Latin ligatures. Full-width punctuation stays.
 */
function normalizeChars(text: string): string {
  return text.replace(/[\u2e80-\u2fdf\uf900-\ufaff\ufb00-\ufb06]/gu, (ch) => RADICAL_FORMS[ch] ?? ch.normalize('NFKC'));
}

/**
 * Radical forms that stand for a simplified character: supplement forms without a compatibility
 * mapping, and ⼾, whose mapping (戶) is the traditional form while Chinese fonts draw it as 户.
 */
const RADICAL_FORMS: Record<string, string> = {
  '⼾': '户',
  '⺠': '民', '⻓': '长', '⻔': '门', '⻛': '风', '⻜': '飞', '⻢': '马', '⻅': '见', '⻉': '贝', '⻋': '车', '⻚': '页',
  '⻥': '鱼', '⻦': '鸟', '⻩': '黄', '⻬': '齐', '⻮': '齿', '⻰': '龙', '⻳': '龟', '⻘': '青', '⻝': '食', '⻨': '麦',
  '⻄': '西', '⺟': '母', '⻆': '角', '⻣': '骨', '⻤': '鬼', '⺩': '王',
};

function charWeight(ch: string): number {
  return isCjk(ch) ? 1 : 0.55;
}

/** Whether the gap between two pieces on one line stands for a space. */
function spaceBetween(left: Piece, right: Piece): boolean {
  const gap = right.x0 - left.x1;
  const em = Math.max(left.size, right.size, 1);
  const a = left.text.slice(-1);
  const b = right.text[0];
  if (isCjk(a) && isCjk(b)) return gap > em * 1.0;
  if (isCjk(a) || isCjk(b)) return gap > em * 0.5;
  return gap > em * 0.15;
}

/** Two lines of one paragraph or cell: nothing between Chinese, a space between words. */
function joinTight(a: string, b: string): string {
  if (!a) return b;
  if (!b) return a;
  const tight = isCjk(a.slice(-1)) || isCjk(b[0]) || /[-/]$/.test(a);
  return tight ? a + b : `${a} ${b}`;
}

// ---------------------------------------------------------------- runs and lines

function toPieces(runs: readonly TextRun[]): Piece[] {
  const out: Piece[] = [];
  for (const run of runs.slice(0, MAX_RUNS_PER_PAGE)) {
    const { x, y, width, height } = run;
    if (![x, y, width, height].every(Number.isFinite) || width < 0 || height <= 0 || typeof run.text !== 'string') continue;
    const raw = normalizeChars(run.text);
    const text = raw.replace(/^[\s\u00a0\u3000]+|[\s\u00a0\u3000]+$/gu, '');
    if (!text) continue;
    // Leading and trailing blanks were part of the run's width: take their share off.
    const lead = raw.length - raw.trimStart().length;
    const trail = raw.length - raw.trimEnd().length;
    const per = raw.length ? width / raw.length : 0;
    const x0 = x + (lead && text.length > 0 ? per * lead : 0);
    const x1 = x + width - (trail ? per * trail : 0);
    out.push({ text, x0, x1: Math.max(x0, x1), y0: y, y1: y + height, size: height });
  }
  return dedupeOverprint(out);
}

/** Fake bold: the same text printed twice a fraction of a point apart. */
function dedupeOverprint(pieces: Piece[]): Piece[] {
  // Pieces by text and position bucket (2 pt): a twin is in the same bucket or a neighbouring one.
  const seen = new Map<string, Piece[]>();
  const key = (text: string, bx: number, by: number): string => `${bx},${by},${text}`;
  const out: Piece[] = [];
  for (const p of pieces) {
    const tol = Math.max(0.25 * p.size, 0.5);
    const bx = Math.floor(p.x0 / 2);
    const by = Math.floor(p.y0 / 2);
    let twin = false;
    for (let dx = -1; dx <= 1 && !twin; dx++) {
      for (let dy = -1; dy <= 1 && !twin; dy++) {
        twin = !!seen.get(key(p.text, bx + dx, by + dy))?.some((q) => Math.abs(q.x0 - p.x0) < tol && Math.abs(q.y0 - p.y0) < tol && Math.abs(q.x1 - p.x1) < tol);
      }
    }
    if (twin) continue;
    const k = key(p.text, bx, by);
    const bucket = seen.get(k);
    if (bucket) bucket.push(p);
    else seen.set(k, [p]);
    out.push(p);
  }
  return out;
}

/** Runs on one baseline (their vertical centres close) become a line, ordered by x. */
function buildLines(pieces: Piece[], page: number): Line[] {
  const sorted = [...pieces].sort((a, b) => (a.y0 + a.y1) / 2 - (b.y0 + b.y1) / 2 || a.x0 - b.x0);
  const groups: Piece[][] = [];
  let current: Piece[] = [];
  let centre = 0;
  let height = 0;
  for (const p of sorted) {
    const c = (p.y0 + p.y1) / 2;
    if (current.length && Math.abs(c - centre) <= 0.4 * Math.max(height, p.size)) {
      current.push(p);
      // The line's centre follows its tallest pieces (a digit's box sits differently from a Chinese one).
      if (p.size > height) {
        centre = c;
        height = p.size;
      }
      continue;
    }
    if (current.length) groups.push(current);
    current = [p];
    centre = c;
    height = p.size;
  }
  if (current.length) groups.push(current);
  return groups.flatMap((g) => splitOverlapping(g)).map((g) => makeLine(g, page));
}

/**
 * Pieces grouped as one line that overlap in x are two lines close together (subscripts aside):
 * keep them apart so text is never interleaved.
 */
function splitOverlapping(group: Piece[]): Piece[][] {
  const byX = [...group].sort((a, b) => a.x0 - b.x0);
  const lines: Piece[][] = [];
  for (const p of byX) {
    // Text printed over itself many times (hostile or broken) would make this quadratic: past a
    // few dozen lines the rest share the last one.
    const target =
      lines.length > 48
        ? lines[lines.length - 1]
        : lines.find((l) => {
            const last = l[l.length - 1]!;
            return p.x0 >= last.x1 - 0.3 * Math.min(p.size, last.size);
          });
    if (target) target.push(p);
    else lines.push([p]);
  }
  return lines;
}

function makeLine(pieces: Piece[], page: number): Line {
  const sorted = [...pieces].sort((a, b) => a.x0 - b.x0);
  const box = bounds(sorted);
  const size = median(sorted.map((p) => p.size));
  return { ...box, page, pieces: sorted, size, text: joinPieces(sorted), segments: segmentsOf(sorted, SEGMENT_GAP_EM), words: segmentsOf(sorted, WORD_GAP_EM) };
}

function joinPieces(sorted: Piece[]): string {
  let text = '';
  for (let i = 0; i < sorted.length; i++) {
    const p = sorted[i]!;
    if (i > 0 && spaceBetween(sorted[i - 1]!, p)) text += ' ';
    text += p.text;
  }
  return text;
}

function segmentsOf(sorted: Piece[], gapEm: number): Piece[] {
  const segments: Piece[] = [];
  let group: Piece[] = [];
  const flush = (): void => {
    if (!group.length) return;
    segments.push({ ...bounds(group), text: joinPieces(group), size: median(group.map((g) => g.size)) });
    group = [];
  };
  for (const p of sorted) {
    const last = group[group.length - 1];
    if (last) {
      const em = Math.max(last.size, p.size);
      if (p.x0 - last.x1 > gapEm * em) flush();
    }
    group.push(p);
  }
  flush();
  return segments;
}

/** Text of pieces in reading order (a table cell): lines top to bottom, joined tight for Chinese. */
function blockText(pieces: Piece[]): string {
  if (!pieces.length) return '';
  let text = '';
  for (const line of buildLines(pieces, 0).sort((a, b) => a.y0 - b.y0 || a.x0 - b.x0)) text = joinTight(text, line.text);
  return normalizeCell(text);
}

function bounds(boxes: readonly Box[]): Box {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const b of boxes) {
    if (b.x0 < x0) x0 = b.x0;
    if (b.y0 < y0) y0 = b.y0;
    if (b.x1 > x1) x1 = b.x1;
    if (b.y1 > y1) y1 = b.y1;
  }
  return { x0, y0, x1, y1 };
}

function median(xs: number[]): number {
  if (!xs.length) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function quantile(xs: number[], q: number): number {
  if (!xs.length) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.floor(q * (s.length - 1))))]!;
}

// ---------------------------------------------------------------- rules and ruled tables

/** An axis-parallel rule: pos is y for a horizontal one, x for a vertical one; a..b its extent. */
interface Seg {
  pos: number;
  a: number;
  b: number;
}

function orientRules(rules: readonly RuleLine[], width: number, height: number): { h: Seg[]; v: Seg[] } {
  const h: Seg[] = [];
  const v: Seg[] = [];
  const clampX = (x: number): number => Math.min(Math.max(x, -2), width + 2);
  const clampY = (y: number): number => Math.min(Math.max(y, -2), height + 2);
  for (const r of rules.slice(0, MAX_RULES_PER_PAGE)) {
    const { x0, y0, x1, y1 } = r;
    if (![x0, y0, x1, y1].every(Number.isFinite)) continue;
    const dx = Math.abs(x1 - x0);
    const dy = Math.abs(y1 - y0);
    if (dy <= 1.5 && dx >= 2) h.push({ pos: (y0 + y1) / 2, a: clampX(Math.min(x0, x1)), b: clampX(Math.max(x0, x1)) });
    else if (dx <= 1.5 && dy >= 2) v.push({ pos: (x0 + x1) / 2, a: clampY(Math.min(y0, y1)), b: clampY(Math.max(y0, y1)) });
  }
  return { h: mergeSegs(h), v: mergeSegs(v) };
}

/** Collinear rules that touch or overlap become one (a border drawn cell by cell). */
function mergeSegs(segs: Seg[]): Seg[] {
  const sorted = [...segs].sort((p, q) => p.pos - q.pos);
  const out: Seg[] = [];
  let i = 0;
  while (i < sorted.length) {
    let j = i + 1;
    while (j < sorted.length && sorted[j]!.pos - sorted[j - 1]!.pos <= 1.5) j++;
    const cluster = sorted.slice(i, j).sort((p, q) => p.a - q.a);
    const pos = cluster.reduce((s, c) => s + c.pos, 0) / cluster.length;
    let cur: Seg | undefined;
    for (const c of cluster) {
      if (cur && c.a <= cur.b + 2) cur.b = Math.max(cur.b, c.b);
      else {
        if (cur) out.push(cur);
        cur = { pos, a: c.a, b: c.b };
      }
    }
    if (cur) out.push(cur);
    i = j;
  }
  return out;
}

class UnionFind {
  private readonly parent: Int32Array;
  constructor(n: number) {
    this.parent = new Int32Array(n);
    for (let i = 0; i < n; i++) this.parent[i] = i;
  }
  find(i: number): number {
    let r = i;
    while (this.parent[r] !== r) r = this.parent[r]!;
    while (this.parent[i] !== r) {
      const next = this.parent[i]!;
      this.parent[i] = r;
      i = next;
    }
    return r;
  }
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
}

/** Positions within `tol` of each other as one (their mean), ascending. */
function cluster(values: number[], tol: number): number[] {
  const s = [...values].sort((a, b) => a - b);
  const out: number[] = [];
  let group: number[] = [];
  for (const v of s) {
    if (group.length && v - group[group.length - 1]! > tol) {
      out.push(group.reduce((a, b) => a + b, 0) / group.length);
      group = [];
    }
    group.push(v);
  }
  if (group.length) out.push(group.reduce((a, b) => a + b, 0) / group.length);
  return out;
}

/** How much of [a, b] the segments at `pos` cover (0..1). `segs` are sorted by pos. */
function coverage(segs: readonly Seg[], pos: number, a: number, b: number): number {
  if (b <= a) return 0;
  let lo = 0;
  let hi = segs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (segs[mid]!.pos < pos - RULE_SNAP) lo = mid + 1;
    else hi = mid;
  }
  let covered = 0;
  for (let i = lo; i < segs.length && segs[i]!.pos <= pos + RULE_SNAP; i++) {
    const s = segs[i]!;
    const from = Math.max(a, s.a);
    const to = Math.min(b, s.b);
    if (to > from) covered += to - from;
  }
  return Math.min(1, covered / (b - a));
}

/** Grids drawn with crossing rules; each with the pieces inside it taken out of `pieces`. */
function ruledTables(page: PageRuns, pieces: Piece[]): { parts: TablePart[]; rest: Piece[] } {
  const { h, v } = orientRules(page.rules ?? [], page.width, page.height);
  if (h.length < 2 || v.length < 2) return { parts: [], rest: pieces };
  const hs = h.slice(0, 4000);
  const vs = v.slice(0, 4000);
  const uf = new UnionFind(hs.length + vs.length);
  for (let i = 0; i < hs.length; i++) {
    const s = hs[i]!;
    for (let j = 0; j < vs.length; j++) {
      const t = vs[j]!;
      if (t.pos >= s.a - RULE_SNAP && t.pos <= s.b + RULE_SNAP && s.pos >= t.a - RULE_SNAP && s.pos <= t.b + RULE_SNAP) uf.union(i, hs.length + j);
    }
  }
  const comps = new Map<number, { h: Seg[]; v: Seg[] }>();
  hs.forEach((s, i) => {
    const root = uf.find(i);
    const c = comps.get(root) ?? { h: [], v: [] };
    c.h.push(s);
    comps.set(root, c);
  });
  vs.forEach((s, j) => {
    const root = uf.find(hs.length + j);
    const c = comps.get(root) ?? { h: [], v: [] };
    c.v.push(s);
    comps.set(root, c);
  });
  const parts: TablePart[] = [];
  let rest = pieces;
  for (const comp of comps.values()) {
    if (comp.h.length < 2 || comp.v.length < 2) continue;
    const made = gridFromRules(comp.h, comp.v, rest, page.page);
    if (!made) continue;
    parts.push(made.part);
    rest = made.rest;
  }
  return { parts, rest };
}

function gridFromRules(h: Seg[], v: Seg[], pieces: Piece[], pageNo: number): { part: TablePart; rest: Piece[] } | undefined {
  const left = Math.min(...h.map((s) => s.a));
  const right = Math.max(...h.map((s) => s.b));
  const top = Math.min(...v.map((s) => s.a));
  const bottom = Math.max(...v.map((s) => s.b));
  const xs = cluster([...v.map((s) => s.pos), left, right], RULE_SNAP).filter((x) => x >= left - RULE_SNAP && x <= right + RULE_SNAP);
  const ys = cluster([...h.map((s) => s.pos), top, bottom], RULE_SNAP).filter((y) => y >= top - RULE_SNAP && y <= bottom + RULE_SNAP);
  const nR = ys.length - 1;
  const nC = xs.length - 1;
  if (nR < 1 || nC < 1 || nR > MAX_GRID_LINES || nC > MAX_GRID_LINES) return undefined;
  if (right - left < 20 || bottom - top < 8) return undefined;

  // Which fine cells a drawn line keeps apart.
  const uf = new UnionFind(nR * nC);
  for (let r = 0; r < nR; r++) {
    for (let c = 0; c + 1 < nC; c++) {
      if (coverage(v, xs[c + 1]!, ys[r]!, ys[r + 1]!) < EDGE_COVER) uf.union(r * nC + c, r * nC + c + 1);
    }
  }
  for (let r = 0; r + 1 < nR; r++) {
    for (let c = 0; c < nC; c++) {
      if (coverage(h, ys[r + 1]!, xs[c]!, xs[c + 1]!) < EDGE_COVER) uf.union(r * nC + c, (r + 1) * nC + c);
    }
  }
  const cellOf = new Map<number, { r0: number; r1: number; c0: number; c1: number; pieces: Piece[] }>();
  for (let r = 0; r < nR; r++) {
    for (let c = 0; c < nC; c++) {
      const root = uf.find(r * nC + c);
      const cell = cellOf.get(root);
      if (!cell) cellOf.set(root, { r0: r, r1: r, c0: c, c1: c, pieces: [] });
      else {
        cell.r0 = Math.min(cell.r0, r);
        cell.r1 = Math.max(cell.r1, r);
        cell.c0 = Math.min(cell.c0, c);
        cell.c1 = Math.max(cell.c1, c);
      }
    }
  }

  /** Index of the interval of `values` (ascending boundaries) that holds x, clamped. */
  const locate = (values: number[], x: number): number => {
    let lo = 0;
    let hi = values.length - 2;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (x >= values[mid]!) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const inside: Piece[] = [];
  let rest: Piece[] = [];
  for (const p of pieces) {
    const cx = (p.x0 + p.x1) / 2;
    // Text that overflows a row cut by the page end still belongs to its cell.
    const overlap = Math.min(p.y1, bottom + 1) - Math.max(p.y0, top - 1);
    if (cx < left - 1 || cx > right + 1 || overlap < 0.3 * (p.y1 - p.y0)) {
      rest.push(p);
      continue;
    }
    inside.push(p);
  }
  if (!inside.length) return undefined;
  for (const p of inside) {
    const r = locate(ys, Math.min(Math.max((p.y0 + p.y1) / 2, top), bottom));
    for (const piece of splitAtRules(p, xs, v, ys[r]!, ys[r + 1]!)) {
      const c = locate(xs, (piece.x0 + piece.x1) / 2);
      cellOf.get(uf.find(r * nC + c))!.pieces.push(piece);
    }
  }
  // A row cut by the page end: its text may run on below the last drawn line (Chromium paints the
  // whole row). Lines just below whose every piece fits inside a cell left open there join it.
  const openCols = [...cellOf.values()].filter((c) => c.r1 === nR - 1 && coverage(h, ys[nR]!, xs[c.c0]!, xs[c.c1 + 1]!) < EDGE_COVER);
  if (openCols.length) {
    const below = rest.filter((p) => p.y0 >= bottom - 1 && p.y0 <= bottom + 2.5 * p.size);
    const fits = (p: Piece) => openCols.find((c) => p.x0 >= xs[c.c0]! - 1 && p.x1 <= xs[c.c1 + 1]! + 1);
    for (const line of buildLines(below, pageNo)) {
      const homes = line.pieces.map(fits);
      if (!homes.every(Boolean)) continue;
      line.pieces.forEach((p, i) => homes[i]!.pieces.push(p));
      const taken = new Set(line.pieces);
      rest = rest.filter((p) => !taken.has(p));
    }
  }
  // One column is not a table: a frame around the page or around paragraphs, boxes stacked. Only a
  // single short box stays, in case it is the first row of a table the page break cut off.
  if (nC === 1 && (nR > 1 || buildLines(inside, pageNo).length > 2)) return undefined;
  const cells: PartCell[] = [...cellOf.values()]
    .sort((a, b) => a.r0 - b.r0 || a.c0 - b.c0)
    .map((c) => {
      const x0 = xs[c.c0]!;
      const x1 = xs[c.c1 + 1]!;
      const cell: PartCell = { r0: c.r0, r1: c.r1, x0, x1, text: blockText(c.pieces) };
      if (c.r0 === 0 && coverage(h, ys[0]!, x0, x1) < EDGE_COVER) cell.openTop = true;
      if (c.r1 === nR - 1 && coverage(h, ys[nR]!, x0, x1) < EDGE_COVER) cell.openBottom = true;
      return cell;
    });
  return { part: { page: pageNo, x0: left, x1: right, y0: top, y1: bottom, xs, rows: nR, cells }, rest };
}

/** A run that crosses a drawn column line belongs to two cells: cut it where the line stands. */
function splitAtRules(p: Piece, xs: number[], v: Seg[], rowTop: number, rowBottom: number): Piece[] {
  const cuts = xs.filter((x) => x > p.x0 + 1 && x < p.x1 - 1 && coverage(v, x, rowTop, rowBottom) >= EDGE_COVER);
  if (!cuts.length || p.text.length < 2) return [p];
  const chars = [...p.text];
  const total = chars.reduce((s, ch) => s + charWeight(ch), 0);
  const unit = (p.x1 - p.x0) / total;
  const out: Piece[] = [];
  let start = 0;
  let x = p.x0;
  let acc = p.x0;
  let cut = 0;
  for (let i = 0; i < chars.length; i++) {
    const w = charWeight(chars[i]!) * unit;
    const mid = acc + w / 2;
    if (cut < cuts.length && mid > cuts[cut]!) {
      if (i > start) out.push({ ...p, text: chars.slice(start, i).join(''), x0: x, x1: acc });
      start = i;
      x = acc;
      while (cut < cuts.length && mid > cuts[cut]!) cut++;
    }
    acc += w;
  }
  out.push({ ...p, text: chars.slice(start).join(''), x0: x, x1: p.x1 });
  return out.filter((q) => q.text.trim());
}

// ---------------------------------------------------------------- unruled tables

/**
 * A row of figures: ≥3 words (pieces apart by more than half an em) of which ≥2 are values, or a
 * line of ≥3 segments (wide gaps, a header row). Prose never spaces its words so.
 */
function isAnchor(line: Line): boolean {
  return (line.words.length >= 3 && valueCount(line) >= 2) || line.segments.length >= 3;
}

function valueCount(line: Line): number {
  return line.words.filter((w) => isValueCell(w.text)).length;
}

/** Lines close enough above or below each other to be rows of one table. */
function close(a: Line, b: Line): boolean {
  const gap = b.y0 - a.y1;
  return gap < 3 * Math.max(a.size, b.size);
}

/**
 * Tables without ruling lines: a block of ≥3 rows of figures, with the label lines wrapped
 * between them and up to six header lines just above. Columns are the x ranges that no word of the
 * figure rows crosses. Returns the parts and the lines left as text.
 */
function alignedTables(lines: Line[], pageNo: number): { parts: TablePart[]; rest: Line[] } {
  const parts: TablePart[] = [];
  const used = new Set<Line>();
  // Each try reads a block of lines: a bounded number of tries keeps a page of figures that never
  // align from costing lines².
  let tries = 0;
  let i = 0;
  while (i < lines.length && tries < 60) {
    if (!isAnchor(lines[i]!)) {
      i++;
      continue;
    }
    // Extend downwards: anchors, and up to two other lines between anchors.
    let j = i + 1;
    let lastAnchor = i;
    while (j < lines.length && close(lines[j - 1]!, lines[j]!)) {
      if (isAnchor(lines[j]!)) lastAnchor = j;
      else if (j - lastAnchor > 2) break;
      j++;
    }
    const body = lines.slice(i, lastAnchor + 1);
    const figures = body.filter((l) => valueCount(l) >= 2);
    const worth = figures.length >= 3 || figures.some((l) => valueCount(l) >= 5);
    if (worth) tries++;
    const part = worth ? blockTable(lines, i, lastAnchor, pageNo) : undefined;
    if (part) {
      parts.push(part.part);
      for (const l of part.lines) used.add(l);
      i = lastAnchor + 1;
    } else i++;
  }
  return { parts, rest: lines.filter((l) => !used.has(l)) };
}

function blockTable(lines: Line[], first: number, last: number, pageNo: number): { part: TablePart; lines: Line[] } | undefined {
  const body = lines.slice(first, last + 1);
  const anchors = body.filter(isAnchor);
  const left = Math.min(...body.map((l) => l.x0));
  const right = Math.max(...body.map((l) => l.x1));
  // Header lines just above: close, inside the table's width, not a section heading.
  const header: Line[] = [];
  for (let k = first - 1; k >= 0 && header.length < 6; k--) {
    const l = lines[k]!;
    const below = header[0] ?? lines[first]!;
    if (!close(l, below) || l.x0 < left - 2 * l.size || l.x1 > right + 2 * l.size) break;
    if (l.words.length === 1 && HEADING.test(l.text) && !isAnchor(l)) break;
    header.unshift(l);
  }
  // Column gaps: x ranges that the words of the figure rows leave free. Among the figures a few
  // rows may cross a gap (a merged cell, 1865.3240 centred over two columns); among the labels
  // on the left none may.
  const lo = Math.floor(Math.min(left, ...header.map((l) => l.x0)));
  const hi = Math.ceil(Math.max(right, ...header.map((l) => l.x1)));
  const width = Math.min(hi - lo + 1, 5000);
  const cover = new Int32Array(width);
  // Rows of figures set the columns; header rows (text only) are placed into them.
  const figures = anchors.filter((l) => valueCount(l) >= 2);
  for (const l of figures) {
    const seen = new Uint8Array(width);
    for (const w of l.words) {
      for (let x = Math.max(0, Math.floor(w.x0 - lo)); x <= Math.min(width - 1, Math.ceil(w.x1 - lo)); x++) seen[x] = 1;
    }
    for (let x = 0; x < width; x++) cover[x]! += seen[x]!;
  }
  const values = figures.flatMap((l) => l.words.filter((w) => isValueCell(w.text)));
  const firstValue = values.length ? quantile(values.map((w) => w.x0), 0.05) - lo : width;
  const tolerated = Math.floor(0.15 * figures.length);
  const em = median(anchors.map((l) => l.size));
  const boundaries: number[] = [lo];
  let runStart = -1;
  for (let x = 0; x <= width; x++) {
    const free = x < width && cover[x]! <= (x >= firstValue - 0.5 * em ? tolerated : 0);
    if (free && runStart < 0) runStart = x;
    if (!free && runStart >= 0) {
      // A free run touching the table's edges is margin, not a column gap.
      if (runStart > 0 && x < width && x - runStart >= Math.max(2, 0.3 * em)) {
        let best = runStart;
        for (let k = runStart; k < x; k++) if (cover[k]! < cover[best]!) best = k;
        const mid = (runStart + x) / 2;
        boundaries.push(lo + (cover[best]! < cover[Math.floor(mid)]! ? best : mid));
      }
      runStart = -1;
    }
  }
  boundaries.push(hi);
  const nC = boundaries.length - 1;
  if (nC < 3) return undefined;
  const colOf = (x: number): number => {
    let c = 0;
    while (c + 1 < nC && x >= boundaries[c + 1]!) c++;
    return c;
  };
  // Figure rows must put their words in distinct columns.
  const aligned = figures.filter((l) => new Set(l.words.map((w) => colOf((w.x0 + w.x1) / 2))).size === l.words.length).length;
  if (aligned < Math.min(3, figures.length) || aligned < figures.length * 0.6) return undefined;
  if (figures.length < 3 && header.length + anchors.length < 2) return undefined;

  /** The columns a word stands in: those it covers a fair share of, at least the one of its centre. */
  const columnsOf = (w: Piece): [number, number] => {
    const centre = colOf((w.x0 + w.x1) / 2);
    let c0 = centre;
    let c1 = centre;
    for (let c = 0; c < nC; c++) {
      const overlap = Math.min(w.x1, boundaries[c + 1]!) - Math.max(w.x0, boundaries[c]!);
      if (overlap >= 0.35 * Math.min(w.x1 - w.x0, boundaries[c + 1]! - boundaries[c]!)) {
        c0 = Math.min(c0, c);
        c1 = Math.max(c1, c);
      }
    }
    return [c0, c1];
  };

  // Rows: header lines, one per figure row, and body lines that span columns (a sub-heading such
  // as 第二十条第（五）项); other body lines (a label wrapped over several lines) join the
  // nearest row, unless that would put text into a cell holding a figure.
  const ownRow = (l: Line): boolean => isAnchor(l) || l.words.some((w) => columnsOf(w)[1] > columnsOf(w)[0]);
  const rowLines = body.filter(ownRow);
  const rowOf = new Map<Line, number>();
  header.forEach((l, r) => rowOf.set(l, r));
  rowLines.forEach((l, r) => rowOf.set(l, header.length + r));
  let rows = header.length + rowLines.length;
  const figureCols = new Map<number, Set<number>>();
  for (const l of rowLines) {
    const r = rowOf.get(l)!;
    const set = figureCols.get(r) ?? new Set<number>();
    for (const w of l.words) if (isValueCell(w.text)) set.add(columnsOf(w)[0]);
    figureCols.set(r, set);
  }
  for (const l of body) {
    if (rowOf.has(l)) continue;
    const centre = (l.y0 + l.y1) / 2;
    let best = rowLines[0]!;
    for (const a of rowLines) if (Math.abs((a.y0 + a.y1) / 2 - centre) < Math.abs((best.y0 + best.y1) / 2 - centre)) best = a;
    const r = rowOf.get(best)!;
    const clash = l.words.some((w) => figureCols.get(r)?.has(columnsOf(w)[0]));
    rowOf.set(l, clash ? rows++ : r);
  }
  const order = [...header, ...body].sort((a, b) => rowOf.get(a)! - rowOf.get(b)! || a.y0 - b.y0);
  // Rows numbered in reading order (a line given a row of its own sits where it stands).
  const renumber = new Map<number, number>();
  for (const l of [...header, ...body].sort((a, b) => a.y0 - b.y0)) {
    const r = rowOf.get(l)!;
    if (!renumber.has(r)) renumber.set(r, renumber.size);
  }
  const slots = new Map<string, { r: number; c0: number; c1: number; words: Piece[] }>();
  for (const l of order) {
    const r = renumber.get(rowOf.get(l)!)!;
    for (const word of l.words) {
      for (const w of header.includes(l) ? splitAtBoundaries(word, boundaries) : [word]) {
        const [c0, c1] = columnsOf(w);
        const key = `${r}:${c0}`;
        const slot = slots.get(key) ?? { r, c0, c1, words: [] };
        slot.c1 = Math.max(slot.c1, c1);
        slot.words.push(w);
        slots.set(key, slot);
      }
    }
  }
  const cells: PartCell[] = [...slots.values()].map((s) => ({ r0: s.r, r1: s.r, x0: boundaries[s.c0]!, x1: boundaries[s.c1 + 1]!, text: blockText(s.words) }));
  const box = bounds([...header, ...body]);
  return { part: { page: pageNo, ...box, xs: boundaries, rows: renumber.size, cells }, lines: [...header, ...body] };
}

/**
 * Header words of adjacent columns printed without a gap (结果维持结果纠正…): cut a word of
 * Chinese text where a column boundary falls between two of its characters.
 */
function splitAtBoundaries(word: Piece, boundaries: number[]): Piece[] {
  const inner = boundaries.slice(1, -1).filter((b) => b > word.x0 + 0.5 * word.size && b < word.x1 - 0.5 * word.size);
  if (!inner.length || ![...word.text].every(isCjk)) return [word];
  const chars = [...word.text];
  const step = (word.x1 - word.x0) / chars.length;
  const cuts = inner
    .map((b) => Math.round((b - word.x0) / step))
    .filter((k, i, all) => k > 0 && k < chars.length && all.indexOf(k) === i && Math.abs(word.x0 + k * step - inner[i]!) < 0.35 * step);
  // Only a run of whole headers (≥3 pieces of ≥2 characters), never a title centred over columns.
  const ends = [0, ...cuts, chars.length];
  if (cuts.length < 2 || ends.some((k, i) => i > 0 && k - ends[i - 1]! < 2)) return [word];
  const out: Piece[] = [];
  let start = 0;
  for (const k of [...cuts, chars.length]) {
    out.push({ ...word, text: chars.slice(start, k).join(''), x0: word.x0 + start * step, x1: word.x0 + k * step });
    start = k;
  }
  return out;
}

// ---------------------------------------------------------------- headers and footers

const PAGE_NUMBER = [
  /^[-–—－―~～·•\s]*\d{1,4}[-–—－―~～·•\s]*$/u,
  /^[-–—－\s]*第\s*\d{1,4}\s*页\s*[,，、/]?\s*(?:共\s*\d{1,4}\s*页)?[-–—－\s]*$/u,
  /^共\s*\d{1,4}\s*页\s*[,，、/]?\s*第\s*\d{1,4}\s*页$/u,
  /^\d{1,4}\s*[/／]\s*\d{1,4}$/u,
  /^(?:page\s*)?\d{1,4}(?:\s*of\s*\d{1,4})?$/iu,
  /^[-–—－\s]*[ivxlc]{1,6}[-–—－\s]*$/iu,
];

function isPageNumber(text: string): boolean {
  const t = text.trim();
  return PAGE_NUMBER.some((re) => re.test(t));
}

/** A date or time as browsers print it in a page's head (2019/3/31, 12/5/26, 1:07 AM, 2019-03-31 10:20). */
const PRINT_DATE = /^(?:\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}|\d{4}年\d{1,2}月\d{1,2}日)(?:[,， ]*\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AP]M)?)?$/iu;

/**
 * A running head or foot: a page number alone, or a line that sets apart this page's number
 * (… 3/9) or a print date at its start (a browser's header). A figure in a table row is neither.
 */
function isRunningLine(line: Line, pageNo: number): boolean {
  if (isPageNumber(line.text)) return true;
  const segs = line.segments;
  if (segs.length < 2 || segs.length > 4) return false;
  if (PRINT_DATE.test(segs[0]!.text.trim())) return true;
  const last = segs[segs.length - 1]!.text.trim();
  const first = segs[0]!.text.trim();
  return [first, last].some((t) => isPageNumber(t) && Number(/\d+/.exec(t)?.[0]) === pageNo);
}

const digitsAside = (text: string): string => text.replace(/\d+/g, '#').replace(/\s+/g, '');

/** Lines at the top or bottom edge of their page that are running heads, feet or page numbers. */
function marginLines(pages: { page: PageRuns; lines: Line[] }[]): Set<Line> {
  const drop = new Set<Line>();
  const candidates: { line: Line; band: 'top' | 'bottom'; key: string; page: number }[] = [];
  for (const { page, lines } of pages) {
    const byY = [...lines].sort((a, b) => a.y0 - b.y0);
    const top = byY.slice(0, 2).filter((l) => l.y1 <= page.height * MARGIN_BAND);
    const bottom = byY.slice(-2).filter((l) => l.y0 >= page.height * (1 - MARGIN_BAND));
    for (const [band, ls] of [['top', top], ['bottom', bottom]] as const) {
      for (const line of ls) {
        if (isRunningLine(line, page.page)) drop.add(line);
        else candidates.push({ line, band, key: `${band}:${digitsAside(line.text)}`, page: page.page });
      }
    }
  }
  // Repeated on other pages at about the same height: a running head or foot.
  const byKey = new Map<string, typeof candidates>();
  for (const c of candidates) byKey.set(c.key, [...(byKey.get(c.key) ?? []), c]);
  for (const group of byKey.values()) {
    const pagesWith = new Set(group.map((g) => g.page));
    if (pagesWith.size < 2) continue;
    for (const g of group) {
      const near = group.filter((o) => o.page !== g.page && Math.abs(o.line.y0 - g.line.y0) <= 6);
      if (near.length) drop.add(g.line);
    }
  }
  return drop;
}

// ---------------------------------------------------------------- joining tables across pages

function innerXs(part: TablePart): number[] {
  return part.xs.slice(1, -1);
}

function subsetOf(a: number[], b: number[]): boolean {
  return a.every((x) => b.some((y) => Math.abs(x - y) <= RULE_SNAP));
}

function continues(prev: TablePart, next: TablePart): boolean {
  if (next.page !== prev.page + 1) return false;
  if (Math.abs(prev.x0 - next.x0) > 4 || Math.abs(prev.x1 - next.x1) > 4) return false;
  const a = innerXs(prev);
  const b = innerXs(next);
  return subsetOf(a, b) || subsetOf(b, a);
}

/** Texts of the cells that start in row r, left to right. */
function rowSignature(part: TablePart, r: number): string {
  return part.cells
    .filter((c) => c.r0 === r)
    .sort((a, b) => a.x0 - b.x0)
    .map((c) => c.text)
    .join('\t');
}

/**
 * The continuation of a table on the next page appended to it. Header rows the next page repeats
 * are dropped; a cell that the page break cut in two (a tall row-spanning label, a row split
 * across the break) is made one again, its text joined.
 */
function joinParts(prev: TablePart, next: TablePart): TablePart {
  // Repeated header rows.
  let skip = 0;
  while (skip < next.rows && skip < prev.rows && rowSignature(next, skip) && rowSignature(next, skip) === rowSignature(prev, skip)) skip++;
  let cells = next.cells
    .filter((c) => c.r1 >= skip)
    .map((c) => ({ ...c, r0: Math.max(0, c.r0 - skip), r1: c.r1 - skip }));
  const nextRows = next.rows - skip;

  const prevCells = prev.cells.map((c) => ({ ...c }));
  const lastRow = prev.rows - 1;
  const first = cells.filter((c) => c.r0 === 0);
  const firstBlank = first.filter((c) => c.r1 === 0).every((c) => !c.text);
  const merged = new Map<PartCell, PartCell>();
  // A row the break cut through its text: every cell lines up with one of the row above the
  // break, some are empty where that row has text, and none opens a row or holds a number.
  const own = first.filter((c) => c.r1 === 0);
  const lastCells = prevCells.filter((p) => p.r1 === lastRow);
  const partner = (c: PartCell): PartCell | undefined => lastCells.find((p) => Math.abs(p.x0 - c.x0) <= 4 && Math.abs(p.x1 - c.x1) <= 4);
  const textCut =
    own.some((c) => c.text) &&
    own.every((c) => partner(c) && (!c.text || (!isValueCell(c.text) && !startsRow(c.text)))) &&
    own.some((c) => !c.text && partner(c)!.text);
  if (textCut) for (const c of own) merged.set(c, partner(c)!);
  for (const c of first) {
    if (merged.has(c)) continue;
    const above = prevCells.find((p) => p.r1 === lastRow && Math.abs(p.x0 - c.x0) <= 4 && Math.abs(p.x1 - c.x1) <= 4);
    if (!above) continue;
    const cut = above.r1 > above.r0 || c.r1 > 0 || firstBlank || (c.openTop && above.openBottom);
    if (!cut || (c.text && startsRow(c.text))) continue;
    merged.set(c, above);
  }
  const dropFirst = first.length > 0 && first.every((c) => merged.has(c) || !c.text) && (merged.size > 0 || firstBlank);
  const offset = dropFirst ? prev.rows - 1 : prev.rows;
  const out: PartCell[] = [];
  for (const c of cells) {
    const above = merged.get(c);
    if (above) {
      above.r1 = Math.max(above.r1, offset + c.r1);
      above.text = normalizeCell(joinTight(above.text, c.text));
      continue;
    }
    if (dropFirst && c.r0 === 0 && c.r1 === 0) continue;
    out.push({ ...c, r0: offset + c.r0, r1: offset + c.r1 });
  }
  cells = out;
  return {
    ...prev,
    x1: Math.max(prev.x1, next.x1),
    xs: cluster([...prev.xs, ...next.xs], RULE_SNAP),
    rows: offset + nextRows,
    cells: [...prevCells, ...cells],
  };
}

/** The part as a full grid (merged cells repeated) and as text lines (each cell once). */
function renderPart(part: TablePart): { grid: string[][]; lines: string[] } {
  const xs = part.xs;
  const colOf = (x: number): number => {
    let best = 0;
    for (let i = 0; i < xs.length; i++) if (Math.abs(xs[i]! - x) < Math.abs(xs[best]! - x)) best = i;
    return best;
  };
  const nC = xs.length - 1;
  const slots: (PartCell | undefined)[][] = Array.from({ length: part.rows }, () => Array<PartCell | undefined>(nC).fill(undefined));
  const placed: { cell: PartCell; c0: number; c1: number }[] = [];
  for (const cell of part.cells) {
    const c0 = Math.min(colOf(cell.x0), nC - 1);
    const c1 = Math.max(c0, colOf(cell.x1) - 1);
    placed.push({ cell, c0, c1 });
    for (let r = cell.r0; r <= cell.r1 && r < part.rows; r++) {
      for (let c = c0; c <= c1; c++) if (!slots[r]![c]) slots[r]![c] = cell;
    }
  }
  const keep: number[] = [];
  for (let r = 0; r < part.rows; r++) if (slots[r]!.some((s) => s && s.text)) keep.push(r);
  const grid = trimGrid(keep.map((r) => slots[r]!.map((s) => s?.text ?? '')));
  const lines: string[] = [];
  const byRow = new Map<number, typeof placed>();
  for (const p of placed) {
    const list = byRow.get(p.cell.r0);
    if (list) list.push(p);
    else byRow.set(p.cell.r0, [p]);
  }
  for (const r of keep) {
    const own = [...(byRow.get(r) ?? [])].sort((a, b) => a.c0 - b.c0);
    const cells = own.map((p) => p.cell.text);
    while (cells.length && !cells[cells.length - 1]) cells.pop();
    if (cells.some(Boolean)) lines.push(cells.join('\t'));
  }
  return { grid, lines };
}

// ---------------------------------------------------------------- paragraphs

// （2019）60号 opens a line wrapped inside a citation: a heading's number has one or two digits.
const HEADING = /^(?:[一二三四五六七八九十]+[、.．]|[（(](?:[一二三四五六七八九十]+|\d{1,2})[)）]|第[一二三四五六七八九十\d]+[章节条部]|\d{1,2}[.．、](?!\d))/u;

/** Points by which the starts of lines at one margin may differ. */
const MARGIN_JITTER = 2;

interface Margins {
  left: number;
  right: number;
  /** Lines further apart than this many ems start a new paragraph. */
  breakGap: number;
}

/**
 * The gap, in ems, that parts paragraphs: half an em wider than the usual gap between a full line
 * and the unindented line after it. Line spacing differs from file to file (single, 1.5, fixed
 * 28 pt, double; a scan's type measured from its ink), so the usual gap is measured on the pairs
 * that could continue a paragraph: their lower quartile, as paragraphs mostly run over several lines.
 */
function paragraphBreakGap(lines: Line[], m: Omit<Margins, 'breakGap'>): number {
  const gaps: number[] = [];
  for (let i = 1; i < lines.length; i++) {
    const [a, b] = [lines[i - 1]!, lines[i]!];
    const em = Math.max(a.size, b.size, 1);
    const gap = (b.y0 - a.y1) / em;
    if (a.page === b.page && a.x1 >= m.right - 3 * em && b.x0 <= m.left + UNINDENTED * em && gap > -0.5 && gap < 4) gaps.push(gap);
  }
  if (gaps.length < 4) return MIN_BREAK_GAP;
  gaps.sort((x, y) => x - y);
  return Math.max(MIN_BREAK_GAP, gaps[Math.floor(gaps.length / 4)]! + 0.5);
}

/**
 * A line starting within this many ems of the margin is not indented: a paragraph's first line
 * is indented two ems, and a scan's line opening with a bracket (〔2019〕) shows its ink most of
 * an em in from where the glyph stands.
 */
const UNINDENTED = 1;

/** Lines closer than this many ems may always be one paragraph. */
const MIN_BREAK_GAP = 1.2;

/**
 * The body's left edge (the leftmost place many lines start) and right edge (where long lines
 * end). With few long lines to tell, the right edge mirrors the left one across the page.
 */
function documentMargins(lines: Line[], pageWidth: number): Margins {
  const long = lines.filter((l) => [...l.text].length >= 8);
  const use = long.length >= 3 ? long : lines;
  if (!use.length) return { left: 0, right: pageWidth, breakGap: MIN_BREAK_GAP };
  // Lines within a couple of points of each other start at the same margin (a text layer puts
  // them at one x, a scan read by OCR a point or two apart). The leftmost such place many lines
  // share, not the most common: with two-line paragraphs as many lines start at the first-line
  // indent, and only headings or marginalia start left of the body.
  const starts = use.map((l) => Math.round(l.x0));
  const near = (k: number): number => starts.filter((x) => Math.abs(x - k) <= MARGIN_JITTER).length;
  const most = Math.max(...starts.map(near));
  const many = Math.min(most, Math.max(3, Math.ceil(0.2 * starts.length)));
  const left = Math.min(...starts.filter((k) => near(k) >= many));
  const mirrored = pageWidth - left;
  const right = long.length >= 5 ? quantile(long.map((l) => l.x1), 0.9) : mirrored;
  // Lines that all stop short of the page's middle are a list, not a body of full lines.
  const edges = { left, right: right - left < 0.6 * (mirrored - left) ? mirrored : right };
  return { ...edges, breakGap: paragraphBreakGap(lines, edges) };
}

function continuesParagraph(prev: Line, next: Line, m: Margins, samePage: boolean): boolean {
  const em = Math.max(prev.size, next.size, 1);
  if (Math.abs(prev.size - next.size) > 0.2 * em) return false;
  if (prev.x1 < m.right - 3 * em) return false;
  if (next.x0 > m.left + UNINDENTED * em) return false;
  if (prev.x0 < m.left - 2 * em) return false;
  if (HEADING.test(next.text)) return false;
  if (samePage) {
    const gap = next.y0 - prev.y1;
    if (gap > m.breakGap * em || gap < -0.5 * em) return false;
  }
  return true;
}

// ---------------------------------------------------------------- the whole document

export function layOutPages(pages: readonly PageRuns[], source: ExtractedTable['source']): LaidOutText {
  const perPage: { page: PageRuns; lines: Line[]; parts: TablePart[] }[] = [];
  for (const page of pages) {
    const placed = page.placed ?? [];
    const inPlaced = (r: TextRun): boolean => {
      const [cx, cy] = [r.x + r.width / 2, r.y + r.height / 2];
      return placed.some((t) => cx >= t.x0 && cx <= t.x1 && cy >= t.y0 && cy <= t.y1);
    };
    const pieces = toPieces((page.runs ?? []).filter((r) => !inPlaced(r)));
    const { parts, rest } = ruledTables(page, pieces);
    perPage.push({ page, lines: buildLines(rest, page.page), parts });
  }
  const margin = marginLines(perPage);
  const items: Item[] = [];
  for (const p of perPage) {
    const lines = p.lines.filter((l) => !margin.has(l)).sort((a, b) => a.y0 - b.y0 || a.x0 - b.x0);
    const aligned = alignedTables(lines, p.page.page);
    for (const line of aligned.rest) items.push({ kind: 'line', line, page: p.page.page, y: line.y0 });
    for (const part of [...p.parts, ...aligned.parts]) items.push({ kind: 'table', part, page: p.page.page, y: part.y0 });
    for (const t of p.page.placed ?? []) items.push({ kind: 'placed', lines: t.lines, page: p.page.page, y: t.y0 });
  }
  items.sort((a, b) => a.page - b.page || a.y - b.y);

  // Tables continued on the next page.
  const merged: Item[] = [];
  for (const item of items) {
    const prev = merged[merged.length - 1];
    if (item.kind === 'table' && prev?.kind === 'table' && continues(prev.part, item.part)) {
      const firstOnPage = !merged.some((m) => m.page === item.page);
      if (firstOnPage) {
        prev.part = { ...joinParts(prev.part, item.part), page: item.part.page };
        continue;
      }
    }
    merged.push(item);
  }

  const margins = documentMargins(
    merged.flatMap((i) => (i.kind === 'line' ? [i.line] : [])),
    median(pages.map((p) => p.width).filter((w) => Number.isFinite(w) && w > 0)) || 595,
  );
  const out: string[] = [];
  const tables: ExtractedTable[] = [];
  let para: Line | undefined;
  let paraText = '';
  const flush = (): void => {
    if (para && paraText.trim()) out.push(paraText.trim());
    para = undefined;
    paraText = '';
  };
  for (const item of merged) {
    if (item.kind === 'line') {
      const line = item.line;
      if (para && continuesParagraph(para, line, margins, para.page === line.page)) {
        paraText = joinTight(paraText, line.text);
        para = line;
        continue;
      }
      flush();
      para = line;
      paraText = line.text;
      continue;
    }
    flush();
    if (item.kind === 'placed') {
      out.push(...item.lines);
      continue;
    }
    const { grid, lines } = renderPart(item.part);
    const rows = grid.length;
    const cols = grid[0]?.length ?? 0;
    if (rows < 2 || cols < 2) {
      // A framed box, not a table: its text as lines.
      out.push(...lines.map((l) => l.replace(/\t+/g, ' ')));
      continue;
    }
    tables.push({ title: titleFromLines([...out].reverse()), source, rows: grid });
    out.push(...lines);
  }
  flush();
  return { text: out.filter((l) => l.trim()).join('\n'), tables };
}
