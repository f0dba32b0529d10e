/**
 * One canonical form for titles and short meta strings, so the patterns elsewhere need not cope
 * with full-width digits (２０１９), stray spaces inside phrases (`2019 年`), or years written in
 * Chinese numerals (二〇一九年, 二○一九年 — editors type 〇, ○ or 零 interchangeably).
 */

const CN_DIGIT: Record<string, string> = {
  〇: '0', '○': '0', '◯': '0', 零: '0', O: '0', o: '0', '0': '0',
  一: '1', 二: '2', 三: '3', 四: '4', 五: '5', 六: '6', 七: '7', 八: '8', 九: '9',
};

// Mixed forms such as 二0一九 occur too; only 4-character runs ending in 年 are read as years, so
// ordinary numerals in text (一二三四年级?) are left alone unless they look like a year 19xx–21xx.
const CN_YEAR = /([〇○◯零Oo0一二三四五六七八九]{4})(?=\s*年)/g;

export function arabicYears(s: string): string {
  return s.replace(CN_YEAR, (run) => {
    const digits = [...run].map((c) => CN_DIGIT[c] ?? '').join('');
    return /^(19|20|21)\d\d$/.test(digits) ? digits : run;
  });
}

/** NFKC (full-width → ASCII, … → ...), Chinese-numeral years → digits, whitespace removed. */
export function normalizeTitle(s: string): string {
  return arabicYears(s.normalize('NFKC')).replace(/[\s\u200b\ufeff]+/g, '');
}

/** As {@link normalizeTitle} but keeps (collapsed) whitespace, which separates fields in meta lines. */
export function normalizeLine(s: string): string {
  return arabicYears(s.normalize('NFKC')).replace(/[\u200b\ufeff]/g, '').replace(/[ \t\u00a0\u3000]+/g, ' ');
}
