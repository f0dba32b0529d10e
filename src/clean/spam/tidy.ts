/**
 * Closes the gap a removal leaves so the sentence still reads: no doubled or stray spaces, no
 * empty brackets or quotes, no separator left hanging at a line's ends or before other
 * punctuation. Only the surroundings of a HOLE are touched; the rest of the line stays as is.
 */

/** Marks where a removal happened until tidyLine has closed it. */
export const HOLE = '\u0000';

const SP = '[ \\u3000\\u00a0]';
const SEP = '[、,，;；:：_|｜\\-—·/]';
const PAIRS: Record<string, string> = {
  '《': '》', '“': '”', '"': '"', '‘': '’', "'": "'", '（': '）', '(': ')', '〈': '〉', '「': '」', '『': '』', '【': '】', '[': ']',
};

const re = (source: string, flags = 'g') => new RegExp(source, flags);

export function tidyLine(line: string): string {
  let s = line;
  // Neighbouring removals joined only by separators are one removal (a keyword run).
  s = s.replace(re(`${HOLE}(?:${SP}*${SEP}?${SP}*${HOLE})+`), HOLE);
  // Brackets or quotes around nothing.
  s = s.replace(re(`([《“"‘'（(〈「『【\\[])${SP}*${HOLE}${SP}*([》”"’'）)〉」』】\\]])`), (m, open: string, close: string) =>
    PAIRS[open] === close ? HOLE : m,
  );
  // At the start of a line: drop the separator that followed the removal.
  s = s.replace(re(`^(\\s*)${HOLE}${SP}*${SEP}+${SP}*`), `$1${HOLE}`);
  // At the end: drop the separator that led to it.
  s = s.replace(re(`${SP}*${SEP}+${SP}*${HOLE}${SP}*$`), HOLE);
  // Between a separator and other punctuation the separator goes (、， → ，; ，。 → 。).
  s = s.replace(re(`[、,，;；]${SP}*${HOLE}(?=${SP}*[、,，;；。.!！?？）)》”」』】])`), HOLE);
  s = s.replace(re(`([（(《“「『【])${HOLE}${SP}*[、,，;；]`), `$1${HOLE}`);
  s = s.replace(re(`[、,，]${HOLE}(?=等)`), HOLE);
  // Spaces: a field separator on both sides keeps one side; after a label colon the space is
  // the label's; otherwise a space on one side only came with the brand.
  s = s.replace(re(`(${SP}*)${HOLE}(${SP}*)`), (m: string, left: string, right: string, offset: number, all: string) => {
    if (left && right) return left + HOLE;
    if (left && /[:：]/.test(all[offset - 1] ?? '')) return left + HOLE;
    return HOLE;
  });
  s = s.split(HOLE).join('');
  return s.replace(/[ \u3000\u00a0]+$/, (tail) => (line.endsWith(tail) ? tail : ''));
}
