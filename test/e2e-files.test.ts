/**
 * Reports published as files (issue 10), crawled end to end from the simulated portal `wenjian`
 * (兰考县): a text PDF and a scanned PDF linked straight from the listing, a stub page with a DOCX,
 * a page with a legacy DOC behind an extension-less download endpoint (and a policy PDF beside it),
 * an OFD, a PDF in a pdf.js viewer, a page whose tables are an XLSX, and decoys. The files were made
 * with LibreOffice, Chromium, img2pdf and an OFD writer (sim/fixtures/files/manifest.json).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { startSimulatedPortals } from '../sim/portals.js';
import type { FileLabel, SimulatedPortals } from '../sim/types.js';
import { ReportArchive } from '../src/archive/report-archive.js';
import { findReports } from '../src/query/report-query.js';
import { toExported } from '../src/query/export-record.js';
import { createTableImageReader } from '../src/extract/ocr/index.js';
import type { ArchivedReport } from '../src/types.js';
import { crawlWith, tempStorage } from './helpers/crawl-sim.js';
import { charF1 } from './helpers/text-f1.js';

let sim: SimulatedPortals;
let dir: string;
let byUrl: Map<string, ArchivedReport>;
const ocr = createTableImageReader();

before(async () => {
  sim = await startSimulatedPortals({ only: ['wenjian'] });
  dir = await tempStorage('e2e-files');
  await crawlWith(dir, sim.seeds, { tableReader: ocr });
  const archive = new ReportArchive(dir);
  byUrl = new Map(findReports(archive.db).map((r) => [r.url, r]));
  archive.close();
});

after(async () => {
  await ocr.close();
  await sim?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const labelFor = (reportUrl: string, role: FileLabel['role']) => sim.fileLabels.find((l) => l.reportUrl === reportUrl && l.role === role);

test('every file-borne report is archived under its listing URL, and no decoy is', () => {
  const missing = sim.expected.filter((e) => !byUrl.has(e.url)).map((e) => e.url);
  assert.deepEqual(missing, []);
  for (const d of sim.decoys) assert.ok(!byUrl.has(d), `decoy archived: ${d}`);
  // The policy notice attached beside a report is neither a report nor its body.
  for (const l of sim.fileLabels.filter((x) => x.role === 'decoy')) {
    assert.ok(!byUrl.has(l.url), `decoy file archived as a report: ${l.file}`);
    for (const r of byUrl.values()) assert.notEqual(r.attachments?.find((a) => a.url === l.url)?.role ?? 'other', 'body', `${l.file} became a body`);
  }
  assert.equal(byUrl.size, sim.expected.length);
});

test('year, region and issuer of each report are right', () => {
  const wrong: string[] = [];
  for (const e of sim.expected) {
    const r = byUrl.get(e.url);
    if (!r) continue;
    if (r.year !== e.year) wrong.push(`${e.url}: year ${r.year} ≠ ${e.year}`);
    if (r.region.code !== e.region.code) wrong.push(`${e.url}: region ${r.region.code} ≠ ${e.region.code}`);
    if (r.issuer !== e.issuer) wrong.push(`${e.url}: issuer ${r.issuer} ≠ ${e.issuer}`);
  }
  assert.deepEqual(wrong, []);
});

test('bodies match their source text (character F1 ≥ 0.98), taken from the file where the page is a stub', () => {
  const lines: string[] = [];
  for (const e of sim.expected) {
    const r = byUrl.get(e.url);
    if (!r || e.body === undefined) continue;
    const f1 = charF1(r.text, e.body).f1;
    const body = labelFor(e.url, 'body');
    lines.push(`${body?.kind ?? 'html'} ${r.textSource ?? 'html'} F1 ${f1.toFixed(3)}`);
    // The scan's text is read by OCR and held to the same floor.
    assert.ok(f1 >= 0.98, `${e.url} (${body?.kind ?? 'html'}): F1 ${f1.toFixed(3)}`);
  }
  console.log(`# ${lines.join('; ')}`);
});

test('where the text came from is recorded: the file type, or ocr for the scan', () => {
  const want: Record<string, string> = { 'pdf-text': 'pdf', 'pdf-scan': 'ocr', docx: 'docx', doc: 'doc', ofd: 'ofd', 'pdf-viewer': 'pdf' };
  for (const l of sim.fileLabels.filter((x) => x.role === 'body')) {
    const r = byUrl.get(l.reportUrl!);
    assert.ok(r, l.file);
    assert.equal(r!.textSource, want[l.kind], l.kind);
  }
  const tables = sim.fileLabels.find((l) => l.role === 'tables');
  if (tables) {
    const r = byUrl.get(tables.reportUrl!)!;
    assert.equal(r.textSource ?? 'html', 'html');
    assert.ok(r.tables.some((t) => t.source === 'xlsx'), 'tables from the workbook');
  }
});

test('figures equal the source, and every check that holds in the source passes (the scan included)', () => {
  const report: string[] = [];
  const wrong: string[] = [];
  for (const e of sim.expected) {
    const r = byUrl.get(e.url);
    if (!r || !e.figures) continue;
    const keys = Object.keys(e.figures);
    const right = keys.filter((k) => r.statistics.figures[k] === e.figures![k]).length;
    const failing = r.statistics.checks.filter((c) => !c.ok && !(e.failingChecks ?? []).some((f) => c.rule.includes(f)));
    const kind = labelFor(e.url, 'body')?.kind ?? labelFor(e.url, 'tables')?.kind ?? 'html';
    report.push(`${kind} ${right}/${keys.length}, failed checks ${failing.length}`);
    if (right < keys.length) wrong.push(`${kind}: ${keys.filter((k) => r.statistics.figures[k] !== e.figures![k]).slice(0, 4).map((k) => `${k}=${r.statistics.figures[k]}≠${e.figures![k]}`).join(', ')}`);
    for (const c of failing) wrong.push(`${kind}: ${c.rule}: ${c.detail}`);
  }
  console.log(`# figures right: ${report.join('; ')}`);
  assert.deepEqual(wrong, []);
});

test('every file is kept byte for byte under a safe name, listed in the record and the export', async () => {
  for (const l of sim.fileLabels) {
    if (l.role === 'decoy' && l.via === 'listing') continue;
    const r = byUrl.get(l.reportUrl ?? '') ?? [...byUrl.values()].find((x) => x.attachments?.some((a) => a.url === l.url));
    assert.ok(r, `${l.file} is with no report`);
    const a = r!.attachments?.find((x) => x.url === l.url);
    assert.ok(a, `${l.file} not listed`);
    assert.equal(a!.type, l.format);
    assert.equal(a!.sha256, l.sha256);
    assert.ok(!a!.file.includes('..') && !a!.file.startsWith('/'));
    const bytes = await readFile(join(dir, r!.folder, a!.file));
    assert.equal(createHash('sha256').update(bytes).digest('hex'), l.sha256, `${l.file} stored bytes`);
    if (l.filename && l.via !== 'listing') assert.equal(a!.name, l.filename, `${l.file}: name from Content-Disposition or link`);
    const exported = toExported(r!);
    assert.ok(exported.attachments.some((x) => x.url === l.url && x.sha256 === l.sha256));
  }
});
