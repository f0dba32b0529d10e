/**
 * The body that issued a report, from its title:
 * - the text before the year (`鹿邑县人民政府2019年…` → 鹿邑县人民政府), else the text between
 *   the year and the report phrase (`2018年云南省政府信息公开…` → 云南省: the 政府 there belongs to
 *   政府信息公开), else the text before the phrase when there is no year;
 * - a bare region name means its government (河南省 → 河南省人民政府, 开封市祥符区 → 开封市祥符区人民政府),
 *   and `<region>政府…` is spelled out as `<region>人民政府…` (河南省政府办公厅 → 河南省人民政府办公厅);
 * - departments are kept as written (河南省发展和改革委员会, 鹿邑县财政局);
 * - a substitution spam in the name is cut off (云南省365体育备用网址 → 云南省);
 * - without an issuer in the title, the 来源/发布机构 value of the page, cleaned the same way.
 */
import { normalizeLine, normalizeTitle } from './text-normalize.js';
import { phraseIndex } from './report-phrase.js';
import { titleYear } from './report-year.js';
import { scanRegionNames } from './region-index.js';
import { spamStart } from './spam-marker.js';

const BRACKETS = /[()[\]【】《》〈〉「」『』“”‘’"'〔〕]/g;
/** How the name of a body or a place ends; tells (鹿邑县财政局) from (更正), (附统计表). */
const ORGANISATION_END = /(?:政府|局|委员会|委|厅|办公室|办|室|院|会|署|中心|处|所|站|队|部|镇|乡|街道|办事处|县|区|市|省|州|旗|盟)$/;
const SOURCE_LABEL = /(?:信息来源|来源|发布机构|发文机关|发布单位|发布部门|责任单位)\s*[:：]?\s*/;

export function inferIssuer(title: string, sourceLine?: string): string | undefined {
  return issuerFromTitle(title) ?? (sourceLine ? issuerFromSource(sourceLine) : undefined);
}

function issuerFromTitle(title: string): string | undefined {
  const n = normalizeTitle(title).replace(/(?:\.{2,}|…+)$/, '');
  // 2019年政府信息公开工作年度报告(鹿邑县财政局): a trailing note may name the issuer, last resort.
  const note = /(?:\(([^()]+)\)|【([^【】]+)】)$/.exec(n);
  const t = n.replace(BRACKETS, '');
  const at = phraseIndex(t);
  if (at < 0) return undefined;
  const year = titleYear(t);
  const segments =
    year && year.end <= at ? [t.slice(0, year.start), t.slice(year.end, at)] : [t.slice(0, at)];
  const noted = note?.[1] ?? note?.[2];
  if (noted && ORGANISATION_END.test(noted)) segments.push(noted);
  for (const segment of segments) {
    const name = cleanName(segment);
    if (name) return name;
  }
  return undefined;
}

function issuerFromSource(line: string): string | undefined {
  const l = normalizeLine(line);
  const label = SOURCE_LABEL.exec(l);
  const value = label ? l.slice(label.index + label[0].length) : l;
  // The value ends where the next meta field starts: 来源: X | 作者: Y 发布时间: …
  const end = value.search(/\s|\||作者|发布|时间|日期|浏览|点击|字号|【|$/);
  return cleanName(value.slice(0, end < 0 ? undefined : end).replace(BRACKETS, ''));
}

function cleanName(segment: string): string | undefined {
  // Leading dates from listings (2020-01-15鹿邑县…) and stray years (2020年鹿邑县2019年…).
  let s = segment.replace(/^(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|(?:19|20|21)\d\d年度?)+/, '');
  const spam = spamStart(s);
  if (spam >= 0) s = s.slice(0, spam);
  s = s.replace(/^关于/, '').replace(/(?:关于|的|年度|度|:)+$/, '');
  if (s.endsWith('人民')) s += '政府';
  if (s.length < 2 || s.length > 40 || /报告|\d/.test(s)) return undefined;
  if (/^(?:全|我|本)(?:省|市|县|区|州|旗|局|委|厅)?$/.test(s)) return undefined;
  return spellOutGovernment(s);
}

/** Region names at the start, then nothing or 政府…: the region's 人民政府. */
function spellOutGovernment(s: string): string {
  let end = 0;
  const written: string[] = [];
  for (const hit of scanRegionNames(s)) {
    if (hit.start !== end) break;
    written.push(hit.kind === 'short' ? hit.written : s.slice(hit.start, hit.end));
    end = hit.end;
  }
  if (end === 0) return s;
  const rest = s.slice(end);
  if (rest === '') return `${written.join('')}人民政府`;
  if (rest.startsWith('政府')) return `${written.join('')}人民${rest}`;
  return s;
}
