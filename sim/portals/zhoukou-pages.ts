/**
 * Page templates of the simulated 周口市人民政府门户网站 (TRS-like, UTF-8). Article pages render
 * the text slots of ArticleParts (sim/spam/tamper.ts), so a hijacked page and its clean original
 * come from the same template and differ only where the spam label says.
 */
import { breadcrumb, closeBar, footer, head, navMenu, page, shareBar, type Link, type SiteInfo } from '../html/chrome.js';
import { escapeHtml } from '../html/text.js';
import { trsEditor, trsList, trsPager, type ListItem } from '../html/trs.js';
import type { ArticleParts } from '../spam/tamper.js';

export const ZHOUKOU_SITE: SiteInfo = {
  siteName: '周口市人民政府门户网站',
  domain: 'www.zhoukou.gov.cn',
  siteCode: '4116000001',
  sponsor: '周口市人民政府办公室',
  undertaker: '周口市政务服务和大数据管理局',
  icp: '豫ICP备05010385号',
  police: '豫公网安备 41160202000217号',
  metaCharset: { style: 'html5', label: 'utf-8' },
  css: ['/css/zk_common.css', '/css/zk_article.css'],
  js: ['/js/jquery.min.js', '/js/createPageHTML.js'],
};

export const ZHOUKOU_COLUMN = '/zfxxgk/ndbg/';
export const ZHOUKOU_COLUMN_NAME = '政府信息公开年报';
/** The header line naming the site and its domain (where a hijacked domain shows up). */
export const ZHOUKOU_SITE_LINE = `${ZHOUKOU_SITE.siteName} ${ZHOUKOU_SITE.domain}`;

const NAV: Link[] = [
  ['首页', '/'],
  ['走进周口', '/zjzk/'],
  ['政务公开', '/zfxxgk/'],
  ['政务服务', '/zwfw/'],
  ['互动交流', '/hdjl/'],
];

const crumbs = (column: string): Link[] => [['首页', '/'], ['政务公开', '/zfxxgk/'], [column, `${ZHOUKOU_COLUMN}index.html`]];

function header(siteLine: string): string {
  return [
    `<div class="top"><div class="w1200"><span class="site-line">${escapeHtml(siteLine)}</span>`,
    '<span class="top-links"><a href="/wza/">无障碍</a> | <a href="/zzms/">长者模式</a></span></div></div>',
    `<div class="header"><div class="logo"><a href="/"><img src="/images/logo.png" alt="${escapeHtml(ZHOUKOU_SITE.siteName)}"></a></div></div>`,
    navMenu(NAV),
  ].join('\n');
}

export function zhoukouListing(items: ListItem[], pageCount: number, current: number): string {
  const h = head(ZHOUKOU_SITE, {
    title: `${ZHOUKOU_COLUMN_NAME}_${ZHOUKOU_SITE.siteName}`,
    keywords: '周口市,政府信息公开,年度报告',
    description: '周口市人民政府及市政府部门政府信息公开工作年度报告',
    column: ZHOUKOU_COLUMN_NAME,
  });
  const main = [
    '<div class="main w1200">',
    breadcrumb(crumbs(ZHOUKOU_COLUMN_NAME), '&gt;'),
    `<div class="list-box"><h2 class="lm-title">${ZHOUKOU_COLUMN_NAME}</h2>`,
    trsList(items),
    trsPager(pageCount, current),
    '</div>',
    '</div>',
  ].join('\n');
  return page(h, [header(ZHOUKOU_SITE_LINE), main, footer(ZHOUKOU_SITE)]);
}

export interface ZhoukouArticleMeta {
  date: string;
  /** HH:MM:SS */
  time: string;
  articleId: number;
}

export function zhoukouArticle(p: ArticleParts, m: ZhoukouArticleMeta): string {
  const h = head(ZHOUKOU_SITE, {
    title: p.docTitle,
    keywords: p.keywords,
    description: p.description,
    column: p.column,
    article: { title: p.heading, pubDate: `${m.date} ${m.time.slice(0, 5)}`, source: p.source },
  });
  const article = [
    '<div class="main w1200">',
    breadcrumb(crumbs(p.column), '&gt;'),
    '<div class="article">',
    `<h1 class="title">${escapeHtml(p.heading)}</h1>`,
    `<div class="info"><span>发布时间：${m.date} ${m.time}</span>　<span class="source">来源：${escapeHtml(p.source)}</span>　` +
      `<span>浏览次数：<script type="text/javascript" src="/hits.jsp?id=${m.articleId}"></script></span>` +
      '　<span class="fontsize">【字号：<a href="javascript:doZoom(18)">大</a> <a href="javascript:doZoom(16)">中</a> <a href="javascript:doZoom(14)">小</a>】</span></div>',
    `<div class="content" id="zoom">\n${trsEditor(p.lines)}\n</div>`,
    shareBar(),
    closeBar(),
    '</div>',
    '</div>',
  ].join('\n');
  const html = page(h, [...p.afterBodyOpen, header(p.siteLine), article, footer({ ...ZHOUKOU_SITE, sponsor: p.sponsor })]);
  if (p.beforeHtmlClose.length === 0) return html;
  return html.replace(/<\/html>\n$/, `${p.beforeHtmlClose.join('\n')}\n</html>\n`);
}
