/**
 * What a single table cell holds, judged from its text alone. Shared by the HTML and text
 * readers so both agree on what counts as a number, a placeholder or a row label.
 */

/** Collapses every kind of whitespace (tabs, &nbsp;, full-width spaces) to one space and trims. */
export function normalizeCell(text: string): string {
  return text.replace(/[\s\u00a0\u3000\u200b\ufeff]+/g, ' ').trim();
}

// Up to 12 digits: statistics never run longer, while the bare image ids that editors leave
// in report bodies (3898397580131385) do.
const NUMBER = /^[-+]?(?:\d{1,3}(?:,\d{3})+|\d{1,12})(?:\.\d+)?%?$/;

/** A figure as printed: 216, 2414.45, 180000.17, 1,234, 95.1%. */
export function isNumberCell(cell: string): boolean {
  return NUMBER.test(cell.replace(/\s+/g, ''));
}

/** Placeholders that stand in a value column: ——, —, -, /, 无. */
export function isDashCell(cell: string): boolean {
  return /^(?:[-—–－―─]{1,2}|[/／]|无)$/.test(cell);
}

/** Ruled separator rows that some editors leave between header and data (------). */
export function isRuleCell(cell: string): boolean {
  return /^[-—–－―─_=＝]{3,}$/.test(cell);
}

/** A cell that sits in a value column: a number or a placeholder. */
export function isValueCell(cell: string): boolean {
  return isNumberCell(cell) || isDashCell(cell);
}

/** A non-empty cell that is not a value: a row label or a header. */
export function isTextCell(cell: string): boolean {
  return cell !== '' && !isValueCell(cell);
}

/**
 * Nesting level of a template row label: 0 for 一、…, 1 for (一) …, 2 for 1. …; undefined for
 * anything else. The 2019/2021 templates nest their row labels exactly this way.
 */
export function labelLevel(cell: string): 0 | 1 | 2 | undefined {
  if (/^[一二三四五六七八九十]+[、.．]/.test(cell)) return 0;
  if (/^[（(]\s*[一二三四五六七八九十]+\s*[)）]/.test(cell)) return 1;
  if (/^\d{1,2}\s*[.．、](?!\d)/.test(cell)) return 2;
  return undefined;
}

/** A label that opens a new row wherever it appears: enumerated, or a 其中 sub-item. */
export function startsRow(cell: string): boolean {
  return labelLevel(cell) !== undefined || /^其中/.test(cell);
}
