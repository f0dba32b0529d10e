/**
 * Former names → today's GB/T 2260 code. A report names its region as it was then (开封县's 2013
 * report), and is filed under today's code with the old name kept.
 *
 * Only changes that cannot be found by rule belong here. Generic renames that keep the stem —
 * 淮阳县 → 淮阳区, 铜仁地区 → 铜仁市, 从化市 → 从化区 — are matched by region-index.ts without a
 * table. Entries are changes since 2007 (the first reports) whose successor is certain.
 *
 * Left out on purpose: 巢湖市 (prefecture, abolished 2011): split between 合肥, 芜湖 and 马鞍山;
 * the name now belongs to the county-level 巢湖市 340181, which it resolves to.
 */
export const REGION_RENAMES: ReadonlyArray<{ old: string; code: string; note: string }> = [
  { old: '开封县', code: '410212', note: '2014: became 祥符区 of 开封市' },
  { old: '许昌县', code: '411003', note: '2016: became 建安区 of 许昌市' },
  { old: '陕县', code: '411203', note: '2015: became 陕州区 of 三门峡市' },
  { old: '襄樊市', code: '420600', note: '2010: renamed 襄阳市' },
  { old: '思茅市', code: '530800', note: '2007: renamed 普洱市' },
  { old: '莱芜市', code: '370100', note: '2019: merged into 济南市 (莱芜区, 钢城区)' },
  { old: '崇文区', code: '110101', note: '2010: merged into 东城区' },
  { old: '宣武区', code: '110102', note: '2010: merged into 西城区' },
  { old: '卢湾区', code: '310101', note: '2011: merged into 黄浦区' },
  { old: '闸北区', code: '310106', note: '2015: merged into 静安区' },
  { old: '南汇区', code: '310115', note: '2009: merged into 浦东新区' },
  { old: '塘沽区', code: '120116', note: '2009: merged into 滨海新区' },
  { old: '汉沽区', code: '120116', note: '2009: merged into 滨海新区' },
  { old: '大港区', code: '120116', note: '2009: merged into 滨海新区' },
  { old: '萝岗区', code: '440112', note: '2014: merged into 黄埔区 (广州)' },
];
