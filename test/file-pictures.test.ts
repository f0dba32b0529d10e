/**
 * A PDF page whose statistics table is a pasted picture (not a scan: the page has its heading as
 * text) goes to the same table reader as the pictures of HTML pages (issue 10).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readPdf } from '../src/read/pdf.js';
import { createTableImageReader } from '../src/extract/ocr/index.js';
import { withScansRead } from '../src/process/report-files.js';
import { henanFinance2019 } from '../sim/fixtures/table-reports.js';

test('a table pasted as a picture in a PDF is read into a grid by OCR, the page text kept', async () => {
  const content = await readPdf(readFileSync(new URL('./fixtures/pdf/picture.chromium.pdf', import.meta.url)));
  assert.equal(content.tables.length, 0, 'no table in the text layer');
  assert.ok(content.images.some((i) => !i.scanned));
  const ocr = createTableImageReader();
  try {
    const { content: read, ocrUsed } = await withScansRead(content, ocr);
    assert.equal(ocrUsed, false, 'the text is the page\'s own, not OCR');
    assert.match(read.text, /收到和处理政府信息公开申请情况/);
    const table = read.tables.find((t) => t.source === 'ocr');
    assert.ok(table, 'a table read from the picture');
    // Table 三's continuation (henan-finance-2019, page 3 of its LibreOffice PDF): one of its rows.
    const secret = table!.rows.find((r) => r.some((c) => c.includes('属于国家秘密')));
    assert.ok(secret, 'the 国家秘密 row');
    const f = henanFinance2019().figures;
    const want = ['natural', 'business', 'research', 'social', 'legal', 'other_org', 'total'].map((k) => String(f[`applications.refused.secret.${k}`]));
    assert.deepEqual(secret!.slice(-7), want);
  } finally {
    await ocr.close();
  }
});
