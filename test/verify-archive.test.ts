/**
 * `xxgk verify`: a freshly crawled archive is clean; each kind of damage a crash, a full disk or a
 * hand edit can leave is reported; --repair fixes what the files allow, and the next nightly crawl
 * fetches again what was lost, so the archive ends as it was before the damage.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdir, readFile, readdir, rename, rm, truncate, utimes, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { startSimulatedPortals, type SimulatedPortals } from '../sim/portals.js';
import { crawlWith, tempStorage, totals } from './helpers/crawl-sim.js';
import { openArchiveDb, type Db } from '../src/archive/archive-db.js';
import { leftoverPath, processAlive, replaceFolder } from '../src/archive/archive-files.js';
import { repairArchive, verifyArchive, type ArchiveProblem } from '../src/archive/verify-archive.js';
import { ReportArchive } from '../src/archive/report-archive.js';
import { listVersions } from '../src/archive/report-versions.js';
import type { FetchedPage, ReportRecord } from '../src/types.js';
import { verifyCommand } from '../src/cli/commands/verify.js';
import { runCrawl } from '../src/cli/commands/crawl.js';
import { resolveSettings } from '../src/config/settings.js';

let sim: SimulatedPortals;
let dir: string;

interface Snapshot {
  id: number;
  url: string;
  folder: string;
  content_hash: string;
  raw_hash: string;
  raw_file: string;
}

function withDb<T>(fn: (db: Db) => T): T {
  const db = openArchiveDb(join(dir, 'archive.sqlite'));
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

const snapshot = () => withDb((db) => db.prepare('SELECT id, url, folder, content_hash, raw_hash, raw_file FROM reports ORDER BY id').all() as Snapshot[]);

/** Report links the next nightly run fetches because no report row has them. */
const pendingLinks = () =>
  withDb((db) =>
    (db.prepare('SELECT url FROM listing_links WHERE is_report = 1 AND failures < 3 AND deferred = 0 AND url NOT IN (SELECT url FROM reports)').all() as { url: string }[]).map((r) => r.url),
  );

async function verify(): Promise<ArchiveProblem[]> {
  const db = openArchiveDb(join(dir, 'archive.sqlite'));
  try {
    return (await verifyArchive(dir, db)).problems;
  } finally {
    db.close();
  }
}

/** A pid no process has now: the writer of a leftover that crashed. */
function deadPid(from: number): number {
  let pid = from;
  while (processAlive(pid)) pid++;
  return pid;
}

async function flipByte(path: string): Promise<void> {
  const bytes = await readFile(path);
  const at = Math.floor(bytes.length / 2);
  bytes[at] = bytes[at]! ^ 0xff;
  await writeFile(path, bytes);
}

before(async () => {
  // A plain portal and one whose reports come with attachments and images; no OCR.
  sim = await startSimulatedPortals({ only: ['luyi', 'wenjian'] });
  dir = await tempStorage('verify');
  await crawlWith(dir, sim.seeds);
});

after(async () => {
  await sim?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

test('writing a folder over an existing one replaces it and leaves nothing aside', async () => {
  const base = join(dir, 'scratch-replace');
  await mkdir(join(base, 'new'), { recursive: true });
  await mkdir(join(base, 'target'), { recursive: true });
  await writeFile(join(base, 'target', 'f'), 'old');
  await writeFile(join(base, 'new', 'f'), 'new');
  await replaceFolder(join(base, 'new'), join(base, 'target'));
  assert.equal(await readFile(join(base, 'target', 'f'), 'utf8'), 'new');
  assert.deepEqual(await readdir(base), ['target']);
  await rm(base, { recursive: true });
});

test('damage is reported by kind, repaired from the files, and what was lost is fetched again', async () => {
  assert.deepEqual(await verify(), [], 'a fresh crawl verifies clean');
  const before = snapshot();
  // The simulated files portal has a report that always fails: pending before any damage.
  const pendingBefore = pendingLinks();
  assert.ok(before.length >= 8, `${before.length} reports`);
  const withAttachment = withDb(
    (db) => db.prepare("SELECT report_id AS id, file FROM report_attachments WHERE file != '' ORDER BY report_id LIMIT 1").get() as { id: number; file: string },
  );
  const others = before.filter((r) => r.id !== withAttachment.id);
  const [gone, flipped, truncated, aside, temp, unindexed, edited] = others;
  const abs = (...p: string[]) => join(dir, ...p);

  await rm(abs(gone!.folder), { recursive: true });
  await flipByte(abs(flipped!.folder, flipped!.raw_file));
  await flipByte(abs(before.find((r) => r.id === withAttachment.id)!.folder, withAttachment.file));
  await truncate(abs(truncated!.folder, 'meta.json'), 20);
  // A crash between the two renames of a replace: the old folder is aside, the new one not yet in.
  await rename(abs(aside!.folder), leftoverPath(abs(aside!.folder), 'aside', deadPid(99_998)));
  await cp(abs(temp!.folder), leftoverPath(abs(temp!.folder), 'tmp', deadPid(99_999)), { recursive: true });
  // A crash after the new folder was moved in, before the replaced one was removed (same bytes here).
  await cp(abs(temp!.folder), leftoverPath(abs(temp!.folder), 'aside', deadPid(100_100)), { recursive: true });
  const orphan = join('archive', '411628', '2020', 'deadbeefdeadbeef');
  await mkdir(abs(orphan), { recursive: true });
  await writeFile(abs(orphan, 'meta.json'), '{}\n');
  withDb((db) => {
    const r = db.prepare('SELECT id, title, text FROM reports WHERE id = ?').get(unindexed!.id) as { id: number; title: string; text: string };
    db.prepare("INSERT INTO reports_fts (reports_fts, rowid, title, text) VALUES ('delete', ?, ?, ?)").run(r.id, r.title, r.text);
  });
  await writeFile(abs(edited!.folder, 'text.txt'), 'edited by hand\n');

  const problems = await verify();
  const has = (kind: ArchiveProblem['kind'], reportId: number | undefined, repair: ArchiveProblem['repair']) =>
    assert.ok(
      problems.some((p) => p.kind === kind && p.reportId === reportId && p.repair === repair),
      `${kind} #${reportId} (${repair}) in ${JSON.stringify(problems, null, 1)}`,
    );
  has('missing-folder', gone!.id, 'refetch');
  has('corrupt-file', flipped!.id, 'refetch');
  has('corrupt-file', withAttachment.id, 'refetch');
  has('bad-meta', truncated!.id, 'rewrite');
  has('aside-folder', aside!.id, 'restore');
  has('missing-folder', aside!.id, 'restore');
  has('temp-folder', temp!.id, 'remove');
  has('aside-folder', temp!.id, 'remove');
  has('orphan-folder', undefined, 'lost+found');
  has('fts-out-of-step', undefined, 'rebuild-fts');
  has('corrupt-file', edited!.id, 'rewrite');

  const json = await verifyCommand(dir, { repair: false, format: 'json' });
  assert.equal(json.problems, problems.length);
  assert.equal((JSON.parse(json.output) as { problems: unknown[] }).problems.length, problems.length);

  const repaired = await verifyCommand(dir, { repair: true, format: 'table' });
  assert.equal(repaired.problems, 0, repaired.output);
  assert.match(repaired.output, /the archive is clean now/);
  assert.deepEqual(await verify(), []);
  // Restored or rewritten from the files: same rows; lost raw bytes: rows dropped, listing links pending.
  const dropped = new Set([gone!.url, flipped!.url, before.find((r) => r.id === withAttachment.id)!.url]);
  const afterRepair = snapshot();
  assert.deepEqual(
    afterRepair.map((r) => r.url),
    before.filter((r) => !dropped.has(r.url)).map((r) => r.url),
  );
  assert.ok(existsSync(abs(aside!.folder, 'meta.json')), 'the aside folder is back in place');
  assert.ok(existsSync(abs('lost+found')), 'the orphan and the damaged folders are kept in lost+found');
  const pending = pendingLinks();
  assert.deepEqual(new Set(pending.filter((url) => !pendingBefore.includes(url))), dropped);

  const { summary } = await crawlWith(dir, sim.seeds);
  assert.equal(totals(summary).added, dropped.size, JSON.stringify(summary));
  assert.deepEqual(await verify(), []);
  const restored = snapshot();
  const byUrl = (rows: Snapshot[]) => new Map(rows.map((r) => [r.url, { folder: r.folder, content: r.content_hash, raw: r.raw_hash }]));
  assert.deepEqual(byUrl(restored), byUrl(before));
  // Reports never dropped keep their ids; the re-fetched ones are new rows.
  const ids = new Map(restored.map((r) => [r.url, r.id]));
  for (const r of before) if (!dropped.has(r.url)) assert.equal(ids.get(r.url), r.id, r.url);
});

test('a clean archive exits clean from the command', async () => {
  const result = await verifyCommand(dir, { repair: false, format: 'table' });
  assert.equal(result.problems, 0, result.output);
  assert.match(result.output, /no problems found/);
});

test('earlier versions: text written again from the index; a report dropped for re-fetching keeps them in lost+found', async () => {
  const store = await tempStorage('verify-versions');
  const url = 'http://www.xinyang.gov.cn/zwgk/xxgkndbg/2020/t20200120_1.html';
  const record = (text: string): ReportRecord => ({
    url,
    portal: 'xinyang',
    title: '信阳市人民政府2019年政府信息公开工作年度报告',
    year: 2019,
    region: { code: '411500', name: '信阳市' },
    issuer: '信阳市人民政府',
    text,
    images: [],
    encoding: 'utf-8',
    spam: [],
    tables: [],
    statistics: { figures: {}, checks: [], uncertain: [] },
  });
  const page = (body: string): FetchedPage => ({ url, finalUrl: url, status: 200, headers: {}, body: Buffer.from(body), fetchedAt: new Date().toISOString() });
  const archive = new ReportArchive(store);
  try {
    await archive.save(record('收到申请216件。'), page('<p>收到申请216件。</p>'), []);
    const { id, folder } = await archive.save(record('收到申请261件。'), page('<p>收到申请261件。</p>'), []);
    const v1 = listVersions(archive.db, id)[0]!;
    assert.deepEqual((await verifyArchive(store, archive.db)).problems, []);

    await writeFile(join(store, v1.folder, 'text.txt'), 'edited\n');
    const problems = (await verifyArchive(store, archive.db)).problems;
    assert.deepEqual(problems.map((p) => [p.kind, p.reportId, p.version, p.repair]), [['corrupt-file', id, 1, 'rewrite']]);
    await repairArchive(store, archive.db);
    assert.deepEqual((await verifyArchive(store, archive.db)).problems, []);
    assert.match(await readFile(join(store, v1.folder, 'text.txt'), 'utf8'), /216件/);

    // The current version's raw bytes lost: the row goes, the earlier version is kept aside with its index row.
    await rm(join(store, folder, 'page.html'));
    await repairArchive(store, archive.db, new Date('2026-12-05T00:00:00Z'));
    assert.deepEqual((await verifyArchive(store, archive.db)).problems, []);
    assert.equal((archive.db.prepare('SELECT count(*) AS n FROM reports').get() as { n: number }).n, 0);
    const lost = join(store, 'lost+found', '2026-12-05T00-00-00-000Z');
    assert.match(await readFile(join(lost, v1.folder, 'page.html'), 'utf8'), /216件/);
    assert.match(await readFile(join(lost, dirname(v1.folder), 'versions.json'), 'utf8'), /216件/);
    assert.ok(existsSync(join(lost, folder, 'text.txt')));
    assert.ok(!existsSync(join(store, dirname(v1.folder))), 'the emptied versions folder is removed');
  } finally {
    archive.close();
    await rm(store, { recursive: true, force: true });
  }
});

test('a crawl after a killed one first puts right the folders the killed run left half-written', async () => {
  assert.deepEqual(await verify(), []);
  const before = snapshot();
  const [aside, temp] = before.slice(-2);
  const abs = (...p: string[]) => join(dir, ...p);
  // Killed between the two renames of a replace, and while writing a new folder.
  await rename(abs(aside!.folder), leftoverPath(abs(aside!.folder), 'aside', deadPid(101_000)));
  await cp(abs(temp!.folder), leftoverPath(abs(temp!.folder), 'tmp', deadPid(101_100)), { recursive: true });
  // And its lock, left behind and gone stale.
  await mkdir(abs('crawl.lock'));
  const past = new Date(Date.now() - 60_000);
  await utimes(abs('crawl.lock'), past, past);
  assert.equal((await verify()).length, 3, 'aside, missing and temporary folder found before the run');

  const printed: string[] = [];
  await runCrawl({
    storageDir: dir,
    seeds: sim.seeds,
    settings: resolveSettings({ hostDelayMs: 0 }, {}, dir),
    mode: 'nightly',
    quiet: true,
    ocr: false,
    print: (line) => printed.push(line),
  });
  assert.ok(printed.some((l) => /put right 2 folder/.test(l)), printed.join('\n'));
  assert.deepEqual(await verify(), []);
  assert.deepEqual(snapshot(), before);
});
