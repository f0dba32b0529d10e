/**
 * 枝江市人民政府 (420583, 宜昌市, 湖北省): a TRS-like 政府信息公开 platform (UTF-8, `.shtml`,
 * static pager) mirrored by black-hat SEO the way real hijacked government sites are: brands
 * standing for ORDINARY words, not for the portal's name or 政府信息公开 alone (issue 9).
 *
 * Every report page is built from a clean original (a synthetic report of its year's template,
 * re-issued for 枝江 with local paragraphs full of cited documents, set phrases and department
 * names), then rewritten by a page hijack that writes the ground truth while it goes
 * (`hijackLabels`, `spamLabels`). One brand per page, the same string at each of its occurrences:
 * - 2024 city report: brand + colon for 关于 in cited titles (《…办公室<b>:印发…的通知》, every other
 *   one), the brand for 政府信息公开 in <title>, heading, 标题 row, inside 《中华人民共和国…条例》 and in
 *   the LISTING title (…2024年<b>工作年度报告);
 * - 2023 city report: the brand for 枝江 (title, 发文机关, nav 走进枝江, footer 主办单位, every other
 *   body occurrence: issuer and department names, local rules, set phrases) and once for 宜昌;
 * - 2022 city report: the brand for 市委 (nav, 相关链接 中共枝江市委, every other 市委 of the body),
 *   for 公开 (政务公开 now and then) and, side by side, for 公开 and 政府 (主动<b><b>信息);
 * - 财政局 2019: the brand for 枝江 in title, heading, 标题 row, 来源 and LISTING title
 *   (<b>市财政局2019年…), every other body occurrence, once for 宜昌, once for 政府 (政府采购);
 * - 2021 city report: the brand for 政府 (<title>, 来源, 市政府 and 人民政府 now and then) and for 湖北
 *   (视察湖北重要讲话精神, 湖北省人民政府 in the link list; the one in the text stays);
 * - 2020 city report: the bare brand for 关于 in cited titles (every other one), for 宜昌, for 枝江 in
 *   the <title>'s site name, and once for a word nothing on the page reveals (original null);
 * - 2018 city report (2008 template): the brand for 枝江 in title slots and LISTING title
 *   (<b>市2018年…), for 政府 in 来源/发文机关, side by side for 公开政府 (every other);
 * - a clean 文化和旅游局 2022 report full of words filters trip on (体育彩票公益金, 文化娱乐场所,
 *   打击网络赌博, 象棋比赛): no label, must come through unchanged.
 * The listing pages carry brands in their navigation too. Untouched 关于/公开/政府/枝江/宜昌/湖北
 * remain on every page. The brands are invented for this portal and used nowhere else.
 */
import { report2019 } from '../fixtures/synthetic-2019.js';
import { legacyReport, type ReportVoice } from '../fixtures/synthetic-legacy.js';
import { Site } from '../server.js';
import type { HijackKind, HijackOccurrence, SpamWhere } from '../types.js';
import { addChromeAssets, byDateDesc, chunk, decoyItems, publishedAt, reportBody, subjectOf, type BuiltPortal, type DecoySpec, type Item, type PortalHijackLabel, type PortalSpamLabel } from './common.js';
import {
  ZHIJIANG_COLUMN,
  ZHIJIANG_COLUMN_NAME,
  ZHIJIANG_LINKS,
  ZHIJIANG_NAV,
  ZHIJIANG_SITE,
  zhijiangArticle,
  zhijiangHome,
  zhijiangListing,
  zhijiangPageName,
  type ZhijiangArticleParts,
  type ZhijiangChrome,
} from './zhijiang-pages.js';

const REGION = { code: '420583', name: '枝江市' };
const PER_PAGE = 8;
const GOV = '枝江市人民政府';
const OFFICE = '枝江市人民政府办公室';
const PHONE = '0717-4212345';
const html = (body: string) => ({ contentType: 'text/html; charset=utf-8', body });

/**
 * The brands, one per hijacked page, in the four shapes real mirrors use. Invented here: they
 * must not occur anywhere else in the repository (nor in test/fixtures/spam/hijack-brands.ts).
 */
export const ZHIJIANG_BRANDS = {
  /** Chinese only, ending in an ad word. */
  amber: '琥珀湾竞猜娱乐网',
  /** Punctuation inside. */
  nilan: '霓岚体育_霓岚电竞app-【官方*直营】',
  /** Latin + digits + CJK joined by underscores. */
  jx: 'jx6688竞速_6688jx备用网址_jx官网登录入口',
  /** Short Latin + digits + CJK. */
  kb: 'kb5151竞技厅',
  /** Chinese only. */
  qingluan: '青鸾体育投注平台',
  /** Punctuation inside. */
  dingsheng: '鼎晟国际*电竞-【极速*登录】',
  /** Latin + digits + CJK joined by underscores. */
  hv: 'hv2626电竞_2626hv网址大全_hv电竞官方入口',
} as const;
const B = ZHIJIANG_BRANDS;

// ---------------------------------------------------------------------------------------------
// The page hijack: edits are placed on the clean page, so which occurrence is hit never depends
// on earlier edits (apart from never overlapping one).

type Slot = 'docTitle' | 'heading' | 'metaTitle' | 'metaIssuer' | 'source' | 'body' | 'nav' | 'links' | 'sponsor';
const SLOT_ORDER: Slot[] = ['docTitle', 'heading', 'metaTitle', 'metaIssuer', 'source', 'body', 'nav', 'links', 'sponsor'];
const WHERE: Record<Slot, SpamWhere> = {
  docTitle: 'title',
  heading: 'title',
  metaTitle: 'title',
  metaIssuer: 'source',
  source: 'source',
  body: 'body',
  nav: 'chrome',
  links: 'chrome',
  sponsor: 'chrome',
};

interface Seg {
  slot: Slot;
  /** Line (body), item (nav, links) or 0. */
  index: number;
  text: string;
}

interface Occ {
  seg: Seg;
  start: number;
  end: number;
  /** Inside an open 《…》 of the same line. */
  inBook: boolean;
}
type Where = (o: Occ) => boolean;
type Picker = (i: number) => boolean;

interface Edit {
  seg: Seg;
  start: number;
  end: number;
  form: string;
  original: string | null;
  kind: HijackKind;
  sideBySide?: true;
}

interface SubOptions {
  slots: Slot[];
  where?: Where;
  pick?: Picker;
  /** Appended to the brand (a colon after the brand for 关于). */
  suffix?: string;
  /** false: the page does not reveal the word (labelled null). */
  knowable?: boolean;
}

class PageHijack {
  private readonly edits: Edit[] = [];
  private readonly segs: Seg[];

  constructor(
    private readonly parts: ZhijiangArticleParts,
    readonly brand: string,
  ) {
    this.segs = SLOT_ORDER.flatMap((slot): Seg[] => {
      const v = parts[slot === 'body' ? 'lines' : slot];
      return Array.isArray(v) ? v.map((text, index) => ({ slot, index, text })) : [{ slot, index: 0, text: v as string }];
    });
  }

  private free(seg: Seg, start: number, end: number): boolean {
    return !this.edits.some((e) => e.seg === seg && start < e.end && e.start < end);
  }

  private find(word: string, o: SubOptions): Occ[] {
    const out: Occ[] = [];
    let n = 0;
    for (const seg of this.segs) {
      if (!o.slots.includes(seg.slot)) continue;
      for (let i = seg.text.indexOf(word); i >= 0; i = seg.text.indexOf(word, i + word.length)) {
        const end = i + word.length;
        if (!this.free(seg, i, end)) continue;
        const before = seg.text.slice(0, i);
        const occ: Occ = { seg, start: i, end, inBook: before.lastIndexOf('《') > before.lastIndexOf('》') };
        if (o.where && !o.where(occ)) continue;
        if ((o.pick ?? (() => true))(n++)) out.push(occ);
      }
    }
    if (out.length === 0) throw new Error(`zhijiang hijack: no occurrence of ${word} in ${o.slots.join(',')}`);
    return out;
  }

  /** The brand for `word` at the chosen occurrences. */
  sub(word: string, kind: HijackKind, o: SubOptions): this {
    const form = `${this.brand}${o.suffix ?? ''}`;
    for (const occ of this.find(word, o)) {
      this.edits.push({ seg: occ.seg, start: occ.start, end: occ.end, form, original: o.knowable === false ? null : word, kind });
    }
    return this;
  }

  /** The brand for each word of `phrase` in turn, side by side (主动公开政府信息 → 主动<b><b>信息). */
  sideBySide(pieces: Array<[word: string, kind: HijackKind]>, o: SubOptions): this {
    const phrase = pieces.map(([w]) => w).join('');
    for (const occ of this.find(phrase, o)) {
      let at = occ.start;
      for (const [word, kind] of pieces) {
        this.edits.push({ seg: occ.seg, start: at, end: at + word.length, form: this.brand, original: word, kind, sideBySide: true });
        at += word.length;
      }
    }
    return this;
  }

  /** The hijacked page, and every occurrence (body offsets in the joined body text). */
  build(): { parts: ZhijiangArticleParts; occurrences: HijackOccurrence[] } {
    const texts = new Map<Seg, { text: string; occ: Array<{ at: number; e: Edit }> }>();
    for (const seg of this.segs) {
      const edits = this.edits.filter((e) => e.seg === seg).sort((a, b) => a.start - b.start);
      let text = '';
      let pos = 0;
      const occ: Array<{ at: number; e: Edit }> = [];
      for (const e of edits) {
        text += seg.text.slice(pos, e.start);
        occ.push({ at: text.length, e });
        text += e.form;
        pos = e.end;
      }
      texts.set(seg, { text: text + seg.text.slice(pos), occ });
    }
    const of = (slot: Slot) => this.segs.filter((s) => s.slot === slot).map((s) => texts.get(s)!.text);
    const parts: ZhijiangArticleParts = {
      docTitle: of('docTitle')[0]!,
      heading: of('heading')[0]!,
      metaTitle: of('metaTitle')[0]!,
      metaIssuer: of('metaIssuer')[0]!,
      source: of('source')[0]!,
      lines: of('body'),
      nav: of('nav'),
      links: of('links'),
      sponsor: of('sponsor')[0]!,
    };
    const occurrences: HijackOccurrence[] = [];
    let bodyOffset = 0;
    for (const seg of this.segs) {
      const t = texts.get(seg)!;
      for (const { at, e } of t.occ) {
        const o: HijackOccurrence = { brand: this.brand, form: e.form, original: e.original, kind: e.kind, where: WHERE[seg.slot] };
        if (e.sideBySide) o.sideBySide = true;
        if (seg.slot === 'body') Object.assign(o, { start: bodyOffset + at, end: bodyOffset + at + e.form.length });
        occurrences.push(o);
      }
      if (seg.slot === 'body') bodyOffset += t.text.length + 1;
    }
    return { parts, occurrences };
  }
}

// Predicates over occurrences.
const inBook: Where = (o) => o.inBook;
const notInBook: Where = (o) => !o.inBook;
const atStart: Where = (o) => o.start === 0;
const notAtStart: Where = (o) => o.start > 0;
const noTable: Where = (o) => !o.seg.text.includes('\t');
const preceded = (s: string): Where => (o) => o.seg.text.slice(o.start - s.length, o.start) === s;
const followed = (s: string): Where => (o) => o.seg.text.startsWith(s, o.end);
const lineHas = (re: RegExp): Where => (o) => re.test(o.seg.text);
const all = (...ws: Where[]): Where => (o) => ws.every((w) => w(o));
const every = (k: number, offset = 0): Picker => (i) => i % k === offset;
const only = (...idx: number[]): Picker => (i) => idx.includes(i);

// ---------------------------------------------------------------------------------------------
// The reports: clean originals (synthetic, re-issued for 枝江 with local paragraphs) and hijacks.

interface ZhijiangReport {
  title: string;
  year: number;
  issuer: string;
  date: string;
  time: string;
  /** 成文日期 */
  written: string;
  /** 来源 and 发文机关. */
  source: string;
  scale: number;
  seed: number;
  /** Paragraphs placed at the end of the template's first section. */
  extra: string[];
  brand?: string;
  hijack?: (h: PageHijack) => void;
  /** The listing title as hijacked (from the clean one). */
  listing?: (clean: string, brand: string) => string;
}

const REPORTS: ZhijiangReport[] = [
  {
    title: '枝江市人民政府2024年政府信息公开工作年度报告',
    year: 2024, issuer: GOV, date: '2025-01-20', time: '16:12:05', written: '2025-01-17', source: OFFICE, scale: 2, seed: 42058324,
    extra: [
      '（六）重点工作部署。深入贯彻《国务院办公厅关于印发2024年政务公开工作要点的通知》和《湖北省人民政府办公厅关于印发湖北省2024年政务公开工作要点的通知》，结合实际制定《枝江市人民政府办公室关于印发枝江市2024年政务公开工作要点的通知》，明确5个方面23项重点任务，逐项分解到责任单位，按季度调度推进。',
      '（七）政策解读。严格落实《宜昌市人民政府办公室关于进一步加强政策解读工作的通知》要求，坚持政策文件与解读材料同步组织、同步审签、同步发布，全年发布图文解读、视频解读等多元化解读材料46篇。市政府常务会议审议通过的《枝江市人民政府关于促进民营经济高质量发展的若干措施》《枝江市人民政府关于加快推进农业产业化发展的实施意见》均在印发后3个工作日内公开并同步解读。',
      '（八）基层政务公开。按照《国务院办公厅关于全面推进基层政务公开标准化规范化工作的指导意见》要求，指导马家店街道、董市镇、百里洲镇等10个镇（街道）和市直有关部门动态调整基层政务公开标准目录，在市政务服务中心和各镇（街道）便民服务中心设立政府信息公开查阅点，方便群众就近查阅。关于依申请公开办理中发现的问题，已逐件建立台账并督促整改到位。',
    ],
    brand: B.amber,
    hijack: (h) =>
      h
        .sub('政府信息公开', 'disclosure', { slots: ['docTitle', 'heading', 'metaTitle'] })
        .sub('政府信息公开', 'disclosure', { slots: ['body'], where: preceded('《中华人民共和国'), pick: only(0) })
        .sub('关于', 'guanyu-colon', { slots: ['body'], where: inBook, pick: every(2), suffix: ':' }),
    listing: (t, b) => t.replace('政府信息公开', b),
  },
  {
    title: '枝江市人民政府2023年政府信息公开工作年度报告',
    year: 2023, issuer: GOV, date: '2024-01-19', time: '10:26:41', written: '2024-01-16', source: OFFICE, scale: 2, seed: 42058323,
    extra: [
      '（六）制度建设。修订印发《枝江市政府信息公开保密审查办法》《枝江市政府信息公开申请办理规程》，制定《枝江市政务公开工作考核细则》，将政务公开工作纳入全市综合目标考核，考核结果在全市通报。',
      '（七）重点领域信息公开。围绕建设宜居宜业和美枝江，聚焦乡村振兴、义务教育、医疗卫生、生态环境等重点领域，通过“枝江发布”政务微信和枝江市人民政府门户网站集中公开各类信息2146条。枝江市财政局、枝江市教育局、枝江市卫生健康局等部门按季度公开重点民生资金使用情况。',
      '（八）考核评估。在宜昌市2023年度政务公开工作第三方评估中，我市在各县市区中位列第二，枝江市人民政府门户网站获评宜昌市优秀政府网站。',
    ],
    brand: B.nilan,
    hijack: (h) =>
      h
        .sub('枝江', 'region', { slots: ['docTitle', 'heading'], where: atStart })
        .sub('枝江', 'region', { slots: ['metaIssuer', 'nav', 'sponsor'] })
        .sub('枝江', 'region', { slots: ['body'], pick: every(2) })
        .sub('宜昌', 'region', { slots: ['body'], pick: only(0) }),
  },
  {
    title: '枝江市人民政府2022年政府信息公开工作年度报告',
    year: 2022, issuer: GOV, date: '2023-01-18', time: '15:40:19', written: '2023-01-13', source: OFFICE, scale: 2, seed: 42058322,
    extra: [
      '（六）组织保障。市委、市政府高度重视政务公开工作，市政府常务会议专题研究政务公开工作2次，调整市政务公开工作领导小组，由市政府分管副市长任组长，形成市委统一领导、市政府具体负责、各部门协同推进的工作格局。',
      '（七）决策公开。认真落实市委全面深化改革委员会有关部署，对涉及群众切身利益的重大行政决策事项实行目录化管理，全年主动公开政府信息中重大行政决策草案12件，公开征求意见后再提交审议，邀请利益相关方、公众代表列席市政府常务会议18人次。',
      '（八）政务公开专区。在市政务服务中心设立政务公开专区，配备自助查询终端，集中公开办事指南、政策文件等信息，全年接待群众查询1300余人次。市委办公室、市政府办公室联合开展政务公开专项督查2次，督促各部门及时主动公开政府信息。',
    ],
    brand: B.jx,
    hijack: (h) =>
      h
        .sub('市委', 'party-committee', { slots: ['nav', 'links'] })
        .sub('市委', 'party-committee', { slots: ['body'], pick: every(2) })
        .sideBySide([['公开', 'gongkai'], ['政府', 'zhengfu']], { slots: ['body'], where: noTable, pick: every(2) })
        .sub('公开', 'gongkai', { slots: ['body'], where: all(preceded('政务'), noTable), pick: every(3, 1) }),
  },
  {
    title: '枝江市财政局2019年政府信息公开工作年度报告',
    year: 2019, issuer: '枝江市财政局', date: '2020-01-15', time: '09:48:30', written: '2020-01-14', source: '枝江市财政局', scale: 0.5, seed: 42058319,
    extra: [
      '（六）预决算公开。按照《财政部关于印发〈地方预决算公开操作规程〉的通知》和《湖北省财政厅关于进一步做好预决算公开工作的通知》要求，在枝江市人民政府门户网站“财政预决算”专栏集中公开2019年市级预算、2018年市级决算及“三公”经费预决算，指导全市68个预算单位在批复后20日内公开部门预决算。',
      '（七）政府采购信息公开。依托湖北省政府采购网和宜昌市公共资源交易平台，全年公开政府采购意向、采购公告、中标结果等信息312条，政府采购合同在签订后2个工作日内公开。',
      '（八）惠民资金公开。会同枝江市农业农村局、枝江市民政局等部门，通过惠民惠农财政补贴资金“一卡通”平台公开补贴资金发放信息，接受群众监督。宜昌市财政局对我局预决算公开工作开展专项检查，未发现问题。',
    ],
    brand: B.kb,
    hijack: (h) =>
      h
        .sub('枝江', 'region', { slots: ['docTitle'], where: atStart })
        .sub('枝江', 'region', { slots: ['heading', 'metaTitle', 'source'] })
        .sub('枝江', 'region', { slots: ['body'], pick: every(2) })
        .sub('宜昌', 'region', { slots: ['body'], pick: only(0) })
        .sub('政府', 'zhengfu', { slots: ['body'], where: followed('采购'), pick: only(1) }),
    listing: (t, b) => t.replace('枝江', b),
  },
  {
    title: '枝江市人民政府2021年政府信息公开工作年度报告',
    year: 2021, issuer: GOV, date: '2022-01-20', time: '11:05:52', written: '2022-01-18', source: OFFICE, scale: 2, seed: 42058321,
    extra: [
      '（六）学习贯彻。深入学习贯彻习近平总书记视察湖北重要讲话精神，认真落实湖北省人民政府和宜昌市人民政府关于政务公开工作的部署要求，把政务公开作为建设法治政府、服务型政府的重要抓手，市政府常务会议定期听取政务公开工作汇报。',
      '（七）疫情防控和惠企政策公开。坚持通过市政府门户网站和“枝江发布”及时公开疫情防控信息，集中发布惠企纾困、稳岗就业等政策措施，全年召开新闻发布会14场，市政府领导出席发布会6场。',
      '（八）政府开放日。组织开展“政府开放日”活动4次，邀请人大代表、政协委员和群众代表走进市政府部门，面对面了解政府工作，现场收集意见建议37条。',
    ],
    brand: B.qingluan,
    hijack: (h) =>
      h
        .sub('政府', 'zhengfu', { slots: ['docTitle'], pick: only(0) })
        .sub('政府', 'zhengfu', { slots: ['source'] })
        .sub('政府', 'zhengfu', { slots: ['body'], where: all(preceded('市'), noTable), pick: every(2) })
        .sub('政府', 'zhengfu', { slots: ['body'], where: all(preceded('人民'), noTable), pick: every(3, 1) })
        .sub('湖北', 'region', { slots: ['body'], where: preceded('视察') })
        .sub('湖北', 'region', { slots: ['links'] }),
  },
  {
    title: '枝江市人民政府2020年政府信息公开工作年度报告',
    year: 2020, issuer: GOV, date: '2021-01-22', time: '17:31:08', written: '2021-01-20', source: OFFICE, scale: 2, seed: 42058320,
    extra: [
      '（六）规范性文件公开。全面落实《国务院办公厅关于加强行政规范性文件制定和监督管理工作的通知》和《宜昌市人民政府办公室关于进一步规范行政规范性文件管理的通知》，全年公开市政府及市政府办公室行政规范性文件9件，同步在市政府门户网站发布解读材料。',
      '（七）重点信息公开。按照《湖北省人民政府办公厅关于印发湖北省2020年政务公开工作要点的通知》和《枝江市人民政府办公室关于印发枝江市2020年政务公开工作要点的通知》部署，集中公开疫情防控、复工复产、脱贫攻坚等信息。',
      '（八）监督检查。宜昌市人民政府办公室对我市政务公开工作进行专项检查，提出的6项整改意见已全部整改到位。',
    ],
    brand: B.dingsheng,
    hijack: (h) =>
      h
        .sub('枝江', 'region', { slots: ['docTitle'], where: notAtStart })
        .sub('关于', 'guanyu-bare', { slots: ['body'], where: inBook, pick: every(2) })
        .sub('宜昌', 'region', { slots: ['body'], where: notInBook })
        .sub('进一步', 'unknowable', { slots: ['body'], where: lineHas(/规范化水平/), pick: only(0), knowable: false }),
  },
  {
    title: '枝江市2018年政府信息公开工作年度报告',
    year: 2018, issuer: GOV, date: '2019-03-28', time: '10:15:27', written: '2019-03-26', source: OFFICE, scale: 2, seed: 42058318,
    extra: [
      '（四）推进基层政务公开。在董市镇、七星台镇开展基层政务公开标准化规范化试点，编制试点领域政务公开事项目录，主动公开政府信息的范围向村（社区）延伸，试点经验在宜昌市推广。',
      '（五）加强公开平台建设。完成枝江市人民政府门户网站改版，开设“政府信息公开”“政策解读”“回应关切”等专栏，“枝江发布”政务微博、微信粉丝数突破12万，成为群众获取公开政府信息的主要渠道。',
    ],
    brand: B.hv,
    hijack: (h) =>
      h
        .sub('枝江', 'region', { slots: ['docTitle', 'heading', 'metaTitle'], where: atStart })
        .sub('政府', 'zhengfu', { slots: ['source', 'metaIssuer'] })
        .sideBySide([['公开', 'gongkai'], ['政府', 'zhengfu']], { slots: ['body'], pick: every(2) }),
    listing: (t, b) => t.replace('枝江', b),
  },
  {
    // Clean: no label. Full of words keyword filters trip on; must come through unchanged.
    title: '枝江市文化和旅游局2022年政府信息公开工作年度报告',
    year: 2022, issuer: '枝江市文化和旅游局', date: '2023-01-16', time: '09:20:44', written: '2023-01-12', source: '枝江市文化和旅游局', scale: 0.4, seed: 42058372,
    extra: [
      '（六）文化市场信息公开。及时公开全市文化娱乐场所、互联网上网服务营业场所、演出经纪机构的行政许可和“双随机、一公开”抽查结果，公开体育彩票公益金资助全民健身项目安排情况，发布《枝江市文化和旅游局关于开展2022年全民健身月活动的通知》《关于做好2022年春节期间文化市场安全生产工作的通知》等文件。',
      '（七）体育赛事信息公开。枝江市第十届运动会足球、篮球、乒乓球、象棋比赛的竞赛规程、赛程和成绩均在市政府门户网站公开；协助宜昌市举办全民健身线上运动会枝江赛区比赛，公开报名和竞赛结果。',
      '（八）扫黄打非。联合公安、市场监管等部门开展打击网络赌博、非法彩票宣传和违规网络游戏专项整治，公开查处的3起案件信息，维护文化和旅游市场秩序。',
    ],
  },
];

const DECOYS: DecoySpec[] = [
  { title: '枝江市人民政府办公室关于做好2024年政府信息公开工作年度报告编制发布工作的通知', kind: 'notice', date: '2024-12-18', year: 2024 },
  { title: '枝江市2024年政务公开工作要点', kind: 'key-points', date: '2024-04-16', year: 2024 },
  { title: '枝江市人民政府政府信息公开指南', kind: 'guide', date: '2023-06-12', year: 2023 },
  { title: '2023年枝江市政府工作报告', kind: 'work-report', date: '2023-02-10', year: 2023 },
  { title: '枝江市2021年国民经济和社会发展统计公报', kind: 'statistics', date: '2022-04-08', year: 2021 },
  { title: '枝江市人民政府办公室2019年度部门决算', kind: 'final-accounts', date: '2020-09-02', year: 2019 },
];

/** The clean report body: the template of its year, re-issued for the issuer. */
function cleanLines(r: ZhijiangReport): string[] {
  const voice: ReportVoice = {
    issuer: r.issuer,
    subject: subjectOf(r.issuer),
    year: r.year,
    seed: r.seed,
    scale: r.scale,
    office: `${r.issuer}办公室`,
    phone: PHONE,
    extra: r.extra,
  };
  return r.year >= 2019 ? report2019(voice) : legacyReport(voice);
}

const CLEAN_CHROME = (docTitle: string): ZhijiangChrome => ({ docTitle, nav: [...ZHIJIANG_NAV], links: [...ZHIJIANG_LINKS], sponsor: ZHIJIANG_SITE.sponsor });

function cleanParts(title: string, source: string, lines: string[]): ZhijiangArticleParts {
  return { ...CLEAN_CHROME(`${title}_${ZHIJIANG_SITE.siteName}`), heading: title, metaTitle: title, metaIssuer: source, source, lines };
}

/** Each distinct (found, original, where) once, as SpamLabel wants it. */
function spamLabelOf(path: string, occ: HijackOccurrence[], clean: ZhijiangArticleParts, served: ZhijiangArticleParts): PortalSpamLabel {
  const injected: PortalSpamLabel['injected'] = [];
  for (const o of occ) {
    const e = { found: o.form, original: o.original ?? '', where: o.where };
    if (!injected.some((x) => x.found === e.found && x.original === e.original && x.where === e.where)) injected.push(e);
  }
  return { path, injected, hiddenBlocks: [], redirectScript: false, ...(served.docTitle !== clean.docTitle ? { hijackedTitle: served.docTitle } : {}) };
}

export function buildZhijiang(): BuiltPortal {
  const site = new Site({ validators: true });
  let nextId = 1187300;
  const ids = new Map<string, number>();
  const articlePath = (date: string): string => {
    const id = (nextId += 37);
    const [y, m, d] = date.split('-');
    const path = `${ZHIJIANG_COLUMN}${y}${m}/t${y}${m}${d}_${id}.shtml`;
    ids.set(path, id);
    return path;
  };

  const pages = new Map<string, { parts: ZhijiangArticleParts; written: string }>();
  const spamLabels: PortalSpamLabel[] = [];
  const hijackLabels: PortalHijackLabel[] = [];
  const reports: Item[] = REPORTS.map((r) => {
    const path = articlePath(r.date);
    const lines = cleanLines(r);
    const clean = cleanParts(r.title, r.source, lines);
    let served = clean;
    let listingTitle = r.title;
    if (r.brand && r.hijack) {
      const h = new PageHijack(clean, r.brand);
      r.hijack(h);
      const built = h.build();
      served = built.parts;
      if (r.listing) listingTitle = r.listing(r.title, r.brand);
      const text = reportBody(served.lines);
      const base = reportBody(lines);
      // The label must restore the clean body exactly.
      let restored = '';
      let pos = 0;
      for (const o of built.occurrences.filter((x) => x.where === 'body')) {
        restored += text.slice(pos, o.start) + (o.original ?? '');
        pos = o.end!;
      }
      const unknowable = built.occurrences.filter((x) => x.original === null);
      restored += text.slice(pos);
      if (unknowable.length === 0 && restored !== base) throw new Error(`zhijiang: labels do not restore ${r.title}`);
      hijackLabels.push({
        path,
        brands: [r.brand],
        text,
        base,
        occurrences: built.occurrences,
        listingTitle,
        listingTitleClean: r.title,
        title: r.title,
        issuer: r.issuer,
      });
      spamLabels.push(spamLabelOf(path, built.occurrences, clean, served));
    }
    pages.set(path, { parts: served, written: r.written });
    return {
      path,
      title: listingTitle,
      date: r.date,
      time: r.time,
      source: r.source,
      lines,
      report: { title: r.title, year: r.year, region: REGION, issuer: r.issuer, images: [], body: reportBody(lines) },
    };
  });
  const decoys = decoyItems(DECOYS, { place: '枝江市', gov: GOV, scope: '全市' }, OFFICE, (d) => articlePath(d.date));
  for (const d of decoys) pages.set(d.path, { parts: cleanParts(d.title, d.source, d.lines), written: d.date });
  const items = [...reports, ...decoys].sort(byDateDesc);

  items.forEach((it, k) => {
    const { parts, written } = pages.get(it.path)!;
    const id = ids.get(it.path)!;
    site.add(it.path, { ...html(zhijiangArticle(parts, { date: it.date, time: it.time, written, articleId: id, hits: 200 + ((k * 373) % 1800) })), lastModified: publishedAt(it.date, it.time) });
  });

  // The listing pages are mirrored too: their navigation carries brands (市委, 走进枝江).
  const listingChrome: ZhijiangChrome = {
    ...CLEAN_CHROME(`${ZHIJIANG_COLUMN_NAME}_${ZHIJIANG_SITE.siteName}`),
    nav: ZHIJIANG_NAV.map((t) => (t === '市委' ? B.jx : t === '走进枝江' ? `走进${B.nilan}` : t)),
  };
  const listed = chunk(items, PER_PAGE);
  listed.forEach((list, i) => {
    const li = list.map((it) => ({ href: `./${it.path.slice(ZHIJIANG_COLUMN.length)}`, title: it.title, date: it.date }));
    site.add(`${ZHIJIANG_COLUMN}${zhijiangPageName(i)}`, { ...html(zhijiangListing(listingChrome, li, items.length, listed.length, i)), lastModified: publishedAt(list[0]!.date, list[0]!.time) });
  });
  site.add('/', html(zhijiangHome(CLEAN_CHROME(ZHIJIANG_SITE.siteName))));
  addChromeAssets(site, ZHIJIANG_SITE.css, {
    '/js/jquery-1.11.3.min.js': '/* jQuery (stub) */\n',
    '/js/zj_common.js': 'function doZoom(size){var z=document.getElementById("zoom");if(z){z.style.fontSize=size+"px";}}\n',
  });
  site.add('/images/banner.jpg', { contentType: 'image/jpeg', body: Buffer.from([0xff, 0xd8, 0xff, 0xd9]) });

  return {
    id: 'zhijiang',
    name: GOV,
    region: REGION.code,
    site,
    startPath: `${ZHIJIANG_COLUMN}index.shtml`,
    maxListingPages: 5,
    traits: [
      'TRS-like 政府信息公开 platform, UTF-8, .shtml pages, static 首页/上一页/下一页/尾页 pager; 索引号/发文机关/标题 table above each article',
      'mirrored by black-hat SEO: one invented brand per page standing for ordinary words (关于 with and without colon in cited titles, 枝江/宜昌/湖北, 市委, 公开, 政府, 政府信息公开), one brand for several words, side by side (主动<b><b>信息), only some occurrences',
      'brands in <title>, heading, 标题 row, 来源/发文机关, nav, 相关链接, footer, and in three listing titles (…2024年<b>工作年度报告, <b>市财政局2019年…, <b>市2018年…)',
      'a clean 文化和旅游局 report full of legitimate words (体育彩票公益金, 文化娱乐场所, 打击网络赌博)',
    ],
    items,
    spamLabels,
    hijackLabels,
  };
}
