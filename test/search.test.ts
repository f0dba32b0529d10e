/**
 * Search over a crawled archive: two-character Chinese words come from the pair index (no scan of
 * every text), longer words from the trigram index, mixed queries from both; every answer is
 * checked against a plain scan of the texts. Also: the pair index follows updates and deletes, an
 * archive written before it existed gets it on opening, and snippets mark what matched.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { startSimulatedPortals, type SimulatedPortals } from '../sim/portals.js';
import { crawlWith, tempStorage } from './helpers/crawl-sim.js';
import { openArchiveDb, type Db } from '../src/archive/archive-db.js';
import { MIGRATIONS } from '../src/archive/schema.js';
import { cjkBigrams, isHanPair } from '../src/archive/cjk-bigrams.js';
import { searchReports, snippetOf } from '../src/query/search.js';
import { findReports, issuerKind } from '../src/query/report-query.js';
import { levelOf } from '../src/extract/region-data.js';
import { verifyArchive } from '../src/archive/verify-archive.js';
import { openForReading, searchCommand } from '../src/cli/commands/query.js';

let sim: SimulatedPortals;
let dir: string;
let db: Db;

before(async () => {
  // Plain, GBK, spam-injected and province portals: several regions and years.
  sim = await startSimulatedPortals({ only: ['luyi', 'xiangfu', 'yunnan', 'henan'] });
  dir = await tempStorage('search');
  await crawlWith(dir, sim.seeds);
  db = openArchiveDb(join(dir, 'archive.sqlite'));
});

after(async () => {
  db?.close();
  await sim?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Ids of the reports whose title or text holds every term: the answer without any index. */
function scanned(terms: string[], where: (r: { year: number; region_code: string; issuer: string }) => boolean = () => true): number[] {
  const rows = db.prepare('SELECT id, title, text, year, region_code, issuer FROM reports ORDER BY id').all() as { id: number; title: string; text: string; year: number; region_code: string; issuer: string }[];
  return rows.filter((r) => where(r) && terms.every((t) => r.title.toLowerCase().includes(t.toLowerCase()) || r.text.toLowerCase().includes(t.toLowerCase()))).map((r) => r.id);
}

function allHits(q: string, filter = {}): number[] {
  const first = searchReports(db, { q, filter, pageSize: 100 });
  assert.ok(first.total <= 100, 'one page holds them all');
  return first.hits.map((h) => h.id).sort((a, b) => a - b);
}

test('character pairs: runs of Han characters only, a lone character as itself', () => {
  assert.equal(cjkBigrams('行政复议 abc 诉(1)件'), '行政 政复 复议 诉 件');
  assert.equal(cjkBigrams('2019年度'), '年度');
  assert.ok(isHanPair('复议') && !isHanPair('复') && !isHanPair('12') && !isHanPair('行政复议'));
});

test('two-character, longer and mixed queries find exactly what a scan of the texts finds', () => {
  const count = (db.prepare('SELECT count(*) AS n FROM reports').get() as { n: number }).n;
  assert.ok(count >= 8, `${count} reports`);
  // 公开 鹿邑县, 鹿邑 政府信息公开: a rare word with a common one, the rare one's index ranks first.
  for (const q of ['复议', '诉讼', '政府信息公开', '行政复议 诉讼', '依申请 公开', '鹿邑', '复议 2019', '公开 鹿邑县', '鹿邑 政府信息公开']) {
    const want = scanned(q.split(' '));
    assert.deepEqual(allHits(q), want, q);
  }
  // A word in no report; words no index answers (one character, a number) alone.
  assert.deepEqual(allHits('鲸鱼'), []);
  assert.deepEqual(allHits('鹿'), scanned(['鹿']));
  assert.deepEqual(allHits('12'), scanned(['12']));
});

test('a two-character word is looked up in the pair index, not found by reading every text', () => {
  const plan = (db.prepare("EXPLAIN QUERY PLAN SELECT r.id FROM reports r JOIN (SELECT rowid AS id, rank FROM reports_bigram WHERE reports_bigram MATCH '\"复议\"') b ON b.id = r.id").all() as { detail: string }[])
    .map((p) => p.detail)
    .join('\n');
  assert.match(plan, /VIRTUAL TABLE INDEX/);
  // The query (list) path uses it as well: same answer as the search.
  assert.deepEqual(findReports(db, { text: '复议' }).map((r) => r.id).sort((a, b) => a - b), allHits('复议'));
});

test('filters, pages and sort orders', () => {
  const years = (db.prepare('SELECT DISTINCT year FROM reports ORDER BY year').all() as { year: number }[]).map((r) => r.year);
  const year = years[years.length - 1]!;
  assert.deepEqual(allHits('公开', { year }), scanned(['公开'], (r) => r.year === year));
  assert.deepEqual(allHits('公开', { region: '411628' }), scanned(['公开'], (r) => r.region_code === '411628'));
  // Henan (41xxxx) includes its counties.
  assert.deepEqual(allHits('公开', { region: '410000' }), scanned(['公开'], (r) => r.region_code.startsWith('41')));

  const all = searchReports(db, { q: '公开', pageSize: 100 });
  const pages = [1, 2, 3].map((page) => searchReports(db, { q: '公开', page, pageSize: 2 }));
  assert.ok(pages.every((p) => p.total === all.total));
  assert.deepEqual(pages.flatMap((p) => p.hits.map((h) => h.id)), all.hits.slice(0, 6).map((h) => h.id), 'pages are slices of one order');
  const byDate = searchReports(db, { q: '公开', sort: 'date', pageSize: 100 }).hits.map((h) => h.year);
  assert.deepEqual(byDate, [...byDate].sort((a, b) => b - a));
  assert.throws(() => searchReports(db, { q: '  ' }), /at least one word/);

  // Level by the code the report is filed under, issuer kind by the issuer's name.
  const levelName = { 1: 'province', 2: 'city', 3: 'county' } as const;
  for (const level of ['province', 'city', 'county'] as const) {
    const expected = scanned(['公开'], (r) => levelName[levelOf(r.region_code)] === level);
    assert.deepEqual(allHits('公开', { level }), expected, level);
  }
  assert.ok(allHits('公开', { level: 'province' }).length > 0 && allHits('公开', { level: 'county' }).length > 0, 'the sample has both');
  for (const kind of ['government', 'department'] as const) {
    assert.deepEqual(allHits('公开', { kind }), scanned(['公开'], (r) => issuerKind(r.issuer) === kind), kind);
  }
  assert.ok(allHits('公开', { kind: 'department' }).length > 0 && allHits('公开', { kind: 'government' }).length > 0, 'the sample has both');
  assert.deepEqual(allHits('复议', { level: 'province', kind: 'department' }), scanned(['复议'], (r) => levelOf(r.region_code) === 1 && issuerKind(r.issuer) === 'department'));
  assert.throws(() => searchReports(db, { q: '公开', pageSize: 1000 }), /page size/);
});

test('snippets: the text around the first match, every match in it marked', () => {
  const hit = searchReports(db, { q: '复议 诉讼', pageSize: 1 }).hits[0]!;
  assert.ok(hit.snippet.some((p) => p.match && (p.text === '复议' || p.text === '诉讼')), JSON.stringify(hit.snippet));
  const parts = snippetOf('甲乙丙丁行政复议戊己庚辛复议', ['复议']);
  assert.deepEqual(parts, [
    { text: '甲乙丙丁行政', match: false },
    { text: '复议', match: true },
    { text: '戊己庚辛', match: false },
    { text: '复议', match: true },
  ]);
  assert.equal(snippetOf('x'.repeat(500) + '复议' + 'y'.repeat(500), ['复议'])[0]!.text, '…');
});

test('the pair index follows edits and deletions, and verify checks it', async () => {
  const id = allHits('复议')[0]!;
  const text = (db.prepare('SELECT text FROM reports WHERE id = ?').get(id) as { text: string }).text;
  db.prepare('UPDATE reports SET text = ? WHERE id = ?').run(text.replaceAll('复议', '复查'), id);
  assert.deepEqual(allHits('复议'), scanned(['复议']));
  db.prepare('UPDATE reports SET text = ? WHERE id = ?').run(text, id);
  assert.ok(allHits('复议').includes(id));
  assert.deepEqual((await verifyArchive(dir, db)).problems.filter((p) => p.kind === 'fts-out-of-step'), []);
  // An index entry lost: verify sees it.
  db.prepare('DELETE FROM reports_bigram WHERE rowid = ?').run(id);
  assert.ok((await verifyArchive(dir, db)).problems.some((p) => p.kind === 'fts-out-of-step' && /reports_bigram/.test(p.detail)));
  db.prepare("INSERT INTO reports_bigram (rowid, body) VALUES (?, xxgk_bigrams((SELECT title || ' ' || text FROM reports WHERE id = ?)))").run(id, id);
  assert.deepEqual(allHits('复议'), scanned(['复议']));
});

/**
 * An archive at the schema from before the first migration containing `before`, holding one
 * 鹿邑县 2019 report with `text`, written without our connection code (as an older version did).
 */
function olderArchive(path: string, before: string, text: string): void {
  const old = new Database(path);
  // The pair index's migration calls the function our connections register.
  old.function('xxgk_bigrams', (s: unknown) => cjkBigrams(String(s)));
  for (const [i, sql] of MIGRATIONS.slice(0, MIGRATIONS.findIndex((m) => m.includes(before))).entries()) {
    old.exec(sql);
    old.pragma(`user_version = ${i + 1}`);
  }
  old
    .prepare("INSERT INTO reports (url, portal, title, year, region_code, region_name, issuer, text, encoding, content_hash, fetched_at, folder) VALUES (?, 'p', ?, 2019, '411628', '鹿邑县', '鹿邑县人民政府', ?, 'utf-8', 'h', '2020-01-01', 'f')")
    .run('http://example.gov.cn/a.html', '鹿邑县2019年政府信息公开工作年度报告', text);
  old.close();
}

test('an archive written before the pair index gets it when opened', async () => {
  const path = join(dir, 'older.sqlite');
  olderArchive(path, 'CREATE VIRTUAL TABLE reports_bigram', '本年度行政复议3件，行政诉讼1件。');
  const upgraded = openArchiveDb(path);
  try {
    assert.equal(searchReports(upgraded, { q: '复议' }).total, 1);
    assert.equal(searchReports(upgraded, { q: '诉讼 鹿邑' }).total, 1);
  } finally {
    upgraded.close();
  }
});

test('reading commands upgrade an archive of an older schema once, then read it', async () => {
  const older = join(dir, 'older-storage');
  await mkdir(older, { recursive: true });
  const path = join(older, 'archive.sqlite');
  olderArchive(path, 'reports_catalogue', '本年度行政复议3件。');
  assert.throws(() => openArchiveDb(path, { readonly: true }), /older version/);
  const reader = openForReading(older);
  try {
    assert.equal(reader.pragma('user_version', { simple: true }), MIGRATIONS.length);
    assert.equal(searchReports(reader, { q: '复议', filter: { region: '410000', kind: 'government' } }).total, 1);
    const indexes = (reader.prepare("SELECT name FROM sqlite_master WHERE type = 'index'").all() as { name: string }[]).map((r) => r.name);
    assert.ok(indexes.includes('reports_catalogue') && indexes.includes('reports_year_published'), indexes.join(','));
  } finally {
    reader.close();
  }
});

test('xxgk search: a table with snippets and the page it shows, CSV and JSON with the same hits', () => {
  const table = searchCommand(db, { q: '复议', pageSize: 2 }, 'table');
  const total = allHits('复议').length;
  assert.match(table, /【复议】/);
  assert.match(table, new RegExp(`${total} report\\(s\\) match; page 1 of ${Math.ceil(total / 2)}`));
  const json = JSON.parse(searchCommand(db, { q: '复议', pageSize: 2 }, 'json')) as { total: number; hits: { id: number }[] };
  assert.equal(json.total, total);
  const csv = searchCommand(db, { q: '复议', pageSize: 2 }, 'csv').trim().split('\n');
  assert.equal(csv[0], 'id,year,region,name,title,snippet');
  assert.deepEqual(csv.slice(1).map((l) => Number(l.split(',')[0])), json.hits.map((h) => h.id));
});
