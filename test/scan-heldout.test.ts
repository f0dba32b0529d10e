/**
 * Scanned pages on a document the scan rules were not written from: the simulated portal's scan
 * (sim/fixtures/files, pdftoppm at 150 dpi) is what the OCR layout was tuned on; here two other
 * text PDFs (LibreOffice's 2019 report with borderless tables, Chromium's 2023 report) are
 * rendered by MuPDF instead, tilted, blurred and JPEG-compressed differently, read as scans, and
 * compared with their own text layers.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { loadMupdf, readPdf } from '../src/read/pdf.js';
import { createTableImageReader, PaddleDetector, type TextDetector } from '../src/extract/ocr/index.js';
import { withScansRead } from '../src/process/report-files.js';
import { extractFigures } from '../src/extract/figures/index.js';
import type { PageImage } from '../src/read/file-types.js';
import { charF1 } from './helpers/text-f1.js';

const ocr = createTableImageReader();
after(() => ocr.close());

async function scanOf(bytes: Buffer, tilts: number[]): Promise<PageImage[]> {
  const mupdf = await loadMupdf();
  const doc = mupdf.Document.openDocument(bytes, 'application/pdf');
  const images: PageImage[] = [];
  for (let i = 0; i < doc.countPages(); i++) {
    const pix = doc.loadPage(i).toPixmap(mupdf.Matrix.scale(150 / 72, 150 / 72), mupdf.ColorSpace.DeviceGray, false, true);
    const jpeg = await sharp(Buffer.from(pix.asPNG())).rotate(tilts[i % tilts.length]!, { background: '#f4f2ee' }).blur(0.5).jpeg({ quality: 50 }).toBuffer();
    images.push({ page: i + 1, png: await sharp(jpeg).greyscale().png().toBuffer(), scanned: true, dpi: 150 });
  }
  return images;
}

for (const [file, year, tilts] of [
  ['lankao-2019-report.pdf', 2019, [0.5, -0.4, 0.35]],
  ['lankao-2023-report.pdf', 2023, [-0.3, 0.45, -0.2, 0.25]],
] as const) {
  test(`a scan of ${file} (MuPDF, tilted, JPEG) reads back as its text layer: character F1 ≥ 0.97`, async () => {
    const bytes = readFileSync(new URL(`../sim/fixtures/files/${file}`, import.meta.url));
    const truth = await readPdf(bytes);
    const images = await scanOf(bytes, [...tilts]);
    const { content, ocrUsed } = await withScansRead({ ...truth, text: '', tables: [], images }, ocr);
    assert.ok(ocrUsed);
    const f1 = charF1(content.text, truth.text).f1;
    // Figures are reported, not held to a floor: these tables' hairline rules, blurred at 150 dpi,
    // still lose rows in the table reader (see the README's measurements).
    const want = extractFigures(truth.tables, { reportYear: year });
    const got = extractFigures(content.tables, { reportYear: year });
    const keys = Object.keys(want.figures);
    const right = keys.filter((k) => got.figures[k] === want.figures[k]).length;
    console.log(`# ${file} as a scan: F1 ${f1.toFixed(3)}, figures ${right}/${keys.length}, failed checks ${got.checks.filter((c) => !c.ok).length}`);
    assert.ok(f1 >= 0.97, `F1 ${f1.toFixed(3)}`);
    // Paragraphs come back whole: the text has about as many lines as the text layer's.
    const lines = (t: string): number => t.split('\n').filter((l) => l.trim()).length;
    assert.ok(Math.abs(lines(content.text) - lines(truth.text)) <= lines(truth.text) * 0.25, `${lines(content.text)} lines, text layer ${lines(truth.text)}`);
  });
}

test('a scanned table\'s cell lines are read once: the page reader takes the table reader\'s readings, and reads as when it reads every line again', async () => {
  const bytes = readFileSync(new URL('../sim/fixtures/files/lankao-2023-report.pdf', import.meta.url));
  const [, page] = await scanOf(bytes, [0, 0.45]); // page 2: two ruled tables and some text
  const engine = new PaddleDetector();
  let read = 0;
  const recognize = engine.recognizeLines.bind(engine);
  engine.recognizeLines = async (lines) => {
    read += lines.length;
    return recognize(lines);
  };
  try {
    // An engine that can only detect and read whole images: every line read by the page reader.
    const everyLine: TextDetector = { detect: (png) => engine.detect(png), recognizeLines: (lines) => engine.recognizeLines(lines) };
    const again = await withScansRead({ type: 'pdf', pages: 1, text: '', tables: [], images: [page!] }, createTableImageReader(everyLine));
    const readAgain = read;
    read = 0;
    const once = await withScansRead({ type: 'pdf', pages: 1, text: '', tables: [], images: [page!] }, createTableImageReader(engine));
    console.log(`# lines read: ${read} (every line again: ${readAgain})`);
    assert.ok(read < readAgain * 0.75, `${read} lines read, ${readAgain} reading every line again`);
    assert.ok(charF1(once.content.text, again.content.text).f1 >= 0.98);
    assert.deepEqual(once.content.tables.map((t) => t.rows), again.content.tables.map((t) => t.rows));
  } finally {
    await engine.close();
  }
});
