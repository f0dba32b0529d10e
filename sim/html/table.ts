/**
 * Statistics tables as real portals publish them: `<table border="1" cellspacing="0">` with
 * rowspan/colspan header and label cells, blank cells as `&nbsp;`, and (Word-style) `<p><span>`
 * inside cells. Each table is built once as a model and written two ways: the HTML the page
 * serves, and the lines the crawler's clean-text renderer (src/clean/html-to-text.ts) makes of it
 * (one line per row, cells joined by a tab — or, when cells hold a `<p>`, one line per non-blank
 * cell, since a paragraph is a block).
 */
import { inlineText, RAW_HTML } from './text.js';

export { RAW_HTML };

/** A blank cell as the editor saves it (`&nbsp;`). */
export const BLANK = '\u00a0';

export interface Cell {
  text: string;
  rowspan?: number;
  colspan?: number;
}
export type Row = Cell[];

export type CellWrap = 'p-span' | 'span' | 'plain';

export interface TableStyle {
  /** How a cell's text is wrapped: Word's `<p><span>`, a bare `<span>`, or nothing. */
  wrap: CellWrap;
  /** Attributes of the <table> tag. */
  attrs?: string;
}

export const cell = (text: string | number, rowspan?: number, colspan?: number): Cell => ({
  text: String(text),
  ...(rowspan && rowspan > 1 ? { rowspan } : {}),
  ...(colspan && colspan > 1 ? { colspan } : {}),
});

function cellHtml(c: Cell, wrap: CellWrap): string {
  const span = `${c.rowspan ? ` rowspan="${c.rowspan}"` : ''}${c.colspan ? ` colspan="${c.colspan}"` : ''}`;
  const t = inlineText(c.text);
  const inner = wrap === 'p-span' ? `<p style="text-align:center"><span style="font-family:宋体;font-size:10.5pt">${t}</span></p>` : wrap === 'span' ? `<span>${t}</span>` : t;
  return `<td${span} valign="middle">${inner}</td>`;
}

/** The table as the page serves it (no whitespace between cells, so the renderer adds none). */
export function tableHtml(rows: Row[], style: TableStyle): string {
  const attrs = style.attrs ?? 'border="1" cellspacing="0" cellpadding="0" width="100%"';
  return [`<table ${attrs}>`, ...rows.map((r) => `<tr>${r.map((c) => cellHtml(c, style.wrap)).join('')}</tr>`), '</table>'].join('\n');
}

/** The lines html-to-text.ts renders from `tableHtml(rows, style)`. */
export function tableText(rows: Row[], style: TableStyle): string[] {
  const out: string[] = [];
  let line = '';
  const breakLine = (): void => {
    const trimmed = line.replace(/[ \u3000]+$/u, '').replace(/^ +/, '');
    if (trimmed.replace(/\s/g, '')) out.push(trimmed);
    line = '';
  };
  for (const r of rows) {
    breakLine();
    for (const c of r) {
      if (line) line += '\t';
      const text = c.text.replace(/ {2,}/g, ' ').replace(/\u00a0/g, ' ');
      if (style.wrap === 'p-span') {
        breakLine();
        line += text;
        breakLine();
      } else {
        line += text;
      }
    }
    breakLine();
  }
  return out;
}

/** A table as a body line (raw HTML for the page) plus its rendered text lines (for `body`). */
export interface RenderedTable {
  htmlLine: string;
  textLines: string[];
}

export function renderTable(rows: Row[], style: TableStyle): RenderedTable {
  return { htmlLine: RAW_HTML + tableHtml(rows, style), textLines: tableText(rows, style) };
}
