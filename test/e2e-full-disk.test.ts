/**
 * A full disk: the storage folder sits on a small tmpfs the test mounts (root only), mostly taken
 * by a ballast file, so the crawl runs out of space halfway. The run must stop at once with a
 * clear message (no stack trace, not one error per report), leave the archive consistent (verify
 * finds nothing wrong, even before space is freed), and once the ballast is gone the next run
 * completes it: the archive then equals that of one uninterrupted crawl.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulatedPortals, type SimulatedPortals } from '../sim/portals.js';
import { tempStorage, writeSeedFile } from './helpers/crawl-sim.js';
import { archiveSnapshot, isDeadWriterLeftover, runCliArgs, verifyStorage } from './helpers/cli-archive.js';
import { EXIT } from '../src/cli/exit-codes.js';
import { ReportArchive } from '../src/archive/report-archive.js';
import { verifyArchive } from '../src/archive/verify-archive.js';
import { findReports } from '../src/query/report-query.js';
import { crawlInto } from './helpers/crawl-sim.js';
import { readFileSync } from 'node:fs';
import { rawFileName } from '../src/archive/archive-files.js';

/**
 * Size of the small filesystem (room for the whole archive and its SQLite write-ahead log, which
 * grows to 4 MB before a checkpoint), and the room left beside the ballast: about half an archive.
 */
const FS_SIZE = '16m';
const ROOM_BYTES = Number(process.env.XXGK_FULL_DISK_ROOM ?? 1_300_000);

let sim: SimulatedPortals;
let seedFile: string;
const dirs: string[] = [];
let mountPoint: string | undefined;
let skip: string | false = false;

function tryMount(): string | false {
  if (process.getuid?.() !== 0) return 'needs root to mount a small tmpfs';
  const dir = mkdtempSync(join(tmpdir(), 'xxgk-full-disk-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${FS_SIZE}`, 'tmpfs', dir], { stdio: 'pipe' });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    return `cannot mount a tmpfs: ${(error as Error).message.split('\n')[0]}`;
  }
  mountPoint = dir;
  return false;
}

before(async () => {
  skip = tryMount();
  if (skip) return;
  sim = await startSimulatedPortals({ latencyMs: 3 });
  const dir = await tempStorage('full-disk-seeds');
  dirs.push(dir);
  seedFile = await writeSeedFile(dir, sim.seeds);
});

after(async () => {
  await sim?.close();
  for (const d of dirs) await rm(d, { recursive: true, force: true });
  if (mountPoint) {
    try {
      execFileSync('umount', [mountPoint], { stdio: 'pipe' });
    } catch {
      execFileSync('umount', ['-l', mountPoint], { stdio: 'pipe' });
    }
    rmSync(mountPoint, { recursive: true, force: true });
  }
});

const free = (path: string) => {
  const s = statfsSync(path);
  return s.bavail * s.bsize;
};

test('a disk that fills up mid-crawl: the run stops with a clear error, the archive stays consistent, the next run completes it', async (t) => {
  if (skip) {
    t.skip(skip);
    return;
  }
  const t0 = Date.now();
  const took: string[] = [];
  const crawl = async (storage: string) => {
    const started = Date.now();
    const run = await runCliArgs(['crawl', '--storage', storage, '--seeds', seedFile, '--no-ocr']);
    took.push(`crawl ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return run;
  };

  const reference = await tempStorage('full-disk-ref');
  dirs.push(reference);
  const whole = await crawl(reference);
  assert.equal(whole.code, 0, whole.stderr);
  const expected = archiveSnapshot(reference).map(({ folder: _f, ...r }) => r);
  assert.equal(expected.length, sim.expected.length);

  const storage = join(mountPoint!, 'storage');
  const ballast = join(mountPoint!, 'ballast');
  writeFileSync(ballast, Buffer.alloc(Math.max(0, free(mountPoint!) - ROOM_BYTES)));
  const full = await crawl(storage);
  const said = `${full.stdout}\n${full.stderr}`;
  process.stdout.write(`# full disk: exit ${full.code}, ${free(mountPoint!)} bytes free after the run\n# ${full.stderr.trim().split('\n').join('\n# ')}\n`);
  assert.equal(full.signal, null, 'the run ended by itself');
  assert.equal(full.code, EXIT.FAILURE, `exit code of a run stopped by a full disk\n${said}`);
  assert.match(full.stderr, /no space left/i, 'the message says what happened');
  assert.doesNotMatch(said, /^\s+at /m, 'no stack trace');
  assert.doesNotMatch(said, /unexpected error/i);
  // It stopped at the first failure instead of failing every report that followed.
  const errors = full.stdout.split('\n').filter((l) => /\] ERROR /.test(l));
  assert.ok(errors.length <= 2, `${errors.length} error lines:\n${errors.join('\n')}`);
  const partial = archiveSnapshot(storage).length;
  assert.ok(partial < expected.length, `the disk filled up before the end (${partial} of ${expected.length} reports archived)`);

  // Consistent as it stands, before any space is freed.
  const checked = await verifyStorage(storage);
  const wrong = checked.result.problems.filter((p) => !isDeadWriterLeftover(p));
  assert.deepEqual(wrong, [], `verify on the full disk\n${JSON.stringify(checked.result, null, 2)}`);
  assert.deepEqual(checked.result.problems, [], 'not even leftovers of the failed writes');

  rmSync(ballast);
  const again = await crawl(storage);
  assert.equal(again.code, 0, `the run after space was freed\n${again.stdout}\n${again.stderr}`);
  const final = await verifyStorage(storage);
  assert.deepEqual(final.result.problems, [], 'verify after the run that completed it');
  assert.deepEqual(archiveSnapshot(storage).map(({ folder: _f, ...r }) => r), expected, 'the archive equals an uninterrupted run\'s');
  process.stdout.write(
    `# ${partial} of ${expected.length} reports archived before the disk filled up; the next run archived the rest (${took.join(', ')}; ${Math.round((Date.now() - t0) / 1000)} s in all)\n`,
  );
});

test('the index cannot grow (SQLITE_FULL) while a report is filed: its folder goes back as it was, nothing is left for verify', async () => {
  // No mount needed: max_page_count makes SQLite answer SQLITE_FULL as a full disk does.
  const own = await startSimulatedPortals({ only: ['luyi'] });
  const dir = await tempStorage('sqlite-full');
  dirs.push(dir);
  try {
    await crawlInto(dir, own.seeds);
  } finally {
    await own.close();
  }
  const archive = new ReportArchive(dir);
  try {
    const [first, second] = findReports(archive.db);
    assert.ok(first && second);
    const rawOf = (r: { folder: string; url: string }) => readFileSync(join(dir, r.folder, rawFileName(r.url)));
    const before = rawOf(first);
    archive.db.pragma(`max_page_count = ${archive.db.pragma('page_count', { simple: true }) as number}`);
    const page = (url: string, body: string) => ({ url, finalUrl: url, status: 200, headers: {}, body: Buffer.from(body), fetchedAt: new Date().toISOString() });
    // A revised page (its folder replaced, the old version set aside) and a new one: neither fits.
    const revised = { ...first, text: `${first.text}\n${'补充说明。'.repeat(4000)}` };
    await assert.rejects(archive.save(revised, page(first.url, `<html><body>${revised.text}</body></html>`), []), (e: { code?: string }) => e.code === 'SQLITE_FULL');
    const added = { ...second, url: `${second.url}&copy=1`, text: '新'.repeat(20000) };
    await assert.rejects(archive.save(added, page(added.url, `<html><body>${added.text}</body></html>`), []), (e: { code?: string }) => e.code === 'SQLITE_FULL');
    archive.db.pragma('max_page_count = 1073741823');
    const found = await verifyArchive(dir, archive.db);
    assert.deepEqual(found.problems, [], 'the index and the folders still describe the same fetches');
    assert.deepEqual(rawOf(first), before, 'the revised report\'s folder holds the archived fetch again');
  } finally {
    archive.close();
  }
});
