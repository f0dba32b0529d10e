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

/** `WHERE` and the conditions joined by AND, or nothing when there are none. */
export function whereClause(conditions: readonly SqlCondition[]): string {
  return conditions.length ? `WHERE ${conditions.map((c) => c.sql).join(' AND ')}` : '';
}

/**
 * Reports r whose row is in a full-text table's matches. The unary + keeps the planner from
 * looking up every matching id in the reports table (a page read each, text included, 100 000 of
 * them for a common word): it reads an index of the reports instead and tests each id against the
 * matches.
 */
export function indexMatch(table: 'reports_fts' | 'reports_bigram', match: string): SqlCondition {
  return { sql: `+r.id IN (SELECT rowid FROM ${table} WHERE ${table} MATCH ?)`, params: [match] };
}

/** A term no index answers, found by reading the title and text. */
export function scanCondition(term: string): SqlCondition {
  return { sql: '(instr(r.text, ?) > 0 OR instr(r.title, ?) > 0)', params: [term, term] };
}

/** Every term must appear in the title or the text. */
export function textConditions(words: string): SqlCondition[] {
  return splitTerms(words).map((term) => {
    const index = termIndex(term);
    return index ? indexMatch(index, ftsPhrase(term)) : scanCondition(term);
  });
}
