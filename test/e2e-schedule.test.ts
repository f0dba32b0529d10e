/**
 * `xxgk schedule`, `xxgk runs` and the storage lock, through the real CLI.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSimulatedPortals, type SimulatedPortals } from '../sim/portals.js';
import { tempStorage } from './helpers/crawl-sim.js';
import { runCli } from './helpers/run-cli.js';
import { lockStorage } from '../src/schedule/storage-lock.js';
import type { RunRecord } from '../src/archive/run-log.js';

const BIN = fileURLToPath(new URL('../bin/xxgk.js', import.meta.url));
let sim: SimulatedPortals;
let seedFile: string;
const dirs: string[] = [];

before(async () => {
  sim = await startSimulatedPortals({ only: ['luyi'] });
  const dir = await tempStorage('schedule-seeds');
  dirs.push(dir);
  seedFile = join(dir, 'seeds.json');
  await writeFile(seedFile, JSON.stringify({ portals: sim.seeds.map((s) => ({ ...s, politeness: { concurrency: 2, delayMs: 0 } })) }));
});

after(async () => {
  await sim?.close();
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

async function runs(storage: string): Promise<RunRecord[]> {
  const out = await runCli(['runs', '--format', 'json', '--storage', storage]);
  return out.code === 0 ? (JSON.parse(out.stdout) as RunRecord[]) : [];
}

test('a crawl refuses to start while another holds the storage lock (exit code 4)', async () => {
  const storage = await tempStorage('locked');
  dirs.push(storage);
  const release = await lockStorage(storage);
  try {
    const crawl = await runCli(['crawl', '--seeds', seedFile, '--storage', storage, '--quiet', '--no-ocr']);
    assert.equal(crawl.code, 4);
    assert.match(crawl.stderr, /another crawl is running/);
  } finally {
    await release();
  }
  const after = await runCli(['crawl', '--seeds', seedFile, '--storage', storage, '--quiet', '--no-ocr']);
  assert.equal(after.code, 0, after.stderr);
});

test('schedule runs the nightly crawl on its cron expression, never two at once, and stops on SIGTERM', async () => {
  const storage = await tempStorage('schedule');
  dirs.push(storage);
  const child = spawn(process.execPath, [BIN, 'schedule', '--cron', '*/2 * * * * *', '--seeds', seedFile, '--storage', storage, '--no-ocr'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.resume();
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  try {
    const deadline = Date.now() + 60_000;
    let finished: RunRecord[] = [];
    while (Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 500));
      finished = (await runs(storage)).filter((r) => r.finishedAt);
      if (finished.length >= 2) break;
    }
    assert.ok(finished.length >= 2, `runs finished: ${finished.length}\n${stdout}`);
  } finally {
    child.kill('SIGTERM');
  }
  assert.equal(await exited, 0);
  assert.match(stdout, /next run: \d{4}-/);

  const all = (await runs(storage)).filter((r) => r.finishedAt).reverse();
  for (const r of all) {
    assert.equal(r.kind, 'scheduled');
    assert.equal(r.status, 'ok');
  }
  for (let i = 1; i < all.length; i++) assert.ok(all[i]!.startedAt >= all[i - 1]!.finishedAt!, 'runs do not overlap');
  const [firstRun, secondRun] = all;
  assert.equal(firstRun!.summary!.portals.luyi!.added, sim.expected.length);
  assert.equal(secondRun!.summary!.portals.luyi!.added, 0);

  const table = await runCli(['runs', '--storage', storage]);
  assert.equal(table.code, 0);
  assert.match(table.stdout, /scheduled\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\d/);
});

test('a malformed cron expression is a usage error', async () => {
  const out = await runCli(['schedule', '--cron', '61 2 * * *', '--seeds', seedFile, '--storage', join(dirs[0]!, 'x')]);
  assert.equal(out.code, 2);
  assert.match(out.stderr, /--cron "61 2 \* \* \*"/);
});
