import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { detectTemplate, extractFigures, FIGURE_KEYS, parseNumber } from '../src/extract/figures/index.js';
import type { ExtractedTable, ReportFigures } from '../src/types.js';

// ---------------------------------------------------------------- seed tables, as published

const LUYI_2019_TEXT = [
  "第二十条第（一）项\t\t\t",
  "信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量",
  "规章\t0\t0\t0",
  "规范性文件\t2\t4\t8",
  "第二十条第（五）项\t\t\t",
  "信息内容\t上一年项目数量\t本年增/减\t处理决定数量",
  "行政许可\t13428\t3206\t22156",
  "其他对外管理服务事项\t0\t0\t0",
  "第二十条第（六）项\t\t\t",
  "信息内容\t上一年项目数量\t本年增/减\t处理决定数量",
  "行政处罚\t684\t127\t3460",
  "行政强制\t36\t140\t577",
  "第二十条第（八）项\t\t\t",
  "信息内容\t上一年项目数量\t本年增/减\t",
  "行政事业性收费\t48\t1\t",
  "第二十条第（九）项\t\t\t",
  "信息内容\t采购项目数量\t采购总金额（单位：万元，保留4位小数）\t",
  "政府集中采购\t258\t180000.17\t",
  "(本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和)\t申请人情况\t\t\t\t\t\t\t\t",
  "\t自然人\t法人或其他组织\t\t\t\t\t总计\t\t",
  "\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t\t\t",
  "一、本年新收政府信息公开申请数量\t216\t3\t0\t2\t0\t13\t234\t\t",
  "二、上年结转政府信息公开申请数量\t0\t0\t0\t0\t0\t0\t0\t\t",
  "三、本年度办理结果\t(一) 予以公开\t\t\t\t\t\t\t196\t",
  "\t(二) 部分公开（区分处理的，只计这一情形，不计其他情形）\t\t\t\t\t\t\t8\t",
  "\t(三) 不予公开\t1.属于国家秘密\t\t\t\t\t\t\t0",
  "\t\t2.其他法律法规禁止公开\t\t\t\t\t\t\t0",
  "\t\t3.危及“三安全一稳定”\t\t\t\t\t\t\t0",
  "\t\t4.保护第三方合法权益\t\t\t\t\t\t\t0",
  "\t\t5.属于三类内部事务信息\t\t\t\t\t\t\t1",
  "\t\t6.属于四类过程性信息\t\t\t\t\t\t\t0",
  "\t\t7.属于行政执法案卷\t\t\t\t\t\t\t1",
  "8.属于行政查询事项\t\t\t\t\t\t\t0\t\t",
  "\t(四) 无法提供\t1. 本机关不掌握相关政府信息\t15\t0\t0\t0\t0\t0\t15",
  "\t\t2. 没有现成信息需要另行制作\t1\t0\t0\t0\t0\t0\t1",
  "\t\t3. 补正后申请内容仍不明确\t0\t0\t0\t0\t0\t0\t0",
  "\t(五) 不予处理\t1. 信访举报投诉类申请\t4\t0\t0\t0\t0\t3\t7",
  "\t\t2. 重复申请\t1\t0\t0\t0\t0\t0\t1",
  "\t\t3. 要求提供公开出版物\t0\t0\t0\t0\t0\t0\t0",
  "\t\t4. 无正当理由大量反复申请\t2\t0\t0\t0\t0\t0\t2",
  "\t\t5. 要求行政机关确认或重新出具已获取信息\t0\t0\t0\t0\t0\t0\t0",
  "\t(六) 其他处理\t\t1\t0\t0\t0\t0\t1\t2",
  "\t(七) 总计\t\t216\t3\t0\t2\t0\t13\t234",
  "四、结转下年度继续办理\t\t0\t0\t0\t0\t0\t0\t0\t",
  "行政复议\t\t\t\t\t行政诉讼\t\t\t\t\t\t\t\t\t",
  "结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t\t\t\t\t复议后起诉\t\t\t\t",
  "\t\t\t\t\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计",
  "7\t0\t1\t0\t8\t12\t0\t1\t1\t14\t1\t1\t0\t0\t2",
].join('\n');

const HENAN_OFFICE_2019_TEXT = [
  "第二十条第（一）项\t\t\t",
  "信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量",
  "规章\t4\t4\t108",
  "规范性文件\t1964\t1526\t5212",
  "第二十条第（五）项\t\t\t",
  "信息内容\t上一年项目数量\t本年增/减\t处理决定数量",
  "行政许可\t0\t0\t0",
  "其他对外管理服务事项\t0\t0\t0",
  "第二十条第（六）项\t\t\t",
  "信息内容\t上一年项目数量\t本年增/减\t处理决定数量",
  "行政处罚\t0\t0\t0",
  "行政强制\t0\t0\t0",
  "第二十条第（八）项\t\t\t",
  "信息内容\t上一年项目数量\t本年增/减\t",
  "行政事业性收费\t0\t0\t",
  "第二十条第（九）项\t\t\t",
  "信息内容\t采购项目数量\t采购总金额(万元,保留四位小数)\t",
  "政府集中采购\t35\t3769.7215\t",
  "(本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和)\t申请人情况\t\t\t\t\t\t总计",
  "\t自然人\t法人或其他组织\t\t\t\t\t",
  "\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t",
  "一、本年新收政府信息公开申请数量\t2742\t58\t\t\t\t\t2800",
  "二、上年结转政府信息公开申请数量\t\t62\t9\t\t\t\t\t71\t",
  "三、本年度办理结果\t(一) 予以公开\t374\t3\t\t\t\t\t377\t",
  "\t(二) 部分公开(区分处理的, 只计这一情形, 不计其他情形)\t0\t\t\t\t\t\t0\t",
  "\t(三) 不予公开\t1. 属于国家秘密\t27\t1\t\t\t\t\t28",
  "\t\t2. 其他法律行政法规禁止公开\t4\t\t\t\t\t\t4",
  "\t\t3. 危及“三安全一稳定”\t1\t\t\t\t\t\t1",
  "\t\t4. 保护第三方合法权益\t0\t\t\t\t\t\t0",
  "\t\t5. 属于三类内部事务信息\t36\t\t\t\t\t\t36",
  "\t\t6. 属于四类过程性信息\t7\t\t\t\t\t\t7",
  "\t\t7. 属于行政执法案卷\t3\t\t\t\t\t\t3",
  "\t\t8. 属于行政查询事项\t0\t\t\t\t\t\t0",
  "\t(四) 无法提供\t1. 本机关不掌握相关政府信息\t2121\t48\t\t\t\t\t2169",
  "\t\t2. 没有现成信息需要另行制作\t18\t\t\t\t\t\t18",
  "\t\t3. 补正后申请内容仍不明确\t9\t\t\t\t\t\t9",
  "\t(五) 不予处理\t1. 信访举报投诉类申请\t14\t\t\t\t\t\t14",
  "\t\t2. 重复申请\t22\t3\t\t\t\t\t25",
  "\t\t3. 要求提供公开出版物\t0\t\t\t\t\t\t0",
  "4. 无正当理由大量反复申请\t\t0\t\t\t\t\t\t0\t",
  "5. 要求行政机关确认或重新出具已获取信息\t\t0\t\t\t\t\t\t0\t",
  "(六) 其他处理\t41\t12\t\t\t\t\t53\t\t",
  "(七) 总计\t2677\t67\t\t\t\t\t2744\t\t",
  "四、结转下年度继续处理\t\t127\t0\t\t\t\t\t127\t",
  "行政复议\t行政诉讼",
  "------\t------",
  "结果 维持\t结果 纠正\t其他 结果\t尚 未 审 结\t总计\t未经复议直接起诉\t\t\t\t\t复议后起诉\t\t\t\t",
  "\t\t\t\t\t结果 维持\t结果 纠正\t其他 结果\t尚 未 审 结\t总计\t结果 维持\t结果 纠正\t其他 结果\t尚 未 审 结\t总计",
  "14\t4\t0\t1\t19\t8\t0\t2\t4\t14\t3\t0\t0\t1\t4",
].join('\n');

const HENAN_2018_LINES = [
  "统 计 指 标",
  "单位",
  "统计数",
  "一、主动公开情况",
  "——",
  "(一)主动公开政府信息数",
  "(不同渠道和方式公开相同信息计1条)",
  "2756085",
  "其中:主动公开规范性文件数",
  "46212",
  "制发规范性文件总数",
  "65695",
  "(二)通过不同渠道和方式公开政府信息的情况",
  "——",
  "1.政府公报公开政府信息数",
  "10617",
  "2.政府网站公开政府信息数",
  "1737197",
  "3.政务微博公开政府信息数",
  "246361",
  "4.政务微信公开政府信息数",
  "300613",
  "5.其他方式公开政府信息数",
  "681170",
  "二、回应解读情况",
  "——",
  "(一)回应公众关注热点或重大舆情数",
  "(不同方式回应同一热点或舆情计1次)",
  "42872",
  "(二)通过不同渠道和方式回应解读的情况",
  "——",
  "1.参加或举办新闻发布会总次数",
  "1472",
  "其中:主要负责同志参加新闻发布会次数",
  "753",
  "2.政府网站在线访谈次数",
  "1550",
  "其中:主要负责同志参加政府网站在线访谈次数",
  "649",
  "3.政策解读稿件发布数",
  "21632",
  "4.微博微信回应事件数",
  "27646",
  "5.其他方式回应事件数",
  "27028",
  "三、依申请公开情况",
  "——",
  "(一)收到申请数",
  "23623",
  "1.当面申请数",
  "7229",
  "2.传真申请数",
  "143",
  "3.网络申请数",
  "5028",
  "4.信函申请数",
  "11223",
  "(二)申请办结数",
  "23599",
  "1.按时办结数",
  "21774",
  "2.延期办结数",
  "1825",
  "(三)申请答复数",
  "23466",
  "1.属于已主动公开范围数",
  "4692",
  "2.同意公开答复数",
  "10860",
  "3.同意部分公开答复数",
  "1023",
  "4.不同意公开答复数",
  "2376",
  "其中:涉及国家秘密",
  "33",
  "涉及商业秘密",
  "55",
  "涉及个人隐私",
  "265",
  "危及国家安全、公共安全、经济安全和社会稳定",
  "26",
  "不是《条例》所指政府信息",
  "1782",
  "法律法规规定的其他情形",
  "202",
  "5.不属于本行政机关公开数",
  "2347",
  "6.申请信息不存在数",
  "1234",
  "7.告知作出更改补充数",
  "417",
  "8.告知通过其他途径办理数",
  "517",
  "四、行政复议数量",
  "1501",
  "(一)维持具体行政行为数",
  "805",
  "(二)被依法纠错数",
  "207",
  "(三)其他情形数",
  "489",
  "五、行政诉讼数量",
  "1462",
  "(一)维持具体行政行为或者驳回原告诉讼请求数",
  "966",
  "(二)被依法纠错数",
  "247",
  "(三)其他情形数",
  "249",
  "六、举报投诉数量",
  "6567",
  "七、依申请公开信息收取的费用",
  "万元",
  "0",
  "八、机构建设和保障经费情况",
  "——",
  "(一)政府信息公开工作专门机构数",
  "3415",
  "(二)设置政府信息公开查阅点数",
  "3952",
  "(三)从事政府信息公开工作人员数",
  "13104",
  "1.专职人员数(不包括政府公报及政府网站工作人员数)",
  "3086",
  "2.兼职人员数",
  "10018",
  "(四)政府信息公开专项经费(不包括用于政府公报编辑管理及政府网站建设维护等方面的经费)",
  "万元",
  "2414.45",
  "九、政府信息公开会议和培训情况",
  "——",
  "(一)召开政府信息公开工作会议或专题会议数",
  "2176",
  "(二)举办各类培训班数",
  "1630",
  "(三)接受培训人员数",
  "人次",
  "92533",
];

// ---------------------------------------------------------------- grid builders

/** A text table as the colleague's parser makes it: split on tabs, padded to the widest row. */
function textGrid(text: string, title = ''): ExtractedTable {
  const rows = text.split('\n').map((l) => l.split('\t'));
  const w = Math.max(...rows.map((r) => r.length));
  return { title, source: 'text', rows: rows.map((r) => [...r, ...new Array<string>(w - r.length).fill('')]) };
}

const H = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';
const T3_HEADER: string[][] = [
  [H, H, H, ...new Array<string>(7).fill('申请人情况')],
  [H, H, H, '自然人', ...new Array<string>(5).fill('法人或其他组织'), '总计'],
  [H, H, H, '自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计'],
];
const R3 = '三、本年度办理结果';
const L2019: Array<[string, string[]]> = [
  ['new', ['一、本年新收政府信息公开申请数量', '一、本年新收政府信息公开申请数量', '一、本年新收政府信息公开申请数量']],
  ['carried_over', ['二、上年结转政府信息公开申请数量', '二、上年结转政府信息公开申请数量', '二、上年结转政府信息公开申请数量']],
  ['disclosed', [R3, '（一）予以公开', '（一）予以公开']],
  ['partly_disclosed', [R3, '（二）部分公开（区分处理的，只计这一情形，不计其他情形）', '（二）部分公开（区分处理的，只计这一情形，不计其他情形）']],
  ['refused.secret', [R3, '（三）不予公开', '1．属于国家秘密']],
  ['refused.prohibited', [R3, '（三）不予公开', '2．其他法律行政法规禁止公开']],
  ['refused.safety', [R3, '（三）不予公开', '3．危及“三安全一稳定”']],
  ['refused.third_party', [R3, '（三）不予公开', '4．保护第三方合法权益']],
  ['refused.internal', [R3, '（三）不予公开', '5．属于三类内部事务信息']],
  ['refused.process', [R3, '（三）不予公开', '6．属于四类过程性信息']],
  ['refused.enforcement', [R3, '（三）不予公开', '7．属于行政执法案卷']],
  ['refused.query', [R3, '（三）不予公开', '8．属于行政查询事项']],
  ['unable.not_held', [R3, '（四）无法提供', '1．本机关不掌握相关政府信息']],
  ['unable.needs_creation', [R3, '（四）无法提供', '2．没有现成信息需要另行制作']],
  ['unable.unclear', [R3, '（四）无法提供', '3．补正后申请内容仍不明确']],
  ['not_processed.petition', [R3, '（五）不予处理', '1．信访举报投诉类申请']],
  ['not_processed.repeated', [R3, '（五）不予处理', '2．重复申请']],
  ['not_processed.publication', [R3, '（五）不予处理', '3．要求提供公开出版物']],
  ['not_processed.excessive', [R3, '（五）不予处理', '4．无正当理由大量反复申请']],
  ['not_processed.confirmation', [R3, '（五）不予处理', '5．要求行政机关确认或重新出具已获取信息']],
  ['other', [R3, '（六）其他处理', '（六）其他处理']],
  ['completed', [R3, '（七）总计', '（七）总计']],
  ['carried_forward', ['四、结转下年度继续办理', '四、结转下年度继续办理', '四、结转下年度继续办理']],
];
const L2021: Array<[string, string[]]> = L2019.flatMap(([k, l]): Array<[string, string[]]> =>
  k === 'other'
    ? [
        ['other.no_correction', [R3, '（六）其他处理', '1．申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请']],
        ['other.no_fee', [R3, '（六）其他处理', '2．申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请']],
        ['other.other', [R3, '（六）其他处理', '3．其他']],
      ]
    : k === 'refused.prohibited'
      ? [[k, [R3, '（三）不予公开', '2．其他法律行政法规禁止公开']]]
      : [[k, l]],
);

/** Table 三 as an HTML table with merged cells repeated; rows missing from `values` are blank. */
function table3Html(values: Record<string, Array<string | number>>, labels = L2019): ExtractedTable {
  const rows = labels.map(([k, l]) => [...l, ...(values[k] ?? new Array(7).fill('')).map(String)]);
  return { title: '三、收到和处理政府信息公开申请情况', source: 'html', rows: [...T3_HEADER.map((r) => [...r]), ...rows] };
}

function figuresOf(tables: ExtractedTable[], year?: number): ReportFigures {
  return extractFigures(tables, year === undefined ? {} : { reportYear: year });
}
function check(res: ReportFigures, rule: string) {
  const c = res.checks.find((x) => x.rule === rule);
  assert.ok(c, `no check ${rule}; have ${res.checks.map((x) => x.rule).join(' | ')}`);
  return c;
}
function row(res: ReportFigures, r: string): number[] {
  return ['natural', 'business', 'research', 'social', 'legal', 'other_org', 'total'].map((c) => res.figures[`applications.${r}.${c}`]!);
}
const failed = (res: ReportFigures): string[] => res.checks.filter((c) => !c.ok).map((c) => c.rule);

// ---------------------------------------------------------------- parseNumber

test('parseNumber reads every published form', () => {
  assert.equal(parseNumber('2414.45'), 2414.45);
  assert.equal(parseNumber('3769.7215'), 3769.7215);
  assert.equal(parseNumber('180000.17'), 180000.17);
  assert.equal(parseNumber('1,234'), 1234);
  assert.equal(parseNumber('1，234'), 1234);
  assert.equal(parseNumber('１２３４'), 1234);
  assert.equal(parseNumber('０'), 0);
  assert.equal(parseNumber('0'), 0);
  assert.equal(parseNumber(' 216 '), 216);
  assert.equal(parseNumber('12件'), 12);
  assert.equal(parseNumber('3条'), 3);
  assert.equal(parseNumber('0.5万元'), 0.5);
  assert.equal(parseNumber('92533人次'), 92533);
  assert.equal(parseNumber('-3'), -3);
  assert.equal(parseNumber('+2'), 2);
  assert.equal(parseNumber('增2'), 2);
  assert.equal(parseNumber('减少2'), -2);
  assert.equal(parseNumber('减3'), -3);
  // Blank: null (the mapper makes a blank template cell 0); not applicable: undefined.
  assert.equal(parseNumber(''), null);
  assert.equal(parseNumber('  '), null);
  for (const na of ['—', '——', '-', '/', '无', '－', '／']) assert.equal(parseNumber(na), undefined, na);
  // Labels are not numbers.
  for (const label of ['1.', '（一）', '自然人', '2019年', '1,23', '12.3.4']) assert.equal(parseNumber(label), null, label);
});

// ---------------------------------------------------------------- templates

test('detectTemplate tells the three templates apart by their labels', () => {
  assert.equal(detectTemplate([textGrid(LUYI_2019_TEXT)]), '2019');
  assert.equal(detectTemplate([textGrid(HENAN_OFFICE_2019_TEXT)], 2019), '2019');
  assert.equal(detectTemplate([legacyLines()]), '2008');
  assert.equal(detectTemplate(table2021()), '2021');
  // Labels win over the year.
  assert.equal(detectTemplate(table2021(), 2019), '2021');
  assert.equal(detectTemplate([textGrid(LUYI_2019_TEXT)], 2022), '2019');
  // Only table 三 (same in 2019 and 2021): the year decides.
  const t3 = table3Html({ new: [1, 0, 0, 0, 0, 0, 1] });
  assert.equal(detectTemplate([t3], 2020), '2019');
  assert.equal(detectTemplate([t3], 2022), '2021');
  assert.equal(detectTemplate([{ title: '', source: 'text', rows: [['a', 'b']] }], 2019), undefined);
  assert.equal(detectTemplate([]), undefined);
});

// ---------------------------------------------------------------- 2019: luyi-county-2019

test('luyi-county-2019 (text table, shifted cells): figures and the sums it breaks', () => {
  const res = figuresOf([textGrid(LUYI_2019_TEXT)], 2019);
  assert.equal(res.template, '2019');
  // Table 二
  assert.equal(res.figures['active.normative.new'], 2);
  assert.equal(res.figures['active.normative.published'], 4);
  assert.equal(res.figures['active.normative.total'], 8);
  assert.equal(res.figures['active.licensing.previous'], 13428);
  assert.equal(res.figures['active.licensing.change'], 3206);
  assert.equal(res.figures['active.licensing.decisions'], 22156);
  assert.equal(res.figures['active.coercion.decisions'], 577);
  assert.equal(res.figures['active.fees.previous'], 48);
  assert.equal(res.figures['active.fees.change'], 1);
  assert.equal(res.figures['active.fees.amount'], undefined);
  assert.equal(res.figures['active.procurement.items'], 258);
  assert.equal(res.figures['active.procurement.amount'], 180000.17);
  // Table 三: full rows, and rows where the seed prints only the 总计 (the other cells blank).
  assert.deepEqual(row(res, 'new'), [216, 3, 0, 2, 0, 13, 234]);
  assert.deepEqual(row(res, 'carried_over'), [0, 0, 0, 0, 0, 0, 0]);
  assert.deepEqual(row(res, 'disclosed'), [0, 0, 0, 0, 0, 0, 196]);
  assert.deepEqual(row(res, 'partly_disclosed'), [0, 0, 0, 0, 0, 0, 8]);
  assert.deepEqual(row(res, 'refused.internal'), [0, 0, 0, 0, 0, 0, 1]);
  assert.deepEqual(row(res, 'refused.query'), [0, 0, 0, 0, 0, 0, 0]);
  assert.deepEqual(row(res, 'unable.not_held'), [15, 0, 0, 0, 0, 0, 15]);
  assert.deepEqual(row(res, 'not_processed.petition'), [4, 0, 0, 0, 0, 3, 7]);
  assert.deepEqual(row(res, 'not_processed.excessive'), [2, 0, 0, 0, 0, 0, 2]);
  assert.deepEqual(row(res, 'other'), [1, 0, 0, 0, 0, 1, 2]);
  assert.deepEqual(row(res, 'completed'), [216, 3, 0, 2, 0, 13, 234]);
  assert.deepEqual(row(res, 'carried_forward'), [0, 0, 0, 0, 0, 0, 0]);
  // Table 四
  assert.equal(res.figures['review.maintained'], 7);
  assert.equal(res.figures['review.other'], 1);
  assert.equal(res.figures['review.total'], 8);
  assert.equal(res.figures['litigation.direct.total'], 14);
  assert.equal(res.figures['litigation.after_review.corrected'], 1);
  assert.equal(res.figures['litigation.total'], 16);

  // The 总计 column holds together: 234 + 0 = 234 + 0, and 196+8+2+16+10+2 = 234.
  assert.equal(check(res, 'applications.total: new + carried_over = completed + carried_forward').ok, true);
  assert.equal(check(res, 'applications.total: new + carried_over = completed + carried_forward').detail, '234 + 0 = 234 + 0');
  assert.equal(check(res, 'applications.total: completed = disclosed + partly_disclosed + refused + unable + not_processed + other').ok, true);
  assert.equal(check(res, 'applications.natural: new + carried_over = completed + carried_forward').ok, true);
  assert.equal(check(res, 'applications.new: total = natural + business + research + social + legal + other_org').ok, true);
  assert.equal(check(res, 'applications.not_processed.petition: total = natural + business + research + social + legal + other_org').ok, true);
  for (const p of ['review', 'litigation.direct', 'litigation.after_review']) {
    assert.equal(check(res, `${p}: total = maintained + corrected + other + pending`).ok, true, p);
  }
  // The seed breaks the sums where it printed only the 总计 of a row: the applicant columns of
  // 予以公开 / 部分公开 / 不予公开 are blank, so 自然人's 216 cannot be made up from its parts.
  const natural = check(res, 'applications.natural: completed = disclosed + partly_disclosed + refused + unable + not_processed + other');
  assert.equal(natural.ok, false);
  assert.match(natural.detail, /^216 ≠ /);
  assert.match(natural.detail, /\(216 vs 24\)$/);
  assert.deepEqual(failed(res).sort(), [
    'applications.business: completed = disclosed + partly_disclosed + refused + unable + not_processed + other',
    'applications.disclosed: total = natural + business + research + social + legal + other_org',
    'applications.natural: completed = disclosed + partly_disclosed + refused + unable + not_processed + other',
    'applications.other_org: completed = disclosed + partly_disclosed + refused + unable + not_processed + other',
    'applications.partly_disclosed: total = natural + business + research + social + legal + other_org',
    'applications.refused.enforcement: total = natural + business + research + social + legal + other_org',
    'applications.refused.internal: total = natural + business + research + social + legal + other_org',
    'applications.social: completed = disclosed + partly_disclosed + refused + unable + not_processed + other',
  ].sort());
  assert.deepEqual(res.uncertain, []);
});

test('luyi-county-2019 numbers as an HTML table (merged cells repeated) map to the same keys', () => {
  const blankRow = (total: number) => ['', '', '', '', '', '', total];
  const t3 = table3Html({
    new: [216, 3, 0, 2, 0, 13, 234],
    carried_over: [0, 0, 0, 0, 0, 0, 0],
    disclosed: blankRow(196),
    partly_disclosed: blankRow(8),
    'refused.secret': blankRow(0),
    'refused.prohibited': blankRow(0),
    'refused.safety': blankRow(0),
    'refused.third_party': blankRow(0),
    'refused.internal': blankRow(1),
    'refused.process': blankRow(0),
    'refused.enforcement': blankRow(1),
    'refused.query': blankRow(0),
    'unable.not_held': [15, 0, 0, 0, 0, 0, 15],
    'unable.needs_creation': [1, 0, 0, 0, 0, 0, 1],
    'unable.unclear': [0, 0, 0, 0, 0, 0, 0],
    'not_processed.petition': [4, 0, 0, 0, 0, 3, 7],
    'not_processed.repeated': [1, 0, 0, 0, 0, 0, 1],
    'not_processed.publication': [0, 0, 0, 0, 0, 0, 0],
    'not_processed.excessive': [2, 0, 0, 0, 0, 0, 2],
    'not_processed.confirmation': [0, 0, 0, 0, 0, 0, 0],
    other: [1, 0, 0, 0, 0, 1, 2],
    completed: [216, 3, 0, 2, 0, 13, 234],
    carried_forward: [0, 0, 0, 0, 0, 0, 0],
  });
  const html = figuresOf([t3], 2019);
  const text = figuresOf([textGrid(LUYI_2019_TEXT)], 2019);
  const t3keys = (r: ReportFigures) => Object.fromEntries(Object.entries(r.figures).filter(([k]) => k.startsWith('applications.')));
  assert.deepEqual(t3keys(html), t3keys(text));
  assert.equal(Object.keys(t3keys(html)).length, 23 * 7);
  assert.deepEqual(
    html.checks.filter((c) => c.rule.startsWith('applications.')),
    text.checks.filter((c) => c.rule.startsWith('applications.')),
  );
});

// ---------------------------------------------------------------- 2019: henan-office-2019

test('henan-office-2019 (blank cells, broken rows, spaced headers): every sum holds', () => {
  const res = figuresOf([textGrid(HENAN_OFFICE_2019_TEXT)], 2019);
  assert.equal(res.template, '2019');
  assert.equal(res.figures['active.rules.total'], 108);
  assert.equal(res.figures['active.normative.new'], 1964);
  assert.equal(res.figures['active.procurement.items'], 35);
  assert.equal(res.figures['active.procurement.amount'], 3769.7215);
  assert.deepEqual(row(res, 'new'), [2742, 58, 0, 0, 0, 0, 2800]);
  assert.deepEqual(row(res, 'carried_over'), [62, 9, 0, 0, 0, 0, 71]);
  assert.deepEqual(row(res, 'disclosed'), [374, 3, 0, 0, 0, 0, 377]);
  assert.deepEqual(row(res, 'refused.secret'), [27, 1, 0, 0, 0, 0, 28]);
  assert.deepEqual(row(res, 'unable.not_held'), [2121, 48, 0, 0, 0, 0, 2169]);
  assert.deepEqual(row(res, 'not_processed.excessive'), [0, 0, 0, 0, 0, 0, 0]);
  assert.deepEqual(row(res, 'other'), [41, 12, 0, 0, 0, 0, 53]);
  assert.deepEqual(row(res, 'completed'), [2677, 67, 0, 0, 0, 0, 2744]);
  assert.deepEqual(row(res, 'carried_forward'), [127, 0, 0, 0, 0, 0, 127]);
  assert.equal(res.figures['review.total'], 19);
  assert.equal(res.figures['review.pending'], 1);
  assert.equal(res.figures['litigation.direct.pending'], 4);
  assert.equal(res.figures['litigation.after_review.total'], 4);
  assert.equal(res.checks.length, 7 * 2 + 23 + 3);
  assert.deepEqual(failed(res), []);
  assert.equal(check(res, 'applications.total: new + carried_over = completed + carried_forward').detail, '2800 + 71 = 2744 + 127');
  assert.equal(check(res, 'review: total = maintained + corrected + other + pending').detail, '19 = 14 + 4 + 0 + 1');
});

test('a typo breaks exactly the sums it is in; the detail shows the numbers', () => {
  const typoReview = HENAN_OFFICE_2019_TEXT.replace('14\t4\t0\t1\t19', '14\t4\t0\t1\t91');
  const a = figuresOf([textGrid(typoReview)], 2019);
  assert.deepEqual(failed(a), ['review: total = maintained + corrected + other + pending']);
  assert.equal(check(a, 'review: total = maintained + corrected + other + pending').detail, '91 ≠ 14 + 4 + 0 + 1 (91 vs 19)');

  const typoT3 = HENAN_OFFICE_2019_TEXT.replace('\t2121\t48\t\t\t\t\t2169', '\t2121\t48\t\t\t\t\t2196');
  const b = figuresOf([textGrid(typoT3)], 2019);
  assert.deepEqual(failed(b).sort(), [
    'applications.total: completed = disclosed + partly_disclosed + refused + unable + not_processed + other',
    'applications.unable.not_held: total = natural + business + research + social + legal + other_org',
  ]);
  assert.match(check(b, 'applications.unable.not_held: total = natural + business + research + social + legal + other_org').detail, /^2196 ≠ 2121 \+ 48 \+ 0 \+ 0 \+ 0 \+ 0 \(2196 vs 2169\)$/);
  assert.match(check(b, 'applications.total: completed = disclosed + partly_disclosed + refused + unable + not_processed + other').detail, /\(2744 vs 2771\)$/);
  assert.deepEqual(b.uncertain, []); // a text table: the report's own error, not a reading
});

// ---------------------------------------------------------------- 2021 template

function table2021(): ExtractedTable[] {
  const t2: ExtractedTable = {
    title: '二、主动公开政府信息情况',
    source: 'html',
    rows: [
      ['第二十条第（一）项', '第二十条第（一）项', '第二十条第（一）项', '第二十条第（一）项'],
      ['信息内容', '本年制发件数', '本年废止件数', '现行有效件数'],
      ['规章', '1', '0', '12'],
      ['行政规范性文件', '9', '2', '65'],
      ['第二十条第（五）项', '第二十条第（五）项', '第二十条第（五）项', '第二十条第（五）项'],
      ['信息内容', '本年处理决定数量', '本年处理决定数量', '本年处理决定数量'],
      ['行政许可', '5310', '5310', '5310'],
      ['第二十条第（六）项', '第二十条第（六）项', '第二十条第（六）项', '第二十条第（六）项'],
      ['信息内容', '本年处理决定数量', '本年处理决定数量', '本年处理决定数量'],
      ['行政处罚', '842', '842', '842'],
      ['行政强制', '', '', ''],
      ['第二十条第（八）项', '第二十条第（八）项', '第二十条第（八）项', '第二十条第（八）项'],
      ['信息内容', '本年收费金额（单位：万元）', '本年收费金额（单位：万元）', '本年收费金额（单位：万元）'],
      ['行政事业性收费', '1,204.56', '1,204.56', '1,204.56'],
    ],
  };
  const t3 = table3Html(
    {
      new: [40, 5, 0, 0, 1, 2, 48],
      carried_over: [2, 0, 0, 0, 0, 0, 2],
      disclosed: [20, 3, 0, 0, 1, 1, 25],
      partly_disclosed: [3, 0, 0, 0, 0, 0, 3],
      'refused.third_party': [1, 0, 0, 0, 0, 0, 1],
      'unable.not_held': [8, 1, 0, 0, 0, 1, 10],
      'not_processed.repeated': [2, 0, 0, 0, 0, 0, 2],
      'other.no_correction': [4, 0, 0, 0, 0, 0, 4],
      'other.no_fee': [0, 0, 0, 0, 0, 0, 0],
      'other.other': [1, 1, 0, 0, 0, 0, 2],
      completed: [39, 5, 0, 0, 1, 2, 47],
      carried_forward: [3, 0, 0, 0, 0, 0, 3],
    },
    L2021,
  );
  const t4: ExtractedTable = {
    title: '四、政府信息公开行政复议、行政诉讼情况',
    source: 'html',
    rows: [
      ['行政复议', '行政复议', '行政复议', '行政复议', '行政复议', '行政诉讼', '行政诉讼', '行政诉讼', '行政诉讼', '行政诉讼', '行政诉讼', '行政诉讼', '行政诉讼', '行政诉讼', '行政诉讼'],
      ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计', '未经复议直接起诉', '未经复议直接起诉', '未经复议直接起诉', '未经复议直接起诉', '未经复议直接起诉', '复议后起诉', '复议后起诉', '复议后起诉', '复议后起诉', '复议后起诉'],
      ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计', '结果维持', '结果纠正', '其他结果', '尚未审结', '总计', '结果维持', '结果纠正', '其他结果', '尚未审结', '总计'],
      ['2', '1', '0', '0', '3', '1', '0', '0', '1', '2', '', '', '', '', '0'],
    ],
  };
  return [t2, t3, t4];
}

test('2021 template: table 二 with merged value cells, 本年收费金额, 三(六) split in three', () => {
  const res = figuresOf(table2021(), 2021);
  assert.equal(res.template, '2021');
  assert.equal(res.figures['active.rules.new'], 1);
  assert.equal(res.figures['active.rules.repealed'], 0);
  assert.equal(res.figures['active.rules.total'], 12);
  assert.equal(res.figures['active.normative.new'], 9);
  assert.equal(res.figures['active.normative.repealed'], 2);
  assert.equal(res.figures['active.normative.total'], 65);
  assert.equal(res.figures['active.normative.published'], undefined);
  assert.equal(res.figures['active.licensing.decisions'], 5310);
  assert.equal(res.figures['active.licensing.previous'], undefined);
  assert.equal(res.figures['active.penalty.decisions'], 842);
  assert.equal(res.figures['active.coercion.decisions'], 0); // blank template cell
  assert.equal(res.figures['active.fees.amount'], 1204.56);
  assert.deepEqual(row(res, 'other.no_correction'), [4, 0, 0, 0, 0, 0, 4]);
  assert.deepEqual(row(res, 'other.no_fee'), [0, 0, 0, 0, 0, 0, 0]);
  assert.deepEqual(row(res, 'other.other'), [1, 1, 0, 0, 0, 0, 2]);
  assert.deepEqual(row(res, 'other'), [5, 1, 0, 0, 0, 0, 6]); // derived: the sum of its parts
  assert.deepEqual(row(res, 'refused.secret'), [0, 0, 0, 0, 0, 0, 0]);
  assert.deepEqual(row(res, 'completed'), [39, 5, 0, 0, 1, 2, 47]);
  assert.equal(res.figures['litigation.after_review.total'], 0);
  assert.equal(res.figures['litigation.total'], 2);
  assert.deepEqual(failed(res), []);
  assert.equal(check(res, 'applications.total: new + carried_over = completed + carried_forward').detail, '48 + 2 = 47 + 3');
  assert.ok(check(res, 'applications.other.no_correction: total = natural + business + research + social + legal + other_org').ok);
  assert.equal(res.checks.some((c) => c.rule.startsWith('applications.other: ')), false);
  // The completed sum counts the three parts of (六).
  assert.match(check(res, 'applications.natural: completed = disclosed + partly_disclosed + refused + unable + not_processed + other').detail, /^39 = 20 \+ 3 \+ .* \+ 4 \+ 0 \+ 1$/);
});

// ---------------------------------------------------------------- 2008 template: henan-province-2018

function legacyLines(): ExtractedTable {
  return { title: '政府信息公开情况统计表', source: 'text', rows: HENAN_2018_LINES.map((l) => [l]) };
}

/** The same table as a three-column grid (统计指标 | 单位 | 统计数), as an HTML table would give it. */
function legacyGrid(): ExtractedTable {
  const rows: string[][] = [['统计指标', '单位', '统计数']];
  let label: string[] = [];
  let unit = '';
  for (const l of HENAN_2018_LINES.slice(3)) {
    if (/^[\d.]+$/.test(l) || l === '——') {
      rows.push([label.join(''), unit, l]);
      label = [];
      unit = '';
    } else if (/^(万元|人次)$/.test(l)) unit = l;
    else label.push(l);
  }
  return { title: '政府信息公开情况统计表', source: 'html', rows };
}

const HENAN_2018: Record<string, number> = {
  'legacy.active.total': 2756085,
  'legacy.active.normative': 46212,
  'legacy.active.documents': 65695,
  'legacy.active.channel.gazette': 10617,
  'legacy.active.channel.website': 1737197,
  'legacy.active.channel.weibo': 246361,
  'legacy.active.channel.wechat': 300613,
  'legacy.active.channel.other': 681170,
  'legacy.response.opinions': 42872,
  'legacy.response.interpretations': 1472,
  'legacy.response.press_leaders': 753,
  'legacy.response.interviews': 1550,
  'legacy.response.interviews_leaders': 649,
  'legacy.response.policy_explanations': 21632,
  'legacy.response.weibo_wechat': 27646,
  'legacy.response.other': 27028,
  'applications.new.total': 23623,
  'legacy.applications.in_person': 7229,
  'legacy.applications.fax': 143,
  'legacy.applications.online': 5028,
  'legacy.applications.letter': 11223,
  'legacy.applications.completed': 23599,
  'legacy.applications.on_time': 21774,
  'legacy.applications.extended': 1825,
  'legacy.applications.replied': 23466,
  'legacy.applications.already_public': 4692,
  'legacy.applications.disclosed': 10860,
  'legacy.applications.partly_disclosed': 1023,
  'legacy.applications.refused': 2376,
  'legacy.applications.refused.secret': 33,
  'legacy.applications.refused.commercial': 55,
  'legacy.applications.refused.privacy': 265,
  'legacy.applications.refused.safety': 26,
  'legacy.applications.refused.not_government_info': 1782,
  'legacy.applications.refused.other': 202,
  'legacy.applications.not_this_agency': 2347,
  'legacy.applications.not_exist': 1234,
  'legacy.applications.correction': 417,
  'legacy.applications.other_channel': 517,
  'review.total': 1501,
  'review.maintained': 805,
  'review.corrected': 207,
  'review.other': 489,
  'litigation.total': 1462,
  'litigation.maintained': 966,
  'litigation.corrected': 247,
  'litigation.other': 249,
  'legacy.complaints.total': 6567,
  'legacy.fees.amount': 0,
  'legacy.staff.offices': 3415,
  'legacy.staff.reading_points': 3952,
  'legacy.staff.total': 13104,
  'legacy.staff.full_time': 3086,
  'legacy.staff.part_time': 10018,
  'legacy.budget': 2414.45,
  'legacy.meetings': 2176,
  'legacy.trainings': 1630,
  'legacy.trainees': 92533,
};

for (const [name, build] of [['one cell per line', legacyLines], ['three-column grid', legacyGrid]] as const) {
  test(`henan-province-2018 (2008 template, ${name}): figures and checks`, () => {
    const res = figuresOf([build()], 2018);
    assert.equal(res.template, '2008');
    assert.deepEqual(res.figures, HENAN_2018);
    assert.equal(check(res, 'legacy: applications.new.total = in_person + fax + online + letter').detail, '23623 = 7229 + 143 + 5028 + 11223');
    assert.ok(check(res, 'legacy: applications.completed = on_time + extended').ok);
    assert.ok(check(res, 'legacy: applications.replied = already_public + disclosed + partly_disclosed + refused + not_this_agency + not_exist + correction + other_channel').ok);
    assert.equal(check(res, 'review: total = maintained + corrected + other').detail, '1501 = 805 + 207 + 489');
    assert.ok(check(res, 'litigation: total = maintained + corrected + other').ok);
    assert.ok(check(res, 'legacy: staff.total = full_time + part_time').ok);
    // The seed's own break: the 其中 lines of 不同意公开答复数 add up to 13 less.
    const refused = check(res, 'legacy: applications.refused = secret + commercial + privacy + safety + not_government_info + other');
    assert.equal(refused.ok, false);
    assert.equal(refused.detail, '2376 ≠ 33 + 55 + 265 + 26 + 1782 + 202 (2376 vs 2363)');
    assert.deepEqual(failed(res), [refused.rule]);
    // 举报投诉 has no sub-lines in this seed: no check.
    assert.equal(res.checks.some((c) => c.rule.includes('complaints')), false);
  });
}

// ---------------------------------------------------------------- label variants and OCR noise

test('label variants, OCR noise and split labels map to the same keys', () => {
  const canonical = {
    new: [10, 1, 0, 0, 0, 0, 11],
    carried_over: [1, 0, 0, 0, 0, 0, 1],
    disclosed: [4, 1, 0, 0, 0, 0, 5],
    partly_disclosed: [1, 0, 0, 0, 0, 0, 1],
    'refused.prohibited': [1, 0, 0, 0, 0, 0, 1],
    'refused.safety': [1, 0, 0, 0, 0, 0, 1],
    'unable.not_held': [2, 0, 0, 0, 0, 0, 2],
    'not_processed.repeated': [1, 0, 0, 0, 0, 0, 1],
    'not_processed.confirmation': [1, 0, 0, 0, 0, 0, 1],
    completed: [11, 1, 0, 0, 0, 0, 12],
    carried_forward: [0, 0, 0, 0, 0, 0, 0],
  } as Record<string, number[]>;
  const reference = figuresOf([table3Html(canonical)], 2019);
  assert.deepEqual(failed(reference), []);

  const v = (k: string) => canonical[k]!.map(String);
  const z = ['0', '0', '0', '0', '0', '0', '0'];
  // Variant grid: half-width punctuation, no numbering, OCR noise, a label split over two cells,
  // quotes and a missing 行政, spaces from line breaks, header row in a different wording.
  const rows: string[][] = [
    ['', '', '', '申请人情况', '', '', '', '', '', ''],
    ['', '', '', '自然人', '法人或其他组织', '', '', '', '', '总计'],
    ['', '', '', '', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', ''],
    ['本年新收政府信息', '公开申请数量', '', ...v('new')],
    ['二.上年结转政府信息公开申请数量', '', '', ...v('carried_over')],
    ['三、本年度办理结果', '(一)予以公幵', '', ...v('disclosed')],
    ['', '(二)部分公开', '', ...v('partly_disclosed')],
    ['', '(三)不予公开', '1、属於国家秘密', ...z],
    ['', '', '２．其他法律法规禁止公开', ...v('refused.prohibited')],
    ['', '', '3.危及"三安全一稳定"', ...v('refused.safety')],
    ['', '', '4.保护第三方合法权益', ...z],
    ['', '', '5.属于三类內部事务信息', ...z],
    ['', '', '6.属于四类过程性信息', ...z],
    ['', '', '7.属于行政执法案卷', ...z],
    ['', '', '8.属于行政査询事项', ...z],
    ['', '(四)无法提供', '1. 本机关不掌握 相关政府信息', ...v('unable.not_held')],
    ['', '', '2.没有现成信息需要另行制作', ...z],
    ['', '', '3.补正后申请内容仍不明确', ...z],
    ['', '(五)不予处理', '1.信访举报投诉类申请', ...z],
    ['', '', '2.重复申请', ...v('not_processed.repeated')],
    ['', '', '3.要求提供公开出版物', ...z],
    ['', '', '4.无正当理由大量反复申请', ...z],
    ['', '', '5.要求行政机关确认或重新出具已获取的信息', ...v('not_processed.confirmation')],
    ['', '(六)其它处理', '', ...z],
    ['', '(七)总计', '', ...v('completed')],
    ['四、结转下年度继续处理', '', '', ...v('carried_forward')],
  ];
  const variant = figuresOf([{ title: '收到和处理政府信息公开申请情况', source: 'image', rows }], 2019);
  const t3 = (r: ReportFigures) => Object.fromEntries(Object.entries(r.figures).filter(([k]) => k.startsWith('applications.')));
  assert.deepEqual(t3(variant), t3(reference));
  assert.deepEqual(failed(variant), []);

  // Table 二: 行政规范性文件 for 规范性文件, spaced and full-width header text, OCR 規章.
  const t2: ExtractedTable = {
    title: '二、主动公开政府信息情况',
    source: 'text',
    rows: [
      ['第二十条第(一)项', '', '', ''],
      ['信息内容', '本年新 制作数量', '本年新公开数量', '对外公开 总数量'],
      ['規章', '0', '0', '3'],
      ['行政规范性文件', '２', '４', '８'],
    ],
  };
  const r2 = figuresOf([t2], 2019);
  assert.equal(r2.figures['active.rules.total'], 3);
  assert.equal(r2.figures['active.normative.new'], 2);
  assert.equal(r2.figures['active.normative.published'], 4);
  assert.equal(r2.figures['active.normative.total'], 8);
});

test('a numbered line whose text is unreadable is placed by its number within its section', () => {
  const values = { new: [3, 0, 0, 0, 0, 0, 3], 'refused.third_party': [3, 0, 0, 0, 0, 0, 3], completed: [3, 0, 0, 0, 0, 0, 3] };
  const t = table3Html(values);
  const i = t.rows.findIndex((r) => r[2] === '4．保护第三方合法权益');
  t.rows[i]![2] = '4．#$%&*@';
  const res = figuresOf([t], 2019);
  assert.deepEqual(row(res, 'refused.third_party'), [3, 0, 0, 0, 0, 0, 3]);
  assert.deepEqual(failed(res), []);
});

// ---------------------------------------------------------------- OCR alternatives

const OCR_VALUES: Record<string, number[]> = {
  new: [3605, 10, 0, 0, 0, 0, 3615],
  carried_over: [100, 0, 0, 0, 0, 0, 100],
  disclosed: [2000, 10, 0, 0, 0, 0, 2010],
  partly_disclosed: [300, 0, 0, 0, 0, 0, 300],
  'refused.secret': [100, 0, 0, 0, 0, 0, 100],
  'unable.not_held': [1000, 0, 0, 0, 0, 0, 1000],
  'not_processed.petition': [200, 0, 0, 0, 0, 0, 200],
  other: [100, 0, 0, 0, 0, 0, 100],
  completed: [3700, 10, 0, 0, 0, 0, 3710],
  carried_forward: [5, 0, 0, 0, 0, 0, 5],
};

/** The OCR table with 3605 misread as 3805, and the given other readings of that cell. */
function ocrTable(alternatives: string[]): ExtractedTable {
  const t = table3Html({ ...OCR_VALUES, new: [3805, 10, 0, 0, 0, 0, 3615] });
  const r = t.rows.findIndex((x) => x[0] === '一、本年新收政府信息公开申请数量');
  assert.equal(t.rows[r]![3], '3805');
  return {
    ...t,
    source: 'image',
    images: ['t3.png'],
    // A distractor too: the 总计 of that row could be 3815, which fixes the row but breaks the column.
    alternatives: { [`${r},3`]: alternatives, [`${r},9`]: ['3815'] },
  };
}

test('the clean OCR values satisfy every sum (control)', () => {
  const res = figuresOf([{ ...table3Html(OCR_VALUES), source: 'image' }], 2019);
  assert.deepEqual(failed(res), []);
  assert.deepEqual(res.uncertain, []);
});

test('OCR alternatives repair a broken sum: 3805 → 3605 adopted, key marked uncertain', () => {
  const broken = figuresOf([{ ...ocrTable([]), alternatives: undefined }], 2019);
  assert.equal(broken.figures['applications.new.natural'], 3805);
  assert.equal(check(broken, 'applications.natural: new + carried_over = completed + carried_forward').detail, '3805 + 100 ≠ 3700 + 5 (3905 vs 3705)');

  const res = figuresOf([ocrTable(['3806', '3605'])], 2019);
  assert.equal(res.figures['applications.new.natural'], 3605);
  assert.equal(res.figures['applications.new.total'], 3615);
  assert.deepEqual(failed(res), []);
  assert.equal(check(res, 'applications.natural: new + carried_over = completed + carried_forward').detail, '3605 + 100 = 3700 + 5');
  assert.deepEqual(res.uncertain, ['applications.new.natural']);
});

test('OCR alternatives that cannot repair the sum: first reading kept, check failed, keys uncertain', () => {
  const res = figuresOf([ocrTable(['3905'])], 2019);
  assert.equal(res.figures['applications.new.natural'], 3805);
  assert.equal(res.figures['applications.new.total'], 3615);
  const c = check(res, 'applications.natural: new + carried_over = completed + carried_forward');
  assert.equal(c.ok, false);
  assert.match(c.detail, /3805/);
  assert.deepEqual(failed(res).sort(), [
    'applications.natural: new + carried_over = completed + carried_forward',
    'applications.new: total = natural + business + research + social + legal + other_org',
  ]);
  assert.ok(res.uncertain.includes('applications.new.natural'));
  assert.ok(res.uncertain.includes('applications.new.total')); // has another reading, in a failed sum
  assert.ok(res.uncertain.includes('applications.carried_over.natural')); // image table: every figure of a failed sum
  assert.equal(res.uncertain.includes('applications.disclosed.business'), false);
});

test('alternatives: two cells that must change together; a distractor that breaks another sum', () => {
  // carried_over read as 300 | … | 300 (should be 100 | … | 100): neither cell alone repairs the
  // sums (each breaks the row or the column), the pair does.
  const t = table3Html({ ...OCR_VALUES, carried_over: [300, 0, 0, 0, 0, 0, 300] });
  const rCarry = t.rows.findIndex((x) => x[0] === '二、上年结转政府信息公开申请数量');
  const res = figuresOf([{ ...t, source: 'image', alternatives: { [`${rCarry},3`]: ['100'], [`${rCarry},9`]: ['100'] } }], 2019);
  assert.equal(res.figures['applications.carried_over.natural'], 100);
  assert.equal(res.figures['applications.carried_over.total'], 100);
  assert.deepEqual(failed(res), []);
  assert.deepEqual(res.uncertain, ['applications.carried_over.natural', 'applications.carried_over.total']);

  // carried_forward.natural read as 7 (should be 5); its 总计 offers 7, which would fix the row
  // but break the 总计 column: only the 5 is taken.
  const amb = table3Html({ ...OCR_VALUES, carried_forward: [7, 0, 0, 0, 0, 0, 5] });
  const rFwd = amb.rows.findIndex((x) => x[0] === '四、结转下年度继续办理');
  const res2 = figuresOf([{ ...amb, source: 'image', alternatives: { [`${rFwd},3`]: ['5'], [`${rFwd},9`]: ['7'] } }], 2019);
  assert.equal(res2.figures['applications.carried_forward.natural'], 5);
  assert.equal(res2.figures['applications.carried_forward.total'], 5);
  assert.deepEqual(failed(res2), []);
  assert.deepEqual(res2.uncertain, ['applications.carried_forward.natural']);
});

test('alternatives: two equally good single readings → neither adopted, both uncertain', () => {
  // 行政复议: 7 + 0 + 1 + 0 printed with total 9. Reading the total as 8, or 维持 as 8, each fixes it.
  const t4 = (alternatives?: Record<string, string[]>): ExtractedTable => ({
    title: '四、政府信息公开行政复议、行政诉讼情况',
    source: 'image',
    rows: [
      ['行政复议', '', '', '', '', '行政诉讼', '', '', '', '', '', '', '', '', ''],
      ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计', '未经复议直接起诉', '', '', '', '', '复议后起诉', '', '', '', ''],
      ['9', '0', '1', '0', '9', '0', '0', '0', '0', '0', '0', '0', '0', '0', '0'],
    ],
    ...(alternatives ? { alternatives } : {}),
  });
  const t3 = table3Html(OCR_VALUES);
  const both = figuresOf([t3, t4({ '2,0': ['8'], '2,4': ['10'] })], 2019);
  assert.equal(both.figures['review.maintained'], 9);
  assert.equal(both.figures['review.total'], 9);
  assert.deepEqual(failed(both), ['review: total = maintained + corrected + other + pending']);
  // Image table and a failed sum: all five figures of the sum are uncertain.
  assert.deepEqual(both.uncertain, ['review.corrected', 'review.maintained', 'review.other', 'review.pending', 'review.total']);
  // The same table from HTML: only the two cells with other readings.
  const html = figuresOf([t3, { ...t4({ '2,0': ['8'], '2,4': ['10'] }), source: 'html' }], 2019);
  assert.deepEqual(html.uncertain, ['review.maintained', 'review.total']);

  const one = figuresOf([t3, t4({ '2,0': ['8'] })], 2019);
  assert.equal(one.figures['review.maintained'], 8);
  assert.deepEqual(failed(one), []);
  assert.deepEqual(one.uncertain, ['review.maintained']);
});

// ---------------------------------------------------------------- the key list

test('FIGURE_KEYS lists every key of docs/figures.md and every key the extractor records', () => {
  const doc = readFileSync(fileURLToPath(new URL('../docs/figures.md', import.meta.url)), 'utf8');
  const documented = [...doc.matchAll(/`((?:active|applications|review|litigation|legacy)(?:\.[a-z_]+)+)`/g)].map((m) => m[1]!);
  assert.ok(documented.length > 40);
  for (const k of documented) assert.ok(k in FIGURE_KEYS, `documented key ${k} missing from FIGURE_KEYS`);
  assert.equal(FIGURE_KEYS['applications.new.total']?.template.join(','), '2008,2019,2021');
  assert.equal(FIGURE_KEYS['active.fees.amount']?.template.join(','), '2021');
  const all = [
    figuresOf([textGrid(LUYI_2019_TEXT)], 2019),
    figuresOf([textGrid(HENAN_OFFICE_2019_TEXT)], 2019),
    figuresOf(table2021(), 2021),
    figuresOf([legacyLines()], 2018),
  ];
  for (const r of all) for (const k of Object.keys(r.figures)) assert.ok(k in FIGURE_KEYS, `recorded key ${k} not in FIGURE_KEYS`);
  for (const [k, info] of Object.entries(FIGURE_KEYS)) assert.ok(info.label.length > 0 && info.template.length > 0, k);
});
