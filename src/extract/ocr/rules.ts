/**
 * Ruling lines of a table in the pixels. A rule is a long, thin run of line pixels (valleys:
 * darker than both sides, see valleys.ts): text never makes runs that long, and the dark areas of
 * photos and charts are no valleys. Vertical rules are found row by row between the horizontal
 * ones, because merged cells (表二's block rows, 表四's header) cut most inner verticals short.
 */
import type { Grey } from './pixels.js';
import type { LineMasks } from './valleys.js';

/** One ruling line: `pos` across it, `start`–`end` its thickness, `from`–`to` along it. */
export interface Rule {
  pos: number;
  start: number;
  end: number;
  from: number;
  to: number;
}

/** Breaks a rule can show: JPEG dropouts, a crossing grey rule. Text lines break more often. */
const MAX_GAP = 3;
/** A 3 px rule softened by blur and a residual tilt; anything thicker is a filled area. */
const MAX_THICKNESS = 10;
/** Share of a row band a vertical rule must run through: glyph strokes stay well below. */
const SEGMENT_COVER = 0.8;
/** The same in a band next to one the rule crosses at SEGMENT_COVER. */
const WEAK_COVER = 0.45;

interface Run {
  from: number;
  to: number;
}

function longestRun(get: (i: number) => boolean, start: number, end: number): Run {
  let best: Run = { from: start, to: start };
  let runStart = -1;
  let lastDark = -1;
  for (let i = start; i < end; i++) {
    if (get(i)) {
      if (runStart < 0 || i - lastDark > MAX_GAP + 1) runStart = i;
      lastDark = i;
      if (lastDark + 1 - runStart > best.to - best.from) best = { from: runStart, to: lastDark + 1 };
    }
  }
  return best;
}

interface Candidate {
  pos: number;
  run: Run;
  /** Line pixels along the run. */
  weight?: number;
}

/**
 * Adjacent candidate lines form one rule. A group too thick is either a filled area or a rule
 * with text touching it (rows through the glyphs bridged by the vertical rules): the rows as
 * solid as the group's most solid one are the rule, if they are thin enough.
 */
function group(candidates: Candidate[], maxThickness = MAX_THICKNESS): Rule[] {
  const groups: Candidate[][] = [];
  for (const c of candidates) {
    const last = groups[groups.length - 1];
    if (last && c.pos <= last[last.length - 1]!.pos + 1) last.push(c);
    else groups.push([c]);
  }
  const rules: Rule[] = [];
  for (const members of groups) {
    if (members.length <= maxThickness) {
      rules.push(toRule(members));
      continue;
    }
    const best = Math.max(...members.map((m) => m.weight ?? 0));
    if (!best) continue;
    const solid = members.filter((m) => (m.weight ?? 0) >= best * 0.97);
    rules.push(...group(solid.map((m) => ({ ...m, weight: undefined })), maxThickness));
  }
  return rules;
}

/** Rows of a rule at least this share of its heaviest row's line pixels are its core. */
const CORE = 0.8;

function toRule(members: Candidate[]): Rule {
  const start = members[0]!.pos;
  const end = members[members.length - 1]!.pos + 1;
  // The extent of the rule's core rows: a faint, blurred rule's halo rows are line pixels only
  // in stretches, and outnumber its one solid row. Of the core, the middle row's extent (an edge
  // row may run on into glyphs that touch the rule); of two rows, the longer.
  const heaviest = Math.max(0, ...members.map((m) => m.weight ?? 0));
  const core = heaviest ? members.filter((m) => (m.weight ?? 0) >= heaviest * CORE) : members;
  const sorted = (xs: number[]): number[] => xs.sort((a, b) => a - b);
  const froms = sorted(core.map((m) => m.run.from));
  const tos = sorted(core.map((m) => m.run.to));
  return { pos: (start + end - 1) / 2, start, end, from: froms[Math.floor((froms.length - 1) / 2)]!, to: tos[Math.ceil((tos.length - 1) / 2)]! };
}

function meanAlong(get: (i: number) => number, from: number, to: number): number {
  let sum = 0;
  for (let i = from; i < to; i++) sum += get(i);
  return to > from ? sum / (to - from) : 255;
}

/**
 * Paper beside it: a rule is a line on light ground (a grey header band included), the inside of
 * a photo's dark area is not. One side may be text that touches the rule.
 */
function onPaper(g: Grey, rule: Rule, paper: number): boolean {
  const sides = [rule.start - 3, rule.end + 2].filter((p) => p >= 0 && p < g.height);
  return sides.some((p) => meanAlong((i) => g.data[p * g.width + i]!, rule.from, rule.to) > paper - 60);
}

/**
 * Horizontal rules at least `minShare` of the longest one (the table's border), and 40% of the
 * width when the image has no long line at all: partial rules under merged cells count too.
 */
export function horizontalRules(g: Grey, masks: LineMasks, minShare = 0.2): Rule[] {
  const runs: Run[] = [];
  for (let y = 0; y < g.height; y++) {
    const row = y * g.width;
    runs.push(longestRun((x) => masks.h[row + x] === 1, 0, g.width));
  }
  const longest = Math.max(0, ...runs.map((r) => r.to - r.from));
  const minLength = Math.max(40, longest >= g.width * 0.4 ? longest * minShare : g.width * 0.4);
  // A rule is solid along its run; a row through text that touches the rules (tight padding, small
  // blurred glyphs) bridges its gaps with the vertical rules and glyphs, but stays full of holes.
  const solid = (y: number, run: Run): boolean => {
    let n = 0;
    for (let x = run.from; x < run.to; x++) n += masks.h[y * g.width + x]!;
    return n >= (run.to - run.from) * SOLID;
  };
  const weight = (y: number, run: Run): number => {
    let n = 0;
    for (let x = run.from; x < run.to; x++) n += masks.h[y * g.width + x]!;
    return n;
  };
  const candidates = runs.flatMap((run, y) => (run.to - run.from >= minLength && solid(y, run) ? [{ pos: y, run, weight: weight(y, run) }] : []));
  const rules = group(candidates).filter((r) => onPaper(g, r, masks.paper));
  // Full-width rules stand on their own; a shorter one (under a merged cell) must end on vertical
  // rules, which the run of a line of small, blurred text does not.
  const left = Math.min(...rules.map((r) => r.from));
  const right = Math.max(...rules.map((r) => r.to));
  const full = (r: Rule): boolean => r.from - left <= 6 && right - r.to <= 6;
  // As dark as the full rules all along: a row through text alternates strokes and gaps.
  const need = Math.max(6, ruleDarkness(g, masks.paper, rules.filter(full)) * 0.45);
  // The rule part of a run: as dark as the full rules, and lighter just above or below (a row
  // through the middle of text runs into the glyphs' vertical strokes). Text that touches a rule
  // end to end (a merged label's last line) is cut off this way.
  const trimmed = (r: Rule, need: number, share = 0.9): Rule | undefined => {
    const ok = (x: number): boolean => {
      let min = 255;
      for (let y = r.start; y < r.end; y++) min = Math.min(min, g.data[y * g.width + x]!);
      if (min > masks.paper - need) return false;
      const above = r.start - 2 >= 0 ? g.data[(r.start - 2) * g.width + x]! : 255;
      const below = r.end + 1 < g.height ? g.data[(r.end + 1) * g.width + x]! : 255;
      return Math.max(above, below) - min >= need;
    };
    // A glyph touching a faint rule near its end cuts the line-pixel run short of the vertical it
    // ends on; the rule's own darkness still reaches it.
    const run = longestRun(ok, Math.max(0, r.from - REACH_END), Math.min(g.width, r.to + REACH_END));
    if (run.to - run.from < minLength) return undefined;
    let n = 0;
    for (let x = run.from; x < run.to; x++) if (ok(x)) n++;
    return n >= (run.to - run.from) * share ? { ...r, from: run.from, to: run.to } : undefined;
  };
  const ends = (part: Rule | undefined, reach?: number): part is Rule => !!part && meetsVertical(g, masks, part, part.from, reach) && meetsVertical(g, masks, part, part.to - 1, reach);
  const found: Rule[] = [];
  const doubted: Rule[] = [];
  for (const r of rules) {
    if (full(r) && r.end - r.start < THICK) found.push(r);
    else {
      const part = trimmed(r, need);
      if (ends(part)) found.push(part);
      else doubted.push(r);
    }
  }
  return [...found, ...missedRules(doubted, found, (r, row) => {
    // A faint rule under a tinted band or shrunk to a blend of grey: half the contrast, noisier.
    // Its ends meet verticals that run on through most of a row, not the strokes of a wrapped
    // label's glyphs.
    const part = trimmed(r, need * 0.5, 0.7);
    return ends(part, Math.round(row * 0.7)) ? part : undefined;
  })].sort((a, b) => a.pos - b.pos);
}

/**
 * Rules the strict test turned down, given a second chance only where the rules found leave a
 * gap of two rows or more: a faint rule is missing there, or a wrapped label is. The rule must
 * still end on verticals at both ends, which a run of text does not.
 */
function missedRules(doubted: Rule[], found: Rule[], retry: (r: Rule, row: number) => Rule | undefined): Rule[] {
  const sorted = [...found].sort((a, b) => a.pos - b.pos);
  const gaps = sorted.slice(1).map((r, i) => r.pos - sorted[i]!.pos).sort((a, b) => a - b);
  const row = gaps[Math.floor(gaps.length / 2)];
  if (!row) return [];
  return doubted.flatMap((r) => {
    const above = sorted.filter((f) => f.pos < r.pos).pop();
    const below = sorted.find((f) => f.pos > r.pos);
    if (!above || !below || below.pos - above.pos < row * 1.7) return [];
    if (Math.min(r.pos - above.pos, below.pos - r.pos) < row * 0.6) return [];
    const part = retry(r, row);
    return part ? [part] : [];
  });
}

/** Share of a rule's run made of line pixels. */
const SOLID = 0.85;

/** How far past its line-pixel run a partial rule is followed towards the vertical it ends on. */
const REACH_END = 12;

/** From this thickness a "rule" may be a line of small blurred text run together. */
const THICK = 4;

/**
 * A rule ends on a vertical rule (a border or the edge of a merged cell), which goes on above or
 * below it; a run of text ends at a glyph no taller than itself.
 */
function meetsVertical(g: Grey, masks: LineMasks, rule: Rule, end: number, reach = rule.end - rule.start + 5): boolean {
  for (let x = Math.max(1, end - 4); x <= Math.min(g.width - 2, end + 4); x++) {
    const at = (y: number): boolean => {
      const i = y * g.width + x;
      return !!(masks.v[i] || masks.v[i - 1] || masks.v[i + 1]);
    };
    // Outward from the rule, a pixel of slack sideways and one missing pixel allowed.
    const run = (dir: number): number => {
      let n = 0;
      let misses = 0;
      for (let y = dir < 0 ? rule.start - 1 : rule.end; y >= 0 && y < g.height; y += dir) {
        if (at(y)) n++;
        else if (++misses > 1) break;
      }
      return n;
    };
    if (run(-1) >= reach || run(1) >= reach) return true;
  }
  return false;
}

/** Share of `from`–`to` along line `pos` (± `reach` px) made of line pixels: is a rule there? */
export function coverage(g: Grey, mask: Uint8Array, horizontal: boolean, pos: number, from: number, to: number, reach = 1): number {
  if (to <= from) return 0;
  let hits = 0;
  const p0 = Math.round(pos);
  for (let i = from; i < to; i++) {
    let hit = false;
    for (let d = -reach; d <= reach && !hit; d++) {
      const p = p0 + d;
      if (horizontal) {
        if (p >= 0 && p < g.height && i >= 0 && i < g.width && mask[p * g.width + i]) hit = true;
      } else if (p >= 0 && p < g.width && i >= 0 && i < g.height && mask[i * g.width + p]) hit = true;
    }
    if (hit) hits++;
  }
  return hits / (to - from);
}

/** A vertical rule with the row bands it runs through. */
export interface VerticalRule extends Rule {
  /** Indexes of the bands (between consecutive horizontal rules) it crosses from top to bottom. */
  bands: number[];
  /** Those bands' rows. */
  spans: { y0: number; y1: number }[];
}

/**
 * Vertical rules, each found where it runs through a whole band between two horizontal rules.
 * A short inner rule (between two cells of one row under a merged header) counts as much as a
 * border; text never runs through a whole band.
 */
export function verticalSegments(g: Grey, masks: LineMasks, horizontals: Rule[]): VerticalRule[] {
  const bands: { y0: number; y1: number }[] = [];
  for (let i = 0; i + 1 < horizontals.length; i++) {
    const y0 = horizontals[i]!.end;
    const y1 = horizontals[i + 1]!.start;
    if (y1 - y0 >= 8) bands.push({ y0, y1 });
  }
  const left = Math.max(0, Math.min(...horizontals.map((r) => r.from)) - 4);
  const right = Math.min(g.width, Math.max(...horizontals.map((r) => r.to)) + 4);
  // The table's own rules say how dark a rule is here; JPEG ringing around glyphs is a valley too,
  // but a faint one, and it never runs through a whole band at a rule's darkness.
  const need = ruleNeed(g, masks, horizontals);
  const crossed = new Map<number, number[]>();
  /** "x,band" where the column runs through the band unbroken. */
  const complete = new Set<string>();
  /** "x,band" where the column runs through most of the band: text touching a faint rule. */
  const weak = new Set<string>();
  for (let x = left + 1; x < right - 1; x++) {
    bands.forEach((b, k) => {
      const cover = bandCover(g, masks, x, b, need);
      if (cover >= SEGMENT_COVER) {
        const list = crossed.get(x) ?? [];
        list.push(k);
        crossed.set(x, list);
      }
      if (cover >= WEAK_COVER) weak.add(`${x},${k}`);
      if (cover >= 0.97) complete.add(`${x},${k}`);
    });
  }
  // A rule found in one band goes on into the next on weaker evidence: a grey gridline between
  // cells whose text touches it on both sides (Excel's header row, shrunk).
  for (const [x, ks] of crossed) {
    for (const k of [...ks]) {
      for (const n of [k - 1, k + 1]) {
        if (ks.includes(n)) continue;
        if ([x - 1, x, x + 1].some((xx) => weak.has(`${xx},${n}`))) ks.push(n);
      }
    }
  }
  const candidates = [...crossed.keys()].sort((a, b) => a - b).map((x) => ({ pos: x, run: { from: 0, to: 0 } }));
  const rules = group(candidates).flatMap((rule) => {
    const ks = new Set<number>();
    for (let x = rule.start; x < rule.end; x++) for (const k of crossed.get(x) ?? []) ks.add(k);
    // Tight rows of text (WPS's, glyphs touching both rules) line up strokes from rule to rule;
    // a rule stays as thin as itself through the band, a stroke is crossed by others.
    const list = [...ks].filter((k) => {
      // Where in the group this band is crossed: strokes of different labels line up only roughly.
      let x0 = rule.end;
      let x1 = rule.start;
      for (let x = rule.start; x < rule.end; x++) {
        if (crossed.get(x)?.includes(k)) {
          x0 = Math.min(x0, x);
          x1 = Math.max(x1, x + 1);
        }
      }
      return crossedShare(g, x0, x1, bands[k]!) < GLYPH_ROWS;
    }).sort((a, b) => a - b);
    if (!list.length) return [];
    return [{ ...rule, from: bands[list[0]!]!.y0, to: bands[list[list.length - 1]!]!.y1, bands: list, spans: list.map((k) => bands[k]!) }];
  });
  // A glyph's stroke can fill a tight row from rule to rule, but in scattered rows (the same
  // stroke of different labels lining up by chance); a rule between cells goes on in the next row
  // (表四's header, 表二's blocks). Or it runs unbroken from rule to rule, which no glyph does
  // (表四's lone row of figures).
  const unbroken = (r: VerticalRule): boolean => {
    for (let x = r.start; x < r.end; x++) if (r.bands.some((k) => complete.has(`${x},${k}`))) return true;
    return false;
  };
  const twoInARow = (r: VerticalRule): boolean => r.bands.some((k, i) => r.bands[i + 1] === k + 1);
  return bands.length > 2 ? rules.filter((r) => twoInARow(r) || unbroken(r)) : rules;
}

/** Rows at either end of a band where a rule may not break. */
const END_ROWS = 3;

/** Share of a band's rows beyond which a "rule" is crossed too often to be one: a glyph's stroke. */
const GLYPH_ROWS = 0.2;

/**
 * Share of a band's inner rows where ink runs on past both sides of a vertical line at x0–x1:
 * strokes crossing a glyph's vertical stroke. Text touching a rule touches one side, not both,
 * and a rule's own halo or a faint rule is no ink: ink is text-dark against the band's ground
 * (a grey header band's included).
 */
function crossedShare(g: Grey, x0: number, x1: number, b: { y0: number; y1: number }): number {
  let crossed = 0;
  let rows = 0;
  const ground = bandGround(g, x0, x1, b);
  const limit = ground - TEXT_INK;
  // One closure for all rows: this runs for every candidate rule in every band.
  let row = 0;
  const dark = (x: number): boolean => x >= 0 && x < g.width && g.data[row + x]! <= limit;
  for (let y = b.y0 + 2; y < b.y1 - 2; y++) {
    rows++;
    row = y * g.width;
    if (dark(x0 - 2) && dark(x0 - 3) && dark(x1 + 1) && dark(x1 + 2)) crossed++;
  }
  return rows ? crossed / rows : 0;
}

/** How much darker than its ground text is, at least: a grey rule or JPEG ringing is less. */
const TEXT_INK = 50;

/** The band's ground around x0–x1: the light end of its pixels. */
function bandGround(g: Grey, x0: number, x1: number, b: { y0: number; y1: number }): number {
  // A histogram, not a sort: this runs for every candidate rule in every band of a page.
  const counts = new Uint32Array(256);
  let n = 0;
  for (let y = b.y0 + 1; y < b.y1 - 1; y++) {
    for (let x = Math.max(0, x0 - 8); x < Math.min(g.width, x1 + 8); x++) {
      if (x < x0 - 1 || x > x1) {
        counts[g.data[y * g.width + x]!]!++;
        n++;
      }
    }
  }
  if (!n) return 255;
  // The value at sorted index floor(0.8 n).
  const at = Math.floor(n * 0.8);
  let seen = 0;
  for (let v = 0; v < 256; v++) {
    seen += counts[v]!;
    if (seen > at) return v;
  }
  return 255;
}

/**
 * Is row y of column x a rule's pixel: darker than the ground on both sides by `need` (a header
 * band's JPEG noise is a shallow valley)? A thin rule at a fractional position shares its ink
 * between two columns of pixels. Module-level, not a closure: bandCover runs for every candidate
 * column of every band, and closures made per call cost more than the test (tsx names each).
 */
function ruleRow(g: Grey, masks: LineMasks, x: number, y: number, need: number): boolean {
  const i = y * g.width + x;
  const limit = masks.paper - need;
  return (deepValley(g, masks, i, x, need) && g.data[i]! <= limit) || (deepValley(g, masks, i + 1, x + 1, need) && g.data[i]! <= limit + need / 2);
}

function deepValley(g: Grey, masks: LineMasks, i: number, x: number, need: number): boolean {
  if (!masks.v[i]) return false;
  const v = g.data[i]!;
  let l = 0;
  let r = 0;
  for (let d = 2; d <= 5; d++) {
    if (x - d >= 0) l = Math.max(l, g.data[i - d]!);
    if (x + d < g.width) r = Math.max(r, g.data[i + d]!);
  }
  return Math.min(l, r) - v >= Math.max(8, need * 0.6);
}

/** Share of a band's rows where column x is a line pixel at least `need` darker than paper. */
function bandCover(g: Grey, masks: LineMasks, x: number, b: { y0: number; y1: number }, need: number): number {
  const line = (y: number): boolean => ruleRow(g, masks, x, y, need);
  // A rule meets the rules above and below; a glyph, however tall, leaves paper at one end at least.
  const touches = (ys: number[]): boolean => ys.some((y) => y >= b.y0 && y < b.y1 && line(y));
  if (!touches([b.y0, b.y0 + 1]) || !touches([b.y1 - 1, b.y1 - 2])) return 0;
  const depths: number[] = [];
  for (let y = b.y0; y < b.y1; y++) {
    if (!line(y)) continue;
    const i = y * g.width + x;
    depths.push(masks.paper - Math.min(g.data[i]!, g.data[i + 1]!));
  }
  // A rule is evenly dark from end to end; glyph strokes with JPEG ringing around them swing
  // from black to barely grey.
  depths.sort((a, b) => a - b);
  const low = depths[Math.floor(depths.length * 0.1)] ?? 0;
  const high = depths[Math.floor(depths.length * 0.9)] ?? 0;
  if (low < high * 0.4) return 0;
  const cover = depths.length / Math.max(1, b.y1 - b.y0);
  if (cover < WEAK_COVER) return cover;
  // A rule meets the rules above and below with no break; a glyph leaves a row of ground between
  // its stroke and the rules (a few rows of slack are what let blurred text through above).
  const ground = bandGround(g, x, x + 1, b);
  const light = (y: number): boolean => g.data[y * g.width + x]! >= ground - need / 2 && (x + 1 >= g.width || g.data[y * g.width + x + 1]! >= ground - need / 2);
  for (let d = 0; d < END_ROWS; d++) if (light(b.y0 + d) || light(b.y1 - 1 - d)) return 0;
  return cover;
}

/** Typical darkness of the horizontal rules below paper: the darkest pixel across each, sampled along. */
function ruleDarkness(g: Grey, paper: number, rules: Rule[]): number {
  const samples: number[] = [];
  for (const r of rules) {
    for (let k = 1; k < 40; k++) {
      const x = Math.round(r.from + ((r.to - r.from) * k) / 40);
      let min = 255;
      for (let y = Math.max(0, r.start - 1); y < Math.min(g.height, r.end + 1); y++) min = Math.min(min, g.data[y * g.width + x]!);
      samples.push(paper - min);
    }
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)] ?? 0;
}

/** How much darker than paper a pixel must be to belong to one of this table's rules. */
export function ruleNeed(g: Grey, masks: LineMasks, horizontals: Rule[]): number {
  return Math.max(8, ruleDarkness(g, masks.paper, horizontals) * 0.3);
}

/** Is there a vertical rule near x (± reach) running through rows y0–y1? */
export function verticalBetween(g: Grey, masks: LineMasks, x: number, y0: number, y1: number, reach: number, need: number, cover = 0.75): boolean {
  for (let xx = Math.max(1, Math.round(x) - reach); xx <= Math.min(g.width - 2, Math.round(x) + reach); xx++) {
    if (bandCover(g, masks, xx, { y0, y1 }, need) >= cover) return true;
  }
  return false;
}
