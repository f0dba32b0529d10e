/** Page templates of the simulated 河南省人民政府门户网站 (TRS WCM, UTF-8). */
import { breadcrumb, closeBar, footer, head, navMenu, page, relatedReading, shareBar, type Link, type SiteInfo } from '../html/chrome.js';
import { escapeHtml } from '../html/text.js';
import { trsEditor, trsList, trsPager, type ListItem } from '../html/trs.js';

export const HENAN_SITE: SiteInfo = {
  siteName: '河南省人民政府门户网站',
  domain: 'www.henan.gov.cn',
  siteCode: '4100000011',
  sponsor: '河南省人民政府办公厅',
  undertaker: '河南省人民政府办公厅政府网站管理中心',
  icp: '豫ICP备05008891号',
  police: '豫公网安备 41010502003328号',
  metaCharset: { style: 'html5', label: 'utf-8' },
  css: ['/css/common.css', '/css/list.css'],
  js: ['/js/jquery-1.11.3.min.js', '/js/createPageHTML.js'],
};

export const HENAN_COLUMN = '/zwgk/zfxxgkndbg/';
const COLUMN_NAME = '政府信息公开年报';

const NAV: Link[] = [
  ['首页', '/'],
  ['要闻动态', '/ywdt/'],
  ['政务公开', '/zwgk/'],
  ['网上服务', '/wsfw/'],
  ['政民互动', '/zmhd/'],
  ['精彩河南', '/jchn/'],
];

const CRUMBS: Link[] = [
  ['首页', '/'],
  ['政务公开', '/zwgk/'],
  [COLUMN_NAME, `${HENAN_COLUMN}index.html`],
];

function header(): string {
  return [
    '<div class="topbar"><div class="w1200"><span>欢迎访问河南省人民政府门户网站</span>',
    '<a href="/wza/">无障碍</a> <a href="/zzms/">长者模式</a> <a href="/en/">English</a></div></div>',
    '<div class="header"><div class="logo"><a href="/"><img src="/images/logo.png" alt="河南省人民政府门户网站"></a></div>',
    '<form class="search" action="/search/" method="get"><input type="text" name="q" placeholder="请输入关键词"><input type="image" src="/images/search.png" alt="搜索"></form></div>',
    navMenu(NAV),
  ].join('\n');
}

export function henanListing(items: ListItem[], pageCount: number, current: number): string {
  const h = head(HENAN_SITE, {
    title: `${COLUMN_NAME}_河南省人民政府门户网站`,
    keywords: '政府信息公开,年度报告,河南省人民政府',
    description: '河南省人民政府及省政府部门政府信息公开工作年度报告',
    column: COLUMN_NAME,
  });
  const sidebar = [
    '<div class="side"><h2>政务公开</h2><ul>',
    '<li><a href="/zwgk/zfxxgkzn/">政府信息公开指南</a></li>',
    '<li><a href="/zwgk/zfxxgkzd/">政府信息公开制度</a></li>',
    `<li class="on"><a href="${HENAN_COLUMN}index.html">${COLUMN_NAME}</a></li>`,
    '<li><a href="/zwgk/fdzdgknr/">法定主动公开内容</a></li>',
    '</ul></div>',
  ].join('\n');
  const main = `<div class="main w1200">\n${breadcrumb(CRUMBS, '&gt;')}\n${sidebar}\n<div class="list-box"><h2 class="lm-title">${COLUMN_NAME}</h2>\n${trsList(items, 22)}\n${trsPager(pageCount, current)}\n</div>\n</div>`;
  return page(h, [header(), main, footer(HENAN_SITE)]);
}

export interface HenanArticle {
  title: string;
  /** The line under the title: site, time, source (hijacked on one page). */
  metaLine: string;
  date: string;
  time: string;
  source: string;
  lines: string[];
  imageSrc?: (name: string) => string | undefined;
  /** Block placed between the meta line and the body (the seed's 图解 link). */
  preface?: string;
  attachments?: Link[];
  editor: string;
  related: Link[];
}

export function henanArticle(a: HenanArticle): string {
  const h = head(HENAN_SITE, {
    title: `${a.title}_${COLUMN_NAME}_河南省人民政府门户网站`,
    keywords: `${a.title},政府信息公开`,
    description: a.title,
    column: COLUMN_NAME,
    article: { title: a.title, pubDate: `${a.date} ${a.time.slice(0, 5)}`, source: a.source },
  });
  const attach = a.attachments?.length
    ? `<div class="fujian"><span>附件：</span><ul>${a.attachments
        .map(([t, href]) => `<li><a href="${href}" target="_blank">${escapeHtml(t)}</a></li>`)
        .join('')}</ul></div>`
    : '';
  const article = [
    '<div class="main w1200">',
    breadcrumb(CRUMBS, '&gt;'),
    '<div class="article">',
    `<h1 class="title">${escapeHtml(a.title)}</h1>`,
    `<div class="info"><span class="info-text">${escapeHtml(a.metaLine)}</span>`,
    '<span class="fontsize">【字号：<a href="javascript:doZoom(18)">大</a> <a href="javascript:doZoom(16)">中</a> <a href="javascript:doZoom(14)">小</a>】</span></div>',
    a.preface ?? '',
    `<div class="content" id="zoom">\n${trsEditor(a.lines, a.imageSrc)}\n</div>`,
    attach,
    `<div class="editor">责任编辑:${escapeHtml(a.editor)}</div>`,
    '<div class="ewm"><img src="/images/ewm.png" alt="二维码"><p>扫一扫在手机打开当前页</p></div>',
    shareBar(),
    closeBar(),
    relatedReading(a.related, '相关阅读:'),
    '</div>',
    '</div>',
  ].join('\n');
  const map = '<div class="map"><span>Baidu</span> <span>map</span></div>';
  return page(h, [header(), article, map, footer(HENAN_SITE)]);
}

export function henanHome(columnLinks: Link[]): string {
  const h = head(HENAN_SITE, {
    title: '河南省人民政府门户网站',
    keywords: '河南,河南省人民政府,政务公开',
    description: '河南省人民政府门户网站',
  });
  const main = `<div class="main w1200"><div class="zwgk"><h2>政务公开</h2>${navMenu(columnLinks, 'zwgk-links')}</div></div>`;
  return page(h, [header(), main, footer(HENAN_SITE)]);
}
