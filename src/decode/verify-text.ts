/**
 * Is this decoded text believable Chinese (or at least not the product of a wrong decoding)?
 *
 * The measures come from how mis-decoding actually behaves, not from a word list:
 * - Real mainland government text is written almost entirely with the 3,755 characters of
 *   GB2312 level 1 (the five seed reports: 100 % of their hanzi). Wrong decodings land mostly on
 *   level-2 and GBK-extension characters (UTF-8 read as GBK: ~12 % level 1; GBK read as Big5: ~25 %).
 * - UTF-8 read as GBK pairs a UTF-8 lead byte (E3–E9 for CJK and CJK punctuation, EF for fullwidth
 *   forms) with a continuation byte (80–BF). The characters GBK has at those codes — 鍙 锛 銆 鏂 瀹
 *   锟 … — make up about a third of such text and never appear in the seed reports.
 * - UTF-8 read as Latin-1/cp1252 turns every CJK character into an accented lead letter followed
 *   by two continuation-range characters (年 → å¹´, 政 → æ”¿); GBK read as Latin-1 turns it into
 *   long runs of Latin-1 letters (中国 → ÖÐ¹ú).
 * The level tables are derived from GB18030 itself at first use, so there is no data file to drift.
 */
import iconv from 'iconv-lite';

interface GbClasses {
  /** GB2312 level 1: the common hanzi. */
  level1: Set<string>;
  /** GB2312 level 2: real but rare hanzi. */
  level2: Set<string>;
  /** Characters GBK maps to (UTF-8 lead byte, UTF-8 continuation byte). */
  utf8AsGbk: Set<string>;
}

let classes: GbClasses | undefined;

function decodeRows(leads: [number, number], trails: [number, number]): string[] {
  const bytes: number[] = [];
  for (let a = leads[0]; a <= leads[1]; a++) {
    for (let b = trails[0]; b <= trails[1]; b++) {
      if (b === 0x7f) continue;
      bytes.push(a, b);
    }
  }
  return [...iconv.decode(Buffer.from(bytes), 'gb18030')].filter((c) => c !== '\ufffd');
}

function gbClasses(): GbClasses {
  if (classes) return classes;
  const utf8AsGbk = new Set<string>();
  for (const lead of [0xe3, 0xe4, 0xe5, 0xe6, 0xe7, 0xe8, 0xe9, 0xef]) {
    for (const c of decodeRows([lead, lead], [0x80, 0xbf])) utf8AsGbk.add(c);
  }
  classes = {
    level1: new Set(decodeRows([0xb0, 0xd7], [0xa1, 0xfe])),
    level2: new Set(decodeRows([0xd8, 0xf7], [0xa1, 0xfe])),
    utf8AsGbk,
  };
  return classes;
}

/** Bytes 0x80–0xBF as Latin-1 or cp1252 show them: what a UTF-8 continuation byte turns into. */
const CONT = '[\\u0080-\\u00bf\\u0152\\u0153\\u0160\\u0161\\u0178\\u017d\\u017e\\u0192\\u02c6\\u02dc\\u2013\\u2014\\u2018-\\u201a\\u201c-\\u201e\\u2020-\\u2022\\u2026\\u2030\\u2039\\u203a\\u20ac\\u2122\\ufffd]';
/** A 3- or 4-byte UTF-8 sequence read as Latin-1: å¹´, æ”¿, ä¸­. Never legitimate text. */
const LATIN1_LONG_SEQ = new RegExp(`[\\u00e0-\\u00ef]${CONT}{2}|[\\u00f0-\\u00f4]${CONT}{3}`, 'g');
/** A 2-byte UTF-8 sequence read as Latin-1: Ã©, Â·. One can be a fluke; several are not. */
const LATIN1_SHORT_SEQ = new RegExp(`[\\u00c2-\\u00df]${CONT}`, 'g');
/** Runs of Latin-1 letters and symbols: GBK bytes read one by one (every GB2312 byte is A1–FE).
 * European words have isolated accented letters between ASCII ones, not runs of four; NBSP and
 * cp1252 punctuation are left out because Chinese text has runs of &nbsp;, —— and …… . */
const LATIN1_RUN = /[\u00a1-\u00ff]{4,}/g;
/** C0 controls other than whitespace, and C1 controls: never in real pages, common in binary and
 * in UTF-8 read as Latin-1. */
const CONTROL = /[\u0000-\u0008\u000b\u000e-\u001f\u007f-\u009f]/g;

function count(text: string, re: RegExp): number {
  re.lastIndex = 0;
  let n = 0;
  while (re.exec(text)) n++;
  return n;
}

export interface TextAssessment {
  /** Characters above U+007F: the only ones that differ between candidate decodings. */
  nonAscii: number;
  /** U+FFFD produced by the decoder (or present in the source). */
  replacement: number;
  /** Control characters that text never contains. */
  controls: number;
  /** Characters typical of UTF-8 read as GBK (鍙, 锛, 銆, …). */
  utf8AsGbk: number;
  /** True when any mojibake signature fires; see {@link looksLikeMojibake}. */
  mojibake: boolean;
  /**
   * Mean plausibility per non-ASCII character, roughly -3..1: 1 for common hanzi and CJK
   * punctuation, lower for rare hanzi and foreign scripts, negative for U+FFFD, controls, private
   * use and mojibake signatures. 1 when the text is pure ASCII (nothing to get wrong).
   */
  score: number;
}

function charWeight(c: string, cp: number, gb: GbClasses): number {
  if (gb.level1.has(c)) return 1;
  if (cp === 0xfffd) return -3;
  if (cp >= 0xe000 && cp <= 0xf8ff) return -3; // GBK user-defined area: a wrong decoding
  if (cp <= 0x9f) return -3; // C1 control
  // CJK and general punctuation, fullwidth forms, ideographic space, circled and roman numerals,
  // Latin-1 symbols (·×÷°§±, NBSP): what real reports use besides hanzi.
  if (
    (cp >= 0x3000 && cp <= 0x303f) ||
    (cp >= 0xff01 && cp <= 0xff5e) ||
    (cp >= 0x2000 && cp <= 0x206f) ||
    (cp >= 0x2150 && cp <= 0x218f) ||
    (cp >= 0x2460 && cp <= 0x24ff) ||
    (cp >= 0xa0 && cp <= 0xbf) ||
    cp === 0xd7 ||
    cp === 0xf7
  ) {
    return 0.8;
  }
  if (gb.level2.has(c)) return 0.4;
  // Other CJK ideographs (镕, 堃, traditional forms, extensions): real, but also what wrong
  // decodings produce, so worth little either way.
  if ((cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0x3400 && cp <= 0x4dbf) || cp >= 0x20000) return 0.1;
  // Latin letters with diacritics, kana, hangul, Greek, Cyrillic, box drawing: legitimate in
  // some pages, but in this domain mostly the debris of a wrong decoding.
  return 0.2;
}

/** Scores text for plausibility and mojibake; pure and cheap enough to run on every candidate. */
export function assessText(text: string): TextAssessment {
  const gb = gbClasses();
  let nonAscii = 0;
  let replacement = 0;
  let utf8AsGbk = 0;
  let hanzi = 0;
  let common = 0;
  let sum = 0;
  for (const c of text) {
    const cp = c.codePointAt(0) ?? 0;
    if (cp < 0x80) continue;
    nonAscii++;
    if (cp === 0xfffd) replacement++;
    if (cp >= 0x4e00 && cp <= 0x9fff) {
      hanzi++;
      if (gb.level1.has(c)) common++;
    }
    let w = charWeight(c, cp, gb);
    if (gb.utf8AsGbk.has(c)) {
      utf8AsGbk++;
      w -= 1;
    }
    sum += w;
  }
  const controls = count(text, CONTROL);
  const latin1Long = count(text, LATIN1_LONG_SEQ);
  const latin1Short = count(text, LATIN1_SHORT_SEQ);
  const latin1RunChars = (text.match(LATIN1_RUN) ?? []).reduce((n, run) => n + run.length, 0);
  // C0 controls are ASCII and were not counted in `sum`; charge them here so binary loses.
  sum -= 3 * count(text, /[\u0000-\u0008\u000b\u000e-\u001f\u007f]/g);
  const mojibake =
    replacement > 0 ||
    text.includes('锟斤拷') ||
    latin1Long > 0 ||
    latin1Short >= 2 ||
    // One short run can be a legitimate symbol cluster (e.g. «±°»); three hanzi's worth of GBK
    // bytes read as Latin-1 (ÖÐ¹ú¹ú = 中国国) cannot.
    latin1RunChars >= 6 ||
    controls >= 3 ||
    // A few of these are real level-2 hanzi (浏 of 浏览 sits at E4 AF), so their share alone would
    // flag "浏览次数"; a wrong decoding also leaves few common hanzi around them (≈12 % level 1,
    // against ≈100 % in real reports), which catches even three-character fragments (鏂囦欢).
    (utf8AsGbk >= 1 && utf8AsGbk / nonAscii >= 0.1 && hanzi >= 2 && common / hanzi < 0.5);
  return {
    nonAscii,
    replacement,
    controls,
    utf8AsGbk,
    mojibake,
    score: nonAscii === 0 ? (controls > 0 ? sum / Math.max(1, text.length) : 1) : sum / nonAscii,
  };
}

/**
 * True when text shows the marks of a wrong decoding: U+FFFD (GBK read as UTF-8), Ã/å¹´/æ”¿
 * sequences (UTF-8 read as Latin-1/cp1252), runs like ÖÐ¹ú (GBK read as Latin-1), 鍙/锛/銆/鏂/瀹
 * or 锟斤拷 (UTF-8 read as GBK), or stray control characters. Any U+FFFD counts: stored text
 * must be clean, and a page whose own source contains U+FFFD is damaged too.
 * Normal government text (all five seed reports) is not flagged.
 */
export function looksLikeMojibake(text: string): boolean {
  return assessText(text).mojibake;
}
