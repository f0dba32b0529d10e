/**
 * Cleaning of OCR readings of number cells. Only confusions that cannot change a correct reading
 * are repaired: letters that look like digits when they sit among digits, full-width forms,
 * stray punctuation at the ends. Anything else is left for the figure checks to catch.
 */

/** Characters OCR puts for digits, with the digit they stand for. */
const DIGIT_LOOKALIKES: Record<string, string> = { O: '0', o: '0', '〇': '0', D: '0', l: '1', I: '1', '|': '1', '丨': '1' };
const LOOKALIKE_CLASS = 'Oo〇DlI|丨';
/** A reading that is a number once look-alikes are repaired. */
const NUMBERISH = new RegExp(`^[-+]?[\\d${LOOKALIKE_CLASS}]*\\d[\\d${LOOKALIKE_CLASS}]*(?:[.,][\\d${LOOKALIKE_CLASS}]+)*%?$`);
/** A lone glyph read in place of 0 in a column of numbers. */
const LONE_ZERO = /^[OoDcC〇○о°º.。口]$/;

/** A reading about to be parsed as a number: full-width digits and punctuation (１２，３) to ASCII. */
export function normalizeReading(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, '').replace(/[。]/g, '.');
}

const HALF_TO_FULL: Record<string, string> = { '(': '（', ')': '）', ':': '：', ',': '，', ';': '；' };

/**
 * A reading kept as text. Chinese labels are typeset with full-width brackets and colons, which
 * the recogniser often returns half-width: the label is given back as the report printed it.
 */
export function normalizeText(text: string): string {
  const s = text.trim().replace(/\s+/g, ' ');
  if (!/[\u4e00-\u9fff]/.test(s)) return s;
  return s.replace(/ (?=[\u4e00-\u9fff（）])|(?<=[\u4e00-\u9fff（）]) /g, '').replace(/[():,;]/g, (ch) => HALF_TO_FULL[ch] ?? ch);
}

/** The cleaned number, or undefined when the reading is not a number. */
export function cleanNumber(raw: string): string | undefined {
  let s = normalizeReading(raw);
  // A trailing dot or colon is a rule fragment or noise; a number never ends with one.
  s = s.replace(/^[.,:;'"`、]+/, '').replace(/[.,:;'"`、]+$/, '');
  if (!NUMBERISH.test(s)) return undefined;
  return s.replace(new RegExp(`[${LOOKALIKE_CLASS}]`, 'g'), (ch) => DIGIT_LOOKALIKES[ch] ?? ch);
}

export function isNumber(text: string): boolean {
  return /^[-+]?\d+(?:[.,]\d+)*%?$/.test(text);
}

const LONE_ONE = /^[IlL|丨!]$/;

/**
 * In a column of numbers a lone glyph that looks like a digit is that digit: a "0" alone in its
 * cell reads as o, ○ or 。 because the recogniser has no neighbouring digits to size it against.
 */
export function loneDigit(raw: string): string | undefined {
  const s = normalizeReading(raw).replace(/[.,:;'"`、]+$/, '');
  if (LONE_ZERO.test(s) || (s === '' && /^[.。]$/.test(normalizeReading(raw)))) return '0';
  if (LONE_ONE.test(s)) return '1';
  return undefined;
}
