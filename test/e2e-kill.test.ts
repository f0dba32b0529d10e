/**
 * SIGKILL at random moments: the real CLI crawls the simulated portals and is killed again and
 * again, at moments spread over the stages of a crawl: reading a listing, fetching and building a
 * report, reading table images (OCR), writing a report's folder and index row. After every kill
 * `xxgk verify` must find the archive consistent: nothing wrong but the temporary or aside folder
 * the killed writer left, which `verify --repair` resolves. The next run is killed too, or left to
 * finish; each series ends with an uninterrupted run, and its archive equals that of one
 * uninterrupted crawl (same reports, same text, same raw bytes).
 *
 * The kill moments come from a seeded PRNG: the seed is printed, XXGK_KILL_SEED replays a run.
 * XXGK_KILLS sets how many kills (default 20, at least 20).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, rm } from 'node:fs/promises';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { startSimulatedPortals, type SimulatedPortals, type ExpectedReport } from '../sim/portals.js';
import { tempStorage, writeSeedFile } from './helpers/crawl-sim.js';
import { Rng } from './fixtures/fuzz/prng.js';
import {
  ageLockOfDeadCrawl,
  archiveSnapshot,
  archivedUrls,
  isDeadWriterLeftover,
  runCliArgs,
  startCli,
  verifyStorage,
  type Finished,
} from './helpers/cli-archive.js';

const SEED = Number(process.env.XXGK_KILL_SEED ?? Math.floor(Math.random() * 2 ** 31));
const KILLS = Math.max(20, Number(process.env.XXGK_KILLS ?? 20));
/** Kills per series (one storage folder crawled from empty, killed this often, then finished). */
const PER_SERIES = 7;

type Stage = 'listing' | 'report' | 'ocr' | 'write';
const STAGES: Stage[] = ['listing', 'report', 'ocr', 'write'];

// The fuzz test's seeded generator (mulberry32): the same seed gives the same kill moments.
const rng = new Rng(SEED);
const random = (): number => rng.next();
const between = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));

let sim: SimulatedPortals;
let seedFile: string;
const dirs: string[] = [];

before(async () => {
  process.stdout.write(`# e2e-kill seed ${SEED} (XXGK_KILL_SEED=${SEED} replays it), ${KILLS} kills\n`);
  sim = await startSimulatedPortals({ latencyMs: 3 });
  const dir = await tempStorage('kill-seeds');
  dirs.push(dir);
  seedFile = await writeSeedFile(dir, sim.seeds);
});

after(async () => {
  await sim?.close();
  if (!process.env.XXGK_KEEP_KILL_DIRS) for (const d of dirs) await rm(d, { recursive: true, force: true });
});

/** OCR rounds crawl only the portals of the reports with table images, which are otherwise fetched last. */
function crawlArgs(storage: string, ocr: boolean, portals: string[] = []): string[] {
  return ['crawl', '--storage', storage, '--seeds', seedFile, ...(ocr ? [] : ['--no-ocr']), ...portals.flatMap((p) => ['--portal', p])];
}

/** Names of `.tmp-`/`.old-` folders under archive/<region>/<year>/. */
function leftovers(storage: string): string[] {
  const found: string[] = [];
  const list = (dir: string) => {
    try {
      return readdirSync(dir);
    } catch {
      return [];
    }
  };
  for (const region of list(join(storage, 'archive'))) {
    for (const year of list(join(storage, 'archive', region))) {
      for (const name of list(join(storage, 'archive', region, year))) if (/\.(tmp|old)-\d+$/.test(name)) found.push(join(region, year, name));
    }
  }
  return found;
}

const pathOf = (url: string) => {
  const u = new URL(url);
  return u.pathname + u.search;
};

interface KillRecord {
  series: number;
  stage: Stage;
  /** ms from the start of the process to the kill. */
  atMs: number;
  /** What the kill left: reports archived before and after the run, leftover folders. */
  archivedBefore: number;
  archivedAfter: number;
  leftovers: string[];
  verifyProblems: string[];
  /** For OCR kills: the OCR report had all its images and was not archived when killed. */
  note: string;
}

function describeKill(i: number, k: KillRecord): string {
  return (
    `# kill ${String(i + 1).padStart(2)}: series ${k.series} ${k.stage.padEnd(7)} at ${String(k.atMs).padStart(5)} ms, archived ${k.archivedBefore}→${k.archivedAfter}` +
    `${k.leftovers.length ? `, left ${k.leftovers.join(' ')}` : ''}${k.verifyProblems.length ? `, verify: ${k.verifyProblems.join(' ')}` : ''} (${k.note})`
  );
}

/**
 * One run of the crawl, killed when the trigger for `stage` fires. Returns undefined when the run
 * finished before the trigger fired.
 */
async function killedRun(storage: string, stage: Stage, ocrReports: ExpectedReport[]): Promise<{ finished: Finished; atMs: number; note: string } | undefined> {
  const archived = archivedUrls(storage);
  const logStart = sim.requestLog.length;
  let fired = false;
  let note = '';
  const started = Date.now();
  let killAt = 0;
  const kill = (why: string) => {
    if (fired) return;
    fired = true;
    note = why;
    killAt = Date.now() - started;
    run.child.kill('SIGKILL');
  };
  let scheduled = false;
  const fireAfter = (jitterMs: number, why: string) => {
    if (fired || scheduled) return;
    scheduled = true;
    if (jitterMs <= 0) kill(why);
    else setTimeout(() => kill(why), jitterMs);
  };
  const timers: NodeJS.Timeout[] = [];
  let ocrTarget: string | undefined;
  let onLine: ((line: string) => void) | undefined;

  if (stage === 'listing') {
    // The k-th listing page handled, then a few ms: reports being queued, the next page in flight.
    const k = between(1, 4);
    let seen = 0;
    onLine = (line) => {
      if (/^\s+\[\w+\] listing /.test(line) && ++seen === k) fireAfter(between(0, 25), `after listing page ${k}`);
    };
  } else if (stage === 'report' || stage === 'ocr') {
    // Watch the server's side: a report page (or the OCR report's last image) just answered.
    const pending = new Map<string, ExpectedReport>();
    for (const e of sim.expected) if (!archived.has(e.url)) pending.set(pathOf(e.url), e);
    const lastImages = new Map<string, ExpectedReport>();
    for (const e of ocrReports) if (!archived.has(e.url)) lastImages.set(e.images.at(-1)!, e);
    const k = between(1, 3);
    let seen = 0;
    let index = logStart;
    const poll = setInterval(() => {
      for (; index < sim.requestLog.length; index++) {
        const path = sim.requestLog[index]!.path;
        if (stage === 'report' && pending.has(path) && ++seen === k) fireAfter(between(0, 40), `report page ${k} answered`);
        if (stage === 'ocr') {
          const name = path.split('/').pop()!;
          const e = lastImages.get(name);
          // Images are fetched first, then read: a moment after the last one the model is loading or reading.
          if (e && !scheduled) {
            ocrTarget = e.url;
            fireAfter(between(50, 1500), `images of ${e.title} fetched`);
          }
        }
      }
    }, 2);
    timers.push(poll);
  } else {
    // A report folder being written: its temporary folder appears, kill at once or a moment later.
    const k = between(1, 2);
    let seen = 0;
    const known = new Set(leftovers(storage));
    const poll = setInterval(() => {
      if (fired) return;
      const now = leftovers(storage).filter((l) => !known.has(l));
      for (const l of now) known.add(l);
      if (now.length && (seen += now.length) >= k) fireAfter(random() < 0.5 ? 0 : between(1, 4), `temporary folder ${now[0]} appeared`);
    }, 1);
    timers.push(poll);
  }
  const ocrPortals = [...new Set(ocrReports.filter((e) => !archived.has(e.url)).map((e) => e.portal))];
  const run = startCli(stage === 'ocr' ? crawlArgs(storage, true, ocrPortals) : crawlArgs(storage, false), onLine);
  const finished = await run.done;
  for (const t of timers) clearInterval(t);
  if (!fired || finished.signal !== 'SIGKILL') return undefined;
  // Whether the kill came while that report's images were being read, or only after it was archived.
  if (ocrTarget) note += archivedUrls(storage).has(ocrTarget) ? ', but it was archived before the kill' : ', killed before it was archived';
  return { finished, atMs: killAt, note };
}

test(`SIGKILL at ${KILLS} random moments over listing, report, OCR and archive writing: verify finds it consistent every time, and it ends equal to an uninterrupted run`, async () => {
  const t0 = Date.now();
  // Reports whose table images are read (OCR), fetched last by nature of their many images.
  const ocrReports = sim.expected.filter((e) => e.images.length > 0);
  assert.ok(ocrReports.length > 0, 'the simulated portals serve reports with table images');

  const reference = await tempStorage('kill-ref');
  dirs.push(reference);
  const whole = await runCliArgs([...crawlArgs(reference, false), '--quiet']);
  assert.equal(whole.code, 0, whole.stderr);
  const expected = archiveSnapshot(reference).map(({ folder: _f, ...r }) => r);
  assert.deepEqual(
    expected.map((r) => r.url),
    sim.expected.map((e) => e.url).sort(),
    'the reference run archived every report',
  );

  const kills: KillRecord[] = [];
  const perStage = (s: Stage) => kills.filter((k) => k.stage === s).length;
  let series = 0;
  let lockWaitedNaturally = false;
  while (kills.length < KILLS) {
    series++;
    assert.ok(series <= Math.ceil(KILLS / PER_SERIES) * 3, `only ${kills.length} kills landed in ${series - 1} series: the runs end before their triggers`);
    const storage = await tempStorage(`kill-${series}`);
    dirs.push(storage);
    let inSeries = 0;
    let tries = 0;
    while (inSeries < PER_SERIES && kills.length < KILLS && tries++ < PER_SERIES * 3) {
      const archived = archivedUrls(storage);
      const ocrPossible = ocrReports.some((e) => !archived.has(e.url));
      // The stage least killed so far (OCR only while an OCR report is still to be fetched), ties at random.
      const candidates = STAGES.filter((s) => s !== 'ocr' || ocrPossible);
      const fewest = Math.min(...candidates.map(perStage));
      const least = candidates.filter((s) => perStage(s) === fewest);
      const stage = least[between(0, least.length - 1)]!;
      const killed = await killedRun(storage, stage, ocrReports);
      if (!killed) {
        // It finished before the trigger: the series is complete (an OCR round crawled some portals only).
        if (stage === 'ocr') continue;
        break;
      }
      const left = leftovers(storage);
      // The first time, let the killed crawl's lock go stale by itself (verify retries while busy);
      // after that, age it at once: the holder is known to be dead.
      if (lockWaitedNaturally) ageLockOfDeadCrawl(storage);
      const checked = await verifyStorage(storage);
      if (!lockWaitedNaturally) {
        lockWaitedNaturally = true;
        process.stdout.write(`# verify waited ${checked.busyMs} ms for the killed crawl's lock to go stale\n`);
      }
      const wrong = checked.result.problems.filter((p) => !isDeadWriterLeftover(p));
      assert.deepEqual(wrong, [], `series ${series}, kill during ${stage} (${killed.note}): verify found problems\n${JSON.stringify(checked.result, null, 2)}`);
      kills.push({
        series,
        stage,
        atMs: killed.atMs,
        archivedBefore: archived.size,
        archivedAfter: checked.result.checked.reports,
        leftovers: left,
        verifyProblems: checked.result.problems.map((p) => `${p.kind}:${p.repair}`),
        note: killed.note,
      });
      process.stdout.write(`${describeKill(kills.length - 1, kills.at(-1)!)}\n`);
      if (checked.result.problems.length) {
        // `remaining` is what a fresh check finds after the repairs.
        const repaired = await verifyStorage(storage, true);
        assert.deepEqual(repaired.result.remaining, [], `verify --repair left problems\n${JSON.stringify(repaired.result, null, 2)}`);
        assert.equal(repaired.code, 0);
      }
      inSeries++;
    }
    // The run that is left to finish.
    const last = await runCliArgs([...crawlArgs(storage, false), '--quiet']);
    assert.equal(last.code, 0, `series ${series}: the uninterrupted run after the kills\n${last.stdout}\n${last.stderr}`);
    const final = await verifyStorage(storage);
    assert.deepEqual(final.result.problems, [], `series ${series}: verify after the final run`);
    assert.deepEqual(
      archiveSnapshot(storage).map(({ folder: _f, ...r }) => r),
      expected,
      `series ${series}: the archive equals an uninterrupted run's`,
    );
    // One folder per report, nothing else under archive/.
    let folders = 0;
    for (const region of await readdir(join(storage, 'archive'))) {
      for (const year of await readdir(join(storage, 'archive', region))) folders += (await readdir(join(storage, 'archive', region, year))).length;
    }
    assert.equal(folders, expected.length, `series ${series}: one folder per report`);
  }

  process.stdout.write(
    `# ${kills.length} kills in ${series} series, seed ${SEED}, ${Math.round((Date.now() - t0) / 1000)} s: ` +
      `${STAGES.map((s) => `${s} ${perStage(s)}`).join(', ')}; ${kills.filter((k) => k.leftovers.length).length} left a temporary or aside folder\n`,
  );
  assert.ok(kills.length >= 20, `${kills.length} kills`);
  for (const s of STAGES) assert.ok(perStage(s) >= 3, `${perStage(s)} kills during ${s}`);
  assert.ok(kills.some((k) => k.leftovers.length > 0), 'some kill landed while a report folder was being written');
});
