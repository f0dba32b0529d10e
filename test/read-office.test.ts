/**
 * The office-file readers (issue 10): DOCX, DOC (Word 97), XLSX, and the zip container under
 * them, on files LibreOffice and exceljs wrote from the synthetic reports (test/fixtures/office,
 * make.sh), checked against the HTML they were made from; and on hostile files.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createDeflateRaw, deflateRawSync } from 'node:zlib';
import { readDocx, meaningfulTitle } from '../src/read/docx.js';
import { readDoc } from '../src/read/doc.js';
import { readXls, readXlsx, formatNumber } from '../src/read/xlsx.js';
import { ZipContainer } from '../src/read/zip-container.js';
import { DEFAULT_READ_LIMITS, type FileContent } from '../src/read/file-types.js';
import { charF1, fixture, gridDiff, sameGrid, truthOf } from './fixtures/office/truth.js';
import { failure } from './helpers/read-failure.js';
import { makeZip, type ZipInput } from './fixtures/office/zip-writer.js';

const REPORTS = ['henan-finance-2019', 'luyi-2021'] as const;

/** Asserts a reading of `<name>.html`'s document: text, tables, title. */
function checkDocument(got: FileContent, name: string, t: { diagnostic(msg: string): void }): void {
  const truth = truthOf(`${name}.html`);
  const f1 = charF1(got.text, truth.lines.join('\n'));
  t.diagnostic(`${name} ${got.type}: character F1 ${f1.toFixed(4)}, ${got.tables.length} tables`);
  assert.ok(f1 >= 0.98, `character F1 ${f1}`);
  // Lines as the HTML renderer gives them, tables' rows included.
  const lines = new Set(got.text.split('\n'));
  const missing = truth.lines.filter((l) => !lines.has(l));
  assert.ok(missing.length <= 2, `lines missing: ${missing.slice(0, 3).join(' | ')}`);
  assert.equal(got.tables.length, truth.tables.length);
  got.tables.forEach((table, i) => {
    const want = truth.tables[i]!;
    assert.ok(sameGrid(table.rows, want.rows), `table ${i + 1}: ${gridDiff(table.rows, want.rows)}`);
    assert.equal(table.title, want.heading);
    assert.equal(table.source, got.type);
  });
  assert.equal(got.title, truth.title);
  assert.equal(got.pages, 1);
  assert.deepEqual(got.images, []);
  // The page header and footer are not body text.
  assert.ok(!got.text.includes('页眉'));
  assert.ok(!/^- ?\d+ ?-$/m.test(got.text));
}

for (const name of REPORTS) {
  test(`docx (LibreOffice): ${name} reads as its source`, async (t) => {
    const got = await readDocx(fixture(`${name}.docx`));
    assert.equal(got.type, 'docx');
    checkDocument(got, name, t);
  });

  test(`doc (Word 97, LibreOffice): ${name} reads as its source, merged cells repeated`, async (t) => {
    const got = await readDoc(fixture(`${name}.doc`));
    assert.equal(got.type, 'doc');
    checkDocument(got, name, t);
  });
}

test('docx and doc: merged cells repeat in every slot; the 2019 table 三 reads with its numbers', async () => {
  for (const got of [await readDocx(fixture('henan-finance-2019.docx')), await readDoc(fixture('henan-finance-2019.doc'))]) {
    const t3 = got.tables.find((t) => t.title.startsWith('三、'))!;
    assert.deepEqual(t3.rows[3], ['一、本年新收政府信息公开申请数量', '一、本年新收政府信息公开申请数量', '一、本年新收政府信息公开申请数量', '186', '21', '0', '2', '5', '3', '217']);
    // 三、本年度办理结果 spans 20 rows; 申请人情况 spans 7 columns.
    assert.equal(t3.rows.filter((r) => r[0] === '三、本年度办理结果').length, 20);
    assert.equal(t3.rows[0]!.filter((c) => c === '申请人情况').length, 7);
    assert.ok(got.text.includes('一、本年新收政府信息公开申请数量\t186\t21\t0\t2\t5\t3\t217'));
  }
});

test('docx and doc: a WPS document is read by the same readers and reported as wps', async () => {
  const docx = await readDocx(fixture('luyi-2021.docx'), DEFAULT_READ_LIMITS, { type: 'wps' });
  assert.equal(docx.type, 'wps');
  assert.ok(docx.tables.every((t) => t.source === 'wps'));
  const doc = await readDoc(fixture('luyi-2021.doc'), DEFAULT_READ_LIMITS, { type: 'wps' });
  assert.equal(doc.type, 'wps');
  assert.ok(doc.tables.length === 3 && doc.tables.every((t) => t.source === 'wps'));
});

// A document.xml written by hand with what LibreOffice never writes: tabs, breaks, revisions,
// fields, a text box, content controls, a frame table, a nested table, old-style merges.
const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"';
const p = (...runs: string[]): string => `<w:p>${runs.join('')}</w:p>`;
const r = (text: string): string => `<w:r><w:t xml:space="preserve">${text}</w:t></w:r>`;
const tc = (text: string, pr = ''): string => `<w:tc><w:tcPr>${pr}</w:tcPr>${p(r(text))}</w:tc>`;
function docxOf(body: string, core?: string): Buffer {
  const files: ZipInput[] = [
    { name: '[Content_Types].xml', data: '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>' },
    { name: '_rels/.rels', data: '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>' },
    { name: 'word/document.xml', data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document ${W}><w:body>${body}<w:sectPr/></w:body></w:document>` },
  ];
  if (core) files.push({ name: 'docProps/core.xml', data: `<?xml version="1.0"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>${core}</dc:title></cp:coreProperties>` });
  return makeZip(files);
}

test('docx: tabs, breaks, revisions, fields, text boxes, content controls and table merges', async () => {
  const body = [
    p(r('　　一、总体情况')),
    p(r('项目'), '<w:r><w:tab/></w:r>', r('数量'), '<w:r><w:br/></w:r>', r('第二行')),
    p(r('保留'), '<w:del><w:r><w:delText>删除的字</w:delText></w:r></w:del>', '<w:ins><w:r><w:t>插入的字</w:t></w:r></w:ins>'),
    p('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>', r('7'), '<w:r><w:fldChar w:fldCharType="end"/></w:r>', r('页')),
    p(r('锚定段落'), '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent><w:p><w:r><w:t>文本框文字</w:t></w:r></w:p></w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>文本框文字</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r>'),
    `<w:sdt><w:sdtContent>${p(r('内容控件段落'))}</w:sdtContent></w:sdt>`,
    // A frame: a one-cell table around a heading and the real table.
    `<w:tbl><w:tr><w:tc>${p(r('四、政府信息公开行政复议、行政诉讼情况'))}<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>` +
      `<w:tr>${tc('行政复议', '<w:vMerge w:val="restart"/>')}${tc('行政诉讼', '<w:gridSpan w:val="2"/>')}</w:tr>` +
      `<w:tr>${tc('', '<w:vMerge/>')}${tc('直接起诉')}${tc('复议后起诉')}</w:tr>` +
      `<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>${tc('3')}${tc('4')}</w:tr>` +
      `<w:tr>${tc('合计')}${tc('5', '<w:hMerge w:val="restart"/>')}${tc('', '<w:hMerge/>')}</w:tr>` +
      `<w:tr>${tc('备注')}<w:tc>${p(r('见'))}<w:tbl><w:tr>${tc('内表甲')}${tc('内表乙')}</w:tr></w:tbl></w:tc>${tc('无')}</w:tr>` +
      '</w:tbl></w:tc></w:tr></w:tbl>',
    p(r('结束')),
  ].join('');
  const got = await readDocx(docxOf(body, 'Microsoft Word - 某县2020年政府信息公开工作年度报告.doc'));
  assert.deepEqual(got.text.split('\n'), [
    '一、总体情况',
    '项目\t数量',
    '第二行',
    '保留插入的字',
    '7页',
    '锚定段落',
    '文本框文字',
    '内容控件段落',
    '四、政府信息公开行政复议、行政诉讼情况',
    '行政复议\t行政诉讼',
    '直接起诉\t复议后起诉',
    '3\t4',
    '合计\t5',
    '备注\t见内表甲内表乙\t无',
    '结束',
  ]);
  assert.equal(got.tables.length, 1);
  assert.equal(got.tables[0]!.title, '四、政府信息公开行政复议、行政诉讼情况');
  assert.deepEqual(got.tables[0]!.rows, [
    ['行政复议', '行政诉讼', '行政诉讼'],
    ['行政复议', '直接起诉', '复议后起诉'],
    ['', '3', '4'],
    ['合计', '5', '5'],
    ['备注', '见内表甲内表乙', '无'],
  ]);
  assert.equal(got.title, '某县2020年政府信息公开工作年度报告');
});

test('docx: a default metadata title is not a title', async () => {
  for (const junk of ['文档1', '新建 Microsoft Word 文档', 'Document1', 'untitled', 'report_2020.docx', '']) {
    const got = await readDocx(docxOf(p(r('正文')), junk));
    assert.equal(got.title, undefined, junk);
  }
  assert.equal(meaningfulTitle('  鹿邑县2021年政府信息公开工作年度报告 '), '鹿邑县2021年政府信息公开工作年度报告');
});

test('xlsx (LibreOffice Calc, tables stacked on one sheet): each table a grid, its heading the title', async (t) => {
  const got = await readXlsx(fixture('henan-finance-2019.tables.xlsx'));
  const truth = truthOf('henan-finance-2019.tables.html');
  assert.equal(got.type, 'xlsx');
  assert.equal(got.tables.length, 3);
  got.tables.forEach((table, i) => {
    const want = truth.tables[i]!;
    // Calc stored 1865.3240 as the number 1865.324: compared as numbers.
    assert.ok(sameGrid(table.rows, want.rows, true), `table ${i + 1}: ${gridDiff(table.rows, want.rows)}`);
    assert.equal(table.title, want.heading);
    assert.equal(table.source, 'xlsx');
  });
  const f1 = charF1(got.text, truth.lines.join('\n'));
  t.diagnostic(`henan-finance-2019.tables.xlsx: character F1 ${f1.toFixed(4)}`);
  assert.ok(f1 >= 0.98, `character F1 ${f1}`);
  assert.ok(got.text.includes('（七）总计\t188\t21\t0\t2\t5\t3\t219'));
  assert.equal(got.title, '河南省财政厅2019年政府信息公开工作年度报告（统计表）');
});

test('xlsx (one sheet per table): title rows, SUM formulas, number formats, hidden sheets', async () => {
  const got = await readXlsx(fixture('henan-finance-2019.sheets.xlsx'));
  const truth = truthOf('henan-finance-2019.tables.html');
  assert.deepEqual(
    got.tables.map((t) => t.title),
    ['表二　主动公开政府信息情况', '表三　收到和处理政府信息公开申请情况', '表四　政府信息公开行政复议、行政诉讼情况'].map((s) => s.replace('　', ' ')),
  );
  got.tables.forEach((table, i) => {
    const want = truth.tables[i]!.rows;
    assert.ok(sameGrid(table.rows, want), `table ${i + 1}: ${gridDiff(table.rows, want)}`);
  });
  // 0.0000 keeps the amount as printed; formulas give their cached result, or their sum when a
  // writer left a zero result out.
  assert.ok(got.text.includes('政府集中采购\t28\t1865.3240'));
  assert.ok(got.text.includes('2．其他法律行政法规禁止公开\t0\t0\t0\t0\t0\t0\t0'));
  assert.ok(!got.text.includes('草稿'), 'the hidden sheet is not read');
  assert.equal(got.title, '河南省财政厅2019年政府信息公开工作年度报告（附表）');
});

test('xlsx: numbers as their format prints them', () => {
  assert.equal(formatNumber(1865.324, '0.0000'), '1865.3240');
  assert.equal(formatNumber(1234567.5, '#,##0.00'), '1,234,567.50');
  assert.equal(formatNumber(0.953, '0.0%'), '95.3%');
  assert.equal(formatNumber(-5, '0;[Red]\\(0\\)'), '(5)');
  assert.equal(formatNumber(-3, '0'), '-3');
  assert.equal(formatNumber(12, '0"件"'), '12件');
  assert.equal(formatNumber(0.1 + 0.2, 'General'), '0.3');
  assert.equal(formatNumber(217, undefined), '217');
});

test('legacy .xls (LibreOffice Calc, Excel 97): each table a grid equal to the source, its heading the title', async (t) => {
  const got = await readXls(fixture('luyi-2021.tables.xls'));
  const truth = truthOf('luyi-2021.tables.html');
  assert.equal(got.type, 'xls');
  assert.equal(got.tables.length, truth.tables.length);
  got.tables.forEach((table, i) => {
    const want = truth.tables[i]!;
    assert.ok(sameGrid(table.rows, want.rows, true), `table ${i + 1}: ${gridDiff(table.rows, want.rows)}`);
    assert.equal(table.title, want.heading);
    assert.equal(table.source, 'xls');
  });
  const f1 = charF1(got.text, truth.lines.join('\n'));
  t.diagnostic(`luyi-2021.tables.xls: character F1 ${f1.toFixed(4)}`);
  assert.ok(f1 >= 0.98, `character F1 ${f1}`);
});

test('an .xls given to the OOXML or the Word reader is refused as unsupported; a Word file given to the .xls reader too', async () => {
  assert.equal(await failure(readXlsx(fixture('luyi-2021.tables.xls'))), 'unsupported');
  assert.equal(await failure(readDoc(fixture('luyi-2021.tables.xls'))), 'unsupported');
  assert.notEqual(await failure(readXls(fixture('luyi-2021.doc'))), undefined);
  const xls = fixture('luyi-2021.tables.xls');
  assert.equal(await failure(readXls(xls.subarray(0, Math.floor(xls.length / 3)))), 'corrupt');
});

// ---------------------------------------------------------------- hostile files

test('a truncated DOCX, DOC or XLSX is corrupt', async () => {
  const docx = fixture('luyi-2021.docx');
  assert.equal(await failure(readDocx(docx.subarray(0, Math.floor(docx.length * 0.6)))), 'corrupt');
  const doc = fixture('luyi-2021.doc');
  assert.equal(await failure(readDoc(doc.subarray(0, 4096))), 'corrupt');
  const xlsx = fixture('henan-finance-2019.sheets.xlsx');
  assert.equal(await failure(readXlsx(xlsx.subarray(0, xlsx.length - 30))), 'corrupt');
  assert.equal(await failure(readDocx(Buffer.from('not a zip at all'))), 'corrupt');
  assert.equal(await failure(readDoc(Buffer.from('not an OLE file either, not at all, no'.repeat(20)))), 'corrupt');
});

/** Deflate-raw of `mb` megabytes of zeros, made without holding them. */
async function deflatedZeros(mb: number): Promise<Buffer> {
  const z = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  z.on('data', (c: Buffer) => out.push(c));
  const done = new Promise((resolve) => z.on('end', resolve));
  const chunk = Buffer.alloc(1024 * 1024);
  for (let i = 0; i < mb; i++) z.write(chunk);
  z.end();
  await done;
  return Buffer.concat(out);
}

test('a zip bomb whose headers lie is stopped while inflating, under the default limits', async () => {
  // word/document.xml claims 2 KB and inflates to 160 MB of zeros (160 KB compressed): past the
  // default 100 MB per entry, and 1000 times its compressed size.
  const bomb = makeZip([
    { name: '_rels/.rels', data: '<Relationships/>' },
    { name: 'word/document.xml', data: Buffer.alloc(2048), raw: await deflatedZeros(160), claimUncompressed: 2048 },
  ]);
  const started = Date.now();
  assert.equal(await failure(readDocx(bomb)), 'zip_bomb');
  assert.ok(Date.now() - started < 5000, 'stopped early');
  // The same bomb in an XLSX part exceljs would inflate never reaches exceljs.
  const xlsxBomb = makeZip([
    { name: 'xl/workbook.xml', data: '<workbook/>' },
    { name: 'xl/media/image1.png', data: Buffer.alloc(2048), raw: await deflatedZeros(64), claimUncompressed: 2048 },
  ]);
  assert.equal(await failure(readXlsx(xlsxBomb)), 'zip_bomb');
});

test('zip limits: per entry, in total, entry count, claimed sizes', async () => {
  const xml = (n: number): string => `<w:document ${W}><w:body>${Array.from({ length: n }, (_, i) => p(r(`第${i}段，内容各不相同${i * 7919}`))).join('')}</w:body></w:document>`;
  // Ordinary XML (a ratio nothing like a bomb's) past a small per-entry limit, its header lying.
  const doc = makeZip([{ name: 'word/document.xml', data: xml(3000), claimUncompressed: 1000 }]);
  const limits = { ...DEFAULT_READ_LIMITS, maxEntryBytes: 64 * 1024, maxTotalBytes: 1024 * 1024 };
  assert.equal(await failure(readDocx(doc, limits)), 'zip_bomb');
  assert.ok((await readDocx(doc)).text.startsWith('第0段'), 'under the default limits the same file reads');
  // Two parts under the per-entry limit, over the total.
  const two = makeZip([
    { name: 'a.xml', data: xml(300) },
    { name: 'b.xml', data: xml(300) },
  ]);
  const zip = await ZipContainer.open(two, { maxEntryBytes: 1024 * 1024, maxTotalBytes: 40 * 1024 });
  await zip.read('a.xml');
  assert.equal(await failure(zip.read('b.xml')), 'zip_bomb');
  zip.close();
  // Too many entries.
  const many = makeZip(Array.from({ length: 30 }, (_, i) => ({ name: `f${i}.txt`, data: 'x' })));
  assert.equal(await failure(ZipContainer.open(many, { maxEntries: 20 })), 'zip_bomb');
  // A claimed size past the limit is refused before inflating.
  const claims = makeZip([{ name: 'word/document.xml', data: xml(10), claimUncompressed: 500 * 1024 * 1024 }]);
  assert.equal(await failure(readDocx(claims)), 'zip_bomb');
  // Entries not asked for are never inflated: a bomb in a picture does not stop the text.
  const withPicture = makeZip([
    { name: 'word/document.xml', data: xml(5) },
    { name: 'word/media/image1.png', data: Buffer.alloc(16), raw: await deflatedZeros(20), claimUncompressed: 16 },
  ]);
  assert.ok((await readDocx(withPicture)).text.startsWith('第0段'));
});

test('an encrypted zip entry is refused as encrypted', async () => {
  const enc = makeZip([
    { name: '_rels/.rels', data: '<Relationships/>' },
    { name: 'word/document.xml', data: deflateRawSync(Buffer.from('garbled')), store: true, encryptedFlag: true },
  ]);
  assert.equal(await failure(readDocx(enc)), 'encrypted');
  const xlsx = makeZip([
    { name: 'xl/workbook.xml', data: '<workbook/>', encryptedFlag: true, store: true },
  ]);
  assert.equal(await failure(readXlsx(xlsx)), 'encrypted');
});

/** The .doc fixture with one OLE directory entry renamed. */
function renamedStream(from: string, to: string): Buffer {
  const doc = Buffer.from(fixture('luyi-2021.doc'));
  const at = doc.indexOf(Buffer.from(from, 'utf16le'));
  assert.ok(at >= 0 && at % 128 === 0);
  doc.fill(0, at, at + 64);
  doc.write(to, at, 'utf16le');
  doc.writeUInt16LE((to.length + 1) * 2, at + 64);
  return doc;
}

test('password-protected Word files and encrypted OOXML packages are refused as encrypted', async () => {
  // fEncrypted in the Word file information block.
  const doc = Buffer.from(fixture('luyi-2021.doc'));
  const fib = doc.indexOf(Buffer.from([0xec, 0xa5]), 512);
  assert.ok(fib > 0 && fib % 512 === 0);
  doc.writeUInt16LE(doc.readUInt16LE(fib + 0x0a) | 0x0100, fib + 0x0a);
  assert.equal(await failure(readDoc(doc)), 'encrypted');
  // A password-protected DOCX or XLSX is an OLE file with an EncryptedPackage stream.
  const pkg = renamedStream('Data', 'EncryptedPackage');
  assert.equal(await failure(readDoc(pkg)), 'encrypted');
  assert.equal(await failure(readDocx(pkg)), 'encrypted');
  assert.equal(await failure(readXlsx(pkg)), 'encrypted');
  // Any other OLE file given to the DOCX reader is not a DOCX.
  assert.equal(await failure(readDocx(fixture('luyi-2021.doc'))), 'unsupported');
});

test('an OLE file whose sector chains loop is corrupt, not a hang', async () => {
  const doc = Buffer.from(fixture('luyi-2021.doc'));
  // Point every entry of the first FAT sector at sector 1: chains loop.
  const secSize = 1 << doc.readUInt16LE(30);
  const fatSector = doc.readInt32LE(76);
  const at = (fatSector + 1) * secSize;
  for (let i = 2; i < secSize / 4; i++) doc.writeInt32LE(1, at + i * 4);
  const started = Date.now();
  assert.equal(await failure(readDoc(doc)), 'corrupt');
  assert.ok(Date.now() - started < 5000);
  // A header that asks for an absurd FAT.
  const big = Buffer.from(fixture('luyi-2021.doc'));
  big.writeInt32LE(0x7fffffff, 44);
  assert.equal(await failure(readDoc(big)), 'corrupt');
});
