/**
 * Realistic statistics-table grids (labels of the national templates, numbers from a seeded
 * generator) for rendering table images: the OCR benchmark and tests read them back and compare.
 * Numbers add up the way the templates require, so figure checks can run on them too.
 */

/** mulberry32: deterministic, so every rendered image is the same between runs. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function splitInt(total: number, parts: number, r: () => number, zeroChance = 0.2): number[] {
  const w = Array.from({ length: parts }, () => (r() < zeroChance ? 0 : 0.2 + r()));
  const sum = w.reduce((a, b) => a + b, 0);
  if (!sum) return w.map((_, i) => (i === 0 ? total : 0));
  const out = w.map((x) => Math.floor((total * x) / sum));
  let rest = total - out.reduce((a, b) => a + b, 0);
  for (let i = 0; rest > 0; i = (i + 1) % parts) if (w[i]) (out[i]! += 1), rest--;
  return out;
}

const money = (r: () => number, max: number): string => (r() < 0.25 ? '0' : (r() * max).toFixed(r() < 0.5 ? 2 : 1).replace(/\.0$/, '.5'));

export const LEGACY_HEADER = ['统计指标', '单位', '统计数'];

/**
 * The 2008–2018 template table 政府信息公开情况统计表 (2016–2018 wording, with 二、回应解读情况):
 * section rows carry no unit or number.
 */
export function legacyGrid(seed: number, scale = 1): string[][] {
  const r = prng(seed);
  const n = (base: number, zero = 0.1): number => (r() < zero ? 0 : Math.max(1, Math.round(base * scale * (0.3 + 1.4 * r()))));
  const active = n(30000, 0);
  const channels = splitInt(active, 5, r, 0.1);
  const received = n(900, 0);
  const [face, fax, net, mail] = splitInt(received, 4, r);
  const late = Math.floor(received * 0.1 * r());
  const answers = splitInt(received, 8, r);
  const refused = answers[3]!;
  const refusedWhy = splitInt(refused, 6, r, 0.5);
  const review = n(30, 0.2);
  const reviewParts = splitInt(review, 3, r);
  const suits = n(20, 0.2);
  const suitParts = splitInt(suits, 3, r);
  const complaints = n(15, 0.3);
  const complaintParts = splitInt(complaints, 3, r);
  const staffFull = n(300, 0);
  const staffPart = n(1500, 0);
  const s = String;
  const rows: [string, string, string | number][] = [
    ['一、主动公开情况', '', ''],
    ['（一）主动公开政府信息数（不同渠道和方式公开相同信息计1条）', '条', active],
    ['其中：主动公开规范性文件数', '条', n(800)],
    ['制发规范性文件总数', '件', n(900)],
    ['（二）通过不同渠道和方式公开政府信息的情况', '', ''],
    ['1.政府公报公开政府信息数', '条', channels[0]!],
    ['2.政府网站公开政府信息数', '条', channels[1]!],
    ['3.政务微博公开政府信息数', '条', channels[2]!],
    ['4.政务微信公开政府信息数', '条', channels[3]!],
    ['5.其他方式公开政府信息数', '条', channels[4]!],
    ['二、回应解读情况', '', ''],
    ['（一）回应公众关注热点或重大舆情数（不同方式回应同一热点或舆情计1次）', '次', n(600)],
    ['（二）通过不同途径和方式回应解读的情况', '', ''],
    ['1.参加或举办新闻发布会总次数', '次', n(120)],
    ['其中：主要负责同志参加新闻发布会次数', '次', n(40)],
    ['2.政府网站在线访谈次数', '次', n(90)],
    ['其中：主要负责同志参加政府网站在线访谈次数', '次', n(30)],
    ['3.政策解读稿件发布数', '篇', n(700)],
    ['4.微博微信回应事件数', '次', n(900)],
    ['5.其他方式回应事件数', '次', n(300)],
    ['三、依申请公开情况', '', ''],
    ['（一）收到申请数', '件', received],
    ['1.当面申请数', '件', face!],
    ['2.传真申请数', '件', fax!],
    ['3.网络申请数', '件', net!],
    ['4.信函申请数', '件', mail!],
    ['（二）申请办结数', '件', received],
    ['1.按时办结数', '件', received - late],
    ['2.延期办结数', '件', late],
    ['（三）申请答复数', '件', received],
    ['1.属于已主动公开范围数', '件', answers[0]!],
    ['2.同意公开答复数', '件', answers[1]!],
    ['3.同意部分公开答复数', '件', answers[2]!],
    ['4.不同意公开答复数', '件', refused],
    ['其中：涉及国家秘密', '件', refusedWhy[0]!],
    ['涉及商业秘密', '件', refusedWhy[1]!],
    ['涉及个人隐私', '件', refusedWhy[2]!],
    ['危及国家安全、公共安全、经济安全和社会稳定', '件', refusedWhy[3]!],
    ['不是《条例》所指政府信息', '件', refusedWhy[4]!],
    ['法律法规规定的其他情形', '件', refusedWhy[5]!],
    ['5.不属于本行政机关公开数', '件', answers[4]!],
    ['6.申请信息不存在数', '件', answers[5]!],
    ['7.告知作出更改补充数', '件', answers[6]!],
    ['8.告知通过其他途径办理数', '件', answers[7]!],
    ['四、行政复议数量', '件', review],
    ['（一）维持具体行政行为数', '件', reviewParts[0]!],
    ['（二）被依法纠错数', '件', reviewParts[1]!],
    ['（三）其他情形数', '件', reviewParts[2]!],
    ['五、行政诉讼数量', '件', suits],
    ['（一）维持具体行政行为或者驳回原告诉讼请求数', '件', suitParts[0]!],
    ['（二）被依法纠错数', '件', suitParts[1]!],
    ['（三）其他情形数', '件', suitParts[2]!],
    ['六、举报投诉数量', '件', complaints],
    ['（一）维持具体行政行为数', '件', complaintParts[0]!],
    ['（二）被纠错数', '件', complaintParts[1]!],
    ['（三）其他情形数', '件', complaintParts[2]!],
    ['七、依申请公开信息收取的费用', '万元', money(r, 3)],
    ['八、机构建设和保障经费情况', '', ''],
    ['（一）政府信息公开工作专门机构数', '个', n(200)],
    ['（二）设置政府信息公开查阅点数', '个', n(400)],
    ['（三）从事政府信息公开工作人员数', '人', staffFull + staffPart],
    ['1.专职人员数（不包括政府公报及政府网站工作人员数）', '人', staffFull],
    ['2.兼职人员数', '人', staffPart],
    ['（四）政府信息公开专项经费（不包括用于政府公报编辑管理及政府网站建设维护等方面的经费）', '万元', money(r, 4000)],
    ['九、政府信息公开会议和培训情况', '', ''],
    ['（一）召开政府信息公开工作会议或专题会议数', '次', n(300)],
    ['（二）举办各类培训班数', '次', n(250)],
    ['（三）接受培训人员数', '人次', n(20000)],
  ];
  return [LEGACY_HEADER, ...rows.map(([a, b, c]) => [a, b, s(c)])];
}

export const APPLICATION_COLUMNS = ['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计'];

const APPLICATION_ROWS = [
  '一、本年新收政府信息公开申请数量',
  '二、上年结转政府信息公开申请数量',
  '（一）予以公开',
  '（二）部分公开',
  '（三）不予公开 1.属于国家秘密',
  '2.其他法律行政法规禁止公开',
  '3.危及"三安全一稳定"',
  '4.保护第三方合法权益',
  '5.属于三类内部事务信息',
  '6.属于四类过程性信息',
  '7.属于行政执法案卷',
  '8.属于行政查询事项',
  '（四）无法提供 1.本机关不掌握相关政府信息',
  '2.没有现成信息需要另行制作',
  '3.补正后申请内容仍不明确',
  '（五）不予处理 1.信访举报投诉类申请',
  '2.重复申请',
  '3.要求提供公开出版物',
  '4.无正当理由大量反复申请',
  '5.要求行政机关确认或重新出具已获取信息',
  '（六）其他处理',
  '（七）总计',
  '四、结转下年度继续办理',
];

/**
 * The 2019 template's table 三 flattened to one header row (the printed table nests 法人或其他组织
 * over five columns): 23 rows × 7 numbers, each column balancing 一 + 二 = 总计 + 四.
 */
export function applicationsGrid2019(seed: number, scale = 1): string[][] {
  const r = prng(seed);
  const columns: number[][] = [];
  for (let c = 0; c < 6; c++) {
    const base = c === 0 ? 2000 : c === 1 ? 300 : 40;
    const zero = c === 0 ? 0 : 0.3;
    const received = r() < zero ? 0 : Math.round(base * scale * (0.2 + 1.6 * r()));
    const carried = r() < 0.5 ? 0 : Math.round(received * 0.05 * r());
    const forward = Math.round((received + carried) * 0.08 * r());
    const done = received + carried - forward;
    const parts = splitInt(done, 19, r, 0.55);
    columns.push([received, carried, ...parts, done, forward]);
  }
  columns.push(columns[0]!.map((_, i) => columns.reduce((sum, col) => sum + col[i]!, 0)));
  return [
    ['申请人情况', ...APPLICATION_COLUMNS],
    ...APPLICATION_ROWS.map((label, i) => [label, ...columns.map((col) => String(col[i]))]),
  ];
}

/** The 2019 template's table 二 flattened: block headers become rows with empty numbers. */
export function activeGrid2019(seed: number, scale = 1): string[][] {
  const r = prng(seed);
  const n = (base: number): string => (r() < 0.15 ? '0' : String(Math.round(base * scale * (0.2 + 1.6 * r()))));
  const change = (): string => (r() < 0.3 ? '0' : (r() < 0.5 ? '-' : '') + String(Math.round(20 * r()) + 1));
  return [
    ['信息内容', '本年新制作数量', '本年新公开数量', '对外公开总数量'],
    ['规章', n(8), n(8), n(300)],
    ['规范性文件', n(60), n(60), n(2500)],
    ['信息内容', '上一年项目数量', '本年增/减', '处理决定数量'],
    ['行政许可', n(300), change(), n(90000)],
    ['其他对外管理服务事项', n(100), change(), n(5000)],
    ['行政处罚', n(500), change(), n(30000)],
    ['行政强制', n(80), change(), n(2000)],
    ['行政事业性收费', n(60), change(), ''],
    ['信息内容', '采购项目数量', '采购总金额（万元）', ''],
    ['政府集中采购', n(900), (r() * 90000 + 100).toFixed(2), ''],
  ];
}

/** The 2019 template's table 四 as three rows × the five outcomes. */
export function reviewGrid2019(seed: number, scale = 1): string[][] {
  const r = prng(seed);
  const line = (label: string): string[] => {
    const parts = Array.from({ length: 4 }, () => (r() < 0.35 ? 0 : Math.round(30 * scale * r())));
    return [label, ...parts.map(String), String(parts.reduce((a, b) => a + b, 0))];
  };
  return [
    ['类别', '结果维持', '结果纠正', '其他结果', '尚未审结', '总计'],
    line('行政复议'),
    line('行政诉讼（未经复议直接起诉）'),
    line('行政诉讼（复议后起诉）'),
  ];
}
