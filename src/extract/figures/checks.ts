/** The templates' own sums (勾稽关系) as check rules over figure keys. */
import type { FigureCheck, ReportTemplate } from '../../types.js';
import { APPLICANT_COLUMNS, APPLICATION_ROWS } from './keys.js';

export interface CheckRule {
  rule: string;
  lhs: string[];
  rhs: string[];
}

const REFUSED = ['secret', 'prohibited', 'safety', 'third_party', 'internal', 'process', 'enforcement', 'query'].map((s) => `refused.${s}`);
const UNABLE = ['not_held', 'needs_creation', 'unclear'].map((s) => `unable.${s}`);
const NOT_PROCESSED = ['petition', 'repeated', 'publication', 'excessive', 'confirmation'].map((s) => `not_processed.${s}`);
const OTHER_2021 = ['other.no_correction', 'other.no_fee', 'other.other'];
const SIX = APPLICANT_COLUMNS.filter((c) => c !== 'total');

function modernRules(template: '2019' | '2021'): CheckRule[] {
  const rules: CheckRule[] = [];
  const a = (row: string, col: string): string => `applications.${row}.${col}`;
  for (const col of APPLICANT_COLUMNS) {
    rules.push({
      rule: `applications.${col}: new + carried_over = completed + carried_forward`,
      lhs: [a('new', col), a('carried_over', col)],
      rhs: [a('completed', col), a('carried_forward', col)],
    });
    const parts = ['disclosed', 'partly_disclosed', ...REFUSED, ...UNABLE, ...NOT_PROCESSED, ...(template === '2021' ? OTHER_2021 : ['other'])];
    rules.push({
      rule: `applications.${col}: completed = disclosed + partly_disclosed + refused + unable + not_processed + other`,
      lhs: [a('completed', col)],
      rhs: parts.map((p) => a(p, col)),
    });
  }
  for (const [row, , tpl] of APPLICATION_ROWS) {
    if (!tpl.includes(template)) continue;
    if (template === '2021' && row === 'other') continue; // derived from its three parts
    rules.push({
      rule: `applications.${row}: total = natural + business + research + social + legal + other_org`,
      lhs: [a(row, 'total')],
      rhs: SIX.map((c) => a(row, c)),
    });
  }
  for (const p of ['review', 'litigation.direct', 'litigation.after_review']) {
    rules.push({
      rule: `${p}: total = maintained + corrected + other + pending`,
      lhs: [`${p}.total`],
      rhs: ['maintained', 'corrected', 'other', 'pending'].map((f) => `${p}.${f}`),
    });
  }
  return rules;
}

const LA = (s: string): string => `legacy.applications.${s}`;

const LEGACY_RULES: CheckRule[] = [
  {
    rule: 'legacy: applications.new.total = in_person + fax + online + letter',
    lhs: ['applications.new.total'],
    rhs: ['in_person', 'fax', 'online', 'letter'].map(LA),
  },
  { rule: 'legacy: applications.completed = on_time + extended', lhs: [LA('completed')], rhs: [LA('on_time'), LA('extended')] },
  {
    rule: 'legacy: applications.replied = already_public + disclosed + partly_disclosed + refused + not_this_agency + not_exist + correction + other_channel',
    lhs: [LA('replied')],
    rhs: ['already_public', 'disclosed', 'partly_disclosed', 'refused', 'not_this_agency', 'not_exist', 'correction', 'other_channel'].map(LA),
  },
  {
    rule: 'legacy: applications.refused = secret + commercial + privacy + safety + not_government_info + other',
    lhs: [LA('refused')],
    rhs: ['secret', 'commercial', 'privacy', 'safety', 'not_government_info', 'other'].map((s) => LA(`refused.${s}`)),
  },
  { rule: 'review: total = maintained + corrected + other', lhs: ['review.total'], rhs: ['review.maintained', 'review.corrected', 'review.other'] },
  {
    rule: 'litigation: total = maintained + corrected + other',
    lhs: ['litigation.total'],
    rhs: ['litigation.maintained', 'litigation.corrected', 'litigation.other'],
  },
  {
    rule: 'legacy: complaints.total = corrected + other',
    lhs: ['legacy.complaints.total'],
    rhs: ['legacy.complaints.corrected', 'legacy.complaints.other'],
  },
  { rule: 'legacy: staff.total = full_time + part_time', lhs: ['legacy.staff.total'], rhs: ['legacy.staff.full_time', 'legacy.staff.part_time'] },
];

export function rulesFor(template: ReportTemplate): CheckRule[] {
  return template === '2008' ? LEGACY_RULES : modernRules(template);
}

export function ruleKeys(rule: CheckRule): string[] {
  return [...rule.lhs, ...rule.rhs];
}

const fmt = (n: number): string => String(Math.round(n * 10000) / 10000);

/**
 * Evaluate a rule. Undefined when none of its keys were found (the table is not in the report),
 * or when only the left side or only its right side is missing entirely. Keys missing among
 * present ones make the check fail, the detail naming them.
 */
export function evaluate(rule: CheckRule, figures: Record<string, number>): FigureCheck | undefined {
  const keys = ruleKeys(rule);
  const present = keys.filter((k) => k in figures);
  if (present.length === 0) return undefined;
  if (!rule.lhs.some((k) => k in figures) || !rule.rhs.some((k) => k in figures)) return undefined;
  const missing = keys.filter((k) => !(k in figures));
  const side = (ks: string[]): { text: string; sum: number } => ({
    text: ks.map((k) => (k in figures ? fmt(figures[k]!) : '?')).join(' + '),
    sum: ks.reduce((s, k) => s + (figures[k] ?? 0), 0),
  });
  const l = side(rule.lhs);
  const r = side(rule.rhs);
  const equal = Math.abs(l.sum - r.sum) < 1e-6;
  const ok = equal && missing.length === 0;
  let detail = `${l.text} ${equal ? '=' : '≠'} ${r.text}`;
  if (!equal) detail += ` (${fmt(l.sum)} vs ${fmt(r.sum)})`;
  if (missing.length) detail += `; missing: ${missing.join(', ')}`;
  return { rule: rule.rule, ok, detail };
}

export function runChecks(rules: CheckRule[], figures: Record<string, number>): Array<{ check: FigureCheck; rule: CheckRule }> {
  const out: Array<{ check: FigureCheck; rule: CheckRule }> = [];
  for (const rule of rules) {
    const check = evaluate(rule, figures);
    if (check) out.push({ check, rule });
  }
  return out;
}
