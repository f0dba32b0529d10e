/**
 * The data tables of a report body. Bodies also hold layout tables (a one-cell frame around the
 * text or around the real table, a two-column page layout) and, on disclosure platforms, a
 * metadata table (索引号 / 发布机构 / 生成日期); neither is a statistics table.
 */
import type { CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import type { ExtractedTable } from '../../types.js';
import { normalizeCell } from './cells.js';
import { hasNestedTable, htmlTableToGrid } from './html-grid.js';
import { looksLikeTitle, titleFromLines } from './title.js';

export { htmlTableToGrid } from './html-grid.js';

const LONG_CELL = 50;
/** Marks where a block element's children end on the walk's stack. */
const END_BLOCK = Symbol('end of block');
const BLOCKS = new Set([
  'p', 'div', 'br', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'section', 'article', 'blockquote', 'center', 'tr', 'dd', 'dt', 'caption',
]);

function isTag(node: AnyNode | null | undefined): node is Element {
  return !!node && node.type === 'tag';
}

/** Layout grids: a single value, or cells that are mostly running paragraphs. */
function isDataGrid(grid: string[][]): boolean {
  const cells = grid.flat().filter(Boolean);
  if (grid.length < 2 || (grid[0]?.length ?? 0) < 2 || new Set(cells).size < 2) return false;
  const long = cells.filter((c) => c.length > LONG_CELL).length;
  return long * 2 < cells.length;
}

function isMetadataGrid(grid: string[][]): boolean {
  const text = grid.flat().join(' ');
  return /索\s*引\s*号/.test(text) && /发布机构|发文机关|信息分类|生成日期|发文日期|主题分类/.test(text);
}

/** Text lines of an element in reading order, one per block. */
function blockLines(node: AnyNode): string[] {
  const lines: string[] = [''];
  // An explicit stack, not recursion: the markup above a table can nest thousands deep.
  const stack: (AnyNode | typeof END_BLOCK)[] = [node];
  while (stack.length) {
    const n = stack.pop()!;
    if (n === END_BLOCK) {
      lines.push('');
      continue;
    }
    if (n.type === 'text') {
      lines[lines.length - 1] += n.data;
      continue;
    }
    if (!isTag(n) || n.name === 'script' || n.name === 'style') continue;
    const block = BLOCKS.has(n.name);
    if (block) lines.push('');
    if (block) stack.push(END_BLOCK);
    for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
  }
  return lines.map(normalizeCell).filter(Boolean);
}

/**
 * Lines before `table` inside `root`, nearest first. Stops at an earlier table: whatever lies
 * above that one titles it, not this one.
 */
function* linesAbove(table: Element, root: Element): Generator<string> {
  let node: AnyNode = table;
  while (node !== root && node.parent) {
    for (let prev = node.prev; prev; prev = prev.prev) {
      if (isTag(prev) && (prev.name === 'table' || hasNestedTable(prev))) return;
      yield* blockLines(prev).reverse();
    }
    node = node.parent as AnyNode;
  }
}

function tableTitle($: CheerioAPI, table: Element, grid: string[][], root: Element): string {
  const caption = normalizeCell($(table).children('caption').first().text());
  if (caption) return caption;
  // A first row spanning the whole table that names it (政府信息公开情况统计表).
  const first = grid[0] ?? [];
  if (grid.length > 2 && first[0] && first.every((c) => c === first[0]) && looksLikeTitle(first[0])) return first[0];
  return titleFromLines(linesAbove(table, root));
}

export function findHtmlTables($: CheerioAPI, root: Element): ExtractedTable[] {
  const tables = [...(root.name === 'table' ? [root] : []), ...$(root).find('table').toArray().filter(isTag)];
  const found: ExtractedTable[] = [];
  for (const table of tables) {
    // A table holding tables is a frame; the tables inside are visited on their own.
    if (hasNestedTable(table)) continue;
    const grid = htmlTableToGrid($, table);
    if (!isDataGrid(grid) || isMetadataGrid(grid)) continue;
    found.push({ title: tableTitle($, table, grid, root), source: 'html', rows: grid });
  }
  return found;
}
