/**
 * Page templates of the simulated 商丘市人民政府门户网站: a newer 政务公开 platform whose column
 * pages are empty shells filled in the browser by /js/list.js from a JSON API, and whose articles
 * carry the 信息公开 metadata table (索引号, 发布机构, 生成日期 …) above the body.
 */
import { breadcrumb, closeBar, footer, head, navMenu, page, shareBar, type Link, type SiteInfo } from '../html/chrome.js';
import { escapeHtml, paragraphs } from '../html/text.js';

export const SHANGQIU_SITE: SiteInfo = {
  siteName: '商丘市人民政府门户网站',
  domain: 'www.shangqiu.gov.cn',
  siteCode: '4114000002',
  sponsor: '商丘市人民政府办公室',
  undertaker: '商丘市大数据管理局',
  icp: '豫ICP备05019326号',
  police: '豫公网安备 41140202000118号',
  metaCharset: { style: 'html5', label: 'utf-8' },
  css: ['/css/base.css', '/css/xxgk.css'],
  js: [],
};

export const SHANGQIU_COLUMN = '/zwgk/ndbg/';
export const SHANGQIU_COLUMN_ID = 1095;
export const SHANGQIU_PAGE_SIZE = 8;
export const SHANGQIU_COLUMN_NAME = '政府信息公开年报';

const NAV: Link[] = [
  ['首页', '/'],
  ['商丘概况', '/sqgk/'],
  ['政务公开', '/zwgk/'],
  ['政务服务', '/zwfw/'],
  ['互动交流', '/hdjl/'],
  ['专题专栏', '/ztzl/'],
];

const TREE: Link[] = [
  ['政府信息公开指南', '/zwgk/zfxxgkzn/'],
  ['政府信息公开制度', '/zwgk/zfxxgkzd/'],
  ['法定主动公开内容', '/zwgk/fdzdgknr/'],
  ['依申请公开', '/zwgk/ysqgk/'],
  [SHANGQIU_COLUMN_NAME, `${SHANGQIU_COLUMN}index.html`],
];

const CRUMBS: Link[] = [
  ['首页', '/'],
  ['政务公开', '/zwgk/'],
  [SHANGQIU_COLUMN_NAME, `${SHANGQIU_COLUMN}index.html`],
];

function header(): string {
  return [
    '<div class="top-bar"><div class="w1200"><span class="date" id="today"></span>',
    '<span class="links"><a href="/wza/">无障碍浏览</a> | <a href="/zzms/">长者模式</a> | <a href="/wap/">手机版</a></span></div></div>',
    `<div class="header w1200"><a class="logo" href="/"><img src="/images/logo.png" alt="${SHANGQIU_SITE.siteName}"></a>`,
    '<form class="search" action="/search/" method="get"><input type="text" name="keyword" placeholder="请输入搜索内容"><button type="submit">搜索</button></form></div>',
    navMenu(NAV),
  ].join('\n');
}

function tree(): string {
  const li = TREE.map(([t, h]) => `<li${t === SHANGQIU_COLUMN_NAME ? ' class="active"' : ''}><a href="${h}">${escapeHtml(t)}</a></li>`);
  return `<div class="xxgk-left"><h3>政府信息公开</h3><ul class="tree">\n${li.join('\n')}\n</ul></div>`;
}

/** The column page as served: no list items, no page links; /js/list.js fills both. */
export function shangqiuColumn(): string {
  const h = head(SHANGQIU_SITE, {
    title: `${SHANGQIU_COLUMN_NAME}_${SHANGQIU_SITE.siteName}`,
    keywords: '商丘市,政府信息公开,年度报告',
    description: '商丘市人民政府及市政府部门政府信息公开工作年度报告',
    column: SHANGQIU_COLUMN_NAME,
  });
  const main = [
    '<div class="main w1200">',
    breadcrumb(CRUMBS, '&gt;'),
    tree(),
    '<div class="xxgk-right">',
    `<div class="lm-title"><h2>${SHANGQIU_COLUMN_NAME}</h2></div>`,
    `<ul id="list" class="list" data-column-id="${SHANGQIU_COLUMN_ID}" data-page-size="${SHANGQIU_PAGE_SIZE}"></ul>`,
    '<div id="pager" class="pager"></div>',
    '</div>',
    '</div>',
  ].join('\n');
  const scripts = '<script type="text/javascript" src="/js/common.js"></script>\n<script type="text/javascript" src="/js/list.js"></script>';
  return page(h, [header(), main, footer(SHANGQIU_SITE), scripts]);
}

export function shangqiuHome(): string {
  const h = head(SHANGQIU_SITE, { title: SHANGQIU_SITE.siteName, keywords: '商丘,商丘市人民政府', description: SHANGQIU_SITE.siteName });
  const main = [
    '<div class="main w1200">',
    `<div class="zwgk-box"><h2><a href="/zwgk/">政务公开</a></h2>${navMenu(TREE, 'zwgk-links')}</div>`,
    '</div>',
  ].join('\n');
  return page(h, [header(), main, footer(SHANGQIU_SITE)]);
}

export interface ShangqiuArticle {
  title: string;
  date: string;
  time: string;
  source: string;
  /** 索引号 */
  indexNo: string;
  lines: string[];
}

export function shangqiuArticle(a: ShangqiuArticle): string {
  const h = head(SHANGQIU_SITE, {
    title: `${a.title}_${SHANGQIU_SITE.siteName}`,
    keywords: a.title,
    description: a.title,
    column: SHANGQIU_COLUMN_NAME,
    article: { title: a.title, pubDate: `${a.date} ${a.time.slice(0, 5)}`, source: a.source },
  });
  const meta = [
    '<table class="xxgk-meta" cellspacing="0" cellpadding="0">',
    `<tr><th>索 引 号：</th><td>${escapeHtml(a.indexNo)}</td><th>信息分类：</th><td>${SHANGQIU_COLUMN_NAME}</td></tr>`,
    `<tr><th>发布机构：</th><td>${escapeHtml(a.source)}</td><th>生成日期：</th><td>${a.date}</td></tr>`,
    `<tr><th>名　　称：</th><td colspan="3">${escapeHtml(a.title)}</td></tr>`,
    '<tr><th>文　　号：</th><td></td><th>是否有效：</th><td>是</td></tr>',
    '</table>',
  ].join('\n');
  const article = [
    '<div class="main w1200">',
    breadcrumb(CRUMBS, '&gt;'),
    meta,
    '<div class="article">',
    `<h1 class="article-title">${escapeHtml(a.title)}</h1>`,
    `<div class="article-info"><span>发布时间：${a.date} ${a.time}</span><span>来源：${escapeHtml(a.source)}</span>` +
      '<span>【字体：<a href="javascript:void(0)" onclick="setFont(18)">大</a> <a href="javascript:void(0)" onclick="setFont(16)">中</a> <a href="javascript:void(0)" onclick="setFont(14)">小</a>】</span></div>',
    `<div class="article-content" id="zoom">\n${paragraphs(a.lines, { pAttrs: 'style="text-indent:2em;"' })}\n</div>`,
    shareBar(),
    closeBar(),
    '</div>',
    '</div>',
  ].join('\n');
  return page(h, [header(), article, footer(SHANGQIU_SITE), '<script type="text/javascript" src="/js/common.js"></script>']);
}

/**
 * /js/list.js: plain browser JavaScript (ES5, XMLHttpRequest) that loads one page of the column
 * from the JSON API, renders the list and a pager whose links are javascript:void(0); 下一页 gets
 * class "disabled" on the last page. Clicking replaces the list in place (no navigation).
 */
export const LIST_JS = `/* 栏目列表 v2.3 */
(function () {
  var list = document.getElementById('list');
  var pager = document.getElementById('pager');
  if (!list || !pager) return;
  var columnId = list.getAttribute('data-column-id');
  var size = parseInt(list.getAttribute('data-page-size'), 10) || 10;
  var current = 1;
  var pages = 1;

  function esc(s) {
    return String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  }

  function render(data) {
    current = data.page;
    pages = data.pages;
    var html = '';
    for (var i = 0; i < data.list.length; i++) {
      var it = data.list[i];
      html += '<li><a href="' + esc(it.url) + '" title="' + esc(it.title) + '" target="_blank">' + esc(it.title) + '</a><span>' + esc(it.publishDate) + '</span></li>';
    }
    list.innerHTML = html || '<li class="empty">暂无信息</li>';
    pager.innerHTML =
      '<span class="total">共' + data.total + '条</span>' +
      '<a href="javascript:void(0)" class="first' + (current <= 1 ? ' disabled' : '') + '">首页</a>' +
      '<a href="javascript:void(0)" class="prev' + (current <= 1 ? ' disabled' : '') + '">上一页</a>' +
      '<span class="num">' + current + '/' + pages + '</span>' +
      '<a href="javascript:void(0)" class="next' + (current >= pages ? ' disabled' : '') + '">下一页</a>' +
      '<a href="javascript:void(0)" class="last' + (current >= pages ? ' disabled' : '') + '">尾页</a>';
  }

  function load(page) {
    var xhr = new XMLHttpRequest();
    xhr.open('GET', '/api/article/list?columnId=' + encodeURIComponent(columnId) + '&page=' + page + '&size=' + size, true);
    xhr.onreadystatechange = function () {
      if (xhr.readyState !== 4) return;
      if (xhr.status !== 200) {
        list.innerHTML = '<li class="empty">数据加载失败，请稍后重试</li>';
        return;
      }
      render(JSON.parse(xhr.responseText));
    };
    xhr.send(null);
  }

  pager.onclick = function (e) {
    var t = (e || window.event).target;
    if (!t || t.tagName !== 'A' || /(^|\\s)disabled(\\s|$)/.test(t.className)) return false;
    if (/(^|\\s)next(\\s|$)/.test(t.className)) load(current + 1);
    else if (/(^|\\s)prev(\\s|$)/.test(t.className)) load(current - 1);
    else if (/(^|\\s)first(\\s|$)/.test(t.className)) load(1);
    else if (/(^|\\s)last(\\s|$)/.test(t.className)) load(pages);
    return false;
  };

  load(1);
})();
`;

/** /js/common.js: the date in the top bar and the font switch every article page calls. */
export const COMMON_JS = `(function () {
  var d = new Date(), el = document.getElementById('today');
  var w = ['日', '一', '二', '三', '四', '五', '六'];
  if (el) el.innerHTML = d.getFullYear() + '年' + (d.getMonth() + 1) + '月' + d.getDate() + '日 星期' + w[d.getDay()];
})();
function setFont(px) { var z = document.getElementById('zoom'); if (z) z.style.fontSize = px + 'px'; }
`;
