/**
 * readPdf (src/read/pdf.ts) on PDFs of two producers (test/fixtures/pdf/make.sh): the report text
 * and the 2019 template tables come back as the source had them; a scan and a pasted table picture
 * go to OCR; locked, cut and broken files fail with the right reason.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { DEFAULT_READ_LIMITS, FileReadError, type FileContent } from '../src/read/file-types.js';
import { loadMupdf, meaningfulTitle, readPdf } from '../src/read/pdf.js';
import { compareGrids, fileTruth, numberRows, type PdfTruth } from './fixtures/pdf/truth.js';
import { bigramF1, charF1 } from './helpers/text-f1.js';

const dir = new URL('./fixtures/pdf/', import.meta.url);
const bytes = (name: string): Buffer => readFileSync(new URL(name, dir));
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47]);

async function failure(input: Buffer, limits = DEFAULT_READ_LIMITS): Promise<string> {
  try {
    await readPdf(input, limits);
  } catch (err) {
    assert.ok(err instanceof FileReadError, `not a FileReadError: ${String(err)}`);
    return err.failure;
  }
  return 'none';
}

function checkReport(file: string, content: FileContent, truth: PdfTruth): void {
  assert.equal(content.type, 'pdf');
  const f1 = charF1(content.text, truth.text).f1;
  const bigrams = bigramF1(content.text, truth.text).f1;
  assert.ok(f1 >= 0.98, `${file}: character F1 ${f1.toFixed(4)}`);
  assert.ok(bigrams >= 0.98, `${file}: bigram F1 ${bigrams.toFixed(4)}`);
  assert.equal(content.tables.length, truth.grids.length, `${file}: tables`);
  // The grids equal the HTML table reader's grids of the source, merged cells repeated.
  content.tables.forEach((t, i) => assert.deepEqual(t.rows, truth.grids[i], `${file}: table ${i + 1}`));
  const g = compareGrids(
    content.tables.map((t) => t.rows),
    truth.grids,
  );
  assert.equal(g.numbers, g.numbersTotal);
  assert.deepEqual(
    content.tables.map((t) => [t.source, t.title]),
    [
      ['pdf', '二、主动公开政府信息情况'],
      ['pdf', '三、收到和处理政府信息公开申请情况'],
      ['pdf', '四、政府信息公开行政复议、行政诉讼情况'],
    ],
  );
  assert.deepEqual(content.images, []);
}

describe('readPdf: reports with tables', () => {
  it('LibreOffice: text, the three 2019 template tables (split across pages), no page footer', async () => {
    const file = 'henan-finance-2019.lo.pdf';
    const content = await readPdf(bytes(file));
    checkReport(file, content, fileTruth(file)!);
    assert.equal(content.pages, 4);
    assert.equal(content.title, '河南省财政厅2019年政府信息公开工作年度报告');
    const lines = content.text.split('\n');
    assert.ok(!lines.some((l) => /^-\s*\d+\s*-$/.test(l)), 'a page number line is left');
    // One paragraph per line: the long first paragraph is one line.
    assert.ok(lines.some((l) => l.startsWith('本报告根据') && l.endsWith('邮编：450003）。')));
    assert.ok(lines.includes('一、本年新收政府信息公开申请数量\t186\t21\t0\t2\t5\t3\t217'));
  });

  it('Chromium (Type 3 fonts, rules as filled rectangles): text and tables; no running head or foot', async () => {
    const file = 'henan-finance-2019.chromium.short.pdf';
    const content = await readPdf(bytes(file));
    checkReport(file, content, fileTruth(file)!);
    assert.ok(!/file:\/\/|\d+\/\d+\s*$|AM|PM/m.test(content.text), 'the browser header or footer is left');
  });

  it('LibreOffice, tables without borders: figures come out as rows in order', async () => {
    const file = 'xiangfu-2020.lo.unruled.pdf';
    const content = await readPdf(bytes(file));
    const truth = fileTruth(file)!;
    assert.ok(charF1(content.text, truth.text).f1 >= 0.98);
    const rows = numberRows(content.text, truth);
    assert.ok(rows.found / rows.total >= 0.9, `rows of figures ${rows.found}/${rows.total}`);
    assert.ok(content.tables.length >= 2);
  });

  it('reads the first maxPages pages only, and says how many the file has', async () => {
    const content = await readPdf(bytes('henan-finance-2019.lo.pdf'), { ...DEFAULT_READ_LIMITS, maxPages: 1 });
    assert.equal(content.pages, 4);
    assert.ok(content.text.includes('一、总体情况'));
    assert.ok(!content.text.includes('四、结转下年度继续办理'));
  });
});

describe('readPdf: pages for OCR', () => {
  it('a scanned page: an image marked scanned, no text', async () => {
    const content = await readPdf(bytes('scanned.pdf'));
    assert.equal(content.text, '');
    assert.equal(content.images.length, 1);
    const image = content.images[0]!;
    assert.equal(image.page, 1);
    assert.equal(image.scanned, true);
    assert.deepEqual(image.png.subarray(0, 4), PNG);
    assert.ok(Math.abs((image.dpi ?? 0) - 200) < 1, `dpi ${image.dpi}`);
  });

  it('a page of little text and a large picture (a table pasted as an image): rendered, not scanned', async () => {
    const content = await readPdf(bytes('picture.chromium.pdf'));
    assert.equal(content.text, '三、收到和处理政府信息公开申请情况');
    assert.equal(content.images.length, 1);
    assert.equal(content.images[0]!.scanned, false);
    assert.deepEqual(content.images[0]!.png.subarray(0, 4), PNG);
  });

  it('keeps a rendered page within maxPagePixels, and gives up on a page too large to render', async () => {
    const small = await readPdf(bytes('scanned.pdf'), { ...DEFAULT_READ_LIMITS, maxPagePixels: 1_000_000 });
    const png = small.images[0]!.png;
    const width = png.readUInt32BE(16);
    const height = png.readUInt32BE(20);
    assert.ok(width * height <= 1_000_000, `${width}×${height}`);
    assert.equal(await failure(bytes('scanned.pdf'), { ...DEFAULT_READ_LIMITS, maxPagePixels: 1000 }), 'too_large');
  });
});

describe('readPdf: files it cannot read', () => {
  it('a password-protected PDF is encrypted', async () => {
    assert.equal(await failure(bytes('encrypted.pdf')), 'encrypted');
  });

  it('a truncated or broken PDF is corrupt', async () => {
    const whole = bytes('henan-finance-2019.lo.pdf');
    for (const share of [0.1, 0.5, 0.9, 0.999]) {
      assert.equal(await failure(whole.subarray(0, Math.floor(whole.length * share))), 'corrupt', `cut at ${share}`);
    }
    assert.equal(await failure(Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >>\n')), 'corrupt');
    assert.equal(await failure(Buffer.from('<html>not a pdf</html>')), 'corrupt');
    assert.equal(await failure(Buffer.alloc(0)), 'corrupt');
  });
});

/** A PDF of `pages` pages of `width`×`height` points, each saying "item N" mid-page in Helvetica. */
async function makePdf(pages: number, width = 595, height = 842): Promise<Buffer> {
  const mupdf = await loadMupdf();
  const doc = new mupdf.PDFDocument();
  const font = doc.addSimpleFont(new mupdf.Font('Helvetica'));
  const resources = doc.addObject({ Font: { F1: font } });
  for (let i = 1; i <= pages; i++) doc.insertPage(-1, doc.addPage([0, 0, width, height], 0, resources, `BT /F1 12 Tf 72 ${height / 2} Td (item ${i}) Tj ET`));
  const out = Buffer.from(doc.saveToBuffer('compress=yes').asUint8Array());
  doc.destroy();
  return out;
}

describe('readPdf: hostile files', () => {
  it('reads no more than maxPages of a file with very many pages', async () => {
    const content = await readPdf(await makePdf(260), { ...DEFAULT_READ_LIMITS, maxPages: 200 });
    assert.equal(content.pages, 260);
    const lines = content.text.split('\n');
    assert.equal(lines.length, 200);
    assert.equal(lines.at(-1), 'item 200');
  });

  it('reads the text of an absurdly large page and does not render it', async () => {
    const content = await readPdf(await makePdf(1, 14_400, 14_400));
    assert.equal(content.text, 'item 1');
    assert.deepEqual(content.images, []);
  });
});

describe('meaningfulTitle', () => {
  it('keeps a title that names the document and drops file names and editor defaults', () => {
    assert.equal(meaningfulTitle(' 鹿邑县人民政府2019年政府信息公开工作年度报告 '), '鹿邑县人民政府2019年政府信息公开工作年度报告');
    for (const junk of ['', '   ', 'Microsoft Word - 2019年报.doc', '2019年报.docx', 'Untitled', '无标题', '文档1', 'PowerPoint 演示文稿', '1', '\ufffd\ufffd']) {
      assert.equal(meaningfulTitle(junk), undefined, junk);
    }
  });
});
