/** Page templates of the simulated 开封市人民政府门户网站 (TRS WCM, UTF-8, one deep 政务公开 column). */
import { breadcrumb, closeBar, footer, head, navMenu, page, relatedReading, shareBar, type Link, type SiteInfo } from '../html/chrome.js';
import { escapeHtml } from '../html/text.js';
import { trsEditor, trsPager, type ListItem } from '../html/trs.js';

export const KAIFENG_SITE: SiteInfo = {
  siteName: '开封市人民政府门户网站',
  domain: 'www.kaifeng.gov.cn',
  siteCode: '4102000003',
  sponsor: '开封市人民政府办公室',
  undertaker: '开封市大数据管理局',
  icp: '豫ICP备05007338号',
  police: '豫公网安备 41020202000012号',
  metaCharset: { style: 'html5', label: 'utf-8' },
  css: ['/css/kf_index.css', '/css/kf_list.css'],
  js: ['/js/jquery-1.12.4.min.js', '/js/createPageHTML.js'],
};

export const KAIFENG_COLUMN = '/zwgk/zfxxgk/';
export const KAIFENG_COLUMN_NAME = '政府信息公开';

const NAV: Link[] = [
  ['首页', '/'],
  ['开封概况', '/kfgk/'],
  ['新闻中心', '/xwzx/'],
  ['政务公开', '/zwgk/'],
  ['政务服务', '/zwfw/'],
  ['政民互动', '/zmhd/'],
  ['文化旅游', '/whly/'],
];

const CRUMBS: Link[] = [['首页', '/'], ['政务公开', '/zwgk/'], [KAIFENG_COLUMN_NAME, `${KAIFENG_COLUMN}index.html`]];

function header(): string {
  return [
    '<div class="top"><div class="w1200"><span>八朝古都 · 菊城开封</span><span class="r"><a href="/wza/">无障碍</a> | <a href="/zzms/">长者模式</a></span></div></div>',
    `<div class="header w1200"><a href="/"><img src="/images/logo.png" alt="${KAIFENG_SITE.siteName}"></a></div>`,
    navMenu(NAV),
  ].join('\n');
}

export interface DeepListItem extends ListItem {
  pinned?: boolean;
}

export function kaifengListing(items: DeepListItem[], pageCount: number, current: number): string {
  const h = head(KAIFENG_SITE, {
    title: `${KAIFENG_COLUMN_NAME}_${KAIFENG_SITE.siteName}`,
    keywords: '开封市,政务公开,政府信息公开',
    description: '开封市人民政府政府信息公开',
    column: KAIFENG_COLUMN_NAME,
  });
  const li = items.map(
    (it) =>
      `<li${it.pinned ? ' class="zd"' : ''}>${it.pinned ? '<span class="zd-tag">[置顶]</span>' : ''}` +
      `<a href="${it.href}" title="${escapeHtml(it.title)}" target="_blank">${escapeHtml(it.title)}</a><span class="date">${it.date}</span></li>`,
  );
  const side = [
    '<div class="side"><h3>政务公开</h3><ul>',
    '<li><a href="/zwgk/zfwj/">政府文件</a></li>',
    `<li class="on"><a href="${KAIFENG_COLUMN}index.html">${KAIFENG_COLUMN_NAME}</a></li>`,
    '<li><a href="/zwgk/rsxx/">人事信息</a></li>',
    '<li><a href="/zwgk/czxx/">财政信息</a></li>',
    '</ul></div>',
  ].join('\n');
  const main = [
    '<div class="main w1200">',
    breadcrumb(CRUMBS, '&gt;&gt;'),
    side,
    `<div class="list-box"><h2 class="lm-title">${KAIFENG_COLUMN_NAME}</h2>`,
    `<ul class="list">\n${li.join('\n')}\n</ul>`,
    trsPager(pageCount, current),
    '</div>',
    '</div>',
  ].join('\n');
  return page(h, [header(), main, footer(KAIFENG_SITE)]);
}

export function kaifengArticle(a: { title: string; date: string; time: string; source: string; lines: string[]; related: Link[] }): string {
  const h = head(KAIFENG_SITE, {
    title: `${a.title}_${KAIFENG_SITE.siteName}`,
    keywords: a.title,
    description: a.title,
    column: KAIFENG_COLUMN_NAME,
    article: { title: a.title, pubDate: `${a.date} ${a.time.slice(0, 5)}`, source: a.source },
  });
  const main = [
    '<div class="main w1200">',
    breadcrumb(CRUMBS, '&gt;&gt;'),
    '<div class="article">',
    `<h1 class="title">${escapeHtml(a.title)}</h1>`,
    `<div class="info">发布时间：${a.date} ${a.time}　来源：${escapeHtml(a.source)}　<span>【字体：<a href="javascript:doZoom(16)">大</a> <a href="javascript:doZoom(14)">中</a> <a href="javascript:doZoom(12)">小</a>】</span></div>`,
    `<div class="content" id="zoom">\n${trsEditor(a.lines)}\n</div>`,
    shareBar(),
    closeBar(),
    a.related.length ? relatedReading(a.related) : '',
    '</div>',
    '</div>',
  ].join('\n');
  return page(h, [header(), main, footer(KAIFENG_SITE)]);
}

export function kaifengHome(): string {
  const h = head(KAIFENG_SITE, { title: KAIFENG_SITE.siteName, keywords: '开封,开封市人民政府', description: KAIFENG_SITE.siteName });
  const main = `<div class="main w1200"><div class="zwgk"><h2><a href="/zwgk/">政务公开</a></h2>${navMenu([[KAIFENG_COLUMN_NAME, `${KAIFENG_COLUMN}index.html`], ['政府文件', '/zwgk/zfwj/']], 'zwgk-links')}</div></div>`;
  return page(h, [header(), main, footer(KAIFENG_SITE)]);
}
