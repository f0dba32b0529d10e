/**
 * Page templates of the simulated 南阳市人民政府门户网站: the report column is a shell whose
 * /js/xxgk/docList.js POSTs a form to /common/search/docList and draws the list and a
 * 上一页/下一页 pager of javascript:; links from the JSON answer (through the jQuery and layer
 * stand-ins). Twelve `<script src>` on the column page; two of the loaded ones are gone (404).
 */
import type { Link } from '../html/chrome.js';
import { COOKIE_JS, FONTSIZE_JS, JQUERY_JS, LAYER_JS, SHARE_JS, TONGJI_JS, type ScriptTag } from '../html/scripts.js';
import { scriptedSite, type ScriptedLayout } from './scripted-pages.js';
import { COMMON_JS } from './shangqiu-pages.js';

export const NANYANG_COLUMN = '/zfxxgk/gknb/';
export const NANYANG_CHANNEL_ID = 5721;
export const NANYANG_PAGE_SIZE = 10;
export const NANYANG_API = '/common/search/docList';

const NAV: Link[] = [
  ['首页', '/'],
  ['走进南阳', '/zjny/'],
  ['政务公开', '/zwgk/'],
  ['政务服务', '/zwfw/'],
  ['政民互动', '/zmhd/'],
];

/**
 * /js/xxgk/docList.js: POST channelId, pageNo, pageSize (form-encoded by $.ajax); the answer is
 * {code, msg, data: {total, pageNo, pageSize, totalPage, records: [{docTitle, docPubUrl, docRelTime}]}}.
 * 下一页 stays a link on the last page: clicking it only shows a layer.msg toast.
 */
export const DOCLIST_JS = `/* 信息公开 栏目文档列表 */
$(function () {
  var box = $('#docList'), pager = $('#docPager');
  if (!box.length) return;
  var pageSize = ${NANYANG_PAGE_SIZE}, pageNo = 1, totalPage = 1;
  function esc(s) {
    return String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  }
  function show(data) {
    var recs = data.records || [], html = '';
    for (var i = 0; i < recs.length; i++) {
      var r = recs[i];
      html += '<li><a href="' + esc(r.docPubUrl) + '" target="_blank" title="' + esc(r.docTitle) + '">' + esc(r.docTitle) + '</a><span class="date">' + esc(String(r.docRelTime).substring(0, 10)) + '</span></li>';
    }
    box.html(html || '<li class="nodata">暂无数据</li>');
    totalPage = Math.max(1, Math.ceil(data.total / pageSize));
    pager.html('<span class="total">共' + data.total + '条</span><a href="javascript:;" class="prev">上一页</a><span class="cur">' + pageNo + '/' + totalPage + '</span><a href="javascript:;" class="next">下一页</a>');
  }
  function load(n) {
    var mask = layer.load();
    $.ajax({
      type: 'POST',
      url: '${NANYANG_API}',
      data: { channelId: window.CHANNEL_ID, pageNo: n, pageSize: pageSize },
      dataType: 'json',
      success: function (res) {
        layer.close(mask);
        if (res.code !== 200 || !res.data) { box.html('<li class="nodata">' + esc(res.msg) + '</li>'); return; }
        pageNo = res.data.pageNo;
        show(res.data);
      },
      error: function () {
        layer.close(mask);
        box.html('<li class="nodata">数据加载失败，请刷新重试</li>');
      }
    });
  }
  pager.on('click', 'a', function () {
    if (/next/.test(this.className)) {
      if (pageNo >= totalPage) layer.msg('已经是最后一页了');
      else load(pageNo + 1);
    } else if (/prev/.test(this.className)) {
      if (pageNo <= 1) layer.msg('已经是第一页了');
      else load(pageNo - 1);
    }
    return false;
  });
  load(1);
});
`;

const SCRIPTS: ScriptTag[] = [
  { src: '/js/jquery-1.11.3.min.js', at: 'head', code: JQUERY_JS },
  { src: '/js/jquery.cookie.js', at: 'head', code: COOKIE_JS },
  { src: '/js/layer/layer.js', at: 'head', code: LAYER_JS },
  { src: '/js/html5shiv.min.js', at: 'ie' },
  { src: '/js/respond.min.js', at: 'ie' },
  { src: '/js/common.js?v=20230615', at: 'end', code: COMMON_JS },
  { src: '/js/jquery.SuperSlide.2.1.1.js', at: 'end' },
  { src: '/js/fontsize.js', at: 'end', code: FONTSIZE_JS },
  { src: '/js/share.js', at: 'end', code: SHARE_JS },
  { src: '/wza/aria.js?appid=4113000001', at: 'end' },
  { src: '/tongji/ta.js', at: 'end', code: TONGJI_JS },
  { src: '/js/xxgk/docList.js', at: 'end', code: DOCLIST_JS, columnOnly: true },
];

export const NANYANG_LAYOUT: ScriptedLayout = {
  site: scriptedSite(
    {
      siteName: '南阳市人民政府门户网站',
      domain: 'www.nanyang.gov.cn',
      siteCode: '4113000001',
      sponsor: '南阳市人民政府办公室',
      undertaker: '南阳市大数据局',
      icp: '豫ICP备05017302号',
      police: '豫公网安备 41130202000102号',
    },
    ['/css/common.css', '/css/xxgk.css'],
  ),
  nav: NAV,
  tree: [
    ['政府信息公开指南', '/zfxxgk/gkzn/'],
    ['政府信息公开制度', '/zfxxgk/gkzd/'],
    ['法定主动公开内容', '/zfxxgk/fdzdgknr/'],
    ['政府信息公开年报', `${NANYANG_COLUMN}index.html`],
  ],
  scripts: SCRIPTS,
  headInline: "var _maq = _maq || [];\n_maq.push(['_setAccount', 'nanyang']);",
  endInline: "if (window.jQuery && jQuery.fn.slide) jQuery('.slideBox').slide({ mainCell: '.bd ul', autoPlay: true });",
  welcome: '欢迎访问南阳市人民政府门户网站',
  address: '地址：南阳市卧龙区张衡路1号　邮编：473000',
  indexPrefix: '11411300005747069Q',
};

/** Empty list and pager; the channel id is set inline for docList.js. */
export const NANYANG_LIST_BLOCK = [
  '<ul id="docList" class="doc-list"></ul>',
  '<div id="docPager" class="page"></div>',
  `<script type="text/javascript">var CHANNEL_ID = '${NANYANG_CHANNEL_ID}';</script>`,
].join('\n');
