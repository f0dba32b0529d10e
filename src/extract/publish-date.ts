/**
 * Publication date (YYYY-MM-DD) from a page's meta lines.
 *
 * A labelled date beats a bare one: 发布时间/发布日期 first, then the generic 时间/日期 and the
 * disclosure-platform fields (生成日期, 公开日期), then 成文/发文日期 (when it was written, which can
 * precede publication). Unlabelled, only meta-looking dates count: numeric with separators
 * (`2019-12-19 15:07:05`, `[ 2019-03-31 ]`); a prose date such as 统计期限为2018年1月1日 is the
 * period reported on, not the publication, so bare 年月日 dates count only alone on their line
 * (a signature date at the end of a report).
 */
import { arabicYears } from './text-normalize.js';

const DATE = String.raw`((?:19|20|21)\d\d)\s*(?:[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})(?!\d)|年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日)`;

// Lower rank is better; the bare 时间/日期 must not be the tail of another word (统计时间, 截止日期).
const LABELS: { re: RegExp; rank: number }[] = [
  { re: /(?:发布|发表|公布|上传|录入|信息发布)(?:时间|日期)/, rank: 0 },
  { re: /(?:生成|公开|更新)(?:时间|日期)|(?<![\u3400-\u9fff])(?:时间|日期)/, rank: 1 },
  { re: /(?:成文|发文|印发)(?:时间|日期)/, rank: 2 },
];

export function findPublishDate(text: string): string | undefined {
  const t = arabicYears(text.normalize('NFKC'));
  const found: { date: string; rank: number; at: number }[] = [];
  const consider = (date: string | undefined, rank: number, at: number) => {
    if (date) found.push({ date, rank, at });
  };
  for (const { re, rank } of LABELS) {
    const labelled = new RegExp(`(${re.source})\\s*[:：]?\\s*[\\[【(]?\\s*${DATE}`, 'g');
    for (const m of t.matchAll(labelled)) consider(toIso(m.slice(2)), rank, m.index);
  }
  if (found.length > 0) return first(found);

  for (const m of t.matchAll(new RegExp(`(?<![\\d年])${DATE}`, 'g'))) {
    const isNumeric = m[2] !== undefined;
    const line = lineAround(t, m.index, m[0].length);
    // After a label that did not qualify (统计时间, 截止日期) or inside a range (…至2018-12-31).
    if (/(?:时间|日期|期限|时限|截至|截止|至|到|[-—~])\s*[:：]?\s*$/.test(line.before)) continue;
    const alone = /^[\s\[【(]*$/.test(line.before) && /^[\s\]】)]*$/.test(line.after);
    // A clock time or brackets mark a meta date; a numeric date in prose (2018.1.1-2018.12.31) may not.
    const metaLike = alone || /^\s*\d{1,2}:\d\d/.test(line.after) || /[\[【]\s*$/.test(line.before);
    if (isNumeric) consider(toIso(m.slice(1)), metaLike ? 3 : 4, m.index);
    else if (alone) consider(toIso(m.slice(1)), 5, m.index);
  }
  return found.length > 0 ? first(found) : undefined;
}

function first(found: { date: string; rank: number; at: number }[]): string {
  return [...found].sort((a, b) => a.rank - b.rank || a.at - b.at)[0]!.date;
}

function toIso(groups: (string | undefined)[]): string | undefined {
  const [y, m1, d1, m2, d2] = groups;
  const month = Number(m1 ?? m2);
  const day = Number(d1 ?? d2);
  if (!y || !(month >= 1 && month <= 12 && day >= 1 && day <= 31)) return undefined;
  return `${y}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function lineAround(t: string, at: number, length: number): { before: string; after: string } {
  const start = t.lastIndexOf('\n', at) + 1;
  const endAt = t.indexOf('\n', at + length);
  return { before: t.slice(start, at), after: t.slice(at + length, endAt < 0 ? undefined : endAt) };
}
