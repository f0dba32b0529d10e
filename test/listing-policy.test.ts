/**
 * The nightly/backfill decisions on listing pages: which report links to fetch, when to stop paging.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { continuePaging, decideReport } from '../src/crawl/listing-policy.js';
import type { KnownLinks } from '../src/archive/crawl-state.js';
import type { ListingLink } from '../src/types.js';

const base = 'http://www.example.gov.cn/zwgk/ndbg/';
const link = (n: number, title: string, date?: string): ListingLink => ({ url: `${base}t${n}.html`, title, ...(date ? { date } : {}) });
const r2021 = link(1, '某市人民政府2021年政府信息公开工作年度报告', '2022-01-28');
const r2020 = link(2, '某市人民政府2020年政府信息公开工作年度报告', '2021-01-29');
const r2019 = link(3, '某市人民政府2019年政府信息公开工作年度报告', '2020-01-31');
const news = link(4, '市政府召开常务会议研究部署春耕生产工作', '2022-03-02');
const nav = { url: 'http://www.example.gov.cn/', title: '首页' };

function knownOf(seen: ListingLink[], archived: ListingLink[] = seen): KnownLinks {
  return {
    seen: new Set(seen.map((l) => l.url)),
    archived: new Map(archived.map((l) => [l.url, { title: l.title, date: l.date ?? null, etag: '"abc"', lastModified: null }])),
  };
}

test('nightly: new reports are fetched, archived ones left alone, re-dated ones refetched conditionally', () => {
  const known = knownOf([r2020, r2019]);
  assert.deepEqual(decideReport(r2021, 'nightly', known), { action: 'fetch', reason: 'new' });
  assert.deepEqual(decideReport(r2020, 'nightly', known), { action: 'skip', reason: 'known' });
  const redated = { ...r2020, date: '2021-03-15' };
  assert.deepEqual(decideReport(redated, 'nightly', known), { action: 'fetch', conditional: { etag: '"abc"' }, reason: 'listing-changed' });
});

test('recheck asks again for archived reports with their validators; full refetches unconditionally', () => {
  const known = knownOf([r2020]);
  assert.deepEqual(decideReport(r2020, 'recheck', known), { action: 'fetch', conditional: { etag: '"abc"' }, reason: 'recheck' });
  assert.deepEqual(decideReport(r2020, 'full', known), { action: 'fetch', reason: 'full' });
});

test('backfill skips report links whose title names a year outside the range, fetches those without a year', () => {
  const known = knownOf([]);
  const range = { from: 2019, to: 2020 };
  assert.deepEqual(decideReport(r2021, 'backfill', known, range), { action: 'skip', reason: 'out-of-range' });
  assert.deepEqual(decideReport(r2019, 'backfill', known, range), { action: 'fetch', reason: 'new' });
  const undated = link(9, '某市人民政府政府信息公开工作年度报告');
  assert.equal(decideReport(undated, 'backfill', known, range).action, 'fetch');
});

test('nightly paging stops at the first page whose report links were all seen before', () => {
  const known = knownOf([r2020, r2019, news]);
  const reports = (links: ListingLink[]) => new Set(links.filter((l) => l.title.includes('年度报告')).map((l) => l.url));
  const page1 = [nav, r2021, r2020, news];
  assert.equal(continuePaging('nightly', page1, reports(page1), known).next, true);
  const page2 = [nav, r2020, r2019];
  assert.equal(continuePaging('nightly', page2, reports(page2), known).next, false);
});

test('nightly paging goes on past reports an unfinished run archived but never recorded as seen on a listing', () => {
  // A run killed (or stopped by a full disk) archives reports but records no listing links: the
  // next run must still read the pages that run never reached.
  const url = 'http://www.example.gov.cn/zwgk/ndbg/t1.html';
  const link = { url, title: '某县人民政府2021年政府信息公开工作年度报告', date: '2022-01-28' };
  const known = { seen: new Set<string>(), archived: new Map([[url, { title: link.title, date: link.date, etag: null, lastModified: null }]]) };
  assert.equal(continuePaging('nightly', [link], new Set([url]), known).next, true);
});

test('a pinned old report at the top does not stop paging while new items follow it', () => {
  const known = knownOf([r2019, r2020]);
  const page = [r2019, r2021, r2020];
  const verdict = continuePaging('nightly', page, new Set(page.map((l) => l.url)), known);
  assert.equal(verdict.next, true);
  assert.match(verdict.reason, /1 unseen/);
});

test('a changing sidebar of news does not keep a page with known reports paging', () => {
  const known = knownOf([r2021, r2020]);
  const freshNews = link(10, '全市安全生产工作会议召开', '2022-11-30');
  const page = [freshNews, r2021, r2020];
  assert.equal(continuePaging('nightly', page, new Set([r2021.url, r2020.url]), known).next, false);
});

test('in a mixed column, a page without reports is judged on its dated items', () => {
  const known = knownOf([news]);
  const fresh = link(11, '关于做好秋冬季森林防火工作的通知', '2022-10-10');
  assert.equal(continuePaging('nightly', [fresh, news], new Set(), known).next, true);
  assert.equal(continuePaging('nightly', [news, nav], new Set(), known).next, false);
});

test('recheck, full and backfill read every page whatever was seen', () => {
  const known = knownOf([r2021, r2020]);
  const page = [r2021, r2020];
  assert.equal(continuePaging('recheck', page, new Set(page.map((l) => l.url)), known).next, true);
  assert.equal(continuePaging('full', page, new Set(page.map((l) => l.url)), known).next, true);
  assert.equal(continuePaging('backfill', page, new Set(page.map((l) => l.url)), known).next, true);
});
