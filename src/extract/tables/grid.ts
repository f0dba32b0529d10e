/**
 * Grid shape helpers. Every table leaves this module as a rectangle: consumers index cells by
 * (row, column) and must never meet a ragged row.
 */

/** Pads every row with '' to the widest row (or to `width`, when wider). */
export function padGrid(rows: string[][], width = 0): string[][] {
  const w = Math.max(width, ...rows.map((r) => r.length));
  return rows.map((r) => (r.length < w ? [...r, ...Array<string>(w - r.length).fill('')] : r));
}

/** Drops trailing rows and trailing columns that hold nothing, then pads to a rectangle. */
export function trimGrid(rows: string[][]): string[][] {
  const kept = [...rows];
  while (kept.length && kept[kept.length - 1]!.every((c) => c === '')) kept.pop();
  let width = 0;
  for (const row of kept) {
    for (let c = row.length - 1; c >= width; c--) {
      if (row[c] !== '') {
        width = c + 1;
        break;
      }
    }
  }
  return padGrid(kept.map((r) => r.slice(0, width)), width);
}

/** The row without its trailing empty cells. */
export function withoutTrailingBlanks(row: string[]): string[] {
  let end = row.length;
  while (end > 0 && row[end - 1] === '') end--;
  return row.slice(0, end);
}
