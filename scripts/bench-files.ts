/**
 * `npm run bench:files`: what reading report files costs (issue 10). Prints numbers, asserts nothing.
 *
 * 1. PDF with a text layer: ms per page for text and tables (readPdf), per producer, over the
 *    simulated portal's files and the PDF test fixtures (LibreOffice, Chromium).
 * 2. Scanned PDF: s per page including OCR (text and ruled tables), the OCR model already loaded.
 * 3. A 100-page PDF read as a report the way a crawl does (read, scans none, record built), in a
 *    child process: its peak memory (max RSS).
 * Also DOCX, DOC, XLSX and OFD: ms per file.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { readFileContent, sniffFileType } from '../src/read/index.js';
import { withScansRead } from '../src/process/report-files.js';
import { buildRecord } from '../src/process/build-record.js';
import { createTableImageReader } from '../src/extract/ocr/index.js';

const FILES = new URL('../sim/fixtures/files/', import.meta.url);
const PDF_FIXTURES = new URL('../test/fixtures/pdf/', import.meta.url);

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)]! : NaN;
};

async function child(path: string): Promise<void> {
  const bytes = readFileSync(path);
  const t0 = performance.now();
  const built = (await buildRecord(
    { url: 'http://127.0.0.1/report.pdf', finalUrl: 'http://127.0.0.1/report.pdf', status: 200, headers: {}, body: bytes, fetchedAt: new Date().toISOString() },
    { id: 'bench', name: '兰考县人民政府', region: '410225' },
    { title: '兰考县人民政府2019年政府信息公开工作年度报告' },
    { image: async () => undefined, file: async () => ({ error: 'none' }), read: readFileContent },
  ))!; // no `wanted` filter: always a record
  const ms = performance.now() - t0;
  console.log(JSON.stringify({ ms, pages: built.record.attachments?.[0]?.pages, chars: built.record.text.length, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
}

async function main(): Promise<void> {
  if (process.argv[2] === '--child') return child(process.argv[3]!);
  // 1. Text PDFs.
  const pdfs = [
    ...readdirSync(FILES).filter((f) => f.endsWith('.pdf') && !f.includes('scan')).map((f) => new URL(f, FILES)),
    ...readdirSync(PDF_FIXTURES).filter((f) => /\.(lo|chromium)[.\w]*\.pdf$/.test(f) && !/scan|picture/.test(f)).map((f) => new URL(f, PDF_FIXTURES)),
  ];
  const perPage: Record<string, number[]> = {};
  for (const url of pdfs) {
    const bytes = readFileSync(url);
    const producer = /Skia|Chromium/i.test(bytes.toString('latin1')) ? 'chromium' : 'libreoffice';
    await readFileContent(bytes, 'pdf'); // warm: MuPDF's WASM loads once
    for (let run = 0; run < 3; run++) {
      const t0 = performance.now();
      const content = await readFileContent(bytes, 'pdf');
      (perPage[producer] ??= []).push((performance.now() - t0) / content.pages);
    }
  }
  for (const [producer, xs] of Object.entries(perPage)) console.log(`text PDF (${producer}): median ${median(xs).toFixed(1)} ms/page, max ${Math.max(...xs).toFixed(1)} (target ≤ 50)`);
  const all = Object.values(perPage).flat();
  console.log(`text PDF (all ${pdfs.length} files): median ${median(all).toFixed(1)} ms/page`);

  // Other formats.
  for (const f of readdirSync(FILES).filter((x) => /\.(docx|doc|xlsx|ofd)$/.test(x))) {
    const bytes = readFileSync(new URL(f, FILES));
    const type = sniffFileType(bytes);
    await readFileContent(bytes, type);
    const times: number[] = [];
    for (let run = 0; run < 3; run++) {
      const t0 = performance.now();
      await readFileContent(bytes, type);
      times.push(performance.now() - t0);
    }
    console.log(`${type} ${f}: median ${median(times).toFixed(1)} ms per file`);
  }

  // 2. Scanned PDF with OCR.
  const scan = readFileSync(new URL('lankao-finance-2020-scan.pdf', FILES));
  const ocr = createTableImageReader();
  const warm = await readFileContent(scan, 'pdf');
  await ocr.readScans(warm.images.slice(0, 1)); // the models load once per run
  const t0 = performance.now();
  const read = await withScansRead(await readFileContent(scan, 'pdf'), ocr);
  const seconds = (performance.now() - t0) / 1000;
  console.log(`scanned PDF: ${(seconds / warm.pages).toFixed(2)} s/page including OCR (${warm.pages} pages, ${read.content.tables.length} tables; target ≤ 3)`);
  await ocr.close();

  // 3. A 100-page PDF in a child process.
  const mupdf = await import('mupdf');
  const source = new mupdf.PDFDocument(readFileSync(new URL('lankao-2019-report.pdf', FILES)));
  const big = new mupdf.PDFDocument();
  for (let i = 0; big.countPages() < 100; i = (i + 1) % source.countPages()) big.graftPage(-1, source, i);
  const path = join(tmpdir(), `xxgk-bench-100p-${process.pid}.pdf`);
  writeFileSync(path, big.saveToBuffer('compress').asUint8Array());
  const out = execFileSync(process.execPath, ['--import', 'tsx', new URL(import.meta.url).pathname, '--child', path], { encoding: 'utf8' });
  const r = JSON.parse(out.trim().split('\n').pop()!) as { ms: number; pages: number; chars: number; maxRssMb: number };
  console.log(`100-page PDF read as a report: ${r.pages} pages in ${(r.ms / 1000).toFixed(1)} s (${(r.ms / r.pages).toFixed(1)} ms/page), ${r.chars} characters; peak memory ${r.maxRssMb.toFixed(0)} MB (target < 500)`);
}

await main();
