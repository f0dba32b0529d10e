/**
 * Tables of scanned pages broken by a page break (src/extract/ocr/page-break-tables.ts): joined
 * by where their columns stand, a new table left alone.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withPageBreaksJoined, type PageTable } from '../src/extract/ocr/page-break-tables.js';
import type { ImageTableRead } from '../src/extract/ocr/read-table-image.js';

/** A table read from a page: columns at these x boundaries (pixels), rows as given. */
function read(edges: number[], rows: string[][], above = ''): ImageTableRead {
  const [x0, x1] = [edges[0]!, edges[edges.length - 1]!];
  return { rows, alternatives: {}, layout: edges.slice(1, -1).map((x) => (x - x0) / (x1 - x0)), above, bounds: { x0, x1, y0: 100, y1: 900 }, lines: rows.map((r) => r.join('\t')) };
}

const table = (page: number, r: ImageTableRead): PageTable => ({ file: `page-${page}.png`, page, read: r });

test('表三 broken by a page break: the rows after it keep their columns, the header part is spread over them', () => {
  // Page 2: one label column, two number columns. Page 3: the label column split in two (section, item).
  const head = read([100, 400, 500, 600], [['申请人情况', '自然人', '总计'], ['一、本年新收政府信息公开申请数量', '27', '29']]);
  const rest = read([100, 200, 400, 500, 600], [['三、本年度办理结果', '（一）予以公开', '9', '10']]);
  const [joined, ...others] = withPageBreaksJoined([table(2, head), table(3, rest)]);
  assert.equal(others.length, 0);
  assert.deepEqual(joined!.read.rows, [
    ['申请人情况', '申请人情况', '自然人', '总计'],
    ['一、本年新收政府信息公开申请数量', '一、本年新收政府信息公开申请数量', '27', '29'],
    ['三、本年度办理结果', '（一）予以公开', '9', '10'],
  ]);
  assert.equal(joined!.page, 3);
});

test('a table that starts anew (a header row, a title above) or stands elsewhere on the page is not joined', () => {
  const first = read([100, 400, 600], [['行政许可', '36']]);
  const header = read([100, 400, 600], [['信息内容', '本年新制作数量']]);
  assert.equal(withPageBreaksJoined([table(1, first), table(2, header)]).length, 2);
  const titled = read([100, 400, 600], [['规章', '0']], '政府信息公开情况统计表');
  assert.equal(withPageBreaksJoined([table(1, first), table(2, titled)]).length, 2);
  const narrower = read([150, 400, 500], [['规章', '0']]);
  assert.equal(withPageBreaksJoined([table(1, first), table(2, narrower)]).length, 2);
  // Not on the next page, or not the first table of its page.
  assert.equal(withPageBreaksJoined([table(1, first), table(3, read([100, 400, 600], [['规章', '0']]))]).length, 2);
  const continued = read([100, 400, 600], [['行政处罚', '62']]);
  assert.equal(withPageBreaksJoined([table(1, first), table(2, continued)]).length, 1);
});
