/**
 * The OFD reader (issue 10) on typeset reports in two producers' structures (test/fixtures/office,
 * make-ofd.ts), checked against the HTML they were typeset from; on page XML in the shapes real
 * producers write; and on hostile files.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readOfd, expandDeltas, resolveLoc } from '../src/read/ofd.js';
import { DEFAULT_READ_LIMITS } from '../src/read/file-types.js';
import { charF1, fixture, gridDiff, sameGrid, truthOf } from './fixtures/office/truth.js';
import { failure } from './helpers/read-failure.js';
import { makeZip } from './fixtures/office/zip-writer.js';

const REPORTS = ['henan-finance-2019', 'luyi-2021'] as const;

for (const name of REPORTS) {
  for (const variant of ['', '.variant'] as const) {
    test(`ofd${variant || ' (ofd: prefix, DeltaX lists, cell rectangles)'}${variant ? ' (no prefix, CTM, "g" DeltaX, PageBlocks, one path per table)' : ''}: ${name} reads as its source`, async (t) => {
      const got = await readOfd(fixture(`${name}${variant}.ofd`));
      const truth = truthOf(`${name}.html`);
      const f1 = charF1(got.text, truth.lines.join('\n'));
      t.diagnostic(`${name}${variant}.ofd: character F1 ${f1.toFixed(4)}, ${got.tables.length} tables, ${got.pages} pages`);
      assert.equal(got.type, 'ofd');
      assert.ok(f1 >= 0.98, `character F1 ${f1}`);
      assert.ok(got.pages >= 3);
      assert.equal(got.tables.length, truth.tables.length);
      got.tables.forEach((table, i) => {
        const want = truth.tables[i]!;
        assert.ok(sameGrid(table.rows, want.rows), `table ${i + 1}: ${gridDiff(table.rows, want.rows)}`);
        assert.equal(table.title, want.heading);
        assert.equal(table.source, 'ofd');
      });
      // Paragraphs wrapped over lines (and pages) come back whole.
      const lines = new Set(got.text.split('\n'));
      const missing = truth.lines.filter((l) => !lines.has(l));
      assert.ok(missing.length <= 2, `lines missing: ${missing.slice(0, 3).join(' | ')}`);
      // Page numbers and the template's letterhead are not body text.
      assert.ok(!/^- ?\d+ ?-$/m.test(got.text));
      assert.ok(!got.text.includes('页眉'));
      if (variant) assert.equal(got.title, undefined);
      else assert.equal(got.title, truth.title);
    });
  }
}

test('ofd: DeltaX "g" compression and package paths', () => {
  assert.deepEqual(expandDeltas('g 3 1.5 2'), [1.5, 1.5, 1.5, 2]);
  assert.deepEqual(expandDeltas('3 g 2 0.5 g 1 4'), [3, 0.5, 0.5, 4]);
  assert.deepEqual(expandDeltas(''), []);
  assert.equal(expandDeltas('g 1000000000 1').length, 100_000);
  assert.equal(resolveLoc('Doc_0/', 'Pages/Page_0/Content.xml'), 'Doc_0/Pages/Page_0/Content.xml');
  assert.equal(resolveLoc('Doc_0/', '/Doc_0/Pages/Page_0/Content.xml'), 'Doc_0/Pages/Page_0/Content.xml');
  assert.equal(resolveLoc('Doc_0/Pages/', '../Res/a.png'), 'Doc_0/Res/a.png');
});

const NS = 'http://www.ofdspec.org/2016';
function ofdOf(pages: string[], extra: { name: string; data: string | Buffer }[] = [], commonData = ''): Buffer {
  return makeZip([
    { name: 'OFD.xml', data: `<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="${NS}" Version="1.0" DocType="OFD"><ofd:DocBody><ofd:DocInfo><ofd:Title>文档1</ofd:Title></ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>` },
    {
      name: 'Doc_0/Document.xml',
      data: `<?xml version="1.0" encoding="UTF-8"?><ofd:Document xmlns:ofd="${NS}"><ofd:CommonData><ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea>${commonData}</ofd:CommonData><ofd:Pages>${pages.map((_, i) => `<ofd:Page ID="${i + 1}" BaseLoc="Pages/Page_${i}/Content.xml"/>`).join('')}</ofd:Pages></ofd:Document>`,
    },
    ...pages.map((data, i) => ({ name: `Doc_0/Pages/Page_${i}/Content.xml`, data })),
    ...extra,
  ]);
}
const page = (objects: string): string => `<?xml version="1.0" encoding="UTF-8"?>\n<ofd:Page xmlns:ofd="${NS}">\n  <ofd:Content>\n    <ofd:Layer ID="2">\n${objects}\n    </ofd:Layer>\n  </ofd:Content>\n</ofd:Page>`;

test('ofd: page XML as producers write it (pretty-printed TextCodes, glyph transforms, clips, CTM-scaled text)', async () => {
  // Shapes seen in real files: a TextCode whose text is indented on its own line; CGTransform
  // glyph maps beside the text; a converter's text at Size 1 scaled by its CTM, with clips.
  const objects = `
      <ofd:TextObject ID="4" Boundary="31.7 25.4 60 6" Font="3" Size="5">
        <ofd:TextCode X="0" Y="4.3" DeltaX="5 5 5 5 5 5 5 5 5">
          政府信息公开工作年度报告
        </ofd:TextCode>
      </ofd:TextObject>
      <ofd:TextObject ID="18" Boundary="31.7 40 60 5.5" Font="14" Size="4.2">
        <ofd:CGTransform CodePosition="0" CodeCount="4" GlyphCount="4">
          <ofd:Glyphs>13 14 15 16</ofd:Glyphs>
        </ofd:CGTransform>
        <ofd:TextCode X="0" Y="3.6" DeltaX="g 3 4.2">一、总体情况</ofd:TextCode>
      </ofd:TextObject>
      <ofd:TextObject ID="26" CTM="4.2 0 0 4.2 0 0" Boundary="31.7 50 160 6" Font="25" Size="1">
        <ofd:FillColor Value="35 31 32"/>
        <ofd:Clips TransFlag="false"><ofd:Clip><ofd:Area><ofd:Path Boundary="-31.7 -50 210 297" Stroke="false" Fill="true"><ofd:AbbreviatedData>M 0 297 L 0 0 L 210 0 L 210 297 C</ofd:AbbreviatedData></ofd:Path></ofd:Area></ofd:Clip></ofd:Clips>
        <ofd:TextCode X="2" Y="0.86" DeltaX="g 6 1 0.5 0.5 0.5 1">全年主动公开信息2019条。</ofd:TextCode>
      </ofd:TextObject>`;
  const got = await readOfd(ofdOf([page(objects)]));
  assert.deepEqual(got.text.split('\n'), ['政府信息公开工作年度报告', '一、总体情况', '全年主动公开信息2019条。']);
  assert.equal(got.title, undefined, '文档1 is an editor default, not a title');
  assert.equal(got.pages, 1);
});

test('ofd: a ruled table drawn as hair-thin filled rectangles and stroked lines', async () => {
  // 2 × 3 cells; horizontal rules as filled 0.2 mm rectangles, vertical ones as a stroked path.
  const xs = [30, 90, 130, 170];
  const ys = [60, 70, 80];
  const hr = ys.map((y, i) => `<ofd:PathObject ID="${50 + i}" Boundary="30 ${y - 0.1} 140 0.2" Stroke="false" Fill="true"><ofd:AbbreviatedData>M 0 0 L 140 0 L 140 0.2 L 0 0.2 C</ofd:AbbreviatedData></ofd:PathObject>`);
  const vr = `<ofd:PathObject ID="60" Boundary="0 0 210 297">${`<ofd:AbbreviatedData>${xs.map((x) => `M ${x} 60 L ${x} 80`).join(' ')}</ofd:AbbreviatedData>`}</ofd:PathObject>`;
  const cell = (x: number, y: number, text: string, id: number): string =>
    `<ofd:TextObject ID="${id}" Boundary="${x + 2} ${y + 2} 40 6" Size="4"><ofd:TextCode X="0" Y="3.5" DeltaX="${[...text].slice(1).map((c) => (/[0-9]/.test(c) ? 2 : 4)).join(' ')}">${text}</ofd:TextCode></ofd:TextObject>`;
  const texts = [cell(30, 60, '行政复议', 70), cell(90, 60, '维持', 71), cell(130, 60, '总计', 72), cell(30, 70, '件数', 73), cell(90, 70, '3', 74), cell(130, 70, '12', 75)];
  const heading = `<ofd:TextObject ID="80" Boundary="30 45 100 6" Size="4.5"><ofd:TextCode X="0" Y="4" DeltaX="g 19 4.5">四、政府信息公开行政复议、行政诉讼情况</ofd:TextCode></ofd:TextObject>`;
  const got = await readOfd(ofdOf([page([heading, ...hr, vr, ...texts].join('\n'))]));
  assert.equal(got.tables.length, 1);
  assert.deepEqual(got.tables[0]!.rows, [
    ['行政复议', '维持', '总计'],
    ['件数', '3', '12'],
  ]);
  assert.equal(got.tables[0]!.title, '四、政府信息公开行政复议、行政诉讼情况');
  assert.ok(got.text.includes('件数\t3\t12'));
});

test('ofd: pages past maxPages are not read; the count is the document’s', async () => {
  const words = ['甲乙丙丁', '戊己庚辛', '壬癸子丑', '寅卯辰巳', '午未申酉'];
  const pages = words.map((w) => page(`<ofd:TextObject ID="4" Boundary="30 150 100 6" Size="4"><ofd:TextCode X="0" Y="3.5" DeltaX="g 3 4">${w}</ofd:TextCode></ofd:TextObject>`));
  const got = await readOfd(ofdOf(pages), { ...DEFAULT_READ_LIMITS, maxPages: 2 });
  assert.equal(got.pages, 5);
  assert.ok(got.text.includes('甲乙丙丁') && got.text.includes('戊己庚辛'));
  assert.ok(!got.text.includes('壬癸子丑'));
});

test('ofd: hostile and broken files fail as such, never hang', async () => {
  assert.equal(await failure(readOfd(makeZip([{ name: 'Doc_0/Document.xml', data: '<Document/>' }]))), 'corrupt');
  const noRoot = makeZip([{ name: 'OFD.xml', data: `<ofd:OFD xmlns:ofd="${NS}"><ofd:DocBody/></ofd:OFD>` }]);
  assert.equal(await failure(readOfd(noRoot)), 'corrupt');
  const missingPage = makeZip([
    { name: 'OFD.xml', data: `<ofd:OFD xmlns:ofd="${NS}"><ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>` },
    { name: 'Doc_0/Document.xml', data: `<ofd:Document xmlns:ofd="${NS}"><ofd:Pages><ofd:Page ID="1" BaseLoc="Pages/Page_0/Content.xml"/></ofd:Pages></ofd:Document>` },
  ]);
  assert.equal(await failure(readOfd(missingPage)), 'corrupt');
  const ofd = fixture('luyi-2021.ofd');
  assert.equal(await failure(readOfd(ofd.subarray(0, ofd.length >> 1))), 'corrupt');
  // A page whose XML inflates far past its header's claim.
  const huge = `<ofd:Page xmlns:ofd="${NS}"><ofd:Content><ofd:Layer>${'<ofd:TextObject Boundary="0 0 1 1" Size="1"><ofd:TextCode X="0" Y="1">字</ofd:TextCode></ofd:TextObject>'.repeat(20_000)}</ofd:Layer></ofd:Content></ofd:Page>`;
  const bomb = makeZip([
    { name: 'OFD.xml', data: `<ofd:OFD xmlns:ofd="${NS}"><ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>` },
    { name: 'Doc_0/Document.xml', data: `<ofd:Document xmlns:ofd="${NS}"><ofd:Pages><ofd:Page ID="1" BaseLoc="Pages/Page_0/Content.xml"/></ofd:Pages></ofd:Document>` },
    { name: 'Doc_0/Pages/Page_0/Content.xml', data: huge, claimUncompressed: 100 },
  ]);
  assert.equal(await failure(readOfd(bomb, { ...DEFAULT_READ_LIMITS, maxEntryBytes: 512 * 1024 })), 'zip_bomb');
  // A DeltaX that claims a billion advances and a path of garbage still read, quickly.
  const started = Date.now();
  const odd = await readOfd(
    ofdOf([page(`<ofd:TextObject ID="4" Boundary="30 30 100 6" Size="4"><ofd:TextCode X="0" Y="3.5" DeltaX="g 1000000000 4">正文</ofd:TextCode></ofd:TextObject><ofd:PathObject ID="5" Boundary="0 0 1 1"><ofd:AbbreviatedData>M x y L 1 Q 1 2 3</ofd:AbbreviatedData></ofd:PathObject>`)]),
  );
  assert.equal(odd.text, '正文');
  assert.ok(Date.now() - started < 3000);
});

test('ofd: a scanned page (a picture, no text) gives its picture as PNG for OCR', async () => {
  const { default: sharp } = await import('sharp');
  const jpeg = await sharp({ create: { width: 620, height: 877, channels: 3, background: '#ffffff' } })
    .composite([{ input: Buffer.from('<svg width="620" height="877"><rect x="60" y="80" width="500" height="40" fill="black"/></svg>'), top: 0, left: 0 }])
    .jpeg()
    .toBuffer();
  const scanPage = page('<ofd:ImageObject ID="7" CTM="210 0 0 297 0 0" Boundary="0 0 210 297" ResourceID="20"/>');
  const textPage = page('<ofd:TextObject ID="4" Boundary="30 150 100 6" Size="4"><ofd:TextCode X="0" Y="3.5" DeltaX="g 3 4">附件正文</ofd:TextCode></ofd:TextObject><ofd:ImageObject ID="8" CTM="40 0 0 30 0 0" Boundary="30 60 40 30" ResourceID="20"/>');
  const withRes = ofdOf(
    [scanPage, textPage],
    [
      { name: 'Doc_0/DocumentRes.xml', data: `<ofd:Res xmlns:ofd="${NS}" BaseLoc="Res"><ofd:MultiMedias><ofd:MultiMedia ID="20" Type="Image" Format="JPEG"><ofd:MediaFile>image_20.jpg</ofd:MediaFile></ofd:MultiMedia></ofd:MultiMedias></ofd:Res>` },
      { name: 'Doc_0/Res/image_20.jpg', data: jpeg },
    ],
    '<ofd:DocumentRes>DocumentRes.xml</ofd:DocumentRes>',
  );
  const got = await readOfd(withRes);
  assert.equal(got.images.length, 1);
  const image = got.images[0]!;
  assert.equal(image.page, 1);
  assert.equal(image.scanned, true);
  assert.ok(image.png.subarray(1, 4).toString() === 'PNG');
  assert.ok(Math.abs((image.dpi ?? 0) - 75) < 1, `dpi ${image.dpi}`);
  assert.equal(got.text, '附件正文');
  // Pixels past the limit are scaled down to it.
  const small = await readOfd(withRes, { ...DEFAULT_READ_LIMITS, maxPagePixels: 100_000 });
  const meta = await sharp(small.images[0]!.png).metadata();
  assert.ok(meta.width! * meta.height! <= 100_000);
});
