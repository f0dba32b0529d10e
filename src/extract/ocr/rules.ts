/**
 * Ruling lines of a table in the pixels. A rule is a long, thin run of dark pixels: text never
 * makes runs that long, and the dark areas of photos and charts are too thick to count.
 */
import type { Grey } from './pixels.js';

/** One ruling line: `pos` across it, `from`–`to` along it, `thickness` in pixels. */
export interface Rule {
  pos: number;
  start: number;
  end: number;
  from: number;
  to: number;
}

/** Dark enough to be part of a rule: thin rules shrunk to 0.65 px turn grey in the pixels. */
const LINE_DARK = 190;
/** Breaks a JPEG can put into a thin line. */
const MAX_GAP = 3;
const MAX_THICKNESS = 6;

interface Run {
  from: number;
  to: number;
}

function longestRun(get: (i: number) => number, start: number, end: number): Run {
  let best: Run = { from: start, to: start };
  let runStart = -1;
  let lastDark = -1;
  for (let i = start; i < end; i++) {
    if (get(i) < LINE_DARK) {
      if (runStart < 0 || i - lastDark > MAX_GAP + 1) runStart = i;
      lastDark = i;
      if (lastDark + 1 - runStart > best.to - best.from) best = { from: runStart, to: lastDark + 1 };
    }
  }
  return best;
}

/** Adjacent candidate lines form one rule; a group too thick is a filled area, not a rule. */
function group(candidates: { pos: number; run: Run }[]): Rule[] {
  const rules: Rule[] = [];
  let current: Rule | undefined;
  let thickOpen = false;
  const close = (): void => {
    if (current && !thickOpen) rules.push(current);
  };
  for (const c of candidates) {
    if (current && c.pos <= current.end + 1) {
      current.end = c.pos + 1;
      current.from = Math.min(current.from, c.run.from);
      current.to = Math.max(current.to, c.run.to);
      if (current.end - current.start > MAX_THICKNESS) thickOpen = true;
      current.pos = (current.start + current.end - 1) / 2;
      continue;
    }
    close();
    thickOpen = false;
    current = { pos: c.pos, start: c.pos, end: c.pos + 1, from: c.run.from, to: c.run.to };
  }
  close();
  return rules;
}

/** Paper on both sides: a rule is a dark line on light ground, a photo's dark band is not. */
const PAPER = 200;

function meanAlong(get: (i: number) => number, from: number, to: number): number {
  let sum = 0;
  for (let i = from; i < to; i++) sum += get(i);
  return to > from ? sum / (to - from) : 255;
}

function onPaper(g: Grey, rule: Rule, horizontal: boolean): boolean {
  const limit = horizontal ? g.height : g.width;
  const sides = [rule.start - 2, rule.end + 1].filter((p) => p >= 0 && p < limit);
  return sides.every((p) =>
    meanAlong((i) => (horizontal ? g.data[p * g.width + i]! : g.data[i * g.width + p]!), rule.from, rule.to) > PAPER,
  );
}

/** Horizontal rules at least `minLength` long (default: 40% of the width). */
export function horizontalRules(g: Grey, minLength = Math.max(40, g.width * 0.4)): Rule[] {
  const candidates: { pos: number; run: Run }[] = [];
  for (let y = 0; y < g.height; y++) {
    const row = y * g.width;
    const run = longestRun((x) => g.data[row + x]!, 0, g.width);
    if (run.to - run.from >= minLength) candidates.push({ pos: y, run });
  }
  return group(candidates).filter((r) => onPaper(g, r, true));
}

/** Vertical rules within rows `top`–`bottom`, at least `minLength` long (default: 60% of that). */
export function verticalRules(g: Grey, top = 0, bottom = g.height, minLength = Math.max(20, (bottom - top) * 0.6)): Rule[] {
  const candidates: { pos: number; run: Run }[] = [];
  for (let x = 0; x < g.width; x++) {
    const run = longestRun((y) => g.data[y * g.width + x]!, top, bottom);
    if (run.to - run.from >= minLength) candidates.push({ pos: x, run });
  }
  return group(candidates).filter((r) => onPaper(g, r, false));
}

/** Share of `from`–`to` along line `pos` (±1 px) that is dark: is a rule present there? */
export function coverage(g: Grey, horizontal: boolean, pos: number, from: number, to: number): number {
  if (to <= from) return 0;
  let dark = 0;
  for (let i = from; i < to; i++) {
    let hit = false;
    for (let d = -1; d <= 1 && !hit; d++) {
      const p = Math.round(pos) + d;
      if (horizontal) {
        if (p >= 0 && p < g.height && g.data[p * g.width + i]! < LINE_DARK) hit = true;
      } else if (p >= 0 && p < g.width && g.data[i * g.width + p]! < LINE_DARK) hit = true;
    }
    if (hit) dark++;
  }
  return dark / (to - from);
}
