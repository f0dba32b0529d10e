/**
 * Full-text conditions. The trigram index answers terms of three or more characters, the pair
 * index (archive/cjk-bigrams.ts) two-character Chinese words (复议, 诉讼); anything shorter or
 * other (one character, a two-digit number) scans the text with instr().
 */
import { isHanPair } from '../archive/cjk-bigrams.js';

export interface SqlCondition {
  sql: string;
  params: unknown[];
}

export function splitTerms(words: string): string[] {
  return words
    .split(/[\s,，、;；]+/u)
    .map((t) => t.trim())
    .filter(Boolean);
}

export function ftsPhrase(term: string): string {
  return `"${term.replace(/"/g, '""')}"`;
}

/** The full-text table that answers a term, or undefined when none does and the texts are scanned. */
export function termIndex(term: string): 'reports_fts' | 'reports_bigram' | undefined {
  if ([...term].length >= 3) return 'reports_fts';
  return isHanPair(term) ? 'reports_bigram' : undefined;
}

/** A term no index answers, found by reading the title and text. */
export function scanCondition(term: string): SqlCondition {
  return { sql: '(instr(r.text, ?) > 0 OR instr(r.title, ?) > 0)', params: [term, term] };
}

/** Every term must appear in the title or the text. */
export function textConditions(words: string): SqlCondition[] {
  return splitTerms(words).map((term) => {
    const index = termIndex(term);
    return index ? { sql: `r.id IN (SELECT rowid FROM ${index} WHERE ${index} MATCH ?)`, params: [ftsPhrase(term)] } : scanCondition(term);
  });
}
