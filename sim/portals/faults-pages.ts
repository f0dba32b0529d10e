/**
 * Templates of the fault portal (郸城县人民政府, a Hanweb JCMS county site): column pages with a
 * static pager and a 按月浏览 calendar box, article pages with the 索引号 table and `#zoom`, the
 * CMS's "页面不存在" page that it serves with status 200, and the monthly 信息公开日历.
 */
import { breadcrumb, closeBar, footer, head, navMenu, page, shareBar, type Link, type SiteInfo } from '../html/chrome.js';
import { escapeHtml } from '../html/text.js';

export const FAULTS_SITE: SiteInfo = {
  siteName: '郸城县人民政府',
  domain: 'www.dancheng.gov.cn',
  siteCode: '4116250001',
  sponsor: '郸城县人民政府办公室',
  undertaker: '郸城县大数据管理中心',
  icp: '豫ICP备12003768号',
  police: '豫公网安备 41162502000103号',
  metaCharset: { style: 'html5', label: 'utf-8' },
  css: ['/css/common.css', '/css/xxgk.css'],
  js: ['/js/jquery.min.js'],
};

/** The same site as an old GBK template (its two GBK report pages come from the former system). */
export const FAULTS_SITE_GBK: SiteInfo = { ...FAULTS_SITE, metaCharset: { style: 'http-equiv', label: 'gbk' } };

export const COLUMN_ID = 2871;
export const COLUMN_NAME = '政府信息公开年报';

const NAV: Link[] = [
  ['首页', '/'],
  ['走进郸城', '/col/col2801/index.html'],
  ['政务公开', '/col/col2850/index.html'],
  ['政务服务', '/col/col2900/index.html'],
  ['互动交流', '/col/col2920/index.html'],
];

const XXGK_TREE: Link[] = [
  ['政府信息公开指南', '/col/col2868/index.html'],
  ['政府信息公开制度', '/col/col2869/index.html'],
  ['法定主动公开内容', '/col/col2870/index.html'],
  [COLUMN_NAME, `/col/col${COLUMN_ID}/index.html`],
  ['部门信息公开年报', `/xxgk/bmnb/list.jsp?pageNum=1`],
  ['依申请公开', '/col/col2873/index.html'],
];

export function shell(title: string, crumbs: Link[], main: string, site: SiteInfo = FAULTS_SITE, article?: { title: string; date: string; source: string }): string {
  const h = head(site, {
    title,
    keywords: '郸城,郸城县人民政府,政务公开,政府信息公开年报',
    description: '郸城县人民政府门户网站',
    column: COLUMN_NAME,
    ...(article ? { article: { title: article.title, pubDate: article.date, source: article.source } } : {}),
  });
  return page(h, [
    '<div class="top"><div class="w1200"><span class="date" id="today"></span><a href="javascript:void(0)">无障碍浏览</a> | <a href="javascript:void(0)">长者模式</a></div></div>',
    `<div class="header"><div class="w1200"><img src="/images/logo.png" alt="${escapeHtml(site.siteName)}"></div></div>`,
    navMenu(NAV),
    `<div class="w1200 main">${breadcrumb([['首页', '/'], ['政务公开', '/col/col2850/index.html'], ...crumbs])}\n${main}</div>`,
    footer(site, ['<p>地址：郸城县洺南大道　邮编：477150　联系电话：0394-3212345</p>']),
  ]);
}

export interface ListRow {
  href: string;
  title: string;
  date: string;
}

/** The Hanweb list block (`<div id="2871">` wraps it on real sites). */
export function listBlock(rows: ListRow[]): string {
  const li = rows.map((r) => `<li><a href="${r.href}" title="${escapeHtml(r.title)}" target="_blank">${escapeHtml(r.title)}</a><span class="bt-data-time">${r.date}</span></li>`);
  return `<div id="${COLUMN_ID}"><ul class="xxgk-list">\n${li.join('\n')}\n</ul></div>`;
}

/**
 * The static pager as this (buggy) column template writes it: it never learns the page count, so
 * 下一页 and 尾页 always point one page further.
 */
export function endlessPager(n: number, href: (k: number) => string): string {
  const prev = n > 1 ? `<a href="${href(1)}">首页</a> <a href="${href(n - 1)}">上一页</a>` : '<span>首页</span> <span>上一页</span>';
  return `<div class="pager">${prev} <span class="current">第${n}页</span> <a href="${href(n + 1)}">下一页</a> <a href="${href(n + 1)}">尾页</a></div>`;
}

/** The left column: the 信息公开 tree and the 按月浏览 box (first link: the month of the newest report). */
export function sidebar(calendarHref: string, treeHref: (l: Link) => string = ([, h]) => h): string {
  const tree = XXGK_TREE.map((l) => `<li><a href="${treeHref(l)}">${escapeHtml(l[0])}</a></li>`).join('\n');
  return [
    '<div class="left">',
    `<div class="xxgk-tree"><h3>政府信息公开</h3><ul>\n${tree}\n</ul></div>`,
    `<div class="calendar-box"><h3>信息公开日历</h3><a href="${calendarHref}">按月浏览</a></div>`,
    '</div>',
  ].join('\n');
}

export function column(title: string, rows: ListRow[], pager: string, calendarHref: string, crumbs: Link[], treeHref?: (l: Link) => string): string {
  const main = `${sidebar(calendarHref, treeHref)}\n<div class="right"><div class="col-title"><h2>${escapeHtml(title)}</h2></div>\n${listBlock(rows)}\n${pager}\n</div>`;
  return shell(`${title}_郸城县人民政府`, crumbs, main);
}

export interface ArticleInfo {
  title: string;
  date: string;
  time: string;
  source: string;
  indexNo: string;
  /** The editor's HTML (paragraphs, images). */
  zoom: string;
}

export function articleMain(a: ArticleInfo, calendarHref: string): string {
  return [
    '<div class="xxgk-table"><table>',
    `<tr><td>索引号：</td><td>${a.indexNo}</td><td>发布机构：</td><td>${escapeHtml(a.source)}</td></tr>`,
    `<tr><td>标题：</td><td colspan="3">${escapeHtml(a.title)}</td></tr>`,
    `<tr><td>生成日期：</td><td>${a.date}</td><td>主题分类：</td><td>政府信息公开年报</td></tr>`,
    '</table></div>',
    `<div class="article"><h1 class="title">${escapeHtml(a.title)}</h1>`,
    `<div class="info">发布时间：${a.date} ${a.time}　来源：${escapeHtml(a.source)}　浏览次数：<span id="hits">--</span>　<a href="${calendarHref}">信息公开日历</a></div>`,
    `<div id="zoom">\n${a.zoom}\n</div>`,
    shareBar(),
    closeBar(),
    '</div>',
  ].join('\n');
}

/** The CMS's own error page, served with 200 (what a soft-404 looks like on these sites). */
export function softNotFound(): string {
  const h = head(FAULTS_SITE, { title: '页面不存在_郸城县人民政府', keywords: '郸城县人民政府', description: '郸城县人民政府门户网站' });
  return page(h, [
    `<div class="header"><div class="w1200"><img src="/images/logo.png" alt="郸城县人民政府"></div></div>`,
    '<div class="error-page">',
    '<div class="error-img"><img src="/images/404.png" alt="404"></div>',
    '<div class="error-text"><h2>页面不存在</h2>',
    '<p>抱歉，您访问的页面不存在或已被删除！</p>',
    '<p>可能原因：网址有错误；网址已失效；信息已过期或已撤稿。</p>',
    '<p><span id="second">5</span>秒后自动跳转到<a href="/">网站首页</a>　<a href="javascript:history.go(-1)">返回上一页</a></p></div>',
    '</div>',
    '<script type="text/javascript">var s=5;var t=setInterval(function(){s--;document.getElementById("second").innerHTML=s;if(s<=0){clearInterval(t);location.href="/";}},1000);</script>',
    footer(FAULTS_SITE),
  ]);
}

/** One month of the 信息公开日历: a month grid, the articles of the month, 上一月/下一月 forever. */
export function calendarPage(year: number, month: number, rows: ListRow[], href: (y: number, m: number) => string): string {
  const first = new Date(Date.UTC(year, month - 1, 1)).getUTCDay();
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const cells = [...Array<string>(first).fill('<td></td>'), ...Array.from({ length: days }, (_, i) => `<td>${i + 1}</td>`)];
  const weeks: string[] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(`<tr>${cells.slice(i, i + 7).join('')}</tr>`);
  const [py, pm] = month === 1 ? [year - 1, 12] : [year, month - 1];
  const [ny, nm] = month === 12 ? [year + 1, 1] : [year, month + 1];
  const list = rows.length ? listBlock(rows) : '<ul class="xxgk-list"><li class="no-data">本月暂无信息</li></ul>';
  const main = [
    `<div class="calendar"><div class="calendar-head"><a href="${href(py, pm)}" class="prev">上一月</a> <span>${year}年${month}月</span> <a href="${href(ny, nm)}" class="next">下一月</a></div>`,
    `<table class="calendar-grid"><tr><th>日</th><th>一</th><th>二</th><th>三</th><th>四</th><th>五</th><th>六</th></tr>\n${weeks.join('\n')}\n</table></div>`,
    list,
  ].join('\n');
  return shell(`信息公开日历 ${year}年${month}月_郸城县人民政府`, [['信息公开日历', href(year, month)]], main);
}
