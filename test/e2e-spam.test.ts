/**
 * Spam injections on the simulated portals, crawled end to end: every injected string gone from
 * what is archived, originals restored where the page reveals them, every change on record, and
 * clean pages untouched.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { startSimulatedPortals } from '../sim/portals.js';
import type { SimulatedPortals } from '../sim/types.js';
import { ReportArchive } from '../src/archive/report-archive.js';
import { findReports } from '../src/query/report-query.js';
import type { ArchivedReport } from '../src/types.js';
import { crawlInto, tempStorage } from './helpers/crawl-sim.js';
import { runCli } from './helpers/run-cli.js';

let sim: SimulatedPortals;
let dir: string;
let byUrl: Map<string, ArchivedReport>;

before(async () => {
  sim = await startSimulatedPortals();
  dir = await tempStorage('e2e-spam');
  await crawlInto(dir, sim.seeds);
  const archive = new ReportArchive(dir);
  byUrl = new Map(findReports(archive.db).map((r) => [r.url, r]));
  archive.close();
});

after(async () => {
  await sim?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

test('no injected string survives in any archived title or text', () => {
  assert.ok(sim.spamLabels.length >= 5);
  for (const label of sim.spamLabels) {
    const report = byUrl.get(label.url);
    assert.ok(report, `archived: ${label.url}`);
    for (const { found } of label.injected) {
      assert.ok(!report.title.includes(found), `"${found}" in title of ${label.url}`);
      assert.ok(!report.text.includes(found), `"${found}" in text of ${label.url}`);
    }
    for (const block of label.hiddenBlocks) assert.ok(!report.text.includes(block.slice(0, 12)), `hidden block text in ${label.url}`);
    if (label.hijackedDomain) assert.ok(!report.text.includes(label.hijackedDomain) && !report.title.includes(label.hijackedDomain));
  }
});

test('each tampering is on record with the report', () => {
  for (const label of sim.spamLabels) {
    const report = byUrl.get(label.url)!;
    const kinds = new Set(report.spam.map((s) => s.kind));
    const found = report.spam.map((s) => s.found).join('\n');
    for (const { found: injected, where } of label.injected) {
      // Strings in the page chrome are not archived; what the archive keeps must be accounted for.
      if (where === 'chrome') continue;
      // A keyword run may be recorded word by word.
      for (const part of injected.split(/\s+/)) assert.ok(found.includes(part), `finding for "${part}" (${where}) in ${label.url}`);
    }
    if (label.hiddenBlocks.length) assert.ok(kinds.has('hidden-block'), `hidden block recorded for ${label.url}`);
    if (label.redirectScript) assert.ok(kinds.has('redirect-script'), `redirect script recorded for ${label.url}`);
    if (label.hijackedTitle) assert.ok(kinds.has('hijacked-title'), `hijacked title recorded for ${label.url}`);
    if (label.hijackedDomain) assert.ok(report.spam.some((s) => s.kind === 'hijacked-domain' && s.found.includes(label.hijackedDomain!)));
  }
});

test('originals are restored where the page reveals them', () => {
  let knowable = 0;
  let restored = 0;
  for (const label of sim.spamLabels) {
    const report = byUrl.get(label.url)!;
    for (const { found, original, where } of label.injected) {
      if (!original || where === 'chrome') continue;
      knowable++;
      if (report.spam.some((s) => s.found === found && s.replacement === original)) restored++;
    }
  }
  console.log(`# substitutions restored on the simulated portals: ${restored}/${knowable}`);
  assert.ok(knowable > 0);
  assert.ok(restored / knowable >= 0.9, `${restored}/${knowable} restored`);
});

test('the Yunnan page is archived with 政府信息公开 and 云南省人民政府 restored and no 365体育 left', () => {
  const yunnan = [...byUrl.values()].find((r) => r.portal === 'yunnan' && r.year === 2018)!;
  assert.equal(yunnan.title, '2018年云南省政府信息公开工作年度报告');
  assert.ok(!/365体育/.test(yunnan.title + yunnan.text));
  assert.match(yunnan.text, /《中华人民共和国政府信息公开条例》/);
  assert.match(yunnan.text, /云南省人民政府办公厅政府信息公开办公室/);
  const replacements = new Set(yunnan.spam.map((s) => s.replacement));
  assert.ok(replacements.has('政府信息公开') && replacements.has('云南省人民政府'));
});

test('the Henan page loses www.topless40.com and it is on record', () => {
  const henan = [...byUrl.values()].find((r) => r.portal === 'henan' && r.year === 2018 && r.issuer === '河南省人民政府')!;
  assert.ok(!henan.text.includes('topless40'));
  assert.ok(henan.spam.some((s) => s.kind === 'hijacked-domain' && s.found.includes('www.topless40.com')));
});

test('clean reports, legitimate words included, come through unchanged with nothing on record', () => {
  const tampered = new Set(sim.spamLabels.map((l) => l.url));
  let checked = 0;
  for (const expected of sim.expected) {
    if (tampered.has(expected.url) || expected.body === undefined) continue;
    const report = byUrl.get(expected.url)!;
    assert.deepEqual(report.spam, [], `no findings for ${expected.title}`);
    // The archive writes non-breaking spaces as spaces and trims lines; nothing else may differ.
    const lines = (text: string) => text.split('\n').map((l) => l.replace(/\u00a0/g, ' ').trim()).filter(Boolean);
    assert.deepEqual(lines(report.text), lines(expected.body), expected.title);
    checked++;
  }
  assert.ok(checked >= 10);
  const legit = [...byUrl.values()].find((r) => /彩票公益金/.test(r.text) && /成人教育/.test(r.text));
  assert.ok(legit, 'a report full of legitimate words is archived');
  assert.deepEqual(legit.spam, []);
});

test('`xxgk query --spam` names the compromised portals and only those', async () => {
  const result = await runCli(['query', '--spam', '--storage', dir]);
  assert.equal(result.code, 0, result.stderr);
  const portals = result.stdout.split('compromised portals:')[1] ?? '';
  const labelled = new Set(sim.spamLabels.map((l) => byUrl.get(l.url)!.portal));
  for (const portal of labelled) assert.match(portals, new RegExp(`^${portal}\\s`, 'm'));
  for (const clean of sim.seeds.map((s) => s.id).filter((id) => !labelled.has(id))) assert.doesNotMatch(portals, new RegExp(`^${clean}\\s`, 'm'));
});
