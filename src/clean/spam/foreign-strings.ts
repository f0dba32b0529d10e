/**
 * Brands found without a closed list (issue 9). A hijacker's brand is a string foreign to a
 * government report — betting, casino and lottery words, Latin brand tokens, 官网/入口/平台/app/网址
 * tails, marks such as _ 【】 * — that the page repeats word for word in places where the sentence
 * wants another word. So: start from any such cue (a seed), grow it to the longest string that
 * recurs unchanged around that cue (a brand is pasted whole; the words around it differ from one
 * occurrence to the next), and keep it when the report model finds it foreign and, at most of its
 * occurrences, a plain word reads far better in its place. No brand has to be known in advance:
 * the seeds are single cues that honest text also contains, and the model judges the rest.
 */
import { logProb, rankCandidates, type CharLm } from './char-lm.js';
import { alternation, BRANDS, GENRES, TAILS } from './lexicon.js';

/** Characters at either end of a found string that are the page's words, not the brand's. */
export interface Keep {
  left: number;
  right: number;
}

export interface ForeignString {
  form: string;
  /** Ends of `form` to leave in the text: shared words its growth took in (see grownToMaximal). */
  keep?: Keep;
  /** Occurrences over all texts. */
  count: number;
  evidence: string[];
}

/** Characters a brand is made of; anything else (punctuation, spaces) ends one. */
const BRAND_CHAR = /[\u3400-\u9fffA-Za-z0-9_*\-【】]/;

/**
 * Betting/ad cues beyond the lexicon's: the words brands are built from. Each one also occurs in
 * honest text (体育, 平台, 直播 …); none decides anything alone.
 */
const EXTRA_CUES = ['足彩', '竞猜', '网投', '电竞', '大厅', '提款', '充值', '彩神', '赔率', '盘口', '下注', '娱乐场', '投注站', '用址', '维护', '网页版'];
const CUE_RE = new RegExp(`${alternation([...new Set([...BRANDS, ...GENRES, ...TAILS, ...EXTRA_CUES])])}|[_*【】]|[A-Za-z]+\\d*|\\d+[A-Za-z]+`, 'g');

/** The lexicon's tails that only betting sites use (its 在线, 下载, 首页 … are everyday words). */
const BETTING_TAILS = ['投注', '开户', '开奖', '彩金', '注册送'];

/** Longest brand considered, in characters. */
const MAX_LENGTH = 60;
/** How far a brand may reach on either side of its cue. */
const REACH = 16;
/** Mean log-probability per character (nats) below which a string reads foreign to reports. */
const FOREIGN = -5.5;
/** The same for a string with a brand's shape: the shape is evidence already (digits read as common). */
const FOREIGN_SHAPED = -4;
/** Lead, in nats, of the best plain word over the string itself, at an occurrence that wants a word. */
const WANTS_WORD = 4;

interface Position {
  text: number;
  line: number;
  start: number;
}

interface Line {
  text: number;
  line: number;
  value: string;
}

/** Strings around cues that recur at two or more places, with those places. */
function repeatedAroundCues(lines: Line[]): Map<string, Position[]> {
  const seen = new Map<string, Map<string, Position>>();
  for (const l of lines) {
    const s = l.value;
    for (const m of s.matchAll(CUE_RE)) {
      const a = m.index!;
      const b = a + m[0].length;
      let runStart = a;
      while (runStart > 0 && a - runStart < REACH && BRAND_CHAR.test(s[runStart - 1]!)) runStart--;
      let runEnd = b;
      while (runEnd < s.length && runEnd - b < REACH && BRAND_CHAR.test(s[runEnd]!)) runEnd++;
      for (let from = runStart; from <= a; from++) {
        for (let to = b; to <= runEnd; to++) {
          if (to - from < 3 || to - from > MAX_LENGTH) continue;
          // Part of a host name, URL or e-mail address: domains.ts judges those whole.
          if (/[./@]/.test(s[from - 1] ?? '') || /[./@]/.test(s[to] ?? '')) continue;
          const form = s.slice(from, to);
          const places = seen.get(form) ?? new Map<string, Position>();
          places.set(`${l.text}:${l.line}:${from}`, { text: l.text, line: l.line, start: from });
          seen.set(form, places);
        }
      }
    }
  }
  const out = new Map<string, Position[]>();
  for (const [form, places] of seen) if (places.size >= 2) out.set(form, [...places.values()]);
  return out;
}

/**
 * Each repeated string grown, a character at a time, while every occurrence has the same
 * character on that side: a long brand (30 characters and more) reaches past any one cue's reach.
 * Strings that grow into the same one merge.
 */
function grownToMaximal(repeated: Map<string, Position[]>, lineOf: (p: Position) => string, keeps: Map<string, Keep>): Map<string, Position[]> {
  const out = new Map<string, Position[]>();
  for (const [seed, positions] of repeated) {
    let form = seed;
    let starts = positions.map((p) => p.start);
    let addedLeft = 0;
    let addedRight = 0;
    const same = (chars: string[]): string | undefined => (chars.every((c) => c === chars[0]) && chars[0] && BRAND_CHAR.test(chars[0]) ? chars[0] : undefined);
    for (;;) {
      if (form.length >= MAX_LENGTH) break;
      const left = same(positions.map((p, k) => lineOf(p)[starts[k]! - 1] ?? ''));
      const right = same(positions.map((p, k) => lineOf(p)[starts[k]! + form.length] ?? ''));
      if (!left && !right) break;
      if (left) {
        form = left + form;
        starts = starts.map((x) => x - 1);
        addedLeft++;
      }
      if (right) {
        form += right;
        addedRight++;
      }
    }
    // Growing bridges a long brand's marks and Latin runs; Chinese characters it added at either
    // end may be words every occurrence happens to share (the brand always stood before 信息):
    // kept in the text when the brand is cut out (ForeignString.keep).
    const keepLeft = Math.min(addedLeft, /^[\u3400-\u9fff]*/.exec(form)![0].length);
    const keepRight = Math.min(addedRight, /[\u3400-\u9fff]*$/.exec(form)![0].length);
    const known = keeps.get(form);
    keeps.set(form, known ? { left: Math.min(known.left, keepLeft), right: Math.min(known.right, keepRight) } : { left: keepLeft, right: keepRight });
    const places = out.get(form) ?? [];
    for (const [k, p] of positions.entries()) {
      if (!places.some((q) => q.text === p.text && q.line === p.line && q.start === starts[k])) places.push({ ...p, start: starts[k]! });
    }
    out.set(form, places);
  }
  return out;
}

/**
 * Brands of the page: maximal repeated strings around cues that read foreign to the report model
 * and, at most of their occurrences, sit where one of `words` reads far better.
 */
export function findForeignStrings(texts: string[], words: readonly string[], lm: CharLm): ForeignString[] {
  const lines: Line[] = texts.flatMap((t, text) => t.split('\n').map((value, line) => ({ text, line, value })));
  const byKey = new Map(lines.map((l) => [`${l.text}:${l.line}`, l.value]));
  const lineOf = (p: Position): string => byKey.get(`${p.text}:${p.line}`) ?? '';
  const found: ForeignString[] = [];
  const keeps = new Map<string, Keep>();
  const repeated = [...grownToMaximal(repeatedAroundCues(lines), lineOf, keeps)];
  // Most text covered first (occurrences × length): a brand covers more than a string that runs
  // on into the words around a few of its occurrences (省<brand>), and more than a piece of it
  // that also stands alone somewhere (its 【…】 tail in a page title).
  repeated.sort((a, b) => b[1].length * b[0].length - a[1].length * a[0].length || b[0].length - a[0].length);
  const taken: { key: string; start: number; end: number }[] = [];
  for (const [form, positions] of inOrder(repeated)) {
    const shaped = brandShaped(form);
    if (!shaped && !(tailEnded(form) && positions.length >= 3)) continue;
    const free = positions.filter((p) => !taken.some((t) => t.key === `${p.text}:${p.line}` && t.start < p.start + form.length && p.start < t.end));
    if (free.length < 2) continue;
    const foreignness = meanLogProb(form, free, lineOf, lm);
    if (foreignness > (shaped ? FOREIGN_SHAPED : FOREIGN)) continue;
    const wanting = free.filter((p) => wantsWord(lineOf(p), p.start, p.start + form.length, words, lm)).length;
    // A string with nothing of a brand's shape but its ad tail must want a word everywhere.
    if (shaped ? wanting * 2 < free.length : wanting < free.length) continue;
    for (const p of free) taken.push({ key: `${p.text}:${p.line}`, start: p.start, end: p.start + form.length });
    const keep = keeps.get(form);
    found.push({
      form,
      ...(keep && (keep.left || keep.right) ? { keep } : {}),
      count: free.length,
      evidence: [`repeats ×${free.length}`, shaped ? 'brand-shaped' : 'ends with an ad word', `reads foreign (${foreignness.toFixed(1)} nats/char)`, `a word fits better at ${wanting}/${free.length}`],
    });
  }
  return found;
}

/**
 * The sorted strings, each preceded by the same string with Chinese words cut from its ends when
 * that one recurs at more places: a brand standing before the same words at most of its
 * occurrences (<brand>市财政局 on a 财政局's pages) is still the brand alone, and its other
 * occurrences (<brand>采购网) are the evidence.
 */
function inOrder(repeated: [string, Position[]][]): [string, Position[]][] {
  const byForm = new Map(repeated);
  const out: [string, Position[]][] = [];
  const done = new Set<string>();
  const visit = (form: string, positions: Position[]): void => {
    if (done.has(form)) return;
    done.add(form);
    // Never a cut through the brand's own ad tail (…官方入口 is no brand 官 and words 方入口).
    const core = wordsTrimmed(form)
      .filter((c) => (byForm.get(c)?.length ?? 0) > positions.length && !(tailEnded(form) && !tailEnded(c)))
      .sort((a, b) => byForm.get(b)!.length - byForm.get(a)!.length)[0];
    if (core) visit(core, byForm.get(core)!);
    out.push([form, positions]);
  };
  for (const [form, positions] of repeated) visit(form, positions);
  return out;
}

/** `form` with two or more Chinese characters cut from its start, its end or both. */
function wordsTrimmed(form: string): string[] {
  const lead = /^[\u3400-\u9fff]*/.exec(form)![0].length;
  const trail = /[\u3400-\u9fff]*$/.exec(form)![0].length;
  if (lead === form.length) return [];
  const out: string[] = [];
  for (let i = 0; i <= lead; i++) {
    for (let j = 0; j <= trail; j++) {
      if ((i && i < 2) || (j && j < 2) || !(i || j) || form.length - i - j < 3) continue;
      out.push(form.slice(i, form.length - j));
    }
  }
  return out;
}

/** Ad tails a brand ends with: it names a site, an app or a betting hall. */
const FINAL_TAIL = /(?:网|平台|官网|网址|入口|大厅|站|app|娱乐场|娱乐城|登录|备用|手机版|网页版|维护)$/i;
const GAMBLING_CUE = new RegExp(alternation([...new Set([...BRANDS, ...GENRES, ...EXTRA_CUES, ...BETTING_TAILS])]));

/**
 * The shape of a brand, not of an honest phrase that shares its words (校园足球, 足球联赛, U17男篮,
 * 政务服务平台, 销售彩票): marks inside (_ * 【】), a Latin+digits token (ag9188, bt365), or a
 * betting word followed by the ad tail the string ends with (…足球网, …竞猜平台, …彩票大厅).
 */
export function brandShaped(form: string): boolean {
  if (/[^\s][_*【】]|[【】]/.test(form)) return true;
  // Three digits or more: IPv6, H5, 4G, MP4 are everyday words of reports.
  if (/[A-Za-z]{2,}\d{3}|\d{3}[A-Za-z]{2,}/.test(form)) return true;
  const tail = FINAL_TAIL.exec(form.replace(/[:：]$/, ''));
  return !!tail && GAMBLING_CUE.test(form.slice(0, tail.index));
}

/** Ends with an ad tail after a name of two characters or more (…网络平台, …娱乐网). */
function tailEnded(form: string): boolean {
  const bare = form.replace(/[:：]$/, '');
  const tail = FINAL_TAIL.exec(bare) ?? ANY_TAIL.exec(bare);
  return !!tail && tail.index >= 2;
}

/** Every ad word of the lexicon, for strings judged by the model alone (repeated, foreign, wanting a word everywhere). */
const ANY_TAIL = new RegExp(`(?:${alternation([...TAILS, ...EXTRA_CUES])})$`, 'i');

/** Mean log-probability per character of the string where it stands. */
function meanLogProb(form: string, positions: Position[], lineOf: (p: Position) => string, lm: CharLm): number {
  let sum = 0;
  for (const p of positions) sum += logProb(lm, form, lineOf(p).slice(Math.max(0, p.start - 3), p.start));
  return sum / positions.length / [...form].length;
}

/** At this occurrence, a plain word reads far better than the string (and than nothing at all). */
function wantsWord(line: string, start: number, end: number, words: readonly string[], lm: CharLm): boolean {
  const before = line.slice(Math.max(0, start - 8), start);
  const after = line.slice(end, end + 12).replace(/^[:：]/, '');
  const self = line.slice(start, end);
  const ranked = rankCandidates(lm, before, [self, ...words, ''], after, { lengthBonus: 1 });
  const selfScore = ranked.find((r) => r.candidate === self)!.score;
  const best = ranked.find((r) => r.candidate !== self)!;
  return best.score - selfScore >= WANTS_WORD;
}
