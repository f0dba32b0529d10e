/**
 * Hanweb JCMS (大汉) building blocks: the column page's inline <script type="text/xml"> datastore
 * with the first records, the jpage pager configuration, the dataproxy.jsp XML answer for the
 * rest, and the article content between Hanweb's ContentStart/ContentEnd markers.
 */
import { escapeHtml, paragraphs } from './text.js';

export interface HanwebRecord {
  href: string;
  title: string;
  date: string;
}

export interface HanwebColumn {
  columnId: number;
  unitId: number;
  webName: string;
  perPage: number;
  totalRecord: number;
}

/** /art/2017/3/4/art_123_456789.html (month and day unpadded). */
export function hanwebArticlePath(columnId: number, date: string, id: number): string {
  const [y, m, d] = date.split('-');
  return `/art/${y}/${Number(m)}/${Number(d)}/art_${columnId}_${id}.html`;
}

export function hanwebRecord(r: HanwebRecord): string {
  return `<record><![CDATA[<li><a href="${r.href}" title="${escapeHtml(r.title)}" target="_blank">${escapeHtml(r.title)}</a><span>${r.date}</span></li>]]></record>`;
}

function proxyQuery(c: HanwebColumn): string {
  return `appid=1&webid=1&path=/&columnid=${c.columnId}&unitid=${c.unitId}&webname=${c.webName}&permissiontype=0`;
}

/** The unit container as the column page holds it: first records inline, jpage takes over. */
export function hanwebColumnBlock(c: HanwebColumn, first: HanwebRecord[]): string {
  return [
    `<div id="${c.unitId}"><script type="text/xml"><datastore>`,
    `<nextgroup><![CDATA[<a href="/module/web/jpage/dataproxy.jsp?page=1&appid=1&${proxyQuery(c)}"></a>]]></nextgroup>`,
    `<recordset>`,
    ...first.map(hanwebRecord),
    `</recordset></datastore></script></div>`,
    `<script language="javascript" src="/module/jslib/jquery/jpage/jquery.page.min.js"></script>`,
    '<script>',
    `$(document).ready(function(){ $('#${c.unitId}').jpage({ dataStore: dataStore, perPage: ${c.perPage}, totalRecord: ${c.totalRecord},`,
    `  proxyUrl: '/module/web/jpage/dataproxy.jsp', groupSize: 1, barPosition: 'bottom', pageType: 1,`,
    `  ajaxParam: { col: 1, appid: 1, webid: 1, path: '/', columnid: ${c.columnId}, sourceContentType: 1, unitid: '${c.unitId}', webname: '${c.webName}', permissiontype: 0 },`,
    `  showMode: 'full', allPage: ${Math.ceil(c.totalRecord / c.perPage)} }); });`,
    '</script>',
    `<script type="text/javascript">var totalRecord = ${c.totalRecord}; var perPage = ${c.perPage};</script>`,
  ].join('\n');
}

/** dataproxy.jsp: records startrecord..endrecord (1-based, inclusive) of the column. */
export function dataproxyXml(all: HanwebRecord[], start: number, end: number, perPage: number): string {
  const from = Math.max(1, start);
  const slice = all.slice(from - 1, Math.max(from - 1, end));
  return [
    '<?xml version="1.0" encoding="gb2312"?>',
    `<datastore><totalrecord>${all.length}</totalrecord><totalpage>${Math.ceil(all.length / perPage)}</totalpage>`,
    `<recordset>`,
    ...slice.map(hanwebRecord),
    '</recordset></datastore>',
  ].join('\n');
}

/** Body between Hanweb's markers; paragraphs keep the editor's NBSP indents. */
export function hanwebContent(lines: readonly string[]): string {
  return [
    '<!--ZJEG_RSS.content.begin--><meta name="ContentStart">',
    `<div id="zoom">\n${paragraphs(lines)}\n</div>`,
    '<meta name="ContentEnd"><!--ZJEG_RSS.content.end-->',
  ].join('\n');
}

/** jquery.page.min.js stand-in: enough to be served; the crawler must not need to run it. */
export const JPAGE_JS = '/* jpage 1.0 (Hanweb) */\n(function($){$.fn.jpage=function(o){return this;};})(window.jQuery||{fn:{}});\n';
