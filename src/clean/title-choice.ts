/**
 * Which of the page's title candidates names the report. Headings, <title> parts and the listing's
 * link text disagree often: listings truncate, <title> glues on the site name, and hijackers
 * rewrite headings. The candidate that reads most like a complete report title wins; ties go to
 * the earlier candidate (headings come first).
 */
import type { CheerioAPI } from 'cheerio';
import { classifyTitle } from '../extract/report-title.js';

export interface TitleCandidate {
  title: string;
  truncated: boolean;
}

const TITLE_SELECTORS = [
  'meta[name="ArticleTitle"]', 'meta[name="articletitle"]', 'h1', 'h2', 'h3', '.title', '#title', '.article-title',
  '.bt', '.tit', 'td.title', '.biaoti',
];
const TRUNCATED = /(…+|\.{3,})$/;

export function normaliseTitle(text: string): string {
  return text.replace(/\s+/g, '').replace(TRUNCATED, '');
}

/** Candidates from the page, headings first, then <title> split on its usual separators. */
/** The page's headings and title meta tags (not its <title>). */
export function headingCandidates($: CheerioAPI): TitleCandidate[] {
  const found: TitleCandidate[] = [];
  // One walk of the page for all selectors, then the few matches sorted by selector: twelve walks
  // of a page holding a giant table took a second.
  const matches = $(TITLE_SELECTORS.join(', '));
  for (const selector of TITLE_SELECTORS) {
    matches.filter(selector).each((_, el) => {
      const text = selector.startsWith('meta') ? $(el).attr('content') ?? '' : $(el).text();
      const title = normaliseTitle(text);
      if (title.length >= 6 && title.length <= 120) found.push({ title, truncated: false });
    });
  }
  return found;
}

/** <title> joins the article and site names with _ | - or plain spaces: each part is a candidate. */
export function titleElementCandidates(text: string): TitleCandidate[] {
  const found: TitleCandidate[] = [];
  for (const part of text.split(/[_|\-–—]+|\s+/)) {
    const title = normaliseTitle(part);
    if (title.length >= 6) found.push({ title, truncated: false });
  }
  return found;
}

export function listingTitleCandidate(listingTitle: string): TitleCandidate {
  return { title: normaliseTitle(listingTitle), truncated: TRUNCATED.test(listingTitle.trim()) };
}

function scoreTitle({ title, truncated }: TitleCandidate): number {
  let score = 0;
  if (classifyTitle(title).isReport) score += 10;
  if (/政府信息公开|政务公开/.test(title)) score += 3;
  if (/(19|20)\d{2}|[〇○零一二三四五六七八九]{4}/.test(title)) score += 2;
  if (!truncated) score += 2;
  // A report title ends with its genre; anything after it is a site name glued on.
  if (/(报告|年报)$/.test(title)) score += 1;
  return score + Math.min(title.length, 40) / 100;
}

/** Index of the best candidate, or -1 when there is none. */
export function chooseTitle(candidates: TitleCandidate[]): number {
  let best = -1;
  let bestScore = -Infinity;
  candidates.forEach((candidate, i) => {
    const score = scoreTitle(candidate);
    if (score > bestScore) {
      best = i;
      bestScore = score;
    }
  });
  return best;
}
