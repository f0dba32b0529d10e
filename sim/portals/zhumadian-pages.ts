/**
 * Page templates of the simulated 驻马店市人民政府门户网站: the report column is a shell whose
 * /js/list/jsonpList.js asks /interface/getList.jsp by JSONP (a `<script>` added to <head>, random
 * callback name, `_` cache-buster, the page going in as a record offset) and draws a laypage pager
 * of numbered javascript:; links. Ten `<script src>` on the column page; two loaded ones are gone.
 */
import type { Link } from '../html/chrome.js';
import { COOKIE_JS, FONTSIZE_JS, JQUERY_JS, LAYPAGE_JS, type ScriptTag } from '../html/scripts.js';
import { scriptedSite, type ScriptedLayout } from './scripted-pages.js';
import { COMMON_JS } from './shangqiu-pages.js';

export const ZHUMADIAN_COLUMN = '/xxgk/ndbg/';
export const ZHUMADIAN_COLUMN_ID = 376;
export const ZHUMADIAN_PAGE_SIZE = 10;
export const ZHUMADIAN_API = '/interface/getList.jsp';

const NAV: Link[] = [
  ['网站首页', '/'],
  ['政务公开', '/zwgk/'],
  ['政务服务', '/zwfw/'],
  ['互动交流', '/hdjl/'],
  ['魅力驻马店', '/mlzmd/'],
];

/**
 * /js/list/jsonpList.js: one JSONP call per page,
 * getList.jsp?callback=jsonp_<random>&columnId=…&start=<(page-1)*limit>&limit=…&_=<now>, answered
 * jsonp_…({totalCount, rows:[{TITLE, LINK, PUBDATE}]}); laypage redraws the pager on every page.
 */
export const JSONP_LIST_JS = `/* 栏目列表（JSONP） */
(function (window, document) {
  var list = document.getElementById('newsList');
  if (!list) return;
  var columnId = list.getAttribute('data-column');
  var limit = parseInt(list.getAttribute('data-limit'), 10) || 10;
  function esc(s) {
    return String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  }
  function jsonp(url, done) {
    var name = 'jsonp_' + Math.floor(Math.random() * 1e10);
    var s = document.createElement('script');
    window[name] = function (data) {
      window[name] = undefined;
      if (s.parentNode) s.parentNode.removeChild(s);
      done(data);
    };
    s.onerror = function () { list.innerHTML = '<li class="empty">数据加载失败</li>'; };
    s.src = url.replace('{callback}', name);
    document.getElementsByTagName('head')[0].appendChild(s);
  }
  function load(page) {
    var url = '${ZHUMADIAN_API}?callback={callback}&columnId=' + columnId + '&start=' + (page - 1) * limit + '&limit=' + limit + '&_=' + new Date().getTime();
    jsonp(url, function (data) {
      var html = '';
      for (var i = 0; i < data.rows.length; i++) {
        var r = data.rows[i];
        html += '<li><span class="date">' + esc(r.PUBDATE) + '</span><a href="' + esc(r.LINK) + '" target="_blank" title="' + esc(r.TITLE) + '">' + esc(r.TITLE) + '</a></li>';
      }
      list.innerHTML = html || '<li class="empty">暂无信息</li>';
      laypage.render({ elem: 'pageBar', count: data.totalCount, limit: limit, curr: page, jump: function (obj, first) { if (!first) load(obj.curr); } });
    });
  }
  load(1);
})(window, document);
`;

const SCRIPTS: ScriptTag[] = [
  { src: '/js/jquery.min.js?v=1.12.4', at: 'head', code: JQUERY_JS },
  { src: '/js/laypage/laypage.js', at: 'head', code: LAYPAGE_JS, columnOnly: true },
  { src: '/js/html5shiv.js', at: 'ie' },
  { src: '/js/respond.js', at: 'ie' },
  { src: '/js/jquery.cookie.js', at: 'end', code: COOKIE_JS },
  { src: '/js/common.js', at: 'end', code: COMMON_JS },
  { src: '/js/fontsize.js', at: 'end', code: FONTSIZE_JS },
  { src: '/js/share/share.js?v=2', at: 'end' },
  { src: '/tongji/ta.js', at: 'end' },
  { src: '/js/list/jsonpList.js', at: 'end', code: JSONP_LIST_JS, columnOnly: true },
];

export const ZHUMADIAN_LAYOUT: ScriptedLayout = {
  site: scriptedSite(
    {
      siteName: '驻马店市人民政府门户网站',
      domain: 'www.zhumadian.gov.cn',
      siteCode: '4117000012',
      sponsor: '驻马店市人民政府办公室',
      undertaker: '驻马店市政务服务和大数据管理局',
      icp: '豫ICP备05006785号',
      police: '豫公网安备 41170202000045号',
    },
    ['/css/style.css', '/css/list.css'],
  ),
  nav: NAV,
  tree: [
    ['政府信息公开指南', '/xxgk/xxgkzn/'],
    ['政府信息公开制度', '/xxgk/xxgkzd/'],
    ['法定主动公开内容', '/xxgk/fdzdgk/'],
    ['依申请公开', '/xxgk/ysqgk/'],
    ['政府信息公开年度报告', `${ZHUMADIAN_COLUMN}index.html`],
  ],
  scripts: SCRIPTS,
  headInline: "var _maq = _maq || [];\n_maq.push(['_setAccount', 'zhumadian']);\nvar SITE_ROOT = '/';",
  endInline: "(function () { var y = document.getElementById('year'); if (y) y.innerHTML = new Date().getFullYear(); })();",
  welcome: '您好，欢迎来到驻马店市人民政府门户网站！',
  address: '地址：驻马店市驿城区天中山大道行政中心　邮编：463000',
};

/** Empty list and pager; the column id and page size ride on data attributes. */
export const ZHUMADIAN_LIST_BLOCK = [
  '<div class="list-box">',
  `<ul id="newsList" class="news-list" data-column="${ZHUMADIAN_COLUMN_ID}" data-limit="${ZHUMADIAN_PAGE_SIZE}"></ul>`,
  '<div id="pageBar" class="pagination"></div>',
  '</div>',
].join('\n');
