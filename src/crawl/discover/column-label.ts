/**
 * What a navigation label says about where its link leads, on the way from a homepage to the
 * annual-report column:
 * - `column`: the report column itself (政府信息公开年报, 年度报告, 政务公开年报 …);
 * - `disclosure`: the information-disclosure section that usually holds it (政府信息公开, 政务公开,
 *   信息公开目录, 法定主动公开内容 …);
 * - `report`: one report (its page's breadcrumb names the column: a way in when the navigation
 *   hides the column, e.g. in a script-built menu).
 *
 * Labels are matched whole (after trimming bullets, counts and 更多>>), not by substring: portal
 * menus put 年报 into many neighbouring names (企业年报公示, 统计年报, 网站年度报表), and a substring
 * rule cannot tell them apart. Vetoes come first so that a neighbour never scores as the column.
 */
import { normalizeTitle } from '../../extract/text-normalize.js';
import { classifyTitle } from '../../extract/report-title.js';

export type ColumnLinkKind = 'column' | 'disclosure' | 'report';

export type LabelVerdict =
  | { kind: ColumnLinkKind; score: number; reason: string }
  | { kind: 'rejected'; reason: string }
  | { kind: 'none' };

const DISC = '(?:政府信息|政务信息|政务|信息)(?:与政务|和政务|及政务)?公开';

// A short issuer in front of the phrase: 鹿邑县政府信息公开年报, 部门信息公开年报, 本机关年度报告.
const ISSUER = '[\\u4e00-\\u9fa5]{0,12}?(?:省|市|县|区|旗|州|盟|镇|乡|街道|政府|部门|单位|局|委|办|本级|机关)';

// Issuers that name sub-units: their columns hold departments' or townships' reports, not the
// portal's own, so they rank below the portal's own column and section.
const SUB_UNIT = /^(?:部门|乡镇|街道|镇街|单位|县直|市直|区直|直属)/;

const COLUMN_TAIL = `${DISC}(?:工作)?(?:情况)?(?:年度报告|年报|年度工作报告|年度报表?)(?:专栏|专题|栏目|目录)?$`;
// Tried without an issuer first: 政府 would otherwise pass for one in 政府信息公开年报.
const COLUMN_OWN = new RegExp(`^${COLUMN_TAIL}`);
const COLUMN_ISSUED = new RegExp(`^(${ISSUER})${COLUMN_TAIL}`);
const COLUMN_BARE = /^(?:(?:公开)?年报|(?:公开)?年度报告|年度工作报告|工作年报|年度公开报告)(?:专栏|专题|栏目)?$/;

const SECTION_TAIL = `${DISC}(?:专栏|专题|平台|网|门户|栏目|目录|主页|首页)?$`;
const SECTION_OWN = new RegExp(`^${SECTION_TAIL}`);
const SECTION_ISSUED = new RegExp(`^(${ISSUER})${SECTION_TAIL}`);
const DISCLOSURE_CATALOGUE = /^(?:政府信息|信息|政务)?公开目录$|^(?:法定)?主动公开(?:内容|目录|信息)?$/;

/** Neighbours and look-alikes, with the reason logged when one is skipped. */
const VETOES: Array<[RegExp, string]> = [
  [/政府工作报告/, '政府工作报告 (report to the people\'s congress)'],
  [/企业|个体工商|合作社|公示/, 'enterprise annual reports (企业年报公示)'],
  [/统计|年鉴|公报/, 'statistics (统计年报/年鉴/公报)'],
  [/预算|决算|财政|三公|收费/, 'budgets and finance (预决算)'],
  [/依申请/, 'neighbour: 依申请公开'],
  [/指南|制度|规定|办法|条例/, 'neighbour: 公开指南/制度/条例'],
  [/解读|图解|问答/, 'interpretations'],
  [/要点|计划|方案|总结|通知/, 'another kind of document'],
  [/法治|依法行政|网站|审计|信用|安全生产|环境|国有资产|社会责任|人大|政协|建议|提案|述职|履职/, 'an annual report on another subject'],
  [/申请|信箱|留言|投诉|咨询|征集|互动/, 'interaction, not publication'],
];

const YEAR = /(?:19|20)\d\d/;
const REPORT: LabelVerdict = { kind: 'report', score: 20, reason: 'a report title' };

// Decoration around menu labels: bullets and numbering in front; counts, year ranges, arrows
// and 更多 behind.
const LEADING = /^(?:[·•●■□◆◇▪▸►▶>»\-*|]+|\d{1,2}[.、]|[一二三四五六七八九十]{1,2}、|\([一二三四五六七八九十\d]{1,2}\))+/;
const TRAILING = /(?:\(\d+\)|\[\d+\]|\([\d\-—~至年]+\)|>+|»+|›+|\++|更多|more)+$/i;

export function normalizeLabel(raw: string): string {
  return normalizeTitle(raw).replace(LEADING, '').replace(TRAILING, '');
}

/** Link texts that say nothing themselves: the heading beside them does. */
export function isMoreLabel(raw: string): boolean {
  return /^(?:更多|查看更多|更多信息|more|>>|»|\+|进入|点击进入)?(?:>+|»+|\+)?$/i.test(normalizeTitle(raw));
}

export function classifyColumnLabel(raw: string): LabelVerdict {
  const label = normalizeLabel(raw);
  if (!label || label.length > 40) return { kind: 'none' };
  // A dated title is one report (its issuer may be a 财政局, so this comes before the vetoes).
  // Without a year the same words are a column heading (鹿邑县政府信息公开年报), decided below.
  const isReport = classifyTitle(label).isReport;
  if (isReport && YEAR.test(label)) return REPORT;
  for (const [re, reason] of VETOES) if (re.test(label)) return { kind: 'rejected', reason };

  if (COLUMN_OWN.test(label)) return { kind: 'column', score: label.includes('政府信息') ? 100 : 95, reason: 'report column name' };
  const column = COLUMN_ISSUED.exec(label);
  if (column) {
    return SUB_UNIT.test(column[1]!)
      ? { kind: 'column', score: 70, reason: 'report column of sub-units' }
      : { kind: 'column', score: 85, reason: 'report column name with an issuer' };
  }
  if (COLUMN_BARE.test(label)) return { kind: 'column', score: 80, reason: 'bare 年报/年度报告' };

  // 政府信息公开 names the statutory section; 政务公开 is broader (policy, interpretation, news).
  if (SECTION_OWN.test(label)) return { kind: 'disclosure', score: label.includes('政府信息') ? 60 : 55, reason: 'disclosure section' };
  const section = SECTION_ISSUED.exec(label);
  if (section) {
    return SUB_UNIT.test(section[1]!)
      ? { kind: 'disclosure', score: 25, reason: 'disclosure section of sub-units' }
      : { kind: 'disclosure', score: 45, reason: 'disclosure section with an issuer' };
  }
  if (DISCLOSURE_CATALOGUE.test(label)) return { kind: 'disclosure', score: 50, reason: 'disclosure catalogue' };
  if (isReport) return REPORT;
  return { kind: 'none' };
}
