/**
 * A report the portal revised is kept in both versions; refiling from the same bytes is not a version.
 * Run records and crawl state survive between runs.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ReportArchive } from '../src/archive/report-archive.js';
import { listVersions } from '../src/archive/report-versions.js';
import { finishRun, listRuns, startRun } from '../src/archive/run-log.js';
import { loadKnownLinks, pendingReportLinks, recordListingLinks } from '../src/archive/crawl-state.js';
import { getReport } from '../src/query/report-query.js';
import type { FetchedPage, ReportRecord } from '../src/types.js';

const url = 'http://www.xinyang.gov.cn/zwgk/xxgkndbg/2020/t20200120_1.html';

function record(text: string): ReportRecord {
  return {
    url,
    portal: 'xinyang',
    title: '信阳市人民政府2019年政府信息公开工作年度报告',
    year: 2019,
    region: { code: '411500', name: '信阳市' },
    issuer: '信阳市人民政府',
    published: '2020-01-20',
    text,
    images: [],
    encoding: 'utf-8',
    spam: [],
    tables: [],
    statistics: { figures: {}, checks: [], uncertain: [] },
  };
}

function page(body: string, etag: string): FetchedPage {
  return { url, finalUrl: url, status: 200, headers: { 'content-type': 'text/html; charset=utf-8', etag }, body: Buffer.from(body), fetchedAt: new Date().toISOString() };
}

test('a revised page becomes version 2; version 1 keeps its text and raw bytes', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'xxgk-versions-'));
  const archive = new ReportArchive(dir);
  try {
    const first = await archive.save(record('本年度收到政府信息公开申请216件。'), page('<p>本年度收到政府信息公开申请216件。</p>', '"v1"'), []);
    assert.equal(first.outcome, 'added');
    const revised = await archive.save(record('本年度收到政府信息公开申请261件。'), page('<p>本年度收到政府信息公开申请261件。</p>', '"v2"'), []);
    assert.equal(revised.outcome, 'changed');
    assert.equal(revised.id, first.id);
    const current = getReport(archive.db, first.id)!;
    assert.match(current.text, /261件/);
    const versions = listVersions(archive.db, first.id);
    assert.equal(versions.length, 1);
    assert.equal(versions[0]!.version, 1);
    assert.match(versions[0]!.text, /216件/);
    assert.equal(await readFile(join(dir, versions[0]!.folder, 'page.html'), 'utf8'), '<p>本年度收到政府信息公开申请216件。</p>');
    const row = archive.db.prepare('SELECT version, etag FROM reports WHERE id = ?').get(first.id) as { version: number; etag: string };
    assert.deepEqual(row, { version: 2, etag: '"v2"' });

    // Same bytes, better rules (reprocess): refiled in place, no new version.
    const refiled = await archive.save(record('本年度收到政府信息公开申请261件。\n二、主动公开'), page('<p>本年度收到政府信息公开申请261件。</p>', '"v2"'), []);
    assert.equal(refiled.outcome, 'updated');
    assert.equal(listVersions(archive.db, first.id).length, 1);
  } finally {
    archive.close();
  }
});

test('runs are recorded; a run left "running" by a killed process is marked interrupted', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'xxgk-runs-'));
  const archive = new ReportArchive(dir);
  try {
    const killed = startRun(archive.db, 'nightly', { portals: ['a'] }, '2026-12-01T02:00:00.000Z');
    const next = startRun(archive.db, 'nightly', { portals: ['a'] }, '2026-12-02T02:00:00.000Z');
    finishRun(archive.db, next, 'ok', '2026-12-02T02:00:03.000Z', {
      mode: 'nightly',
      portals: { a: { listingPages: 1, reportsSeen: 0, added: 0, updated: 0, changed: 0, unchanged: 0, skippedLinks: 0, errors: 0 } },
      startedAt: '2026-12-02T02:00:00.000Z',
      finishedAt: '2026-12-02T02:00:03.000Z',
      requests: 2,
    });
    const runs = listRuns(archive.db, 10);
    assert.deepEqual(runs.map((r) => [r.id, r.status]), [[next, 'ok'], [killed, 'interrupted']]);
    assert.equal(runs[0]!.requests, 2);
    assert.equal(runs[0]!.summary!.portals.a!.listingPages, 1);
  } finally {
    archive.close();
  }
});

test('listing links seen are remembered; report links never archived stay pending, deferred ones do not', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'xxgk-state-'));
  const archive = new ReportArchive(dir);
  try {
    const base = 'http://www.xinyang.gov.cn/zwgk/xxgkndbg/';
    recordListingLinks(
      archive.db,
      new Map([
        [`${base}a.html`, { portal: 'xinyang', url: `${base}a.html`, title: '信阳市2019年政府信息公开工作年度报告', isReport: true }],
        [`${base}b.html`, { portal: 'xinyang', url: `${base}b.html`, title: '信阳市2012年政府信息公开工作年度报告', isReport: true, deferred: true }],
        [`${base}c.html`, { portal: 'xinyang', url: `${base}c.html`, title: '市政府召开常务会议', isReport: false }],
      ]),
      '2026-12-01T02:00:00.000Z',
    );
    assert.equal(loadKnownLinks(archive.db, 'xinyang').seen.size, 3);
    assert.deepEqual(pendingReportLinks(archive.db, 'xinyang', 3).map((l) => l.url), [`${base}a.html`]);
  } finally {
    archive.close();
  }
});
