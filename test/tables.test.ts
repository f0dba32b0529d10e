import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as cheerio from 'cheerio';
import type { Element } from 'domhandler';
import { findHtmlTables, findTextTables, htmlTableToGrid } from '../src/extract/tables/index.js';
import type { ExtractedTable } from '../src/types.js';

function seed(name: string): string {
  return readFileSync(new URL(`../../shared/seed-reports/${name}.txt`, import.meta.url), 'utf8');
}

function load(html: string) {
  const $ = cheerio.load(`<div id="body">${html}</div>`);
  return { $, root: $('#body').get(0) as Element };
}

function assertRectangle(table: ExtractedTable, width: number) {
  for (const row of table.rows) assert.equal(row.length, width, `row ${JSON.stringify(row)}`);
}

function byTitle(tables: ExtractedTable[], part: string): ExtractedTable {
  const found = tables.find((t) => t.title.includes(part));
  assert.ok(found, `no table titled …${part}… among ${tables.map((t) => t.title).join(' / ')}`);
  return found;
}

/** The figures of the row whose label columns (the first `labels`) hold `label`. */
function figures(table: ExtractedTable, label: string, labels: number): string[] {
  const row = table.rows.find((r) => r.slice(0, labels).includes(label));
  assert.ok(row, `no row ${label}`);
  return row.slice(labels);
}

// ---------------------------------------------------------------------------------------------
// HTML

const num = (...values: string[]) =>
  values.map((v) => `<td valign="center"><p align="center"><span style="font-size:10.5pt">&nbsp;${v}&nbsp;</span></p></td>`).join('');

const APPLICATIONS_HTML = `
<p style="text-indent:2em"><strong><span>三、收到和处理政府信息公开申请情况</span></strong></p>
<table border="1" cellspacing="0" cellpadding="0" width="100%" style="border-collapse:collapse">
<tbody>
<tr>
  <td rowspan="3" colspan="3" width="40%"><p><span>（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</span></p></td>
  <td colspan="7"><p align="center"><span>申请人情况</span></p></td>
</tr>
<tr>
  <td rowspan="2"><p align="center"><span>自然人</span></p></td>
  <td colspan="5"><p align="center"><span>法人或其他组织</span></p></td>
  <td rowspan="2"><p align="center"><span>总计</span></p></td>
</tr>
<tr>
  <td><p align="center"><span>商业</span><br><span>企业</span></p></td>
  <td><p align="center"><span>科研</span></p><p align="center"><span>机构</span></p></td>
  <td><p align="center"><span>社会公益组织</span></p></td>
  <td><p align="center"><span>法律服务机构</span></p></td>
  <td><p align="center"><span>其他</span></p></td>
</tr>
<tr><td colspan="3"><p><span>一、本年新收政府信息公开申请数量</span></p></td>${num('216', '3', '0', '2', '0', '13', '234')}</tr>
<tr><td colspan="3"><p><span>二、上年结转政府信息公开申请数量</span></p></td>${num('0', '0', '0', '0', '0', '0', '0')}</tr>
<tr>
  <td rowspan="20"><p><span>三、本年度办理结果</span></p></td>
  <td colspan="2"><p><span>（一）予以公开</span></p></td>${num('180', '3', '0', '2', '0', '11', '196')}
</tr>
<tr><td colspan="2"><p><span>（二）部分公开（区分处理的，只计这一情形，不计其他情形）</span></p></td>${num('8', '0', '0', '0', '0', '0', '8')}</tr>
<tr><td rowspan="8"><p><span>（三）不予公开</span></p></td><td><p><span>1．属于国家秘密</span></p></td>${num('0', '0', '0', '0', '0', '0', '0')}</tr>
<tr><td><p><span>2．其他法律行政法规禁止公开</span></p></td>${num('0', '0', '0', '0', '0', '0', '0')}</tr>
<tr><td><p><span>3．危及“三安全一稳定”</span></p></td>${num('0', '0', '0', '0', '0', '0', '0')}</tr>
<tr><td><p><span>4．保护第三方合法权益</span></p></td>${num('0', '0', '0', '0', '0', '0', '0')}</tr>
<tr><td><p><span>5．属于三类内部事务信息</span></p></td>${num('1', '0', '0', '0', '0', '0', '1')}</tr>
<tr><td><p><span>6．属于四类过程性信息</span></p></td>${num('0', '0', '0', '0', '0', '0', '0')}</tr>
<tr><td><p><span>7．属于行政执法案卷</span></p></td>${num('1', '0', '0', '0', '0', '0', '1')}</tr>
<tr><td><p><span>8．属于行政查询事项</span></p></td>${num('0', '0', '0', '0', '0', '0', '0')}</tr>
<tr><td rowspan="3"><p><span>（四）无法提供</span></p></td><td><p><span>1．本机关不掌握相关政府信息</span></p></td>${num('15', '0', '0', '0', '0', '0', '15')}</tr>
<tr><td><p><span>2．没有现成信息需要另行制作</span></p></td>${num('1', '0', '0', '0', '0', '0', '1')}</tr>
<tr><td><p><span>3．补正后申请内容仍不明确</span></p></td>${num('0', '0', '0', '0', '0', '0', '0')}</tr>
<tr><td rowspan="5"><p><span>（五）不予处理</span></p></td><td><p><span>1．信访举报投诉类申请</span></p></td>${num('4', '0', '0', '0', '0', '3', '7')}</tr>
<tr><td><p><span>2．重复申请</span></p></td>${num('1', '0', '0', '0', '0', '0', '1')}</tr>
<tr><td><p><span>3．要求提供公开出版物</span></p></td>${num('0', '0', '0', '0', '0', '0', '0')}</tr>
<tr><td><p><span>4．无正当理由大量反复申请</span></p></td>${num('2', '0', '0', '0', '0', '0', '2')}</tr>
<tr><td><p><span>5．要求行政机关确认或重新出具已获取信息</span></p></td>${num('0', '0', '0', '0', '0', '0', '0')}</tr>
<tr><td colspan="2"><p><span>（六）其他处理</span></p></td>${num('1', '0', '0', '0', '0', '1', '2')}</tr>
<tr><td colspan="2"><p><span>（七）总计</span></p></td>${num('216', '3', '0', '2', '0', '13', '234')}</tr>
<tr><td colspan="3"><p><span>四、结转下年度继续办理</span></p></td>${num('0', '0', '0', '0', '0', '0', '0')}</tr>
<tr style="height:0"><td colspan="10">&nbsp;</td><td>&nbsp;</td></tr>
</tbody>
</table>
<p>&nbsp;</p>`;

test('HTML table 三: spans expanded into a full 10-column grid', () => {
  const { $ } = load(APPLICATIONS_HTML);
  const grid = htmlTableToGrid($, $('table').get(0) as Element);
  assert.equal(grid.length, 26, 'three header rows, 23 data rows; the empty spacer row dropped');
  for (const row of grid) assert.equal(row.length, 10);

  const note = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';
  assert.deepEqual(grid[0], [note, note, note, ...Array(7).fill('申请人情况')]);
  assert.deepEqual(grid[1], [note, note, note, '自然人', ...Array(5).fill('法人或其他组织'), '总计']);
  assert.deepEqual(grid[2], [note, note, note, '自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计']);

  const newLabel = '一、本年新收政府信息公开申请数量';
  assert.deepEqual(grid[3], [newLabel, newLabel, newLabel, '216', '3', '0', '2', '0', '13', '234']);
  assert.deepEqual(grid[5], ['三、本年度办理结果', '（一）予以公开', '（一）予以公开', '180', '3', '0', '2', '0', '11', '196']);
  assert.deepEqual(grid[7], ['三、本年度办理结果', '（三）不予公开', '1．属于国家秘密', '0', '0', '0', '0', '0', '0', '0']);
  assert.deepEqual(grid[14], ['三、本年度办理结果', '（三）不予公开', '8．属于行政查询事项', '0', '0', '0', '0', '0', '0', '0']);
  assert.deepEqual(grid[18]!.slice(0, 3), ['三、本年度办理结果', '（五）不予处理', '1．信访举报投诉类申请']);
  assert.deepEqual(grid[18]!.slice(3), ['4', '0', '0', '0', '0', '3', '7']);
  assert.deepEqual(grid[24], ['三、本年度办理结果', '（七）总计', '（七）总计', '216', '3', '0', '2', '0', '13', '234']);
  assert.equal(grid[25]![0], '四、结转下年度继续办理');
  assert.equal(grid[25]![9], '0');
});

test('findHtmlTables titles the table with the heading above it', () => {
  const { $, root } = load(APPLICATIONS_HTML);
  const tables = findHtmlTables($, root);
  assert.equal(tables.length, 1);
  assert.equal(tables[0]!.title, '三、收到和处理政府信息公开申请情况');
  assert.equal(tables[0]!.source, 'html');
  assertRectangle(tables[0]!, 10);
});

const LEGACY_ROWS = `
  <tr><td><p align="center"><span>统计指标</span></p></td><td><p>单位</p></td><td><p>统计数</p></td></tr>
  <tr><td><p>一、主动公开情况</p></td><td>——</td><td>——</td></tr>
  <tr><td><p>（一）主动公开政府信息数<br>（不同渠道和方式公开相同信息计1条）</p></td><td>条</td><td>2756085</td></tr>
  <tr><td><p>（四）政府信息公开专项经费</p></td><td>万元</td><td>&nbsp;2414.45&nbsp;</td></tr>
  <tr><td>&nbsp;</td><td></td><td>&nbsp;</td><td>&#12288;</td></tr>`;

test('a layout table around the data table: the inner table is the table', () => {
  const { $, root } = load(`
    <table width="100%" border="0"><tr><td align="center">
      <p><strong>政府信息公开情况统计表</strong></p>
      <p>（2018年度）</p>
      <table border="1" cellspacing="0">${LEGACY_ROWS}</table>
    </td></tr></table>`);
  const outer = $('table').get(0) as Element;
  const grid = htmlTableToGrid($, outer);
  assert.deepEqual(grid, [
    ['统计指标', '单位', '统计数'],
    ['一、主动公开情况', '——', '——'],
    ['（一）主动公开政府信息数（不同渠道和方式公开相同信息计1条）', '条', '2756085'],
    ['（四）政府信息公开专项经费', '万元', '2414.45'],
  ]);
  const tables = findHtmlTables($, root);
  assert.equal(tables.length, 1, 'the frame is not a table of its own');
  assert.equal(tables[0]!.title, '政府信息公开情况统计表');
  assert.deepEqual(tables[0]!.rows, grid);
});

test('a caption is the title; layout and metadata tables are skipped', () => {
  const long = '2019年，我县认真贯彻落实党中央、国务院关于全面推进政务公开工作的决策部署，以提升政务公开质量为主线，增强解读回应实效。';
  const { $, root } = load(`
    <table class="meta"><tr><td>索引号：</td><td>11411628/2020-00012</td><td>信息分类：</td><td>年度报告</td></tr>
      <tr><td>发布机构：</td><td>鹿邑县人民政府办公室</td><td>生成日期：</td><td>2020-01-15</td></tr></table>
    <table><tr><td><p>${long}</p></td><td><p>${long}</p></td></tr><tr><td><p>${long}</p></td><td>附件</td></tr></table>
    <table><tr><td><p>${long}</p></td></tr></table>
    <p>一、总体情况</p>
    <table border="1"><caption>表1&nbsp; 主动公开政府信息情况</caption>
      <tr><td>信息内容</td><td>本年新制作数量</td><td>本年新公开数量</td><td>对外公开总数量</td></tr>
      <tr><td>规章</td><td>0</td><td>0</td><td>0</td></tr>
      <tr><td>规范性文件</td><td>2</td><td>4</td><td>8</td></tr>
    </table>`);
  const tables = findHtmlTables($, root);
  assert.equal(tables.length, 1);
  assert.equal(tables[0]!.title, '表1 主动公开政府信息情况');
  assert.deepEqual(tables[0]!.rows[2], ['规范性文件', '2', '4', '8']);
});

// ---------------------------------------------------------------------------------------------
// Text: the seed reports

test('luyi-county-2019: the three 2019 tables from tab-separated text', () => {
  const tables = findTextTables(seed('luyi-county-2019'));
  assert.equal(tables.length, 3);
  for (const t of tables) assert.equal(t.source, 'text');

  const active = byTitle(tables, '二、主动公开政府信息情况');
  assertRectangle(active, 4);
  assert.deepEqual(figures(active, '规范性文件', 1), ['2', '4', '8']);
  assert.deepEqual(figures(active, '行政许可', 1), ['13428', '3206', '22156']);
  assert.deepEqual(figures(active, '行政处罚', 1), ['684', '127', '3460']);
  assert.deepEqual(figures(active, '行政强制', 1), ['36', '140', '577']);
  assert.deepEqual(figures(active, '行政事业性收费', 1), ['48', '1', '']);
  assert.deepEqual(figures(active, '政府集中采购', 1), ['258', '180000.17', '']);

  const apps = byTitle(tables, '三、收到和处理政府信息公开申请情况');
  assertRectangle(apps, 10);
  assert.deepEqual(apps.rows[2]!.slice(3), ['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计']);
  assert.deepEqual(figures(apps, '一、本年新收政府信息公开申请数量', 3), ['216', '3', '0', '2', '0', '13', '234']);
  assert.deepEqual(figures(apps, '二、上年结转政府信息公开申请数量', 3), ['0', '0', '0', '0', '0', '0', '0']);
  // Only the 总计 column is printed for (一) and (二): right alignment puts it there.
  assert.deepEqual(figures(apps, '(一) 予以公开', 3), ['', '', '', '', '', '', '196']);
  assert.deepEqual(figures(apps, '5.属于三类内部事务信息', 3), ['', '', '', '', '', '', '1']);
  // This row lost its leading cells in the paste.
  const query = apps.rows.find((r) => r[2] === '8.属于行政查询事项')!;
  assert.deepEqual(query.slice(0, 2), ['三、本年度办理结果', '(三) 不予公开']);
  assert.equal(query[9], '0');
  assert.deepEqual(figures(apps, '1. 本机关不掌握相关政府信息', 3), ['15', '0', '0', '0', '0', '0', '15']);
  assert.deepEqual(figures(apps, '1. 信访举报投诉类申请', 3), ['4', '0', '0', '0', '0', '3', '7']);
  assert.deepEqual(figures(apps, '(六) 其他处理', 3), ['1', '0', '0', '0', '0', '1', '2']);
  assert.deepEqual(figures(apps, '(七) 总计', 3), ['216', '3', '0', '2', '0', '13', '234']);
  assert.deepEqual(figures(apps, '四、结转下年度继续办理', 3), ['0', '0', '0', '0', '0', '0', '0']);

  const review = byTitle(tables, '行政复议、行政诉讼情况');
  assertRectangle(review, 15);
  assert.deepEqual(review.rows[review.rows.length - 1], ['7', '0', '1', '0', '8', '12', '0', '1', '1', '14', '1', '1', '0', '0', '2']);
  assert.equal(review.rows[0]![4], '行政复议');
  assert.equal(review.rows[1]![7], '未经复议直接起诉');
  assert.equal(review.rows[2]![14], '总计');
});

test('henan-office-2019: blank cells kept in their columns, broken rows realigned', () => {
  const tables = findTextTables(seed('henan-office-2019'));
  assert.equal(tables.length, 3);

  const active = byTitle(tables, '二、主动公开政府信息情况');
  assert.deepEqual(figures(active, '规章', 1), ['4', '4', '108']);
  assert.deepEqual(figures(active, '规范性文件', 1), ['1964', '1526', '5212']);
  assert.deepEqual(figures(active, '政府集中采购', 1), ['35', '3769.7215', '']);

  const apps = byTitle(tables, '三、收到和处理政府信息公开申请情况');
  assertRectangle(apps, 10);
  assert.equal(apps.rows[0]![9], '总计', '总计 printed on the first header line keeps its column');
  assert.deepEqual(figures(apps, '一、本年新收政府信息公开申请数量', 3), ['2742', '58', '', '', '', '', '2800']);
  // Leading empty cell in the paste: 62 is 自然人, not 商业企业.
  assert.deepEqual(figures(apps, '二、上年结转政府信息公开申请数量', 3), ['62', '9', '', '', '', '', '71']);
  assert.deepEqual(figures(apps, '(一) 予以公开', 3), ['374', '3', '', '', '', '', '377']);
  assert.deepEqual(figures(apps, '1. 属于国家秘密', 3), ['27', '1', '', '', '', '', '28']);
  assert.deepEqual(figures(apps, '1. 本机关不掌握相关政府信息', 3), ['2121', '48', '', '', '', '', '2169']);
  assert.deepEqual(figures(apps, '2. 重复申请', 3), ['22', '3', '', '', '', '', '25']);
  const excessive = apps.rows.find((r) => r[2] === '4. 无正当理由大量反复申请')!;
  assert.deepEqual(excessive.slice(0, 2), ['三、本年度办理结果', '(五) 不予处理']);
  assert.deepEqual(excessive.slice(3), ['0', '', '', '', '', '', '0']);
  assert.deepEqual(figures(apps, '(六) 其他处理', 3), ['41', '12', '', '', '', '', '53']);
  assert.deepEqual(figures(apps, '(七) 总计', 3), ['2677', '67', '', '', '', '', '2744']);
  assert.deepEqual(figures(apps, '四、结转下年度继续处理', 3), ['127', '0', '', '', '', '', '127']);

  const review = byTitle(tables, '行政复议');
  assertRectangle(review, 15);
  assert.ok(!review.rows.some((r) => r.includes('------')), 'the ruled line is no row');
  assert.deepEqual(review.rows[review.rows.length - 1], ['14', '4', '0', '1', '19', '8', '0', '2', '4', '14', '3', '0', '0', '1', '4']);
  assert.equal(review.rows[2]![5], '结果 维持');
});

test('henan-province-2018: the 2008–2018 table from one cell per line', () => {
  const tables = findTextTables(seed('henan-province-2018'));
  assert.equal(tables.length, 1);
  const legacy = tables[0]!;
  assert.equal(legacy.title, '政府信息公开情况统计表');
  assertRectangle(legacy, 3);
  assert.deepEqual(legacy.rows[0], ['统 计 指 标', '单位', '统计数']);
  assert.deepEqual(legacy.rows[1], ['一、主动公开情况', '——', '']);
  const row = (label: string) => legacy.rows.find((r) => r[0] === label)?.slice(1);
  assert.deepEqual(row('(一)主动公开政府信息数(不同渠道和方式公开相同信息计1条)'), ['', '2756085']);
  assert.deepEqual(row('其中:主动公开规范性文件数'), ['', '46212']);
  assert.deepEqual(row('(一)收到申请数'), ['', '23623']);
  assert.deepEqual(row('1.当面申请数'), ['', '7229']);
  assert.deepEqual(row('2.传真申请数'), ['', '143']);
  assert.deepEqual(row('3.网络申请数'), ['', '5028']);
  assert.deepEqual(row('4.信函申请数'), ['', '11223']);
  assert.deepEqual(row('(二)申请办结数'), ['', '23599']);
  assert.deepEqual(row('四、行政复议数量'), ['', '1501']);
  assert.deepEqual(row('七、依申请公开信息收取的费用'), ['万元', '0']);
  assert.deepEqual(
    row('(四)政府信息公开专项经费(不包括用于政府公报编辑管理及政府网站建设维护等方面的经费)'),
    ['万元', '2414.45'],
  );
  assert.deepEqual(legacy.rows[legacy.rows.length - 1], ['(三)接受培训人员数', '人次', '92533']);
  assert.equal(legacy.rows.length, 66, 'footer lines after the table are not rows');
});

test('henan-province-2018 as the renderer writes it (padding lines gone) reads the same', () => {
  const raw = seed('henan-province-2018');
  const rendered = raw
    .split('\n')
    .map((l) => l.replace(/\u00a0/g, ' ').trim())
    .filter(Boolean)
    .join('\n');
  assert.deepEqual(findTextTables(rendered), findTextTables(raw));
});

test('seeds without a text table yield none', () => {
  assert.deepEqual(findTextTables(seed('kaifeng-xiangfu-2016')), []);
  assert.deepEqual(findTextTables(seed('yunnan-province-2018-spam')), [], 'that table is only images');
});

// ---------------------------------------------------------------------------------------------
// Text: shapes the seeds do not show

test('paragraphs with tabs are not tables', () => {
  const text = [
    '一、概述\t2019年，鹿邑县认真贯彻落实党中央、国务院和省委、省政府的各项政务公开工作要求，结合我县实际，以提升政务公开质量为主线，增强解读回应实效。',
    '\t全县各乡镇、政府各部门通过各种方式主动公开信息15036条，比去年同期增长11%，主要涉及政府规章和规范性文件、政府工作报告、政府重要会议。',
    '联系人：\t县政府办公室',
    '地址：\t鹿邑县紫气大道1号',
  ].join('\n');
  assert.deepEqual(findTextTables(text), []);
});

test('cells separated by runs of spaces or full-width spaces', () => {
  const text = ['（一）主动公开', '', '信息内容  本年新制作数量  本年新公开数量  对外公开总数量', '规章  0  0  0', '规范性文件\u30002\u30004\u30008'].join('\n');
  const [table] = findTextTables(text);
  assert.ok(table);
  assert.equal(table.title, '（一）主动公开');
  assert.deepEqual(table.rows, [
    ['信息内容', '本年新制作数量', '本年新公开数量', '对外公开总数量'],
    ['规章', '0', '0', '0'],
    ['规范性文件', '2', '4', '8'],
  ]);
});

test('rows broken over lines are rejoined in table 三', () => {
  const text = [
    '三、收到和处理政府信息公开申请情况',
    '\t申请人情况',
    '\t自然人\t法人或其他组织\t\t\t\t\t总计',
    '\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他',
    '一、本年新收政府信息公开申请数量',
    '10\t2\t0\t0\t0\t1\t13',
    '二、上年结转政府信息公开申请数量\t1\t0\t0\t0\t0\t0\t1',
    '三、本年度办理结果',
    '（一）予以公开\t5\t1\t0\t0\t0\t0\t6',
    '（二）部分公开（区分处理的，',
    '只计这一情形，不计其他情形）\t1\t0\t0\t0\t0\t0\t1',
    '\t（六）其他处理\t\t5\t1\t0\t0\t0\t1\t7',
    '（七）总计\t11\t2\t0\t0\t0\t1\t14',
    '四、结转下年度继续办理\t0\t0\t0\t0\t0\t0\t0',
    '',
    '四、政府信息公开行政复议、行政诉讼情况',
  ].join('\n');
  const tables = findTextTables(text);
  assert.equal(tables.length, 1);
  const apps = tables[0]!;
  assertRectangle(apps, 10);
  assert.deepEqual(apps.rows[2]!.slice(3), ['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计']);
  assert.deepEqual(figures(apps, '一、本年新收政府信息公开申请数量', 3), ['10', '2', '0', '0', '0', '1', '13']);
  assert.deepEqual(apps.rows.find((r) => r[1] === '（一）予以公开')![0], '三、本年度办理结果');
  assert.deepEqual(figures(apps, '（二）部分公开（区分处理的，只计这一情形，不计其他情形）', 3), ['1', '0', '0', '0', '0', '0', '1']);
  assert.deepEqual(figures(apps, '（六）其他处理', 3), ['5', '1', '0', '0', '0', '1', '7']);
});

test('table 四: header placed by the template, figures wrapped over two lines joined', () => {
  const text = [
    '四、政府信息公开行政复议、行政诉讼情况',
    '行政复议\t行政诉讼',
    '结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t复议后起诉',
    '\t\t\t\t\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计',
    '1\t0\t0\t0\t1\t2\t0\t0',
    '0\t2\t0\t0\t0\t0\t0',
  ].join('\n');
  const [review] = findTextTables(text);
  assert.ok(review);
  assertRectangle(review, 15);
  assert.deepEqual(review.rows[0]!.slice(4, 6), ['行政复议', '行政诉讼']);
  assert.deepEqual(review.rows[1]!.slice(9, 11), ['未经复议直接起诉', '复议后起诉']);
  assert.deepEqual(review.rows[2]!.slice(0, 6), ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计', '结果维持']);
  assert.deepEqual(review.rows[3], ['1', '0', '0', '0', '1', '2', '0', '0', '0', '2', '0', '0', '0', '0', '0']);
});

test('an HTML table rendered with <p> in some cells (cells split over lines) is rejoined', () => {
  // What html-to-text writes for such a table: the cell after a <p> starts a new line.
  const text = [
    '信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量',
    '规章\t0\t0\t',
    '0',
    '规范性文件',
    '2',
    '4\t8',
    '行政许可\t1\t2\t3',
  ].join('\n');
  const [table] = findTextTables(text);
  assert.ok(table);
  assert.deepEqual(table.rows.slice(1), [
    ['规章', '0', '0', '0'],
    ['规范性文件', '2', '4', '8'],
    ['行政许可', '1', '2', '3'],
  ]);
});
