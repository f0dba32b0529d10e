/**
 * Which PDF library reads the reports best: MuPDF (npm `mupdf`, WASM, AGPL-3.0) against pdf.js
 * (`pdfjs-dist` legacy build, Apache-2.0), on PDFs of Chinese reports with tables made by two
 * producers (LibreOffice, Chromium; see test/fixtures/pdf/make.sh).
 *
 *   node --import tsx scripts/bench-pdf.ts [--repeat N] [FILE.pdf | DIR] …
 *
 * Default files: test/fixtures/pdf/*.pdf. Each library runs in a child process of its own (so the
 * peak memory is its own), reads every file `repeat` times (default 3) and reports, per file:
 * - text ms/page: opening the file, characters with positions and ruling lines of every page, and
 *   the layout (src/read/positioned-text.ts) — the first reading of a file (cold fonts) and the
 *   median of the rest;
 * - render ms/page: a page to PNG at 200 dpi (pdf.js through @napi-rs/canvas);
 * - accuracy against the source the PDF was printed from (test/fixtures/pdf/truth.ts): character
 *   F1 and bigram F1 of the text, table cells equal to the HTML grid's, source rows of figures
 *   found as one line of the text with the same figures in order (fig.rows);
 * - glyphs without Unicode (U+FFFD, private use), positions per glyph or per span, rules found;
 * - peak RSS of the child.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { loadMupdf, readPdfPage, renderPage } from '../src/read/pdf.js';
import { layOutPages, type PageRuns, type RuleLine, type TextRun } from '../src/read/positioned-text.js';
import { bigramF1, charF1 } from '../test/helpers/text-f1.js';
import { compareGrids, fileTruth, numberRows } from '../test/fixtures/pdf/truth.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
type Lib = 'mupdf' | 'pdfjs';

interface FileResult {
  file: string;
  pages: number;
  /** Wall clock, first reading of the file in this process and median of all readings. */
  firstMsPerPage: number;
  wallMsPerPage: number;
  /** CPU time of the process (user + system), median of all readings: less moved by other load. */
  cpuMsPerPage: number;
  renderMsPerPage: number;
  renderCpuMsPerPage: number;
  pngBytesPerPage: number;
  f1?: number;
  bigramF1?: number;
  cells?: string;
  numbers?: string;
  /** Source table rows whose figures come out as one line, in order. */
  numberRows?: string;
  badGlyphs: number;
  runs: number;
  rules: number;
}

export interface Extracted {
  pages: PageRuns[];
  render: (page: number) => Promise<Buffer>;
  close: () => Promise<void> | void;
}

const BAD = /[\ufffd\ue000-\uf8ff]/gu;

// ------------------------------------------------------------------ mupdf

export async function mupdfOpen(bytes: Buffer): Promise<Extracted> {
  const mupdf = await loadMupdf();
  const doc = mupdf.Document.openDocument(bytes, 'application/pdf');
  const pages: PageRuns[] = [];
  const n = doc.countPages();
  for (let i = 0; i < n; i++) {
    const page = doc.loadPage(i);
    const info = readPdfPage(mupdf, page, i + 1);
    pages.push({ page: i + 1, width: info.width, height: info.height, runs: info.runs, rules: info.rules });
    page.destroy();
  }
  return {
    pages,
    render: async (p) => {
      const page = doc.loadPage(p - 1);
      try {
        return renderPage(mupdf, page, 40_000_000)!.png;
      } finally {
        page.destroy();
      }
    },
    close: () => doc.destroy(),
  };
}

// ------------------------------------------------------------------ pdf.js

type Matrix = [number, number, number, number, number, number];
const mul = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[2] * n[1],
  m[1] * n[0] + m[3] * n[1],
  m[0] * n[2] + m[2] * n[3],
  m[1] * n[2] + m[3] * n[3],
  m[0] * n[4] + m[2] * n[5] + m[4],
  m[1] * n[4] + m[3] * n[5] + m[5],
];
const apply = (m: Matrix, x: number, y: number): [number, number] => [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];

export async function pdfjsOpen(bytes: Buffer): Promise<Extracted> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const base = join(ROOT, 'node_modules/pdfjs-dist/');
  const doc = await pdfjs.getDocument({
    data: new Uint8Array(bytes),
    cMapUrl: join(base, 'cmaps/'),
    cMapPacked: true,
    standardFontDataUrl: join(base, 'standard_fonts/'),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: 0,
  }).promise;
  const { OPS } = pdfjs;
  const strokeOps = new Set<number>([OPS.stroke, OPS.closeStroke, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);
  const fillOps = new Set<number>([OPS.fill, OPS.eoFill, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);
  const pages: PageRuns[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const vp = page.getViewport({ scale: 1 });
    const runs: TextRun[] = [];
    const content = await page.getTextContent();
    for (const item of content.items) {
      if (!('str' in item) || !item.str.trim()) continue;
      const m = mul(vp.transform as Matrix, item.transform as Matrix);
      const size = Math.hypot(m[2], m[3]);
      // Baseline at (m[4], m[5]) in viewport space (y down); the box reaches about 0.88 em above it.
      runs.push({ text: item.str, x: m[4], y: m[5] - 0.88 * size, width: item.width * vp.scale, height: size });
    }
    const rules: RuleLine[] = [];
    const ops = await page.getOperatorList();
    let ctm = vp.transform as Matrix;
    const stack: Matrix[] = [];
    for (let k = 0; k < ops.fnArray.length; k++) {
      const fn = ops.fnArray[k]!;
      const args = ops.argsArray[k] as unknown[];
      if (fn === OPS.save) stack.push(ctm);
      else if (fn === OPS.restore) ctm = stack.pop() ?? ctm;
      else if (fn === OPS.transform) ctm = mul(ctm, args as Matrix);
      else if (fn === OPS.paintFormXObjectBegin) {
        stack.push(ctm);
        if (Array.isArray(args[0])) ctm = mul(ctm, args[0] as Matrix);
      } else if (fn === OPS.paintFormXObjectEnd) ctm = stack.pop() ?? ctm;
      else if (fn === OPS.constructPath) {
        const op = args[0] as number;
        const data = (args[1] as (Float32Array | null)[])[0];
        if (!data) continue;
        const stroked = strokeOps.has(op);
        const filled = fillOps.has(op);
        if (!stroked && !filled) continue;
        // Subpaths of straight segments (DrawOPS: 0 moveTo, 1 lineTo, 2 curveTo, 3 quadratic, 4 close).
        const subs: { pts: [number, number][]; curved: boolean }[] = [];
        for (let j = 0; j < data.length; ) {
          const o = data[j++];
          if (o === 0) subs.push({ pts: [apply(ctm, data[j++]!, data[j++]!)], curved: false });
          else if (o === 1) subs[subs.length - 1]?.pts.push(apply(ctm, data[j++]!, data[j++]!));
          else if (o === 2) {
            j += 6;
            if (subs.length) subs[subs.length - 1]!.curved = true;
          } else if (o === 3) {
            j += 4;
            if (subs.length) subs[subs.length - 1]!.curved = true;
          } else if (o === 4) {
            const s = subs[subs.length - 1];
            if (s) s.pts.push(s.pts[0]!);
          }
        }
        for (const s of subs) {
          if (s.curved || s.pts.length < 2) continue;
          const xs = s.pts.map((p) => p[0]);
          const ys = s.pts.map((p) => p[1]);
          const w = Math.max(...xs) - Math.min(...xs);
          const h = Math.max(...ys) - Math.min(...ys);
          if (filled && !stroked && s.pts.length >= 4 && s.pts.length <= 6) {
            const x0 = Math.min(...xs);
            const y0 = Math.min(...ys);
            if (h <= 2.5 && w >= 2) rules.push({ x0, y0: y0 + h / 2, x1: x0 + w, y1: y0 + h / 2 });
            else if (w <= 2.5 && h >= 2) rules.push({ x0: x0 + w / 2, y0, x1: x0 + w / 2, y1: y0 + h });
            continue;
          }
          if (!stroked) continue;
          for (let j = 1; j < s.pts.length; j++) {
            const [x0, y0] = s.pts[j - 1]!;
            const [x1, y1] = s.pts[j]!;
            if (Math.abs(x1 - x0) < 0.5 || Math.abs(y1 - y0) < 0.5) rules.push({ x0, y0, x1, y1 });
          }
        }
      }
    }
    pages.push({ page: i, width: vp.width, height: vp.height, runs, rules });
    page.cleanup();
  }
  return {
    pages,
    render: async (p) => {
      const page = await doc.getPage(p);
      const viewport = page.getViewport({ scale: 200 / 72 });
      const factory = (doc as unknown as { canvasFactory: { create(w: number, h: number): { canvas: { toBuffer(mime: string): Buffer }; context: unknown } } }).canvasFactory;
      const { canvas, context } = factory.create(Math.ceil(viewport.width), Math.ceil(viewport.height));
      await page.render({ canvasContext: context as CanvasRenderingContext2D, canvas: canvas as unknown as HTMLCanvasElement, viewport }).promise;
      page.cleanup();
      return canvas.toBuffer('image/png');
    },
    close: () => doc.destroy(),
  };
}

// ------------------------------------------------------------------ one library, in a child

const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)]! : NaN;
};

async function runChild(lib: Lib, files: string[], repeat: number): Promise<void> {
  const open = lib === 'mupdf' ? mupdfOpen : pdfjsOpen;
  // Warm the library up (WASM compile, module load) on a file that is not measured.
  const warm = await open(readFileSync(files[0]!));
  await warm.close();
  const results: FileResult[] = [];
  for (const file of files) {
    const bytes = readFileSync(file);
    const times: number[] = [];
    const cpuTimes: number[] = [];
    let last: { pages: PageRuns[]; text: string; tables: string[][][] } | undefined;
    for (let r = 0; r < repeat; r++) {
      const t0 = performance.now();
      const c0 = cpuMs();
      const ex = await open(bytes);
      const laid = layOutPages(ex.pages, 'pdf');
      times.push((performance.now() - t0) / Math.max(1, ex.pages.length));
      cpuTimes.push((cpuMs() - c0) / Math.max(1, ex.pages.length));
      last = { pages: ex.pages, text: laid.text, tables: laid.tables.map((t) => t.rows) };
      await ex.close();
    }
    const ex = await open(bytes);
    const renderTimes: number[] = [];
    const renderCpu: number[] = [];
    let pngBytes = 0;
    for (const p of ex.pages) {
      const t0 = performance.now();
      const c0 = cpuMs();
      const png = await ex.render(p.page);
      renderTimes.push(performance.now() - t0);
      renderCpu.push(cpuMs() - c0);
      pngBytes += png.length;
    }
    await ex.close();
    const truth = fileTruth(file);
    const allText = last!.pages.flatMap((p) => p.runs.map((r) => r.text)).join('');
    const result: FileResult = {
      file: file.split('/').pop()!,
      pages: last!.pages.length,
      firstMsPerPage: times[0]!,
      wallMsPerPage: median(times),
      cpuMsPerPage: median(cpuTimes),
      renderMsPerPage: median(renderTimes),
      renderCpuMsPerPage: median(renderCpu),
      pngBytesPerPage: Math.round(pngBytes / Math.max(1, ex.pages.length)),
      badGlyphs: (allText.match(BAD) ?? []).length,
      runs: last!.pages.reduce((n, p) => n + p.runs.length, 0),
      rules: last!.pages.reduce((n, p) => n + (p.rules?.length ?? 0), 0),
    };
    if (truth) {
      const g = compareGrids(last!.tables, truth.grids);
      const n = numberRows(last!.text, truth);
      result.numberRows = `${n.found}/${n.total}`;
      result.f1 = charF1(last!.text, truth.text).f1;
      result.bigramF1 = bigramF1(last!.text, truth.text).f1;
      result.cells = `${g.cells}/${g.total}`;
      result.numbers = `${g.numbers}/${g.numbersTotal}`;
    }
    results.push(result);
  }
  process.stdout.write(JSON.stringify({ lib, results, maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }));
}

// ------------------------------------------------------------------ the parent

function listFiles(args: string[]): string[] {
  const targets = args.length ? args : [join(ROOT, 'test/fixtures/pdf')];
  const files: string[] = [];
  for (const t of targets) {
    if (statSync(t).isDirectory()) files.push(...readdirSync(t).filter((f) => f.endsWith('.pdf')).sort().map((f) => join(t, f)));
    else files.push(t);
  }
  // Only files with text to compare: the scan and the encrypted fixture measure nothing here.
  return files.filter((f) => fileTruth(f));
}

interface Summary {
  wall: number[];
  cpu: number[];
  render: number[];
  renderCpu: number[];
  f1: number[];
  cells: [number, number];
  rows: [number, number];
  rss: number;
  bad: number;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  let repeat = 3;
  const ri = argv.indexOf('--repeat');
  if (ri >= 0) {
    repeat = Math.max(1, Number(argv[ri + 1]) || 3);
    argv.splice(ri, 2);
  }
  const childAt = argv.indexOf('--child');
  if (childAt >= 0) {
    const lib = argv[childAt + 1] as Lib;
    await runChild(lib, argv.slice(childAt + 2), repeat);
    return;
  }
  const files = listFiles(argv);
  if (!files.length) throw new Error('no PDFs with a known source to measure');
  console.log(`${files.length} PDFs, ${repeat} readings each, ${(await import('node:os')).cpus().length} cores\n`);
  const summary: Record<string, Summary> = {};
  for (const lib of ['mupdf', 'pdfjs'] as const) {
    const child = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--repeat', String(repeat), '--child', lib, ...files], {
      cwd: ROOT,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    if (child.status !== 0) {
      console.log(`${lib}: failed\n${child.stderr}`);
      continue;
    }
    const out = JSON.parse(child.stdout.slice(child.stdout.indexOf('{'))) as { lib: Lib; results: FileResult[]; maxRssMb: number };
    console.log(`== ${lib} (peak RSS ${out.maxRssMb} MB)`);
    console.log('file                             pages  text ms/p: first  wall   cpu   render ms/p: wall  cpu  PNG KB/p  charF1  bigramF1    cells  fig.rows  bad glyphs  runs rules');
    for (const r of out.results) {
      const key = `${lib} ${/\.chromium[.]/.test(r.file) ? 'Chromium' : 'LibreOffice'}`;
      const s = (summary[key] ??= { wall: [], cpu: [], render: [], renderCpu: [], f1: [], cells: [0, 0], rows: [0, 0], rss: out.maxRssMb, bad: 0 });
      console.log(
        [
          r.file.padEnd(32),
          String(r.pages).padStart(5),
          r.firstMsPerPage.toFixed(1).padStart(16),
          r.wallMsPerPage.toFixed(1).padStart(6),
          r.cpuMsPerPage.toFixed(1).padStart(5),
          r.renderMsPerPage.toFixed(1).padStart(19),
          r.renderCpuMsPerPage.toFixed(1).padStart(5),
          (r.pngBytesPerPage / 1024).toFixed(0).padStart(9),
          (r.f1?.toFixed(4) ?? '-').padStart(7),
          (r.bigramF1?.toFixed(4) ?? '-').padStart(9),
          (r.cells ?? '-').padStart(8),
          (r.numberRows ?? '-').padStart(9),
          String(r.badGlyphs).padStart(11),
          String(r.runs).padStart(5),
          String(r.rules).padStart(5),
        ].join(' '),
      );
      s.wall.push(r.wallMsPerPage);
      s.cpu.push(r.cpuMsPerPage);
      s.render.push(r.renderMsPerPage);
      s.renderCpu.push(r.renderCpuMsPerPage);
      if (r.f1 !== undefined) s.f1.push(r.f1);
      if (r.cells) {
        const [a, b] = r.cells.split('/').map(Number) as [number, number];
        s.cells[0] += a;
        s.cells[1] += b;
      }
      if (r.numberRows) {
        const [a, b] = r.numberRows.split('/').map(Number) as [number, number];
        s.rows[0] += a;
        s.rows[1] += b;
      }
      s.bad += r.badGlyphs;
    }
    console.log('');
  }
  console.log('summary by library and producer (medians over files)');
  for (const [key, s] of Object.entries(summary)) {
    console.log(
      `${key.padEnd(18)} text+tables ${median(s.wall).toFixed(1)} ms/page wall, ${median(s.cpu).toFixed(1)} cpu; render 200 dpi ${median(s.render).toFixed(1)} ms/page wall, ${median(s.renderCpu).toFixed(1)} cpu; ` +
        `char F1 min ${Math.min(...s.f1).toFixed(4)}; table cells ${s.cells[0]}/${s.cells[1]}; figure rows ${s.rows[0]}/${s.rows[1]}; glyphs without Unicode ${s.bad}; peak RSS ${s.rss} MB; ` +
        `positions ${key.startsWith('mupdf') ? 'per glyph (quads)' : 'per text item (span)'}`,
    );
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
