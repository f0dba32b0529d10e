/**
 * What a substituted string stood for, read from the fixed phrases around it (DOMAIN.md: fixed
 * phrases reveal a substitution) and from the listing's untouched copy of the title. Each clue is
 * a weighted vote; substitution.ts adds them up per form. Weights rank how rarely the phrase
 * admits another filler: 《中华人民共和国…条例》 in these reports is always 政府信息公开, while
 * …办公室 could be 政府信息公开办公室 as well as the portal's 人民政府办公室.
 */
import type { SpamContext } from './spam-types.js';
import { scanForms } from './form-scan.js';

export interface Vote {
  replacement: string;
  weight: number;
  why: string;
}

const PHRASE = '政府信息公开';

/** The portal's name without the website words: 云南省人民政府门户网站 → 云南省人民政府. */
export function portalGovName(portalName: string): string {
  return portalName.trim().replace(/(?:门户网站|网站|门户|网)$/, '');
}

/** The government whose office (办公厅/办公室) runs the portal, if the portal is one. */
function officeOwner(portalName: string): string | undefined {
  const name = portalGovName(portalName).replace(/(?:办公厅|办公室)$/, '');
  return /政府$/.test(name) ? name : undefined;
}

const SPONSOR_LABEL = /(?:主办单位|主办|来源|信息来源|发布机构)\s*[:：]?\s*$/;

/** Votes from the phrases around one occurrence at [start, end) of `line`. */
export function slotVotes(line: string, start: number, end: number, context: SpamContext): Vote[] {
  const left = line.slice(Math.max(0, start - 24), start).replace(/\s+$/, '');
  const right = line.slice(end).replace(/^\s+/, '');
  const titleLike = line.trim().length <= 80 && /报告|年报/.test(line);
  const votes: Vote[] = [];
  const add = (replacement: string, weight: number, why: string) => votes.push({ replacement, weight, why });

  if (/中华人民共和国$/.test(left) && right.startsWith('条例')) add(PHRASE, 5, '《中华人民共和国…条例》');
  else if (/《$/.test(left) && right.startsWith('条例》')) add(PHRASE, 3, '《…条例》');
  if (/《[\u4e00-\u9fff]{2,8}[省市县区州盟旗]$/.test(left) && /^(?:规定|办法|实施办法)》/.test(right)) add(PHRASE, 2, '《地方…规定》');
  if (/^(?:工作)?年度报告/.test(right)) add(PHRASE, 4, '…工作年度报告');
  else if (titleLike && right.startsWith('工作报告')) add(PHRASE, 3, 'title …工作报告');
  if (right.startsWith('情况统计表')) add(PHRASE, 3, '…情况统计表');
  // Section headings of the national templates (国办公开办函〔2019〕60号, 〔2021〕30号).
  if (/收到和处理$/.test(left) && right.startsWith('申请')) add(PHRASE, 4, '收到和处理…申请情况');
  if (/^行政复议[、，,]?行政诉讼/.test(right)) add(PHRASE, 4, '…行政复议、行政诉讼情况');
  if (/^(?:与|和)政务公开/.test(right)) add(PHRASE, 2, '…与政务公开');
  if (/^申请(?:行政复议|公开|数|件|的)?/.test(right) && !/依$/.test(left)) add(PHRASE, 1, '…申请');

  const owner = officeOwner(context.portalName);
  if (owner) {
    const sponsor = SPONSOR_LABEL.test(left) ? 1 : 0;
    if (right.startsWith('办公厅')) add(owner, 3 + sponsor, '…办公厅');
    else if (right.startsWith('办公室')) add(owner, 1 + sponsor, '…办公室');
    if (right.startsWith('门户网站')) add(owner, 2, '…门户网站');
    if (/《$/.test(left) && right.startsWith('公报》')) add(owner, 2, '《…公报》');
  }
  // The issuer heads the title: 鹿邑县人民政府2019年政府信息公开工作年度报告.
  if (titleLike && !line.slice(0, start).trim() && /^(?:19|20)\d\d\s*年/.test(right)) {
    add(portalGovName(context.portalName), 2, 'issuer before the year in a title');
  }
  return votes;
}

const compact = (s: string) => s.replace(/\s+/g, '');

/**
 * The listing usually keeps the title as published. Anchor the text before and after the
 * occurrence in the listing title; what lies between is the original. `before`/`after` are the
 * title's text up to the neighbouring spam forms, so two forms in one title each align.
 */
export function alignVote(before: string, after: string, listingTitle: string | undefined): Vote | undefined {
  if (!listingTitle) return undefined;
  const listing = compact(listingTitle);
  if (scanForms(listing).length) return undefined;
  const b = compact(before);
  const a = compact(after);
  let p: number | undefined;
  let anchored = 0;
  if (!b) p = 0;
  for (let k = Math.min(10, b.length); k >= 2 && p === undefined; k--) {
    const i = listing.indexOf(b.slice(-k));
    if (i >= 0) {
      p = i + k;
      anchored += k;
    }
  }
  if (p === undefined) return undefined;
  let q: number | undefined;
  if (!a) q = listing.length;
  for (let k = Math.min(10, a.length); k >= 2 && q === undefined; k--) {
    const i = listing.indexOf(a.slice(0, k), p + 1);
    if (i >= 0) {
      q = i;
      anchored += k;
    }
  }
  if (q === undefined || anchored < 4) return undefined;
  const original = listing.slice(p, q);
  if (original.length < 2 || original.length > 20 || /[_|｜\-—:：,，。、]/.test(original)) return undefined;
  return { replacement: original, weight: 5, why: 'aligned with the listing title' };
}

/**
 * A title that differs from the listing title in one middle stretch: that stretch is a
 * substitution even when it is not brand-shaped (ca88 for 政府信息公开), as long as it carries
 * Latin letters or digits that the listing does not.
 */
export function alignedDifference(title: string, listingTitle: string | undefined): { form: string; vote: Vote } | undefined {
  if (!listingTitle) return undefined;
  const t = title.trim();
  const l = compact(listingTitle);
  if (!t || t.length > 80 || compact(t) === l || /\s/.test(t)) return undefined;
  let p = 0;
  while (p < t.length && p < l.length && t[p] === l[p]) p++;
  let s = 0;
  while (s < t.length - p && s < l.length - p && t[t.length - 1 - s] === l[l.length - 1 - s]) s++;
  if (p + s < 4) return undefined;
  const form = t.slice(p, t.length - s);
  const original = l.slice(p, l.length - s);
  if (form.length < 2 || form.length > 20 || original.length < 2 || original.length > 20) return undefined;
  if (!/[A-Za-z0-9]/.test(form) || /[A-Za-z0-9]/.test(original) || /[_|｜\-—:：,，。、《》]/.test(form + original)) {
    return undefined;
  }
  return { form, vote: { replacement: original, weight: 5, why: 'title differs from the listing title only here' } };
}
