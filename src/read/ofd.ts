/**
 * OFD (GB/T 33190-2016, China's fixed-layout format: a zip of XML parts).
 *
 * OFD.xml → DocBody (DocInfo/Title, DocRoot) → Document.xml (CommonData/PageArea, Pages/Page
 * BaseLoc) → each page's Content.xml: Layers holding TextObjects, PathObjects, ImageObjects and
 * PageBlocks (groups, read recursively). Element names are matched without their prefix, so
 * `ofd:TextObject` and a default-namespace `TextObject` read alike.
 *
 * Geometry: an object's own coordinates start at its Boundary's top-left corner (mm, y down) and
 * go through its CTM "a b c d e f" first when it has one: page = Boundary.xy + CTM·(x, y).
 * A TextCode places its first glyph's baseline origin at (X, Y); DeltaX / DeltaY give the advance
 * to each next glyph, "g N v" standing for N advances of v (glyphs past the list advance by an
 * estimate of their width); a TextCode without X or Y takes the previous one's. Glyphs are grouped into runs, split where the advance
 * jumps by more than an em (text spread over table cells), and converted to points (×72/25.4):
 * top = baseline − ascent, height = size. PathObjects' straight, axis-parallel segments
 * (AbbreviatedData M/L/C, closed rectangles, hair-thin filled rectangles) become rule lines.
 * The positioned runs and rules go to layOutPages (positioned-text.ts), which finds the lines,
 * paragraphs and tables.
 *
 * Scanned pages: a page without text whose ImageObject covers most of it gives that picture
 * (PNG, or JPEG/TIFF/WebP converted to PNG with sharp, scaled to ReadLimits.maxPagePixels) as a
 * PageImage for OCR; the picture is found through the ResourceID in the document's and page's
 * resource files (PublicRes, DocumentRes, PageRes: MultiMedia → MediaFile under the Res BaseLoc).
 * JBIG2 and other formats sharp cannot decode give no image.
 *
 * Not read: template pages (TemplatePage: backgrounds, letterheads repeated on every page),
 * annotations, signatures and seals, text in composite units; glyph-only text (CGTransform
 * without characters) has no text to give; pictures on pages that have text.
 */
import { load } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import { FileReadError, type FileContent, type PageImage, type ReadLimits, DEFAULT_READ_LIMITS } from './file-types.js';
import { layOutPages, type PageRuns, type RuleLine, type TextRun } from './positioned-text.js';
import { meaningfulTitle } from './docx.js';
import { withZip, type ZipContainer } from './zip-container.js';

const MM_TO_PT = 72 / 25.4;
/** Ascent of a CJK font as a share of its size: the baseline sits this far below the top. */
const ASCENT = 0.88;
/** Glyphs and objects per page read at most (a hostile page must not cost more than a real one). */
const MAX_GLYPHS_PER_PAGE = 200_000;
const MAX_OBJECTS_PER_PAGE = 100_000;
const MAX_DELTAS = 100_000;
/** An A4 page in mm, when a document gives no page area at all. */
const A4: Box = { x: 0, y: 0, w: 210, h: 297 };

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Affine transform [a b c d e f]: x' = a·x + c·y + e, y' = b·x + d·y + f. */
type Matrix = [number, number, number, number, number, number];
const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

export async function readOfd(bytes: Buffer, limits: ReadLimits = DEFAULT_READ_LIMITS): Promise<FileContent> {
  return withZip(bytes, limits, async (zip) => {
    const ofdXml = await zip.readText('OFD.xml');
    if (ofdXml === undefined) throw new FileReadError('no OFD.xml: not an OFD file', 'corrupt');
    const ofd = parseXml(ofdXml);
    const body = firstDesc(ofd, 'DocBody');
    const rootLoc = body && textOf(firstDesc(body, 'DocRoot'));
    if (!rootLoc) throw new FileReadError('OFD.xml names no DocRoot', 'corrupt');
    const docPath = resolveLoc('', rootLoc);
    const docXml = await zip.readText(docPath);
    if (docXml === undefined) throw new FileReadError(`OFD document ${docPath} missing`, 'corrupt');
    const doc = parseXml(docXml);
    const docDir = dirOf(docPath);
    const common = firstDesc(doc, 'CommonData');
    const docArea = (common && pageBox(firstDesc(common, 'PageArea'))) ?? A4;

    const media = new Map<string, string>();
    for (const el of common ? children(common) : []) {
      if (localName(el) === 'PublicRes' || localName(el) === 'DocumentRes') await readResources(zip, resolveLoc(docDir, textOf(el)), media);
    }

    const pageEls = descendants(firstDesc(doc, 'Pages') ?? doc, 'Page');
    const pages: PageRuns[] = [];
    const images: PageImage[] = [];
    for (const [i, pageEl] of pageEls.slice(0, limits.maxPages).entries()) {
      const loc = pageEl.attribs['BaseLoc'];
      if (!loc) continue;
      const read = await readPage(zip, resolveLoc(docDir, loc), i + 1, docArea, media);
      pages.push(read.page);
      if (read.scan) {
        const image = await scannedPageImage(zip, read.scan, i + 1, limits.maxPagePixels);
        if (image) images.push(image);
      }
    }
    const laid = layOutPages(pages, 'ofd');
    const title = meaningfulTitle(textOf(body && firstDesc(body, 'Title')));
    return { type: 'ofd', pages: pageEls.length, text: laid.text, tables: laid.tables, images, ...(title ? { title } : {}) };
  });
}

/** A picture placed on a page: its media file and its box on the page (mm). */
interface PlacedImage {
  file: string;
  box: Box;
}

async function readPage(zip: ZipContainer, path: string, page: number, docArea: Box, docMedia: Map<string, string>): Promise<{ page: PageRuns; scan?: PlacedImage }> {
  const xml = await zip.readText(path);
  if (xml === undefined) throw new FileReadError(`OFD page ${path} missing`, 'corrupt');
  const root = parseXml(xml);
  // A page's own Area overrides the document's.
  const areaEl = children(root).find((c) => localName(c) === 'Area');
  const area = pageBox(areaEl) ?? docArea;
  const found: Found = { runs: [], rules: [], images: [] };
  const budget = { objects: MAX_OBJECTS_PER_PAGE, glyphs: MAX_GLYPHS_PER_PAGE };
  const content = children(root).find((c) => localName(c) === 'Content');
  if (content) {
    for (const layer of children(content)) {
      if (localName(layer) === 'Layer') readObjects(layer, area, found, budget);
    }
  }
  const result: { page: PageRuns; scan?: PlacedImage } = { page: { page, width: area.w * MM_TO_PT, height: area.h * MM_TO_PT, runs: found.runs, rules: found.rules } };
  if (!found.runs.length && found.images.length) {
    // A scan: no text, a picture over most of the page.
    const biggest = [...found.images].sort((a, b) => b.box.w * b.box.h - a.box.w * a.box.h)[0]!;
    if (biggest.box.w * biggest.box.h >= 0.5 * area.w * area.h) {
      let media = docMedia;
      const pageRes = children(root).filter((c) => localName(c) === 'PageRes');
      if (pageRes.length) {
        media = new Map(docMedia);
        for (const el of pageRes) await readResources(zip, resolveLoc(dirOf(path), textOf(el)), media);
      }
      const file = media.get(biggest.resourceId);
      if (file) result.scan = { file, box: biggest.box };
    }
  }
  return result;
}

interface Found {
  runs: TextRun[];
  rules: RuleLine[];
  images: { resourceId: string; box: Box }[];
}

function readObjects(container: Element, area: Box, found: Found, budget: { objects: number; glyphs: number }): void {
  for (const el of children(container)) {
    if (--budget.objects < 0) return;
    switch (localName(el)) {
      case 'TextObject':
        textRuns(el, area, found.runs, budget);
        break;
      case 'PathObject':
        pathRules(el, area, found.rules);
        break;
      case 'ImageObject': {
        const m = objectMatrix(el, area);
        const id = el.attribs['ResourceID'];
        if (!m || !id) break;
        // An image fills the unit square of its own coordinates.
        const pts = [apply(m, 0, 0), apply(m, 1, 0), apply(m, 0, 1), apply(m, 1, 1)];
        const xs = pts.map((p) => p[0]);
        const ys = pts.map((p) => p[1]);
        const box = { x: Math.min(...xs), y: Math.min(...ys), w: Math.max(...xs) - Math.min(...xs), h: Math.max(...ys) - Math.min(...ys) };
        if ([box.x, box.y, box.w, box.h].every(Number.isFinite)) found.images.push({ resourceId: id, box });
        break;
      }
      case 'PageBlock':
        readObjects(el, area, found, budget);
        break;
    }
  }
}

/** MultiMedia resources of a Res file: ID → media file path in the package. */
async function readResources(zip: ZipContainer, path: string, into: Map<string, string>): Promise<void> {
  if (!path) return;
  const xml = await zip.readText(path);
  if (!xml) return;
  const res = parseXml(xml);
  const base = resolveLoc(dirOf(path), res.attribs['BaseLoc'] ?? '');
  const dir = base ? `${base}/` : '';
  for (const mm of descendants(res, 'MultiMedia')) {
    const id = mm.attribs['ID'];
    const file = textOf(children(mm).find((c) => localName(c) === 'MediaFile')).trim();
    if (id && file) into.set(id, resolveLoc(dir, file));
  }
}

/** The picture of a scanned page as PNG, at most `maxPixels`; undefined when it cannot be decoded. */
async function scannedPageImage(zip: ZipContainer, scan: PlacedImage, page: number, maxPixels: number): Promise<PageImage | undefined> {
  const bytes = await zip.read(scan.file);
  if (!bytes?.length) return undefined;
  try {
    const { default: sharp } = await import('sharp');
    // Headers are read first; sharp's own input limit (about 268 million pixels) refuses a
    // picture claiming more, and libvips scales down without holding the whole picture.
    const meta = await sharp(bytes).metadata();
    const w = meta.width ?? 0;
    const h = meta.height ?? 0;
    if (!w || !h) return undefined;
    const scale = Math.min(1, Math.sqrt(maxPixels / (w * h)));
    let img = sharp(bytes).flatten({ background: '#ffffff' });
    if (scale < 1) img = img.resize(Math.max(1, Math.floor(w * scale)), Math.max(1, Math.floor(h * scale)));
    const png = await img.png().toBuffer();
    const dpi = Math.round(((w * scale) / (scan.box.w / 25.4)) * 100) / 100;
    return { page, png, scanned: true, ...(Number.isFinite(dpi) && dpi > 0 ? { dpi } : {}) };
  } catch {
    return undefined;
  }
}

/** The transform from an object's own coordinates to page mm (relative to the page area's origin). */
function objectMatrix(el: Element, area: Box): Matrix | undefined {
  const boundary = numbers(el.attribs['Boundary']);
  if (boundary.length < 4) return undefined;
  const ctm = numbers(el.attribs['CTM']);
  const m: Matrix = ctm.length === 6 ? (ctm as Matrix) : IDENTITY;
  // Then translate by the Boundary's origin, relative to the page area.
  return [m[0], m[1], m[2], m[3], m[4] + boundary[0]! - area.x, m[5] + boundary[1]! - area.y];
}

function apply(m: Matrix, x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}

/**
 * DeltaX / DeltaY values, "g N v" expanded to N copies of v. Hostile counts are capped.
 */
export function expandDeltas(raw: string | undefined): number[] {
  if (!raw) return [];
  const tokens = raw.trim().split(/[\s,]+/);
  const out: number[] = [];
  for (let i = 0; i < tokens.length && out.length < MAX_DELTAS; i++) {
    const t = tokens[i]!;
    if (t === 'g' || t === 'G') {
      const n = Number.parseInt(tokens[i + 1] ?? '', 10);
      const v = Number.parseFloat(tokens[i + 2] ?? '');
      i += 2;
      if (!Number.isFinite(n) || !Number.isFinite(v) || n < 0) continue;
      for (let k = 0; k < n && out.length < MAX_DELTAS; k++) out.push(v);
    } else {
      const v = Number.parseFloat(t);
      if (Number.isFinite(v)) out.push(v);
    }
  }
  return out;
}

const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u3000-\u303f\u2014\u2026\u201c\u201d\u2018\u2019]/u;
function advanceOf(ch: string, size: number): number {
  return WIDE.test(ch) ? size : 0.5 * size;
}

interface Glyph {
  ch: string;
  /** Baseline origin in the object's own coordinates. */
  x: number;
  y: number;
  /** Advance to the next glyph in the object's coordinates, or the estimate for the last one. */
  adv: number;
  explicit: boolean;
}

function textRuns(el: Element, area: Box, runs: TextRun[], budget: { glyphs: number }): void {
  const m = objectMatrix(el, area);
  if (!m) return;
  const size = Number.parseFloat(el.attribs['Size'] ?? '') || 3.5;
  const hScale = Number.parseFloat(el.attribs['HScale'] ?? '') || 1;
  const scaleX = Math.hypot(m[0], m[1]);
  const scaleY = Math.hypot(m[2], m[3]);
  const rotated = Math.abs(m[1]) > 1e-3 * scaleX || Math.abs(m[2]) > 1e-3 * scaleY || m[0] < 0 || m[3] < 0;
  const readDir = Number.parseInt(el.attribs['ReadDirection'] ?? '0', 10) || 0;
  // A TextCode without X (or Y) takes the previous TextCode's X (or Y) (GB/T 33190 table 46).
  let lastX = 0;
  let lastY = 0;
  for (const code of children(el)) {
    if (localName(code) !== 'TextCode') continue;
    let text = textOf(code);
    // Pretty-printed XML puts line breaks and indentation around the text: not glyphs.
    if (/[\r\n]/.test(text)) text = text.replace(/^[\s]+|[\s]+$/g, '').replace(/[\r\n]+\s*/g, '');
    const chars = [...text];
    if (!chars.length) continue;
    if (budget.glyphs < chars.length) return;
    budget.glyphs -= chars.length;
    const x0 = Number.parseFloat(code.attribs['X'] ?? '');
    const y0 = Number.parseFloat(code.attribs['Y'] ?? '');
    lastX = Number.isFinite(x0) ? x0 : lastX;
    lastY = Number.isFinite(y0) ? y0 : lastY;
    const dx = expandDeltas(code.attribs['DeltaX']);
    const dy = expandDeltas(code.attribs['DeltaY']);
    const glyphs: Glyph[] = [];
    let x = lastX;
    let y = lastY;
    chars.forEach((ch, i) => {
      const explicitX = i < dx.length;
      const estimate = advanceOf(ch, size) * hScale;
      const adv = readDir === 0 ? (explicitX ? dx[i]! : estimate) : 0;
      glyphs.push({ ch, x, y, adv, explicit: explicitX });
      if (i < chars.length - 1) {
        x += readDir === 0 ? adv : explicitX ? dx[i]! : 0;
        y += i < dy.length ? dy[i]! : readDir === 0 ? 0 : size;
      }
    });
    const last = glyphs[glyphs.length - 1]!;
    // The last glyph's advance is never given: estimate it from the others of its kind.
    last.adv = readDir === 0 ? advanceOf(last.ch, size) * hScale : 0;
    if (rotated || readDir !== 0) {
      for (const g of glyphs) pushRun(runs, [g], m, size);
      continue;
    }
    // Split where the pen jumps: text spread over table cells in one TextCode.
    let group: Glyph[] = [];
    for (const g of glyphs) {
      const prev = group[group.length - 1];
      if (prev) {
        const expected = advanceOf(prev.ch, size) * hScale;
        const jump = g.x - prev.x - expected;
        if (Math.abs(g.y - prev.y) > 0.3 * size || jump > size || jump < -0.5 * size) {
          pushRun(runs, group, m, size);
          group = [];
        }
      }
      group.push(g);
    }
    pushRun(runs, group, m, size);
  }
}

function pushRun(runs: TextRun[], glyphs: Glyph[], m: Matrix, size: number): void {
  if (!glyphs.length) return;
  const text = glyphs.map((g) => g.ch).join('');
  if (!text.trim()) return;
  const first = glyphs[0]!;
  const last = glyphs[glyphs.length - 1]!;
  // Corners of the run's box in object coordinates, mapped to the page.
  const top = first.y - ASCENT * size;
  const bottom = first.y + (1 - ASCENT) * size;
  const right = last.x + last.adv;
  const pts = [apply(m, first.x, top), apply(m, right, top), apply(m, first.x, bottom), apply(m, right, bottom)];
  const xs = pts.map((p) => p[0]);
  const ys = pts.map((p) => p[1]);
  const x0 = Math.min(...xs);
  const y0 = Math.min(...ys);
  const w = Math.max(...xs) - x0;
  const h = Math.max(...ys) - y0;
  if (![x0, y0, w, h].every(Number.isFinite) || h <= 0) return;
  runs.push({ text, x: x0 * MM_TO_PT, y: y0 * MM_TO_PT, width: w * MM_TO_PT, height: h * MM_TO_PT });
}

/** Path commands and how many numbers each takes (GB/T 33190 §9.3.3 AbbreviatedData). */
const PATH_ARGS: Record<string, number> = { S: 2, M: 2, L: 2, Q: 4, B: 6, A: 7, C: 0 };

/** Straight, axis-parallel segments of a path (closing segments included), in page points. */
function pathRules(el: Element, area: Box, rules: RuleLine[]): void {
  const m = objectMatrix(el, area);
  if (!m) return;
  const data = textOf(children(el).find((c) => localName(c) === 'AbbreviatedData'));
  if (!data) return;
  const stroke = (el.attribs['Stroke'] ?? 'true') !== 'false';
  const fill = el.attribs['Fill'] === 'true';
  if (!stroke && !fill) return;
  const tokens = data.trim().split(/[\s,]+/);
  const segments: [number, number, number, number][] = [];
  const subpaths: [number, number][][] = [];
  let current: [number, number][] = [];
  let start: [number, number] | undefined;
  let pen: [number, number] | undefined;
  for (let i = 0; i < tokens.length && segments.length < 10_000; ) {
    const cmd = tokens[i++]!;
    const n = PATH_ARGS[cmd];
    if (n === undefined) continue;
    const args = tokens.slice(i, i + n).map(Number);
    i += n;
    if (args.some((v) => !Number.isFinite(v))) break;
    if (cmd === 'M' || cmd === 'S') {
      if (current.length) subpaths.push(current);
      pen = start = [args[0]!, args[1]!];
      current = [pen];
    } else if (cmd === 'L') {
      const next: [number, number] = [args[0]!, args[1]!];
      if (pen) segments.push([pen[0], pen[1], next[0], next[1]]);
      pen = next;
      current.push(next);
    } else if (cmd === 'C') {
      if (pen && start) segments.push([pen[0], pen[1], start[0], start[1]]);
      pen = start;
    } else {
      // Curves and arcs end at their last point; they are not rules.
      pen = [args[n - 2]!, args[n - 1]!];
      current.push(pen);
    }
  }
  if (current.length) subpaths.push(current);

  const toPt = (x: number, y: number): [number, number] => {
    const [px, py] = apply(m, x, y);
    return [px * MM_TO_PT, py * MM_TO_PT];
  };
  if (stroke) {
    for (const [ax, ay, bx, by] of segments) {
      const [x0, y0] = toPt(ax, ay);
      const [x1, y1] = toPt(bx, by);
      if (Math.abs(x0 - x1) < 0.5 || Math.abs(y0 - y1) < 0.5) rules.push({ x0, y0, x1, y1 });
    }
    return;
  }
  // Filled only: a hair-thin rectangle is a line drawn as a fill.
  for (const sp of subpaths) {
    const pts = sp.map(([x, y]) => toPt(x, y));
    if (pts.length < 3) continue;
    const xs = pts.map((p) => p[0]);
    const ys = pts.map((p) => p[1]);
    const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    if (y1 - y0 < 1.5 && x1 - x0 > 3) rules.push({ x0, y0: (y0 + y1) / 2, x1, y1: (y0 + y1) / 2 });
    else if (x1 - x0 < 1.5 && y1 - y0 > 3) rules.push({ x0: (x0 + x1) / 2, y0, x1: (x0 + x1) / 2, y1 });
  }
}

// ---------------------------------------------------------------- XML helpers

function parseXml(xml: string): Element {
  const $ = load(xml, { xml: true });
  const root = ($.root().children().toArray() as AnyNode[]).find(isTag);
  if (!root) throw new FileReadError('OFD part is not XML', 'corrupt');
  return root;
}

function isTag(node: AnyNode): node is Element {
  return node.type === 'tag';
}

function localName(el: Element): string {
  const i = el.name.indexOf(':');
  return i < 0 ? el.name : el.name.slice(i + 1);
}

function children(el: Element): Element[] {
  return el.children.filter(isTag);
}

function descendants(el: Element, name: string): Element[] {
  const out: Element[] = [];
  const visit = (e: Element): void => {
    for (const c of children(e)) {
      if (localName(c) === name) out.push(c);
      else visit(c);
    }
  };
  visit(el);
  return out;
}

function firstDesc(el: Element, name: string): Element | undefined {
  if (localName(el) === name) return el;
  for (const c of children(el)) {
    const found = firstDesc(c, name);
    if (found) return found;
  }
  return undefined;
}

function textOf(el: Element | undefined): string {
  if (!el) return '';
  let s = '';
  const visit = (n: AnyNode): void => {
    if (n.type === 'text') s += n.data;
    else if (isTag(n)) n.children.forEach(visit);
  };
  el.children.forEach(visit);
  return s;
}

function numbers(raw: string | undefined): number[] {
  if (!raw) return [];
  return raw
    .trim()
    .split(/[\s,]+/)
    .map(Number)
    .filter((n) => Number.isFinite(n));
}

/** PhysicalBox (or ApplicationBox) of an Area / PageArea element. */
function pageBox(area: Element | undefined): Box | undefined {
  if (!area) return undefined;
  for (const name of ['PhysicalBox', 'ApplicationBox']) {
    const el = children(area).find((c) => localName(c) === name);
    const n = numbers(textOf(el));
    if (n.length === 4 && n[2]! > 0 && n[3]! > 0 && n[2]! < 10_000 && n[3]! < 10_000) return { x: n[0]!, y: n[1]!, w: n[2]!, h: n[3]! };
  }
  return undefined;
}

function dirOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i + 1);
}

/** An ST_Loc: absolute ("/Doc_0/…", from the package root) or relative to `dir`; "." and ".." resolved. */
export function resolveLoc(dir: string, loc: string): string {
  const raw = loc.trim().replace(/\\/g, '/');
  const joined = raw.startsWith('/') ? raw.slice(1) : dir + raw;
  const parts: string[] = [];
  for (const part of joined.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return parts.join('/');
}
