/**
 * Backfill through the real CLI: a run killed with SIGKILL halfway and started again ends with the
 * same archive as an uninterrupted run (nothing lost, nothing duplicated), and the second start
 * resumes from the persisted queue instead of reading the listing again from page 1.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSimulatedPortals, type SimulatedPortals } from '../sim/portals.js';
import { tempStorage, writeSeedFile } from './helpers/crawl-sim.js';
import { ReportArchive } from '../src/archive/report-archive.js';
import { findReports } from '../src/query/report-query.js';

const BIN = fileURLToPath(new URL('../bin/xxgk.js', import.meta.url));
const YEARS = { from: 2014, to: 2019 };
const PAGES = 60;

let sim: SimulatedPortals;
let seedFile: string;
const dirs: string[] = [];

function backfill(storage: string): { child: ChildProcess; done: Promise<{ code: number | null; signal: string | null; stderr: string }> } {
  const child = spawn(
    process.execPath,
    [BIN, 'backfill', '--from', String(YEARS.from), '--to', String(YEARS.to), '--seeds', seedFile, '--storage', storage, '--no-ocr'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stdout!.resume();
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const done = new Promise<{ code: number | null; signal: string | null; stderr: string }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stderr })),
  );
  return { child, done };
}

function snapshot(storage: string): string[] {
  const archive = new ReportArchive(storage);
  try {
    return findReports(archive.db)
      .map((r) => [r.url, r.year, r.region.code, r.issuer, r.title, r.published, r.contentHash].join(' | '))
      .sort();
  } finally {
    archive.close();
  }
}

async function reportFolders(storage: string): Promise<number> {
  let n = 0;
  for (const region of await readdir(join(storage, 'archive'))) {
    for (const year of await readdir(join(storage, 'archive', region))) n += (await readdir(join(storage, 'archive', region, year))).length;
  }
  return n;
}

before(async () => {
  sim = await startSimulatedPortals({ only: ['kaifeng'], deep: { pages: PAGES }, latencyMs: 5 });
  const dir = await tempStorage('backfill-seeds');
  dirs.push(dir);
  seedFile = await writeSeedFile(dir, sim.seeds);
});

after(async () => {
  await sim?.close();
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

test('a backfill killed with SIGKILL and started again equals an uninterrupted one', async () => {
  const inRange = sim.expected.filter((e) => e.year >= YEARS.from && e.year <= YEARS.to);
  assert.ok(inRange.length >= 10, `${inRange.length} reports in range`);

  const reference = await tempStorage('backfill-ref');
  dirs.push(reference);
  sim.resetStats();
  const whole = await backfill(reference).done;
  assert.equal(whole.code, 0, whole.stderr);
  const requestsWhole = sim.requestLog.length;
  const expectedSnapshot = snapshot(reference);
  assert.equal(expectedSnapshot.length, inRange.length);
  assert.deepEqual(expectedSnapshot.map((l) => l.split(' | ')[0]).sort(), inRange.map((e) => e.url).sort());

  const resumed = await tempStorage('backfill-kill');
  dirs.push(resumed);
  sim.resetStats();
  const first = backfill(resumed);
  // Kill it once it has sent about half the requests a whole run needs.
  while (sim.requestLog.length < requestsWhole / 2) await new Promise((r) => setTimeout(r, 10));
  first.child.kill('SIGKILL');
  const killed = await first.done;
  assert.equal(killed.signal, 'SIGKILL');
  const partial = snapshot(resumed).length;
  assert.ok(partial < inRange.length, `killed after ${partial} of ${inRange.length} reports`);

  const listingPages = (log: typeof sim.requestLog) => log.filter((e) => /\/index(_\d+)?\.html$/.test(e.path)).length;
  const beforeRestart = sim.requestLog.length;
  const again = await backfill(resumed).done;
  assert.equal(again.code, 0, again.stderr);
  const secondRun = sim.requestLog.slice(beforeRestart);
  assert.ok(listingPages(secondRun) < PAGES, `the second start read ${listingPages(secondRun)} listing pages: it resumed, not restarted`);

  assert.deepEqual(snapshot(resumed), expectedSnapshot);
  assert.equal(await reportFolders(resumed), expectedSnapshot.length, 'one folder per report, no leftovers');
});
