import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { classifyColumnLabel } from '../src/crawl/discover/column-label.js';
import { scoreColumnLinks } from '../src/crawl/discover/column-links.js';
import { verifyColumnPage } from '../src/crawl/discover/verify-column.js';
import { redirectTargets } from '../src/crawl/discover/page-redirect.js';
import { discoverReportColumn, type FetchHtml } from '../src/crawl/discover/discover-column.js';

const FIXTURES = new URL('./fixtures/discover/', import.meta.url);
const fixture = (name: string): string => readFileSync(new URL(name, FIXTURES), 'utf8');

interface Served {
  html: string;
  /** Where the server lands after redirects, if elsewhere. */
  finalUrl?: string;
}

/** An in-memory portal: unknown URLs fail as a real 404 would; every request is logged. */
function portal(pages: Record<string, Served | string>): { fetchHtml: FetchHtml; requests: string[] } {
  const requests: string[] = [];
  const fetchHtml: FetchHtml = async (url) => {
    requests.push(url);
    const page = pages[url];
    if (page === undefined) throw new Error(`HTTP 404 for ${url}`);
    return typeof page === 'string' ? { html: page, finalUrl: url } : { html: page.html, finalUrl: page.finalUrl ?? url };
  };
  return { fetchHtml, requests };
}

// ---------------------------------------------------------------- labels

test('column labels: report column, disclosure section, neighbours and look-alikes', () => {
  const kind = (label: string): string => classifyColumnLabel(label).kind;
  for (const label of ['政府信息公开年报', '政府信息公开工作年度报告', '信息公开年报', '年度报告', '年报', '政务公开年报', '年度报告专栏', '· 政府信息公开年报(12)', '政府信息公开年度报告(2008-2023)', '鹿邑县政府信息公开年报']) {
    assert.equal(kind(label), 'column', label);
  }
  for (const label of ['政府信息公开', '信息公开', '政务公开', '政府信息公开专栏', '政务公开专栏', '信息公开目录', '法定主动公开内容', '政府信息公开平台']) {
    assert.equal(kind(label), 'disclosure', label);
  }
  for (const label of ['政府工作报告', '企业年报', '企业年度报告公示', '年报公示', '统计年报', '统计年鉴', '统计公报', '财政预决算', '依申请公开', '政府信息公开指南', '政府信息公开制度', '法治政府建设年度报告', '政府网站年度报表']) {
    assert.equal(kind(label), 'rejected', label);
  }
  assert.equal(kind('鹿邑县人民政府2019年政府信息公开工作年度报告'), 'report');
  // A dated report of a finance bureau is still a report, not a budget link.
  assert.equal(kind('开封市财政局2019年政府信息公开工作年度报告'), 'report');
  for (const label of ['首页', '政务服务', '2019年', '更多>>']) assert.equal(kind(label), 'none', label);
  // The portal's own column outranks a column of departments' reports.
  const own = classifyColumnLabel('政府信息公开年报');
  const departments = classifyColumnLabel('部门信息公开年报');
  assert.ok(own.kind === 'column' && departments.kind === 'column' && own.score > departments.score);
});

// ---------------------------------------------------------------- scoring one page

test('TRS 政务公开 page: the 年报 node of the left tree comes first; 指南/制度/依申请/政府工作报告 are not offered', () => {
  const links = scoreColumnLinks(fixture('trs-county/zwgk.html'), 'http://www.luyi.gov.cn/zwgk/');
  const first = links[0]!;
  assert.deepEqual([first.url, first.label, first.kind], ['http://www.luyi.gov.cn/zwgk/zfxxgknb/', '政府信息公开年报', 'column']);
  // The conventional path (zfxxgknb) adds to the label's score.
  assert.ok(first.score > (classifyColumnLabel('政府信息公开年报') as { score: number }).score);
  const urls = links.map((l) => l.url);
  for (const neighbour of ['xxgkzn/', 'xxgkzd/', 'ysqgk/', 'zfgzbg/', 'zcjd/']) {
    assert.ok(!urls.includes(`http://www.luyi.gov.cn/zwgk/${neighbour}`), neighbour);
  }
  assert.ok(links.some((l) => l.kind === 'disclosure' && l.url === 'http://www.luyi.gov.cn/zwgk/fdzdgknr/'));
  // The page's own nav entry (./) is itself, not a lead.
  assert.ok(!urls.includes('http://www.luyi.gov.cn/zwgk/'));
});

test('TRS homepage: 政务公开 leads; attachments, other sites, script links and notices do not', () => {
  const links = scoreColumnLinks(fixture('trs-county/home.html'), 'http://www.luyi.gov.cn/');
  assert.equal(links[0]?.url, 'http://www.luyi.gov.cn/zwgk/');
  assert.equal(links[0]?.kind, 'disclosure');
  assert.ok(!links.some((l) => l.kind === 'column'), 'the PDF titled 政府信息公开年报 is an attachment, not the column');
  assert.ok(links.every((l) => l.url.startsWith('http://www.luyi.gov.cn/')));
});

test('image links are named by alt; 更多>> by the heading beside it; a vetoed tooltip rules a link out', () => {
  const html = `
    <div class="rukou"><a href="http://xxgk.example.gov.cn/"><img src="/img/xxgk.png" alt="政府信息公开"></a></div>
    <div class="box"><div class="hd"><h3>政府信息公开年报</h3><a class="more" href="/xxgk/nb/">更多&gt;&gt;</a></div>
      <ul><li><a href="/xxgk/nb/202101/t20210128_1.html">某某县人民政府2020年政府信息公开工作年度报告</a></li></ul></div>
    <div class="zt"><a href="/ztzl/qynb/" title="企业年度报告公示">年度报告</a></div>
    <a href="javascript:void(0)" onclick="openColumn('/xxgk/nb/')">年报</a>
    <a href="/xxgk/ndbg/"><img src="/img/banner.jpg"></a>`;
  const links = scoreColumnLinks(html, 'http://www.example.gov.cn/');
  const byUrl = new Map(links.map((l) => [l.url, l]));
  assert.equal(byUrl.get('http://www.example.gov.cn/xxgk/nb/')?.kind, 'column');
  assert.equal(byUrl.get('http://www.example.gov.cn/xxgk/nb/')?.label, '政府信息公开年报');
  assert.equal(byUrl.get('http://xxgk.example.gov.cn/')?.kind, 'disclosure');
  assert.equal(byUrl.get('http://www.example.gov.cn/ztzl/qynb/'), undefined);
  // An unlabelled banner is guessed from its path, below every labelled column link.
  assert.equal(byUrl.get('http://www.example.gov.cn/xxgk/ndbg/')?.kind, 'column');
  assert.ok(byUrl.get('http://www.example.gov.cn/xxgk/ndbg/')!.score < byUrl.get('http://www.example.gov.cn/xxgk/nb/')!.score);
  assert.equal(byUrl.get('http://www.example.gov.cn/xxgk/nb/202101/t20210128_1.html')?.kind, 'report');
});

// ---------------------------------------------------------------- verification

test('verify: a list of reports is a column (TRS list, Hanweb datastore)', () => {
  const trs = verifyColumnPage(fixture('trs-county/zfxxgknb.html'), 'http://www.luyi.gov.cn/zwgk/zfxxgknb/');
  assert.equal(trs.ok, true);
  assert.equal(trs.reportLinks, 3);
  const hanweb = verifyColumnPage(fixture('hanweb-xxgk/ndbg.html'), 'http://xxgk.xfq.gov.cn/col/col2005/index.html');
  assert.equal(hanweb.ok, true, 'records inside <script type="text/xml"> count');
  assert.equal(hanweb.reportLinks, 3);
});

test('verify: entries not titled as reports pass only with a 年报 heading and a pager', () => {
  const column = (pager: string): string => `<html><head><title>政府信息公开年报_某某县人民政府</title></head><body>
    <div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="./">政府信息公开年报</a></div>
    <ul class="list"><li><a href="./202101/t20210129_1.html">2020年年报</a><span>2021-01-29</span></li>
    <li><a href="./202001/t20200120_2.html">2019年年报</a><span>2020-01-20</span></li></ul>${pager}</body></html>`;
  const url = 'http://www.example.gov.cn/zwgk/nb/';
  assert.equal(verifyColumnPage(column('<script>createPageHTML(2, 0, "index", "html");</script>'), url).ok, true);
  assert.equal(verifyColumnPage(column(''), url).ok, false);
  // A report page: its breadcrumb ends in the column, but the page is one report.
  const report = `<html><head><title>某某县2020年政府信息公开工作年度报告_某某县人民政府</title></head><body>
    <div class="position">当前位置：<a href="/">首页</a> &gt; <a href="../">政府信息公开年报</a></div>
    <div class="TRS_Editor"><p>根据《中华人民共和国政府信息公开条例》……</p></div><div>共 1 页</div></body></html>`;
  assert.equal(verifyColumnPage(report, 'http://www.example.gov.cn/zwgk/nb/202101/t20210129_1.html').ok, false);
  // A look-alike column of other annual reports.
  assert.equal(verifyColumnPage(fixture('no-column/ndbg.html'), 'http://www.dancheng.gov.cn/zwgk/ndbg/').ok, false);
});

test('redirect stubs: meta refresh, location script and frameset', () => {
  const base = 'http://www.example.gov.cn/';
  assert.deepEqual(redirectTargets('<meta http-equiv="Refresh" content="0; URL=/portal/index.html">', base), [
    'http://www.example.gov.cn/portal/index.html',
  ]);
  assert.deepEqual(redirectTargets('<html><script>window.location.href="site/index.shtml";</script></html>', base), [
    'http://www.example.gov.cn/site/index.shtml',
  ]);
  assert.deepEqual(
    redirectTargets('<frameset rows="120,*"><frame src="top.asp" name="top"><frame src="main.asp" name="main"></frameset>', base),
    ['http://www.example.gov.cn/top.asp', 'http://www.example.gov.cn/main.asp'],
  );
  // A full homepage whose search box assigns location on submit is not a stub.
  const links = Array.from({ length: 6 }, (_, i) => `<a href="/c${i}/">栏目${i}</a>`).join('');
  assert.deepEqual(redirectTargets(`${links}<script>function go(){ window.location.href = "/search/"; }</script>`, base), []);
});

// ---------------------------------------------------------------- discovery

test('TRS county: home → 政务公开 → 政府信息公开年报 (left tree)', async () => {
  const { fetchHtml } = portal({
    'http://www.luyi.gov.cn/': fixture('trs-county/home.html'),
    'http://www.luyi.gov.cn/zwgk/': fixture('trs-county/zwgk.html'),
    'http://www.luyi.gov.cn/zwgk/zfxxgknb/': fixture('trs-county/zfxxgknb.html'),
  });
  const result = await discoverReportColumn('http://www.luyi.gov.cn/', fetchHtml);
  assert.equal(result.column, 'http://www.luyi.gov.cn/zwgk/zfxxgknb/');
  assert.deepEqual(result.visited, ['http://www.luyi.gov.cn/', 'http://www.luyi.gov.cn/zwgk/', 'http://www.luyi.gov.cn/zwgk/zfxxgknb/']);
  assert.match(result.reason, /^home → 政务公开 → 政府信息公开年报 \(lists 3 report link/);
});

test('Hanweb xxgk platform on its own host: home → 政府信息公开 (image) → 年度报告 (datastore column)', async () => {
  const { fetchHtml } = portal({
    'http://www.xfq.gov.cn/': fixture('hanweb-xxgk/home.html'),
    'http://www.xfq.gov.cn/col/col1004/index.html': fixture('hanweb-xxgk/zwgk.html'),
    // The platform root redirects to its first column, as Hanweb sites do.
    'http://xxgk.xfq.gov.cn/': { html: fixture('hanweb-xxgk/xxgk-home.html'), finalUrl: 'http://xxgk.xfq.gov.cn/col/col2001/index.html' },
    'http://xxgk.xfq.gov.cn/col/col2005/index.html': fixture('hanweb-xxgk/ndbg.html'),
  });
  const result = await discoverReportColumn('http://www.xfq.gov.cn/', fetchHtml, { maxPages: 10 });
  assert.equal(result.column, 'http://xxgk.xfq.gov.cn/col/col2005/index.html');
  assert.match(result.reason, /^home → 政府信息公开 → 年度报告 /);
  assert.ok(result.visited.length <= 10);
  assert.ok(!result.visited.some((u) => /col210\d|col220\d/.test(u)), 'department and township platforms are not needed');
});

test('old ASP site: the column is linked straight from the homepage', async () => {
  const { fetchHtml } = portal({
    'http://www.taikang.gov.cn/': fixture('asp-direct/home.html'),
    'http://www.taikang.gov.cn/ShowClass.asp?ClassID=12': fixture('asp-direct/nb.html'),
  });
  const result = await discoverReportColumn('http://www.taikang.gov.cn/', fetchHtml);
  assert.equal(result.column, 'http://www.taikang.gov.cn/ShowClass.asp?ClassID=12');
  assert.deepEqual(result.visited, ['http://www.taikang.gov.cn/', 'http://www.taikang.gov.cn/ShowClass.asp?ClassID=12']);
  assert.match(result.reason, /^home → 信息公开年报 /);
});

test('a homepage stub (meta refresh) is followed to the real homepage', async () => {
  const { fetchHtml } = portal({
    'http://taikang.gov.cn/': '<html><head><meta http-equiv="refresh" content="0;url=http://www.taikang.gov.cn/Index.asp"></head><body></body></html>',
    'http://www.taikang.gov.cn/Index.asp': fixture('asp-direct/home.html'),
    'http://www.taikang.gov.cn/ShowClass.asp?ClassID=12': fixture('asp-direct/nb.html'),
  });
  const result = await discoverReportColumn('http://taikang.gov.cn/', fetchHtml);
  assert.equal(result.column, 'http://www.taikang.gov.cn/ShowClass.asp?ClassID=12');
  assert.equal(result.visited.length, 3);
});

test('decoys first on the homepage (企业年报公示, 政府工作报告, 统计年报): none is fetched; the column is one level deeper', async () => {
  const { fetchHtml, requests } = portal({
    'http://www.zhoukou.gov.cn/': fixture('decoys/home.html'),
    'http://www.zhoukou.gov.cn/xxgk/index.shtml': fixture('decoys/xxgk.html'),
    'http://www.zhoukou.gov.cn/xxgk/xxgknb/index.shtml': fixture('decoys/xxgknb.html'),
  });
  const result = await discoverReportColumn('http://www.zhoukou.gov.cn/', fetchHtml, { maxPages: 5 });
  assert.equal(result.column, 'http://www.zhoukou.gov.cn/xxgk/xxgknb/index.shtml');
  assert.match(result.reason, /^home → 信息公开 → 政府信息公开年报 /);
  assert.deepEqual(requests, result.visited);
  for (const decoy of ['gsxt', 'qynb', 'zfgzbg', 'tjnb', 'tjgb', 'czyjs', 'nbgs', 'xxgkzn', 'ysqgk', 'xxgkzd']) {
    assert.ok(!requests.some((u) => u.includes(decoy)), decoy);
  }
});

test('no report column: column undefined, the reason names what was tried', async () => {
  const { fetchHtml, requests } = portal({
    'http://www.dancheng.gov.cn/': fixture('no-column/home.html'),
    'http://www.dancheng.gov.cn/zwgk/': fixture('no-column/zwgk.html'),
    'http://www.dancheng.gov.cn/zwgk/ndbg/': fixture('no-column/ndbg.html'),
    'http://www.dancheng.gov.cn/zwgk/fdzdgknr/': fixture('no-column/fdzdgknr.html'),
  });
  const result = await discoverReportColumn('http://www.dancheng.gov.cn/', fetchHtml);
  assert.equal(result.column, undefined);
  assert.match(result.reason, /^no report column found: 4 page\(s\) fetched \(limit 10\)/);
  assert.match(result.reason, /not a report column: 年度报告 http:\/\/www\.dancheng\.gov\.cn\/zwgk\/ndbg\/ \(heading 年度报告 but no report link and no pager\)/);
  assert.deepEqual(requests, result.visited);
  assert.ok(result.visited.length <= 10);
});

test('a homepage without any lead says so', async () => {
  const { fetchHtml } = portal({
    'http://www.example.gov.cn/': '<html><body><a href="/xwzx/">新闻中心</a><a href="/zwfw/">政务服务</a></body></html>',
  });
  const result = await discoverReportColumn('http://www.example.gov.cn/', fetchHtml);
  assert.equal(result.column, undefined);
  assert.deepEqual(result.visited, ['http://www.example.gov.cn/']);
  assert.match(result.reason, /home has no link toward/);
});

test('a candidate that 404s is skipped and the search goes on', async () => {
  // The homepage's quick link points to a column that moved; the 政务公开 tree has the live one.
  const home = fixture('trs-county/home.html').replace(
    '<li><a href="./zwgk/">政务公开</a></li>',
    '<li><a href="./zwgk/">政务公开</a></li><li><a href="./xxgk/xxgknb/">政府信息公开年报</a></li>',
  );
  const { fetchHtml, requests } = portal({
    'http://www.luyi.gov.cn/': home,
    'http://www.luyi.gov.cn/zwgk/': fixture('trs-county/zwgk.html'),
    'http://www.luyi.gov.cn/zwgk/zfxxgknb/': fixture('trs-county/zfxxgknb.html'),
  });
  const result = await discoverReportColumn('http://www.luyi.gov.cn/', fetchHtml, { maxPages: 4 });
  assert.equal(result.column, 'http://www.luyi.gov.cn/zwgk/zfxxgknb/');
  assert.equal(requests[1], 'http://www.luyi.gov.cn/xxgk/xxgknb/', 'the better-named dead link is tried first');
  assert.ok(result.visited.includes('http://www.luyi.gov.cn/xxgk/xxgknb/'));
  assert.ok(result.visited.length <= 4);
});

test('an unreachable homepage ends the search with its error', async () => {
  const { fetchHtml } = portal({});
  const result = await discoverReportColumn('http://www.example.gov.cn/', fetchHtml);
  assert.equal(result.column, undefined);
  assert.deepEqual(result.visited, ['http://www.example.gov.cn/']);
  assert.match(result.reason, /could not be fetched: HTTP 404/);
});

test('the page budget holds, failed fetches included', async () => {
  const { fetchHtml, requests } = portal({
    'http://www.dancheng.gov.cn/': fixture('no-column/home.html'),
    'http://www.dancheng.gov.cn/zwgk/': fixture('no-column/zwgk.html'),
  });
  const result = await discoverReportColumn('http://www.dancheng.gov.cn/', fetchHtml, { maxPages: 3 });
  assert.equal(result.column, undefined);
  assert.equal(result.visited.length, 3);
  assert.equal(requests.length, 3);
  assert.match(result.reason, /page limit reached with \d+ lead\(s\) unexplored/);
});

test('a menu built by script: a report on the homepage leads to the column through its breadcrumb', async () => {
  const home = `<html><head><title>某某县人民政府</title></head><body>
    <div id="nav"></div><script src="/js/nav.js"></script>
    <div class="tzgg"><h3>通知公告</h3><ul>
      <li><a href="/zwgk/zfxxgknb/202101/t20210129_3301.html" title="某某县人民政府2020年政府信息公开工作年度报告">某某县人民政府2020年政府信息公开工作年度报告</a><span>2021-01-29</span></li>
      <li><a href="/xwzx/202101/t20210128_3290.html">县委经济工作会议召开</a><span>2021-01-28</span></li>
    </ul></div></body></html>`;
  const report = `<html><head><title>某某县人民政府2020年政府信息公开工作年度报告_某某县人民政府</title></head><body>
    <div class="position">当前位置：<a href="../../../">首页</a> &gt; <a href="../../">政务公开</a> &gt; <a href="../">政府信息公开年报</a></div>
    <div class="TRS_Editor"><p>本报告根据《中华人民共和国政府信息公开条例》要求编制。</p></div></body></html>`;
  const { fetchHtml } = portal({
    'http://www.example.gov.cn/': home,
    'http://www.example.gov.cn/zwgk/zfxxgknb/202101/t20210129_3301.html': report,
    'http://www.example.gov.cn/zwgk/zfxxgknb/': fixture('trs-county/zfxxgknb.html'),
  });
  const result = await discoverReportColumn('http://www.example.gov.cn/', fetchHtml);
  assert.equal(result.column, 'http://www.example.gov.cn/zwgk/zfxxgknb/');
  assert.match(result.reason, /^home → 某某县人民政府2020年政府信息公开工作年度报告 → 政府信息公开年报 /);
});

test('links deeper than three levels from the homepage are not followed', async () => {
  const page = (title: string, link: string): string =>
    `<html><head><title>${title}</title></head><body><ul class="tree">${link}</ul></body></html>`;
  const { fetchHtml, requests } = portal({
    'http://www.example.gov.cn/': page('某某县人民政府', '<li><a href="/zwgk/">政务公开</a></li>'),
    'http://www.example.gov.cn/zwgk/': page('政务公开', '<li><a href="/zwgk/xxgk/">政府信息公开</a></li>'),
    'http://www.example.gov.cn/zwgk/xxgk/': page('政府信息公开', '<li><a href="/zwgk/xxgk/fdzdgknr/">法定主动公开内容</a></li>'),
    'http://www.example.gov.cn/zwgk/xxgk/fdzdgknr/': page('法定主动公开内容', '<li><a href="/zwgk/xxgk/fdzdgknr/nb/">政府信息公开年报</a></li>'),
    'http://www.example.gov.cn/zwgk/xxgk/fdzdgknr/nb/': fixture('trs-county/zfxxgknb.html'),
  });
  const result = await discoverReportColumn('http://www.example.gov.cn/', fetchHtml);
  assert.equal(result.column, undefined);
  assert.equal(requests.length, 4);
  assert.match(result.reason, /1 lead\(s\) deeper than 3 levels not followed/);
});
