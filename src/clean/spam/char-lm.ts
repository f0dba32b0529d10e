/**
 * A character n-gram language model of clean report text.
 *
 * What it is for: black-hat SEO replaces ordinary words of a hijacked report (关于, 公开, 政府,
 * a region's name…) with gambling brands. Once a brand is found, the word it stood for is chosen
 * by asking which candidate makes the sentence read like a report again; `slotScore` answers that
 * question with the log-probability this model gives the restored text.
 *
 * Smoothing: interpolated modified Kneser–Ney (Chen & Goodman 1998: three discounts per order,
 * estimated from the counts of counts). Kneser–Ney because the training text is small (~45,000
 * characters) and the lower orders then model "how many contexts does this character follow",
 * which generalises better than raw frequency. The unigram level is discounted too and
 * interpolated with a uniform distribution over the vocabulary plus one unknown-character event,
 * so an unseen character (a Latin letter, a rare ideograph) gets a small, finite probability and
 * every context's distribution over vocabulary + unknown sums to 1 (`charProb`, `unknownProb`).
 *
 * Storage: only the top-order n-gram counts are kept (each text is padded with order-1 boundary
 * symbols, so every character ends exactly one top-order n-gram); every lower-order statistic is
 * derived from them when a model is built. That makes `addTexts` exact and the JSON small, and
 * a pruned model is still a normalised model of the n-grams it kept.
 *
 * Normalisation (same for counting and scoring, `normaliseForLm`): NFKC; newline is the sentence
 * boundary symbol (runs of line breaks and blank lines become one); other whitespace runs become
 * one space; ASCII digits fold to 0 (a report's figures are noise to a model of wording); Latin
 * letters fold to lower case; characters outside the BMP (rare ideographs) fold to one
 * placeholder so that a character is always one UTF-16 unit.
 */
import { readFileSync } from 'node:fs';

/** The model: top-order counts plus the tables derived from them (read-only; build anew to change). */
export interface CharLm {
  /** n: each character is predicted from at most n-1 preceding ones. */
  readonly order: number;
  /** Distinct characters seen (the boundary symbol included, the unknown event not). */
  readonly vocabSize: number;
  /** Characters counted in training (after normalisation, boundary symbols included). */
  readonly trainingChars: number;
  /** Top-order n-gram → count. */
  readonly grams: ReadonlyMap<string, number>;
  /** Derived, per order 1..n (index 0 unused): what probabilities are computed from. */
  readonly levels: readonly Level[];
}

interface Level {
  /** n-gram of this order → its count (top order) or continuation count (lower orders). */
  values: Map<string, number>;
  /** History (this order minus one chars) → its total and its interpolation weight. */
  contexts: Map<string, { total: number; gamma: number }>;
  /** Discounts for values 1, 2 and 3+. */
  discounts: [number, number, number];
}

export const BOUNDARY = '\n';
/** Stands for every character outside the BMP. */
const ASTRAL = '\uE000';
const NORMALISATION = 'nfkc+nl+ws+digit0+lower+astral/v1';
const FORMAT = 'xxgk-char-lm';

/** The text as the model sees it. Applied to fragments too, so it never trims a fragment's ends. */
export function normaliseForLm(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\p{Cc}\p{Cf}]/gu, (c) => (c === '\n' || c === '\r' || c === '\t' ? c : ''))
    .replace(/\s*[\r\n][\s]*/g, BOUNDARY)
    .replace(/[^\S\n]+/g, ' ')
    .replace(/[0-9]/g, '0')
    .replace(/[A-Z]/g, (c) => c.toLowerCase())
    .replace(/[\u{10000}-\u{10FFFF}]/gu, ASTRAL);
}

// ---------------------------------------------------------------- counting and building

/** Adds each text's n-grams to `counts`; returns how many characters were counted. */
function countInto(counts: Map<string, number>, texts: string[], order: number): number {
  const pad = BOUNDARY.repeat(order - 1);
  let chars = 0;
  for (const raw of texts) {
    const body = normaliseForLm(raw).replace(/^[\n ]+|[\n ]+$/g, '');
    if (body === '') continue;
    const s = pad + body + BOUNDARY; // the end of a text is a boundary too
    for (let i = order; i <= s.length; i++) {
      const g = s.slice(i - order, i);
      counts.set(g, (counts.get(g) ?? 0) + 1);
    }
    chars += body.length + 1;
  }
  return chars;
}

/** Chen & Goodman's discounts from the counts of counts n1..n4; sane fallbacks for tiny data. */
function discountsOf(values: Iterable<number>): [number, number, number] {
  const n = [0, 0, 0, 0, 0];
  for (const v of values) if (v <= 4) n[v]! += 1;
  const [, n1, n2, n3, n4] = n as [number, number, number, number, number];
  if (n1 === 0 || n2 === 0) return [0.5, 1, 1.5];
  const y = n1 / (n1 + 2 * n2);
  const clamp = (d: number, max: number) => Math.min(max, Math.max(0.05, d));
  const d1 = clamp(1 - 2 * y * (n2 / n1), 1);
  const d2 = n3 > 0 ? clamp(2 - 3 * y * (n3 / n2), 2) : d1;
  const d3 = n4 > 0 && n3 > 0 ? clamp(3 - 4 * y * (n4 / n3), 3) : d2;
  return [d1, d2, d3];
}

const discountFor = (d: [number, number, number], v: number): number => (v <= 0 ? 0 : d[Math.min(v, 3) - 1]!);

function levelOf(values: Map<string, number>): Level {
  const discounts = discountsOf(values.values());
  const contexts = new Map<string, { total: number; gamma: number }>();
  for (const [g, v] of values) {
    const h = g.slice(0, -1);
    const c = contexts.get(h) ?? { total: 0, gamma: 0 };
    c.total += v;
    c.gamma += discountFor(discounts, v); // discounted mass, divided by the total below
    contexts.set(h, c);
  }
  for (const c of contexts.values()) c.gamma /= c.total;
  return { values, contexts, discounts };
}

/** Lower-order values are continuation counts: how many distinct characters precede the n-gram. */
function continuationCounts(higher: Iterable<string>): Map<string, number> {
  const cc = new Map<string, number>();
  for (const g of higher) {
    const s = g.slice(1);
    cc.set(s, (cc.get(s) ?? 0) + 1);
  }
  return cc;
}

function build(order: number, grams: Map<string, number>, trainingChars: number): CharLm {
  const levels: Level[] = new Array(order + 1);
  levels[order] = levelOf(grams);
  for (let k = order - 1; k >= 1; k--) levels[k] = levelOf(continuationCounts(levels[k + 1]!.values.keys()));
  const vocabSize = order === 1 ? grams.size : levels[1]!.values.size;
  return { order, vocabSize, trainingChars, grams, levels };
}

export function trainCharLm(texts: string[], order = 4): CharLm {
  if (!Number.isInteger(order) || order < 1 || order > 8) throw new Error(`char-lm: order must be an integer 1..8, got ${order}`);
  const grams = new Map<string, number>();
  const chars = countInto(grams, texts, order);
  return build(order, grams, chars);
}

/** A new model with the counts of `texts` added (the archive's own clean reports, at run time). */
export function addTexts(lm: CharLm, texts: string[]): CharLm {
  const grams = new Map(lm.grams);
  const chars = countInto(grams, texts, lm.order);
  return build(lm.order, grams, lm.trainingChars + chars);
}

/** Keeps top-order n-grams seen at least `minCount` times (the model stays normalised). */
export function pruneCharLm(lm: CharLm, minCount: number): CharLm {
  const kept = new Map([...lm.grams].filter(([, c]) => c >= minCount));
  return build(lm.order, kept, lm.trainingChars);
}

// ---------------------------------------------------------------- probabilities

/** P(c | history) by interpolation down to the uniform floor; history holds ≤ order-1 chars. */
function prob(lm: CharLm, history: string, c: string): number {
  let p = 1 / (lm.vocabSize + 1); // uniform over vocabulary + the unknown event
  for (let k = 1; k <= lm.order && k - 1 <= history.length; k++) {
    const h = history.slice(history.length - (k - 1));
    const level = lm.levels[k]!;
    const ctx = level.contexts.get(h);
    if (!ctx) break; // an unseen history: its longer extensions are unseen too
    const v = level.values.get(h + c) ?? 0;
    p = Math.max(0, v - discountFor(level.discounts, v)) / ctx.total + ctx.gamma * p;
  }
  return p;
}

function historyOf(lm: CharLm, history: string): string {
  const h = normaliseForLm(history);
  // No history: the start of a text, which training padded with boundary symbols.
  return (h === '' ? BOUNDARY.repeat(lm.order - 1) : h).slice(-(lm.order - 1));
}

/** Probability of one character (already normalised) after `history`; an unseen one gets `unknownProb`. */
export function charProb(lm: CharLm, c: string, history = ''): number {
  return prob(lm, lm.order > 1 ? historyOf(lm, history) : '', c);
}

/** Probability of the unknown-character event after `history` (all unseen characters together). */
export function unknownProb(lm: CharLm, history = ''): number {
  return charProb(lm, '\u0000', history); // normalisation drops control characters: never in the vocabulary
}

/** The characters of the vocabulary (for tests and diagnostics). */
export function vocabulary(lm: CharLm): string[] {
  return lm.order === 1 ? [...lm.grams.keys()] : [...lm.levels[1]!.values.keys()];
}

/**
 * Natural-log probability of `text` following `history` (only its last order-1 characters
 * matter; empty: the start of a text). Both are normalised as in training.
 */
export function logProb(lm: CharLm, text: string, history = ''): number {
  return chainLogProb(lm, normaliseForLm(text), lm.order > 1 ? historyOf(lm, history) : '');
}

/** Σ log P(c | preceding) over a normalised text, starting from a prepared history. */
function chainLogProb(lm: CharLm, text: string, history: string): number {
  let h = history;
  let sum = 0;
  for (const c of text) {
    sum += Math.log(prob(lm, h, c));
    if (lm.order > 1) h = (h + c).slice(-(lm.order - 1));
  }
  return sum;
}

/**
 * How well `candidate` fills the slot between `before` and `after`: log P(candidate + after |
 * before). Candidates of different lengths (关于, 第一书记, '' for removal) are comparable because
 * the scored text always ends with the same `after`: every candidate pays for the same following
 * characters, so a short candidate is not favoured just for being short, and an implausible join
 * into `after` is charged. Only the first order-1 characters of `after` can differ between
 * candidates; longer `after` adds the same amount to every score.
 */
export function slotScore(lm: CharLm, before: string, candidate: string, after: string): number {
  return logProb(lm, candidate + after, before);
}

export interface RankOptions {
  /**
   * Added per character of the candidate (nats). 0 (default) is the plain joint probability.
   * With a model this small, dropping a word often costs less than spelling it out, so removal
   * ('') wins some true substitutions; a bonus trades those for pure insertions wrongly filled.
   * Leave-one-report-out on the training reports: bonus 0 → 74% of blanked words ranked first and
   * 100% of insertion points left empty; bonus 1 → 83% and 96% (test/char-lm.test.ts logs both).
   */
  lengthBonus?: number;
}

/**
 * Candidates best first. Each score is slotScore over the first 4×order characters of `after`
 * (later ones add the same to every candidate) plus lengthBonus × the candidate's length.
 */
export function rankCandidates(
  lm: CharLm,
  before: string,
  candidates: readonly string[],
  after: string,
  options: RankOptions = {},
): { candidate: string; score: number }[] {
  const bonus = options.lengthBonus ?? 0;
  const history = lm.order > 1 ? historyOf(lm, before) : ''; // slotScore's, prepared once
  const tail = after.slice(0, 4 * lm.order);
  return candidates
    .map((candidate) => {
      const score = chainLogProb(lm, normaliseForLm(candidate + tail), history) + bonus * [...candidate].length;
      return { candidate, score };
    })
    .sort((a, b) => b.score - a.score);
}

// ---------------------------------------------------------------- JSON

interface CharLmJson {
  format: typeof FORMAT;
  version: 1;
  normalisation: string;
  order: number;
  trainingChars: number;
  /** count → the top-order n-grams with that count, concatenated (each exactly `order` chars). */
  grams: Record<string, string>;
}

export function charLmToJson(lm: CharLm): CharLmJson {
  const byCount = new Map<number, string[]>();
  for (const [g, c] of lm.grams) {
    const same = byCount.get(c);
    if (same) same.push(g);
    else byCount.set(c, [g]);
  }
  const grams: Record<string, string> = {};
  for (const c of [...byCount.keys()].sort((a, b) => a - b)) grams[String(c)] = byCount.get(c)!.sort().join('');
  return { format: FORMAT, version: 1, normalisation: NORMALISATION, order: lm.order, trainingChars: lm.trainingChars, grams };
}

export function charLmFromJson(json: unknown): CharLm {
  const bad = (why: string): never => {
    throw new Error(`char-lm JSON: ${why}`);
  };
  if (typeof json !== 'object' || json === null || Array.isArray(json)) bad('not an object');
  const j = json as Partial<CharLmJson>;
  if (j.format !== FORMAT || j.version !== 1) bad(`not a ${FORMAT} v1 model (format ${String(j.format)}, version ${String(j.version)})`);
  if (j.normalisation !== NORMALISATION) bad(`built with normalisation ${String(j.normalisation)}, this code uses ${NORMALISATION}: rebuild it (npm run build:lm)`);
  const order = j.order;
  if (typeof order !== 'number' || !Number.isInteger(order) || order < 1 || order > 8) bad(`order must be an integer 1..8, got ${String(order)}`);
  if (typeof j.trainingChars !== 'number' || !(j.trainingChars >= 0)) bad('trainingChars must be a non-negative number');
  if (typeof j.grams !== 'object' || j.grams === null || Array.isArray(j.grams)) bad('grams must be an object');
  const grams = new Map<string, number>();
  for (const [key, packed] of Object.entries(j.grams!)) {
    const count = Number(key);
    if (!Number.isInteger(count) || count < 1) bad(`grams key ${JSON.stringify(key)} is not a positive count`);
    if (typeof packed !== 'string' || packed.length % order! !== 0) bad(`grams[${key}] must be a string of ${order}-character n-grams`);
    if (/[\uD800-\uDFFF]/.test(packed)) bad(`grams[${key}] holds characters outside the BMP, which normalisation folds`);
    for (let i = 0; i < packed.length; i += order!) {
      const g = packed.slice(i, i + order!);
      if (grams.has(g)) bad(`n-gram ${JSON.stringify(g)} is listed under two counts`);
      grams.set(g, count);
    }
  }
  return build(order!, grams, j.trainingChars!);
}

let shipped: CharLm | undefined;
let extended: CharLm | undefined;

/**
 * The model the spam stage uses: the one shipped with the code (char-lm.json, built by
 * `npm run build:lm`), loaded once, plus the archive's own clean reports when a run gave them.
 */
export function defaultCharLm(): CharLm {
  shipped ??= charLmFromJson(JSON.parse(readFileSync(new URL('./char-lm.json', import.meta.url), 'utf8')));
  return extended ?? shipped;
}

/**
 * Adds clean report texts (the archive's reports with no spam found) to the process's model, for
 * words the shipped text lacks (县委, the archive's own place names). Replaces any earlier
 * extension: each run passes its archive's texts.
 */
export function extendDefaultCharLm(texts: string[]): void {
  extended = undefined;
  extended = texts.length ? addTexts(defaultCharLm(), texts) : undefined;
}
