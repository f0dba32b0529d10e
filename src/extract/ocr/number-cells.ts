/**
 * Which cells of a read table must hold a number, and the digits of a reading of such a cell.
 * Look-alike letters (o, O, D, l, I, |, 丨) are digits only there: a label keeps every character
 * the recogniser saw, a number cell never keeps a letter or a rule glyph.
 */
import { cleanNumber, loneDigit, normalizeReading } from './numbers.js';

/** CJK characters the recogniser puts for a zero, a one or a minus sign: no evidence of a label. */
const DIGIT_LIKE_CJK = /[口〇○丨一]/g;
const CJK = /[\u4e00-\u9fff]/;
const CJK_ALL = /[\u4e00-\u9fff]/g;
const ZERO_LIKE: Record<string, string> = { O: '0', o: '0', '〇': '0', '○': '0', D: '0', Q: '0', '口': '0', '°': '0', 'º': '0', 'о': '0' };
const ONE_LIKE: Record<string, string> = { l: '1', I: '1', '|': '1', '丨': '1', '!': '1', L: '1', i: '1' };
const MINUS = /^[-一—–－~]+/;

/** A reading that could stand for a number: no CJK beyond look-alikes, something there. */
export function couldBeNumber(reading: string): boolean {
  const s = normalizeReading(reading);
  if (!s) return false;
  if (CJK.test(s.replace(DIGIT_LIKE_CJK, ''))) return false;
  return cleanNumber(s) !== undefined || loneDigit(s) !== undefined || /\d/.test(s) || /^[-一—–－]?[OoDQ〇○口lI|丨!]+$/.test(s);
}

/**
 * Columns of numbers: most of their cells that are not CJK text could be numbers, some are
 * outright. Header rows and
 * block titles (第二十条第（五）项, 信息内容) are CJK and do not count either way.
 */
export function numericColumns(readings: string[][]): boolean[] {
  const cols = Math.max(0, ...readings.map((r) => r.length));
  const isText = (t: string): boolean => CJK.test(normalizeReading(t).replace(DIGIT_LIKE_CJK, ''));
  const found = Array.from({ length: cols }, (_, c) => {
    const filled = readings.map((row) => row[c] ?? '').filter((t) => t.trim() && !isText(t));
    const clean = filled.filter((t) => cleanNumber(t) !== undefined || loneDigit(t) !== undefined);
    return clean.length > 0 && filled.filter(couldBeNumber).length / filled.length >= 0.6;
  });
  // A column whose only figure the recogniser missed (表四's one row of figures, a small 0 read
  // as nothing) has headers above it and no label in the rows of figures: a number column too.
  const figureRows = readings.filter((row) => {
    const numbers = row.filter((t, c) => found[c] && (cleanNumber(t) !== undefined || loneDigit(t) !== undefined)).length;
    return numbers >= 2 && numbers >= row.filter((_, c) => found[c]).length * 0.5;
  });
  return found.map((numeric, c) => numeric || (figureRows.length > 0 && figureRows.every((row) => !isText(row[c] ?? '') && !(row[c] ?? '').trim())));
}

/**
 * The digits of a reading of a cell that must be a number: look-alikes mapped, a leading minus
 * kept (本年增/减), a decimal point kept between digits, anything else dropped.
 */
export function digitsOnly(reading: string): string {
  let s = normalizeReading(reading);
  const negative = MINUS.test(s) && s.replace(MINUS, '').length > 0;
  s = s.replace(MINUS, '');
  let out = '';
  for (const ch of s) {
    if (/\d/.test(ch)) out += ch;
    else if (ZERO_LIKE[ch]) out += ZERO_LIKE[ch];
    else if (ONE_LIKE[ch]) out += ONE_LIKE[ch];
    else if (ch === '.' && out && !out.includes('.')) out += '.';
  }
  out = out.replace(/\.$/, '');
  return out && negative ? `-${out}` : out;
}

/** How a number reading was obtained: a clean number is worth more than a repaired one. */
export function numberReading(reading: string, mustBeNumber: boolean): { value: string; penalty: number } | undefined {
  const s = normalizeReading(reading);
  if (/^-?\d+(?:\.\d+)?$/.test(s)) return { value: s, penalty: 0 };
  // A minus sign is a short dash: the recogniser often takes it for 一 or a long dash.
  if (/^[一—–]\d+(?:\.\d+)?$/.test(s)) return { value: `-${s.slice(1)}`, penalty: 0.05 };
  const clean = cleanNumber(reading);
  if (clean !== undefined && /^-?\d+(?:\.\d+)?$/.test(clean)) return { value: clean, penalty: 0.1 };
  if (!mustBeNumber) return clean !== undefined ? { value: clean, penalty: 0.1 } : undefined;
  const lone = loneDigit(reading);
  if (lone !== undefined) return { value: lone, penalty: 0.2 };
  const digits = digitsOnly(reading);
  return digits ? { value: digits, penalty: 0.35 } : undefined;
}

/**
 * Cells that must hold a number: in a column of numbers, either read as one, holding a digit, or
 * in a row whose other number-column cells mostly read as numbers (a "0" read as 汽 is still in a row of
 * figures). A region reaching into a label column (第二十条第（一）项 across the table) never does.
 */
export function numberCells(regions: { cells: [number, number][] }[], readings: { text: string }[][], numericCols: boolean[]): boolean[][] {
  const out = readings.map((row) => row.map(() => false));
  const rowShare = readings.map((row) => {
    const inNumberCols = row.filter((_, c) => numericCols[c] && row[c]!.text.trim());
    return inNumberCols.length ? inNumberCols.filter((cell) => couldBeNumber(cell.text)).length / inNumberCols.length : 0;
  });
  for (const region of regions) {
    if (!region.cells.every(([, c]) => numericCols[c])) continue;
    for (const [r, c] of region.cells) {
      const text = readings[r]![c]!.text;
      // A digit among a CJK glyph or two (8日 for 88) in a column of numbers is a misread number,
      // not a label; a label holding a digit (保留4位小数, 2019年) is longer. So is a glyph or two of
      // Latin (a for 0): no label of these tables is that short.
      const s = normalizeReading(text);
      const misread = /\d/.test(s) && (s.match(CJK_ALL) ?? []).length <= 2;
      out[r]![c] = s !== '' && (couldBeNumber(text) || rowShare[r]! >= 0.5 || misread || (s.length <= 2 && !CJK.test(s)));
    }
  }
  return out;
}
