/**
 * Page templates of the simulated 洛阳市人民政府门户网站 (Hanweb-style paths): the report column is a
 * UTF-8 shell whose inline script GETs an HTML fragment of `<li>` rows, GBK-encoded, from
 * /module/web/list/fragment.jsp and puts it into #list as it is; the pager is drawn from the
 * fragment's hidden page-info row. Ten `<script src>` on the column page; three loaded ones are gone.
 */
import type { Link } from '../html/chrome.js';
import { COOKIE_JS, FONTSIZE_JS, JQUERY_JS, LAYER_JS, TONGJI_JS, type ScriptTag } from '../html/scripts.js';
import { escapeHtml } from '../html/text.js';
import { scriptedSite, type ScriptedLayout } from './scripted-pages.js';
import { COMMON_JS } from './shangqiu-pages.js';

export const LUOYANG_COLUMN_ID = 1193;
export const LUOYANG_PAGE_SIZE = 10;
export const LUOYANG_API = '/module/web/list/fragment.jsp';
/** Link text is cut after this many characters (the full title stays in title=). */
export const LUOYANG_TITLE_CHARS = 20;

const NAV: Link[] = [
  ['首页', '/'],
  ['新闻中心', '/col/col1100/index.html'],
  ['政务公开', '/zwgk/'],
  ['政务服务', '/col/col1300/index.html'],
  ['政民互动', '/col/col1400/index.html'],
];

/** One fragment row as the JSP writes it: cut text, full title in title=, the date in a span. */
export function fragmentRow(href: string, title: string, date: string): string {
  const chars = [...title];
  const text = chars.length > LUOYANG_TITLE_CHARS ? `${chars.slice(0, LUOYANG_TITLE_CHARS).join('')}…` : title;
  return `<li><a href="${href}" target="_blank" title="${escapeHtml(title)}">${escapeHtml(text)}</a><span>${date}</span></li>`;
}

/** The row after the items: no link, hidden, carrying the totals the pager needs. */
export function fragmentPageInfo(total: number, pages: number): string {
  return `<li class="pageinfo" style="display:none" data-total="${total}" data-pages="${pages}"></li>`;
}

/** Inline list script: XMLHttpRequest, the fragment as innerHTML, 首页/上一页/下一页/尾页 via onclick. */
const LIST_INLINE = `<script type="text/javascript">
var colid = ${LUOYANG_COLUMN_ID}, pageIndex = 1, totalPage = 1, totalRecord = 0;
function loadList(n) {
  var xhr = new XMLHttpRequest();
  xhr.open('GET', '${LUOYANG_API}?colid=' + colid + '&pageIndex=' + n, true);
  xhr.onreadystatechange = function () {
    if (xhr.readyState != 4) return;
    var list = document.getElementById('list');
    if (xhr.status != 200) { list.innerHTML = '<li>数据加载失败</li>'; return; }
    list.innerHTML = xhr.responseText;
    var info = list.querySelector('li.pageinfo');
    totalRecord = info ? parseInt(info.getAttribute('data-total'), 10) : 0;
    totalPage = info ? parseInt(info.getAttribute('data-pages'), 10) : 1;
    pageIndex = n;
    writePager();
  };
  xhr.send(null);
}
function writePager() {
  function a(n, text) { return '<a href="javascript:void(0);" onclick="loadList(' + n + ')">' + text + '</a>'; }
  var s = '<span class="count">共' + totalRecord + '条 第' + pageIndex + '/' + totalPage + '页</span>';
  s += pageIndex > 1 ? a(1, '首页') + a(pageIndex - 1, '上一页') : '<span>首页</span><span>上一页</span>';
  s += pageIndex < totalPage ? a(pageIndex + 1, '下一页') + a(totalPage, '尾页') : '<span>下一页</span><span>尾页</span>';
  document.getElementById('pager').innerHTML = s;
}
loadList(1);
</script>`;

const SCRIPTS: ScriptTag[] = [
  { src: '/js/jquery-1.7.2.min.js', at: 'head', code: JQUERY_JS },
  { src: '/js/jquery.SuperSlide.2.1.1.js', at: 'head' },
  { src: '/js/html5shiv.min.js', at: 'ie' },
  { src: '/js/common.js', at: 'end', code: COMMON_JS },
  { src: '/js/jquery.cookie.js', at: 'end', code: COOKIE_JS },
  { src: '/js/fontsize.js', at: 'end', code: FONTSIZE_JS },
  { src: '/js/share.js', at: 'end' },
  { src: '/js/layer/layer.js', at: 'end', code: LAYER_JS },
  { src: '/wza/aria.js?appid=4103000039', at: 'end' },
  { src: '/tongji/ta.js', at: 'end', code: TONGJI_JS },
];

export const LUOYANG_LAYOUT: ScriptedLayout = {
  site: scriptedSite(
    {
      siteName: '洛阳市人民政府门户网站',
      domain: 'www.ly.gov.cn',
      siteCode: '4103000039',
      sponsor: '洛阳市人民政府办公室',
      undertaker: '洛阳市大数据局',
      icp: '豫ICP备05008553号',
      police: '豫公网安备 41030202000064号',
    },
    ['/css/base.css', '/css/column.css'],
  ),
  nav: NAV,
  tree: [
    ['政府信息公开指南', '/col/col1188/index.html'],
    ['政府信息公开制度', '/col/col1189/index.html'],
    ['法定主动公开内容', '/col/col1190/index.html'],
    ['依申请公开', '/col/col1191/index.html'],
    ['政府信息公开年报', `/col/col${LUOYANG_COLUMN_ID}/index.html`],
  ],
  scripts: SCRIPTS,
  headInline: "var _maq = _maq || [];\n_maq.push(['_setAccount', 'luoyang']);",
  endInline: "if (window.jQuery && jQuery.fn.slide) jQuery('.slideBox').slide({ mainCell: '.bd ul', effect: 'leftLoop' });",
  welcome: '欢迎访问洛阳市人民政府门户网站',
  address: '地址：洛阳市洛龙区开元大道218号　邮编：471000',
  indexPrefix: '114103000055370101',
};

export const LUOYANG_LIST_BLOCK = ['<ul id="list" class="list"></ul>', '<div id="pager" class="pager"></div>', LIST_INLINE].join('\n');
