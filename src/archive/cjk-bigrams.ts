/**
 * The two-character index: SQLite's trigram tokenizer finds Chinese words of three characters or
 * more, but the words people search most (复议, 诉讼, 公开) are two characters long. The text is
 * indexed a second time as overlapping character pairs, written out as space-separated tokens for
 * FTS5's plain unicode61 tokenizer: 行政复议 → "行政 政复 复议". A two-character word is then one
 * token lookup instead of a scan of every report's text.
 */
import type { Db } from './archive-db.js';

/** Han ideographs (the basic block and extension A) and the compatibility block. */
const HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/u;
const HAN_RUN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+/gu;

/** The SQL function the index triggers call; registered on every connection (openArchiveDb). */
export const BIGRAM_FUNCTION = 'xxgk_bigrams';

/** Every pair of neighbouring Han characters, and a lone character as itself; nothing else. */
export function cjkBigrams(text: string): string {
  const tokens: string[] = [];
  for (const run of text.matchAll(HAN_RUN)) {
    const chars = [...run[0]];
    if (chars.length === 1) tokens.push(chars[0]!);
    for (let i = 0; i + 1 < chars.length; i++) tokens.push(chars[i]! + chars[i + 1]!);
  }
  return tokens.join(' ');
}

/** Whether a search term is answered by the pair index: exactly two Han characters. */
export function isHanPair(term: string): boolean {
  const chars = [...term];
  return chars.length === 2 && chars.every((c) => HAN.test(c));
}

export function registerArchiveFunctions(db: Db): void {
  db.function(BIGRAM_FUNCTION, { deterministic: true }, (text: unknown) => (typeof text === 'string' ? cjkBigrams(text) : ''));
}
