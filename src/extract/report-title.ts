/**
 * Is a link text or page title an annual government-information-disclosure report?
 *
 * Decisions, in order (the first that applies wins; each returns a reason for the logs):
 * 1. Sentences (。；? or long with commas) are body text, not titles.
 * 2. Interpretations (解读, 图解, 一图读懂, 问答) are separate documents that restate a report: no.
 * 3. Documents *about* reports: notices (…的通知, 关于做好/报送/印发…), assessments (评估, 考核,
 *    检查), and titles ending in a document type other than a report (要点, 指南, 目录, 方案,
 *    统计表, 报表, 提醒 …): no, even when they quote the full report phrase.
 * 4. The report phrase (政府信息公开 / 政务公开 … 年度报告 / 年报): yes, unless nothing stands
 *    before it and no year is given — then it is a column heading (政府信息公开年报).
 * 5. The year inside the phrase (政府信息公开2019年度报告), or 政府信息公开工作报告 (older wording,
 *    no 年度) with a year: yes.
 * 6. 工作年度报告 left intact by a substitution spam (云南省365体育备用网址工作年度报告): yes,
 *    unless another annual subject is named (法治政府建设, 网站 …).
 * 7. Truncated listing titles (…): yes only when the visible part reaches 公开…年, which rules out
 *    工作要点/工作方案/指南; a cut right after 政府信息公开 is left undecided, i.e. no.
 * 8. `YEAR…工作报告` with a spam marker in place of the phrase (2018年云南省365体育备用网址工作报告):
 *    yes. Without a marker, a dated 工作报告 is some other report (政府工作报告, 法治政府建设,
 *    审计工作报告) — no: the archive prefers missing a mislabelled report to filing a wrong one.
 */
import { normalizeTitle } from './text-normalize.js';
import {
  DISCLOSURE,
  FIXED_TAIL,
  REPORT_PHRASE,
  REPORT_PHRASE_NO_NIANDU,
  REPORT_PHRASE_SPLIT,
} from './report-phrase.js';
import { spamStart } from './spam-marker.js';

export interface TitleVerdict {
  isReport: boolean;
  reason: string;
}

const TRUNCATION = /(?:\.{2,}|…+|⋯+|。。+)$/;
const YEAR = /(?:19|20|21)\d\d(?!\d)/;
const INTERPRETATION = /解读|图解|一图读懂|图说|图读|问答|答记者问|新闻发布|视频/;
const NOTICE = /的(?:通知|通报|函|批复|意见|决定)|^关于(?:做好|印发|报送|开展|加强|进一步|转发|组织|启动|征集|督促)/;
// Only after the phrase: before it they may be part of an issuer (督查室, 机构编制委员会办公室).
const ABOUT_AFTER_PHRASE = /报送|编制|撰写|评估|测评|考核|评议|督查|检查|抽查|核查|排名|点评/;
const OTHER_DOC_END =
  /(?:通知|通报|公告|函|批复|意见|方案|要点|指南|目录|规定|办法|细则|制度|规则|计划|总结|公示|说明|提醒|统计表|报表|汇编|清单|名单|流程|流程图|申请表)$/;
const OTHER_ANNUAL_SUBJECT =
  /法治|依法行政|网站|建议|提案|审计|预算|决算|信用|安全生产|环境|国有资产|统计|人大|政协|法院|检察|社会责任/;

/** Names of a kind of issuer, not of one: sibling columns in a portal's 年报 tree are named so. */
const GENERIC_ISSUER = /^(?:各|本级|县级|市级|区级|县直|市直|区直)?(?:部门|单位|乡镇(?:街道)?|街道|乡镇政府|镇|乡|政府)?(?:及|和|、)?(?:部门|单位|街道)?$/;

export function classifyTitle(title: string): TitleVerdict {
  const raw = normalizeTitle(title);
  const truncated = TRUNCATION.test(raw);
  const t = raw.replace(TRUNCATION, '');
  if (!t) return no('empty title');
  // What the document is comes before a trailing note and closing quotes: 《…要点》 is a 要点,
  // …年度报告(附统计表) and …年度报告(更正) are reports, …指南(2020年版) is a 指南.
  const kind = t.replace(/(?:\([^()]*\)|【[^【】]*】|\[[^[\]]*\])$/, '').replace(/[》」』"”'’]+$/, '');

  if (/[。;!?]/.test(t) || (/,/.test(t) && t.length > 30) || t.length > 80) {
    return no('reads like a sentence, not a title');
  }
  if (INTERPRETATION.test(t)) return no('an interpretation (解读/图解) restating a report, not the report');
  if (NOTICE.test(t) || ABOUT_AFTER_PHRASE.test(t.slice(Math.max(0, t.search(DISCLOSURE))))) {
    return no('a document about reports (notice, assessment), not a report');
  }
  const other = OTHER_DOC_END.exec(kind);
  if (other && !truncated) return no(`a ${other[0]}, not a report`);

  const hasYear = YEAR.test(t);
  const phrase = REPORT_PHRASE.exec(t);
  if (phrase) {
    if (!hasYear && phrase.index === 0) return no('column heading: report phrase with no issuer and no year');
    // 部门信息公开年报, 乡镇政府信息公开年度报告: a column of many issuers' reports, not one.
    if (!hasYear && GENERIC_ISSUER.test(t.slice(0, phrase.index))) return no('column heading: report phrase under a collective name, no year');
    return yes(hasYear ? 'report phrase with a year' : 'report phrase with an issuer but no year');
  }
  if (REPORT_PHRASE_SPLIT.test(t)) return yes('report phrase with the year inside it');
  if (hasYear && REPORT_PHRASE_NO_NIANDU.test(t)) return yes('older wording 政府信息公开工作报告 with a year');

  if (FIXED_TAIL.test(t)) {
    if (OTHER_ANNUAL_SUBJECT.test(t)) return no('工作年度报告 on another subject');
    return yes(
      spamStart(t) >= 0
        ? 'fixed phrase 工作年度报告 survives a spam substitution of 政府信息公开'
        : 'fixed phrase 工作年度报告 without 政府信息公开 (possibly substituted)',
    );
  }

  if (truncated) return truncatedVerdict(t, hasYear);

  if (/工作报告$/.test(t) && hasYear) {
    if (/政府工作报告$/.test(t)) return no('政府工作报告 (report to the people\'s congress)');
    if (spamStart(t.replace(new RegExp(YEAR.source + '年度?', 'g'), '')) >= 0) {
      return yes('dated 工作报告 whose subject was replaced by spam');
    }
    return no('dated 工作报告 on another subject');
  }
  if (/预算|决算/.test(t)) return no('budget or final accounts');
  if (/公报/.test(t)) return no('a communiqué (统计公报 etc.)');
  if (/报告/.test(t)) return no('a report on another subject');
  return no('no report phrase');
}

function truncatedVerdict(t: string, hasYear: boolean): TitleVerdict {
  // The part after the cut is unknown: 公开…年 can only continue as 年度报告 or 年报.
  if (new RegExp(DISCLOSURE.source + '(?:工作)?(?:情况)?年').test(t)) {
    return yes('truncated title reaching 公开…年 (年度报告/年报)');
  }
  if (hasYear && /工作年度?报?$/.test(t) && spamStart(t.replace(YEAR, '')) >= 0) {
    return yes('truncated 工作年度报告 after a spam substitution');
  }
  return no('truncated before the words that tell a report from 工作要点/指南/方案');
}

function yes(reason: string): TitleVerdict {
  return { isReport: true, reason };
}

function no(reason: string): TitleVerdict {
  return { isReport: false, reason };
}
