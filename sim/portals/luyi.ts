/**
 * 鹿邑县人民政府 (411628): an old ASP portal serving GBK bytes, labelled gb2312 only in
 * <meta http-equiv>, HTTP Content-Type without charset; static 下一页/尾页 paging by query string;
 * one page whose HTTP header claims UTF-8 over GBK bytes.
 */
import { seedBodyLines } from '../fixtures/seed-text.js';
import { legacyReport, type ReportVoice } from '../fixtures/synthetic-legacy.js';
import { luyi2021 } from '../fixtures/table-reports.js';
import { aspArticleBody, aspList, aspPager } from '../html/asp.js';
import { footer, head, page, type SiteInfo } from '../html/chrome.js';
import { encodePage, escapeHtml } from '../html/text.js';
import { Site, type SimResponse } from '../server.js';
import { addChromeAssets, byDateDesc, chunk, decoyItems, nextPublished, reportBody, type BuiltPortal, type DecoySpec, type Item, type PublishPlan } from './common.js';

const REGION = { code: '411628', name: '鹿邑县' };
const PER_PAGE = 10;
const CLASS_ID = 12;
const LIST = '/Article/ShowClass.asp';
const listHref = (n: number): string => (n <= 1 ? `${LIST}?ClassID=${CLASS_ID}` : `${LIST}?ClassID=${CLASS_ID}&page=${n}`);

const SITE: SiteInfo = {
  siteName: '鹿邑县人民政府',
  domain: 'www.luyi.gov.cn',
  siteCode: '4116280001',
  sponsor: '鹿邑县人民政府办公室',
  undertaker: '鹿邑县电子政务中心',
  icp: '豫ICP备09012345号',
  police: '豫公网安备 41162802000101号',
  metaCharset: { style: 'http-equiv', label: 'gb2312' },
  css: ['/Skin/DefaultSkin.css'],
  js: ['/js/menu.js'],
};

/** The server adds no charset: the label lives in <meta> alone. */
const gbk = (html: string): SimResponse => ({ contentType: 'text/html', body: encodePage(html, 'gbk') });

function shell(title: string, crumbs: string, main: string): string {
  const h = head(SITE, { title, keywords: '鹿邑,鹿邑县人民政府,政务公开', description: '鹿邑县人民政府门户网站' });
  const top = [
    '<table width="1000" align="center" border="0" cellspacing="0" cellpadding="0"><tr>',
    '<td><img src="/images/logo.png" alt="鹿邑县人民政府"></td>',
    '<td align="right"><a href="/">首页</a> | <a href="javascript:void(0)">设为首页</a> | <a href="javascript:void(0)">加入收藏</a></td></tr></table>',
    '<table class="menu" width="1000" align="center"><tr>',
    ...['网站首页', '鹿邑概况', '政务公开', '政务服务', '公众参与', '老子故里'].map((t, i) => `<td><a href="${i === 0 ? '/' : `/Article/ShowClass.asp?ClassID=${i}`}">${t}</a></td>`),
    '</tr></table>',
    `<table width="1000" align="center"><tr><td class="position">您现在的位置：&nbsp;<a href="/">鹿邑县人民政府</a>&nbsp;&gt;&gt;&nbsp;<a href="${LIST}?ClassID=3">政务公开</a>&nbsp;&gt;&gt;&nbsp;${crumbs}</td></tr></table>`,
  ].join('\n');
  return page(h, [top, main, footer(SITE, ['<p>地址：鹿邑县紫气大道　邮编：477200</p>'])]);
}

const voice = (year: number, seed: number): ReportVoice => ({
  issuer: '鹿邑县人民政府办公室',
  subject: '全县各级行政机关',
  year,
  seed,
  scale: 8,
  office: '鹿邑县人民政府办公室',
  phone: '0394-7212345',
});

const DECOYS: DecoySpec[] = [
  { title: '2020年鹿邑县人民政府工作报告', kind: 'work-report', date: '2020-01-10', year: 2020 },
  { title: '鹿邑县人民政府办公室关于做好2019年政府信息公开工作年度报告编制发布工作的通知', kind: 'notice', date: '2019-12-26', year: 2019 },
  { title: '关于开展2019年度企业年度报告公示工作的提醒', kind: 'enterprise-annual', date: '2020-01-02', year: 2019 },
  { title: '鹿邑县2019年财政预算执行情况和2020年财政预算草案', kind: 'budget', date: '2020-01-08', year: 2020 },
  { title: '鹿邑县人民政府政府信息公开指南', kind: 'guide', date: '2019-11-20', year: 2019 },
  { title: '鹿邑县2018年度部门决算公开', kind: 'final-accounts', date: '2019-08-30', year: 2018 },
  { title: '鹿邑县召开政务公开工作推进会', kind: 'news', date: '2019-06-12', year: 2019, headline: '鹿邑县召开政务公开工作推进会' },
  { title: '鹿邑县2019年政务公开工作要点', kind: 'key-points', date: '2019-05-16', year: 2019 },
  { title: '鹿邑县2018年国民经济和社会发展统计公报', kind: 'statistics', date: '2019-04-02', year: 2018 },
];

/** Departments and towns whose 2021 reports publish() adds, one per call. */
const PUBLISH: PublishPlan = {
  issuers: ['鹿邑县教育体育局', '鹿邑县卫生健康委员会', '鹿邑县财政局', '鹿邑县自然资源局', '鹿邑县真源街道办事处', '鹿邑县玄武镇人民政府'],
  region: REGION,
  scale: 0.5,
  phone: '0394-7212345',
  source: (issuer) => issuer.replace(/^鹿邑县/, ''),
};

export function buildLuyi(): BuiltPortal {
  // A dynamic ASP site: no validators, no robots.txt (404), IIS in the Server header.
  const site = new Site({ server: 'Microsoft-IIS/6.0' });
  let nextId = 2300;
  const articlePath = (): string => `/Article/ShowArticle.asp?ArticleID=${(nextId += 7)}`;
  const seedLines = seedBodyLines('luyi-county-2019');
  const report = (title: string, year: number, date: string, lines: string[], seed?: string): Item => ({
    path: articlePath(),
    title,
    date,
    time: '09:12:33',
    source: '县政府办公室',
    lines,
    report: { title, year, region: REGION, issuer: '鹿邑县人民政府', images: [], body: reportBody(lines), ...(seed ? { seed } : {}) },
  });
  const seedItem = report('鹿邑县人民政府2019年政府信息公开工作年度报告', 2019, '2020-01-15', seedLines, 'luyi-county-2019');
  const y2018 = report('鹿邑县人民政府2018年政府信息公开工作年度报告', 2018, '2019-03-29', legacyReport(voice(2018, 41162818)));
  const mislabelled = report('鹿邑县2017年政府信息公开工作年度报告', 2017, '2018-03-30', legacyReport(voice(2017, 41162817)));
  const decoys = decoyItems(DECOYS, { place: '鹿邑县', gov: '鹿邑县人民政府', scope: '全县' }, '县政府办公室', () => articlePath());
  // 2021 template, tables as HTML (created last so the older articles keep their ids).
  const t2021 = luyi2021();
  const y2021 = report('鹿邑县人民政府2021年政府信息公开工作年度报告', 2021, '2022-01-18', t2021.lines);
  y2021.report = { ...y2021.report!, body: t2021.body, figures: t2021.figures };
  const items = [seedItem, y2018, mislabelled, y2021, ...decoys].sort(byDateDesc);
  let published = 0;

  const renderArticle = (it: Item): void => {
    const i = items.indexOf(it);
    const id = Number(it.path.split('=').pop());
    const prev = items[i + 1];
    const next = items[i - 1];
    const html = shell(
      it.title,
      `<a href="${listHref(1)}">政府信息公开年报</a>&nbsp;&gt;&gt;&nbsp;正文`,
      aspArticleBody({
        title: it.title,
        date: it.date,
        source: it.source,
        articleId: id,
        lines: it.lines,
        ...(prev ? { prev: [prev.title, prev.path] as [string, string] } : {}),
        ...(next ? { next: [next.title, next.path] as [string, string] } : {}),
      }),
    );
    // A server default overriding the page's own label: header says UTF-8, bytes are GBK.
    const res = it === mislabelled ? { contentType: 'text/html; charset=utf-8', body: encodePage(html, 'gbk') } : gbk(html);
    site.add(it.path, res);
    site.add(`/Article/GetHits.asp?ArticleID=${id}`, { contentType: 'application/javascript', body: `document.write('${100 + (id % 900)}');` });
  };
  items.forEach(renderArticle);

  const renderListings = (): void => {
    const pages = chunk(items, PER_PAGE);
    pages.forEach((list, i) => {
      const rows = aspList(list.map((it, k) => ({ href: it.path, title: it.title, date: it.date, hits: 100 + ((i * PER_PAGE + k) * 131) % 900 })));
      const main = `<table width="1000" align="center"><tr><td class="class_title">${escapeHtml('政府信息公开年报')}</td></tr><tr><td>\n${rows}\n${aspPager(items.length, PER_PAGE, i + 1, listHref)}\n</td></tr></table>`;
      const html = shell('政府信息公开年报_鹿邑县人民政府', '政府信息公开年报', main);
      site.add(listHref(i + 1), gbk(html));
      if (i === 0) site.add(`${LIST}?ClassID=${CLASS_ID}&page=1`, gbk(html));
    });
  };
  renderListings();
  const home = shell('鹿邑县人民政府', '首页', `<table width="1000" align="center"><tr><td><a href="${listHref(1)}">政府信息公开年报</a> <a href="${LIST}?ClassID=3">政务公开</a></td></tr></table>`);
  site.add('/', gbk(home));
  site.add('/index.asp', gbk(home));
  addChromeAssets(site, SITE.css, { '/js/menu.js': '/* menu */\n' });
  site.add('/Skin/blue/article_common.gif', { contentType: 'image/gif', body: Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64') });

  return {
    id: 'luyi',
    name: '鹿邑县人民政府',
    region: REGION.code,
    site,
    startPath: listHref(1),
    maxListingPages: 5,
    traits: [
      'GBK bytes; charset only in <meta http-equiv> (gb2312); HTTP Content-Type: text/html without charset',
      'ASP query-string URLs (ShowClass.asp?ClassID=12&page=2, ShowArticle.asp?ArticleID=n); static 下一页/尾页 links',
      'link title attributes hold 文章标题/作者/更新时间/点击次数 (use the link text); dates unpadded on article pages (2020-1-15)',
      'table rows as <p> lines with literal tabs between cells',
      'the 2017 report is served with Content-Type charset=utf-8 over GBK bytes (mislabelled)',
      'the 2021 report (2021 template) has its tables as HTML <table> with rowspan/colspan, plain cells',
      'dynamic ASP: no ETag/Last-Modified (never 304), Server: Microsoft-IIS/6.0, robots.txt is a 404',
    ],
    items,
    live: {
      publish: () => {
        const it = nextPublished(PUBLISH, published++, items[0]!.date, () => articlePath());
        items.unshift(it);
        // Dynamic pages: the former newest article's 下一篇 link now names the new one.
        renderArticle(it);
        renderArticle(items[1]!);
        renderListings();
        return it;
      },
      rerender: renderArticle,
    },
  };
}
