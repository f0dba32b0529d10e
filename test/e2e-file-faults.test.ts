/**
 * Hostile and broken attachments on a report page (issue 10, "Bad input"), crawled end to end from a
 * small local server: a truncated PDF, an encrypted PDF, a DOCX zip bomb whose headers lie, a file
 * over the size limit, a file named ../../etc/passwd, a 500-character name, a name in percent-encoded
 * GBK.
 * Each is kept safely or recorded with its reason; the report and the run go on.
 * The listing also links report files straight (…年度报告.pdf) that are themselves hostile: a
 * truncated PDF, a PDF whose only page is 14 400 pt square with no report text, a PDF of 260 pages
 * (more than `maxFilePages`), a zip bomb served as a .docx: each is a recorded failure or a
 * bounded read, never an empty stub, a hang or a crash.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import { readdir, rm, stat } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { createDeflateRaw } from 'node:zlib';
import iconv from 'iconv-lite';
import { ReportArchive } from '../src/archive/report-archive.js';
import { findReports } from '../src/query/report-query.js';
import type { ArchivedReport, PortalSeed } from '../src/types.js';
import type { CrawlEvent } from '../src/crawl/crawl-events.js';
import { loadMupdf } from '../src/read/pdf.js';
import { report2019 } from '../sim/fixtures/synthetic-2019.js';
import { makeZip } from './fixtures/office/zip-writer.js';
import { crawlWith, tempStorage, totals } from './helpers/crawl-sim.js';

const GOOD_PDF = readFileSync(new URL('./fixtures/pdf/henan-finance-2019.lo.pdf', import.meta.url));
const ENCRYPTED = readFileSync(new URL('./fixtures/pdf/encrypted.pdf', import.meta.url));
const LONG_NAME = `${'兰考县政府信息公开工作年度报告附件'.repeat(30)}.pdf`;
const GBK_NAME = '兰考县2022年度报告附表.pdf';

async function zerosDeflated(mb: number): Promise<Buffer> {
  const z = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  z.on('data', (c: Buffer) => out.push(c));
  const done = new Promise((r) => z.on('end', r));
  for (let i = 0; i < mb; i++) z.write(Buffer.alloc(1024 * 1024));
  z.end();
  await done;
  return Buffer.concat(out);
}

let server: Server;
let origin: string;
let dir: string;
let report: ArchivedReport | undefined;
let reports: ArchivedReport[] = [];
let errors = 0;
const events: CrawlEvent[] = [];

/** A PDF of `pages` pages of `side`×`side` points, each saying only "page N" in Helvetica. */
async function plainPdf(pages: number, side: number): Promise<Buffer> {
  const mupdf = await loadMupdf();
  const doc = new mupdf.PDFDocument();
  const font = doc.addSimpleFont(new mupdf.Font('Helvetica'));
  const resources = doc.addObject({ Font: { F1: font } });
  for (let i = 1; i <= pages; i++) doc.insertPage(-1, doc.addPage([0, 0, side, side], 0, resources, `BT /F1 12 Tf 72 ${side / 2} Td (page ${i}) Tj ET`));
  return Buffer.from(doc.saveToBuffer('compress').asUint8Array());
}

/**
 * A PDF of `pages` pages: a report's pages, then its first page over and over (one page object
 * listed many times: small on the wire, many pages to a reader).
 */
async function reportPdf(pages: number): Promise<Buffer> {
  const mupdf = await loadMupdf();
  const doc = new mupdf.PDFDocument(GOOD_PDF);
  const first = doc.findPage(0);
  while (doc.countPages() < pages) {
    // A new page dictionary sharing the first page's content and resources.
    const copy = doc.newDictionary();
    first.forEach((value, key) => {
      if (key !== 'Parent') copy.put(key, value);
    });
    doc.insertPage(-1, doc.addObject(copy));
  }
  return Buffer.from(doc.saveToBuffer('compress').asUint8Array());
}
const MAX_FILE_BYTES = 1024 * 1024;

before(async () => {
  const bomb = makeZip([
    { name: '[Content_Types].xml', data: '<Types/>' },
    { name: 'word/document.xml', data: Buffer.alloc(2048), raw: await zerosDeflated(160), claimUncompressed: 2048 },
  ]);
  const voice = { issuer: '兰考县人民政府', subject: '全县各级行政机关', year: 2022, seed: 410225, scale: 3, office: '兰考县人民政府办公室', phone: '0371-26992316' };
  const body = report2019(voice).map((l) => `<p>${l}</p>`).join('');
  const files: Record<string, { bytes: Buffer; headers: Record<string, string> }> = {
    '/files/truncated.pdf': { bytes: GOOD_PDF.subarray(0, Math.floor(GOOD_PDF.length / 2)), headers: { 'content-type': 'application/pdf' } },
    '/files/locked.pdf': { bytes: ENCRYPTED, headers: { 'content-type': 'application/pdf' } },
    '/files/bomb.docx': { bytes: bomb, headers: { 'content-type': 'application/octet-stream' } },
    '/files/huge.pdf': { bytes: Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(2 * MAX_FILE_BYTES)]), headers: { 'content-type': 'application/pdf' } },
    '/download.do?id=1': { bytes: GOOD_PDF, headers: { 'content-disposition': 'attachment; filename="../../etc/passwd"' } },
    '/download.do?id=2': { bytes: GOOD_PDF, headers: { 'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(LONG_NAME)}` } },
    // Percent-encoded GBK bytes (raw GBK bytes in the header are served by the wenjian portal).
    '/download.do?id=3': { bytes: GOOD_PDF, headers: { 'content-disposition': `attachment; filename=${[...iconv.encode(GBK_NAME, 'gbk')].map((b) => `%${b.toString(16).toUpperCase()}`).join('')}` } },
  };
  const links = Object.keys(files).map((path, i) => `<p>附件${i + 1}：<a href="${path}">附件下载</a></p>`).join('');
  // Report files linked straight from the listing.
  const pdf = { 'content-type': 'application/pdf' };
  const straight: Record<string, { title: string; bytes: Buffer; headers: Record<string, string> }> = {
    '/ndbg/2021.pdf': { title: '兰考县人民政府2021年政府信息公开工作年度报告', bytes: GOOD_PDF.subarray(0, Math.floor(GOOD_PDF.length / 3)), headers: pdf },
    '/ndbg/2020.pdf': { title: '兰考县人民政府2020年政府信息公开工作年度报告', bytes: await plainPdf(1, 14_400), headers: pdf },
    '/ndbg/2019.pdf': { title: '兰考县人民政府2019年政府信息公开工作年度报告', bytes: await reportPdf(260), headers: pdf },
    '/ndbg/2018.docx': { title: '兰考县人民政府2018年政府信息公开工作年度报告', bytes: bomb, headers: { 'content-type': 'application/octet-stream' } },
  };
  for (const [path, f] of Object.entries(straight)) files[path] = f;
  const straightItems = Object.entries(straight).map(([path, f]) => `<li><a href="${path}">${f.title}</a><span>2023-01-20</span></li>`).join('');
  const pages: Record<string, string> = {
    '/list.html': `<html><head><meta charset="utf-8"><title>年度报告</title></head><body><ul class="list"><li><a href="/report.html">兰考县人民政府2022年政府信息公开工作年度报告</a><span>2023-01-20</span></li>${straightItems}</ul></body></html>`,
    '/report.html': `<html><head><meta charset="utf-8"><title>兰考县人民政府2022年政府信息公开工作年度报告</title></head><body><h1>兰考县人民政府2022年政府信息公开工作年度报告</h1><div id="zoom">${body}${links}</div></body></html>`,
  };
  server = createServer((req, res) => {
    const file = files[req.url ?? ''];
    if (file) {
      // Binary header values: Node writes a latin1 string byte for byte.
      res.writeHead(200, { 'content-length': String(file.bytes.length), ...file.headers });
      res.end(file.bytes);
      return;
    }
    const page = pages[req.url ?? ''];
    if (!page) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  dir = await tempStorage('e2e-file-faults');
  const seed: PortalSeed = { id: 'lankao', name: '兰考县人民政府', region: '410225', start: [`${origin}/list.html`] };
  const { summary } = await crawlWith(dir, [seed], { maxFileBytes: MAX_FILE_BYTES }, events);
  errors = totals(summary).errors;
  const archive = new ReportArchive(dir);
  reports = findReports(archive.db);
  report = reports.find((r) => r.year === 2022);
  archive.close();
});

after(async () => {
  server?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const byPath = (path: string) => report?.attachments?.find((a) => a.url === `${origin}${path}`);

const failureOf = (path: string) => events.find((e): e is Extract<CrawlEvent, { type: 'error' }> => e.type === 'error' && e.url === `${origin}${path}`);

test('hostile report files linked from the listing: a recorded failure each, never an empty stub', () => {
  assert.match(failureOf('/ndbg/2021.pdf')?.error ?? '', /corrupt/);
  // One page of 14 400 pt square saying "page 1": read without rendering, no report text in it.
  assert.match(failureOf('/ndbg/2020.pdf')?.error ?? '', /no readable report text/);
  assert.match(failureOf('/ndbg/2018.docx')?.error ?? '', /zip_bomb/);
  for (const path of ['/ndbg/2021.pdf', '/ndbg/2020.pdf', '/ndbg/2018.docx']) assert.equal(failureOf(path)?.stage, 'extract', path);
  assert.equal(errors, 3);
  assert.deepEqual(reports.map((r) => r.year).sort(), [2019, 2022]);
});

test('a report file of 260 pages is read up to maxFilePages and archived, its page count recorded', () => {
  const big = reports.find((r) => r.year === 2019);
  assert.ok(big, 'the 260-page report is archived');
  assert.equal(big!.textSource, 'pdf');
  assert.equal(big!.attachments?.[0]?.pages, 260);
  assert.ok(big!.text.length > 10_000);
});

test('the report is archived from its page, whatever its attachments are', () => {
  assert.ok(report);
  assert.equal(report!.year, 2022);
  assert.equal(report!.textSource, 'html');
  assert.equal(report!.attachments?.length, 7);
});

test('unreadable files are kept with their reason: corrupt, encrypted, zip bomb, too large', () => {
  assert.match(byPath('/files/truncated.pdf')?.error ?? '', /corrupt/);
  assert.match(byPath('/files/locked.pdf')?.error ?? '', /encrypted/);
  assert.match(byPath('/files/bomb.docx')?.error ?? '', /zip_bomb/);
  assert.match(byPath('/files/huge.pdf')?.error ?? '', /larger than the limit/);
  for (const path of ['/files/truncated.pdf', '/files/locked.pdf', '/files/bomb.docx', '/files/huge.pdf']) assert.equal(byPath(path)?.role, 'other', path);
});

test('names from the server are kept as given and stored under safe names inside the folder', async () => {
  const passwd = byPath('/download.do?id=1')!;
  assert.equal(passwd.name, '../../etc/passwd');
  assert.match(passwd.file, /^attachments\/\d+-passwd\.pdf$/);
  const long = byPath('/download.do?id=2')!;
  assert.equal(long.name, LONG_NAME);
  assert.ok(Buffer.byteLength(long.file) <= 180, `${Buffer.byteLength(long.file)} bytes`);
  assert.ok(long.file.endsWith('.pdf'));
  assert.equal(byPath('/download.do?id=3')!.name, GBK_NAME);
  // Every stored file lies inside the report's folder, with the bytes served.
  const folder = resolve(dir, report!.folder);
  for (const a of report!.attachments!.filter((x) => x.file)) {
    const path = resolve(folder, a.file);
    assert.ok(path.startsWith(folder + sep), a.file);
    assert.equal((await stat(path)).size, a.bytes);
  }
  // Nothing was written beside the archive's own files.
  const top = (await readdir(dir)).filter((f) => !/^(archive\.sqlite.*|archive|crawlee|versions|logs|crawl\.lock)$/.test(f));
  assert.deepEqual(top, []);
  assert.ok(!(await readdir(join(dir, '..'))).includes('etc'));
});
