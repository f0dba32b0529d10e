/** Which national template a report's tables follow, from their labels (the year only breaks ties). */
import type { ExtractedTable, ReportTemplate } from '../../types.js';
import { hasLabel, normalizeLabel } from './labels.js';

const MARKERS: Record<ReportTemplate, string[]> = {
  '2021': ['本年制发件数', '本年废止件数', '现行有效件数', '本年收费金额', '无正当理由逾期不补正', '逾期未按收费通知要求缴纳费用', '本年处理决定数量'],
  '2019': ['本年新制作数量', '本年新公开数量', '对外公开总数量', '上一年项目数量', '其他对外管理服务事项', '采购项目数量', '采购总金额', '本年增减'],
  '2008': ['统计指标', '统计数', '收到申请数', '当面申请数', '传真申请数', '信函申请数', '申请办结数', '按时办结数', '延期办结数', '申请答复数', '主动公开政府信息数', '行政复议数量', '行政诉讼数量', '举报投诉数量'],
};
/** Table 三 / 四 of the 2019 and 2021 templates: one of these says "2019 or later". */
const NEW_ERA = ['本年新收政府信息公开申请数量', '上年结转政府信息公开申请数量', '结转下年度继续办理', '社会公益组织', '法律服务机构', '三安全一稳定', '复议后起诉', '未经复议直接起诉'];

const EXACT = new Set(['本年增减', '本年处理决定数量', '统计数']);

function yearTemplate(year: number | undefined): ReportTemplate | undefined {
  if (year === undefined) return undefined;
  return year >= 2021 ? '2021' : year >= 2019 ? '2019' : '2008';
}

export function templateScores(tables: ExtractedTable[]): Record<ReportTemplate | 'new', number> {
  const cells = new Set<string>();
  for (const t of tables) for (const row of t.rows) for (const c of row) {
    const n = normalizeLabel(c);
    if (n) cells.add(n);
  }
  const text = [...cells];
  const count = (markers: string[]): number =>
    markers.filter((m) => text.some((c) => (EXACT.has(m) ? c.includes(m) : hasLabel(c, m)))).length;
  // 处理决定数量 without 本年 is the 2019 header; with 本年 it is 2021's.
  const bare2019Decisions = text.some((c) => c.includes('处理决定数量') && !c.includes('本年处理决定数量')) ? 1 : 0;
  return {
    '2021': count(MARKERS['2021']),
    '2019': count(MARKERS['2019']) + bare2019Decisions,
    '2008': count(MARKERS['2008']),
    new: count(NEW_ERA),
  };
}

export function detectTemplate(tables: ExtractedTable[], reportYear?: number): ReportTemplate | undefined {
  const s = templateScores(tables);
  const byYear = yearTemplate(reportYear);
  const legacy = s['2008'];
  const modern = s['2019'] + s['2021'] + s.new;
  if (legacy === 0 && modern === 0) return undefined;
  if (legacy > modern) return '2008';
  if (legacy === modern && byYear === '2008') return '2008';
  if (s['2021'] > s['2019']) return '2021';
  if (s['2019'] > s['2021']) return '2019';
  // Only table 三/四 (or a tie): the year decides between the two modern templates.
  return byYear === '2021' ? '2021' : '2019';
}
