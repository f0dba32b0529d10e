/**
 * The year a report is ABOUT (the 2018 report is published in 2019). Evidence, strongest first:
 * 1. the title's year next to the report phrase (`2016年度`, `二〇一九年`, `２０１９年`);
 * 2. the text's statistics period (`统计期限为2018年1月1日至2018年12月31日`, `2018年1月1日—12月31日`,
 *    `2016年1月至12月`), then a year standing before the report phrase in the text;
 * 3. the publication year minus one (reports cover the previous calendar year).
 * Years outside 2007–2100 are ignored: the Regulations took effect in 2008, so the first reports
 * cover 2008, and a 2007 report is the earliest any portal could plausibly carry.
 */
import { arabicYears, normalizeTitle } from './text-normalize.js';
import { phraseIndex, REPORT_PHRASE } from './report-phrase.js';

const MIN_YEAR = 2007;
const MAX_YEAR = 2100;

interface YearAt {
  year: number;
  start: number;
  end: number;
}

export function inferReportYear(title: string, text?: string, published?: string): number | undefined {
  return yearFromTitle(title) ?? (text ? yearFromText(text) : undefined) ?? yearBeforePublished(published);
}

/** Years in a title; a year in a document number (〔2019〕60号) is a citation, not the subject. */
export function yearsIn(t: string): YearAt[] {
  const found: YearAt[] = [];
  for (const m of t.matchAll(/(?<![\d〔\[])((?:19|20|21)\d\d)(?![\d〕\]])(年度|年)?/g)) {
    const year = Number(m[1]);
    if (!plausible(year)) continue;
    found.push({ year, start: m.index, end: m.index + m[0].length });
  }
  return found;
}

/**
 * The title year closest before the report phrase wins (`关于2018年…2019年政府信息公开…` → 2019);
 * failing that, the first year after it (`政府信息公开工作年度报告（2019年）`).
 */
export function titleYear(t: string): YearAt | undefined {
  const years = yearsIn(t);
  if (years.length === 0) return undefined;
  const at = phraseIndex(t);
  if (at < 0) return years.find((y) => t[y.end - 1] === '年' || t[y.end - 1] === '度') ?? years[0];
  const before = years.filter((y) => y.end <= at);
  return before[before.length - 1] ?? years.find((y) => y.start >= at) ?? years[0];
}

function yearFromTitle(title: string): number | undefined {
  return titleYear(normalizeTitle(title))?.year;
}

// Both ends in one year, or the end without a year (`2018年1月1日—12月31日`, `2016年1月至12月`).
const PERIOD =
  /((?:19|20|21)\d\d)年0?1月(?:0?1日)?(?:起)?(?:至|到|—+|-+|–|~|～)(?:\1年)?12月(?:31日)?/;
const LABELLED_PERIOD = /统计(?:期限|时限|时间|区间|周期|期间|范围)[^。;]{0,12}?((?:19|20|21)\d\d)年/;

function yearFromText(text: string): number | undefined {
  const t = arabicYears(text.normalize('NFKC')).replace(/\s+/g, '');
  for (const re of [PERIOD, LABELLED_PERIOD]) {
    const m = re.exec(t);
    const year = m ? Number(m[1]) : NaN;
    if (plausible(year)) return year;
  }
  // `现公布开封市祥符区2016年度政府信息公开工作年度报告`: a year at most a short issuer away from the phrase.
  const near = new RegExp(`((?:19|20|21)\\d\\d)年度?[^,。;:、]{0,20}?${REPORT_PHRASE.source}`).exec(t);
  const year = near ? Number(near[1]) : NaN;
  return plausible(year) ? year : undefined;
}

function yearBeforePublished(published?: string): number | undefined {
  const m = published ? /^((?:19|20|21)\d\d)/.exec(published.trim()) : null;
  const year = m ? Number(m[1]) - 1 : NaN;
  return plausible(year) ? year : undefined;
}

function plausible(year: number): boolean {
  return Number.isInteger(year) && year >= MIN_YEAR && year <= MAX_YEAR;
}
