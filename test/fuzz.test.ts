/**
 * Fuzz test (issue 11): hostile inputs — random and truncated bytes, cut multi-byte characters,
 * 10 000-deep and unclosed markup, megabyte attributes, giant tables, 5 MB lines, corrupt and
 * oversized images, damaged report files — through decoding, spam cleaning, extraction, table and
 * figure reading. No case may throw anything but an XxgkError, take longer than CASE_MS, or grow
 * the process by more than RSS_MB. Deterministic: XXGK_FUZZ_SEED and XXGK_FUZZ_COUNT change the
 * cases. A failing case is written to test/fixtures/fuzz/regressions/ and replayed first from then on.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { extractReport } from '../src/clean/extract-report.js';
import { toGrey } from '../src/extract/ocr/pixels.js';
import { ExtractError } from '../src/errors.js';
import { Rng } from './fixtures/fuzz/prng.js';
import { GENERATORS, inputBytes, makeInput, type Recipe, type Target } from './fixtures/fuzz/targets.js';
import type { WorkerCase, WorkerMessage } from './fixtures/fuzz/worker.js';

const SEED = Number(process.env['XXGK_FUZZ_SEED'] ?? 20261205);
const DEFAULT_COUNT = 160;
const COUNT = Number(process.env['XXGK_FUZZ_COUNT'] ?? DEFAULT_COUNT);
/**
 * One case's limit, on the worker thread's CPU time where Linux reports it (other work on the
 * machine does not count), else on wall time. Heavy cases are 3–5 MB pages and texts whose linear
 * work alone takes seconds: they get twice as long, which still catches any quadratic blow-up at
 * their size. A case still running after HANG_MS of wall time is stopped.
 */
const CASE_MS = 5_000;
const HEAVY_CASE_MS = 10_000;
const HANG_MS = 60_000;
/** All cases together (generation excluded), at the default count; more cases get more time. */
const TOTAL_MS = 60_000 * Math.max(1, COUNT / DEFAULT_COUNT);
/** Growth of the process's resident memory while one case runs. */
const RSS_MB = 500;
/** Inputs up to this size are kept verbatim; larger ones as generator and seed only. */
const KEEP_BYTES = 64 * 1024;
const REGRESSIONS = fileURLToPath(new URL('./fixtures/fuzz/regressions/', import.meta.url));
const WEIGHTS: Record<Target, number> = { page: 0.5, text: 0.12, figures: 0.1, image: 0.16, file: 0.12 };

interface Kept {
  recipe: Recipe;
  problem: string;
  input?: string;
}

function regressionCases(): WorkerCase[] {
  return readdirSync(REGRESSIONS)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const kept = JSON.parse(readFileSync(REGRESSIONS + f, 'utf8')) as Kept;
      return kept.input ? { recipe: kept.recipe, file: REGRESSIONS + kept.input } : { recipe: kept.recipe };
    });
}

function generatedCases(seed: number, count: number): WorkerCase[] {
  const rng = new Rng(seed);
  const all = [...GENERATORS];
  // Every heavy generator once, then random light ones, the target picked by weight.
  const cases: WorkerCase[] = all.filter(([, g]) => g.heavy).map(([gen, g]) => ({ recipe: { target: g.target, gen, seed: rng.int(0, 2 ** 31) } }));
  const light = all.filter(([, g]) => !g.heavy);
  for (let i = 0; i < count; i++) {
    let r = rng.next();
    const target = (Object.keys(WEIGHTS) as Target[]).find((t) => (r -= WEIGHTS[t]) < 0) ?? 'page';
    const [gen] = rng.pick(light.filter(([, g]) => g.target === target));
    cases.push({ recipe: { target, gen, seed: rng.int(0, 2 ** 31) } });
  }
  return cases;
}

interface Result {
  /** CPU time where known, else wall time. */
  ms: number;
  outcome?: string;
  problem?: string;
}

/** Runs the cases in a worker, a fresh one after a case that hangs or kills it. */
async function runAll(cases: WorkerCase[], watch: { started(index: number): void; sample(): void }): Promise<Result[]> {
  const results: Result[] = [];
  let from = 0;
  while (from < cases.length) {
    from = await new Promise<number>((resolve, reject) => {
      // A thread's stack as small as the main thread's: recursion that overflows there must here.
      const worker = new Worker(new URL('./fixtures/fuzz/worker-boot.mjs', import.meta.url), {
        workerData: { cases, from },
        resourceLimits: { stackSizeMb: 1, maxOldGenerationSizeMb: 2048 } });
      let current = from;
      let started = false;
      let hang: NodeJS.Timeout | undefined;
      const settle = (next: number) => {
        clearTimeout(hang);
        resolve(next);
      };
      worker.on('message', (m: WorkerMessage) => {
        watch.sample();
        current = m.index;
        started = true;
        if (m.type === 'start') {
          watch.started(m.index);
          clearTimeout(hang);
          hang = setTimeout(() => {
            results[m.index] = { ms: HANG_MS, problem: `hang: still running after ${HANG_MS} ms` };
            void worker.terminate();
          }, HANG_MS);
          return;
        }
        clearTimeout(hang);
        const ms = m.cpuMs ?? m.ms;
        results[m.index] = m.type === 'done' ? { ms, outcome: m.outcome } : { ms, problem: `threw: ${m.error}` };
      });
      let failure: Error | undefined;
      worker.on('error', (e) => {
        failure = e;
        results[current] ??= { ms: 0, problem: `worker died: ${e.message}` };
      });
      worker.on('exit', () => {
        // A worker that never got to a case is the harness failing, not an input.
        if (!started) reject(failure ?? new Error('fuzz worker exited before its first case'));
        else settle(Math.max(current + 1, results.length));
      });
    });
  }
  return results;
}

async function keep(recipe: Recipe, problem: string): Promise<string> {
  const name = `${recipe.gen.replace(/[^a-z0-9-]/gi, '-')}-${recipe.seed}`;
  const kept: Kept = { recipe, problem: problem.split('\n')[0]!.slice(0, 300) };
  const bytes = inputBytes(await makeInput(recipe));
  if (bytes.length <= KEEP_BYTES) {
    kept.input = `${name}.bin`;
    writeFileSync(REGRESSIONS + kept.input, bytes);
  }
  writeFileSync(`${REGRESSIONS}${name}.json`, JSON.stringify(kept, null, 2) + '\n');
  return `${REGRESSIONS}${name}.json`;
}

test(`fuzz: hostile inputs never crash, hang or blow memory (seed ${SEED}, ${COUNT} cases)`, { timeout: 180_000 }, async () => {
  console.log(`fuzz seed ${SEED} (XXGK_FUZZ_SEED), count ${COUNT} (XXGK_FUZZ_COUNT)`);
  const replayed = regressionCases();
  const key = (c: WorkerCase) => `${c.recipe.gen}#${c.recipe.seed}`;
  const keptKeys = new Set(replayed.map(key));
  const cases = [...replayed, ...generatedCases(SEED, COUNT).filter((c) => !keptKeys.has(key(c)))];
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  // Per case: resident memory when it started, and the most seen while it ran.
  const atStart: number[] = [];
  const casePeak: number[] = [];
  let running = -1;
  const watch = {
    started(index: number) {
      running = index;
      atStart[index] = casePeak[index] = process.memoryUsage().rss;
    },
    sample() {
      const rss = process.memoryUsage().rss;
      peak = Math.max(peak, rss);
      if (running >= 0) casePeak[running] = Math.max(casePeak[running]!, rss);
    },
  };
  const sampler = setInterval(() => watch.sample(), 25);
  const results = await runAll(cases, watch).finally(() => clearInterval(sampler));

  const problems: string[] = [];
  let total = 0;
  const slowest = { ms: 0, gen: '' };
  for (const [i, c] of cases.entries()) {
    const r = results[i] ?? { ms: 0, problem: 'never ran' };
    total += r.ms;
    if (r.ms > slowest.ms) Object.assign(slowest, { ms: r.ms, gen: `${c.recipe.gen}#${c.recipe.seed}` });
    const limit = GENERATORS.get(c.recipe.gen)?.heavy ? HEAVY_CASE_MS : CASE_MS;
    const grew = ((casePeak[i] ?? 0) - (atStart[i] ?? 0)) / 2 ** 20;
    const problem = r.problem ?? (r.ms > limit ? `slow: ${Math.round(r.ms)} ms (CPU where known)` : grew > RSS_MB ? `memory: rss grew by ${Math.round(grew)} MB` : undefined);
    if (!problem) continue;
    const where = i < replayed.length ? 'kept case' : `kept as ${await keep(c.recipe, problem)}`;
    problems.push(`${c.recipe.gen} seed ${c.recipe.seed}: ${problem} (${where})`);
  }
  const grown = (peak - baseline) / 2 ** 20;
  console.log(`fuzz: ${cases.length} cases (${replayed.length} kept) in ${Math.round(total)} ms, slowest ${slowest.gen} ${Math.round(slowest.ms)} ms, peak rss +${Math.round(grown)} MB`);
  assert.deepEqual(problems, []);
  assert.ok(total < TOTAL_MS, `all cases took ${Math.round(total)} ms`);
});

test('fuzz: kept regression cases name known generators', () => {
  for (const { recipe, file } of regressionCases()) {
    assert.ok(GENERATORS.has(recipe.gen), recipe.gen);
    if (file) assert.ok(existsSync(file), file);
  }
});

test('fuzz finding: text 10 000 elements deep is kept, in order, without overflowing the stack', () => {
  const deep = `${'<div>'.repeat(10_000)}<p>二、主动公开政府信息情况</p><img src="/a%E4.png">${'</div>'.repeat(10_000)}`;
  const html = `<html><head><title>鹿邑县2020年政府信息公开工作年度报告</title></head><body><div id="zoom"><p>${'一、总体情况。'.repeat(20)}</p>${deep}<p>三、收到和处理政府信息公开申请情况</p></div></body></html>`;
  const report = extractReport(html, 'http://www.luyi.gov.cn/a.html', { portalName: '鹿邑县人民政府' });
  const lines = report.text.split('\n');
  assert.deepEqual(lines.slice(1), ['二、主动公开政府信息情况', '[图片:a%E4.png]', '三、收到和处理政府信息公开申请情况']);
});

test('fuzz finding: an image claiming 30000×30000 pixels is refused before decoding, as a typed error', async () => {
  const kept = JSON.parse(readFileSync(REGRESSIONS + 'image-image-huge-header-585274437.json', 'utf8')) as Kept;
  await assert.rejects(toGrey(readFileSync(REGRESSIONS + kept.input!)), (e) => e instanceof ExtractError && /pixel limit/.test(e.message));
});
