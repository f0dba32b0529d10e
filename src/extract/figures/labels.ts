/**
 * Label matching: normalise punctuation, numbering and whitespace, then find the best pattern by
 * approximate substring matching (edit distance), so OCR noise (予以公幵), a missing or extra
 * character (其他法律法规禁止公开) and line-broken labels still map to the same row.
 */

const NUMBERING = [
  /^第?[一二三四五六七八九十]+[、.．,，)）]/, // 一、
  /^[(（][一二三四五六七八九十\d]+[)）][、.．]?/, // (一) （1）
  /^\d+[、.．,，)）]/, // 1. 1、 1)
  /^[①②③④⑤⑥⑦⑧⑨⑩]/,
];

/** The leading item number of a label cell: `（三）` → 3, `2.` → 2, `一、` → 1; undefined if none. */
export function leadingNumber(cell: string): number | undefined {
  const s = cell.normalize('NFKC').replace(/\s+/g, '');
  const m = /^(?:第)?[(（]?([一二三四五六七八九十]+|\d+)[)）]?(?:[、.．,，]|(?<=[)）]))/.exec(s);
  if (!m) return undefined;
  const t = m[1]!;
  if (/^\d+$/.test(t)) return Number(t);
  const cn = '一二三四五六七八九';
  if (t === '十') return 10;
  if (t.length === 2 && t[0] === '十') return 10 + cn.indexOf(t[1]!) + 1;
  return t.length === 1 ? cn.indexOf(t) + 1 : undefined;
}

/** Traditional / variant forms OCR returns for the templates' simplified characters. */
const VARIANTS: Record<string, string> = {
  規: '规', 於: '于', 內: '内', 査: '查', 開: '开', 請: '请', 數: '数', 總: '总', 計: '计', 結: '结', 轉: '转',
  處: '处', 執: '执', 許: '许', 與: '与', 資: '资', 複: '复', 為: '为', 範: '范', 價: '价',
  収: '收', 費: '费', 罰: '罚', 強: '强', 經: '经', 訴: '诉', 訟: '讼', 議: '议', 審: '审',
  維: '维', 糾: '纠', 無: '无', 補: '补', 確: '确', 認: '认', 據: '据', 國: '国', 機: '机', 關: '关',
};

/** One label cell → compact form: NFKC, no whitespace, no leading numbering, no punctuation. */
export function normalizeLabel(cell: string): string {
  let s = [...cell.normalize('NFKC').replace(/[\s\u200b\ufeff\u3000]+/g, '')].map((c) => VARIANTS[c] ?? c).join('');
  for (let i = 0; i < 3; i++) {
    const before = s;
    for (const re of NUMBERING) s = s.replace(re, '');
    if (s === before) break;
  }
  return s.replace(/[“”"'‘’「」『』《》<>〈〉()（）\[\]【】,，.。、:：;；!！?？/／\\|·•\-—–_~～*＊]/g, '');
}

/** Label cells of a row → one string: each cell normalised, consecutive repeats (merged cells) dropped. */
export function joinLabels(cells: string[]): string {
  const parts: string[] = [];
  for (const c of cells) {
    const n = normalizeLabel(c);
    if (n && parts[parts.length - 1] !== n) parts.push(n);
  }
  return parts.join('');
}

/** Smallest edit distance between `pattern` and any substring of `text` (Sellers' algorithm). */
export function substringDistance(pattern: string, text: string): number {
  const p = [...pattern];
  const t = [...text];
  if (p.length === 0) return 0;
  let prev = new Array<number>(t.length + 1).fill(0);
  for (let i = 1; i <= p.length; i++) {
    const cur = new Array<number>(t.length + 1);
    cur[0] = i;
    for (let j = 1; j <= t.length; j++) {
      const cost = p[i - 1] === t[j - 1] ? 0 : 1;
      cur[j] = Math.min(prev[j - 1]! + cost, prev[j]! + 1, cur[j - 1]! + 1);
    }
    prev = cur;
  }
  return Math.min(...prev);
}

/** Errors tolerated for a pattern of this length. */
export function allowedErrors(len: number): number {
  if (len <= 3) return 0;
  if (len <= 7) return 1;
  return Math.min(3, Math.floor(len / 4));
}

/** Score of `pattern` in `text`: pattern length minus twice the errors; -Infinity if too far. */
export function patternScore(pattern: string, text: string): number {
  const len = [...pattern].length;
  if (text.includes(pattern)) return len;
  const d = substringDistance(pattern, text);
  return d <= allowedErrors(len) ? len - 2 * d : -Infinity;
}

export interface LabelDef<T> {
  patterns: string[];
  value: T;
}

/** Best-scoring definition for a normalised label, or undefined. Ties go to the earlier definition. */
export function bestMatch<T>(label: string, defs: Array<LabelDef<T>>): { def: LabelDef<T>; score: number } | undefined {
  let best: { def: LabelDef<T>; score: number } | undefined;
  for (const def of defs) {
    for (const p of def.patterns) {
      const score = patternScore(p, label);
      if (score > 0 && (!best || score > best.score)) best = { def, score };
    }
  }
  return best;
}

/** Does the normalised text contain the pattern, fuzzily? */
export function hasLabel(text: string, pattern: string): boolean {
  return patternScore(pattern, text) > 0;
}
