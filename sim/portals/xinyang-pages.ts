/**
 * Page templates of the simulated 信阳市人民政府门户网站 (TRS, UTF-8, static 下一页 pager): the
 * homepage, the 政府信息公开 platform page with its column tree, listings and articles.
 */
import { breadcrumb, closeBar, footer, head, navMenu, page, shareBar, type Link, type SiteInfo } from '../html/chrome.js';
import { escapeHtml } from '../html/text.js';
import { trsEditor, trsList, type ListItem } from '../html/trs.js';

export const XINYANG_SITE: SiteInfo = {
  siteName: '信阳市人民政府门户网站',
  domain: 'www.xinyang.gov.cn',
  siteCode: '4115000004',
  sponsor: '信阳市人民政府办公室',
  undertaker: '信阳市政务服务和大数据管理局',
  icp: '豫ICP备05004721号',
  police: '豫公网安备 41150202000036号',
  metaCharset: { style: 'html5', label: 'utf-8' },
  css: ['/css/xy_common.css', '/css/xy_list.css'],
  js: ['/js/jquery.min.js'],
};

export const XINYANG_COLUMN = '/zwgk/xxgkndbg/';
export const XINYANG_COLUMN_NAME = '政府信息公开年报';

export const NAV: Link[] = [
  ['首页', '/'],
  ['政务公开', '/zwgk/'],
  ['政务服务', '/zwfw/'],
  ['互动交流', '/hdjl/'],
  ['走进信阳', '/zjxy/'],
];

/** The 政府信息公开 platform's column tree. */
export const TREE: Link[] = [
  ['政府信息公开指南', '/zwgk/xxgkzn/index.html'],
  ['政府信息公开制度', '/zwgk/xxgkzd/index.html'],
  ['法定主动公开内容', '/zwgk/fdzdgknr/index.html'],
  ['依申请公开', '/zwgk/ysqgk/index.html'],
  [XINYANG_COLUMN_NAME, `${XINYANG_COLUMN}index.html`],
];

function header(): string {
  return [
    '<div class="top"><div class="w1200"><span>您好，欢迎访问信阳市人民政府门户网站！</span>',
    '<span class="r"><a href="/wza/">无障碍</a> | <a href="/zzms/">长者模式</a> | <a href="/wap/">移动版</a></span></div></div>',
    `<div class="head w1200"><a href="/" class="logo"><img src="/images/logo.png" alt="${XINYANG_SITE.siteName}"></a>`,
    '<form class="search" action="/search/" method="get" target="_blank"><input type="text" name="searchWord" placeholder="请输入关键字"><input type="submit" value="搜索"></form></div>',
    navMenu(NAV),
  ].join('\n');
}

function shell(title: string, column: string | undefined, main: string): string {
  const h = head(XINYANG_SITE, { title, keywords: '信阳,信阳市人民政府,政务公开', description: XINYANG_SITE.siteName, ...(column ? { column } : {}) });
  return page(h, [header(), main, footer(XINYANG_SITE, ['<p>地址：信阳市新七大道市行政中心　邮编：464000</p>'])]);
}

function tree(active: string): string {
  const li = TREE.map(([t, h]) => `<li${t === active ? ' class="on"' : ''}><a href="${h}">${escapeHtml(t)}</a></li>`);
  return `<div class="xxgk-nav"><h3>政府信息公开</h3><ul>\n${li.join('\n')}\n</ul></div>`;
}

export interface HomeBlocks {
  news: ListItem[];
  notices: ListItem[];
  /** 专题专栏 and quick links (企业年报公示, 政府工作报告 …). */
  specials: Link[];
}

export function xinyangHome(b: HomeBlocks): string {
  const box = (title: string, more: string, items: ListItem[]) =>
    `<div class="box"><div class="box-title"><h2>${title}</h2><a class="more" href="${more}">更多&gt;&gt;</a></div>\n${trsList(items, 28)}\n</div>`;
  const main = [
    '<div class="main w1200">',
    '<div class="banner"><img src="/images/banner.jpg" alt="信阳 山水茶都"></div>',
    box('信阳要闻', '/xwzx/xyyw/index.html', b.news),
    box('通知公告', '/zwgk/tzgg/index.html', b.notices),
    `<div class="box zwgk"><div class="box-title"><h2><a href="/zwgk/">政务公开</a></h2></div>${navMenu([['政府信息公开', '/zwgk/'], ['政府文件', '/zwgk/zfwj/index.html'], ['政府公报', '/zwgk/zfgb/index.html']], 'quick')}</div>`,
    `<div class="box ztzl"><div class="box-title"><h2>专题专栏</h2></div>${navMenu(b.specials, 'zt')}</div>`,
    '</div>',
  ].join('\n');
  return shell(XINYANG_SITE.siteName, undefined, main);
}

/** /zwgk/: the platform's front page, the column tree and the latest disclosed items. */
export function xinyangPlatform(latest: ListItem[]): string {
  const main = [
    '<div class="main w1200">',
    breadcrumb([['首页', '/'], ['政务公开', '/zwgk/']], '&gt;'),
    tree(''),
    '<div class="xxgk-main">',
    '<div class="xxgk-search"><form action="/search/" method="get"><input type="text" name="searchWord" placeholder="索引号/标题/文号"><input type="submit" value="检索"></form></div>',
    `<div class="box"><div class="box-title"><h2>最新公开</h2></div>\n${trsList(latest, 36)}\n</div>`,
    '</div>',
    '</div>',
  ].join('\n');
  return shell('政府信息公开_信阳市人民政府门户网站', '政府信息公开', main);
}

/** A page of the tree other than the listings: guide, rules, request forms. */
export function xinyangTreePage(active: string, paragraphsHtml: string): string {
  const main = [
    '<div class="main w1200">',
    breadcrumb([['首页', '/'], ['政务公开', '/zwgk/'], [active, '#']], '&gt;'),
    tree(active),
    `<div class="xxgk-main"><h2 class="lm-title">${escapeHtml(active)}</h2>\n<div class="content">${paragraphsHtml}</div></div>`,
    '</div>',
  ].join('\n');
  return shell(`${active}_信阳市人民政府门户网站`, active, main);
}

/** Static pager as this TRS template writes it: 首页 上一页 下一页 尾页 as plain links. */
export function staticPager(total: number, pageCount: number, current: number): string {
  const name = (i: number) => (i === 0 ? 'index.html' : `index_${i}.html`);
  const link = (i: number, text: string, on: boolean) => (on ? `<a href="${name(i)}">${text}</a>` : `<span>${text}</span>`);
  return (
    `<div class="page">共${total}条 ${current + 1}/${pageCount}页 ` +
    `${link(0, '首页', current > 0)} ${link(current - 1, '上一页', current > 0)} ` +
    `${link(current + 1, '下一页', current < pageCount - 1)} ${link(pageCount - 1, '尾页', current < pageCount - 1)}</div>`
  );
}

/** A listing page; `crumbs` and `active` place it in the tree (or outside it: 专题专栏). */
export function xinyangListing(o: { column: string; crumbs: Link[]; active?: string; items: ListItem[]; total: number; pageCount: number; current: number }): string {
  const main = [
    '<div class="main w1200">',
    breadcrumb(o.crumbs, '&gt;'),
    o.active !== undefined ? tree(o.active) : '',
    `<div class="xxgk-main"><h2 class="lm-title">${escapeHtml(o.column)}</h2>`,
    trsList(o.items),
    staticPager(o.total, o.pageCount, o.current),
    '</div>',
    '</div>',
  ].join('\n');
  return shell(`${o.column}_信阳市人民政府门户网站`, o.column, main);
}

export function xinyangArticle(a: { title: string; date: string; time: string; source: string; lines: string[]; crumbs: Link[]; draft?: boolean }): string {
  const h = head(XINYANG_SITE, {
    title: `${a.title}_信阳市人民政府门户网站`,
    keywords: a.title,
    description: a.title,
    article: { title: a.title, pubDate: `${a.date} ${a.time.slice(0, 5)}`, source: a.source },
  });
  const main = [
    '<div class="main w1200">',
    breadcrumb(a.crumbs, '&gt;'),
    '<div class="article">',
    `<h1>${escapeHtml(a.title)}</h1>`,
    a.draft ? '<div class="draft-tip">（本页为内部预览，未经审核，请勿转载）</div>' : '',
    `<div class="info">发布日期：${a.date} ${a.time.slice(0, 5)}　来源：${escapeHtml(a.source)}　【<a href="javascript:doZoom(16)">中</a> <a href="javascript:doZoom(14)">小</a>】</div>`,
    `<div class="TRS_UEDITOR trs_paper_default" id="zoom">\n${trsEditor(a.lines)}\n</div>`,
    shareBar(),
    closeBar(),
    '</div>',
    '</div>',
  ].join('\n');
  return page(h, [header(), main, footer(XINYANG_SITE)]);
}
