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

function ftsPhrase(term: string): string {
  return `"${term.replace(/"/g, '""')}"`;
}

/** Every term must appear in the title or the text. */
export function textConditions(words: string): SqlCondition[] {
  return splitTerms(words).map((term) =>
    [...term].length >= 3
      ? { sql: 'r.id IN (SELECT rowid FROM reports_fts WHERE reports_fts MATCH ?)', params: [ftsPhrase(term)] }
      : isHanPair(term)
        ? { sql: 'r.id IN (SELECT rowid FROM reports_bigram WHERE reports_bigram MATCH ?)', params: [ftsPhrase(term)] }
        : { sql: '(instr(r.text, ?) > 0 OR instr(r.title, ?) > 0)', params: [term, term] },
  );
}
