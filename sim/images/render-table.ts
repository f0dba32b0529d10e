/**
 * Table images like the screenshots of Word/HTML tables that portals paste into reports instead
 * of the table itself (yunnan-province-2018-spam: 统计指标.jpg … 统计指标3.jpg). Used by the
 * simulated portals, the OCR tests and the OCR benchmark, so the output must be deterministic.
 */
import { createCanvas, GlobalFonts, type SKRSContext2D } from '@napi-rs/canvas';

const FONT_FILE = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';
const FONT_BOLD_FILE = '/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc';
const SERIF_FILE = '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc';
const SERIF_BOLD_FILE = '/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc';
export const FONT_FAMILY = 'NotoSansCJK';
/** A 宋体 (SimSun) stand-in: Word and WPS documents are mostly set in a serif CJK face. */
export const SERIF_FAMILY = 'NotoSerifCJK';

let fontsRegistered = false;
function registerFonts(): void {
  if (fontsRegistered) return;
  GlobalFonts.registerFromPath(FONT_FILE, FONT_FAMILY);
  GlobalFonts.registerFromPath(FONT_BOLD_FILE, `${FONT_FAMILY} Bold`);
  GlobalFonts.registerFromPath(SERIF_FILE, SERIF_FAMILY);
  GlobalFonts.registerFromPath(SERIF_BOLD_FILE, `${SERIF_FAMILY} Bold`);
  fontsRegistered = true;
}

/** A merged cell: `rows` × `cols` grid cells from (r, c), drawn once, without rules inside. */
export interface Merge {
  r: number;
  c: number;
  rows: number;
  cols: number;
}

export interface RenderTableOptions {
  /** Final size factor: 0.6–0.8 imitates a screenshot shrunk by the editor. Default 1. */
  scale?: number;
  /** JPEG quality 1–100 (default 90); ignored for PNG. */
  jpegQuality?: number;
  format?: 'jpeg' | 'png';
  /** Column widths in px at scale 1; by default from the content (long labels wrap at 420 px). */
  columnWidths?: number[];
  /** Font size in px at scale 1. Default 16. */
  fontSize?: number;
  fontFamily?: string;
  /** Drawn centred above the table, like 政府信息公开情况统计表. */
  title?: string;
  /** Leading rows drawn bold and centred. Default 1. */
  headerRows?: number;
  /** Background of the header rows, e.g. '#f2f2f2'; none by default (Word's plain grid). */
  headerFill?: string;
  /** Alignment of number cells. Default 'center'. */
  numberAlign?: 'center' | 'right';
  /** Rule width in px at scale 1. Default 1. */
  lineWidth?: number;
  /** White margin around the table in px at scale 1. Default 12. */
  margin?: number;
  /** Rule colour; Excel's gridlines are light grey. Default black. */
  lineColor?: string;
  /** Cell padding in px at scale 1 (defaults 8 and 7); small values make glyphs touch the rules. */
  padX?: number;
  padY?: number;
  /** Merged cells of the grid; `rows` then repeats a merged cell's text in every cell it covers. */
  merges?: Merge[];
}

const NUMBER_CELL = /^[-+]?[\d.,，%]+$|^[—–-]+$/;
const PAD_X = 8;
const PAD_Y = 7;

/** The merge covering (r, c), if any. */
function mergeAt(merges: Merge[], r: number, c: number): Merge | undefined {
  return merges.find((m) => r >= m.r && r < m.r + m.rows && c >= m.c && c < m.c + m.cols);
}
const MAX_AUTO_WIDTH = 420;

interface Layout {
  widths: number[];
  /** Lines of text per cell. */
  lines: string[][][];
  heights: number[];
}

function fontSpec(size: number, bold: boolean, family: string): string {
  return `${size}px "${bold ? `${family} Bold` : family}"`;
}

/** Greedy character wrap: CJK labels break anywhere, which is what Word does with them. */
function wrap(ctx: SKRSContext2D, text: string, maxWidth: number): string[] {
  if (!text) return [''];
  const out: string[] = [];
  let line = '';
  for (const ch of text) {
    if (line && ctx.measureText(line + ch).width > maxWidth) {
      out.push(line);
      line = ch;
    } else line += ch;
  }
  out.push(line);
  return out;
}

type LayoutOptions = Required<Pick<RenderTableOptions, 'fontSize' | 'fontFamily' | 'headerRows' | 'padX' | 'padY' | 'merges'>> & { columnWidths?: number[] };

function layoutTable(ctx: SKRSContext2D, rows: string[][], o: LayoutOptions): Layout {
  const cols = Math.max(...rows.map((r) => r.length));
  // Merged cells take their room from the cells they cover: only plain cells size columns and rows.
  const plain = (r: number, c: number): boolean => !mergeAt(o.merges, r, c);
  let widths = o.columnWidths;
  if (!widths) {
    widths = [];
    for (let c = 0; c < cols; c++) {
      let w = 40;
      rows.forEach((r, i) => {
        if (!plain(i, c)) return;
        ctx.font = fontSpec(o.fontSize, i < o.headerRows, o.fontFamily);
        w = Math.max(w, ctx.measureText(r[c] ?? '').width + 2 * o.padX);
      });
      widths.push(Math.ceil(Math.min(w, MAX_AUTO_WIDTH)));
    }
  }
  const lineHeight = Math.round(o.fontSize * 1.45);
  const lines: string[][][] = [];
  const heights: number[] = [];
  rows.forEach((r, i) => {
    ctx.font = fontSpec(o.fontSize, i < o.headerRows, o.fontFamily);
    const cells = Array.from({ length: cols }, (_, c) => {
      const m = mergeAt(o.merges, i, c);
      if (m && (m.r !== i || m.c !== c)) return [];
      const width = m ? widths!.slice(m.c, m.c + m.cols).reduce((a, b) => a + b, 0) : widths![c]!;
      return wrap(ctx, r[c] ?? '', width - 2 * o.padX);
    });
    lines.push(cells);
    const own = cells.filter((_, c) => { const m = mergeAt(o.merges, i, c); return !m || m.rows === 1; });
    heights.push(Math.max(1, ...own.map((l) => l.length)) * lineHeight + 2 * o.padY);
  });
  return { widths, lines, heights };
}

function defaults(options: RenderTableOptions) {
  return {
    scale: options.scale ?? 1,
    jpegQuality: options.jpegQuality ?? 90,
    format: options.format ?? 'jpeg',
    fontSize: options.fontSize ?? 16,
    fontFamily: options.fontFamily ?? FONT_FAMILY,
    headerRows: options.headerRows ?? 1,
    numberAlign: options.numberAlign ?? 'center',
    lineWidth: options.lineWidth ?? 1,
    margin: options.margin ?? 12,
    lineColor: options.lineColor ?? '#000000',
    padX: options.padX ?? PAD_X,
    padY: options.padY ?? PAD_Y,
    merges: options.merges ?? [],
  };
}

/** Draws an already laid-out slice of rows; `headerRows` counts within the slice. */
function draw(rows: string[][], layout: Layout, first: number, count: number, headerRows: number, options: RenderTableOptions): Buffer {
  const o = defaults(options);
  const lineHeight = Math.round(o.fontSize * 1.45);
  const titleHeight = options.title ? Math.round(o.fontSize * 2.6) : 0;
  const tableWidth = layout.widths.reduce((a, b) => a + b, 0);
  const heights = layout.heights.slice(first, first + count);
  const tableHeight = heights.reduce((a, b) => a + b, 0);
  const width = tableWidth + 2 * o.margin;
  const height = tableHeight + 2 * o.margin + titleHeight;
  const canvas = createCanvas(Math.ceil(width * o.scale), Math.ceil(height * o.scale));
  const ctx = canvas.getContext('2d');
  // Background in device pixels: filled after scaling, a fractional edge would stay transparent (black in JPEG).
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.scale(o.scale, o.scale);
  ctx.textBaseline = 'middle';

  if (options.title) {
    ctx.font = fontSpec(Math.round(o.fontSize * 1.3), true, o.fontFamily);
    ctx.fillStyle = '#000000';
    ctx.textAlign = 'center';
    ctx.fillText(options.title, width / 2, o.margin + titleHeight / 2 - 2);
  }

  const x0 = o.margin;
  const y0 = o.margin + titleHeight;
  const rowTop = [y0];
  heights.forEach((h) => rowTop.push(rowTop[rowTop.length - 1]! + h));
  const colLeft = [x0];
  layout.widths.forEach((w) => colLeft.push(colLeft[colLeft.length - 1]! + w));
  // Merges are given in whole-table rows; a slice sees them clipped to its own rows.
  const merges = o.merges
    .map((m) => ({ ...m, r: m.r - first }))
    .map((m) => ({ ...m, rows: Math.min(m.r + m.rows, count) - Math.max(m.r, 0), r: Math.max(m.r, 0) }))
    .filter((m) => m.rows > 0);
  // All fills before any text: a merged header cell's text reaches into the rows below it.
  if (options.headerFill && headerRows > 0) {
    ctx.fillStyle = options.headerFill;
    ctx.fillRect(x0, rowTop[0]!, tableWidth, rowTop[Math.min(headerRows, count)]! - rowTop[0]!);
  }
  for (let i = 0; i < count; i++) {
    const r = first + i;
    const header = i < headerRows;
    ctx.fillStyle = '#000000';
    ctx.font = fontSpec(o.fontSize, header, o.fontFamily);
    layout.widths.forEach((_, c) => {
      const m = mergeAt(merges, i, c);
      if (m && (m.r !== i || m.c !== c)) return;
      const mr = m ?? { r: i, c, rows: 1, cols: 1 };
      const text = rows[r]?.[c] ?? '';
      // A merge cut by the slice keeps its text in the part shown, laid out as at its first row.
      const whole = mergeAt(o.merges, r, c);
      const cellLines = layout.lines[whole ? whole.r : r]![c]!;
      const x = colLeft[mr.c]!;
      const w = colLeft[mr.c + mr.cols]! - x;
      const y = rowTop[mr.r]!;
      const h = rowTop[mr.r + mr.rows]! - y;
      const numeric = NUMBER_CELL.test(text);
      const align = header ? 'center' : numeric ? o.numberAlign : m && m.cols > 1 && m.rows === 1 ? 'center' : 'left';
      ctx.textAlign = align;
      const tx = align === 'left' ? x + o.padX : align === 'right' ? x + w - o.padX : x + w / 2;
      const top = y + (h - cellLines.length * lineHeight) / 2;
      cellLines.forEach((line, k) => ctx.fillText(line, tx, top + (k + 0.5) * lineHeight));
    });
  }

  // Rules last, over any fill, as a table border would be; none inside a merged cell.
  ctx.strokeStyle = o.lineColor;
  ctx.lineWidth = o.lineWidth;
  const half = o.lineWidth / 2;
  ctx.beginPath();
  const cols = layout.widths.length;
  const ruled = (inside: (k: number) => boolean, n: number, draw: (from: number, to: number) => void): void => {
    let start = -1;
    for (let k = 0; k <= n; k++) {
      const on = k < n && !inside(k);
      if (on && start < 0) start = k;
      if (!on && start >= 0) {
        draw(start, k);
        start = -1;
      }
    }
  };
  for (let i = 0; i <= count; i++) {
    const y = rowTop[i]! + half;
    const inside = (c: number): boolean => i > 0 && i < count && merges.some((m) => m.r < i && m.r + m.rows > i && c >= m.c && c < m.c + m.cols);
    ruled(inside, cols, (a, b) => {
      ctx.moveTo(colLeft[a]!, y);
      ctx.lineTo(colLeft[b]!, y);
    });
  }
  for (let c = 0; c <= cols; c++) {
    const x = colLeft[c]! + half;
    const inside = (i: number): boolean => c > 0 && c < cols && merges.some((m) => m.c < c && m.c + m.cols > c && i >= m.r && i < m.r + m.rows);
    ruled(inside, count, (a, b) => {
      ctx.moveTo(x, rowTop[a]!);
      ctx.lineTo(x, rowTop[b]!);
    });
  }
  ctx.stroke();

  return o.format === 'png' ? canvas.toBuffer('image/png') : canvas.toBuffer('image/jpeg', o.jpegQuality);
}

function prepare(rows: string[][], options: RenderTableOptions): Layout {
  registerFonts();
  const o = defaults(options);
  const probe = createCanvas(10, 10).getContext('2d');
  return layoutTable(probe, rows, { fontSize: o.fontSize, fontFamily: o.fontFamily, headerRows: o.headerRows, columnWidths: options.columnWidths, padX: o.padX, padY: o.padY, merges: o.merges });
}

/** One image of the whole table. */
export function renderTableImage(rows: string[][], options: RenderTableOptions = {}): Buffer {
  const layout = prepare(rows, options);
  return draw(rows, layout, 0, rows.length, defaults(options).headerRows, options);
}

/**
 * A long table as N screenshots split between rows, the header (and title) only in the first,
 * all with the same column widths: how the Yunnan report carries its statistics table.
 */
export function renderTableAsScreenshots(rows: string[][], options: RenderTableOptions & { parts: number }): Buffer[] {
  const layout = prepare(rows, options);
  const headerRows = defaults(options).headerRows;
  const body = rows.length - headerRows;
  const parts = Math.max(1, Math.min(options.parts, body));
  const out: Buffer[] = [];
  let start = headerRows;
  for (let p = 0; p < parts; p++) {
    const end = headerRows + Math.round((body * (p + 1)) / parts);
    const first = p === 0 ? 0 : start;
    out.push(draw(rows, layout, first, end - first, p === 0 ? headerRows : 0, p === 0 ? options : { ...options, title: undefined }));
    start = end;
  }
  return out;
}
