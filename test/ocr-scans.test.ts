/**
 * Poor copies of the templates' tables (issue 8, part 3): shrunk low-quality JPEGs, rules that
 * are thick, grey or touching the glyphs, slight rotation, blur, and tables whose merged cells
 * break most inner rules (表二's block rows, 表三's label columns, 表四's header). The full sweep
 * is scripts/bench-ocr.ts.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ocrThreads, paddleDetector } from '../src/extract/ocr/detector.js';
import { looksLikeTableImage } from '../src/extract/ocr/looks-like-table.js';
import { readImageTables } from '../src/extract/ocr/read-image-tables.js';
import { readTableImage } from '../src/extract/ocr/read-table-image.js';
import { renderScan, type ScanOptions } from '../sim/images/scan.js';
import { scoreGrid } from '../sim/images/score-grid.js';
import { activeTable2019, activeTable2021, allTemplateTables, applicationsTable, legacyTable, reviewTable, type TemplateTable } from '../sim/images/template-tables.js';
import { straighten } from '../src/extract/ocr/deskew.js';
import { findGrid } from '../src/extract/ocr/grid.js';
import { digitsBeforePoint, hasLeadingMinus } from '../src/extract/ocr/marks.js';
import { toGrey, type Grey } from '../src/extract/ocr/pixels.js';
import { digitsOnly, numberCells, numberReading, numericColumns } from '../src/extract/ocr/number-cells.js';

const detector = paddleDetector();
const NUMBER = /^-?\d+(?:\.\d+)?$/;

const plain: ScanOptions = { style: 'word', font: 'serif', scale: 1, quality: 90, lineWidth: 1, rotation: 0, blur: 0 };

/** Cells where the template holds a number but the reading has anything else in it. */
function nonDigitCells(table: TemplateTable, got: string[][]): string[] {
  const out: string[] = [];
  table.rows.forEach((row, r) =>
    row.forEach((cell, c) => {
      const read = got[r]?.[c] ?? '';
      if (NUMBER.test(cell) && read && !NUMBER.test(read)) out.push(`[${r},${c}] ${cell} → ${read}`);
    }),
  );
  return out;
}

async function readScan(table: TemplateTable, options: Partial<ScanOptions>) {
  const image = await renderScan(table, { ...plain, ...options });
  const read = await readTableImage(image, detector);
  return { image, read, score: scoreGrid(table.rows, read.rows), nonDigit: nonDigitCells(table, read.rows) };
}

test('a row of zeros between thin rules reads as digits at 0.8 scale, JPEG quality 55 and 65', async () => {
  const table = applicationsTable(8, 2019);
  // The seed has whole rows of zeros (二、上年结转 and several outcome rows).
  assert.ok(table.rows.some((row) => row.slice(3).every((c) => c === '0')));
  for (const quality of [55, 65]) {
    const { score, nonDigit, read } = await readScan(table, { scale: 0.8, quality });
    assert.ok(score.structure, `q${quality}: ${read.rows.length}×${read.rows[0]?.length ?? 0} for ${table.rows.length}×${table.rows[0]!.length}`);
    assert.deepEqual(nonDigit, [], `q${quality}`);
    assert.ok(score.correct / score.numeric >= 0.99, `q${quality}: ${score.correct}/${score.numeric} ${score.errors.slice(0, 5).join('; ')}`);
  }
});

test('表四 reads as fifteen cells, one number each, not groups merged across the rules', async () => {
  const table = reviewTable(4, 2019);
  const { score, nonDigit, read } = await readScan(table, { scale: 0.8, quality: 55, style: 'wps' });
  assert.equal(read.rows[3]?.length, 15);
  assert.deepEqual(nonDigit, []);
  assert.equal(score.correct, score.numeric, score.errors.join('; '));
});

test('表二 of both templates is recognised as a statistics table and read by block', async () => {
  for (const table of [activeTable2019(5), activeTable2021(5)]) {
    const image = await renderScan(table, { ...plain, scale: 0.8, quality: 55 });
    assert.equal(await looksLikeTableImage(image), true, table.name);
    const tables = await readImageTables([{ file: 'b2.jpg', bytes: image }], detector);
    assert.equal(tables.length, 1, table.name);
    const score = scoreGrid(table.rows, tables[0]!.rows);
    assert.ok(score.structure, `${table.name}: ${tables[0]!.rows.length}×${tables[0]!.rows[0]?.length ?? 0}`);
    assert.equal(score.correct, score.numeric, `${table.name}: ${score.errors.join('; ')}`);
  }
});

test('every table of every template is recognised as a table image in every style', async () => {
  const styles = ['word', 'wps', 'excel', 'html'] as const;
  let k = 0;
  for (const table of allTemplateTables(6)) {
    const style = styles[k++ % styles.length]!;
    const image = await renderScan(table, { ...plain, style, scale: 0.6, quality: 40, lineWidth: 1 + (k % 3), rotation: k % 2 ? 0.9 : -0.6, blur: 0.5 });
    assert.equal(await looksLikeTableImage(image), true, `${table.name} ${style}`);
  }
});

test('a slightly rotated, blurred scan with thick rules keeps its grid', async () => {
  const table = applicationsTable(8, 2021);
  const { score, nonDigit, read } = await readScan(table, { scale: 0.9, quality: 60, rotation: 0.8, blur: 0.6, lineWidth: 3, style: 'wps', font: 'sans' });
  assert.ok(score.structure, `${read.rows.length}×${read.rows[0]?.length ?? 0}`);
  assert.deepEqual(nonDigit, []);
  assert.ok(score.correct / score.numeric >= 0.99, `${score.correct}/${score.numeric} ${score.errors.slice(0, 5).join('; ')}`);
});

test('Excel gridlines (light grey, thin) still separate the cells', async () => {
  const table = reviewTable(9, 2021);
  const { score, nonDigit, read } = await readScan(table, { style: 'excel', font: 'sans', scale: 0.9, quality: 50, rotation: 0.4 });
  assert.ok(score.structure, `${read.rows.length}×${read.rows[0]?.length ?? 0}`);
  assert.deepEqual(nonDigit, []);
  assert.equal(score.correct, score.numeric, score.errors.join('; '));
});

test('faint Excel gridlines: a rule a label touches, a rule under a tinted header at half size', async () => {
  // Light grey rules shrunk, rotated and blurred are barely darker than the paper; a wrapped
  // label touching one cuts its line pixels short of the vertical it ends on.
  const cases: [TemplateTable, Partial<ScanOptions>][] = [
    [applicationsTable(133, 2021), { style: 'excel', font: 'sans', scale: 0.6, quality: 90, rotation: 1, blur: 0.5 }],
    [legacyTable(123), { style: 'excel', font: 'sans', scale: 0.5, quality: 65 }],
    [applicationsTable(123, 2021), { style: 'excel', font: 'sans', scale: 0.5, quality: 65 }],
  ];
  for (const [table, options] of cases) {
    const g = await straighten(await toGrey(await renderScan(table, { ...plain, ...options })));
    const grid = findGrid(g);
    assert.deepEqual([grid?.rows.length, grid?.cols.length], [table.rows.length, table.rows[0]!.length], `${table.name} ${JSON.stringify(options)}`);
  }
  const { score, nonDigit } = await readScan(cases[0]![0], cases[0]![1]);
  assert.deepEqual(nonDigit, []);
  assert.ok(score.correct / score.numeric >= 0.99, `${score.correct}/${score.numeric} ${score.errors.slice(0, 5).join('; ')}`);
});

test('a lone 0 at half size and a minus sign touching its digit are read', async () => {
  const zero = await readScan(applicationsTable(100, 2019), { style: 'word', font: 'sans', scale: 0.5, quality: 65 });
  assert.equal(zero.score.correct, zero.score.numeric, zero.score.errors.join('; '));
  const minus = await readScan(activeTable2019(116), { style: 'word', font: 'sans', scale: 0.8, quality: 65, rotation: -0.6 });
  assert.equal(minus.score.correct, minus.score.numeric, minus.score.errors.join('; '));
});

test('a minus sign and a decimal point are found in the pixels', () => {
  // "-4" as it comes out shrunk: the minus touches the 4's bar. "1.1": a speck on the baseline.
  const draw = (w: number, h: number, ink: [number, number, number, number][]): Grey => {
    const data = new Uint8Array(w * h).fill(255);
    for (const [x0, y0, x1, y1] of ink) for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) data[y * w + x] = 40;
    return { width: w, height: h, data };
  };
  const line = { x0: 0, y0: 0, x1: 12, y1: 11 };
  const four: [number, number, number, number][] = [[4, 6, 11, 8], [4, 4, 6, 6], [6, 2, 8, 4], [8, 0, 10, 11]];
  assert.equal(hasLeadingMinus(draw(12, 11, [[0, 6, 4, 8], ...four]), line, 150), true);
  assert.equal(hasLeadingMinus(draw(12, 11, four), line, 150), false);
  const oneOne = draw(12, 11, [[1, 0, 3, 11], [5, 9, 7, 11], [9, 0, 11, 11]]);
  assert.equal(digitsBeforePoint(oneOne, line, 150, 2), 1);
  assert.equal(digitsBeforePoint(draw(12, 11, [[1, 0, 3, 11], [9, 0, 11, 11]]), line, 150, 2), undefined);
});

test('look-alike letters become digits only in cells that must hold numbers', () => {
  // Readings as the engine gives them on poor scans: zeros as o/O/D, ones as 丨/l/|.
  const readings = [
    ['信息内容', '本年新制作数量', '本年增/减'],
    ['Iol规章', 'o', '一17'],
    ['规范性文件', '1O', '-3'],
    ['行政许可', '汽', 'l丨'],
    ['Dolo', '42', '0'],
  ].map((row) => row.map((text) => ({ text })));
  const cols = numericColumns(readings.map((row) => row.map((c) => c.text)));
  assert.deepEqual(cols, [false, true, true]);
  const regions = readings.flatMap((row, r) => row.map((_, c) => ({ cells: [[r, c]] as [number, number][] })));
  const must = numberCells(regions, readings, cols);
  // Labels and header cells keep every character; the 汽 in a row of figures is a misread number.
  assert.deepEqual(must.map((row) => row.map(Number)), [
    [0, 0, 0],
    [0, 1, 1],
    [0, 1, 1],
    [0, 1, 1],
    [0, 1, 1],
  ]);
  // One column of numbers (the 2008–2018 table): a digit read among CJK is still a number.
  const legacy = [['统计指标', '单位', '统计数'], ['收到申请数', '件', '12'], ['当面申请数', '件', '8日'], ['网络申请数', '件', '4'], ['信函申请数', '件', 'a']].map((row) => row.map((text) => ({ text })));
  const legacyCols = numericColumns(legacy.map((row) => row.map((c) => c.text)));
  const legacyRegions = legacy.flatMap((row, r) => row.map((_, c) => ({ cells: [[r, c]] as [number, number][] })));
  assert.deepEqual(numberCells(legacyRegions, legacy, legacyCols).map((row) => row[2]), [false, true, true, true, true]);
  assert.equal(numberReading('a', true), undefined);
  assert.equal(digitsOnly('a'), '');
  assert.equal(numberReading('o', true)?.value, '0');
  assert.equal(numberReading('1O', true)?.value, '10');
  assert.equal(numberReading('一17', true)?.value, '-17');
  assert.equal(numberReading('l丨', true)?.value, '11');
  assert.equal(numberReading('o丨o丨o丨olo', true)?.value, '010101010');
  assert.equal(numberReading('汽', true), undefined);
  assert.equal(digitsOnly('6斗6'), '66');
  assert.equal(digitsOnly('64056.72'), '64056.72');
  // Outside number cells nothing is repaired.
  assert.equal(numberReading('Iol', false), undefined);
  assert.equal(numberReading('Dolo', false), undefined);
});

// Cases below come from sets of mixed scans that were held out while the rules were written
// (scripts/bench-ocr.ts, MIXED_SETS): each failed there before its rule was mended.

test('a faint, blurred row rule shorter in its halo rows than in its core keeps its row', async () => {
  // Excel's grey rule at 0.7 scale, turned back from −0.6° and blurred: one solid row of line
  // pixels between two halo rows that are line pixels only in stretches.
  const table = allTemplateTables(7031)[0]!;
  const g = await straighten(await toGrey(await renderScan(table, { style: 'excel', font: 'sans', scale: 0.7, quality: 65, lineWidth: 1, rotation: -0.6, blur: 0.5 })));
  const grid = findGrid(g);
  assert.deepEqual([grid?.rows.length, grid?.cols.length], [table.rows.length, table.rows[0]!.length]);
});

test('tight WPS rows: strokes of labels lined up from rule to rule are no column rules', async () => {
  // Glyphs touching both rules of their row, the same characters in row after row ("政府信息"):
  // their strokes cross whole rows, but with a break at a rule or crossed by other strokes.
  const cases: [TemplateTable, ScanOptions][] = [
    [allTemplateTables(9175)[2]!, { style: 'wps', font: 'sans', scale: 0.7, quality: 65, lineWidth: 1, rotation: 1, blur: 0.5 }],
    [allTemplateTables(9194)[0]!, { style: 'wps', font: 'sans', scale: 0.7, quality: 50, lineWidth: 1, rotation: 0.3, blur: 0.5 }],
  ];
  for (const [table, options] of cases) {
    const grid = findGrid(await straighten(await toGrey(await renderScan(table, options))));
    assert.deepEqual([grid?.rows.length, grid?.cols.length], [table.rows.length, table.rows[0]!.length], `${table.name} ${JSON.stringify(options)}`);
  }
});

test('a column whose only figure was not read is still a column of numbers (表四)', () => {
  // 表四 has one row of figures: a small 0 read as nothing leaves its column without any number.
  const header = ['行政复议', '行政复议', '行政复议', '行政诉讼', '行政诉讼'];
  const readings = [header, ['结果维持', '结果纠正', '总计', '结果维持', '总计'], ['', '3', '3', '', '2']];
  assert.deepEqual(numericColumns(readings), [true, true, true, true, true]);
  // A label column stays one: its rows of figures hold labels.
  const legacy = [['统计指标', '单位', '统计数'], ['收到申请数', '件', '12'], ['当面申请数', '件', '8'], ['网络申请数', '', '4']];
  assert.deepEqual(numericColumns(legacy), [false, false, true]);
});

test('a small serif 0 that reads as 11 alone is read as 0 when repeated', async () => {
  const table = allTemplateTables(9192)[5]!;
  const { read } = await readScan(table, { style: 'html', font: 'serif', scale: 0.6, quality: 50, lineWidth: 3, rotation: -0.6, blur: 0.5 });
  for (const [r, c] of [[10, 6], [11, 6]] as const) {
    assert.equal(table.rows[r]![c], '0');
    assert.equal(read.rows[r]![c], '0', `[${r},${c}]`);
  }
});

test('OCR threads: the machine\'s cores, bounded, or XXGK_OCR_THREADS', () => {
  assert.equal(ocrThreads({ XXGK_OCR_THREADS: '3' }), 3);
  for (const bad of ['0', '-2', 'two', '']) {
    const n = ocrThreads({ XXGK_OCR_THREADS: bad });
    assert.ok(Number.isInteger(n) && n >= 1 && n <= 8, `${bad} → ${n}`);
  }
});
