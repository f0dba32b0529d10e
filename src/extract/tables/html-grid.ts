/**
 * An HTML <table> as a full grid. Portals publish the statistics tables as Word exports: merged
 * header cells (rowspan/colspan), <p><span> inside every cell, &nbsp; padding, sometimes a
 * one-cell layout table wrapped around the real one. The grid repeats a merged cell's text in
 * every slot it covers so a consumer can read any column of any row without knowing the spans.
 */
import type { CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import { normalizeCell } from './cells.js';
import { trimGrid } from './grid.js';

const BREAKS = new Set([
  'br', 'p', 'div', 'li', 'tr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'section', 'table', 'ul', 'ol', 'dd', 'dt', 'blockquote',
]);
const SKIP = new Set(['script', 'style', 'noscript', 'template']);
// Editors cap spans at the table size; a stray colspan="1000" must not allocate a huge grid.
const MAX_SPAN = 200;
const CJK_EDGE = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/;
/** Marks where a breaking element's children end on the walk's stack. */
const BREAK = Symbol('line break');

function isTag(node: AnyNode): node is Element {
  return node.type === 'tag';
}

/** The <tr> elements of this table itself, not those of tables nested in its cells. */
export function ownRows($: CheerioAPI, table: Element): Element[] {
  return $(table)
    .find('tr')
    .toArray()
    .filter((tr): tr is Element => isTag(tr) && $(tr).closest('table').get(0) === table);
}

function ownCells(tr: Element): Element[] {
  return tr.children.filter((n): n is Element => isTag(n) && (n.name === 'td' || n.name === 'th'));
}

/**
 * A cell's text with line breaks (<br>, <p>) joined: with nothing between two Chinese
 * characters (结果<br>维持 is 结果维持), with a space otherwise.
 */
export function cellText(cell: Element): string {
  const parts: string[] = [''];
  // An explicit stack, not recursion: cells can hold markup nested thousands deep.
  const stack: (AnyNode | typeof BREAK)[] = [...cell.children].reverse();
  while (stack.length) {
    const node = stack.pop()!;
    if (node === BREAK) {
      parts.push('');
      continue;
    }
    if (node.type === 'text') {
      parts[parts.length - 1] += node.data;
      continue;
    }
    if (!isTag(node) || SKIP.has(node.name)) continue;
    const breaks = BREAKS.has(node.name) || node.name === 'td' || node.name === 'th';
    if (breaks) parts.push('');
    if (breaks) stack.push(BREAK);
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
  }
  let out = '';
  for (const part of parts.map(normalizeCell).filter(Boolean)) {
    const joinTight = out && CJK_EDGE.test(out.slice(-1)) && CJK_EDGE.test(part[0]!);
    out += out && !joinTight ? ` ${part}` : part;
  }
  return out;
}

function span(value: string | undefined): number {
  const n = Number.parseInt(value ?? '', 10);
  return Number.isFinite(n) && n > 1 ? Math.min(n, MAX_SPAN) : 1;
}

/**
 * Whether a table lies anywhere under `el`. Not `$(el).find('table')`: that sorts every match into
 * document order, cubic over tables nested in tables, and this is asked of each of them.
 */
export function hasNestedTable(el: Element): boolean {
  const stack: AnyNode[] = [...el.children];
  while (stack.length) {
    const node = stack.pop()!;
    if (!isTag(node)) continue;
    if (node.name === 'table') return true;
    for (const child of node.children) stack.push(child);
  }
  return false;
}

/** The only table inside a table whose own cells hold nothing else: a layout wrapper. */
export function wrappedTable($: CheerioAPI, table: Element): Element | undefined {
  if (!hasNestedTable(table)) return undefined;
  const rows = ownRows($, table);
  const inner: Element[] = [];
  for (const tr of rows) {
    for (const td of ownCells(tr)) {
      const outermost = $(td)
        .find('table')
        .toArray()
        .filter((t): t is Element => isTag(t) && $(t).parent().closest('table').get(0) === table);
      const own = $(td).clone();
      own.find('table').remove();
      const ownText = normalizeCell(own.text());
      if (outermost.length) inner.push(...outermost);
      // Text beside the inner table (a heading line, a date) still leaves a wrapper a wrapper;
      // a real data row beside it does not.
      else if (ownText.length > 40) return undefined;
    }
  }
  return inner.length === 1 ? inner[0] : undefined;
}

export function htmlTableToGrid($: CheerioAPI, table: Element): string[][] {
  const inner = wrappedTable($, table);
  if (inner) return htmlTableToGrid($, inner);

  const trs = ownRows($, table);
  const grid: (string | undefined)[][] = trs.map(() => []);
  trs.forEach((tr, r) => {
    let c = 0;
    for (const td of ownCells(tr)) {
      const row = grid[r]!;
      while (row[c] !== undefined) c++;
      const text = cellText(td);
      const rows = span(td.attribs['rowspan']);
      const cols = span(td.attribs['colspan']);
      // A rowspan reaching past the last <tr> is clipped: it cannot create rows of its own.
      for (let dr = 0; dr < rows && r + dr < trs.length; dr++) {
        const target = grid[r + dr]!;
        for (let dc = 0; dc < cols; dc++) {
          if (target[c + dc] === undefined) target[c + dc] = text;
        }
      }
      c += cols;
    }
  });
  return trimGrid(grid.map((row) => Array.from(row, (cell) => cell ?? '')));
}
