/**
 * Full-text conditions. The trigram index answers terms of three or more characters; shorter
 * Chinese words (复议, 诉讼) have no trigram, so they scan the text with instr(), which at archive
 * sizes of tens of thousands of reports is still fast.
 */
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
      : { sql: '(instr(r.text, ?) > 0 OR instr(r.title, ?) > 0)', params: [term, term] },
  );
}
