/**
 * Statistics tables → figures (docs/figures.md): template recognition, label/column mapping, the
 * templates' own sums as checks, and repair of broken sums from OCR alternative readings.
 */
import type { ExtractedTable, FigureCheck, ReportFigures, ReportTemplate } from '../../types.js';
import { evaluate, rulesFor, ruleKeys, runChecks, type CheckRule } from './checks.js';
import { APPLICANT_COLUMNS } from './keys.js';
import { mapLegacy } from './map-legacy.js';
import { mapModern } from './map-modern.js';
import { cellKind, parseNumber } from './parse-number.js';
import { FigureSink, type CellRef } from './sink.js';
import { detectTemplate } from './template.js';

export { parseNumber } from './parse-number.js';
export { detectTemplate } from './template.js';
export { FIGURE_KEYS, APPLICANT_COLUMNS, type FigureKeyInfo } from './keys.js';
export { normalizeLabel } from './labels.js';

export interface ExtractFiguresOptions {
  reportYear?: number;
  /** Force a template instead of detecting it. */
  template?: ReportTemplate;
}

/** Figures the templates imply but do not print: 2021 三(六) total, 2019+ 行政诉讼 total. */
function derive(raw: Record<string, number>, template: ReportTemplate): Record<string, number> {
  const f = { ...raw };
  if (template === '2021') {
    for (const col of APPLICANT_COLUMNS) {
      const parts = ['no_correction', 'no_fee', 'other'].map((p) => `applications.other.${p}.${col}`);
      if (!(`applications.other.${col}` in f) && parts.some((k) => k in f)) {
        f[`applications.other.${col}`] = parts.reduce((s, k) => s + (f[k] ?? 0), 0);
      }
    }
  }
  if (template !== '2008' && !('litigation.total' in f) && 'litigation.direct.total' in f && 'litigation.after_review.total' in f) {
    f['litigation.total'] = f['litigation.direct.total']! + f['litigation.after_review.total']!;
  }
  return f;
}

const MAX_SUBSTITUTIONS = 3;
const MAX_TRIALS = 20000;

interface Candidate {
  key: string;
  options: number[];
}

function alternativesOf(tables: ExtractedTable[], ref: CellRef | undefined, current: number): number[] {
  if (!ref) return [];
  const alts = tables[ref.table]?.alternatives?.[`${ref.row},${ref.col}`] ?? [];
  const out: number[] = [];
  for (const a of alts) {
    const v = cellKind(a) === 'blank' ? 0 : parseNumber(a);
    if (typeof v === 'number' && v !== current && !out.includes(v)) out.push(v);
  }
  return out;
}

function* subsets<T>(items: T[], size: number, start = 0, acc: T[] = []): Generator<T[]> {
  if (acc.length === size) {
    yield acc;
    return;
  }
  for (let i = start; i < items.length; i++) yield* subsets(items, size, i + 1, [...acc, items[i]!]);
}

function* assignments(cands: Candidate[], i = 0, acc: number[] = []): Generator<number[]> {
  if (i === cands.length) {
    yield acc;
    return;
  }
  for (const v of cands[i]!.options) yield* assignments(cands, i + 1, [...acc, v]);
}

/**
 * Try the OCR alternatives of the cells in failed checks: the fewest substitutions that make every
 * check touching a substituted key pass, fix at least one failed check and break none that passed.
 * Adopted only when exactly one combination is best.
 */
function repair(
  raw: Record<string, number>,
  rules: CheckRule[],
  template: ReportTemplate,
  tables: ExtractedTable[],
  sources: Record<string, CellRef>,
  uncertain: Set<string>,
): Record<string, number> {
  let current = raw;
  const substituted = new Set<string>();
  for (let round = 0; round < 5; round++) {
    const checks = runChecks(rules, derive(current, template));
    const failing = checks.filter((c) => !c.check.ok);
    if (failing.length === 0) break;
    const cands: Candidate[] = [];
    for (const { rule } of failing) {
      for (const key of ruleKeys(rule)) {
        if (substituted.has(key) || cands.some((c) => c.key === key) || !(key in current)) continue;
        const options = alternativesOf(tables, sources[key], current[key]!);
        if (options.length) cands.push({ key, options });
      }
    }
    if (cands.length === 0) break;
    const passedBefore = new Set(checks.filter((c) => c.check.ok).map((c) => c.rule.rule));
    let best: Array<{ subs: Record<string, number>; failing: number }> = [];
    let trials = 0;
    for (let size = 1; size <= Math.min(MAX_SUBSTITUTIONS, cands.length) && best.length === 0; size++) {
      for (const subset of subsets(cands, size)) {
        for (const values of assignments(subset)) {
          if (++trials > MAX_TRIALS) break;
          const subs: Record<string, number> = {};
          subset.forEach((c, i) => (subs[c.key] = values[i]!));
          const figs = derive({ ...current, ...subs }, template);
          const after = runChecks(rules, figs);
          const touched = after.filter(({ rule }) => ruleKeys(rule).some((k) => k in subs));
          if (touched.some((c) => !c.check.ok)) continue;
          if (after.some((c) => !c.check.ok && passedBefore.has(c.rule.rule))) continue;
          const nFailing = after.filter((c) => !c.check.ok).length;
          if (nFailing >= failing.length) continue;
          if (best.length === 0 || nFailing < best[0]!.failing) best = [{ subs, failing: nFailing }];
          else if (nFailing === best[0]!.failing) best.push({ subs, failing: nFailing });
        }
      }
    }
    if (best.length !== 1) {
      // None, or several equally good: keep the first readings; their keys are uncertain.
      for (const b of best) for (const k of Object.keys(b.subs)) uncertain.add(k);
      break;
    }
    const chosen = best[0]!.subs;
    for (const k of Object.keys(chosen)) {
      substituted.add(k);
      uncertain.add(k);
    }
    current = { ...current, ...chosen };
  }
  return current;
}

/**
 * Rows of one table that are mapped at most. The templates' tables have a few dozen rows; a table
 * of thousands (a listing, a page of tab-separated garbage) would only cost time, as every row is
 * matched against every label.
 */
const MAX_TABLE_ROWS = 1000;

export function extractFigures(all: ExtractedTable[], options: ExtractFiguresOptions = {}): ReportFigures {
  // Cut at the end, so row numbers (cell references, alternatives) stay as they are.
  const tables = all.map((t) => (t.rows.length > MAX_TABLE_ROWS ? { ...t, rows: t.rows.slice(0, MAX_TABLE_ROWS) } : t));
  const template = options.template ?? detectTemplate(tables, options.reportYear);
  if (!template) return { figures: {}, checks: [], uncertain: [] };
  const sink = new FigureSink(tables);
  if (template === '2008') mapLegacy(tables, sink);
  else mapModern(tables, template, sink);

  const rules = rulesFor(template);
  const uncertain = new Set<string>(sink.guessed);
  const raw = repair(sink.figures, rules, template, tables, sink.sources, uncertain);
  const figures = derive(raw, template);
  const checks: FigureCheck[] = [];
  for (const rule of rules) {
    const check = evaluate(rule, figures);
    if (!check) continue;
    checks.push(check);
    if (check.ok) continue;
    for (const key of ruleKeys(rule)) {
      const ref = sink.sources[key];
      if (!ref) continue;
      const table = tables[ref.table];
      // A failed sum on an OCR reading: every figure in it is suspect; elsewhere only those
      // with other readings on offer.
      if (table?.source === 'image' || table?.source === 'ocr' || table?.alternatives?.[`${ref.row},${ref.col}`]?.length) uncertain.add(key);
    }
  }
  return { template, figures, checks, uncertain: [...uncertain].sort() };
}
