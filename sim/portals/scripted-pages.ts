/**
 * Page templates shared by the script-built portals (nanyang, zhumadian, luoyang, puyang): a
 * homepage, a column page that is a shell for the list script, and static article pages. Each
 * portal supplies its layout (site, menus, the scripts every page loads) and the list block.
 */
import { breadcrumb, closeBar, footer, head, navMenu, page, shareBar, type Link, type SiteInfo } from '../html/chrome.js';
import { scriptTags, type ScriptTag } from '../html/scripts.js';
import { escapeHtml, paragraphs } from '../html/text.js';

export interface ScriptedLayout {
  site: SiteInfo;
  nav: Link[];
  /** The 政府信息公开 column tree; its last entry is the report column. */
  tree: Link[];
  /** Every `<script src>` of the site's pages, in document order within head / IE block / end. */
  scripts: ScriptTag[];
  /** Inline `<head>` script (site settings, the statistics queue). */
  headInline: string;
  /** Inline script at the end of every page. */
  endInline: string;
  welcome: string;
  /** Footer line under the ICP number. */
  address: string;
  /** 索引号 prefix when articles carry the 信息公开 metadata table. */
  indexPrefix?: string;
}

export const columnOf = (l: ScriptedLayout): Link => l.tree[l.tree.length - 1]!;

function header(l: ScriptedLayout): string {
  return [
    `<div class="topbar"><div class="w1200"><span class="welcome">${escapeHtml(l.welcome)}</span><span id="today" class="date"></span>`,
    '<span class="tools"><a href="/wza/">无障碍浏览</a> | <a href="javascript:void(0)" onclick="doZoom(18)">长者模式</a> | <a href="/wap/">手机版</a></span></div></div>',
    `<div class="header w1200"><a class="logo" href="/"><img src="/images/logo.png" alt="${escapeHtml(l.site.siteName)}"></a>`,
    '<form class="search" action="/search/" method="get"><input type="text" name="q" placeholder="请输入关键词"><input type="submit" value="搜索"></form></div>',
    navMenu(l.nav),
  ].join('\n');
}

function shell(l: ScriptedLayout, o: { title: string; column: boolean; article?: { title: string; pubDate: string; source: string }; main: string }): string {
  const [columnName] = columnOf(l);
  const h = head(l.site, {
    title: o.title,
    keywords: o.article?.title ?? `${l.site.siteName},政府信息公开,${columnName}`,
    description: o.article?.title ?? `${l.site.sponsor}${columnName}`,
    ...(o.column || o.article ? { column: columnName } : {}),
    ...(o.article ? { article: o.article } : {}),
  });
  const extra = [scriptTags(l.scripts, 'head', o.column), scriptTags(l.scripts, 'ie', o.column), `<script type="text/javascript">\n${l.headInline}\n</script>`].filter(Boolean).join('\n');
  const headHtml = h.replace('</head>', `${extra}\n</head>`);
  const end = [scriptTags(l.scripts, 'end', o.column), `<script type="text/javascript">\n${l.endInline}\n</script>`].filter(Boolean).join('\n');
  return page(headHtml, [header(l), o.main, footer(l.site, [`<p>${escapeHtml(l.address)}</p>`]), end]);
}

function tree(l: ScriptedLayout): string {
  const [active] = columnOf(l);
  const li = l.tree.map(([t, h]) => `<li${t === active ? ' class="on"' : ''}><a href="${h}">${escapeHtml(t)}</a></li>`);
  return `<div class="xxgk-side"><h3>政府信息公开</h3><ul class="xxgk-tree">\n${li.join('\n')}\n</ul></div>`;
}

function crumbs(l: ScriptedLayout): string {
  return breadcrumb([['首页', '/'], ['政务公开', '/zwgk/'], columnOf(l)], '&gt;');
}

export function scriptedHome(l: ScriptedLayout): string {
  const main = [
    '<div class="main w1200">',
    '<div class="slideBox"><div class="bd"><ul><li>政务公开 阳光透明</li><li>优化营商环境 服务高质量发展</li></ul></div></div>',
    `<div class="box zwgk"><div class="box-title"><h2><a href="/zwgk/">政务公开</a></h2></div>${navMenu(l.tree, 'zwgk-links')}</div>`,
    '</div>',
  ].join('\n');
  return shell(l, { title: l.site.siteName, column: false, main });
}

/** The column page as served: the list block (empty containers) is all the list there is. */
export function scriptedColumn(l: ScriptedLayout, listBlock: string): string {
  const [name] = columnOf(l);
  const main = [
    '<div class="main w1200">',
    crumbs(l),
    tree(l),
    '<div class="xxgk-main">',
    `<div class="column-title"><h2>${escapeHtml(name)}</h2></div>`,
    listBlock,
    '</div>',
    '</div>',
  ].join('\n');
  return shell(l, { title: `${name}_${l.site.siteName}`, column: true, main });
}

export interface ScriptedArticle {
  title: string;
  date: string;
  time: string;
  source: string;
  lines: string[];
  /** Article number, for the 索引号. */
  id: number;
}

export function scriptedArticle(l: ScriptedLayout, a: ScriptedArticle): string {
  const [name] = columnOf(l);
  const meta = l.indexPrefix
    ? [
        '<table class="xxgk-table" cellspacing="0" cellpadding="0">',
        `<tr><th>索引号：</th><td>${l.indexPrefix}/${a.date.slice(0, 4)}-${String(a.id).padStart(5, '0')}</td><th>主题分类：</th><td>${escapeHtml(name)}</td></tr>`,
        `<tr><th>发布机构：</th><td>${escapeHtml(a.source)}</td><th>发文日期：</th><td>${a.date}</td></tr>`,
        `<tr><th>标　　题：</th><td colspan="3">${escapeHtml(a.title)}</td></tr>`,
        '</table>',
      ].join('\n')
    : '';
  const main = [
    '<div class="main w1200">',
    crumbs(l),
    meta,
    '<div class="detail">',
    `<h1 class="detail-title">${escapeHtml(a.title)}</h1>`,
    `<div class="detail-info"><span>发布时间：${a.date} ${a.time}</span><span>来源：${escapeHtml(a.source)}</span>` +
      '<span>字号：<a href="javascript:void(0)" onclick="doZoom(18)">大</a> <a href="javascript:void(0)" onclick="doZoom(16)">中</a> <a href="javascript:void(0)" onclick="doZoom(14)">小</a></span></div>',
    `<div class="detail-content" id="zoom">\n${paragraphs(a.lines, { pAttrs: 'style="text-indent:2em;"' })}\n</div>`,
    shareBar(),
    closeBar(),
    '</div>',
    '</div>',
  ].filter(Boolean).join('\n');
  return shell(l, { title: `${a.title}_${l.site.siteName}`, column: false, article: { title: a.title, pubDate: `${a.date} ${a.time.slice(0, 5)}`, source: a.source }, main });
}

/** The same site info for every script-built portal but its names and numbers. */
export function scriptedSite(s: Omit<SiteInfo, 'metaCharset' | 'css' | 'js'>, css: string[]): SiteInfo {
  return { ...s, metaCharset: { style: 'html5', label: 'utf-8' }, css, js: [] };
}
