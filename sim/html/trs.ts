/**
 * TRS WCM (拓尔思) building blocks: column pages index.html, index_1.html … whose pager exists only
 * as a createPageHTML(...) call, dated article URLs ./YYYYMM/tYYYYMMDD_n.html, and the editor div
 * that carries the body (with the style block TRS writes into it).
 */
import { escapeHtml, paragraphs } from './text.js';

export interface ListItem {
  href: string;
  title: string;
  date: string;
}

/** index.html, index_1.html, … index_{n-1}.html (TRS numbers the second page 1). */
export function trsPageName(index: number): string {
  return index === 0 ? 'index.html' : `index_${index}.html`;
}

/** Article path under a column: ./201903/t20190331_1234567.html */
export function trsArticlePath(columnDir: string, date: string, id: number): string {
  const [y = '', m = '', d = ''] = date.split('-');
  return `${columnDir}${y}${m}/t${y}${m}${d}_${id}.html`;
}

/**
 * The list as TRS templates emit it. Long titles are cut in the link text (the full title stays in
 * the title attribute), as real column templates do with a fixed-width list.
 */
export function trsList(items: ListItem[], maxChars = 0): string {
  const li = items.map((it) => {
    const chars = [...it.title];
    const text = maxChars > 0 && chars.length > maxChars ? `${chars.slice(0, maxChars).join('')}...` : it.title;
    return `<li><a href="${it.href}" title="${escapeHtml(it.title)}" target="_blank">${escapeHtml(text)}</a><span>${it.date}</span></li>`;
  });
  return `<ul class="list">\n${li.join('\n')}\n</ul>`;
}

/** The only pager a TRS column page has: a script call, no static links. */
export function trsPager(pageCount: number, current: number): string {
  return `<div class="page"><script type="text/javascript">createPageHTML(${pageCount}, ${current}, "index", "html");</script></div>`;
}

/** The shared pager script (served as a .js file, so the column HTML names no other page). */
export const CREATE_PAGE_JS = `function createPageHTML(_nPageCount, _nCurrIndex, _sPageName, _sPageExt){
  if(_nPageCount == null || _nPageCount <= 1){ return; }
  var nCurrIndex = _nCurrIndex || 0;
  function pageUrl(i){ return i == 0 ? _sPageName + "." + _sPageExt : _sPageName + "_" + i + "." + _sPageExt; }
  var html = "<span>共" + _nPageCount + "页</span>";
  html += nCurrIndex == 0 ? "<span>首页</span><span>上一页</span>" :
    "<a href=\\"" + pageUrl(0) + "\\">首页</a><a href=\\"" + pageUrl(nCurrIndex - 1) + "\\">上一页</a>";
  for (var i = 0; i < _nPageCount; i++) {
    html += i == nCurrIndex ? "<span class=\\"current\\">" + (i + 1) + "</span>" : "<a href=\\"" + pageUrl(i) + "\\">" + (i + 1) + "</a>";
  }
  html += nCurrIndex == _nPageCount - 1 ? "<span>下一页</span><span>尾页</span>" :
    "<a href=\\"" + pageUrl(nCurrIndex + 1) + "\\">下一页</a><a href=\\"" + pageUrl(_nPageCount - 1) + "\\">尾页</a>";
  document.write(html);
}
`;

const TRS_STYLE =
  '<style type="text/css">.TRS_Editor P{margin-top:0px;margin-bottom:12px;line-height:1.8;font-family:宋体;font-size:12pt;}' +
  '.TRS_Editor DIV{margin-top:0px;margin-bottom:12px;line-height:1.8;font-family:宋体;font-size:12pt;}' +
  '.TRS_Editor TD{margin-top:0px;margin-bottom:12px;line-height:1.8;font-family:宋体;font-size:12pt;}</style>';

/** The editor div: TRS writes its style block inside it, before the first paragraph. */
export function trsEditor(lines: readonly string[], imageSrc?: (name: string) => string | undefined, cls = 'TRS_Editor'): string {
  const body = paragraphs(lines, { imageSrc, imgAttrs: 'border="0"' });
  return `<div class="${cls}">${TRS_STYLE}\n${body}\n</div>`;
}
