/**
 * Statistics tables pasted into a report body as text, read from the clean text. Two shapes
 * occur: rows of separated cells (a Word table pasted into the editor; see text-blocks.ts) and
 * one cell per line (cell-per-line.ts). Rows of the 2019/2021 templates' tables 三 and 四 are
 * realigned by the template (align-applications.ts, align-review.ts); other tables keep their
 * cells in printed order, padded to a rectangle.
 */
import type { ExtractedTable } from '../../types.js';
import { alignApplications, isApplicationsTable } from './align-applications.js';
import { alignReview, isReviewTable } from './align-review.js';
import { findCellPerLineTables } from './cell-per-line.js';
import { trimGrid, withoutTrailingBlanks } from './grid.js';
import { dropRuleRows, findRowBlocks, isTableBlock, splitAtTableStarts } from './text-blocks.js';
import { mergeBrokenRows } from './text-merge.js';
import { titleFromLines } from './title.js';

function* linesAbove(lines: string[], start: number): Generator<string> {
  for (let i = start - 1; i >= 0; i--) yield lines[i]!;
}

/** A block's rows as a grid, realigned when it is one of the template tables. */
export function alignTextRows(rows: string[][]): string[][] {
  const merged = mergeBrokenRows(rows);
  if (isApplicationsTable(merged)) return alignApplications(merged);
  if (isReviewTable(merged)) return alignReview(merged);
  return trimGrid(merged.map(withoutTrailingBlanks));
}

export function findTextTables(text: string): ExtractedTable[] {
  const lines = text.split(/\r\n|\r|\n/);
  const found: { start: number; table: ExtractedTable }[] = [];
  const taken = new Set<number>();

  for (const block of findRowBlocks(lines)) {
    const rows = dropRuleRows(block.rows);
    if (!isTableBlock(rows)) continue;
    for (let i = block.start; i <= block.end; i++) taken.add(i);
    splitAtTableStarts(rows).forEach((part, k) => {
      if (!isTableBlock(part)) return;
      // Only the first table of a block has lines above it; the next starts at its own header.
      const title = k === 0 ? titleFromLines(linesAbove(lines, block.start)) : '';
      found.push({ start: block.start + k / 10, table: { title, source: 'text', rows: alignTextRows(part) } });
    });
  }

  for (const t of findCellPerLineTables(lines, (i) => taken.has(i))) {
    found.push({ start: t.start, table: { title: titleFromLines(linesAbove(lines, t.start)), source: 'text', rows: t.rows } });
  }

  return found.sort((a, b) => a.start - b.start).map((f) => f.table);
}
