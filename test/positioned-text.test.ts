/**
 * layOutPages (src/read/positioned-text.ts) on synthetic runs: lines and spaces, paragraphs,
 * ruled tables (merged cells, a wrapped cell, two columns), unruled tables, page headers and
 * footers, a table continued on the next page, hostile input.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { layOutPages, type PageRuns, type RuleLine, type TextRun } from '../src/read/positioned-text.js';

const A4 = { width: 595, height: 842 };
const CJK = /[\u2e80-\u9fff\uff00-\uffef\u3000-\u303f]/u;

/** A run of text at (x, y) in a font of `size` points: Chinese characters 1 em wide, others 0.55. */
function run(text: string, x: number, y: number, size = 12): TextRun {
  const width = [...text].reduce((w, ch) => w + (CJK.test(ch) ? size : 0.55 * size), 0);
  return { text, x, y, width, height: size };
}

/** A run centred in [x0, x1]. */
function centred(text: string, x0: number, x1: number, y: number, size = 10): TextRun {
  const r = run(text, 0, y, size);
  return { ...r, x: (x0 + x1) / 2 - r.width / 2 };
}

const h = (y: number, x0: number, x1: number): RuleLine => ({ x0, y0: y, x1, y1: y });
const v = (x: number, y0: number, y1: number): RuleLine => ({ x0: x, y0, x1: x, y1 });

/** Rules of a grid with the given column and row lines, all cells separate. */
function gridRules(xs: number[], ys: number[]): RuleLine[] {
  return [...ys.map((y) => h(y, xs[0]!, xs[xs.length - 1]!)), ...xs.map((x) => v(x, ys[0]!, ys[ys.length - 1]!))];
}

function page(n: number, runs: TextRun[], rules?: RuleLine[]): PageRuns {
  return { page: n, ...A4, runs, ...(rules ? { rules } : {}) };
}

describe('layOutPages: lines', () => {
  it('joins Chinese runs on one baseline without spaces and puts spaces between words', () => {
    const runs = [run('本报告根据', 72, 100), run('《条例》', 132.5, 100), run('编制。', 180.6, 100.4), run('Microsoft', 72, 130), run('Word', 72 + 9 * 6.6 + 3, 130)];
    const { text } = layOutPages([page(1, runs)], 'pdf');
    assert.equal(text, '本报告根据《条例》编制。\nMicrosoft Word');
  });

  it('orders lines by y then x whatever order the runs come in', () => {
    const runs = [run('第二行', 72, 130), run('第一行右', 150, 100), run('第一行左', 72, 100.5)];
    const { text } = layOutPages([page(1, runs)], 'pdf');
    assert.equal(text, '第一行左 第一行右\n第二行');
  });

  it('joins the lines of a paragraph, across a page too, and starts one at an indent', () => {
    // Body from x=72 to 516 (37 characters of 12 pt); paragraphs indented two characters.
    const full = '一'.repeat(37);
    const p1 = [run('二'.repeat(35), 96, 100), run(full, 72, 118), run('三'.repeat(10), 72, 136)];
    const p2 = [run('四'.repeat(35), 96, 154), run(full, 72, 172)];
    const next = [run('五'.repeat(12), 72, 72), run('六、其他需要报告的事项', 72, 100)];
    const { text } = layOutPages([page(1, [...p1, ...p2]), page(2, next)], 'pdf');
    assert.deepEqual(text.split('\n'), ['二'.repeat(35) + full + '三'.repeat(10), '四'.repeat(35) + full + '五'.repeat(12), '六、其他需要报告的事项']);
  });

  it('reads Kangxi radicals as the characters they stand for and drops fake bold', () => {
    const title = [run('⼈⺠政府', 72, 100), run('⼈⺠政府', 72.3, 100.2)];
    const { text } = layOutPages([page(1, title)], 'pdf');
    assert.equal(text, '人民政府');
  });
});

describe('layOutPages: page headers and footers', () => {
  it('drops page numbers and running heads, keeps the body', () => {
    const pages = [1, 2, 3].map((n) =>
      page(n, [
        run('河南省财政厅文件', 250, 30, 9),
        run(`正文第${n}页的内容。`, 72, 300),
        centred(`- ${n} -`, 0, 595, 800, 9),
        ...(n === 2 ? [run(`第 ${n} 页 共 3 页`, 480, 815, 9)] : []),
      ]),
    );
    const { text } = layOutPages(pages, 'pdf');
    assert.deepEqual(text.split('\n'), ['正文第1页的内容。', '正文第2页的内容。', '正文第3页的内容。']);
  });

  it('keeps a number that is body text, away from the page edges', () => {
    const { text } = layOutPages([page(1, [run('合计', 72, 400), run('3', 72, 430)])], 'pdf');
    assert.equal(text, '合计\n3');
  });
});

describe('layOutPages: ruled tables', () => {
  // Columns 60 | 200 | 300 | 400 | 500; rows 100 | 120 | 140 | 170 | 190.
  const xs = [60, 200, 300, 400, 500];

  it('builds the grid with a header cell spanning columns and a label wrapped in its cell', () => {
    const rules = [
      h(100, 60, 500),
      h(120, 200, 500), // under 申请人情况 only: 信息内容 spans two rows
      h(140, 60, 500),
      h(170, 60, 500),
      h(190, 60, 500),
      v(60, 100, 190),
      v(200, 100, 190),
      v(500, 100, 190),
      v(300, 120, 190), // inner column lines start under the spanning header
      v(400, 120, 190),
    ];
    const runs = [
      run('三、收到和处理政府信息公开申请情况', 60, 80),
      centred('信息内容', 60, 200, 115, 10),
      centred('申请人情况', 200, 500, 105, 10),
      centred('自然人', 200, 300, 125, 10),
      centred('法人', 300, 400, 125, 10),
      centred('总计', 400, 500, 125, 10),
      run('（二）部分公开（区分处理', 62, 143, 10), // wrapped over two lines in one cell
      run('的，只计这一情形）', 62, 155, 10),
      centred('9', 200, 300, 150, 10),
      centred('3', 300, 400, 150, 10),
      centred('12', 400, 500, 150, 10),
      run('（七）总计', 62, 175, 10),
      centred('188', 200, 300, 175, 10),
      centred('31', 300, 400, 175, 10),
      centred('219', 400, 500, 175, 10),
    ];
    const { text, tables } = layOutPages([page(1, runs, rules)], 'pdf');
    assert.equal(tables.length, 1);
    assert.equal(tables[0]!.title, '三、收到和处理政府信息公开申请情况');
    assert.equal(tables[0]!.source, 'pdf');
    assert.deepEqual(tables[0]!.rows, [
      ['信息内容', '申请人情况', '申请人情况', '申请人情况'],
      ['信息内容', '自然人', '法人', '总计'],
      ['（二）部分公开（区分处理的，只计这一情形）', '9', '3', '12'],
      ['（七）总计', '188', '31', '219'],
    ]);
    assert.deepEqual(text.split('\n'), [
      '三、收到和处理政府信息公开申请情况',
      '信息内容\t申请人情况',
      '自然人\t法人\t总计',
      '（二）部分公开（区分处理的，只计这一情形）\t9\t3\t12',
      '（七）总计\t188\t31\t219',
    ]);
    void xs;
  });

  it('reads a table of two columns (label and figure)', () => {
    const rules = gridRules([100, 300, 450], [200, 220, 240, 260]);
    const runs = [
      run('（九）政府集中采购', 100, 180),
      run('采购项目数量', 102, 205, 10),
      centred('28', 300, 450, 205, 10),
      run('采购总金额', 102, 225, 10),
      centred('1865.3240', 300, 450, 225, 10),
      run('单位', 102, 245, 10),
      centred('万元', 300, 450, 245, 10),
      run('表后的说明文字。', 72, 300),
    ];
    const { text, tables } = layOutPages([page(1, runs, rules)], 'pdf');
    assert.deepEqual(tables[0]!.rows, [
      ['采购项目数量', '28'],
      ['采购总金额', '1865.3240'],
      ['单位', '万元'],
    ]);
    assert.equal(tables[0]!.title, '（九）政府集中采购');
    assert.deepEqual(text.split('\n'), ['（九）政府集中采购', '采购项目数量\t28', '采购总金额\t1865.3240', '单位\t万元', '表后的说明文字。']);
  });

  it('joins a table continued on the next page, dropping the header row it repeats', () => {
    const header = (y: number): TextRun[] => [centred('项目', 60, 200, y, 10), centred('本年', 200, 300, y, 10), centred('上年', 300, 400, y, 10)];
    const row = (label: string, a: string, b: string, y: number): TextRun[] => [run(label, 62, y, 10), centred(a, 200, 300, y, 10), centred(b, 300, 400, y, 10)];
    const cols = [60, 200, 300, 400];
    const p1 = page(1, [run('二、主动公开政府信息情况', 60, 680), ...header(705), ...row('规章', '0', '0', 725), ...row('规范性文件', '12', '87', 745)], gridRules(cols, [700, 720, 740, 760]));
    const p2 = page(2, [...header(65), ...row('行政许可', '3', '46', 85), run('三、收到和处理政府信息公开申请情况', 60, 130)], gridRules(cols, [60, 80, 100]));
    const { text, tables } = layOutPages([p1, p2], 'pdf');
    assert.equal(tables.length, 1);
    assert.deepEqual(tables[0]!.rows, [
      ['项目', '本年', '上年'],
      ['规章', '0', '0'],
      ['规范性文件', '12', '87'],
      ['行政许可', '3', '46'],
    ]);
    assert.equal(text.split('\n').at(-1), '三、收到和处理政府信息公开申请情况');
  });

  it('makes one cell again of a row-spanning label the page break cut in two', () => {
    // Page 1 ends inside the tall label cell 三、本年度办理结果: no rule under it at the page end,
    // and none over it where page 2 goes on.
    const p1 = page(
      1,
      [run('三、本年度办理', 62, 725, 10), run('（一）予以公开', 202, 725, 10), centred('71', 300, 400, 725, 10)],
      [h(720, 60, 400), h(740, 200, 400), v(60, 720, 740), v(200, 720, 740), v(300, 720, 740), v(400, 720, 740)],
    );
    const p2 = page(
      2,
      [run('结果', 62, 65, 10), run('（二）部分公开', 202, 65, 10), centred('9', 300, 400, 65, 10), run('四、结转下年度继续办理', 62, 85, 10), centred('7', 300, 400, 85, 10)],
      [h(60, 200, 400), h(80, 60, 400), h(100, 60, 400), v(60, 60, 100), v(200, 60, 80), v(300, 60, 100), v(400, 60, 100)],
    );
    const { tables } = layOutPages([p1, p2], 'pdf');
    assert.equal(tables.length, 1);
    assert.deepEqual(tables[0]!.rows, [
      ['三、本年度办理结果', '（一）予以公开', '71'],
      ['三、本年度办理结果', '（二）部分公开', '9'],
      ['四、结转下年度继续办理', '四、结转下年度继续办理', '7'],
    ]);
  });

  it('reads paragraphs and a table inside a frame drawn around the whole page', () => {
    const frame = gridRules([40, 555], [40, 800]);
    const table = gridRules([72, 200, 300, 400], [300, 320, 340]);
    const runs = [
      run('一'.repeat(35), 96, 100),
      run('二'.repeat(37), 72, 118),
      run('三、收到和处理政府信息公开申请情况', 72, 270),
      centred('项目', 72, 200, 305, 10),
      centred('本年', 200, 300, 305, 10),
      centred('上年', 300, 400, 305, 10),
      run('申请', 74, 325, 10),
      centred('12', 200, 300, 325, 10),
      centred('9', 300, 400, 325, 10),
    ];
    const { text, tables } = layOutPages([page(1, runs, [...frame, ...table])], 'pdf');
    assert.deepEqual(tables.map((t) => t.rows), [
      [
        ['项目', '本年', '上年'],
        ['申请', '12', '9'],
      ],
    ]);
    assert.deepEqual(text.split('\n'), ['一'.repeat(35) + '二'.repeat(37), '三、收到和处理政府信息公开申请情况', '项目\t本年\t上年', '申请\t12\t9']);
  });

  it('leaves a framed paragraph as text, not a table', () => {
    const rules = gridRules([60, 500], [100, 140]);
    const { text, tables } = layOutPages([page(1, [run('注：本表数据截至2019年12月31日。', 64, 110)], rules)], 'pdf');
    assert.equal(tables.length, 0);
    assert.equal(text, '注：本表数据截至2019年12月31日。');
  });
});

describe('layOutPages: tables without rules', () => {
  it('finds columns from aligned figures and keeps the heading above as the title', () => {
    const rows: [string, string, string, string][] = [
      ['信息内容', '本年新制作数量', '本年新公开数量', '对外公开总数量'],
      ['规章', '0', '0', '0'],
      ['规范性文件', '12', '12', '87'],
      ['行政许可', '3', '0', '46'],
    ];
    const runs: TextRun[] = [run('二、主动公开政府信息情况', 72, 100)];
    rows.forEach((r, i) => {
      const y = 130 + i * 20;
      runs.push(run(r[0], 72, y, 10), centred(r[1], 200, 300, y, 10), centred(r[2], 300, 400, y, 10), centred(r[3], 400, 500, y, 10));
    });
    runs.push(run('以上数据由各单位报送。', 72, 230));
    const { text, tables } = layOutPages([page(1, runs)], 'pdf');
    assert.equal(tables.length, 1);
    assert.equal(tables[0]!.title, '二、主动公开政府信息情况');
    assert.deepEqual(tables[0]!.rows, rows);
    assert.deepEqual(text.split('\n'), ['二、主动公开政府信息情况', ...rows.map((r) => r.join('\t')), '以上数据由各单位报送。']);
  });

  it('does not take prose with numbers for a table', () => {
    const runs = [
      run('全年新收政府信息公开申请', 72, 100),
      run('217', 72 + 12 * 12 + 2.4, 100),
      run('件，上年结转', 72 + 12 * 12 + 2.4 + 3 * 6.6 + 2.4, 100),
      run('10', 300, 100),
      run('件。', 316, 100),
    ];
    const { tables } = layOutPages([page(1, runs), page(2, runs), page(3, runs)], 'pdf');
    assert.equal(tables.length, 0);
  });
});

describe('layOutPages: hostile input', () => {
  it('ignores runs and rules with impossible numbers and stays bounded on huge pages', () => {
    const bad: TextRun[] = [
      { text: '坏', x: Number.NaN, y: 10, width: 10, height: 10 },
      { text: '坏', x: 10, y: 10, width: -5, height: 10 },
      { text: '坏', x: 10, y: Infinity, width: 5, height: 10 },
      { text: '', x: 10, y: 10, width: 5, height: 10 },
      run('好', 72, 100),
    ];
    const rules: RuleLine[] = [{ x0: Number.NaN, y0: 0, x1: 1, y1: 1 }, ...Array.from({ length: 50_000 }, (_, i) => h(100 + (i % 500), 0, 1e9))];
    // 80 000 glyphs, all apart (more than a page keeps), and 80 000 on top of each other.
    const many = Array.from({ length: 80_000 }, (_, i) => run('字', (i % 200) * 3, 20 + Math.floor(i / 200) * 2, 2));
    const stacked = Array.from({ length: 80_000 }, (_, i) => run('字', 100 + (i % 7) * 0.01, 100, 12));
    const started = Date.now();
    const { text } = layOutPages([page(1, bad, rules), page(2, many), page(3, []), page(4, stacked)], 'pdf');
    assert.ok(text.startsWith('好'));
    assert.ok(Date.now() - started < 20_000, `took ${Date.now() - started} ms`);
  });
});
