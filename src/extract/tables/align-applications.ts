/**
 * Table 三 of the 2019/2021 templates (收到和处理政府信息公开申请情况) read back from pasted text,
 * laid out as the HTML original is: three label columns then seven figure columns (自然人,
 * 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计).
 *
 * Pasting loses the empty cells of merged labels, so a row's figures start at a varying
 * position, and trailing cells appear that the table never had. What does not vary is that
 * every row ends with its seven figure cells and that 总计 is the last of them; so figures are
 * aligned from the right, after trailing empty cells are dropped. Labels go to the column of
 * their level (一、 / (一) / 1.), and a merged label is repeated in the columns it spans, as
 * the HTML grid would repeat it.
 */
import { isTextCell, isValueCell, labelLevel } from './cells.js';
import { padGrid, withoutTrailingBlanks } from './grid.js';

const LABEL_COLS = 3;
const FIGURES = 7;
export const APPLICATIONS_WIDTH = LABEL_COLS + FIGURES;

/** Header words and the columns they cover in the template. */
const HEADER_SLOTS: [RegExp, number, number][] = [
  [/申请人情况/, 3, 9],
  [/^自然人$/, 3, 3],
  [/法人或其他组织/, 4, 8],
  [/^商业企业$/, 4, 4],
  [/^科研机构$/, 5, 5],
  [/^社会公益组织$/, 6, 6],
  [/^法律服务机构$/, 7, 7],
  [/^其他$/, 8, 8],
  [/^总计$/, 9, 9],
];

export function isApplicationsTable(rows: string[][]): boolean {
  const text = rows.flat().join(' ');
  return [/本年新收/, /上年结转/, /本年度办理结果/, /予以公开/, /结转下年度/].filter((re) => re.test(text)).length >= 2;
}

function headerRow(cells: string[]): string[] {
  const out = Array<string>(APPLICATIONS_WIDTH).fill('');
  const placed = cells.filter(Boolean).map((cell) => {
    const slot = HEADER_SLOTS.find(([re]) => re.test(cell.replace(/\s+/g, '')));
    return { cell, from: slot ? slot[1] : 0, to: slot ? slot[2] : LABEL_COLS - 1 };
  });
  // Narrow words first: 总计 printed on the 申请人情况 line keeps its own column.
  for (const { cell, from, to } of placed.sort((a, b) => a.to - a.from - (b.to - b.from))) {
    for (let c = from; c <= to; c++) if (!out[c]) out[c] = cell;
  }
  return out;
}

/** The seven figure cells of a row, right-aligned (see the module comment). */
function figureCells(values: string[]): string[] {
  const v = [...values];
  while (v.length > FIGURES && v[0] === '') v.shift();
  if (v.length >= FIGURES) return v;
  // Fewer cells than columns: blanks were lost. The last figure printed is the row's total;
  // the others are kept in order from the first column, which is where the printed ones sit
  // in the usual case (only 自然人 and perhaps 商业企业 filled in).
  if (!v.length) return Array<string>(FIGURES).fill('');
  const last = v.pop()!;
  return [...v, ...Array<string>(FIGURES - 1 - v.length).fill(''), last];
}

interface Labels {
  slots: string[];
}

function placeLabels(labels: string[], previous: Labels | undefined): Labels {
  const slots = Array<string>(LABEL_COLS).fill('');
  let cursor = 0;
  for (const label of labels) {
    const level = labelLevel(label);
    const at = level ?? Math.min(cursor, LABEL_COLS - 1);
    slots[at] = slots[at] ? `${slots[at]} ${label}` : label;
    cursor = at + 1;
  }
  const deepest = slots.reduce((d, s, i) => (s ? i : d), -1);
  // A row without its parent label sits under the parent of the row above (a rowspan).
  for (let i = 0; i < deepest; i++) {
    if (!slots[i] && previous && previous.slots[i] !== previous.slots[LABEL_COLS - 1]) slots[i] = previous.slots[i] ?? '';
  }
  // A label with no sub-item spans the remaining label columns (a colspan).
  for (let i = Math.max(deepest, 0) + 1; i < LABEL_COLS; i++) slots[i] = slots[i - 1] ?? '';
  return { slots };
}

export function alignApplications(rows: string[][]): string[][] {
  const firstData = rows.findIndex((r) => r.some(isValueCell) || r.some((c) => labelLevel(c) === 0));
  const headerEnd = firstData < 0 ? rows.length : firstData;
  const out: string[][] = [];

  for (let i = 0; i < headerEnd; i++) {
    const row = headerRow(rows[i]!);
    const above = out[out.length - 1];
    if (above) row.forEach((c, j) => (row[j] = c || above[j]!));
    out.push(row);
  }

  let previous: Labels | undefined;
  for (const raw of rows.slice(headerEnd)) {
    const cells = withoutTrailingBlanks(raw);
    let lastLabel = -1;
    cells.forEach((c, j) => {
      if (isTextCell(c)) lastLabel = j;
    });
    const labels = cells.slice(0, lastLabel + 1).filter(Boolean);
    const placed = labels.length ? placeLabels(labels, previous) : { slots: Array<string>(LABEL_COLS).fill('') };
    if (labels.length) previous = placed;
    out.push([...placed.slots, ...figureCells(cells.slice(lastLabel + 1))]);
  }
  return padGrid(out, APPLICATIONS_WIDTH);
}
