/**
 * Learns, from every text of one page, which strings are spam forms and what each stands for.
 * A hijacked page substitutes consistently (DOMAIN.md), so what one fixed phrase reveals about a
 * form holds for all its occurrences on the page; and a string is judged by all the evidence the
 * page gives, not by a keyword list: its shape, its repetition, the slots it sits in, the keyword
 * runs it belongs to.
 */
import type { SpamContext } from './spam-types.js';
import { occurrencesOf, scanForms, SPAM_THRESHOLD, type FormHit } from './form-scan.js';
import { alignedDifference, alignVote, slotVotes, type Vote } from './slots.js';
import { findForeignStrings, type Keep } from './foreign-strings.js';
import { brandHints, namesInUse, regionWords, restorationCandidates, type BrandHints } from './restore.js';
import { defaultCharLm } from './char-lm.js';

export interface LearnedForm {
  /** The string as it stands in the page (365体育备用:). */
  form: string;
  /** What it stood for; '' when the page does not reveal it. */
  replacement: string;
  /** Evidence total (shape + page evidence); at least SPAM_THRESHOLD. */
  score: number;
  /** Occurrences over all texts. */
  count: number;
  /** Short reasons, for findings and debugging. */
  evidence: string[];
  /**
   * Found as a foreign string (foreign-strings.ts), not by the brand lexicon: what it stood for is
   * decided at each occurrence (restore.ts), since one brand may stand for several words.
   */
  foreign?: boolean;
  /** For foreign strings: what the page says about the brand as a whole (restore.ts). */
  hints?: BrandHints;
  /** For foreign strings: characters at either end that are the page's own words, left in place. */
  keep?: Keep;
}

export interface SubstitutionModel {
  /** Longest first, so nested forms (365体育备用网址 ⊃ 365体育备用: ⊃ 365体育备用) resolve right. */
  forms: LearnedForm[];
  context: SpamContext;
  /** Words an occurrence of a foreign string may have stood for on this page (restore.ts). */
  candidates: string[];
}

const RUN_GAP = /^[\s,，、|｜/;；·]*$/;

/** Hits that stand shoulder to shoulder with another hit: a keyword run. */
export function runMembers(line: string, hits: FormHit[]): Set<FormHit> {
  const inRun = new Set<FormHit>();
  for (let k = 1; k < hits.length; k++) {
    const a = hits[k - 1]!;
    const b = hits[k]!;
    if (RUN_GAP.test(line.slice(a.end, b.start))) {
      inRun.add(a);
      inRun.add(b);
    }
  }
  return inRun;
}

interface Tally {
  count: number;
  shape: number;
  inRun: boolean;
  allLegit: boolean;
  votes: Vote[];
}

/** Sums votes per replacement; the winner needs weight 2 and a clear lead. */
function decide(votes: Vote[]): { replacement: string; why: string[] } {
  const sums = new Map<string, { weight: number; why: Set<string> }>();
  for (const v of votes) {
    const s = sums.get(v.replacement) ?? { weight: 0, why: new Set<string>() };
    s.weight += v.weight;
    s.why.add(v.why);
    sums.set(v.replacement, s);
  }
  const ranked = [...sums].sort((a, b) => b[1].weight - a[1].weight);
  const [best, second] = ranked;
  if (!best || best[1].weight < 2 || (second && second[1].weight * 2 > best[1].weight)) return { replacement: '', why: [] };
  return { replacement: best[0], why: [...best[1].why] };
}

export function learnSubstitutions(texts: string[], context: SpamContext): SubstitutionModel {
  const tallies = new Map<string, Tally>();
  const sources = context.listingTitle ? [...texts, context.listingTitle] : texts;
  for (const text of sources) {
    for (const line of text.split('\n')) {
      const hits = scanForms(line);
      if (!hits.length) continue;
      const inRun = runMembers(line, hits);
      hits.forEach((hit, k) => {
        const t = tallies.get(hit.form) ?? { count: 0, shape: hit.shape, inRun: false, allLegit: true, votes: [] };
        t.count++;
        t.inRun ||= inRun.has(hit);
        t.allLegit &&= hit.legitContext;
        t.votes.push(...slotVotes(line, hit.start, hit.end, context));
        if (line.trim().length <= 80 && text !== context.listingTitle) {
          const before = line.slice(hits[k - 1]?.end ?? 0, hit.start);
          const after = line.slice(hit.end, hits[k + 1]?.start ?? line.length);
          const aligned = alignVote(before, after, context.listingTitle);
          if (aligned) t.votes.push(aligned);
        }
        tallies.set(hit.form, t);
      });
    }
  }

  const forms: LearnedForm[] = [];
  for (const [form, t] of tallies) {
    const { replacement, why } = decide(t.votes);
    const evidence = [`shape ${t.shape}`];
    let score = t.shape;
    if (t.count >= 2) {
      score += 1;
      evidence.push(`repeats ×${t.count}`);
    }
    if (t.inRun) {
      score += 1;
      evidence.push('keyword run');
    }
    if (replacement) {
      score += 2;
      evidence.push(...why);
    }
    // A name only ever met in sentences about fighting it is the report's subject, not spam.
    if (score < SPAM_THRESHOLD || (t.allLegit && !replacement)) continue;
    forms.push({ form, replacement, score, count: t.count, evidence });
  }

  // Substitutions the brand lexicon cannot see, revealed by the listing's copy of the title.
  for (const text of texts) {
    for (const line of text.split('\n')) {
      if (scanForms(line).length) continue;
      const diff = alignedDifference(line, context.listingTitle);
      if (!diff || forms.some((f) => f.form === diff.form)) continue;
      const count = texts.reduce((n, t) => n + t.split(diff.form).length - 1, 0);
      forms.push({ form: diff.form, replacement: diff.vote.replacement, score: SPAM_THRESHOLD, count, evidence: [diff.vote.why] });
    }
  }
  // Brands the lexicon does not know, judged by the report model.
  const candidates = restorationCandidates(context, forms.map((f) => f.replacement));
  const names = namesInUse(sources, regionWords(context));
  for (const f of findForeignStrings(sources, candidates, defaultCharLm())) {
    const bare = f.form.replace(/[:：]$/, '');
    // A form the lexicon found and fixed phrases explained stays; one it could only remove is the
    // same brand, now restored occurrence by occurrence.
    if (forms.some((k) => k.replacement && k.form.replace(/[:：]$/, '') === bare)) continue;
    for (let k = forms.length - 1; k >= 0; k--) {
      if (!forms[k]!.replacement && forms[k]!.form.replace(/[:：]$/, '').split(bare).join('') === '') forms.splice(k, 1);
    }
    // What the page reveals about the brand as a whole: fixed phrases around it, and what its
    // clear occurrences stand for (a hint, weighed at each occurrence, never a page-wide map).
    const votes: Vote[] = [];
    const occurrences: [string, string][] = [];
    for (const text of sources) {
      for (const line of text.split('\n')) {
        for (const i of occurrencesOf(line, f.form)) {
          const end = i + f.form.length + (/^[:：]/.test(line.slice(i + f.form.length)) ? 1 : 0);
          votes.push(...slotVotes(line, i, end, context));
          occurrences.push([line.slice(0, i), line.slice(end).split(f.form).join('')]);
        }
      }
    }
    const favoured = decide(votes).replacement;
    const hints = { ...brandHints(occurrences, candidates, context, favoured), names };
    forms.push({
      form: f.form,
      replacement: '',
      score: SPAM_THRESHOLD,
      count: f.count,
      evidence: [...f.evidence, ...(favoured ? [`fixed phrases say ${favoured}`] : [])],
      foreign: true,
      hints,
      ...(f.keep ? { keep: f.keep } : {}),
    });
  }
  forms.sort((a, b) => b.form.length - a.form.length);
  // 政府信息公开平台 spammed reads 365体育备用网址平台: the chain swallowed a real word after the brand.
  const kept = forms.filter((f) => f.replacement || f.foreign || !knownPrefix(f.form, forms));
  return { forms: kept, context, candidates };
}

/**
 * The longest learned form with a known original that starts `form`, when the rest of `form` is
 * only ad words (平台, 在线 …) that the sentence itself supplied.
 */
export function knownPrefix(form: string, forms: LearnedForm[]): LearnedForm | undefined {
  return forms
    .filter((f) => f.replacement && f.form !== form && form.startsWith(f.form) && !/[:：]$/.test(f.form))
    .sort((a, b) => b.form.length - a.form.length)[0];
}
