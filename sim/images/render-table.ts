/**
 * Table images like the screenshots of Word/HTML tables that portals paste into reports instead
 * of the table itself (yunnan-province-2018-spam: 统计指标.jpg … 统计指标3.jpg). Used by the
 * simulated portals, the OCR tests and the OCR benchmark, so the output must be deterministic.
 */
import { createCanvas, GlobalFonts, type SKRSContext2D } from '@napi-rs/canvas';

const FONT_FILE = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';
const FONT_BOLD_FILE = '/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc';
export const FONT_FAMILY = 'NotoSansCJK';

let fontsRegistered = false;
function registerFonts(): void {
  if (fontsRegistered) return;
  GlobalFonts.registerFromPath(FONT_FILE, FONT_FAMILY);
  GlobalFonts.registerFromPath(FONT_BOLD_FILE, `${FONT_FAMILY} Bold`);
  fontsRegistered = true;
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
}

const NUMBER_CELL = /^[-+]?[\d.,，%]+$|^[—–-]+$/;
const PAD_X = 8;
const PAD_Y = 7;
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

function layoutTable(ctx: SKRSContext2D, rows: string[][], o: Required<Pick<RenderTableOptions, 'fontSize' | 'fontFamily' | 'headerRows'>> & { columnWidths?: number[] }): Layout {
  const cols = Math.max(...rows.map((r) => r.length));
  let widths = o.columnWidths;
  if (!widths) {
    widths = [];
    for (let c = 0; c < cols; c++) {
      let w = 40;
      rows.forEach((r, i) => {
        ctx.font = fontSpec(o.fontSize, i < o.headerRows, o.fontFamily);
        w = Math.max(w, ctx.measureText(r[c] ?? '').width + 2 * PAD_X);
      });
      widths.push(Math.ceil(Math.min(w, MAX_AUTO_WIDTH)));
    }
  }
  const lineHeight = Math.round(o.fontSize * 1.45);
  const lines: string[][][] = [];
  const heights: number[] = [];
  rows.forEach((r, i) => {
    ctx.font = fontSpec(o.fontSize, i < o.headerRows, o.fontFamily);
    const cells = Array.from({ length: cols }, (_, c) => wrap(ctx, r[c] ?? '', widths![c]! - 2 * PAD_X));
    lines.push(cells);
    heights.push(Math.max(...cells.map((l) => l.length)) * lineHeight + 2 * PAD_Y);
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
  let y = y0;
  for (let i = 0; i < count; i++) {
    const r = first + i;
    const header = i < headerRows;
    const h = heights[i]!;
    if (header && options.headerFill) {
      ctx.fillStyle = options.headerFill;
      ctx.fillRect(x0, y, tableWidth, h);
    }
    ctx.fillStyle = '#000000';
    ctx.font = fontSpec(o.fontSize, header, o.fontFamily);
    let x = x0;
    layout.widths.forEach((w, c) => {
      const text = rows[r]?.[c] ?? '';
      const cellLines = layout.lines[r]![c]!;
      const numeric = NUMBER_CELL.test(text);
      const align = header ? 'center' : numeric ? o.numberAlign : 'left';
      ctx.textAlign = align;
      const tx = align === 'left' ? x + PAD_X : align === 'right' ? x + w - PAD_X : x + w / 2;
      const top = y + (h - cellLines.length * lineHeight) / 2;
      cellLines.forEach((line, k) => ctx.fillText(line, tx, top + (k + 0.5) * lineHeight));
      x += w;
    });
    y += h;
  }

  // Rules last, over any fill, as a table border would be.
  ctx.strokeStyle = '#000000';
  ctx.lineWidth = o.lineWidth;
  const half = o.lineWidth / 2;
  ctx.beginPath();
  let yy = y0;
  for (let i = 0; i <= count; i++) {
    ctx.moveTo(x0, yy + half);
    ctx.lineTo(x0 + tableWidth, yy + half);
    yy += heights[i] ?? 0;
  }
  let xx = x0;
  for (let c = 0; c <= layout.widths.length; c++) {
    ctx.moveTo(xx + half, y0);
    ctx.lineTo(xx + half, y0 + tableHeight);
    xx += layout.widths[c] ?? 0;
  }
  ctx.stroke();

  return o.format === 'png' ? canvas.toBuffer('image/png') : canvas.toBuffer('image/jpeg', o.jpegQuality);
}

function prepare(rows: string[][], options: RenderTableOptions): Layout {
  registerFonts();
  const o = defaults(options);
  const probe = createCanvas(10, 10).getContext('2d');
  return layoutTable(probe, rows, { fontSize: o.fontSize, fontFamily: o.fontFamily, headerRows: o.headerRows, columnWidths: options.columnWidths });
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
