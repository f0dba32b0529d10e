/**
 * PDF reader (issue 10): text and tables from the text layer, pages for OCR where there is none.
 *
 * Built on MuPDF's WASM build (npm `mupdf`, AGPL-3.0), chosen over pdf.js by measurement
 * (scripts/bench-pdf.ts, LibreOffice and Chromium PDFs of the synthetic reports): both read every
 * glyph (CID-keyed CFF and Type 3 fonts) without a miss, but MuPDF gives each character its box
 * where pdf.js gives a box per text item (Chromium's Type 3 items come out misplaced, lines split),
 * reads LibreOffice PDFs at about 6–10 ms/page against 45–60 (Type 3 Chromium PDFs cost both
 * about 90–175 ms/page, MuPDF loading each Type 3 font), renders natively 4× faster than pdf.js
 * through a canvas, and peaks at 300 MB against 720. The WASM module is loaded on the first PDF.
 *
 * Per page: characters (structured text, no spaces invented) grouped into runs at gaps and blanks;
 * ruling lines from stroked lines and thin filled rectangles; pictures' boxes (clipped to what
 * shows). The runs and rules go to layOutPages (src/read/positioned-text.ts) for reading order
 * and tables. A page without a usable text layer is rendered in grey (200 dpi, within
 * limits.maxPagePixels) for OCR as a scan; a page with a large picture that no text covers (a
 * statistics table pasted as an image) is rendered too, as not scanned.
 */
import type * as Mupdf from 'mupdf';
import { DEFAULT_READ_LIMITS, FileReadError, type FileContent, type PageImage, type ReadLimits } from './file-types.js';
import { layOutPages, type PageRuns, type RuleLine, type TextRun } from './positioned-text.js';

type MupdfModule = typeof Mupdf;
let mupdfModule: Promise<MupdfModule> | undefined;

/** MuPDF, loaded once (about 10 MB of WASM), with its warnings kept off the console. */
export function loadMupdf(): Promise<MupdfModule> {
  mupdfModule ??= import('mupdf').then((m) => {
    m.setLog({ error: () => {}, warning: () => {} });
    return m;
  });
  return mupdfModule;
}

/** Resolution pages are rendered at for OCR. */
export const RENDER_DPI = 200;
/** Below this scale (pixels per point) a rendered page is too coarse to read: not rendered. */
const MIN_RENDER_SCALE = 0.5;
/** Pages larger than this (points, either side; A0 is 3370) are not real pages. */
const MAX_PAGE_SIDE = 14_400;
/** Characters kept per page (a real page holds a few thousand). */
const MAX_CHARS_PER_PAGE = 60_000;
/** Path points walked per page for ruling lines. */
const MAX_PATH_POINTS = 200_000;
/** Ruling lines kept per page. */
const MAX_RULES = 20_000;
/** A picture at least this share of the page with hardly any text on it is read by OCR. */
const LARGE_PICTURE = 0.12;
/** Wall-clock budget for one file: pages after it are left unread rather than hold up a crawl. */
const TIME_BUDGET_MS = 120_000;

export interface PdfPageInfo extends PageRuns {
  /** Characters of the text layer (blanks aside) and how many had no Unicode meaning. */
  chars: number;
  badChars: number;
  /** Boxes of the pictures drawn, in page points. */
  pictures: { x0: number; y0: number; x1: number; y1: number }[];
  /** Vector paths drawn (text drawn as outlines shows as many). */
  paths: number;
}

/** Characters that carry no text: U+FFFD (no ToUnicode), private use, controls. */
const BAD_CHAR = /[\ufffd\ue000-\uf8ff\u0000-\u0008\u000e-\u001f]/u;
const BLANK = /^[\s\u00a0\u3000\u200b\ufeff]$/u;

type Quad = number[];

/** Characters as runs: a run ends at a blank, a gap, a jump back or a change of baseline or size. */
function collectRuns(stext: Mupdf.StructuredText): { runs: TextRun[]; chars: number; badChars: number } {
  const runs: TextRun[] = [];
  let chars = 0;
  let badChars = 0;
  let cur: { text: string; x0: number; y0: number; x1: number; y1: number; size: number; base: number } | undefined;
  let last: { c: string; x0: number; y0: number } | undefined;
  const end = (): void => {
    if (cur && cur.text) runs.push({ text: cur.text, x: cur.x0, y: cur.y0, width: cur.x1 - cur.x0, height: cur.y1 - cur.y0 });
    cur = undefined;
  };
  stext.walk({
    beginLine() {
      end();
      last = undefined;
    },
    endLine() {
      end();
    },
    onChar(c: string, origin: number[], font: Mupdf.Font, size: number, quad: Quad) {
      // The walker hands a new reference to the font with every character: give it back now
      // rather than leave thousands of them to the garbage collector.
      font.destroy();
      if (chars >= MAX_CHARS_PER_PAGE) return;
      if (!c || BLANK.test(c)) {
        end();
        return;
      }
      const xs = [quad[0]!, quad[2]!, quad[4]!, quad[6]!];
      const ys = [quad[1]!, quad[3]!, quad[5]!, quad[7]!];
      const x0 = Math.min(...xs);
      const x1 = Math.max(...xs);
      const y0 = Math.min(...ys);
      const y1 = Math.max(...ys);
      if (![x0, x1, y0, y1].every(Number.isFinite)) return;
      const em = size > 0 ? size : y1 - y0 || 1;
      // Fake bold: the same character printed again a fraction of a point away.
      if (last && last.c === c && Math.abs(last.x0 - x0) < 0.3 * em && Math.abs(last.y0 - y0) < 0.3 * em) return;
      last = { c, x0, y0 };
      chars++;
      if (BAD_CHAR.test(c)) badChars++;
      const base = origin[1] ?? y1;
      if (
        cur &&
        (Math.abs(base - cur.base) > 0.25 * em || x0 - cur.x1 > 0.1 * em || x0 < cur.x1 - 0.5 * em || Math.abs(em - cur.size) > 0.2 * em)
      ) {
        end();
      }
      if (!cur) cur = { text: c, x0, y0, x1, y1, size: em, base };
      else {
        cur.text += c;
        cur.x1 = Math.max(cur.x1, x1);
        cur.y0 = Math.min(cur.y0, y0);
        cur.y1 = Math.max(cur.y1, y1);
      }
    },
  });
  end();
  return { runs, chars, badChars };
}

/** Ruling lines, picture boxes and a path count from one run of the page through a device. */
function collectGraphics(mupdf: MupdfModule, page: Mupdf.Page): { rules: RuleLine[]; pictures: PdfPageInfo['pictures']; paths: number } {
  const rules: RuleLine[] = [];
  const pictures: PdfPageInfo['pictures'] = [];
  let paths = 0;
  let points = 0;
  const walk = (path: Mupdf.Path, ctm: number[], stroked: boolean): void => {
    paths++;
    if (points > MAX_PATH_POINTS || rules.length >= MAX_RULES) return;
    const [a, b, c, d, e, f] = ctm as [number, number, number, number, number, number];
    const subpaths: { pts: [number, number][]; closed: boolean; curved: boolean }[] = [];
    let sub: { pts: [number, number][]; closed: boolean; curved: boolean } | undefined;
    const tx = (x: number, y: number): [number, number] => [a * x + c * y + e, b * x + d * y + f];
    path.walk({
      moveTo(x: number, y: number) {
        points++;
        sub = { pts: [tx(x, y)], closed: false, curved: false };
        subpaths.push(sub);
      },
      lineTo(x: number, y: number) {
        points++;
        if (sub && sub.pts.length < 10_000) sub.pts.push(tx(x, y));
      },
      curveTo(_x1: number, _y1: number, _x2: number, _y2: number, x3: number, y3: number) {
        points++;
        if (sub) {
          sub.curved = true;
          sub.pts.push(tx(x3, y3));
        }
      },
      closePath() {
        if (sub) sub.closed = true;
      },
    });
    for (const s of subpaths) {
      if (s.curved || s.pts.length < 2) continue;
      if (stroked) {
        const pts = s.closed ? [...s.pts, s.pts[0]!] : s.pts;
        for (let i = 1; i < pts.length && rules.length < MAX_RULES; i++) {
          const [x0, y0] = pts[i - 1]!;
          const [x1, y1] = pts[i]!;
          if (Math.abs(x1 - x0) < 0.5 || Math.abs(y1 - y0) < 0.5) rules.push({ x0, y0, x1, y1 });
        }
        continue;
      }
      // A filled thin rectangle is a ruling line (Chromium, WPS and Word draw borders so).
      const pts = s.pts;
      if (pts.length < 4 || pts.length > 5) continue;
      const xs = pts.map((p) => p[0]);
      const ys = pts.map((p) => p[1]);
      const x0 = Math.min(...xs);
      const x1 = Math.max(...xs);
      const y0 = Math.min(...ys);
      const y1 = Math.max(...ys);
      const axisAligned = pts.every(([x, y]) => (Math.abs(x - x0) < 0.5 || Math.abs(x - x1) < 0.5) && (Math.abs(y - y0) < 0.5 || Math.abs(y - y1) < 0.5));
      if (!axisAligned) continue;
      const w = x1 - x0;
      const h = y1 - y0;
      if (h <= 2.5 && w >= 2) rules.push({ x0, y0: (y0 + y1) / 2, x1, y1: (y0 + y1) / 2 });
      else if (w <= 2.5 && h >= 2) rules.push({ x0: (x0 + x1) / 2, y0, x1: (x0 + x1) / 2, y1 });
    }
  };
  // Clip rectangles in force: a picture counts only where it shows (Chromium draws a tall
  // picture whole on every page it spans, clipped to the page's content box).
  type Rect = { x0: number; y0: number; x1: number; y1: number };
  const clips: Rect[] = [];
  const pathBox = (path: Mupdf.Path, ctm: number[]): Rect | undefined => {
    const [a, b, c, d, e, f] = ctm as [number, number, number, number, number, number];
    let box: Rect | undefined;
    let n = 0;
    const add = (x: number, y: number): void => {
      if (++n > 10_000) return;
      const px = a * x + c * y + e;
      const py = b * x + d * y + f;
      box = box ? { x0: Math.min(box.x0, px), y0: Math.min(box.y0, py), x1: Math.max(box.x1, px), y1: Math.max(box.y1, py) } : { x0: px, y0: py, x1: px, y1: py };
    };
    path.walk({ moveTo: add, lineTo: add, curveTo: (_a: number, _b: number, _c: number, _d: number, x: number, y: number) => add(x, y) });
    return box;
  };
  const pushClip = (box: Rect | undefined): void => {
    const top = clips[clips.length - 1];
    if (!box) clips.push(top ?? { x0: -Infinity, y0: -Infinity, x1: Infinity, y1: Infinity });
    else clips.push(top ? { x0: Math.max(top.x0, box.x0), y0: Math.max(top.y0, box.y0), x1: Math.min(top.x1, box.x1), y1: Math.min(top.y1, box.y1) } : box);
  };
  const picture = (ctm: number[]): void => {
    const [a, b, c, d, e, f] = ctm as [number, number, number, number, number, number];
    const xs = [e, a + e, c + e, a + c + e];
    const ys = [f, b + f, d + f, b + d + f];
    const clip = clips[clips.length - 1];
    const box = { x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs), y1: Math.max(...ys) };
    if (clip) {
      box.x0 = Math.max(box.x0, clip.x0);
      box.y0 = Math.max(box.y0, clip.y0);
      box.x1 = Math.min(box.x1, clip.x1);
      box.y1 = Math.min(box.y1, clip.y1);
    }
    if (pictures.length < 1000 && box.x1 > box.x0 && box.y1 > box.y0) pictures.push(box);
  };
  // Every object a device callback receives is a new reference: each is released at once.
  const device = new mupdf.Device({
    fillPath: (path: Mupdf.Path, _evenOdd: boolean, ctm: number[], colorspace: Mupdf.ColorSpace) => {
      try {
        walk(path, ctm, false);
      } finally {
        path.destroy();
        colorspace.destroy();
      }
    },
    strokePath: (path: Mupdf.Path, stroke: Mupdf.StrokeState, ctm: number[], colorspace: Mupdf.ColorSpace) => {
      try {
        walk(path, ctm, true);
      } finally {
        path.destroy();
        stroke.destroy();
        colorspace.destroy();
      }
    },
    fillImage: (image: Mupdf.Image, ctm: number[]) => {
      picture(ctm);
      image.destroy();
    },
    fillImageMask: (image: Mupdf.Image, ctm: number[], colorspace: Mupdf.ColorSpace) => {
      picture(ctm);
      image.destroy();
      colorspace.destroy();
    },
    clipPath: (path: Mupdf.Path, _evenOdd: boolean, ctm: number[]) => {
      pushClip(clips.length < 1000 ? pathBox(path, ctm) : undefined);
      path.destroy();
    },
    clipStrokePath: (path: Mupdf.Path, stroke: Mupdf.StrokeState) => {
      pushClip(undefined);
      path.destroy();
      stroke.destroy();
    },
    clipText: (text: Mupdf.Text) => {
      pushClip(undefined);
      text.destroy();
    },
    clipStrokeText: (text: Mupdf.Text, stroke: Mupdf.StrokeState) => {
      pushClip(undefined);
      text.destroy();
      stroke.destroy();
    },
    clipImageMask: (image: Mupdf.Image) => {
      pushClip(undefined);
      image.destroy();
    },
    popClip: () => {
      clips.pop();
    },
  });
  try {
    page.run(device, mupdf.Matrix.identity);
    device.close();
  } finally {
    device.destroy();
  }
  return { rules, pictures, paths };
}

/** One page's positioned text, rules and pictures. */
export function readPdfPage(mupdf: MupdfModule, page: Mupdf.Page, pageNo: number): PdfPageInfo {
  const [bx0, by0, bx1, by1] = page.getBounds() as [number, number, number, number];
  const width = bx1 - bx0;
  const height = by1 - by0;
  const stext = page.toStructuredText('preserve-whitespace,inhibit-spaces');
  let text: ReturnType<typeof collectRuns>;
  try {
    text = collectRuns(stext);
  } finally {
    stext.destroy();
  }
  const graphics = collectGraphics(mupdf, page);
  // Page coordinates from the top left of the page box.
  const runs = text.runs.map((r) => ({ ...r, x: r.x - bx0, y: r.y - by0 }));
  const rules = graphics.rules.map((r) => ({ x0: r.x0 - bx0, y0: r.y0 - by0, x1: r.x1 - bx0, y1: r.y1 - by0 }));
  const pictures = graphics.pictures.map((p) => ({ x0: p.x0 - bx0, y0: p.y0 - by0, x1: p.x1 - bx0, y1: p.y1 - by0 }));
  return { page: pageNo, width, height, runs, rules, chars: text.chars, badChars: text.badChars, pictures, paths: graphics.paths };
}

/** Why a page goes to OCR, if it does: no usable text layer (a scan), or a picture no text covers. */
export function pageNeedsOcr(info: PdfPageInfo): 'scan' | 'picture' | undefined {
  const area = Math.max(1, info.width * info.height);
  const usable = info.chars - info.badChars;
  const textless = usable < 5 || info.badChars > 0.3 * info.chars;
  const pictureArea = (p: PdfPageInfo['pictures'][number]): number => {
    const w = Math.min(p.x1, info.width) - Math.max(p.x0, 0);
    const h = Math.min(p.y1, info.height) - Math.max(p.y0, 0);
    return w > 0 && h > 0 ? w * h : 0;
  };
  const large = info.pictures.filter((p) => pictureArea(p) >= LARGE_PICTURE * area);
  // Scanners may write a page as strips: what counts is how much of the page pictures cover.
  const covered = Math.min(1, info.pictures.reduce((sum, p) => sum + pictureArea(p), 0) / area);
  if (textless) return covered >= LARGE_PICTURE || info.paths >= 200 ? 'scan' : undefined;
  // A scan with a line stamped on it (a portal's watermark, a page number) is still a scan.
  if (usable < 30 && covered >= 0.6) return 'scan';
  for (const p of large) {
    const covered = info.runs.filter((r) => r.x + r.width / 2 >= p.x0 && r.x + r.width / 2 <= p.x1 && r.y + r.height / 2 >= p.y0 && r.y + r.height / 2 <= p.y1);
    const chars = covered.reduce((n, r) => n + [...r.text].length, 0);
    if (chars < 20) return 'picture';
  }
  return undefined;
}

/** The page as PNG at about `dpi`, within `maxPixels`; undefined when that would be illegible. */
export function renderPage(mupdf: MupdfModule, page: Mupdf.Page, maxPixels: number, dpi = RENDER_DPI): { png: Buffer; dpi: number } | undefined {
  const [x0, y0, x1, y1] = page.getBounds() as [number, number, number, number];
  const w = x1 - x0;
  const h = y1 - y0;
  if (!(w > 0 && h > 0) || w > MAX_PAGE_SIDE || h > MAX_PAGE_SIDE) return undefined;
  let scale = Math.min(dpi / 72, Math.sqrt(maxPixels / (w * h)));
  // The pixmap covers the page rounded out to whole pixels: keep that within the limit too.
  for (let i = 0; i < 50 && (Math.ceil(w * scale) + 1) * (Math.ceil(h * scale) + 1) > maxPixels; i++) scale *= 0.99;
  if (scale < MIN_RENDER_SCALE) return undefined;
  // Grey is enough for OCR, and a third of the pixels' memory.
  const pixmap = page.toPixmap(mupdf.Matrix.scale(scale, scale), mupdf.ColorSpace.DeviceGray, false, true);
  try {
    return { png: Buffer.from(pixmap.asPNG()), dpi: Math.round(scale * 72 * 100) / 100 };
  } finally {
    pixmap.destroy();
  }
}

/** /Title when it names the document: not a file name, an editor's default or garbage. */
export function meaningfulTitle(raw: string | undefined): string | undefined {
  const title = (raw ?? '').replace(/[\s\u00a0\u3000]+/g, ' ').trim();
  if (!title || title.length > 200) return undefined;
  if (BAD_CHAR.test(title)) return undefined;
  if (/^microsoft\s+(?:word|excel|powerpoint)\s*-/i.test(title)) return undefined;
  if (/\.(?:docx?|wps|pdf|xlsx?|et|rtf|txt|html?|ofd|tmp)$/i.test(title)) return undefined;
  if (/^(?:untitled|无标题|未命名|document\s*\d*|文档\s*\d*|新建.*文档|slide\s*\d*|powerpoint\s*演示文稿|幻灯片\s*\d*|pdf|title|标题|\d+|[\W_]+)$/iu.test(title)) return undefined;
  if (!/[\u3400-\u9fff]/u.test(title) && !/[a-z]{3}/i.test(title)) return undefined;
  return title;
}

function fail(message: string, failure: 'corrupt' | 'encrypted' | 'too_large', cause?: unknown): never {
  throw new FileReadError(message, failure, undefined, cause === undefined ? undefined : { cause });
}

export async function readPdf(bytes: Buffer, limits: ReadLimits = DEFAULT_READ_LIMITS): Promise<FileContent> {
  const started = Date.now();
  const head = bytes.subarray(0, 1024).toString('latin1');
  if (!head.includes('%PDF-')) fail('not a PDF: no %PDF- header', 'corrupt');
  const mupdf = await loadMupdf();
  let doc: Mupdf.Document;
  try {
    doc = mupdf.Document.openDocument(bytes, 'application/pdf');
  } catch (err) {
    fail(`PDF cannot be opened: ${(err as Error).message}`, 'corrupt', err);
  }
  try {
    if (doc.needsPassword() && !doc.authenticatePassword('')) fail('PDF is encrypted with a password', 'encrypted');
    let count: number;
    try {
      count = doc.countPages();
    } catch (err) {
      fail(`PDF page tree cannot be read: ${(err as Error).message}`, 'corrupt', err);
    }
    const repaired = doc.asPDF()?.wasRepaired() ?? false;
    // A file cut short loses its page tree (written last by most producers): nothing to read.
    if (count <= 0) fail(repaired ? 'PDF is truncated or damaged: no pages found' : 'PDF has no pages', 'corrupt');
    // A download cut short that MuPDF could patch up still misses what came after the cut: it is
    // not the file, and is better fetched again than archived as if whole.
    if (repaired && !bytes.subarray(Math.max(0, bytes.length - 2048)).toString('latin1').includes('%%EOF')) {
      fail('PDF is truncated: no end-of-file marker, cross-reference rebuilt', 'corrupt');
    }
    const toRead = Math.min(count, Math.max(0, limits.maxPages));
    const pages: PageRuns[] = [];
    const images: PageImage[] = [];
    let failedPages = 0;
    let skippedRenders = 0;
    for (let i = 0; i < toRead; i++) {
      if (Date.now() - started > TIME_BUDGET_MS) break;
      let page: Mupdf.Page | undefined;
      try {
        page = doc.loadPage(i);
        const info = readPdfPage(mupdf, page, i + 1);
        const ocr = pageNeedsOcr(info);
        if (ocr === 'scan') info.runs = [];
        if (ocr) {
          const rendered = renderPage(mupdf, page, limits.maxPagePixels);
          if (rendered) images.push({ page: i + 1, png: rendered.png, scanned: ocr === 'scan', dpi: rendered.dpi });
          else skippedRenders++;
        }
        pages.push({ page: info.page, width: info.width, height: info.height, runs: info.runs, rules: info.rules });
      } catch (err) {
        // A broken page loses that page only, unless it is a password (never per page).
        if (err instanceof FileReadError) throw err;
        failedPages++;
      } finally {
        page?.destroy();
      }
    }
    const laid = layOutPages(pages, 'pdf');
    const readable = laid.text.trim().length > 0 || images.length > 0;
    if (toRead > 0 && failedPages === toRead) fail(`no page of the PDF can be read (${failedPages} pages)`, 'corrupt');
    // A truncated file that had to be rebuilt and lost pages: read what it can, unless that is nothing.
    if (repaired && failedPages > 0 && !readable) fail('PDF is truncated or damaged', 'corrupt');
    if (!readable && skippedRenders > 0) fail('PDF pages are too large to render and have no text', 'too_large');
    const title = meaningfulTitle(doc.getMetaData('info:Title'));
    return { type: 'pdf', pages: count, text: laid.text, tables: laid.tables, images, ...(title ? { title } : {}) };
  } finally {
    doc.destroy();
  }
}
