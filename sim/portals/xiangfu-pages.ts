/** Page templates of the simulated 开封市祥符区人民政府 portal (Hanweb JCMS, gb2312 label, GB18030 bytes). */
import { breadcrumb, footer, head, page, type Link, type SiteInfo } from '../html/chrome.js';
import { hanwebColumnBlock, hanwebContent, type HanwebColumn, type HanwebRecord } from '../html/hanweb.js';
import { escapeHtml } from '../html/text.js';

export const XIANGFU_SITE: SiteInfo = {
  siteName: '开封市祥符区人民政府',
  domain: 'www.xiangfu.gov.cn',
  siteCode: '4102120001',
  sponsor: '开封市祥符区人民政府办公室',
  undertaker: '开封市祥符区电子政务中心',
  icp: '豫ICP备14004567号-1',
  police: '豫公网安备 41021202000012号',
  metaCharset: { style: 'html5', label: 'gb2312' },
  css: ['/images/jcms_files/jcms_style.css', '/script/style.css'],
  js: ['/module/jslib/jquery/jquery.js', '/script/common.js'],
};

const TOP_NAV = [
  '<div class="top"><div class="top-links">',
  '<a href="/col/col1/index.html">区人大</a>',
  '<a href="/col/col2/index.html">区政府</a>',
  '<a href="/module/rss/rss.jsp">RSS订阅</a>',
  '<a href="/col/col3/index.html">区政协</a>',
  '<a href="/col/col4/index.html">区委</a>',
  '</div><div class="logo"><img src="/images/logo.png" alt="开封市祥符区人民政府"></div>',
  '<div class="menu"><a href="/">首页</a><a href="/col/col10/index.html">走进祥符</a><a href="/col/col11/index.html">政务公开</a><a href="/col/col12/index.html">政务服务</a><a href="/col/col13/index.html">互动交流</a></div>',
  '</div>',
].join('\n');

export function xiangfuColumn(col: HanwebColumn, columnName: string, first: HanwebRecord[]): string {
  const h = head(XIANGFU_SITE, {
    title: `${columnName} 开封市祥符区人民政府`,
    keywords: '祥符区,政府信息公开,年度报告',
    description: `开封市祥符区人民政府${columnName}`,
    column: columnName,
  });
  const crumbs: Link[] = [['首页', '/'], ['政务公开', '/col/col11/index.html'], [columnName, `/col/col${col.columnId}/index.html`]];
  const main = [
    '<table class="main" width="1000" align="center"><tr>',
    '<td class="left" width="240" valign="top"><div class="lm">政务公开</div><ul><li><a href="/col/col120/index.html">政府信息公开指南</a></li>' +
      `<li><a href="/col/col121/index.html">政府信息公开目录</a></li><li class="on"><a href="/col/col${col.columnId}/index.html">${columnName}</a></li></ul></td>`,
    '<td class="right" valign="top">',
    breadcrumb(crumbs, '&gt;', '当前位置：'),
    `<div class="lm-name">${escapeHtml(columnName)}</div>`,
    hanwebColumnBlock(col, first),
    '</td></tr></table>',
  ].join('\n');
  return page(h, [TOP_NAV, main, footer(XIANGFU_SITE)]);
}

export interface XiangfuArticle {
  title: string;
  date: string;
  author: string;
  hits: number;
  lines: string[];
  columnId: number;
  columnName: string;
  sidebar: { hot: Link[]; latest: Link[] };
}

export function xiangfuArticle(a: XiangfuArticle): string {
  const h = head(XIANGFU_SITE, {
    title: `${a.title} 开封市祥符区人民政府`,
    keywords: a.title,
    description: a.title,
    column: a.columnName,
    article: { title: a.title, pubDate: a.date, source: '' },
  });
  const list = (label: string, links: Link[]): string =>
    `<div class="box"><div class="box-title">${label}</div><ul>${links
      .map(([t, href]) => `<li><a href="${href}" title="${escapeHtml(t)}">${escapeHtml(t)}</a></li>`)
      .join('')}</ul></div>`;
  const main = [
    '<table class="main" width="1000" align="center"><tr><td valign="top">',
    '<div class="position">当前位置:<a href="/">首页</a> &gt; <a href="/col/col11/index.html">政务公开</a> &gt; ' +
      `<a href="/col/col${a.columnId}/index.html">${escapeHtml(a.columnName)}</a></div>`,
    '<table width="100%" class="article"><tr>',
    `<td class="title" align="center">${escapeHtml(a.title)}</td></tr>`,
    `<tr><td class="info" align="center">来源: | 作者:${a.author} | 发布时间: ${a.date} | ${a.hits} 次浏览 | 分享到:<a class="bds_weixin" href="javascript:void(0)"></a><a class="bds_tsina" href="javascript:void(0)"></a></td></tr>`,
    `<tr><td class="bt_content">\n${hanwebContent(a.lines)}\n</td></tr>`,
    '<tr><td align="right">【<a href="javascript:window.print()">打印本页</a>】【<a href="javascript:window.close()">关闭窗口</a>】</td></tr>',
    '</table></td>',
    `<td class="side" width="260" valign="top">${list('热点排行', a.sidebar.hot)}<div class="box"><div class="box-title">图片新闻</div>` +
      `<img src="/images/logo.png" alt=""></div>${list('最新新闻', a.sidebar.latest)}</td>`,
    '</tr></table>',
  ].join('\n');
  return page(h, [TOP_NAV, main, footer(XIANGFU_SITE)]);
}
