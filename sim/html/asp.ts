/**
 * An old ASP CMS (动易 PowerEasy style) as many county portals still ran it: table layout,
 * gb2312 label in <meta http-equiv> only, pages addressed by query (ShowClass.asp?ClassID=…&page=2),
 * static 下一页/尾页 links, title attributes stuffed with 文章标题/作者/更新时间.
 */
import { escapeHtml, paragraphs } from './text.js';

export interface AspListItem {
  href: string;
  title: string;
  /** YYYY-MM-DD */
  date: string;
  hits: number;
}

/** PowerEasy writes dates unpadded: 2020-1-15. */
export function aspDate(date: string): string {
  const [y, m, d] = date.split('-');
  return `${y}-${Number(m)}-${Number(d)}`;
}

export function aspList(items: AspListItem[]): string {
  const rows = items.map((it) => {
    const tip = `文章标题：${it.title}&#13;&#10;作    者：佚名&#13;&#10;更新时间：${aspDate(it.date)} 9:12:33&#13;&#10;点击次数：${it.hits}`;
    return (
      `<tr><td class="listbg" width="85%"><img src="/Skin/blue/article_common.gif" alt=""> ` +
      `<a class="listA" href="${it.href}" title="${escapeHtml(tip).replace(/&amp;#1([03]);/g, '&#1$1;')}" target="_blank">${escapeHtml(it.title)}</a></td>` +
      `<td class="listbg" align="right">${it.date}</td></tr>`
    );
  });
  return `<table class="listtable" width="100%" border="0" cellspacing="0" cellpadding="0">\n${rows.join('\n')}\n</table>`;
}

/** The classic pager: 首页 上一页 下一页 尾页 as static links (`pageHref(n)` builds each). */
export function aspPager(total: number, perPage: number, current: number, pageHref: (n: number) => string): string {
  const pages = Math.max(1, Math.ceil(total / perPage));
  const link = (n: number, text: string, enabled: boolean): string =>
    enabled ? `<a href="${escapeHtml(pageHref(n))}">${text}</a>` : text;
  return (
    `<div class="showpage">共 <b>${total}</b> 篇文章&nbsp;&nbsp;` +
    `${link(1, '首页', current > 1)} ${link(current - 1, '上一页', current > 1)}&nbsp;` +
    `${link(current + 1, '下一页', current < pages)} ${link(pages, '尾页', current < pages)}&nbsp;` +
    `页次：<strong><font color="red">${current}</font>/${pages}</strong>页 &nbsp;<b>${perPage}</b>篇文章/页</div>`
  );
}

export interface AspArticle {
  title: string;
  date: string;
  source: string;
  articleId: number;
  lines: string[];
  prev?: [string, string];
  next?: [string, string];
}

export function aspArticleBody(a: AspArticle): string {
  const nav = (label: string, l?: [string, string]): string =>
    l ? `<li>${label}<a href="${l[1]}">${escapeHtml(l[0])}</a></li>` : `<li>${label}没有了</li>`;
  return [
    '<table class="main_border" width="760" align="center" border="0" cellspacing="0" cellpadding="0">',
    `<tr><td class="main_title_760" align="center"><font size="4"><b>${escapeHtml(a.title)}</b></font></td></tr>`,
    `<tr><td class="main_tdbg_760" align="center">作者：佚名&nbsp;&nbsp;&nbsp;&nbsp;文章来源：${escapeHtml(a.source)}&nbsp;&nbsp;&nbsp;&nbsp;` +
      `点击数：<script language="javascript" src="/Article/GetHits.asp?ArticleID=${a.articleId}"></script>&nbsp;&nbsp;&nbsp;&nbsp;更新时间：${aspDate(a.date)}</td></tr>`,
    `<tr><td id="fontzoom" class="main_ArticleContent">\n${paragraphs(a.lines)}\n</td></tr>`,
    '<tr><td align="right">【<a href="javascript:void(0)">发表评论</a>】【<a href="javascript:window.external.addFavorite(location.href,document.title)">加入收藏</a>】' +
      '【<a href="javascript:window.print()">打印此文</a>】【<a href="javascript:window.close();">关闭窗口</a>】</td></tr>',
    `<tr><td><ul class="prevnext">${nav('上一篇文章：', a.prev)}${nav('下一篇文章：', a.next)}</ul></td></tr>`,
    '</table>',
  ].join('\n');
}
