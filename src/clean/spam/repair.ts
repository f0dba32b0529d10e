/**
 * Applies a page's SubstitutionModel to one text: known forms replaced by their originals,
 * unknowable ones and keyword runs removed, hijacked domains cut from beside the site name. Lines
 * without spam are returned byte for byte; every change is one finding.
 */
import type { SpamFinding, SpamKind } from './spam-types.js';
import { occurrencesOf, scanForms, SPAM_THRESHOLD } from './form-scan.js';
import { classifyHost, findDomains, isSpammyHost } from './domains.js';
import { portalGovName } from './slots.js';
import { knownPrefix, runMembers, type SubstitutionModel, type LearnedForm } from './substitution.js';
import { HOLE, tidyLine } from './tidy.js';
import { restoreRun, type Restoration } from './restore.js';

export type RepairWhere = 'title' | 'source' | 'text' | 'table';

interface Edit {
  start: number;
  end: number;
  replacement: string;
  kind: SpamKind;
  found: string;
  evidence?: string;
  confidence?: number;
}

const SPACE = /[ \u3000\u00a0]/;
const CJK_OR_OPEN = /[\u3400-\u9fff（(《“‘「『【]/;

/** Forms of the same brand family with a known original: a bare sibling stood for a word too. */
function familyKnown(form: string, model: SubstitutionModel): boolean {
  const stem = form.replace(/[:：]$/, '');
  return model.forms.some((f) => f.replacement && f.form !== form && (f.form.startsWith(stem) || stem.startsWith(f.form.replace(/[:：]$/, ''))));
}

/**
 * A shorter spelling of a substitution learned on this page: the page's brand cut short where it
 * swallowed a word. Injected-only brands do not count, since their stems (六合彩, 时时彩) also occur
 * in honest reports on gambling crackdowns.
 */
function stemOfLearned(form: string, model: SubstitutionModel): boolean {
  const stem = form.replace(/[:：]$/, '');
  return stem.length >= 3 && model.forms.some((f) => f.replacement && f.form !== form && f.form.startsWith(stem));
}

function removalKind(form: string, model: SubstitutionModel): SpamKind {
  return familyKnown(form, model) ? 'substitution' : 'injected-text';
}

/** A foreign domain beside the site's name, in a title, or spam by its own name. */
function isHijackedDomain(line: string, start: number, end: number, host: string, model: SubstitutionModel, where: RepairWhere): boolean {
  const cls = classifyHost(host, model.context.portalHost);
  if (cls === 'own' || cls === 'government') return false;
  if (where === 'title') return true;
  if (cls === 'known') return false;
  if (isSpammyHost(host)) return true;
  const before = line.slice(Math.max(0, start - 24), start).replace(/[\s|｜\-—:：,，]+$/, '');
  const after = line.slice(end, end + 24).replace(/^[\s|｜\-—:：,，]+/, '');
  const name = portalGovName(model.context.portalName);
  const siteWord = /(?:门户网站|网站|政府网|人民政府|门户)$/;
  return siteWord.test(before) || (name.length > 0 && (before.endsWith(name) || after.startsWith(name)));
}

function lineEdits(line: string, model: SubstitutionModel, where: RepairWhere, counts: Map<string, number>): Edit[] {
  const edits: Edit[] = [];
  const known = new Map(model.forms.map((f) => [f.form, f] as [string, LearnedForm]));
  // Brands found as foreign strings first, longest first: the lexicon may know only parts of them.
  const places: { start: number; end: number; form: LearnedForm }[] = [];
  // A longer form the page's fixed phrases explained (365体育备用网址 → 政府信息公开) keeps its own
  // occurrences, which a foreign string inside it (365体育备用) must not split.
  const explained: { start: number; end: number }[] = [];
  for (const f of model.forms) {
    if (f.foreign || !f.replacement) continue;
    for (const i of occurrencesOf(line, f.form)) explained.push({ start: i, end: i + f.form.length });
  }
  for (const f of model.forms) {
    if (!f.foreign) continue;
    for (const at of occurrencesOf(line, f.form)) {
      const i = at + (f.keep?.left ?? 0);
      let end = at + f.form.length - (f.keep?.right ?? 0);
      if ([...places, ...explained].some((e) => e.start < end && i < e.end && e.end - e.start > end - i)) continue;
      if (places.some((e) => e.start < end && i < e.end)) continue;
      // 《…办公室<brand>:印发…》: the colon came with the brand.
      if (!f.keep?.right && (line[end] === ':' || line[end] === '：')) end++;
      places.push({ start: i, end, form: f });
    }
  }
  places.sort((a, b) => a.start - b.start);
  // Each occurrence is read with the words restored before it and the brands still to come left
  // out; brands side by side (主动<b><b>信息) are one run, decided together.
  const decided: Restoration[] = [];
  for (let k = 0; k < places.length; ) {
    let last = k;
    while (places[last + 1] && places[last + 1]!.start === places[last]!.end) last++;
    let head = '';
    let pos = 0;
    places.slice(0, k).forEach((q, j) => {
      head += line.slice(pos, q.start) + decided[j]!.replacement;
      pos = q.end;
    });
    head += line.slice(pos, places[k]!.start);
    let tail = '';
    pos = places[last]!.end;
    for (const q of places.slice(last + 1)) {
      tail += line.slice(pos, q.start);
      pos = q.end;
    }
    tail += line.slice(pos);
    const run = places.slice(k, last + 1);
    decided.push(...restoreRun(head, tail, run.map((p) => p.form.hints ?? {}), model.candidates, model.context));
    k = last + 1;
  }
  places.forEach((p, k) => {
    const r = decided[k]!;
    const evidence = `${p.form.evidence.join('; ')}; ranked ${r.evidence}`;
    edits.push({ start: p.start, end: p.end, replacement: r.replacement, kind: 'substitution', found: line.slice(p.start, p.end), evidence, confidence: r.confidence });
  });
  const hits = scanForms(line).filter((h) => !edits.some((e) => e.start < h.end && h.start < e.end));
  const inRun = runMembers(line, hits);
  for (const hit of hits) {
    const learned = known.get(hit.form);
    const prefix = learned?.replacement ? undefined : knownPrefix(hit.form, model.forms);
    if (prefix) {
      const end = hit.start + prefix.form.length;
      edits.push({ start: hit.start, end, replacement: prefix.replacement, kind: 'substitution', found: prefix.form });
      continue;
    }
    if (learned) {
      const kind: SpamKind = learned.replacement ? 'substitution' : removalKind(hit.form, model);
      edits.push({ start: hit.start, end: hit.end, replacement: learned.replacement, kind, found: hit.form });
      continue;
    }
    // Not seen while learning: judge it on this text's evidence alone, or as a stem of a
    // substitution the page is known to carry (北京赛车 beside 北京赛车pk10计划).
    const score = hit.shape + ((counts.get(hit.form) ?? 0) >= 2 ? 1 : 0) + (inRun.has(hit) ? 1 : 0);
    if ((score >= SPAM_THRESHOLD || stemOfLearned(hit.form, model)) && !hit.legitContext) {
      edits.push({ start: hit.start, end: hit.end, replacement: '', kind: 'injected-text', found: hit.form });
    }
  }
  // Learned forms the brand scanner cannot see (aligned with the listing title).
  for (const f of model.forms) {
    for (const i of occurrencesOf(line, f.form)) {
      const end = i + f.form.length;
      if (edits.some((e) => e.start < end && i < e.end)) continue;
      edits.push({ start: i, end, replacement: f.replacement, kind: f.replacement ? 'substitution' : removalKind(f.form, model), found: f.form });
    }
  }
  for (const d of findDomains(line)) {
    if (edits.some((e) => e.start < d.end && d.start < e.end)) continue;
    if (isHijackedDomain(line, d.start, d.end, d.host, model, where)) {
      edits.push({ start: d.start, end: d.end, replacement: '', kind: 'hijacked-domain', found: d.text });
    }
  }
  edits.sort((a, b) => a.start - b.start);
  // Removals shoulder to shoulder form a keyword run: nothing stood behind them.
  for (let k = 1; k < edits.length; k++) {
    const a = edits[k - 1]!;
    const b = edits[k]!;
    if (!a.replacement && !b.replacement && /^[\s,，、|｜/;；·]*$/.test(line.slice(a.end, b.start))) {
      if (a.kind === 'substitution') a.kind = 'injected-text';
      if (b.kind === 'substitution') b.kind = 'injected-text';
    }
  }
  return edits;
}

/** The line with its edits applied; removals leave a HOLE for tidyLine to close. */
function applyEdits(line: string, edits: Edit[]): string {
  let out = '';
  let pos = 0;
  for (const e of edits) {
    let head = line.slice(pos, e.start);
    // A brand pasted in with a space of its own (在汇总 365体育备用:,以及) takes the space along.
    if (e.replacement && SPACE.test(head.slice(-1))) {
      const trimmed = head.replace(/[ \u3000\u00a0]+$/, '');
      if (CJK_OR_OPEN.test(trimmed.slice(-1))) head = trimmed;
    }
    out += head + (e.replacement || HOLE);
    pos = e.end;
  }
  return out + line.slice(pos);
}

export function repairText(text: string, model: SubstitutionModel, where: RepairWhere): { text: string; findings: SpamFinding[] } {
  const lines = text.split('\n');
  const counts = new Map<string, number>();
  for (const line of lines) for (const h of scanForms(line)) counts.set(h.form, (counts.get(h.form) ?? 0) + 1);

  const out: string[] = [];
  const pending: Array<{ edit: Edit; line: number }> = [];
  for (const line of lines) {
    const edits = lineEdits(line, model, where, counts);
    if (!edits.length) {
      out.push(line);
      continue;
    }
    const repaired = tidyLine(applyEdits(line, edits));
    // A line that was only spam goes; its findings point at the line that took its place.
    if (repaired.trim() || !line.trim()) out.push(repaired);
    const at = repaired.trim() ? out.length : out.length + 1;
    for (const edit of edits) pending.push({ edit, line: at });
  }
  const total = Math.max(out.length, 1);
  const findings = pending.map(({ edit, line }): SpamFinding => ({
    kind: edit.kind,
    found: edit.found,
    replacement: edit.replacement,
    where: where === 'text' ? `text:${Math.min(Math.max(line, 1), total)}` : where,
    ...(edit.evidence ? { evidence: edit.evidence } : {}),
    ...(edit.confidence !== undefined ? { confidence: edit.confidence } : {}),
  }));
  return { text: out.join('\n'), findings };
}
