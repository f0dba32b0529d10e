/**
 * Makes the office files the simulated portal `wenjian` serves (issue 10) from the texts of
 * sim/fixtures/file-reports.ts, with real tools, into sim/fixtures/files/, and writes
 * sim/fixtures/files/manifest.json (what each file is, what made it, the text and tables it was
 * made from).
 *
 *   node --import tsx scripts/make-file-fixtures.ts
 *
 * Needs LibreOffice (soffice: libreoffice-writer, libreoffice-calc), poppler-utils (pdftoppm,
 * pdftotext, pdffonts), img2pdf, chromium, python3 and the Noto CJK fonts (fonts-noto-cjk). Not run
 * in CI: the generated files are committed, and tests only read them.
 *
 * - pdf-text: HTML → LibreOffice Writer (HTML import) → writer_pdf_Export (ruled tables, text layer);
 * - pdf-scan: the same route to a PDF, rendered by pdftoppm at 150 dpi, tilted, greyed, speckled
 *   and saved as greyscale JPEG by sharp, wrapped by img2pdf: page images only, no text layer;
 * - docx / doc: HTML → LibreOffice Writer → MS Word 2007 XML / MS Word 97 (real Word tables);
 * - ofd: written here (GB/T 33190 structure: OFD.xml, Doc_0/Document.xml, Doc_0/PublicRes.xml,
 *   Doc_0/Pages/Page_N/Content.xml with TextObject/TextCode per line and PathObject table rules,
 *   positions in mm on a 210×297 page), zipped with Python's zipfile;
 * - pdf-viewer: HTML → Chromium headless print-to-PDF (page numbers in the footer);
 * - xlsx-tables: a flat ODF spreadsheet (one sheet per table: 表二, 表三, 表四; merged cells) →
 *   LibreOffice Calc → Calc Office Open XML;
 * - decoy-policy / decoy-listing: HTML → LibreOffice Writer → PDF.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as mupdf from 'mupdf';
import sharp from 'sharp';
import { FILES_DIR, fileContentLines, fileDocs, fileTextLines, tableGrid, type FileBlock, type FileDoc, type FileManifest, type FileManifestEntry, type FileTable, type GridCell } from '../sim/fixtures/file-reports.js';
import { rng } from '../sim/fixtures/synthetic-legacy.js';
import type { Row } from '../sim/html/table.js';
import { escapeHtml } from '../sim/html/text.js';

const OUT = FILES_DIR;
const WORK = mkdtempSync(join(tmpdir(), 'xxgk-files-'));
const PROFILE = `file://${join(WORK, 'lo-profile')}`;

// ---------------------------------------------------------------------------------------------
// Tools

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}): string {
  return execFileSync(cmd, args, { encoding: 'utf8', env: { ...process.env, LANG: 'zh_CN.UTF-8', ...env }, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 << 20 });
}

function version(cmd: string, args: string[]): string {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim().split('\n')[0]!.trim();
  } catch (err) {
    // pdftoppm -v prints to stderr and exits 0 or 99 depending on the version.
    const e = err as { stderr?: string; stdout?: string };
    const text = `${e.stdout ?? ''}${e.stderr ?? ''}`.trim();
    if (text) return text.split('\n')[0]!.trim();
    throw new Error(`${cmd} is missing: install libreoffice-writer libreoffice-calc poppler-utils img2pdf chromium python3`);
  }
}

function pdftoppmVersion(): string {
  const out = execFileSync('sh', ['-c', 'pdftoppm -v 2>&1 || true'], { encoding: 'utf8' });
  return out.trim().split('\n')[0]!.trim();
}

const TOOLS = {
  soffice: version('soffice', ['--version']),
  pdftoppm: pdftoppmVersion(),
  img2pdf: `img2pdf ${version('img2pdf', ['--version']).replace(/^img2pdf\s*/, '')}`,
  chromium: version('chromium', ['--version']),
  python: version('python3', ['--version']),
  mupdf: `mupdf.js ${JSON.parse(readFileSync(fileURLToPath(new URL('../node_modules/mupdf/package.json', import.meta.url)), 'utf8')).version as string}`,
  sharp: `sharp ${(sharp as unknown as { versions: { sharp: string; vips: string } }).versions.sharp} (libvips ${(sharp as unknown as { versions: { vips: string } }).versions.vips})`,
};

/** LibreOffice: converts every input to `target` in one run (a private profile, so runs never collide). */
function soffice(inputs: string[], target: string, outDir: string, infilter?: string): void {
  mkdirSync(outDir, { recursive: true });
  run('soffice', [`-env:UserInstallation=${PROFILE}`, '--headless', '--norestore', ...(infilter ? [`--infilter=${infilter}`] : []), '--convert-to', target, '--outdir', outDir, ...inputs]);
  for (const input of inputs) {
    const out = join(outDir, basename(input).replace(/\.[^.]+$/, `.${target.split(':')[0]}`));
    statSync(out); // throws when LibreOffice made nothing
  }
}

const WRITER_HTML = 'HTML (StarWriter)';

// ---------------------------------------------------------------------------------------------
// HTML sources

interface HtmlLook {
  body: string;
  title: string;
  heading: string;
  /** Body font size (pt). */
  size: number;
  cellSize: number;
}

/** Fonts the PDFs are rendered with (installed), and the names Word files of government offices carry. */
const PDF_LOOK: HtmlLook = { body: 'Noto Serif CJK SC', title: 'Noto Sans CJK SC', heading: 'Noto Sans CJK SC', size: 12, cellSize: 9 };
const SCAN_LOOK: HtmlLook = { ...PDF_LOOK, size: 11, cellSize: 8.5 };
const WORD_LOOK: HtmlLook = { body: '仿宋_GB2312', title: '方正小标宋简体', heading: '黑体', size: 16, cellSize: 10.5 };

/** Column widths (percent) by column count: the label columns wide, the number columns even. */
function colWidths(n: number): number[] {
  if (n === 4) return [31, 23, 23, 23];
  if (n === 10) return [9, 11, 27, ...Array<number>(7).fill(53 / 7)];
  if (n === 6) return [12, 16, 20, 18, 16, 18];
  return Array<number>(n).fill(100 / n);
}

function tableHtml(rows: Row[], look: HtmlLook, css: boolean): string {
  const n = tableGrid(rows)[0]!.length;
  const cols = colWidths(n).map((w) => `<col width="${w.toFixed(2)}%">`).join('');
  const cellStyle = css ? '' : ` style="font-family:'${look.body}';font-size:${look.cellSize}pt"`;
  const tr = rows.map((row) => {
    const tds = row.map((c) => {
      const span = `${c.rowspan ? ` rowspan="${c.rowspan}"` : ''}${c.colspan ? ` colspan="${c.colspan}"` : ''}`;
      const text = c.text.replace(/\u00a0/g, '') === '' ? '&nbsp;' : escapeHtml(c.text);
      return `<td${span} align="center" valign="middle"${cellStyle}>${text}</td>`;
    });
    return `<tr>${tds.join('')}</tr>`;
  });
  const attrs = css ? '' : ' border="1" cellspacing="0" cellpadding="3" width="100%" style="border-collapse:collapse"';
  return `<table${attrs}><colgroup>${cols}</colgroup>\n${tr.join('\n')}\n</table>`;
}

/** The document as HTML for LibreOffice's Writer import (inline styles and attributes only). */
function officeHtml(doc: FileDoc, look: HtmlLook): string {
  const p = (text: string, style: string, align = 'justify') => `<p align="${align}" style="${style}">${escapeHtml(text)}</p>`;
  const bodyStyle = `font-family:'${look.body}';font-size:${look.size}pt;line-height:150%;text-indent:${2 * look.size}pt;margin-top:0;margin-bottom:0`;
  const parts = doc.blocks.map((b: FileBlock) => {
    switch (b.t) {
      case 'title':
        return p(b.text, `font-family:'${look.title}';font-size:${look.size + 6}pt;line-height:150%;margin-bottom:12pt`, 'center');
      case 'center':
        return p(b.text, `font-family:'${look.body}';font-size:${look.size}pt`, 'center');
      case 'h':
        return p(b.text, `font-family:'${look.heading}';font-size:${look.size}pt;line-height:150%;text-indent:${2 * look.size}pt;margin-top:6pt;margin-bottom:3pt`);
      case 'p':
        return p(b.text, bodyStyle);
      case 'sign':
        return p(b.text, `font-family:'${look.body}';font-size:${look.size}pt;line-height:150%;margin-right:${2 * look.size}pt`, 'right');
      case 'table':
        return tableHtml(b.table.rows, look, false);
    }
  });
  return [
    '<!DOCTYPE html>',
    '<html lang="zh-CN"><head><meta charset="utf-8">',
    `<title>${escapeHtml(doc.title)}</title>`,
    `<meta name="author" content="${escapeHtml(doc.issuer)}">`,
    '</head><body>',
    ...parts,
    '</body></html>',
  ].join('\n');
}

/**
 * The document as HTML for Chromium's print-to-PDF: CSS page box, page numbers in the footer. One
 * sans-serif face throughout (a 黑体 look): Skia embeds the CFF CJK faces as Type 3 fonts, and a
 * second face would double them.
 */
function chromeHtml(doc: FileDoc): string {
  const parts = doc.blocks.map((b) => {
    switch (b.t) {
      case 'title':
        return `<h1>${escapeHtml(b.text)}</h1>`;
      case 'center':
        return `<p class="c">${escapeHtml(b.text)}</p>`;
      case 'h':
        return `<h2>${escapeHtml(b.text)}</h2>`;
      case 'p':
        return `<p>${escapeHtml(b.text)}</p>`;
      case 'sign':
        return `<p class="sign">${escapeHtml(b.text)}</p>`;
      case 'table':
        return tableHtml(b.table.rows, PDF_LOOK, true);
    }
  });
  const css = [
    '@page { size: A4; margin: 30mm 26mm 28mm 28mm; @bottom-center { content: "— " counter(page) " —"; font-family: "Noto Sans CJK SC"; font-size: 10.5pt; } }',
    'body { font-family: "Noto Sans CJK SC"; font-size: 12pt; line-height: 1.6; margin: 0; }',
    'h1 { font-family: "Noto Sans CJK SC"; font-size: 18pt; font-weight: normal; text-align: center; margin: 0 0 12pt; }',
    'h2 { font-family: "Noto Sans CJK SC"; font-size: 12pt; font-weight: normal; text-indent: 2em; margin: 6pt 0 3pt; }',
    'p { text-indent: 2em; text-align: justify; margin: 0; }',
    'p.c { text-align: center; text-indent: 0; } p.sign { text-align: right; text-indent: 0; padding-right: 2em; }',
    'table { border-collapse: collapse; width: 100%; margin: 4pt 0 8pt; page-break-inside: auto; }',
    'td { border: 0.75pt solid #000; padding: 2pt 3pt; font-size: 9pt; line-height: 1.3; text-align: center; vertical-align: middle; }',
    'tr { page-break-inside: avoid; }',
  ].join('\n');
  return `<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(doc.title)}</title><style>\n${css}\n</style></head><body>\n${parts.join('\n')}\n</body></html>\n`;
}

// ---------------------------------------------------------------------------------------------
// OFD (GB/T 33190-2016): layout in mm, one TextObject per line, PathObject per table rule

const OFD_NS = 'http://www.ofdspec.org/2016';
const PAGE_W = 210;
const PAGE_H = 297;
const LEFT = 28;
const RIGHT = 26;
const TOP = 32;
const BOTTOM = PAGE_H - 30;
const TEXT_W = PAGE_W - LEFT - RIGHT;
const FONTS = { song: 3, hei: 4, xbs: 5, fs: 6 } as const;
const PT = 25.4 / 72;

interface OText {
  x: number;
  y: number;
  size: number;
  font: number;
  text: string;
}
interface OSeg {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}
interface OPage {
  texts: OText[];
  segs: OSeg[];
}

const isWide = (ch: string): boolean => (ch.codePointAt(0) ?? 0) > 0x2e80 || /[“”‘’—…·]/.test(ch);
const charW = (ch: string, size: number): number => (isWide(ch) ? size : size * 0.5);
const textW = (s: string, size: number): number => [...s].reduce((a, ch) => a + charW(ch, size), 0);
/** Closing punctuation hangs at the line end rather than starting a line. */
const CLOSING = new Set([...'，。、；：！？）》」』”’〕】．,.;:!?)']);

/** Opening punctuation never ends a line. */
const OPENING = new Set([...'（《「『“‘〔【(']);

/** Line breaking: ASCII runs (years, numbers, phone numbers) stay whole, closing punctuation hangs, opening punctuation moves down. */
function wrap(text: string, size: number, width: number, indent = 0): string[] {
  const tokens = text.match(/[A-Za-z0-9.\-%:]+|[\s\S]/gu) ?? [];
  const lines: string[] = [];
  let line = '';
  let w = indent;
  for (const tok of tokens) {
    const tw = textW(tok, size);
    if (line && w + tw > width + 0.01 && !CLOSING.has(tok)) {
      let carry = '';
      while (line && OPENING.has(line.slice(-1))) {
        carry = line.slice(-1) + carry;
        line = line.slice(0, -1);
      }
      lines.push(line);
      line = carry;
      w = textW(carry, size);
    }
    line += tok;
    w += tw;
  }
  if (line || lines.length === 0) lines.push(line);
  return lines;
}

/** A title too wide for one line breaks before 政府信息公开…, as offices set them. */
function titleLines(text: string, size: number): string[] {
  if (textW(text, size) <= TEXT_W) return [text];
  const at = text.search(/政府信息公开|关于/);
  if (at > 0) return [text.slice(0, at), ...titleLines(text.slice(at), size)];
  return wrap(text, size, TEXT_W);
}

const mm = (x: number): string => String(Math.round(x * 1000) / 1000);

/** DeltaX as OFD writers compress it: runs of one advance as `g N d`. */
function deltaX(text: string, size: number): string {
  const adv = [...text].slice(0, -1).map((ch) => charW(ch, size));
  const out: string[] = [];
  for (let i = 0; i < adv.length; ) {
    let j = i;
    while (j < adv.length && adv[j] === adv[i]) j++;
    out.push(j - i > 1 ? `g ${j - i} ${mm(adv[i]!)}` : mm(adv[i]!));
    i = j;
  }
  return out.join(' ');
}

class OfdLayout {
  pages: OPage[] = [];
  y = TOP;
  constructor() {
    this.newPage();
  }
  get page(): OPage {
    return this.pages[this.pages.length - 1]!;
  }
  newPage(): void {
    this.pages.push({ texts: [], segs: [] });
    this.y = TOP;
  }
  ensure(h: number): void {
    if (this.y + h > BOTTOM) this.newPage();
  }
  paragraph(text: string | string[], o: { size: number; font: number; align: 'justify' | 'center' | 'right'; indent: number; lineH: number; before?: number; after?: number }): void {
    this.y += o.before ?? 0;
    const lines = Array.isArray(text) ? text : wrap(text, o.size, TEXT_W - (o.align === 'right' ? o.indent : 0), o.align === 'justify' ? o.indent : 0);
    lines.forEach((line, i) => {
      this.ensure(o.lineH);
      const w = textW(line, o.size);
      const x = o.align === 'center' ? LEFT + (TEXT_W - w) / 2 : o.align === 'right' ? LEFT + TEXT_W - o.indent - w : LEFT + (i === 0 ? o.indent : 0);
      this.page.texts.push({ x, y: this.y + (o.lineH - o.size) / 2, size: o.size, font: o.font, text: line });
      this.y += o.lineH;
    });
    this.y += o.after ?? 0;
  }
  table(rows: Row[]): void {
    const grid = tableGrid(rows);
    const nCols = grid[0]!.length;
    const widths = colWidths(nCols).map((p) => (p / 100) * TEXT_W);
    const size = 9 * PT;
    const lineH = size * 1.3;
    const pad = 1.2;
    // Cells with their slots.
    interface PCell {
      r: number;
      c: number;
      rs: number;
      cs: number;
      lines: string[];
      w: number;
    }
    const cells: PCell[] = [];
    const taken: boolean[][] = grid.map((g) => g.map(() => false));
    rows.forEach((row, r) => {
      let c = 0;
      for (const cell of row) {
        while (taken[r]![c]) c++;
        const rs = cell.rowspan ?? 1;
        const cs = cell.colspan ?? 1;
        for (let i = 0; i < rs; i++) for (let j = 0; j < cs; j++) taken[r + i]![c + j] = true;
        const w = widths.slice(c, c + cs).reduce((a, b) => a + b, 0);
        const text = cell.text.replace(/\u00a0/g, '');
        cells.push({ r, c, rs, cs, w, lines: text ? wrap(text, size, w - 2 * pad) : [] });
        c += cs;
      }
    });
    const heights = grid.map(() => lineH + 2 * pad);
    for (const cell of cells.filter((x) => x.rs === 1)) heights[cell.r] = Math.max(heights[cell.r]!, cell.lines.length * lineH + 2 * pad);
    for (const cell of cells.filter((x) => x.rs > 1)) {
      const have = heights.slice(cell.r, cell.r + cell.rs).reduce((a, b) => a + b, 0);
      const need = cell.lines.length * lineH + 2 * pad;
      if (need > have) heights[cell.r + cell.rs - 1]! += need - have;
    }
    // Bands: runs of rows no merged cell crosses; a band is kept on one page when it fits one.
    const bandEnd: number[] = grid.map((_, r) => r + 1);
    for (const cell of cells) for (let r = cell.r; r < cell.r + cell.rs; r++) bandEnd[r] = Math.max(bandEnd[r]!, cell.r + cell.rs);
    const xs = widths.reduce<number[]>((acc, w) => [...acc, acc[acc.length - 1]! + w], [LEFT]);
    const rowY: { page: number; y: number }[] = [];
    this.y += 1.5;
    for (let r = 0; r < grid.length; ) {
      let end = r + 1;
      for (let k = r; k < end; k++) end = Math.max(end, bandEnd[k]!);
      const bandH = heights.slice(r, end).reduce((a, b) => a + b, 0);
      if (this.y + bandH > BOTTOM && bandH <= BOTTOM - TOP) this.newPage();
      for (let k = r; k < end; k++) {
        if (this.y + heights[k]! > BOTTOM) this.newPage();
        rowY[k] = { page: this.pages.length - 1, y: this.y };
        this.y += heights[k]!;
      }
      r = end;
    }
    const firstPage = this.pages.length - 1 - (rowY[grid.length - 1]!.page - rowY[0]!.page);
    void firstPage;
    for (const cell of cells) {
      const x0 = xs[cell.c]!;
      const x1 = xs[cell.c + cell.cs]!;
      // The cell's rows, fragment by page.
      const byPage = new Map<number, { top: number; bottom: number }>();
      for (let k = cell.r; k < cell.r + cell.rs; k++) {
        const { page, y } = rowY[k]!;
        const f = byPage.get(page);
        byPage.set(page, { top: f ? f.top : y, bottom: y + heights[k]! });
      }
      let first = true;
      for (const [page, f] of byPage) {
        const p = this.pages[page]!;
        p.segs.push({ x1: x0, y1: f.top, x2: x1, y2: f.top }, { x1: x0, y1: f.bottom, x2: x1, y2: f.bottom }, { x1: x0, y1: f.top, x2: x0, y2: f.bottom }, { x1, y1: f.top, x2: x1, y2: f.bottom });
        if (first) {
          const textH = cell.lines.length * lineH;
          let ty = f.top + (f.bottom - f.top - textH) / 2;
          for (const line of cell.lines) {
            const w = textW(line, size);
            p.texts.push({ x: x0 + (x1 - x0 - w) / 2, y: ty + (lineH - size) / 2, size, font: FONTS.song, text: line });
            ty += lineH;
          }
          first = false;
        }
      }
    }
    this.y += 3;
  }
}

function layoutOfd(doc: FileDoc): { pages: OPage[]; furniture: string[] } {
  const L = new OfdLayout();
  const body = 14 * PT; // 四号
  for (const b of doc.blocks) {
    if (b.t === 'title') L.paragraph(titleLines(b.text, 20 * PT), { size: 20 * PT, font: FONTS.xbs, align: 'center', indent: 0, lineH: 20 * PT * 1.5, after: 4 });
    else if (b.t === 'center') L.paragraph(b.text, { size: body, font: FONTS.fs, align: 'center', indent: 0, lineH: body * 1.7 });
    else if (b.t === 'h') L.paragraph(b.text, { size: body, font: FONTS.hei, align: 'justify', indent: 2 * body, lineH: body * 1.7, before: 1 });
    else if (b.t === 'p') L.paragraph(b.text, { size: body, font: FONTS.fs, align: 'justify', indent: 2 * body, lineH: body * 1.7 });
    else if (b.t === 'sign') L.paragraph(b.text, { size: body, font: FONTS.fs, align: 'right', indent: 2 * body, lineH: body * 1.7 });
    else if (b.t === 'table') L.table(b.table.rows);
  }
  // Page numbers as government documents print them: — 1 —
  const furniture: string[] = [];
  L.pages.forEach((p, i) => {
    const label = `— ${i + 1} —`;
    furniture.push(label);
    const size = 12 * PT;
    p.texts.push({ x: (PAGE_W - textW(label, size)) / 2, y: PAGE_H - 20, size, font: FONTS.song, text: label });
  });
  return { pages: L.pages, furniture };
}

const xmlEscape = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function writeOfd(doc: FileDoc, outFile: string): { pages: number; furniture: string[] } {
  const { pages, furniture } = layoutOfd(doc);
  const dir = join(WORK, 'ofd');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'Doc_0', 'Pages'), { recursive: true });
  let id = 10;
  const pageIds: number[] = [];
  pages.forEach((p, n) => {
    const pageId = ++id;
    pageIds.push(pageId);
    const layerId = ++id;
    const objs: string[] = [];
    for (const t of p.texts) {
      const w = textW(t.text, t.size);
      objs.push(
        `      <ofd:TextObject ID="${++id}" Boundary="${mm(t.x)} ${mm(t.y)} ${mm(w + 0.5)} ${mm(t.size * 1.25)}" Font="${t.font}" Size="${mm(t.size)}">\n` +
          '        <ofd:FillColor Value="0 0 0"/>\n' +
          `        <ofd:TextCode X="0" Y="${mm(t.size)}"${[...t.text].length > 1 ? ` DeltaX="${deltaX(t.text, t.size)}"` : ''}>${xmlEscape(t.text)}</ofd:TextCode>\n` +
          '      </ofd:TextObject>',
      );
    }
    // Table rules: each distinct segment once.
    const seen = new Set<string>();
    const lw = 0.25;
    for (const s of p.segs) {
      const key = [s.x1, s.y1, s.x2, s.y2].map((v) => v.toFixed(2)).join(',');
      if (seen.has(key)) continue;
      seen.add(key);
      const horizontal = Math.abs(s.y1 - s.y2) < 1e-6;
      const w = horizontal ? s.x2 - s.x1 : lw;
      const h = horizontal ? lw : s.y2 - s.y1;
      const bx = horizontal ? s.x1 : s.x1 - lw / 2;
      const by = horizontal ? s.y1 - lw / 2 : s.y1;
      const path = horizontal ? `M 0 ${mm(lw / 2)} L ${mm(w)} ${mm(lw / 2)}` : `M ${mm(lw / 2)} 0 L ${mm(lw / 2)} ${mm(h)}`;
      objs.push(
        `      <ofd:PathObject ID="${++id}" Boundary="${mm(bx)} ${mm(by)} ${mm(w)} ${mm(h)}" LineWidth="${lw}" Stroke="true" Fill="false">\n` +
          '        <ofd:StrokeColor Value="0 0 0"/>\n' +
          `        <ofd:AbbreviatedData>${path}</ofd:AbbreviatedData>\n` +
          '      </ofd:PathObject>',
      );
    }
    const content = [
      '<?xml version="1.0" encoding="UTF-8"?>',
      `<ofd:Page xmlns:ofd="${OFD_NS}">`,
      `  <ofd:Area><ofd:PhysicalBox>0 0 ${PAGE_W} ${PAGE_H}</ofd:PhysicalBox></ofd:Area>`,
      '  <ofd:Content>',
      `    <ofd:Layer ID="${layerId}" Type="Body">`,
      ...objs,
      '    </ofd:Layer>',
      '  </ofd:Content>',
      '</ofd:Page>',
      '',
    ].join('\n');
    mkdirSync(join(dir, 'Doc_0', 'Pages', `Page_${n}`), { recursive: true });
    writeFileSync(join(dir, 'Doc_0', 'Pages', `Page_${n}`, 'Content.xml'), content);
  });
  const publicRes = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<ofd:Res xmlns:ofd="${OFD_NS}" BaseLoc="Res">`,
    '  <ofd:Fonts>',
    `    <ofd:Font ID="${FONTS.song}" FontName="宋体" FamilyName="宋体"/>`,
    `    <ofd:Font ID="${FONTS.hei}" FontName="黑体" FamilyName="黑体"/>`,
    `    <ofd:Font ID="${FONTS.xbs}" FontName="方正小标宋简体" FamilyName="方正小标宋简体"/>`,
    `    <ofd:Font ID="${FONTS.fs}" FontName="仿宋_GB2312" FamilyName="仿宋_GB2312"/>`,
    '  </ofd:Fonts>',
    '</ofd:Res>',
    '',
  ].join('\n');
  const document = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<ofd:Document xmlns:ofd="${OFD_NS}">`,
    '  <ofd:CommonData>',
    `    <ofd:MaxUnitID>${id}</ofd:MaxUnitID>`,
    `    <ofd:PageArea><ofd:PhysicalBox>0 0 ${PAGE_W} ${PAGE_H}</ofd:PhysicalBox></ofd:PageArea>`,
    '    <ofd:PublicRes>PublicRes.xml</ofd:PublicRes>',
    '  </ofd:CommonData>',
    '  <ofd:Pages>',
    ...pageIds.map((pid, n) => `    <ofd:Page ID="${pid}" BaseLoc="Pages/Page_${n}/Content.xml"/>`),
    '  </ofd:Pages>',
    '</ofd:Document>',
    '',
  ].join('\n');
  const docId = createHash('md5').update(doc.title).digest('hex');
  const ofdXml = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<ofd:OFD xmlns:ofd="${OFD_NS}" DocType="OFD" Version="1.0">`,
    '  <ofd:DocBody>',
    '    <ofd:DocInfo>',
    `      <ofd:DocID>${docId}</ofd:DocID>`,
    `      <ofd:Title>${xmlEscape(doc.title)}</ofd:Title>`,
    `      <ofd:Author>${xmlEscape(doc.issuer)}</ofd:Author>`,
    `      <ofd:CreationDate>${doc.published}</ofd:CreationDate>`,
    '      <ofd:Creator>xxgk-archive make-file-fixtures</ofd:Creator>',
    '      <ofd:CreatorVersion>1.0</ofd:CreatorVersion>',
    '    </ofd:DocInfo>',
    '    <ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot>',
    '  </ofd:DocBody>',
    '</ofd:OFD>',
    '',
  ].join('\n');
  writeFileSync(join(dir, 'OFD.xml'), ofdXml);
  writeFileSync(join(dir, 'Doc_0', 'Document.xml'), document);
  writeFileSync(join(dir, 'Doc_0', 'PublicRes.xml'), publicRes);
  const entries = ['OFD.xml', 'Doc_0/Document.xml', 'Doc_0/PublicRes.xml', ...pages.map((_, n) => `Doc_0/Pages/Page_${n}/Content.xml`)];
  const py = [
    'import sys, zipfile',
    'src, out, names = sys.argv[1], sys.argv[2], sys.argv[3:]',
    'with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:',
    '    for n in names:',
    '        info = zipfile.ZipInfo(n, date_time=(2024, 1, 26, 9, 30, 0))',
    '        info.compress_type = zipfile.ZIP_DEFLATED',
    '        z.writestr(info, open(src + "/" + n, "rb").read())',
  ].join('\n');
  run('python3', ['-c', py, dir, outFile, ...entries]);
  return { pages: pages.length, furniture };
}

// ---------------------------------------------------------------------------------------------
// XLSX: a flat ODF spreadsheet, one sheet per table, converted by LibreOffice Calc

function fods(doc: FileDoc, tables: FileTable[]): string {
  const sheet = (t: FileTable): string => {
    const grid = tableGrid(t.rows);
    const n = grid[0]!.length;
    const widths = colWidths(n).map((p) => (p / 100) * (n === 15 ? 30 : 22));
    const cols = widths.map((w) => `<table:table-column table:style-name="co${Math.round(w * 10)}" table:default-cell-style-name="ce1"/>`).join('');
    const rows: string[] = [];
    // Caption row merged across the sheet, as offices title their sheets.
    rows.push(`<table:table-row><table:table-cell table:style-name="ce2" table:number-columns-spanned="${n}" office:value-type="string"><text:p>${xmlEscape(t.caption)}</text:p></table:table-cell>${'<table:covered-table-cell/>'.repeat(n - 1)}</table:table-row>`);
    const spans = new Map<string, { rs: number; cs: number }>();
    t.rows.forEach((row, r) => {
      let c = 0;
      for (const cell of row) {
        while (grid[r]![c] === null || spans.has(`${r},${c}`)) c++;
        spans.set(`${r},${c}`, { rs: cell.rowspan ?? 1, cs: cell.colspan ?? 1 });
        c += cell.colspan ?? 1;
      }
    });
    grid.forEach((g, r) => {
      const cells = g.map((v: GridCell, c) => {
        if (v === null) return '<table:covered-table-cell table:style-name="ce1"/>';
        const s = spans.get(`${r},${c}`) ?? { rs: 1, cs: 1 };
        const span = `${s.rs > 1 ? ` table:number-rows-spanned="${s.rs}"` : ''}${s.cs > 1 ? ` table:number-columns-spanned="${s.cs}"` : ''}`;
        if (v === '') return `<table:table-cell table:style-name="ce1"${span}/>`;
        if (/^-?\d+(\.\d+)?$/.test(v)) return `<table:table-cell table:style-name="ce1"${span} office:value-type="float" office:value="${v}"><text:p>${v}</text:p></table:table-cell>`;
        return `<table:table-cell table:style-name="ce1"${span} office:value-type="string"><text:p>${xmlEscape(v)}</text:p></table:table-cell>`;
      });
      rows.push(`<table:table-row>${cells.join('')}</table:table-row>`);
    });
    return `<table:table table:name="${t.name}">${cols}\n${rows.join('\n')}\n</table:table>`;
  };
  const colStyles = new Set<number>();
  for (const t of tables) {
    const n = tableGrid(t.rows)[0]!.length;
    for (const w of colWidths(n).map((p) => (p / 100) * (n === 15 ? 30 : 22))) colStyles.add(Math.round(w * 10));
  }
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">',
    `<office:meta><dc:title>${xmlEscape(doc.title)}统计表</dc:title><meta:initial-creator>${xmlEscape(doc.issuer)}</meta:initial-creator></office:meta>`,
    '<office:automatic-styles>',
    ...[...colStyles].map((w) => `<style:style style:name="co${w}" style:family="table-column"><style:table-column-properties style:column-width="${(w / 10).toFixed(2)}cm"/></style:style>`),
    '<style:style style:name="ce1" style:family="table-cell"><style:table-cell-properties fo:border="0.06pt solid #000000" fo:wrap-option="wrap" style:vertical-align="middle"/><style:paragraph-properties fo:text-align="center"/><style:text-properties style:font-name="宋体" fo:font-size="10pt" style:font-name-asian="宋体" style:font-size-asian="10pt"/></style:style>',
    '<style:style style:name="ce2" style:family="table-cell"><style:table-cell-properties style:vertical-align="middle"/><style:paragraph-properties fo:text-align="center"/><style:text-properties fo:font-size="14pt" fo:font-weight="bold" style:font-size-asian="14pt" style:font-weight-asian="bold"/></style:style>',
    '</office:automatic-styles>',
    '<office:body><office:spreadsheet>',
    ...tables.map(sheet),
    '</office:spreadsheet></office:body></office:document>',
    '',
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------
// Scans: page images of a printed report

async function scanPages(pdf: string, dir: string): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  run('pdftoppm', ['-r', '150', '-gray', '-png', pdf, join(dir, 'page')]);
  const pngs = readdirSync(dir)
    .filter((f) => /^page-\d+\.png$/.test(f))
    .sort();
  const out: string[] = [];
  const r = rng(20210128);
  for (const [i, f] of pngs.entries()) {
    const src = join(dir, f);
    const meta = await sharp(src).metadata();
    const W = meta.width!;
    const H = meta.height!;
    // A sheet fed a little askew: ±0.3–0.6°, shifted a few pixels.
    const angle = (i % 2 === 0 ? 1 : -1) * (0.3 + 0.3 * r());
    const rotated = await sharp(src).rotate(angle, { background: '#ffffff' }).toBuffer({ resolveWithObject: true });
    const left = Math.max(0, Math.round((rotated.info.width - W) / 2 + (r() - 0.5) * 8));
    const top = Math.max(0, Math.round((rotated.info.height - H) / 2 + (r() - 0.5) * 8));
    const straight = await sharp(rotated.data).extract({ left, top, width: W, height: H }).toBuffer();
    // Dust and toner specks, and a darker band along the binding edge.
    const specks = Buffer.alloc(W * H, 255);
    for (let k = 0; k < 900; k++) {
      const x = Math.floor(r() * W);
      const y = Math.floor(r() * H);
      const v = 90 + Math.floor(r() * 120);
      const s = r() < 0.85 ? 1 : 2;
      for (let dy = 0; dy < s; dy++) for (let dx = 0; dx < s; dx++) if (x + dx < W && y + dy < H) specks[(y + dy) * W + x + dx] = v;
    }
    for (let y = 0; y < H; y++) for (let x = 0; x < 14; x++) specks[y * W + x] = Math.min(specks[y * W + x]!, 200 + x * 4);
    const speckPng = await sharp(specks, { raw: { width: W, height: H, channels: 1 } }).png().toBuffer();
    const jpg = join(dir, f.replace('.png', '.jpg'));
    await sharp(straight)
      .composite([{ input: speckPng, blend: 'multiply' }])
      .linear(0.9, 14) // grey paper, toner not quite black
      .blur(0.6)
      .toColourspace('b-w')
      .jpeg({ quality: 42, mozjpeg: true })
      .toFile(jpg);
    out.push(jpg);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Checks on what was made

function pdfText(file: string): string {
  return run('pdftotext', ['-layout', file, '-']);
}

function pdfFonts(file: string): string[] {
  return run('pdffonts', [file])
    .split('\n')
    .slice(2)
    .filter((l) => l.trim());
}

function pdfPages(file: string): number {
  const m = /Pages:\s+(\d+)/.exec(run('pdfinfo', [file]));
  return m ? Number(m[1]) : 0;
}

function check(ok: boolean, what: string): void {
  if (!ok) throw new Error(`make-file-fixtures: ${what}`);
}

const squash = (s: string): string => s.replace(/\s+/g, '');

// ---------------------------------------------------------------------------------------------

/** The manifest as JSON a reviewer can diff: one key per line, one text line, table row or figure per line. */
function formatManifest(m: FileManifest): string {
  const j = (v: unknown): string => JSON.stringify(v);
  const list = (xs: unknown[], pad: string): string => (xs.length ? `[\n${xs.map((x) => `${pad} ${j(x)}`).join(',\n')}\n${pad}]` : '[]');
  const entry = (e: FileManifestEntry): string => {
    const lines = Object.entries(e).map(([k, v]) => {
      if (k === 'text' || k === 'furniture') return `   ${j(k)}: ${list(v as unknown[], '   ')}`;
      if (k === 'figures') return `   "figures": {\n${Object.entries(v as Record<string, number>).map(([fk, fv]) => `    ${j(fk)}: ${fv}`).join(',\n')}\n   }`;
      if (k === 'tables') {
        const tables = (v as FileManifestEntry['tables']).map(
          (t) => `    {\n     "name": ${j(t.name)},\n     "caption": ${j(t.caption)},\n     "rows": ${list(t.rows, '     ')},\n     "grid": ${list(t.grid, '     ')}\n    }`,
        );
        return `   "tables": ${tables.length ? `[\n${tables.join(',\n')}\n   ]` : '[]'}`;
      }
      return `   ${j(k)}: ${j(v)}`;
    });
    return `  {\n${lines.join(',\n')}\n  }`;
  };
  const out = `{\n "generatedBy": ${j(m.generatedBy)},\n "tools": ${JSON.stringify(m.tools, null, 2).replace(/\n/g, '\n ')},\n "files": [\n${m.files.map(entry).join(',\n')}\n ]\n}\n`;
  if (JSON.stringify(JSON.parse(out)) !== JSON.stringify(m)) throw new Error('formatManifest: not the same JSON');
  return out;
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const docs = fileDocs();
  const src = join(WORK, 'src');
  const made = join(WORK, 'made');
  mkdirSync(src, { recursive: true });
  mkdirSync(made, { recursive: true });
  const byKind = (k: FileDoc['kind']): FileDoc => docs.find((d) => d.kind === k)!;
  const stem = (d: FileDoc): string => d.file.replace(/\.[^.]+$/, '');
  const extra = new Map<string, { pages?: number; furniture?: string[]; madeWith: string; textLayer: boolean; notes?: string }>();

  // LibreOffice Writer → PDF: the text PDF, the scan's source, the decoys.
  const pdfDocs = [byKind('pdf-text'), byKind('decoy-policy'), byKind('decoy-listing')];
  const scanDoc = byKind('pdf-scan');
  for (const d of pdfDocs) writeFileSync(join(src, `${stem(d)}.html`), officeHtml(d, PDF_LOOK));
  writeFileSync(join(src, `${stem(scanDoc)}.html`), officeHtml(scanDoc, SCAN_LOOK));
  console.log('soffice: HTML → PDF …');
  soffice([...pdfDocs, scanDoc].map((d) => join(src, `${stem(d)}.html`)), 'pdf:writer_pdf_Export', made, WRITER_HTML);
  for (const d of pdfDocs) {
    copyFileSync(join(made, `${stem(d)}.pdf`), join(OUT, d.file));
    extra.set(d.id, { pages: pdfPages(join(OUT, d.file)), madeWith: `${TOOLS.soffice} (HTML import, writer_pdf_Export)`, textLayer: true });
  }

  // Word files: LibreOffice Writer → MS Word 2007 XML / MS Word 97.
  const docxDoc = byKind('docx');
  const docDoc = byKind('doc');
  writeFileSync(join(src, `${stem(docxDoc)}.html`), officeHtml(docxDoc, WORD_LOOK));
  writeFileSync(join(src, `${stem(docDoc)}.html`), officeHtml(docDoc, WORD_LOOK));
  console.log('soffice: HTML → DOCX, DOC …');
  soffice([join(src, `${stem(docxDoc)}.html`)], 'docx:MS Word 2007 XML', made, WRITER_HTML);
  soffice([join(src, `${stem(docDoc)}.html`)], 'doc:MS Word 97', made, WRITER_HTML);
  copyFileSync(join(made, `${stem(docxDoc)}.docx`), join(OUT, docxDoc.file));
  copyFileSync(join(made, `${stem(docDoc)}.doc`), join(OUT, docDoc.file));
  extra.set(docxDoc.id, { madeWith: `${TOOLS.soffice} (HTML import, MS Word 2007 XML export)`, textLayer: true });
  extra.set(docDoc.id, { madeWith: `${TOOLS.soffice} (HTML import, MS Word 97 export)`, textLayer: true });

  // The scan: pages rendered at 150 dpi, degraded, wrapped as JPEG page images.
  console.log('pdftoppm + sharp + img2pdf: scan …');
  const jpgs = await scanPages(join(made, `${stem(scanDoc)}.pdf`), join(WORK, 'scan'));
  run('img2pdf', ['--pagesize', 'A4', '--title', scanDoc.title, '--author', scanDoc.issuer, '--creationdate', `${scanDoc.published}T09:12:00+08:00`, '-o', join(OUT, scanDoc.file), ...jpgs]);
  extra.set(scanDoc.id, {
    pages: jpgs.length,
    madeWith: `${TOOLS.soffice} (HTML → PDF), ${TOOLS.pdftoppm} (-r 150 -gray), ${TOOLS.sharp} (tilt ±0.3–0.6°, grey paper, specks, blur 0.6, greyscale mozjpeg q42), ${TOOLS.img2pdf}`,
    textLayer: false,
    notes: 'page images only: 150 dpi greyscale JPEG, tilted, no fonts, no text operators',
  });

  // Chromium print-to-PDF for the viewer.
  const viewerDoc = byKind('pdf-viewer');
  writeFileSync(join(src, `${stem(viewerDoc)}.html`), chromeHtml(viewerDoc));
  console.log('chromium: print-to-pdf …');
  const chromePdf = join(made, viewerDoc.file);
  run('chromium', ['--headless', '--no-sandbox', '--disable-gpu', '--no-pdf-header-footer', `--print-to-pdf=${chromePdf}`, `file://${join(src, `${stem(viewerDoc)}.html`)}`]);
  // Skia writes each Type 3 font's dictionaries uncompressed (~500 KB here): pack them into object
  // streams, as portals' PDF pipelines often do. Content streams and fonts stay Skia's.
  const rewritten = mupdf.Document.openDocument(readFileSync(chromePdf), 'application/pdf') as mupdf.PDFDocument;
  const pdfDate = `D:${viewerDoc.published.replace(/-/g, '')}101500+08'00'`;
  rewritten.setMetaData('info:CreationDate', pdfDate);
  rewritten.setMetaData('info:ModDate', pdfDate);
  writeFileSync(join(OUT, viewerDoc.file), rewritten.saveToBuffer('compress,garbage=4,objstms').asUint8Array());
  const viewerPages = pdfPages(join(OUT, viewerDoc.file));
  extra.set(viewerDoc.id, {
    pages: viewerPages,
    madeWith: `${TOOLS.chromium} (headless --print-to-pdf), ${TOOLS.mupdf} (rewrite: garbage=4, object streams)`,
    textLayer: true,
    furniture: Array.from({ length: viewerPages }, (_, i) => `— ${i + 1} —`),
    notes: 'Skia Type 3 fonts with ToUnicode; page numbers (— N —) in the page footer; object streams and an xref stream (mupdf rewrite)',
  });

  // OFD.
  const ofdDoc = byKind('ofd');
  console.log('OFD writer + python zipfile …');
  const ofd = writeOfd(ofdDoc, join(OUT, ofdDoc.file));
  extra.set(ofdDoc.id, {
    pages: ofd.pages,
    furniture: ofd.furniture,
    madeWith: `scripts/make-file-fixtures.ts OFD writer (GB/T 33190-2016 structure), ${TOOLS.python} zipfile`,
    textLayer: true,
    notes: 'one TextObject per printed line (table cells: one per cell line), DeltaX in g-runs, PathObject per table rule (0.25 mm), page numbers (— N —); fonts named, not embedded',
  });

  // XLSX of the tables.
  const xlsxDoc = byKind('xlsx-tables');
  const xlsxTables = xlsxDoc.blocks.flatMap((b) => (b.t === 'table' ? [b.table] : []));
  writeFileSync(join(src, `${stem(xlsxDoc)}.fods`), fods(xlsxDoc, xlsxTables));
  console.log('soffice: FODS → XLSX …');
  soffice([join(src, `${stem(xlsxDoc)}.fods`)], 'xlsx:Calc Office Open XML', made);
  copyFileSync(join(made, `${stem(xlsxDoc)}.xlsx`), join(OUT, xlsxDoc.file));
  extra.set(xlsxDoc.id, {
    madeWith: `${TOOLS.soffice} (flat ODS import, Calc Office Open XML export)`,
    textLayer: true,
    notes: 'sheets 表二, 表三, 表四; row 1 of each sheet is the section heading merged across the sheet, the table follows with its merged cells; numbers are numeric cells',
  });

  // Checks: the text PDFs read back, the scan has no text, the Word files hold tables.
  for (const d of [byKind('pdf-text'), viewerDoc, byKind('decoy-policy'), byKind('decoy-listing')]) {
    const text = squash(pdfText(join(OUT, d.file)));
    check(text.includes(squash(d.title).slice(0, 8)), `${d.file}: title not in pdftotext output`);
    for (const line of fileTextLines(d.blocks).filter((l) => !l.includes('\t')).slice(0, 6)) {
      check(text.includes(squash(line).slice(0, 12)), `${d.file}: "${line.slice(0, 12)}" not in pdftotext output`);
    }
    check(pdfFonts(join(OUT, d.file)).length > 0, `${d.file}: no fonts`);
  }
  check(squash(pdfText(join(OUT, scanDoc.file))) === '', `${scanDoc.file}: has a text layer`);
  check(pdfFonts(join(OUT, scanDoc.file)).length === 0, `${scanDoc.file}: has fonts`);
  const docxXml = run('unzip', ['-p', join(OUT, docxDoc.file), 'word/document.xml']);
  check((docxXml.match(/<w:tbl>/g) ?? []).length === 3, `${docxDoc.file}: expected 3 Word tables`);
  check(readFileSync(join(OUT, docDoc.file)).subarray(0, 8).equals(Buffer.from('d0cf11e0a1b11ae1', 'hex')), `${docDoc.file}: not an OLE2 file`);
  const workbook = run('unzip', ['-p', join(OUT, xlsxDoc.file), 'xl/workbook.xml']);
  for (const t of xlsxTables) check(workbook.includes(`name="${t.name}"`), `${xlsxDoc.file}: no sheet ${t.name}`);

  // Manifest.
  const entries: FileManifestEntry[] = docs.map((d) => {
    const e = extra.get(d.id)!;
    const bytes = readFileSync(join(OUT, d.file));
    const tables = d.blocks.flatMap((b) => (b.t === 'table' ? [{ name: b.table.name, caption: b.table.caption, rows: b.table.rows, grid: tableGrid(b.table.rows) }] : []));
    return {
      file: d.file,
      kind: d.kind,
      madeWith: e.madeWith,
      title: d.title,
      year: d.year,
      regionCode: d.region.code,
      regionName: d.region.name,
      issuer: d.issuer,
      isReport: d.isReport,
      ...(d.template ? { template: d.template } : {}),
      published: d.published,
      bytes: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      ...(e.pages ? { pages: e.pages } : {}),
      textLayer: e.textLayer,
      text: fileContentLines(d),
      tables,
      ...(d.figures ? { figures: d.figures } : {}),
      ...(e.furniture ? { furniture: e.furniture } : {}),
      ...(e.notes ? { notes: e.notes } : {}),
    };
  });
  const manifest: FileManifest = { generatedBy: 'scripts/make-file-fixtures.ts', tools: TOOLS, files: entries };
  writeFileSync(join(OUT, 'manifest.json'), formatManifest(manifest));

  for (const e of entries) {
    console.log(`${e.file.padEnd(38)} ${e.kind.padEnd(14)} ${String(Math.round(e.bytes / 1024)).padStart(4)} KB ${e.pages ? `${e.pages} p.` : '    '}  ${e.madeWith}`);
    if (e.bytes > 300 * 1024) console.warn(`  warning: ${e.file} is over 300 KB`);
  }
  console.log(`manifest: ${join(OUT, 'manifest.json')}`);
}

try {
  await main();
} finally {
  if (!process.env.KEEP_WORK) rmSync(WORK, { recursive: true, force: true });
  else console.log(`work dir kept: ${WORK}`);
}
