/**
 * `npm run bench:query`: the archive at national size. Builds (once, then reuses) an archive of
 * 100 000 reports (scripts/bench-query/national-archive.ts), starts `xxgk serve` on it as a user
 * would, and times what people do there, one request at a time over HTTP: searches (two- and
 * three-character words, with and without filters, by relevance and by date), region and report
 * pages, one figure across all regions for a year, a province's coverage. Prints latencies against
 * the targets of issue 12, the server's peak memory, and the archive's size on disk per report.
 * Asserts nothing: the numbers are read.
 *
 * Options: --reports N (100000) --dir DIR (where the archive is built and kept; default under the
 * system's temporary folder) --rounds N (requests per kind of query, 30) --rebuild.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { lstat, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { ReportArchive } from '../src/archive/report-archive.js';
import { openArchiveDb } from '../src/archive/archive-db.js';
import { rng } from '../sim/fixtures/synthetic-legacy.js';
import { bodyPool, FIRST_YEAR, fileReports, LAST_YEAR, reportSpecs } from './bench-query/national-archive.js';

const { values } = parseArgs({
  options: {
    reports: { type: 'string', default: '100000' },
    dir: { type: 'string' },
    rounds: { type: 'string', default: '30' },
    rebuild: { type: 'boolean', default: false },
  },
});
const target = Number(values.reports);
const rounds = Number(values.rounds);
const dir = values.dir ?? join(tmpdir(), `xxgk-bench-query-${target}`);
const COMPLETE = join(dir, 'bench-complete.json');

async function buildArchive(): Promise<void> {
  await rm(dir, { recursive: true, force: true });
  const started = performance.now();
  const specs = reportSpecs(target);
  const pool = bodyPool(150);
  console.log(`building ${specs.length} reports in ${dir} (${pool.length} bodies extracted in ${((performance.now() - started) / 1000).toFixed(0)} s)…`);
  const archive = new ReportArchive(dir);
  try {
    await fileReports(archive, specs, pool, (done, perSecond) => {
      if (done % 5000 === 0) console.log(`  ${done} filed, ${perSecond.toFixed(0)}/s`);
    });
    archive.db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    archive.close();
  }
  await writeFile(COMPLETE, JSON.stringify({ reports: specs.length, seconds: Math.round((performance.now() - started) / 1000) }));
}

/** Bytes on disk (allocated blocks) under a folder, and how many files. */
async function diskUsage(path: string): Promise<{ bytes: number; files: number }> {
  const stat = await lstat(path);
  if (!stat.isDirectory()) return { bytes: stat.blocks * 512, files: 1 };
  let bytes = stat.blocks * 512;
  let files = 0;
  for (const entry of await readdir(path)) {
    const sub = await diskUsage(join(path, entry));
    bytes += sub.bytes;
    files += sub.files;
  }
  return { bytes, files };
}

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePort(port));
    });
  });
}

async function startServer(port: number): Promise<ChildProcess> {
  const bin = fileURLToPath(new URL('../bin/xxgk.js', import.meta.url));
  const child = spawn(process.execPath, [bin, 'serve', '--storage', dir, '--port', String(port)], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((ready, fail) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('serving')) ready();
    });
    child.once('exit', (code) => fail(new Error(`xxgk serve exited with ${code}`)));
  });
  return child;
}

async function memoryOf(pid: number): Promise<{ rss: number; peak: number }> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) * 1024;
  return { rss: kb('VmRSS'), peak: kb('VmHWM') };
}

interface Timing {
  name: string;
  target: { p50?: number; p95?: number; max?: number };
  ms: number[];
  /** Results seen, to show the queries were not empty. */
  results: number[];
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function main(): Promise<void> {
  if (values.rebuild || !existsSync(COMPLETE)) await buildArchive();
  const built = JSON.parse(await readFile(COMPLETE, 'utf8')) as { reports: number; seconds: number };

  // Opened for writing once: an archive kept from an earlier version of this script is migrated.
  openArchiveDb(join(dir, 'archive.sqlite')).close();
  // What the archive holds, to pick realistic requests from.
  const db = openArchiveDb(join(dir, 'archive.sqlite'), { readonly: true });
  const ids = (db.prepare('SELECT id FROM reports').all() as { id: number }[]).map((r) => r.id);
  const regionYears = db.prepare('SELECT DISTINCT region_code AS code, year FROM reports').all() as { code: string; year: number }[];
  const provinces = (db.prepare("SELECT DISTINCT substr(region_code, 1, 2) || '0000' AS code FROM reports").all() as { code: string }[]).map((r) => r.code);
  const names = (db.prepare('SELECT DISTINCT region_name AS name FROM reports').all() as { name: string }[]).map((r) => r.name);
  const cities = (db.prepare("SELECT DISTINCT substr(region_code, 1, 4) || '00' AS code FROM reports WHERE region_code NOT LIKE '__0000'").all() as { code: string }[]).map((r) => r.code);
  db.close();

  const usage = await diskUsage(dir);
  const dbUsage = (await Promise.all(['archive.sqlite', 'archive.sqlite-wal'].map((f) => join(dir, f)).filter(existsSync).map(diskUsage))).reduce((s, u) => s + u.bytes, 0);

  const port = await freePort();
  const server = await startServer(port);
  const base = `http://127.0.0.1:${port}`;
  const r = rng(42);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(r() * list.length)]!;
  const year = () => FIRST_YEAR + Math.floor(r() * (LAST_YEAR - FIRST_YEAR + 1));

  async function get(path: string): Promise<{ ms: number; body: string }> {
    const started = performance.now();
    const response = await fetch(base + path);
    const body = await response.text();
    const ms = performance.now() - started;
    if (!response.ok) throw new Error(`${path}: HTTP ${response.status} ${body.slice(0, 200)}`);
    return { ms, body };
  }

  const timings: Timing[] = [];
  async function measure(name: string, target: Timing['target'], path: () => string, count: (body: string) => number): Promise<void> {
    const t: Timing = { name, target, ms: [], results: [] };
    // One request of the kind first, not counted: the first touch of an index after start-up
    // reads it from the disk cache into SQLite's, which a server does once, not per request.
    await get(path());
    for (let i = 0; i < rounds; i++) {
      const { ms, body } = await get(path());
      t.ms.push(ms);
      t.results.push(count(body));
    }
    timings.push(t);
  }
  const total = (body: string) => (JSON.parse(body) as { total: number }).total;
  const rowsOf = (body: string) => (JSON.parse(body) as { rows: unknown[] }).rows.length;
  const SEARCH = { p50: 100, p95: 300 };
  const PAGE = { p95: 100 };

  const threeChar = ['依申请', '行政复议', '政务公开', '政策解读', '保密审查', '不予公开', '规范性文件', '信访举报', '重点领域'];
  const twoChar = ['复议', '诉讼', '解读', '培训', '收费', '公报', '监督', '预算'];
  // A place's name: found in its own reports (a few dozen), and in the seed reports some carry.
  const rare = names.filter((n) => [...n].length >= 3);
  const filters = () => {
    const f: Record<string, string> = {};
    const roll = r();
    if (roll < 0.4) f.region = pick(provinces);
    else if (roll < 0.7) f.region = pick(cities);
    if (r() < 0.6) f.year = String(year());
    if (r() < 0.3) f.kind = pick(['government', 'department']);
    if (r() < 0.2) f.level = pick(['province', 'city', 'county']);
    if (!Object.keys(f).length) f.year = String(year());
    return f;
  };
  const search = (words: string[], extra: () => Record<string, string>) => () => `/api/search?${new URLSearchParams({ q: pick(words), ...extra() })}`;

  await get('/'); // first request: the server's lazy parts
  await measure('search, 3+ characters', SEARCH, search(threeChar, () => ({})), total);
  await measure('search, 3+ characters, filtered', SEARCH, search(threeChar, filters), total);
  await measure('search, 2 characters', SEARCH, search(twoChar, () => ({})), total);
  await measure('search, 2 characters, filtered', SEARCH, search(twoChar, filters), total);
  await measure('search, newest first', SEARCH, search([...threeChar, ...twoChar], () => ({ sort: 'date', ...(r() < 0.5 ? filters() : {}) })), total);
  await measure('search, two common words, page 5', SEARCH, () => `/api/search?${new URLSearchParams({ q: `${pick(twoChar)} ${pick(threeChar)}`, page: '5' })}`, total);
  await measure('search, rare word', SEARCH, search(rare, () => (r() < 0.5 ? filters() : {})), total);
  await measure('search, a common and a rare word', SEARCH, () => `/api/search?${new URLSearchParams({ q: `${pick(twoChar)} ${pick(rare)}` })}`, total);
  await measure('search page (HTML), 2 characters, filtered', SEARCH, () => `/search?${new URLSearchParams({ q: pick(twoChar), ...filters() })}`, (b) => b.length);
  await measure('region tree (/)', PAGE, () => '/', (b) => b.length);
  await measure('region page, one year', PAGE, () => {
    const ry = pick(regionYears);
    return `/region/${ry.code}?year=${ry.year}`;
  }, (b) => b.length);
  await measure('province page, one year', PAGE, () => `/region/${pick(provinces)}?year=${year()}`, (b) => b.length);
  await measure('report page', PAGE, () => `/report/${pick(ids)}`, (b) => b.length);
  await measure('report, JSON', PAGE, () => `/api/reports/${pick(ids)}`, (b) => b.length);
  // Not a page: the API's default page of 100 whole reports (tables, figures, checks; ~2 MB).
  await measure('API: 100 whole reports of a province and year', {}, () => `/api/reports?region=${pick(provinces)}&year=${year()}`, total);
  const FIGURE = 'applications.new.total';
  await measure(`figure ${FIGURE}, all regions, one year (JSON)`, { max: 300 }, () => `/api/figures?key=${FIGURE}&year=${2019 + Math.floor(r() * 6)}`, rowsOf);
  await measure('the same, page with table and chart', { max: 300 }, () => `/figures?key=${FIGURE}&year=${2019 + Math.floor(r() * 6)}`, (b) => b.length);
  await measure('coverage of a province (JSON)', { max: 300 }, () => `/api/coverage?region=${pick(provinces)}`, rowsOf);
  await measure('coverage of a province (page)', { max: 300 }, () => `/coverage?region=${pick(provinces)}`, (b) => b.length);
  const memory = await memoryOf(server.pid!);
  server.kill('SIGINT');

  const f = (n: number) => n.toFixed(0).padStart(6);
  console.log(`\narchive: ${built.reports} reports (built in ${built.seconds} s), ${rounds} requests per line after one warm-up, one at a time, over HTTP to xxgk serve\n`);
  console.log(`${'request'.padEnd(50)} ${'p50'.padStart(6)} ${'p95'.padStart(6)} ${'max'.padStart(6)}  target                 results (median)`);
  for (const t of timings) {
    const sorted = [...t.ms].sort((a, b) => a - b);
    const p50 = percentile(sorted, 50);
    const p95 = percentile(sorted, 95);
    const max = sorted[sorted.length - 1]!;
    const targets = [t.target.p50 !== undefined ? `p50≤${t.target.p50}` : '', t.target.p95 !== undefined ? `p95≤${t.target.p95}` : '', t.target.max !== undefined ? `max≤${t.target.max}` : ''].filter(Boolean).join(' ');
    const met = (t.target.p50 === undefined || p50 <= t.target.p50) && (t.target.p95 === undefined || p95 <= t.target.p95) && (t.target.max === undefined || max <= t.target.max);
    const results = [...t.results].sort((a, b) => a - b)[Math.floor(t.results.length / 2)]!;
    const verdict = targets ? `${targets} ${met ? 'ok' : 'MISSED'}` : '(no target)';
    console.log(`${t.name.padEnd(50)} ${f(p50)} ${f(p95)} ${f(max)}  ${verdict.padEnd(22)} ${results}`);
  }
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;
  console.log(`\nserver memory: peak ${mb(memory.peak)} (target ≤ 400 MB), at the end ${mb(memory.rss)}`);
  console.log(`disk: ${mb(usage.bytes)} in ${usage.files} files, ${(usage.bytes / built.reports / 1024).toFixed(1)} KB a report (database ${(dbUsage / built.reports / 1024).toFixed(1)} KB, report folders ${((usage.bytes - dbUsage) / built.reports / 1024).toFixed(1)} KB)`);
}

await main();
