/**
 * Every command that crawls ends by itself, and leaves no browser behind: crawl (repeated, over
 * three listings that all need the browser at first sight, started at the same moment), backfill,
 * demo, a scheduled run stopped by SIGTERM, and a crawl stopped by SIGINT halfway.
 *
 * Chromium processes are told apart from anyone else's by a marker in their environment, which
 * they inherit from the xxgk process; after each run none may be left.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSimulatedPortals, type SimulatedPortals } from '../sim/portals.js';
import { findChromium } from '../src/crawl/browser/find-chromium.js';
import { tempStorage } from './helpers/crawl-sim.js';
import { DEMO_PORTS, freePortBlock } from './helpers/free-ports.js';

const BIN = fileURLToPath(new URL('../bin/xxgk.js', import.meta.url));
const RUNS = Number(process.env.XXGK_EXIT_RUNS ?? 10);
/** How long after its summary a run may take to exit. */
const EXIT_WITHIN_MS = 5_000;
const chromium = findChromium();
const skip = chromium ? false : 'no Chromium on this machine';

let sim: SimulatedPortals;
let seedFile: string;

before(async () => {
  // Three listings built by script, all needing the browser at first sight: JSON by POST, JSONP,
  // and one genuinely empty.
  sim = await startSimulatedPortals({ only: ['nanyang', 'zhumadian', 'puyang'] });
  const dir = await tempStorage('exit-seeds');
  seedFile = join(dir, 'seeds.json');
  // One listing page each: what matters is that the browser is needed by all three at once.
  const seeds = sim.seeds.map((s) => ({ ...s, maxListingPages: 1, politeness: { concurrency: 2, delayMs: 10 } }));
  await writeFile(seedFile, JSON.stringify({ portals: seeds }));
});

after(async () => {
  await sim?.close();
});

interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Milliseconds from the line matching `summaryLine` to the process's exit. */
  afterSummaryMs: number | undefined;
}

/**
 * Runs the CLI with a marker in its environment. `onLine` sees each stdout line and may act on the
 * child (send a signal). A child still alive 60 s after its summary is killed and reported as hung.
 */
function runCli(
  args: string[],
  marker: string,
  options: { summaryLine?: RegExp; onLine?: (line: string, send: (signal: NodeJS.Signals) => void) => void } = {},
): Promise<Finished> {
  const summaryLine = options.summaryLine ?? /^run #\d+/;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      // A long grace: the watchdog must not be what ends these runs.
      env: { ...process.env, XXGK_TEST_RUN: marker, XXGK_EXIT_GRACE_MS: '120000' },
    });
    let stdout = '';
    let stderr = '';
    let summaryAt: number | undefined;
    let pending = '';
    let hung: NodeJS.Timeout | undefined;
    const send = (signal: NodeJS.Signals) => child.kill(signal);
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
      pending += d;
      const lines = pending.split('\n');
      pending = lines.pop()!;
      for (const line of lines) {
        if (summaryAt === undefined && summaryLine.test(line)) {
          summaryAt = Date.now();
          hung = setTimeout(() => child.kill('SIGKILL'), 60_000);
        }
        options.onLine?.(line, send);
      }
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const overall = setTimeout(() => child.kill('SIGKILL'), 240_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(overall);
      clearTimeout(hung);
      resolve({ code, signal, stdout, stderr, afterSummaryMs: summaryAt === undefined ? undefined : Date.now() - summaryAt });
    });
  });
}

/** Processes whose environment carries the marker (Chromium and its helpers inherit it). */
function processesWith(marker: string): number[] {
  const needle = Buffer.from(`XXGK_TEST_RUN=${marker}\0`);
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      if (readFileSync(`/proc/${entry}/environ`).includes(needle)) pids.push(Number(entry));
    } catch {
      // Gone, or not ours to read.
    }
  }
  return pids;
}

function chromiumProcesses(): number {
  let n = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (/chrom/i.test(readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0')[0] ?? '')) n++;
    } catch {
      // Gone.
    }
  }
  return n;
}

/** Left-over processes of a run, after giving a dying browser a moment. */
async function leftOver(marker: string): Promise<number[]> {
  for (let i = 0; i < 20; i++) {
    const pids = processesWith(marker);
    if (!pids.length) return [];
    await new Promise((r) => setTimeout(r, 100));
  }
  const pids = processesWith(marker);
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
  return pids;
}

function assertExitedCleanly(run: Finished, what: string): void {
  assert.notEqual(run.signal, 'SIGKILL', `${what} hung after its summary and had to be killed\n${run.stdout.slice(-800)}\n${run.stderr.slice(-800)}`);
  assert.ok(run.afterSummaryMs !== undefined, `${what} printed its summary\n${run.stdout.slice(-800)}\n${run.stderr.slice(-800)}`);
  assert.ok(run.afterSummaryMs < EXIT_WITHIN_MS, `${what} exited ${run.afterSummaryMs} ms after its summary`);
  assert.doesNotMatch(run.stderr, /still held open/, `${what}: the watchdog had to end it`);
}

test(`crawl over three script-built listings exits on its own, ${RUNS} runs, no Chromium left`, { skip }, async () => {
  const before = chromiumProcesses();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    // A fresh archive every time, so every run starts the browser for all three listings at once.
    const storage = await tempStorage(`exit-crawl-${i}`);
    const marker = randomUUID();
    const run = await runCli(['crawl', '--seeds', seedFile, '--storage', storage, '--no-ocr', '--quiet'], marker);
    assertExitedCleanly(run, `run ${i + 1}`);
    assert.equal(run.code, 0, `run ${i + 1} exit code\n${run.stderr}`);
    assert.deepEqual(await leftOver(marker), [], `run ${i + 1} left Chromium processes behind`);
    const log = readFileSync(/log: (\S+)/.exec(run.stdout)![1]!, 'utf8');
    assert.equal(log.split('\n').filter((l) => l.includes('"type":"render"')).length, 3, 'all three listings went to the browser');
    times.push(run.afterSummaryMs!);
  }
  assert.ok(chromiumProcesses() <= before, `Chromium processes before ${before}, after ${chromiumProcesses()}`);
  process.stdout.write(`# exit after summary (ms): ${times.join(' ')}\n`);
});

test('backfill over the same listings exits on its own with no Chromium left', { skip }, async () => {
  for (let i = 0; i < 2; i++) {
    const storage = await tempStorage(`exit-backfill-${i}`);
    const marker = randomUUID();
    const run = await runCli(['backfill', '--from', '2019', '--to', '2022', '--seeds', seedFile, '--storage', storage, '--no-ocr', '--quiet'], marker);
    assertExitedCleanly(run, `backfill ${i + 1}`);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(await leftOver(marker), []);
  }
});

test('demo exits on its own with no Chromium left', { skip }, async () => {
  const storage = await tempStorage('exit-demo');
  const marker = randomUUID();
  // With OCR, as a user runs it: the demo's scanned report is a failure without it.
  const run = await runCli(['demo', '--storage', storage, '--base-port', String(await freePortBlock(DEMO_PORTS)), '--quiet'], marker, { summaryLine: /^archived, per region and year/ });
  assertExitedCleanly(run, 'demo');
  assert.equal(run.code, 0, run.stderr);
  assert.deepEqual(await leftOver(marker), []);
});

test('a scheduled run followed by SIGTERM: the schedule stops and the process exits, no Chromium left', { skip }, async () => {
  const storage = await tempStorage('exit-schedule');
  const marker = randomUUID();
  let stoppedAt: number | undefined;
  const run = await runCli(['schedule', '--cron', '0 3 1 1 *', '--run-now', '--seeds', seedFile, '--storage', storage, '--no-ocr'], marker, {
    summaryLine: /^next run:/,
    onLine: (line, send) => {
      if (/^next run:/.test(line)) {
        stoppedAt = Date.now();
        send('SIGTERM');
      }
    },
  });
  assert.ok(stoppedAt, `the scheduled run finished\n${run.stdout}\n${run.stderr}`);
  assertExitedCleanly(run, 'schedule');
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /stopping the schedule/);
  assert.deepEqual(await leftOver(marker), []);
});

test('SIGINT halfway through a crawl: it stops, records the run as interrupted, releases the lock, leaves no Chromium', { skip }, async () => {
  const storage = await tempStorage('exit-sigint');
  const marker = randomUUID();
  let sentAt: number | undefined;
  const run = await runCli(['crawl', '--seeds', seedFile, '--storage', storage, '--no-ocr'], marker, {
    summaryLine: /^run #\d+ stopped/,
    onLine: (line, send) => {
      // As soon as the first report is archived: browsers are open, reports are in flight.
      if (sentAt === undefined && /^\s+\[\w+\] added /.test(line)) {
        sentAt = Date.now();
        send('SIGINT');
      }
    },
  });
  assert.ok(sentAt, `a report was archived before the signal\n${run.stdout}`);
  assertExitedCleanly(run, 'interrupted crawl');
  assert.equal(run.code, 130, `exit code of a run stopped by SIGINT\n${run.stderr}`);
  assert.deepEqual(await leftOver(marker), []);
  const runs = await runCliPlain(['runs', '--storage', storage, '--format', 'json']);
  assert.equal((JSON.parse(runs) as { status: string }[])[0]!.status, 'interrupted');
  // The lock is free: the next crawl runs and finishes what was left, ending with what one
  // uninterrupted crawl archives.
  const next = await runCli(['crawl', '--seeds', seedFile, '--storage', storage, '--no-ocr', '--quiet'], randomUUID());
  assert.equal(next.code, 0, next.stderr);
  const whole = await tempStorage('exit-whole');
  assert.equal((await runCli(['crawl', '--seeds', seedFile, '--storage', whole, '--no-ocr', '--quiet'], randomUUID())).code, 0);
  const urls = async (dir: string) =>
    (JSON.parse(await runCliPlain(['query', '--storage', dir, '--format', 'json'])) as { url: string }[]).map((r) => r.url).sort();
  const expected = await urls(whole);
  assert.ok(expected.length > 0);
  assert.deepEqual(await urls(storage), expected);
});

async function runCliPlain(args: string[]): Promise<string> {
  const run = await runCli(args, randomUUID(), { summaryLine: /^$/ });
  assert.equal(run.code, 0, run.stderr);
  return run.stdout;
}
