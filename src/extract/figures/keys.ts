/**
 * The figure keys of docs/figures.md, programmatically: key → printed label and the templates
 * that print it. Keys are an interface: add keys, never rename them.
 */
import type { ReportTemplate } from '../../types.js';

export interface FigureKeyInfo {
  label: string;
  template: ReportTemplate[];
}

export const APPLICANT_COLUMNS = ['natural', 'business', 'research', 'social', 'legal', 'other_org', 'total'] as const;
export type ApplicantColumn = (typeof APPLICANT_COLUMNS)[number];

const COLUMN_LABELS: Record<ApplicantColumn, string> = {
  natural: '自然人',
  business: '法人或其他组织·商业企业',
  research: '法人或其他组织·科研机构',
  social: '法人或其他组织·社会公益组织',
  legal: '法人或其他组织·法律服务机构',
  other_org: '法人或其他组织·其他',
  total: '总计',
};

/** Table 三's rows, in printed order, with their labels and templates. */
export const APPLICATION_ROWS: Array<[row: string, label: string, template: ReportTemplate[]]> = [
  ['new', '一、本年新收政府信息公开申请数量', ['2019', '2021']],
  ['carried_over', '二、上年结转政府信息公开申请数量', ['2019', '2021']],
  ['disclosed', '三(一) 予以公开', ['2019', '2021']],
  ['partly_disclosed', '三(二) 部分公开', ['2019', '2021']],
  ['refused.secret', '三(三)1 属于国家秘密', ['2019', '2021']],
  ['refused.prohibited', '三(三)2 其他法律行政法规禁止公开', ['2019', '2021']],
  ['refused.safety', '三(三)3 危及"三安全一稳定"', ['2019', '2021']],
  ['refused.third_party', '三(三)4 保护第三方合法权益', ['2019', '2021']],
  ['refused.internal', '三(三)5 属于三类内部事务信息', ['2019', '2021']],
  ['refused.process', '三(三)6 属于四类过程性信息', ['2019', '2021']],
  ['refused.enforcement', '三(三)7 属于行政执法案卷', ['2019', '2021']],
  ['refused.query', '三(三)8 属于行政查询事项', ['2019', '2021']],
  ['unable.not_held', '三(四)1 本机关不掌握相关政府信息', ['2019', '2021']],
  ['unable.needs_creation', '三(四)2 没有现成信息需要另行制作', ['2019', '2021']],
  ['unable.unclear', '三(四)3 补正后申请内容仍不明确', ['2019', '2021']],
  ['not_processed.petition', '三(五)1 信访举报投诉类申请', ['2019', '2021']],
  ['not_processed.repeated', '三(五)2 重复申请', ['2019', '2021']],
  ['not_processed.publication', '三(五)3 要求提供公开出版物', ['2019', '2021']],
  ['not_processed.excessive', '三(五)4 无正当理由大量反复申请', ['2019', '2021']],
  ['not_processed.confirmation', '三(五)5 要求行政机关确认或重新出具已获取信息', ['2019', '2021']],
  ['other', '三(六) 其他处理 (2021: sum of its three parts)', ['2019', '2021']],
  ['other.no_correction', '三(六)1 申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请', ['2021']],
  ['other.no_fee', '三(六)2 申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请', ['2021']],
  ['other.other', '三(六)3 其他', ['2021']],
  ['completed', '三(七) 总计', ['2019', '2021']],
  ['carried_forward', '四、结转下年度继续办理', ['2019', '2021']],
];

const N = ['2019', '2021'] as ReportTemplate[];
const L = ['2008'] as ReportTemplate[];
const ALL = ['2008', '2019', '2021'] as ReportTemplate[];

const table: Array<[string, string, ReportTemplate[]]> = [
  ['active.rules.new', '规章 · 本年新制作数量 / 本年制发件数', N],
  ['active.rules.published', '规章 · 本年新公开数量', ['2019']],
  ['active.rules.total', '规章 · 对外公开总数量 / 现行有效件数', N],
  ['active.rules.repealed', '规章 · 本年废止件数', ['2021']],
  ['active.normative.new', '规范性文件 · 本年新制作数量 / 行政规范性文件 · 本年制发件数', N],
  ['active.normative.published', '规范性文件 · 本年新公开数量', ['2019']],
  ['active.normative.total', '规范性文件 · 对外公开总数量 / 现行有效件数', N],
  ['active.normative.repealed', '行政规范性文件 · 本年废止件数', ['2021']],
  ['active.licensing.previous', '行政许可 · 上一年项目数量', ['2019']],
  ['active.licensing.change', '行政许可 · 本年增/减', ['2019']],
  ['active.licensing.decisions', '行政许可 · 处理决定数量 / 本年处理决定数量', N],
  ['active.other_services.previous', '其他对外管理服务事项 · 上一年项目数量', ['2019']],
  ['active.other_services.change', '其他对外管理服务事项 · 本年增/减', ['2019']],
  ['active.other_services.decisions', '其他对外管理服务事项 · 处理决定数量', ['2019']],
  ['active.penalty.previous', '行政处罚 · 上一年项目数量', ['2019']],
  ['active.penalty.change', '行政处罚 · 本年增/减', ['2019']],
  ['active.penalty.decisions', '行政处罚 · 处理决定数量 / 本年处理决定数量', N],
  ['active.coercion.previous', '行政强制 · 上一年项目数量', ['2019']],
  ['active.coercion.change', '行政强制 · 本年增/减', ['2019']],
  ['active.coercion.decisions', '行政强制 · 处理决定数量 / 本年处理决定数量', N],
  ['active.fees.previous', '行政事业性收费 · 上一年项目数量', ['2019']],
  ['active.fees.change', '行政事业性收费 · 本年增/减', ['2019']],
  ['active.fees.amount', '行政事业性收费 · 本年收费金额（万元）', ['2021']],
  ['active.procurement.items', '政府集中采购 · 采购项目数量', ['2019']],
  ['active.procurement.amount', '政府集中采购 · 采购总金额（万元）', ['2019']],
];

for (const [row, rowLabel, tpl] of APPLICATION_ROWS) {
  for (const col of APPLICANT_COLUMNS) {
    const key = `applications.${row}.${col}`;
    const t = key === 'applications.new.total' ? ALL : tpl;
    table.push([key, `${rowLabel} · ${COLUMN_LABELS[col]}`, t]);
  }
}

const REVIEW_FIELDS: Array<[string, string]> = [
  ['maintained', '结果维持'],
  ['corrected', '结果纠正'],
  ['other', '其他结果'],
  ['pending', '尚未审结'],
  ['total', '总计'],
];
for (const [f, label] of REVIEW_FIELDS) {
  table.push([`review.${f}`, `行政复议 · ${label}`, f === 'pending' ? N : ALL]);
}
for (const [f, label] of REVIEW_FIELDS) table.push([`litigation.direct.${f}`, `行政诉讼 · 未经复议直接起诉 · ${label}`, N]);
for (const [f, label] of REVIEW_FIELDS) table.push([`litigation.after_review.${f}`, `行政诉讼 · 复议后起诉 · ${label}`, N]);
table.push(
  ['litigation.total', '行政诉讼总数 (2019+: 直接起诉总计 + 复议后起诉总计; 2008: 行政诉讼数量)', ALL],
  ['litigation.maintained', '行政诉讼 · 维持具体行政行为或者驳回原告诉讼请求数', L],
  ['litigation.corrected', '行政诉讼 · 被依法纠错数', L],
  ['litigation.other', '行政诉讼 · 其他情形数', L],
);

table.push(
  ['legacy.active.total', '一(一) 主动公开政府信息数', L],
  ['legacy.active.normative', '其中：主动公开规范性文件数', L],
  ['legacy.active.documents', '制发规范性文件总数', L],
  ['legacy.active.online', '(二) 通过不同渠道和方式公开政府信息的情况 (only when a number is printed; usually ——)', L],
  ['legacy.active.channel.gazette', '政府公报公开政府信息数', L],
  ['legacy.active.channel.website', '政府网站公开政府信息数', L],
  ['legacy.active.channel.press', '新闻发布会公开政府信息数', L],
  ['legacy.active.channel.weibo', '政务微博公开政府信息数', L],
  ['legacy.active.channel.wechat', '政务微信公开政府信息数', L],
  ['legacy.active.channel.other', '其他方式公开政府信息数', L],
  ['legacy.response.opinions', '二(一) 回应公众关注热点或重大舆情数', L],
  ['legacy.response.interpretations', '二(二)1 参加或举办新闻发布会总次数', L],
  ['legacy.response.press_leaders', '其中：主要负责同志参加新闻发布会次数', L],
  ['legacy.response.interviews', '二(二)2 政府网站在线访谈次数', L],
  ['legacy.response.interviews_leaders', '其中：主要负责同志参加政府网站在线访谈次数', L],
  ['legacy.response.policy_explanations', '二(二)3 政策解读稿件发布数', L],
  ['legacy.response.weibo_wechat', '二(二)4 微博微信回应事件数', L],
  ['legacy.response.other', '二(二)5 其他方式回应事件数', L],
  ['legacy.applications.in_person', '1 当面申请数', L],
  ['legacy.applications.fax', '2 传真申请数', L],
  ['legacy.applications.online', '3 网络申请数', L],
  ['legacy.applications.letter', '4 信函申请数', L],
  ['legacy.applications.completed', '(二) 申请办结数', L],
  ['legacy.applications.on_time', '1 按时办结数', L],
  ['legacy.applications.extended', '2 延期办结数', L],
  ['legacy.applications.replied', '(三) 申请答复数', L],
  ['legacy.applications.already_public', '1 属于已主动公开范围数', L],
  ['legacy.applications.disclosed', '2 同意公开答复数', L],
  ['legacy.applications.partly_disclosed', '3 同意部分公开答复数', L],
  ['legacy.applications.refused', '4 不同意公开答复数', L],
  ['legacy.applications.refused.secret', '其中：涉及国家秘密', L],
  ['legacy.applications.refused.commercial', '涉及商业秘密', L],
  ['legacy.applications.refused.privacy', '涉及个人隐私', L],
  ['legacy.applications.refused.safety', '危及国家安全、公共安全、经济安全和社会稳定', L],
  ['legacy.applications.refused.not_government_info', '不是《条例》所指政府信息', L],
  ['legacy.applications.refused.other', '法律法规规定的其他情形', L],
  ['legacy.applications.not_this_agency', '5 不属于本行政机关公开数', L],
  ['legacy.applications.not_exist', '6 申请信息不存在数', L],
  ['legacy.applications.correction', '7 告知作出更改补充数', L],
  ['legacy.applications.other_channel', '8 告知通过其他途径办理数', L],
  ['legacy.fees.amount', '依申请公开信息收取的费用（万元）', L],
  ['legacy.fees.waived', '依申请公开信息减免的费用（万元）', L],
  ['legacy.complaints.total', '举报投诉数量', L],
  ['legacy.complaints.corrected', '举报投诉 · 被纠错数', L],
  ['legacy.complaints.other', '举报投诉 · 其他情形数', L],
  ['legacy.staff.offices', '政府信息公开工作专门机构数', L],
  ['legacy.staff.reading_points', '设置政府信息公开查阅点数', L],
  ['legacy.staff.total', '从事政府信息公开工作人员数', L],
  ['legacy.staff.full_time', '1 专职人员数', L],
  ['legacy.staff.part_time', '2 兼职人员数', L],
  ['legacy.budget', '政府信息公开专项经费 / 事务经费（万元）', L],
  ['legacy.meetings', '召开政府信息公开工作会议或专题会议数', L],
  ['legacy.trainings', '举办各类培训班数', L],
  ['legacy.trainees', '接受培训人员数（人次）', L],
);

/** Every key the extractor can record, with its label and the templates that print it. */
export const FIGURE_KEYS: Record<string, FigureKeyInfo> = Object.fromEntries(
  table.map(([key, label, template]) => [key, { label, template }]),
);
