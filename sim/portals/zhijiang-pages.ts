/**
 * Page templates of the simulated 枝江市人民政府门户网站 (TRS-like 政府信息公开 platform, UTF-8,
 * `.shtml` pages, static 首页/上一页/下一页/尾页 pager). Article pages render the text slots of
 * ZhijiangArticleParts, so a hijacked page and its clean original come from the same template and
 * differ only where the hijack labels say (zhijiang.ts).
 */
import { breadcrumb, closeBar, footer, head, page, shareBar, type Link, type SiteInfo } from '../html/chrome.js';
import { escapeHtml } from '../html/text.js';
import { trsEditor, trsList, type ListItem } from '../html/trs.js';

export const ZHIJIANG_SITE: SiteInfo = {
  siteName: '枝江市人民政府门户网站',
  domain: 'www.zgzhijiang.gov.cn',
  siteCode: '4205830001',
  sponsor: '枝江市人民政府办公室',
  undertaker: '枝江市政务服务和大数据管理局',
  icp: '鄂ICP备05003286号',
  police: '鄂公网安备 42058302000112号',
  metaCharset: { style: 'html5', label: 'utf-8' },
  css: ['/css/zj_base.css', '/css/zj_xxgk.css'],
  js: ['/js/jquery-1.11.3.min.js', '/js/zj_common.js'],
};

export const ZHIJIANG_COLUMN = '/xxgk/xxgkndbg/';
export const ZHIJIANG_COLUMN_NAME = '政府信息公开年报';
/** Listing pages: index.shtml, index_1.shtml, … */
export const zhijiangPageName = (i: number): string => (i === 0 ? 'index.shtml' : `index_${i}.shtml`);

/** The navigation bar's labels, in order (a hijack may rewrite them); hrefs stay the site's own. */
export const ZHIJIANG_NAV: readonly string[] = ['首页', '市委', '市政府', '市人大', '市政协', '政务公开', '政务服务', '互动交流', '走进枝江'];
const NAV_HREF = ['/', '/swzx/', '/zfxx/', '/srdzx/', '/szxzx/', '/xxgk/', '/zwfw/', '/hdjl/', '/zjzj/'];

/** 相关链接 under an article: labels (a hijack may rewrite them) and loopback hrefs. */
export const ZHIJIANG_LINKS: readonly string[] = ['中共枝江市委', '枝江市人民政府', '宜昌市人民政府', '湖北省人民政府', '中国政府网'];
const LINK_HREF = ['/yqlj/zgzjsw.shtml', '/', '/yqlj/ycsrmzf.shtml', '/yqlj/hbsrmzf.shtml', '/yqlj/zgzfw.shtml'];

/** The 信息公开 platform's column tree beside listings. */
const TREE: Link[] = [
  ['政府信息公开指南', '/xxgk/xxgkzn/index.shtml'],
  ['政府信息公开制度', '/xxgk/xxgkzd/index.shtml'],
  ['法定主动公开内容', '/xxgk/fdzdgknr/index.shtml'],
  ['政府信息公开年报', `${ZHIJIANG_COLUMN}index.shtml`],
];

/** The text slots of a page the hijack may rewrite. */
export interface ZhijiangChrome {
  /** <title> */
  docTitle: string;
  nav: string[];
  links: string[];
  /** Footer 主办单位. */
  sponsor: string;
}

export interface ZhijiangArticleParts extends ZhijiangChrome {
  heading: string;
  /** 标题 row of the 信息公开 table. */
  metaTitle: string;
  /** 发文机关 row of the 信息公开 table. */
  metaIssuer: string;
  /** 来源 value of the info line. */
  source: string;
  lines: string[];
}

function header(nav: readonly string[]): string {
  const li = nav.map((t, i) => `<li${i === 0 ? ' class="on"' : ''}><a href="${NAV_HREF[i]}">${escapeHtml(t)}</a></li>`);
  return [
    '<div class="topbar"><div class="w1200"><span class="welcome">欢迎访问枝江市人民政府门户网站</span>',
    '<span class="tools"><a href="/wza/">无障碍浏览</a> | <a href="/zzms/">长者模式</a> | <a href="/wap/">手机版</a> | <a href="/rss/">RSS</a></span></div></div>',
    `<div class="header w1200"><a class="logo" href="/"><img src="/images/logo.png" alt="${escapeHtml(ZHIJIANG_SITE.siteName)}"></a>`,
    '<form class="search" action="/search/" method="get" target="_blank"><input type="text" name="keyword" placeholder="请输入关键字"><input type="submit" value="搜索"></form></div>',
    `<div class="nav"><div class="w1200"><ul>\n${li.join('\n')}\n</ul></div></div>`,
  ].join('\n');
}

function shell(c: ZhijiangChrome, meta: { keywords: string; description: string; column?: string; article?: { title: string; pubDate: string; source: string } }, main: string): string {
  const h = head(ZHIJIANG_SITE, { title: c.docTitle, ...meta });
  return page(h, [header(c.nav), main, footer({ ...ZHIJIANG_SITE, sponsor: c.sponsor }, ['<p>地址：湖北省枝江市马家店街道团结路2号　邮编：443200　联系电话：0717-4212345</p>'])]);
}

const crumbs = (): Link[] => [['首页', '/'], ['政务公开', '/xxgk/'], [ZHIJIANG_COLUMN_NAME, `${ZHIJIANG_COLUMN}index.shtml`]];

function tree(): string {
  const li = TREE.map(([t, h]) => `<li${t === ZHIJIANG_COLUMN_NAME ? ' class="cur"' : ''}><a href="${h}">${escapeHtml(t)}</a></li>`);
  return `<div class="xxgk-left"><h3>政府信息公开</h3><ul>\n${li.join('\n')}\n</ul></div>`;
}

/** Static pager: 共N条 i/n页 首页 上一页 下一页 尾页 (plain spans where there is nowhere to go). */
function pager(total: number, pageCount: number, current: number): string {
  const link = (i: number, text: string, on: boolean) => (on ? `<a href="${zhijiangPageName(i)}">${text}</a>` : `<span class="disabled">${text}</span>`);
  return (
    `<div class="pagination">共${total}条记录 ${current + 1}/${pageCount}页 ` +
    `${link(0, '首页', current > 0)} ${link(current - 1, '上一页', current > 0)} ` +
    `${link(current + 1, '下一页', current < pageCount - 1)} ${link(pageCount - 1, '尾页', current < pageCount - 1)}</div>`
  );
}

export function zhijiangListing(c: ZhijiangChrome, items: ListItem[], total: number, pageCount: number, current: number): string {
  const main = [
    '<div class="main w1200">',
    breadcrumb(crumbs(), '&gt;', '您当前的位置：'),
    tree(),
    `<div class="xxgk-right"><div class="lm-title"><h2>${ZHIJIANG_COLUMN_NAME}</h2></div>`,
    trsList(items),
    pager(total, pageCount, current),
    '</div>',
    '</div>',
  ].join('\n');
  return shell(c, { keywords: '枝江,政府信息公开,年度报告', description: '枝江市人民政府及市直部门政府信息公开工作年度报告', column: ZHIJIANG_COLUMN_NAME }, main);
}

export function zhijiangHome(c: ZhijiangChrome): string {
  const main = [
    '<div class="main w1200">',
    '<div class="banner"><img src="/images/banner.jpg" alt="魅力枝江"></div>',
    `<div class="box"><div class="box-title"><h2><a href="/xxgk/">政府信息公开</a></h2></div><ul>${TREE.map(([t, h]) => `<li><a href="${h}">${t}</a></li>`).join('')}</ul></div>`,
    '</div>',
  ].join('\n');
  return shell(c, { keywords: '枝江,枝江市人民政府', description: ZHIJIANG_SITE.siteName }, main);
}

export interface ZhijiangArticleMeta {
  date: string;
  time: string;
  /** 成文日期 */
  written: string;
  articleId: number;
  hits: number;
}

export function zhijiangArticle(p: ZhijiangArticleParts, m: ZhijiangArticleMeta): string {
  const index = `011250583/${m.date.slice(0, 4)}-${String(m.articleId % 100000).padStart(5, '0')}`;
  const main = [
    '<div class="main w1200">',
    breadcrumb(crumbs(), '&gt;', '您当前的位置：'),
    '<table class="xxgk-info" cellspacing="0" cellpadding="0">',
    `<tr><th>索&nbsp;引&nbsp;号：</th><td>${index}</td><th>主题分类：</th><td>综合政务/政务公开</td></tr>`,
    `<tr><th>发文机关：</th><td>${escapeHtml(p.metaIssuer)}</td><th>成文日期：</th><td>${m.written}</td></tr>`,
    `<tr><th>标　　题：</th><td colspan="3">${escapeHtml(p.metaTitle)}</td></tr>`,
    `<tr><th>发文字号：</th><td></td><th>发布日期：</th><td>${m.date}</td></tr>`,
    '</table>',
    '<div class="article">',
    `<h1 class="article-title">${escapeHtml(p.heading)}</h1>`,
    `<div class="article-info"><span>发布时间：${m.date} ${m.time}</span>　<span>来源：${escapeHtml(p.source)}</span>　<span>浏览次数：${m.hits}</span>` +
      '　<span>【字体：<a href="javascript:void(0)" onclick="doZoom(18)">大</a> <a href="javascript:void(0)" onclick="doZoom(16)">中</a> <a href="javascript:void(0)" onclick="doZoom(14)">小</a>】</span></div>',
    `<div class="article-con" id="zoom">\n${trsEditor(p.lines)}\n</div>`,
    shareBar(),
    closeBar(),
    '</div>',
    `<div class="xglj"><span>相关链接：</span>${p.links.map((t, i) => `<a href="${LINK_HREF[i]}">${escapeHtml(t)}</a>`).join('　')}</div>`,
    '</div>',
  ].join('\n');
  return shell(
    p,
    { keywords: `${p.heading},${ZHIJIANG_COLUMN_NAME}`, description: p.heading, column: ZHIJIANG_COLUMN_NAME, article: { title: p.heading, pubDate: `${m.date} ${m.time.slice(0, 5)}`, source: p.source } },
    main,
  );
}
