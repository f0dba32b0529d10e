/**
 * Page templates of the simulated 濮阳市人民政府门户网站: a script-built report column that is
 * genuinely empty. /js/content-list.js asks /api/content/list and, as the answer has no items,
 * writes 暂无信息. Eleven `<script src>` on the column page; two loaded ones are gone (404).
 */
import type { Link } from '../html/chrome.js';
import { JQUERY_JS, LAYER_JS, LAYPAGE_JS, SHARE_JS, TONGJI_JS, type ScriptTag } from '../html/scripts.js';
import { scriptedSite, type ScriptedLayout } from './scripted-pages.js';
import { COMMON_JS } from './shangqiu-pages.js';

export const PUYANG_COLUMN = '/zwgk/zfxxgknb/';
export const PUYANG_CAT_ID = 88;
export const PUYANG_API = '/api/content/list';

const NAV: Link[] = [
  ['首页', '/'],
  ['政务公开', '/zwgk/'],
  ['办事服务', '/bsfw/'],
  ['互动交流', '/hdjl/'],
  ['数据开放', '/sjkf/'],
];

/** /js/content-list.js: GET ?catId=…&page=1 → {total, list:[{title, url, date}]}; 暂无信息 when empty. */
export const CONTENT_LIST_JS = `/* 信息列表 */
$(function () {
  var box = $('#infoList');
  if (!box.length) return;
  var catId = box.attr('data-cat');
  function load(page) {
    $.ajax({
      url: '${PUYANG_API}',
      data: { catId: catId, page: page },
      dataType: 'json',
      success: function (d) {
        var list = d.list || [], html = '';
        for (var i = 0; i < list.length; i++) html += '<li><a href="' + list[i].url + '" target="_blank">' + list[i].title + '</a><span>' + list[i].date + '</span></li>';
        box.html(html || '<li class="no-data">暂无信息</li>');
        if (d.total > 0) laypage.render({ elem: 'pageBar', count: d.total, limit: 15, curr: page, jump: function (o, first) { if (!first) load(o.curr); } });
      },
      error: function () { box.html('<li class="no-data">数据加载失败</li>'); }
    });
  }
  load(1);
});
`;

const SCRIPTS: ScriptTag[] = [
  { src: '/js/jquery-1.9.1.min.js', at: 'head', code: JQUERY_JS },
  { src: '/js/layer/layer.js', at: 'head', code: LAYER_JS },
  { src: '/js/laypage/laypage.js', at: 'head', code: LAYPAGE_JS, columnOnly: true },
  { src: '/js/html5shiv.min.js', at: 'ie' },
  { src: '/js/respond.min.js', at: 'ie' },
  { src: '/js/common.js', at: 'end', code: COMMON_JS },
  { src: '/js/fontsize.js', at: 'end' },
  { src: '/js/share.js', at: 'end', code: SHARE_JS },
  { src: '/wza/aria.js?appid=4109000008', at: 'end' },
  { src: '/tongji/ta.js', at: 'end', code: TONGJI_JS },
  { src: '/js/content-list.js', at: 'end', code: CONTENT_LIST_JS, columnOnly: true },
];

export const PUYANG_LAYOUT: ScriptedLayout = {
  site: scriptedSite(
    {
      siteName: '濮阳市人民政府门户网站',
      domain: 'www.puyang.gov.cn',
      siteCode: '4109000008',
      sponsor: '濮阳市人民政府办公室',
      undertaker: '濮阳市行政服务中心',
      icp: '豫ICP备05019884号',
      police: '豫公网安备 41090202000021号',
    },
    ['/css/index.css', '/css/zwgk.css'],
  ),
  nav: NAV,
  tree: [
    ['政府信息公开指南', '/zwgk/zfxxgkzn/'],
    ['政府信息公开制度', '/zwgk/zfxxgkzd/'],
    ['法定主动公开内容', '/zwgk/fdzdgknr/'],
    ['政府信息公开年报', `${PUYANG_COLUMN}index.html`],
  ],
  scripts: SCRIPTS,
  headInline: "var _maq = _maq || [];\n_maq.push(['_setAccount', 'puyang']);",
  endInline: "if (window.jQuery && jQuery.fn.slide) jQuery('.slideBox').slide({ mainCell: '.bd ul', autoPlay: true, interTime: 4000 });",
  welcome: '欢迎访问濮阳市人民政府门户网站',
  address: '地址：濮阳市华龙区开州路市行政中心　邮编：457000',
};

export const PUYANG_LIST_BLOCK = [`<ul id="infoList" class="info-list" data-cat="${PUYANG_CAT_ID}"></ul>`, '<div id="pageBar" class="page-bar"></div>'].join('\n');
