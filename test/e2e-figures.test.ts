/**
 * Statistics tables end to end: every simulated report's tables, however published (HTML with
 * merged cells, text pasted from Word, screenshots), come out as the figures the report states,
 * and the templates' sums pass exactly where the report's own numbers add up.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { startSimulatedPortals } from '../sim/portals.js';
import type { SimulatedPortals } from '../sim/types.js';
import { ReportArchive } from '../src/archive/report-archive.js';
import { findReports } from '../src/query/report-query.js';
import { createOcrTableReader } from '../src/process/ocr-table-reader.js';
import type { ArchivedReport } from '../src/types.js';
import { crawlInto, tempStorage } from './helpers/crawl-sim.js';
import { runCli } from './helpers/run-cli.js';

let sim: SimulatedPortals;
let dir: string;
let byUrl: Map<string, ArchivedReport>;

before(async () => {
  sim = await startSimulatedPortals();
  dir = await tempStorage('e2e-figures');
  await crawlInto(dir, sim.seeds, [], createOcrTableReader());
  const archive = new ReportArchive(dir);
  byUrl = new Map(findReports(archive.db).map((r) => [r.url, r]));
  archive.close();
});

after(async () => {
  await sim?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

function withFigures() {
  return sim.expected.filter((e) => e.figures && Object.keys(e.figures).length);
}

test('every expected figure is extracted with the value the report states', () => {
  const reports = withFigures();
  assert.ok(reports.length >= 7, 'seed and new reports carry ground-truth figures');
  let total = 0;
  let right = 0;
  for (const expected of reports) {
    const got = byUrl.get(expected.url)?.statistics.figures ?? {};
    const wrong = Object.entries(expected.figures!).filter(([key, value]) => got[key] !== value);
    total += Object.keys(expected.figures!).length;
    right += Object.keys(expected.figures!).length - wrong.length;
    console.log(`# ${expected.seed ?? expected.title}: ${Object.keys(expected.figures!).length - wrong.length}/${Object.keys(expected.figures!).length} figures`);
    assert.deepEqual(
      wrong.map(([key, value]) => `${key}: expected ${value}, got ${got[key]}`),
      [],
      expected.title,
    );
  }
  console.log(`# figures right: ${right}/${total}`);
});

test('tables are stored as full grids with their source', () => {
  const sources = new Set<string>();
  for (const expected of withFigures()) {
    const report = byUrl.get(expected.url)!;
    assert.ok(report.tables.length > 0, expected.title);
    for (const table of report.tables) {
      sources.add(table.source);
      const width = table.rows[0]!.length;
      assert.ok(table.rows.every((row) => row.length === width), `${expected.title}: every row is a full row`);
    }
  }
  assert.deepEqual([...sources].sort(), ['html', 'image', 'text']);
});

test("the templates' sums pass, except where the report's own numbers break them", () => {
  for (const expected of withFigures()) {
    const report = byUrl.get(expected.url)!;
    assert.ok(report.statistics.checks.length > 0, `${expected.title} has checks`);
    const failed = report.statistics.checks.filter((c) => !c.ok);
    const allowed = expected.failingChecks ?? [];
    const unexpected = failed.filter((c) => !allowed.some((a) => c.rule.includes(a)));
    assert.deepEqual(unexpected.map((c) => `${c.rule}: ${c.detail}`), [], expected.title);
    for (const a of allowed) assert.ok(failed.some((c) => c.rule.includes(a)), `${expected.title}: "${a}" is reported as failed`);
  }
});

test('`xxgk figures` answers "applications received, 2019, by region"', async () => {
  const result = await runCli(['figures', '--key', 'applications.new.total', '--year', '2019', '--format', 'csv', '--storage', dir]);
  assert.equal(result.code, 0, result.stderr);
  const rows = result.stdout.trim().split('\n').slice(1).map((l) => l.split(','));
  const expected = sim.expected.filter((e) => e.year === 2019 && e.figures?.['applications.new.total'] !== undefined);
  // Reports without ground truth may answer too, but only 2019 ones, each once.
  assert.ok(rows.length >= expected.length);
  assert.ok(rows.every((r) => r[1] === '2019'));
  assert.equal(new Set(rows.map((r) => r[0])).size, rows.length);
  for (const e of expected) {
    assert.ok(rows.some((r) => r[2] === e.region.code && r[4] === e.issuer && Number(r[5]) === e.figures!['applications.new.total']), e.title);
  }
  const unknown = await runCli(['figures', '--key', 'applications.nonsense', '--storage', dir]);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /unknown figure key/);
});
