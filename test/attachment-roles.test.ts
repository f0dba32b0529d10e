/**
 * What a file a report page offers is to the report (src/process/report-files.ts withAttachments):
 * the body when the page is a stub, a copy when the page already gives the same report in full,
 * another document otherwise. Real files: LibreOffice's PDF of the 河南省财政厅 2019 report, the
 * simulated portal's application form.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readReportPage } from '../src/process/report-page.js';
import { withAttachments, type ReadFile } from '../src/process/report-files.js';
import { readFileContent } from '../src/read/index.js';
import type { FetchedPage } from '../src/types.js';

const portal = { id: 'henan-czt', name: '河南省财政厅', region: '410000' };
const TITLE = '河南省财政厅2019年政府信息公开工作年度报告';

function page(html: string): FetchedPage {
  return { url: 'http://127.0.0.1/xxgk/ndbg/1.html', finalUrl: 'http://127.0.0.1/xxgk/ndbg/1.html', status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body: Buffer.from(html), fetchedAt: '2020-03-20T00:00:00Z' };
}

async function file(path: URL, name: string): Promise<ReadFile> {
  const bytes = readFileSync(path);
  return { url: `http://127.0.0.1/files/${name}`, name, bytes, type: 'pdf', content: await readFileContent(bytes, 'pdf') };
}

const reportPdf = () => file(new URL('./fixtures/pdf/henan-finance-2019.lo.pdf', import.meta.url), `${TITLE}.pdf`);
const form = () => file(new URL('../sim/fixtures/files/lankao-application-form.pdf', import.meta.url), '政府信息公开申请表.pdf');

test('a page giving the report in full keeps its text; the same report as a PDF is a copy, a form another document', async () => {
  const full = readFileSync(new URL('./fixtures/office/henan-finance-2019.html', import.meta.url), 'utf8');
  const { record } = readReportPage(page(full), portal, { title: TITLE });
  const got = withAttachments(record, [await reportPdf(), await form()]);
  assert.equal(got.textSource, 'html');
  assert.equal(got.text, record.text);
  assert.deepEqual(got.attachments?.map((a) => a.role), ['copy', 'other']);
});

test('a stub page (详见附件) takes the report PDF as its body; the form stays another document', async () => {
  const stub = `<html><head><meta charset="utf-8"><title>${TITLE}</title></head><body><h1>${TITLE}</h1><div id="zoom"><p>${TITLE}详见附件。</p><p>附件：<a href="/files/1.pdf">${TITLE}.pdf</a></p><p>2020年3月20日</p></div></body></html>`;
  const { record } = readReportPage(page(stub), portal, { title: TITLE });
  const got = withAttachments(record, [await form(), await reportPdf()]);
  assert.equal(got.textSource, 'pdf');
  assert.ok(got.text.length > 2000);
  assert.deepEqual(got.attachments?.map((a) => a.role), ['other', 'body']);
  assert.ok(Object.keys(got.statistics.figures).length > 100, 'figures from the PDF tables');
});
