/**
 * A small county portal for the many-portals benchmark: one 政府信息公开年报 column of two or three
 * listing pages, three or four reports among decoys. Four in five are TRS sites (UTF-8,
 * createPageHTML pager, ETag/Last-Modified); one in five an old ASP site (GBK, static 下一页, no
 * validators). robots.txt: a mix of present and 404.
 */
import type { Region } from '../../src/types.js';
import type { DecoyKind } from '../fixtures/decoys.js';
import { aspArticleBody, aspList, aspPager } from '../html/asp.js';
import { breadcrumb, closeBar, footer, head, navMenu, page, type Link, type SiteInfo } from '../html/chrome.js';
import { encodePage, escapeHtml } from '../html/text.js';
import { CREATE_PAGE_JS, trsArticlePath, trsEditor, trsList, trsPageName, trsPager } from '../html/trs.js';
import { Site, type SimResponse } from '../server.js';
import { addChromeAssets, addDays, byDateDesc, chunk, decoyItems, nextPublished, publishedAt, ROBOTS_ADMIN, ROBOTS_MANAGE, syntheticReport, type BuiltPortal, type DecoySpec, type Item } from './common.js';

export interface CountyPlace {
  code: string;
  /** e.g. 中牟县, 巩义市 */
  name: string;
  /** Prefecture, e.g. 郑州市 */
  city: string;
}

const PER_PAGE = 8;
const COLUMN = '/zwgk/zfxxgknb/';
const COLUMN_NAME = '政府信息公开年报';
const ASP_LIST = '/Article/ShowClass.asp';

const DECOY_FORMS: [kind: DecoyKind, title: (place: string, y: number) => string][] = [
  ['work-report', (p, y) => `${y}年${p}人民政府工作报告`],
  ['notice', (p, y) => `${p}人民政府办公室关于做好${y}年政府信息公开工作年度报告编制发布工作的通知`],
  ['budget', (p, y) => `关于${p}${y - 1}年预算执行情况和${y}年预算草案的报告`],
  ['statistics', (p, y) => `${p}${y - 1}年国民经济和社会发展统计公报`],
  ['key-points', (p, y) => `${p}${y}年政务公开工作要点`],
  ['enterprise-annual', (_p, y) => `关于开展${y - 1}年度企业年度报告公示工作的提醒`],
  ['final-accounts', (p, y) => `${p}人民政府办公室${y - 1}年度部门决算`],
  ['guide', (p) => `${p}人民政府政府信息公开指南`],
  ['news', (p) => `${p}召开政务公开工作推进会`],
];

export function buildCounty(place: CountyPlace, index: number): BuiltPortal {
  const asp = index % 5 === 4;
  const gov = `${place.name}人民政府`;
  const region: Region = { code: place.code, name: place.name };
  const info: SiteInfo = {
    siteName: `${gov}门户网站`,
    domain: `www.zf${place.code}.gov.cn`,
    siteCode: `${place.code}0001`,
    sponsor: `${gov}办公室`,
    undertaker: `${place.name}大数据中心`,
    icp: `豫ICP备${String(10000000 + ((index * 7919) % 8999999)).slice(0, 8)}号`,
    police: `豫公网安备 ${place.code}02000${String(100 + index).slice(-3)}号`,
    metaCharset: asp ? { style: 'http-equiv', label: 'gb2312' } : { style: 'html5', label: 'utf-8' },
    css: ['/css/style.css'],
    js: asp ? [] : ['/js/createPageHTML.js'],
  };
  const robots = index % 3 === 0 ? undefined : index % 3 === 1 ? ROBOTS_ADMIN : ROBOTS_MANAGE;
  const site = asp ? new Site({ server: 'Microsoft-IIS/7.5', ...(robots ? { robots } : {}) }) : new Site({ validators: true, ...(robots ? { robots } : {}) });
  const res = (html: string): SimResponse => (asp ? { contentType: 'text/html', body: encodePage(html, 'gbk') } : { contentType: 'text/html; charset=utf-8', body: html });

  let nextId = 10000 + index * 1000;
  const articlePath = asp ? () => `/Article/ShowArticle.asp?ArticleID=${(nextId += 3)}` : (date: string) => trsArticlePath(COLUMN, date, (nextId += 11));
  const listHref = (n: number) => (n <= 1 ? `${ASP_LIST}?ClassID=7` : `${ASP_LIST}?ClassID=7&page=${n}`);

  const pageTarget = 2 + (index % 2);
  const total = pageTarget * PER_PAGE - (index % 4);
  // The county's last three years, and in every other county a bureau's report too.
  const filed: [issuer: string, year: number][] = [[gov, 2023], [gov, 2022], [gov, 2021], ...(index % 2 === 0 ? [[`${place.name}教育局`, 2023] as [string, number]] : [])];
  const reports = filed.map(([issuer, year], k) => {
    const date = `${year + 1}-01-${String(12 + ((index + k * 3) % 18)).padStart(2, '0')}`;
    const spec = { issuer, year, region, scale: 0.8, phone: `0371-6${String(1000000 + index * 37).slice(-6)}`, seed: Number(place.code) + year + k };
    return syntheticReport(spec, articlePath(date), date, `1${k}:30:00`, issuer === gov ? `${gov}办公室` : issuer);
  });
  const specs: DecoySpec[] = Array.from({ length: total - reports.length }, (_, k) => {
    const [kind, title] = DECOY_FORMS[(k + index) % DECOY_FORMS.length]!;
    const date = addDays('2021-02-01', Math.floor((k * 1400) / (total - reports.length)) + (index % 20));
    const y = Number(date.slice(0, 4));
    return { title: title(place.name, y), kind, date, year: y };
  });
  const decoys = decoyItems(specs, { place: place.name, gov, scope: /县$/.test(place.name) ? '全县' : '全市' }, `${gov}办公室`, (d) => articlePath(d.date));
  const items = [...reports, ...decoys].sort(byDateDesc);

  const nav: Link[] = [['首页', '/'], ['政务公开', '/zwgk/'], ['政务服务', '/zwfw/'], ['互动交流', '/hdjl/']];
  const crumbs: Link[] = [['首页', '/'], ['政务公开', '/zwgk/'], [COLUMN_NAME, asp ? listHref(1) : `${COLUMN}index.html`]];
  const shell = (title: string, main: string) =>
    page(head(info, { title, keywords: `${place.name},政务公开`, description: info.siteName, column: COLUMN_NAME }), [
      `<div class="header"><img src="/images/logo.png" alt="${escapeHtml(info.siteName)}"></div>`,
      navMenu(nav),
      `<div class="main">${breadcrumb(crumbs, '&gt;')}\n${main}</div>`,
      footer(info),
    ]);

  const renderArticle = (it: Item, lastModified?: Date): void => {
    const main = asp
      ? aspArticleBody({ title: it.title, date: it.date, source: it.source, articleId: Number(it.path.split('=').pop()), lines: it.lines })
      : `<div class="article"><h1>${escapeHtml(it.title)}</h1><div class="info">发布时间：${it.date}　来源：${escapeHtml(it.source)}</div>\n<div id="zoom">${trsEditor(it.lines)}</div>\n${closeBar()}</div>`;
    site.add(it.path, { ...res(shell(`${it.title}_${info.siteName}`, main)), lastModified: lastModified ?? publishedAt(it.date, it.time) });
  };
  const renderListings = (): void => {
    const pages = chunk(items, PER_PAGE);
    pages.forEach((list, i) => {
      const listing = asp
        ? `${aspList(list.map((it, k) => ({ href: it.path, title: it.title, date: it.date, hits: 50 + k * 13 })))}\n${aspPager(items.length, PER_PAGE, i + 1, listHref)}`
        : `${trsList(list.map((it) => ({ href: `./${it.path.slice(COLUMN.length)}`, title: it.title, date: it.date })))}\n${trsPager(pages.length, i)}`;
      const body = { ...res(shell(`${COLUMN_NAME}_${info.siteName}`, `<h2>${COLUMN_NAME}</h2>\n${listing}`)), lastModified: publishedAt(list[0]!.date, list[0]!.time) };
      site.add(asp ? listHref(i + 1) : `${COLUMN}${trsPageName(i)}`, body);
    });
  };
  for (const it of items) renderArticle(it);
  renderListings();
  site.add('/', res(shell(info.siteName, navMenu([[COLUMN_NAME, asp ? listHref(1) : `${COLUMN}index.html`]], 'zwgk-links'))));
  addChromeAssets(site, info.css, asp ? {} : { '/js/createPageHTML.js': CREATE_PAGE_JS });
  let published = 0;

  return {
    id: `county-${place.code}`,
    name: gov,
    region: place.code,
    site,
    startPath: asp ? listHref(1) : `${COLUMN}index.html`,
    maxListingPages: 5,
    traits: [asp ? 'old ASP site, GBK, static 下一页, no validators' : 'TRS, UTF-8, createPageHTML pager, ETag/Last-Modified', robots ? 'robots.txt' : 'no robots.txt (404)'],
    items,
    live: {
      publish: () => {
        const plan = { issuers: ['财政局', '民政局', '卫生健康委员会', '自然资源局'].map((d) => `${place.name}${d}`), region, scale: 0.5, phone: '0371-60001000', source: (i: string) => i };
        const it = nextPublished(plan, published++, items[0]!.date, articlePath);
        items.unshift(it);
        renderArticle(it, new Date());
        renderListings();
        return it;
      },
      rerender: (it) => renderArticle(it),
    },
  };
}
