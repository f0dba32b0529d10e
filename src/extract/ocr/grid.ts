/**
 * The cell grid of a table image from its ruling lines: row and column bands, and the merged
 * cells (a rule missing between two cells) so a rowspan label is read once and repeated.
 */
import type { Grey, Rect } from './pixels.js';
import { coverage, horizontalRules, ruleNeed, verticalBetween, verticalSegments, type Rule, type VerticalRule } from './rules.js';
import { lineMasks, type LineMasks } from './valleys.js';

export interface Band {
  start: number;
  end: number;
}

export interface CellRegion {
  /** Inside the rules. */
  rect: Rect;
  /** Grid cells this region covers, as [row, col]; more than one for a merged cell. */
  cells: [number, number][];
}

export interface TableGrid {
  rows: Band[];
  cols: Band[];
  regions: CellRegion[];
  /** The table's outer box, rules included. */
  bounds: Rect;
  /** Column boundaries as fractions of the table width, to compare layouts across images. */
  layout: number[];
  /** The rules the grid came from, so they can be wiped before the cells are read. */
  horizontals: Rule[];
  verticals: VerticalRule[];
}

/** Share of the rows a column rule must cross to be trusted where it is faint. */
const REGULAR = 0.6;

/** Bands narrower than this are the gap of a double rule, not cells. */
const MIN_BAND = 5;

function bands(rules: Rule[]): Band[] {
  const out: Band[] = [];
  for (let i = 0; i + 1 < rules.length; i++) {
    const start = rules[i]!.end;
    const end = rules[i + 1]!.start;
    if (end - start >= MIN_BAND) out.push({ start, end });
  }
  // A dark image edge beside the table's border makes a sliver band at either end.
  const sizes = out.map((b) => b.end - b.start).sort((a, b) => a - b);
  const median = sizes[Math.floor(sizes.length / 2)] ?? 0;
  const sliver = (b: Band | undefined): boolean => !!b && out.length > 1 && b.end - b.start < median * 0.4;
  if (sliver(out[out.length - 1])) out.pop();
  if (sliver(out[0])) out.shift();
  return out;
}

export function findGrid(g: Grey, masks: LineMasks = lineMasks(g)): TableGrid | undefined {
  return gridOf(g, masks, horizontalRules(g, masks));
}

/**
 * Every ruled table of an image, top to bottom: a scanned page holds several, with headings and
 * paragraphs between them, and read as one grid their columns mix (a 4-column table above a
 * 13-column one gives both 13) and a table continued from the page before cannot be told from the
 * next. Tables part where no vertical rule runs through the band between two horizontal rules:
 * inside a table the borders at least cross every row.
 */
export function findGrids(g: Grey, masks: LineMasks = lineMasks(g)): TableGrid[] {
  const hr = horizontalRules(g, masks);
  if (hr.length < 2) return [];
  const vr = verticalSegments(g, masks, hr);
  const crossed = (y0: number, y1: number): boolean => vr.some((v) => v.spans.some((s) => s.y0 < y1 && s.y1 > y0));
  const groups: Rule[][] = [[hr[0]!]];
  for (let i = 1; i < hr.length; i++) {
    const [above, below] = [hr[i - 1]!, hr[i]!];
    // Two rules close together (a double rule) are never a gap between tables.
    const open = below.start - above.end >= 8 && !crossed(above.end, below.start);
    if (open) groups.push([below]);
    else groups[groups.length - 1]!.push(below);
  }
  return groups.flatMap((group) => {
    const grid = group.length >= 2 ? gridOf(g, masks, group) : undefined;
    return grid ? [grid] : [];
  });
}

function gridOf(g: Grey, masks: LineMasks, hr: Rule[]): TableGrid | undefined {
  if (hr.length < 2) return undefined;
  const top = hr[0]!.start;
  const bottom = hr[hr.length - 1]!.end;
  const vr = verticalSegments(g, masks, hr);
  if (vr.length < 2) return undefined;
  const rows = bands(hr);
  const cols = bands(vr);
  if (!rows.length || !cols.length) return undefined;
  const need = ruleNeed(g, masks, hr);
  const reach = (rules: Rule[], a: Band, b: Band): number => {
    const rule = rules.find((r) => r.start >= a.end - 1 && r.end <= b.start + 1);
    return rule ? Math.ceil((rule.end - rule.start) / 2) + 1 : 2;
  };

  // Union-find over cells: neighbours with no rule between them are one merged cell.
  const n = rows.length * cols.length;
  const parent = Array.from({ length: n }, (_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  const join = (a: number, b: number): void => {
    parent[find(a)] = find(b);
  };
  const id = (r: number, c: number): number => r * cols.length + c;
  for (let r = 0; r + 1 < rows.length; r++) {
    const y = (rows[r]!.end + rows[r + 1]!.start) / 2;
    const slack = reach(hr, rows[r]!, rows[r + 1]!);
    cols.forEach((c, ci) => {
      if (coverage(g, masks.h, true, y, c.start + 2, c.end - 2, slack) < 0.5) join(id(r, ci), id(r + 1, ci));
    });
  }
  for (let c = 0; c + 1 < cols.length; c++) {
    const x = (cols[c]!.end + cols[c + 1]!.start) / 2;
    const slack = reach(vr, cols[c]!, cols[c + 1]!);
    // The same test that found the rule: text centred across a merged cell crosses the boundary too.
    const found = rows.map((r) => verticalBetween(g, masks, x, r.start, r.end, slack, need));
    // A column rule through most rows is a column rule: where it seems to stop, a faint stretch
    // (grey gridline, tinted band, JPEG) is taken on weaker evidence. A merged cell still shows
    // no line at all there.
    const regular = found.filter(Boolean).length >= rows.length * REGULAR;
    rows.forEach((r, ri) => {
      if (found[ri] || (regular && verticalBetween(g, masks, x, r.start, r.end, slack, need * 0.5, 0.5))) return;
      join(id(ri, c), id(ri, c + 1));
    });
  }
  const byRoot = new Map<number, [number, number][]>();
  for (let r = 0; r < rows.length; r++) {
    for (let c = 0; c < cols.length; c++) {
      const root = find(id(r, c));
      const list = byRoot.get(root) ?? [];
      list.push([r, c]);
      byRoot.set(root, list);
    }
  }
  const regions: CellRegion[] = [...byRoot.values()].map((cells) => ({
    cells,
    rect: {
      x0: Math.min(...cells.map(([, c]) => cols[c]!.start)),
      x1: Math.max(...cells.map(([, c]) => cols[c]!.end)),
      y0: Math.min(...cells.map(([r]) => rows[r]!.start)),
      y1: Math.max(...cells.map(([r]) => rows[r]!.end)),
    },
  }));
  const left = vr[0]!.start;
  const right = vr[vr.length - 1]!.end;
  const width = Math.max(1, right - left);
  return {
    rows,
    cols,
    regions,
    bounds: { x0: left, x1: right, y0: top, y1: bottom },
    layout: cols.slice(0, -1).map((c) => (c.end - left) / width),
    horizontals: hr,
    verticals: vr,
  };
}
