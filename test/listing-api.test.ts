/**
 * Learning a script-built listing's API from what the browser saw, and asking it again without a
 * browser: JSON (nested items, link built from an id), JSONP with a cache buster and an offset,
 * a GBK HTML fragment, a POST with a JSON body, and answers that no longer have the learned shape.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import iconv from 'iconv-lite';
import { learnListingApi, type RenderedListing } from '../src/crawl/listing-api/learn-api.js';
import { apiRequestFor } from '../src/crawl/listing-api/api-request.js';
import { readApiAnswer } from '../src/crawl/listing-api/api-answer.js';
import type { CapturedExchange } from '../src/crawl/listing-api/api-types.js';
import type { ListingLink } from '../src/types.js';

const ORIGIN = 'http://127.0.0.1:8080';
const LISTING = `${ORIGIN}/zwgk/ndbg/index.html`;

function exchange(url: string, body: string | Buffer, extra: Partial<CapturedExchange> = {}): CapturedExchange {
  return {
    url,
    method: 'GET',
    requestHeaders: { accept: 'application/json, text/javascript, */*; q=0.01', 'x-requested-with': 'XMLHttpRequest' },
    resourceType: 'xhr',
    status: 200,
    contentType: 'application/json;charset=UTF-8',
    body: typeof body === 'string' ? Buffer.from(body) : body,
    ...extra,
  };
}

/** Ten items per page: reports of several issuers among other column items. */
function itemsOf(page: number): { id: number; title: string; date: string }[] {
  return Array.from({ length: 10 }, (_, i) => {
    const k = (page - 1) * 10 + i;
    const year = 2024 - (k % 7);
    const title = k % 3 === 2 ? `关于做好${year}年政务公开工作的通知` : `南阳市${['财政局', '教育局', '民政局'][k % 3]}${year}年政府信息公开工作年度报告`;
    return { id: 520_000 + k, title, date: `${year + 1}-01-${String(10 + (k % 18)).padStart(2, '0')}` };
  });
}

/** What the browser drew: the report links only (what the crawler hands the learner). */
function drawn(page: number, href: (item: { id: number }) => string): ListingLink[] {
  return itemsOf(page)
    .filter((it) => it.title.includes('年度报告'))
    .map((it) => ({ url: new URL(href(it), LISTING).href, title: it.title.length > 24 ? `${it.title.slice(0, 22)}…` : it.title, date: it.date }));
}

test('JSON from a POST with a JSON body: nested items, links built from an id, page number in the body', () => {
  const answer = (page: number) =>
    JSON.stringify({
      code: 200,
      msg: 'success',
      data: { total: 23, pageNo: page, records: itemsOf(page).map((it) => ({ docId: it.id, docTitle: `<font color="red">${it.title}</font>`, docRelTime: `${it.date} 10:00:00` })) },
    });
  const href = (it: { id: number }) => `/zwgk/ndbg/content_${it.id}.html`;
  const post = (page: number) =>
    exchange(`${ORIGIN}/common/search/docList`, answer(page), {
      method: 'POST',
      postData: JSON.stringify({ channelId: 5721, pageNo: page, pageSize: 10 }),
      requestHeaders: { 'content-type': 'application/json;charset=UTF-8' },
    });
  const pages: RenderedListing[] = [
    { pageNumber: 1, url: LISTING, reportLinks: drawn(1, href), exchanges: [exchange(`${ORIGIN}/tongji/ta.js?v=3`, 'var _ta=1;', { resourceType: 'script' }), post(1)] },
    { pageNumber: 2, url: LISTING, reportLinks: drawn(2, href), exchanges: [post(2)] },
  ];
  const api = learnListingApi(pages);
  assert.ok(api, 'learned');
  assert.equal(api.method, 'POST');
  assert.equal(api.format, 'json');
  assert.deepEqual(api.items, ['data', 'records']);
  assert.equal(api.fields?.title, 'docTitle');
  assert.equal(api.fields?.url, 'docId');
  assert.equal(api.fields?.date, 'docRelTime');
  assert.deepEqual(api.page, [{ in: 'json', name: 'pageNo', first: 1, step: 1 }]);

  const third = apiRequestFor(api, 3, 0);
  assert.equal(third.method, 'POST');
  assert.deepEqual(JSON.parse(third.body!), { channelId: 5721, pageNo: 3, pageSize: 10 });
  assert.equal(third.headers['content-type'], 'application/json;charset=UTF-8');
  assert.equal(third.headers.referer, LISTING);

  const read = readApiAnswer(api, answer(3));
  assert.ok(read.ok);
  assert.equal(read.links.length, 10);
  assert.deepEqual(read.links[0], { url: `${ORIGIN}/zwgk/ndbg/content_520020.html`, title: itemsOf(3)[0]!.title, date: itemsOf(3)[0]!.date });
});

test('JSONP with a random callback, a cache buster and an offset: the offset steps by the page size', () => {
  const answer = (cb: string, page: number) =>
    `${cb}(${JSON.stringify({ totalCount: 26, rows: itemsOf(page).map((it) => ({ TITLE: it.title, LINK: `/xxgk/ndbg/${it.id}.html`, PUBDATE: it.date })) })});`;
  const url = (cb: string, start: number, stamp: number) => `${ORIGIN}/interface/getList.jsp?callback=${cb}&columnId=376&start=${start}&limit=10&_=${stamp}`;
  const href = (it: { id: number }) => `/xxgk/ndbg/${it.id}.html`;
  const jsonp = (cb: string, page: number, stamp: number) =>
    exchange(url(cb, (page - 1) * 10, stamp), answer(cb, page), { resourceType: 'script', contentType: 'application/javascript' });
  const api = learnListingApi([
    { pageNumber: 1, url: LISTING, reportLinks: drawn(1, href), exchanges: [jsonp('jsonp_83412', 1, 1733300000123)] },
    { pageNumber: 2, url: LISTING, reportLinks: drawn(2, href), exchanges: [jsonp('jsonp_11907', 2, 1733300002456)] },
  ]);
  assert.ok(api);
  assert.equal(api.format, 'jsonp');
  assert.deepEqual(api.page, [{ in: 'query', name: 'start', first: 0, step: 10 }]);
  assert.deepEqual(api.fresh, ['_']);
  const ask = new URL(apiRequestFor(api, 3, 1733400000000).url);
  assert.equal(ask.searchParams.get('start'), '20');
  assert.equal(ask.searchParams.get('limit'), '10');
  assert.equal(ask.searchParams.get('_'), '1733400000000');
  // The server echoes whatever callback it is given; the answer is read whatever its name.
  const read = readApiAnswer(api, answer('jsonp_55555', 3));
  assert.ok(read.ok && read.links.length === 10);
});

test('an HTML fragment in GBK: links resolve against the listing, the page index is guessed from its name on a one-page listing', () => {
  const rows = itemsOf(1)
    .map((it) => `<li><a href="../../art/2024/${it.id}.html" target="_blank" title="${it.title}">${it.title.slice(0, 18)}…</a><span>${it.date}</span></li>`)
    .join('\n');
  const bytes = iconv.encode(rows, 'gbk');
  const href = (it: { id: number }) => `../../art/2024/${it.id}.html`;
  const api = learnListingApi([
    {
      pageNumber: 1,
      url: LISTING,
      reportLinks: drawn(1, href),
      exchanges: [exchange(`${ORIGIN}/module/web/list/fragment.jsp?colid=1193&pageIndex=1`, bytes, { contentType: 'text/html;charset=GBK' })],
    },
  ]);
  assert.ok(api);
  assert.equal(api.format, 'html');
  assert.deepEqual(api.page, [{ in: 'query', name: 'pageIndex', first: 1, step: 1 }]);
  const read = readApiAnswer(api, iconv.decode(bytes, 'gbk'));
  assert.ok(read.ok);
  assert.equal(read.links.length, 10);
  assert.equal(read.links[0]!.url, `${ORIGIN}/art/2024/520000.html`);
  assert.equal(read.links[0]!.title, itemsOf(1)[0]!.title, 'the full title from title=, not the cut text');
  // Past the last page an empty fragment is the same shape, not a change.
  assert.deepEqual(readApiAnswer(api, '  '), { ok: true, links: [] });
});

test('answers that changed shape are refused, so the browser can learn again', () => {
  const answer = JSON.stringify({ list: itemsOf(1).map((it) => ({ title: it.title, url: `/a/${it.id}.html`, publishDate: it.date })) });
  const href = (it: { id: number }) => `/a/${it.id}.html`;
  const api = learnListingApi([{ pageNumber: 1, url: LISTING, reportLinks: drawn(1, href), exchanges: [exchange(`${ORIGIN}/api/article/list?columnId=1&page=1&size=10`, answer)] }]);
  assert.ok(api);
  assert.deepEqual(api.items, ['list']);
  assert.equal(readApiAnswer(api, JSON.stringify({ data: { list: [] } })).ok, false, 'items moved');
  assert.equal(readApiAnswer(api, JSON.stringify({ list: [{ name: 'x', href: '/b.html' }] })).ok, false, 'fields renamed');
  assert.equal(readApiAnswer(api, '<html><body>系统维护中</body></html>').ok, false, 'a maintenance page');
  assert.deepEqual(readApiAnswer(api, JSON.stringify({ list: [] })), { ok: true, links: [] }, 'past the last page');
});

test('nothing is learned when no script answer holds the drawn links', () => {
  const href = (it: { id: number }) => `/a/${it.id}.html`;
  // The list came from data inline in the page; the only XHR is a visit counter.
  const api = learnListingApi([
    { pageNumber: 1, url: LISTING, reportLinks: drawn(1, href), exchanges: [exchange(`${ORIGIN}/count.jsp?id=1`, JSON.stringify({ count: 1024, list: [{ title: '访问量', url: '/count' }] }))] },
  ]);
  assert.equal(api, undefined);
  assert.equal(learnListingApi([{ pageNumber: 1, url: LISTING, reportLinks: [], exchanges: [] }]), undefined);
});

test('JSON that carries the list as ready HTML, and Hanweb-style XML records in CDATA, are learned as such', () => {
  const rows = (page: number) =>
    itemsOf(page).map((it) => `<li><a href="/art/${it.id}.html" title="${it.title}">${it.title}</a><span>${it.date}</span></li>`).join('');
  const href = (it: { id: number }) => `/art/${it.id}.html`;
  const wrapped = (page: number) => JSON.stringify({ success: true, data: { html: `<ul>${rows(page)}</ul>`, pageCount: 3 } });
  const api = learnListingApi([
    { pageNumber: 1, url: LISTING, reportLinks: drawn(1, href), exchanges: [exchange(`${ORIGIN}/front/list.do?cid=9&curPage=1`, wrapped(1))] },
    { pageNumber: 2, url: LISTING, reportLinks: drawn(2, href), exchanges: [exchange(`${ORIGIN}/front/list.do?cid=9&curPage=2`, wrapped(2))] },
  ]);
  assert.ok(api);
  assert.deepEqual(api.htmlAt, ['data', 'html']);
  assert.deepEqual(api.page, [{ in: 'query', name: 'curPage', first: 1, step: 1 }]);
  const read = readApiAnswer(api, wrapped(3));
  assert.ok(read.ok && read.links.length === 10 && read.links[0]!.url === `${ORIGIN}/art/520020.html`);

  const xml = (page: number) =>
    `<?xml version="1.0" encoding="UTF-8"?><datastore><totalrecord>26</totalrecord><recordset>` +
    itemsOf(page).map((it) => `<record><![CDATA[<li><a href="/art/${it.id}.html" title="${it.title}">${it.title}</a></li>]]></record>`).join('') +
    '</recordset></datastore>';
  const proxy = (page: number) =>
    exchange(`${ORIGIN}/module/web/jpage/dataproxy.jsp?startrecord=${(page - 1) * 10 + 1}&endrecord=${page * 10}&perpage=10`, xml(page), {
      method: 'POST',
      postData: 'col=1&appid=1&webid=1&columnid=2657',
      contentType: 'text/xml;charset=UTF-8',
    });
  const hanweb = learnListingApi([
    { pageNumber: 1, url: LISTING, reportLinks: drawn(1, href), exchanges: [proxy(1)] },
    { pageNumber: 2, url: LISTING, reportLinks: drawn(2, href), exchanges: [proxy(2)] },
  ]);
  assert.ok(hanweb);
  assert.equal(hanweb.format, 'html');
  // Records 1–10, 11–20: both ends move by the page size.
  assert.deepEqual(hanweb.page, [
    { in: 'query', name: 'startrecord', first: 1, step: 10 },
    { in: 'query', name: 'endrecord', first: 10, step: 10 },
  ]);
  const third = new URL(apiRequestFor(hanweb, 3, 0).url);
  assert.equal(third.searchParams.get('startrecord'), '21');
  assert.equal(third.searchParams.get('endrecord'), '30');
  const links = readApiAnswer(hanweb, xml(3));
  assert.ok(links.ok && links.links.length === 10);
});
