/**
 * Table images → grids, with the real OCR model (loaded once, about a second per image).
 * The full sweep over scales and qualities is scripts/bench-ocr.ts.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { paddleDetector, type TextDetector } from '../src/extract/ocr/detector.js';
import { looksLikeTableImage } from '../src/extract/ocr/looks-like-table.js';
import { readImageTables } from '../src/extract/ocr/read-image-tables.js';
import { readTableImage } from '../src/extract/ocr/read-table-image.js';
import { renderPhotoLike, renderTextParagraph } from '../sim/images/render-misc.js';
import { renderTableAsScreenshots, renderTableImage } from '../sim/images/render-table.js';
import { scoreGrid } from '../sim/images/score-grid.js';
import { applicationsGrid2019, legacyGrid, reviewGrid2019 } from '../sim/images/table-grids.js';

const detector = paddleDetector();

test('reads number cells of rendered tables, low-resolution JPEG included', async () => {
  const cases = [
    { rows: applicationsGrid2019(7), options: { scale: 1, jpegQuality: 90 } },
    { rows: legacyGrid(3), options: { scale: 0.8, jpegQuality: 70, title: '政府信息公开情况统计表' } },
    { rows: reviewGrid2019(5), options: { scale: 0.65, jpegQuality: 55 } },
  ];
  let numeric = 0;
  let correct = 0;
  for (const c of cases) {
    const read = await readTableImage(renderTableImage(c.rows, c.options), detector);
    const score = scoreGrid(c.rows, read.rows);
    assert.ok(score.structure, `structure ${read.rows.length}×${read.rows[0]?.length} for ${c.rows.length}×${c.rows[0]?.length}`);
    numeric += score.numeric;
    correct += score.correct;
  }
  assert.ok(numeric >= 100, `${numeric} number cells`);
  assert.ok(correct / numeric >= 0.98, `accuracy ${correct}/${numeric}`);
});

test('joins a table split over screenshots (header only on the first) into one grid', async () => {
  const rows = legacyGrid(11);
  const parts = renderTableAsScreenshots(rows, { parts: 4, scale: 0.8, jpegQuality: 80, title: '政府信息公开情况统计表' });
  assert.equal(parts.length, 4);
  const images = [
    { file: '统计指标.jpg', bytes: parts[0]! },
    { file: 'photo.jpg', bytes: renderPhotoLike(1) },
    { file: '统计指标1.jpg', bytes: parts[1]! },
    { file: '统计指标2.jpg', bytes: parts[2]! },
    { file: '统计指标3.jpg', bytes: parts[3]! },
  ];
  const tables = await readImageTables(images, detector);
  assert.equal(tables.length, 1);
  const [table] = tables;
  assert.equal(table!.source, 'image');
  assert.deepEqual(table!.images, ['统计指标.jpg', '统计指标1.jpg', '统计指标2.jpg', '统计指标3.jpg']);
  assert.equal(table!.title, '政府信息公开情况统计表');
  assert.equal(table!.rows.length, rows.length);
  const numbers = (grid: string[][]): string[][] => grid.map((r) => r.slice(1));
  assert.deepEqual(numbers(table!.rows), numbers(rows));
  // Labels are CJK text: allow the odd misread character, not a misplaced row.
  const labelsRight = table!.rows.filter((r, i) => r[0] === rows[i]![0]).length;
  assert.ok(labelsRight / rows.length >= 0.9, `labels ${labelsRight}/${rows.length}`);
});

test('tells table images from photos and text', async () => {
  assert.equal(await looksLikeTableImage(renderTableImage(legacyGrid(2), { scale: 0.65, jpegQuality: 55 })), true);
  assert.equal(await looksLikeTableImage(renderTableImage(reviewGrid2019(2))), true);
  assert.equal(await looksLikeTableImage(renderPhotoLike(3)), false);
  const paragraph = '2018年，全省各级行政机关认真贯彻落实《中华人民共和国政府信息公开条例》，坚持以公开为常态、不公开为例外，扎实推进政府信息公开工作。'.repeat(4);
  assert.equal(await looksLikeTableImage(renderTextParagraph(paragraph)), false);
});

test('works with any engine behind TextDetector (a fake that only detects)', async () => {
  const fake: TextDetector = {
    async detect() {
      return [{ text: '42', mean: 0.99, box: [[0, 0], [10, 0], [10, 10], [0, 10]] }];
    },
  };
  const read = await readTableImage(renderTableImage([['项目', '数量'], ['甲', '1'], ['乙', '2']]), fake);
  assert.equal(read.rows.length, 3);
  assert.equal(read.rows[0]!.length, 2);
  assert.equal(read.rows[1]![1], '42');
});
