/**
 * `reprocess` refiles archived reports from their raw bytes alone: the archive keeps what was
 * fetched, so better rules can be applied later without touching the portals again.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { ReportArchive } from '../src/archive/report-archive.js';
import { reprocessArchive, type ReprocessEvent } from '../src/archive/reprocess.js';
import { processReportPage } from '../src/process/report-page.js';
import { findReports } from '../src/query/report-query.js';
import type { FetchedPage } from '../src/types.js';

const PORTAL = { id: 'luyi', name: '鹿邑县人民政府', region: '411628' };
const URL_ = 'http://www.luyi.gov.cn/Article/ShowArticle.asp?ArticleID=2307';

function gbkPage(): FetchedPage {
  const paragraphs = [
    '根据《中华人民共和国政府信息公开条例》规定，现公布鹿邑县人民政府2019年政府信息公开工作年度报告。',
    '一、总体情况',
    '2019年，鹿邑县认真贯彻落实党中央、国务院关于全面推进政务公开工作的部署，主动公开政府信息15036条。',
    '二、收到和处理政府信息公开申请情况',
    '全年共收到政府信息公开申请216件，全部按时办结；本年度未发生行政复议和行政诉讼案件。',
  ];
  const html = `<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>鹿邑县人民政府2019年政府信息公开工作年度报告_鹿邑县人民政府</title></head><body>
<div class="nav"><a href="/">首页</a> <a href="/zwgk/">政务公开</a></div>
<h1>鹿邑县人民政府2019年政府信息公开工作年度报告</h1><div class="info">更新时间：2020-1-15 9:12:33</div>
<div id="fontzoom">${paragraphs.map((p) => `<p>${p}</p>`).join('')}</div>
<div class="footer">主办单位：鹿邑县人民政府办公室</div></body></html>`;
  return { url: URL_, finalUrl: URL_, status: 200, headers: { 'content-type': 'text/html' }, body: iconv.encode(html, 'gbk'), fetchedAt: '2026-01-01T00:00:00.000Z' };
}

test('reprocess refiles a report from its archived raw bytes and leaves good ones alone', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'xxgk-reprocess-'));
  const archive = new ReportArchive(dir);
  try {
    archive.rememberPortals([PORTAL]);
    const page = gbkPage();
    const record = processReportPage(page, PORTAL, { title: '鹿邑县人民政府2019年政府信息公开工作年...', date: '2020-01-15' });
    const saved = await archive.save(record, page, []);
    assert.equal(saved.outcome, 'added');

    // Simulate an archive written by older, worse rules: wrong year and mangled text.
    archive.db.prepare("UPDATE reports SET text = '旧规则的文本', year = 2020, record_hash = 'old' WHERE id = ?").run(saved.id);
    const events: ReprocessEvent[] = [];
    await reprocessArchive(archive, (e) => events.push(e));
    assert.deepEqual(events.map((e) => e.type === 'reprocessed' && e.outcome), ['updated']);
    const [report] = findReports(archive.db);
    assert.equal(report!.year, 2019);
    assert.equal(report!.region.code, '411628');
    assert.match(report!.text, /全年共收到政府信息公开申请216件/);
    assert.equal(report!.listing?.date, '2020-01-15');
    const raw = await readFile(join(dir, report!.folder, 'page.asp'));
    assert.ok(raw.equals(page.body), 'raw bytes are kept exactly as fetched');

    const again: ReprocessEvent[] = [];
    await reprocessArchive(archive, (e) => again.push(e));
    assert.deepEqual(again.map((e) => e.type === 'reprocessed' && e.outcome), ['unchanged']);
  } finally {
    archive.close();
    await rm(dir, { recursive: true, force: true });
  }
});
