import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findScriptPager, scriptPagerUrls } from '../src/crawl/listing/script-pager.js';
import { findNextPageUrls } from '../src/crawl/listing/next-links.js';
import { extractListingLinks } from '../src/crawl/listing/listing-links.js';
import { nextDatastoreBlock, parseDatastore } from '../src/crawl/listing/hanweb-datastore.js';
import { parseDataproxyPage, parseListingPage } from '../src/crawl/listing/parse-listing.js';

const BASE = 'http://www.example.gov.cn/zwgk/ndbg/index.html';

test('TRS script pager: classic four-argument call', () => {
  const html = `<div class="page"><script language="JavaScript">createPageHTML(4, 0, "index", "html");</script></div>`;
  const pager = findScriptPager(html);
  assert.deepEqual(pager, { pageCount: 4, current: 0, prefix: 'index', suffix: 'html' });
  assert.deepEqual(scriptPagerUrls(pager!, BASE), [
    'http://www.example.gov.cn/zwgk/ndbg/index_1.html',
    'http://www.example.gov.cn/zwgk/ndbg/index_2.html',
    'http://www.example.gov.cn/zwgk/ndbg/index_3.html',
  ]);
});

test('TRS script pager: variables and newer container-first signature', () => {
  const vars = `<script>var countPage = 12;//共多少页
var currentPage = 0;
var prefixName = "index";
var suffixName = "shtml";
createPageHTML(countPage, currentPage, prefixName, suffixName);</script>`;
  assert.deepEqual(findScriptPager(vars), { pageCount: 12, current: 0, prefix: 'index', suffix: 'shtml' });
  const newer = `<script>createPageHTML('page_div',7, 2,'index','htm',140);</script>`;
  const pager = findScriptPager(newer)!;
  assert.deepEqual(pager, { pageCount: 7, current: 2, prefix: 'index', suffix: 'htm' });
  // From page 2, page 0 is index.htm and page 2 itself is skipped.
  const urls = scriptPagerUrls(pager, 'http://x.gov.cn/col/index_2.htm');
  assert.equal(urls.length, 6);
  assert.ok(urls.includes('http://x.gov.cn/col/index.htm'));
  assert.ok(!urls.includes('http://x.gov.cn/col/index_2.htm'));
});

test('script pager respects the page bound and ignores one-page listings', () => {
  const pager = findScriptPager('createPageHTML(300, 0, "index", "html")')!;
  assert.equal(scriptPagerUrls(pager, BASE, 10).length, 9);
  const single = parseListingPage('<a href="a.html">x</a><script>createPageHTML(1, 0, "index", "html")</script>', BASE);
  assert.equal(single.follow.length, 0);
});

test('later script-paged pages do not enumerate the listing again', () => {
  const page = parseListingPage('<script>createPageHTML(3, 1, "index", "html")</script>', BASE.replace('index', 'index_1'));
  assert.equal(page.paging, 'script');
  assert.deepEqual(page.follow, []);
});

test('next-page links in their common wordings', () => {
  const html = `<div class="pages"><a href="list.asp?page=1">首页</a><a href="list.asp?page=1">上一页</a>
    <a href="list.asp?page=3"> 下一页 </a><a href="list.asp?page=9">尾页</a></div>`;
  assert.deepEqual(findNextPageUrls(html, 'http://x.gov.cn/list.asp?page=2'), ['http://x.gov.cn/list.asp?page=3']);
  assert.deepEqual(findNextPageUrls('<a href="p3.html" title="下一页"><img src="next.gif"></a>', 'http://x.gov.cn/p2.html'), [
    'http://x.gov.cn/p3.html',
  ]);
});

test('listing links prefer the full title attribute and pick up the row date', () => {
  const html = `<ul class="list">
    <li><a href="./202001/t20200115_1.html" title="鹿邑县人民政府2019年政府信息公开工作年度报告" target="_blank">鹿邑县人民政府2019年政府信息公开工作年...</a><span class="date">[2020-01-15]</span></li>
    <li><a href="javascript:void(0)">收藏</a></li>
    <li><a href="/art/2017/3/4/art_1_2.html">开封市祥符区人民政府2016年度政府信息公开工作年度报告</a> 2017年3月4日</li>
  </ul>`;
  const links = extractListingLinks(html, BASE);
  assert.equal(links.length, 2);
  assert.deepEqual(links[0], {
    url: 'http://www.example.gov.cn/zwgk/ndbg/202001/t20200115_1.html',
    title: '鹿邑县人民政府2019年政府信息公开工作年度报告',
    date: '2020-01-15',
  });
  assert.equal(links[1]!.date, '2017-03-04');
});

const HANWEB_PAGE = `<div id="456"><script type="text/xml"><datastore>
<nextgroup><![CDATA[<a href="/module/web/jpage/dataproxy.jsp?page=1&appid=1&webid=3&path=/&columnid=123&unitid=456&webname=%E7%A5%A5&permissiontype=0"></a>]]></nextgroup>
<recordset>
${Array.from({ length: 45 }, (_, i) => `<record><![CDATA[<li><a href="/art/2017/3/${i + 1}/art_123_${1000 + i}.html" title="条目${i}">条目${i}</a><span>2017-03-${String((i % 28) + 1).padStart(2, '0')}</span></li>]]></record>`).join('\n')}
</recordset></datastore></script></div>
<script>$('#456').jpage({ totalRecord: 100, perPage: 15, proxyUrl: '/module/web/jpage/dataproxy.jsp' });</script>`;

test('tooltips stuffed with labelled lines and unrelated tooltips do not replace the link text', () => {
  const html = `<td><a href="/Article/ShowArticle.asp?ArticleID=2307" title="文章标题：鹿邑县人民政府2019年政府信息公开工作年度报告&#13;&#10;作者：佚名&#13;&#10;更新时间：2020-1-15 9:12:33">鹿邑县人民政府2019年政府信息公开工作年...</a></td>
    <td><a href="/b.html" title="点击查看">2018年度部门决算公开</a></td>`;
  const [first, second] = extractListingLinks(html, 'http://www.luyi.gov.cn/Article/ShowClass.asp?ClassID=12');
  assert.equal(first!.title, '鹿邑县人民政府2019年政府信息公开工作年度报告');
  assert.equal(second!.title, '2018年度部门决算公开');
});

test('Hanweb datastore: records, total and the proxy for the rest', () => {
  const store = parseDatastore(HANWEB_PAGE, 'http://www.xiangfu.gov.cn/col/col123/index.html')!;
  assert.equal(store.recordCount, 45);
  assert.equal(store.links.length, 45);
  assert.equal(store.totalRecords, 100);
  assert.equal(store.perPage, 15);
  const next = new URL(nextDatastoreBlock(store, 45, 45)!);
  assert.equal(next.pathname, '/module/web/jpage/dataproxy.jsp');
  assert.equal(next.searchParams.get('startrecord'), '46');
  assert.equal(next.searchParams.get('endrecord'), '90');
  assert.equal(next.searchParams.get('columnid'), '123');
  assert.equal(next.searchParams.get('unitid'), '456');
  assert.equal(next.searchParams.get('page'), null);
  assert.equal(nextDatastoreBlock(store, 100, 10), undefined);
});

test('Hanweb dataproxy pages chain until the total is reached', () => {
  const first = parseListingPage(HANWEB_PAGE, 'http://www.xiangfu.gov.cn/col/col123/index.html');
  assert.equal(first.paging, 'datastore');
  const request = first.follow[0]!;
  assert.equal(request.kind, 'dataproxy');
  if (request.kind !== 'dataproxy') return;
  const block = (from: number, to: number) =>
    `<?xml version="1.0" encoding="gb2312"?><datastore><totalrecord>100</totalrecord><recordset>${Array.from(
      { length: to - from + 1 },
      (_, i) => `<record><![CDATA[<li><a href="/art/2016/1/1/art_123_${from + i}.html">条目${from + i}</a></li>]]></record>`,
    ).join('')}</recordset></datastore>`;
  const second = parseDataproxyPage(block(46, 90), request.url, request);
  assert.equal(second.links.length, 45);
  const third = second.follow[0]!;
  assert.ok(third && third.kind === 'dataproxy');
  if (third.kind !== 'dataproxy') return;
  assert.equal(new URL(third.url).searchParams.get('startrecord'), '91');
  assert.equal(new URL(third.url).searchParams.get('endrecord'), '100');
  const last = parseDataproxyPage(block(91, 100), third.url, third);
  assert.equal(last.links.length, 10);
  assert.deepEqual(last.follow, []);
});
