/**
 * Endless URL spaces and soft 404s, recognised from URLs and page text alone.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { listingSignature, urlTrap, withoutSessionIds } from '../src/crawl/url-traps.js';
import { resolveHref } from '../src/crawl/listing/listing-links.js';
import { notFoundNotice } from '../src/process/soft-not-found.js';
import { isPrivateHost, PrivateNameGuard, redirectRefusal } from '../src/crawl/address-scope.js';
import { sameSite } from '../src/crawl/link-scope.js';
import { seedReportBody } from '../sim/portals.js';

test('session ids are dropped from links, content parameters kept', () => {
  assert.equal(withoutSessionIds('http://www.example.gov.cn/col/col123/index.html;jsessionid=0A1B2C3D4E5F6789'), 'http://www.example.gov.cn/col/col123/index.html');
  assert.equal(withoutSessionIds('http://x.gov.cn/list.jsp?ClassID=12&PHPSESSID=ab12cd34ef&page=2'), 'http://x.gov.cn/list.jsp?ClassID=12&page=2');
  // A short sid names a site on some CMSs; a long random one is a session.
  assert.equal(withoutSessionIds('http://x.gov.cn/a.jsp?sid=12'), 'http://x.gov.cn/a.jsp?sid=12');
  assert.equal(withoutSessionIds('http://x.gov.cn/a.jsp?sid=f3a9c2e8b7d64a1e9f0c'), 'http://x.gov.cn/a.jsp');
  // Links are resolved without them, so two visits' links are the same URLs.
  assert.equal(resolveHref('/art;jsessionid=XYZ123/2020/1/1/art_1_1.html', 'http://x.gov.cn/'), 'http://x.gov.cn/art/2020/1/1/art_1_1.html');
});

test('URLs that grow or repeat themselves are traps; real portal URLs are not', () => {
  for (const ok of [
    'http://www.luyi.gov.cn/zwgk/zfxxgk/ndbg/index_2.html',
    'http://www.henan.gov.cn/2020/01-20/1285712.html',
    'http://xxgk.zhoukou.gov.cn/module/web/jpage/dataproxy.jsp?startrecord=1&endrecord=45&perpage=15&col=1&appid=1&webid=1&path=%2F&columnid=123',
    'http://www.example.gov.cn/col/col1234/index.html?uid=4567&pageNum=3',
  ]) {
    assert.equal(urlTrap(ok), undefined, ok);
  }
  assert.match(urlTrap(`http://x.gov.cn/list.html?page=${'1'.repeat(1200)}`)!, /characters/);
  assert.match(urlTrap('http://x.gov.cn/calendar/view/calendar/view/calendar/view/2026/12')!, /repeats "calendar"|repeats "view"/);
});

test('two listing pages listing the same links have one signature, in any order', () => {
  assert.equal(listingSignature(['b', 'a', 'a']), listingSignature(['a', 'b']));
  assert.notEqual(listingSignature(['a', 'b']), listingSignature(['a', 'c']));
});

test('an error template served with 200 is a soft 404; reports and stubs are not', () => {
  for (const page of [
    '对不起，您访问的页面不存在！\n返回首页',
    '404\n抱歉，您要找的页面找不到了\n5秒后自动返回首页',
    '该信息已删除或已过期',
    'Page Not Found',
    '提示信息\n您所访问的文章不存在或已被删除',
  ]) {
    assert.ok(notFoundNotice(page), page);
  }
  // A real report: long, and it names 不存在 in its statistics table.
  const report = seedReportBody('luyi-county-2019');
  assert.equal(notFoundNotice(`${report}\n申请公开的信息不存在`), undefined);
  assert.equal(notFoundNotice('鹿邑县人民政府2019年政府信息公开工作年度报告\n详见附件'), undefined);
});

test('redirects: only http(s), within the site, never from a public host to a private address', () => {
  const from = new URL('http://www.example.gov.cn/a.html');
  assert.equal(redirectRefusal(from, new URL('https://xxgk.example.gov.cn/b.html')), undefined);
  assert.match(redirectRefusal(from, new URL('file:///etc/passwd'))!, /file:/);
  assert.match(redirectRefusal(from, new URL('http://10.0.0.1/'))!, /private/);
  assert.match(redirectRefusal(from, new URL('http://[::1]/'))!, /private/);
  assert.match(redirectRefusal(from, new URL('http://casino.example.com/'))!, /another host/);
  assert.ok(isPrivateHost('169.254.169.254') && isPrivateHost('localhost') && isPrivateHost('172.20.1.1') && !isPrivateHost('172.32.0.1') && !isPrivateHost('www.gov.cn'));
  // Addresses are sites of their own: 127.0.0.1 and 10.0.0.1 share no "last two labels".
  assert.equal(sameSite('http://127.0.0.1:8080/', 'http://10.0.0.1/'), false);
  assert.equal(sameSite('http://127.0.0.1:8080/', 'http://127.0.0.1:9090/'), true);
});

test('host names are refused when any of their addresses is private; addresses, localhost and names that do not resolve are left alone', async () => {
  const dns: Record<string, string[]> = {
    'www.example.gov.cn': ['203.0.113.10', '2001:db8::10'],
    'intranet.example.gov.cn': ['10.20.0.5'],
    'metadata.example.com': ['169.254.169.254'],
    'v6.example.com': ['fd00::1'],
  };
  const asked: string[] = [];
  const guard = new PrivateNameGuard(async (host) => {
    asked.push(host);
    const found = dns[host];
    if (!found) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
    return found;
  });
  assert.equal(await guard.refusal('http://www.example.gov.cn/a.html'), undefined);
  assert.match((await guard.refusal('http://intranet.example.gov.cn/x'))!, /10\.20\.0\.5/);
  assert.match((await guard.refusal('https://METADATA.example.com/latest'))!, /169\.254\.169\.254/);
  assert.match((await guard.refusal('http://v6.example.com/'))!, /fd00::1/);
  assert.equal(await guard.refusal('http://nowhere.example.com/'), undefined);
  assert.equal(await guard.refusal('http://127.0.0.1:8080/'), undefined);
  assert.equal(await guard.refusal('http://[::1]/'), undefined);
  assert.equal(await guard.refusal('http://localhost:3000/'), undefined);
  assert.equal(await guard.refusal('not a url'), undefined);
  await guard.refusal('http://intranet.example.gov.cn/other');
  assert.deepEqual(asked, ['www.example.gov.cn', 'intranet.example.gov.cn', 'metadata.example.com', 'v6.example.com', 'nowhere.example.com']);
});
