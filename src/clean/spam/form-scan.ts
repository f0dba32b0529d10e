/**
 * Finds candidate spam forms in text: chains of brand parts (see lexicon.ts) such as
 * 365体育备用网址, bet365体育在线, 北京赛车pk10计划, each scored by the evidence its own shape
 * carries. Page-level evidence (repetition, fixed-phrase slots, keyword runs) is added by callers.
 */
import { LEGIT_AFTER, LEGIT_BEFORE, TOKEN_RE, WORD_FIRST, type TokenKind } from './lexicon.js';

export interface Token {
  kind: TokenKind;
  start: number;
  end: number;
  text: string;
}

export interface FormHit {
  form: string;
  start: number;
  end: number;
  /** Evidence from the chain's shape alone; 3 or more is enough without page context. */
  shape: number;
  /** The occurrence reads as a report about fighting this kind of spam (打击“六合彩”等). */
  legitContext: boolean;
}

/** The score a form needs, counting shape and page evidence together. */
export const SPAM_THRESHOLD = 3;

const YEAR = /^(?:19|20)\d\d$/;
const DIGITS = /^\d+$/;

/** Any character a lexicon word starts with: a text without one holds no form at all. */
const WORD_START = new RegExp(`[${[...WORD_FIRST].map((c) => c.replace(/[\]\\^-]/g, '\\$&')).join('')}]`);

/** TOKEN_RE's last alternative alone: what it can match where no lexicon word starts. */
const ALNUM_RUN = /[A-Za-z0-9]+/y;

function tokenAt(text: string, i: number): Token | undefined {
  if (!WORD_FIRST.has(text[i]!)) {
    ALNUM_RUN.lastIndex = i;
    const run = ALNUM_RUN.exec(text)?.[0];
    return run ? { kind: 'alnum', start: i, end: i + run.length, text: run } : undefined;
  }
  TOKEN_RE.lastIndex = i;
  const m = TOKEN_RE.exec(text);
  if (!m || !m.groups) return undefined;
  for (const [kind, value] of Object.entries(m.groups)) {
    if (value !== undefined) return { kind: kind as TokenKind, start: i, end: i + value.length, text: value };
  }
  return undefined;
}

/** Maximal runs of adjacent tokens. A Latin/digit run only joins when it touches a CJK token. */
function chains(text: string): Token[][] {
  const out: Token[][] = [];
  let chain: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const token = tokenAt(text, i);
    if (!token) {
      if (chain.length) out.push(chain);
      chain = [];
      i++;
      continue;
    }
    // An alnum run inside a host name or e-mail address (www.bet365) is not a brand part.
    const prev = text[i - 1];
    if (token.kind === 'alnum' && prev !== undefined && /[.@/]/.test(prev)) {
      if (chain.length) out.push(chain);
      chain = [];
      i = token.end;
      continue;
    }
    chain.push(token);
    i = token.end;
  }
  if (chain.length) out.push(chain);
  return out;
}

const isAnchor = (t: Token) => t.kind === 'brand' || (t.kind === 'alnum' && !YEAR.test(t.text));

/**
 * Trims a raw chain to the part that can be a brand: it starts at a prefix, brand or alnum run
 * (a leading 平台 or 体育彩票 belongs to the sentence), and counts (次、365体育备用19854次 → the
 * 19854) and years never belong to it.
 */
function trimChain(chain: Token[]): Token[] {
  let from = 0;
  while (from < chain.length) {
    const t = chain[from]!;
    const ok =
      t.kind === 'brand' ||
      (t.kind === 'prefix' && chain[from + 1]?.kind === 'brand') ||
      (t.kind === 'alnum' && !YEAR.test(t.text) && !(DIGITS.test(t.text) && t.text.length > 4));
    if (ok) break;
    from++;
  }
  let to = chain.length;
  // Trailing digits (a count) and digits after the first token never belong to a brand.
  for (let k = from + 1; k < to; k++) {
    const t = chain[k]!;
    if (t.kind === 'alnum' && DIGITS.test(t.text)) {
      to = k;
      break;
    }
  }
  return chain.slice(from, to);
}

/** A digit/Latin run glued to a brand or genre word: 365体育, bet365体育, 188金宝博, 北京赛车pk10. */
function alnumGlued(chain: Token[]): boolean {
  return chain.some(
    (t, k) =>
      t.kind === 'alnum' &&
      !YEAR.test(t.text) &&
      [chain[k - 1], chain[k + 1]].some((n) => n !== undefined && (n.kind === 'brand' || n.kind === 'genre')),
  );
}

/** Evidence the chain's own shape carries (DOMAIN.md: a single weak cue is not enough). */
export function shapeScore(chain: Token[]): number {
  const kinds = chain.map((t) => t.kind);
  const brands = kinds.filter((k) => k === 'brand').length;
  let score = 0;
  if (brands) score += 2 + Math.min(brands - 1, 1);
  const alnumShape = alnumGlued(chain);
  const alnumTail = chain.some((t, k) => t.kind === 'alnum' && [chain[k - 1], chain[k + 1]].some((n) => n?.kind === 'tail'));
  if (alnumShape) score += brands ? 1 : 2;
  else if (alnumTail) score += 1;
  const tails = new Set(chain.filter((t) => t.kind === 'tail').map((t) => t.text));
  if (tails.size) score += Math.min(tails.size, 2);
  // A brand compound (太阳城娱乐, 葡京娱乐): brand glued to a genre word.
  if (brands && kinds.includes('genre')) score += 1;
  return score;
}

export function isLegitContext(text: string, start: number, end: number): boolean {
  return LEGIT_BEFORE.test(text.slice(Math.max(0, start - 16), start)) || LEGIT_AFTER.test(text.slice(end, end + 8));
}

/** Every brand-shaped chain in `text`, with the colon a substitution sometimes carries (365体育备用:). */
export function scanForms(text: string): FormHit[] {
  const hits: FormHit[] = [];
  // Every form holds a lexicon word (a chain of Latin and digits alone is skipped below): one
  // native search spares building tokens for every digit run of a 5 MB line.
  if (!WORD_START.test(text)) return hits;
  for (const raw of chains(text)) {
    const chain = trimChain(raw);
    if (!chain.length) continue;
    const hasAnchor = chain.some(isAnchor);
    const cjk = chain.some((t) => t.kind !== 'alnum');
    if (!hasAnchor || !cjk) continue;
    const shape = shapeScore(chain);
    // A count glued to an ad word (5G直播, 12345平台) is ordinary text; it needs more than that.
    const strongKind = chain.some((t) => t.kind === 'brand') || alnumGlued(chain);
    if (shape < (strongKind ? 2 : SPAM_THRESHOLD)) continue;
    const start = chain[0]!.start;
    let end = chain[chain.length - 1]!.end;
    if (text[end] === ':' || text[end] === '：') end++;
    hits.push({ form: text.slice(start, end), start, end, shape, legitContext: isLegitContext(text, start, end) });
  }
  return hits;
}

/** Start of every non-overlapping occurrence of `form` in `line`, left to right. */
export function occurrencesOf(line: string, form: string): number[] {
  const out: number[] = [];
  if (!form) return out;
  for (let i = line.indexOf(form); i >= 0; i = line.indexOf(form, i + form.length)) out.push(i);
  return out;
}
