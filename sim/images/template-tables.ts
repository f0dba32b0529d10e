/**
 * The national templates' tables as printed, merged cells included: 表二 in blocks under
 * 第二十条第（…）项 rows that span the table, 表三 with its nested header and label columns, 表四 as
 * one row of fifteen numbers under three header rows. The merged rows and columns break most
 * inner rules, which is what makes these images hard for a rule finder. `rows` repeats a merged
 * cell's text in every cell it covers: the grid the reader should give back.
 */
import type { Merge } from './render-table.js';
import { applicationsGrid2019, legacyGrid, prng } from './table-grids.js';

export interface TemplateTable {
  name: string;
  rows: string[][];
  merges: Merge[];
  headerRows: number;
}

/** Expands anchor texts over their merges. */
function spread(rows: string[][], merges: Merge[]): string[][] {
  const out = rows.map((r) => [...r]);
  for (const m of merges) {
    const text = rows[m.r]![m.c]!;
    for (let r = m.r; r < m.r + m.rows; r++) for (let c = m.c; c < m.c + m.cols; c++) out[r]![c] = text;
  }
  return out;
}

const span = (r: number, c: number, rows: number, cols: number): Merge => ({ r, c, rows, cols });

export function activeTable2019(seed: number): TemplateTable {
  const r = prng(seed);
  const n = (base: number): string => (r() < 0.2 ? '0' : String(Math.round(base * (0.2 + 1.6 * r()))));
  const change = (): string => (r() < 0.3 ? '0' : (r() < 0.5 ? '-' : '') + String(Math.round(20 * r()) + 1));
  const money = (r() * 90000 + 100).toFixed(2);
  const rows = [
    ['第二十条第（一）项', '', '', ''],
    ['信息内容', '本年新制作数量', '本年新公开数量', '对外公开总数量'],
    ['规章', n(8), n(8), n(300)],
    ['规范性文件', n(60), n(60), n(2500)],
    ['第二十条第（五）项', '', '', ''],
    ['信息内容', '上一年项目数量', '本年增/减', '处理决定数量'],
    ['行政许可', n(300), change(), n(90000)],
    ['其他对外管理服务事项', n(100), change(), n(5000)],
    ['第二十条第（六）项', '', '', ''],
    ['信息内容', '上一年项目数量', '本年增/减', '处理决定数量'],
    ['行政处罚', n(500), change(), n(30000)],
    ['行政强制', n(80), change(), n(2000)],
    ['第二十条第（八）项', '', '', ''],
    ['信息内容', '上一年项目数量', '本年增/减', ''],
    ['行政事业性收费', n(60), change(), ''],
    ['第二十条第（九）项', '', '', ''],
    ['信息内容', '采购项目数量', '采购总金额', ''],
    ['政府集中采购', n(900), money, ''],
  ];
  const merges = [0, 4, 8, 12, 15].map((k) => span(k, 0, 1, 4)).concat([span(13, 2, 1, 2), span(14, 2, 1, 2), span(16, 2, 1, 2), span(17, 2, 1, 2)]);
  return { name: '2019-二', rows: spread(rows, merges), merges, headerRows: 0 };
}

export function activeTable2021(seed: number): TemplateTable {
  const r = prng(seed);
  const n = (base: number): string => (r() < 0.2 ? '0' : String(Math.round(base * (0.2 + 1.6 * r()))));
  const rows = [
    ['第二十条第（一）项', '', '', ''],
    ['信息内容', '本年制发件数', '本年废止件数', '现行有效件数'],
    ['规章', n(5), n(3), n(120)],
    ['行政规范性文件', n(60), n(20), n(900)],
    ['第二十条第（五）项', '', '', ''],
    ['信息内容', '本年处理决定数量', '', ''],
    ['行政许可', n(90000), '', ''],
    ['第二十条第（六）项', '', '', ''],
    ['信息内容', '本年处理决定数量', '', ''],
    ['行政处罚', n(30000), '', ''],
    ['行政强制', n(2000), '', ''],
    ['第二十条第（八）项', '', '', ''],
    ['信息内容', '本年收费金额（单位：万元）', '', ''],
    ['行政事业性收费', (r() * 9000).toFixed(2), '', ''],
  ];
  const merges = [0, 4, 7, 11].map((k) => span(k, 0, 1, 4)).concat([5, 6, 8, 9, 10, 12, 13].map((k) => span(k, 1, 1, 3)));
  return { name: '2021-二', rows: spread(rows, merges), merges, headerRows: 0 };
}

const CHECK_NOTE = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';

/**
 * 表三 as printed: three label columns (三、本年度办理结果 spans the outcome rows, （三）不予公开 and
 * the like span their numbered reasons), 法人或其他组织 over five columns. 2021 splits （六）其他处理.
 */
export function applicationsTable(seed: number, year: 2019 | 2021): TemplateTable {
  const flat = applicationsGrid2019(seed);
  let numbers = flat.slice(1).map((row) => row.slice(1));
  if (year === 2021) {
    // （六）其他处理 becomes three rows whose sum is the old row.
    const other = numbers[20]!.map(Number);
    const r = prng(seed + 1);
    const a = other.map((v) => Math.floor(v * r()));
    const b = other.map((v, i) => Math.floor((v - a[i]!) * r()));
    const c = other.map((v, i) => v - a[i]! - b[i]!);
    numbers = [...numbers.slice(0, 20), ...[a, b, c].map((x) => x.map(String)), ...numbers.slice(21)];
  }
  const head = [
    [CHECK_NOTE, '', '', '申请人情况', '', '', '', '', '', ''],
    [CHECK_NOTE, '', '', '自然人', '法人或其他组织', '', '', '', '', '总计'],
    [CHECK_NOTE, '', '', '自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计'],
  ];
  const labels: [string, string, string][] = [
    ['一、本年新收政府信息公开申请数量', '', ''],
    ['二、上年结转政府信息公开申请数量', '', ''],
    ['三、本年度办理结果', '（一）予以公开', ''],
    ['三、本年度办理结果', '（二）部分公开（区分处理的，只计这一情形，不计其他情形）', ''],
    ...['1.属于国家秘密', '2.其他法律行政法规禁止公开', '3.危及“三安全一稳定”', '4.保护第三方合法权益', '5.属于三类内部事务信息', '6.属于四类过程性信息', '7.属于行政执法案卷', '8.属于行政查询事项'].map((t): [string, string, string] => ['三、本年度办理结果', '（三）不予公开', t]),
    ...['1.本机关不掌握相关政府信息', '2.没有现成信息需要另行制作', '3.补正后申请内容仍不明确'].map((t): [string, string, string] => ['三、本年度办理结果', '（四）无法提供', t]),
    ...['1.信访举报投诉类申请', '2.重复申请', '3.要求提供公开出版物', '4.无正当理由大量反复申请', '5.要求行政机关确认或重新出具已获取信息'].map((t): [string, string, string] => ['三、本年度办理结果', '（五）不予处理', t]),
    ...(year === 2021
      ? ['1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请', '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请', '3.其他'].map((t): [string, string, string] => ['三、本年度办理结果', '（六）其他处理', t])
      : [['三、本年度办理结果', '（六）其他处理', ''] as [string, string, string]]),
    ['三、本年度办理结果', '（七）总计', ''],
    ['四、结转下年度继续办理', '', ''],
  ];
  const body = labels.map((l, i) => [...l, ...numbers[i]!]);
  const rows = [...head, ...body];
  const merges: Merge[] = [span(0, 0, 3, 3), span(0, 3, 1, 7), span(1, 3, 2, 1), span(1, 4, 1, 5), span(1, 9, 2, 1)];
  const first = head.length;
  // Label merges from the runs of equal labels: a run in column 0 or 1 is one printed cell.
  labels.forEach((l, i) => {
    if (!l[1]) merges.push(span(first + i, 0, 1, 3));
    else if (!l[2]) merges.push(span(first + i, 1, 1, 2));
  });
  for (const col of [0, 1]) {
    for (let i = 0; i < labels.length; ) {
      let j = i + 1;
      while (j < labels.length && labels[j]![col] === labels[i]![col] && labels[i]![col] && (col === 0 || labels[i]![2])) j++;
      if (j - i > 1 && labels[i]![col]) merges.push(span(first + i, col, j - i, 1));
      i = j;
    }
  }
  return { name: `${year}-三`, rows: spread(rows, merges), merges, headerRows: 3 };
}

const OUTCOMES = ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'];

/** 表四 as printed: one row of 15 numbers under 行政复议 | 行政诉讼 (未经复议直接起诉, 复议后起诉). */
export function reviewTable(seed: number, year: 2019 | 2021): TemplateTable {
  const r = prng(seed);
  const group = (): string[] => {
    const parts = Array.from({ length: 4 }, () => (r() < 0.45 ? 0 : Math.round(30 * r())));
    return [...parts, parts.reduce((a, b) => a + b, 0)].map(String);
  };
  const rows = [
    [...Array<string>(5).fill('行政复议'), ...Array<string>(10).fill('行政诉讼')],
    [...Array<string>(5).fill('行政复议'), ...Array<string>(5).fill('未经复议直接起诉'), ...Array<string>(5).fill('复议后起诉')],
    [...OUTCOMES, ...OUTCOMES, ...OUTCOMES],
    [...group(), ...group(), ...group()],
  ];
  const merges = [span(0, 0, 2, 5), span(0, 5, 1, 10), span(1, 5, 1, 5), span(1, 10, 1, 5)];
  return { name: `${year}-四`, rows, merges, headerRows: 3 };
}

/** The 2008–2018 table: one big table, no merges. */
export function legacyTable(seed: number): TemplateTable {
  return { name: 'legacy', rows: legacyGrid(seed), merges: [], headerRows: 1 };
}

/** Every table of every template, one of each, for a seed. */
export function allTemplateTables(seed: number): TemplateTable[] {
  return [
    legacyTable(seed),
    activeTable2019(seed),
    applicationsTable(seed, 2019),
    reviewTable(seed, 2019),
    activeTable2021(seed),
    applicationsTable(seed, 2021),
    reviewTable(seed, 2021),
  ];
}
