/** Compares an OCR'd grid with the grid an image was rendered from (benchmark and tests). */

const NUMBER = /^[-+]?\d+(?:[.,]\d+)*%?$/;

export interface GridScore {
  /** Number cells of the source grid. */
  numeric: number;
  /** Of them, read exactly. */
  correct: number;
  /** Same row and column count. */
  structure: boolean;
  errors: string[];
}

export function scoreGrid(expected: string[][], got: string[][]): GridScore {
  const structure = expected.length === got.length && expected.every((row, r) => row.length === (got[r]?.length ?? -1));
  let numeric = 0;
  let correct = 0;
  const errors: string[] = [];
  expected.forEach((row, r) =>
    row.forEach((cell, c) => {
      if (!NUMBER.test(cell)) return;
      numeric++;
      const read = got[r]?.[c];
      if (read === cell) correct++;
      else errors.push(`[${r},${c}] ${cell} → ${read ?? '∅'}`);
    }),
  );
  return { numeric, correct, structure, errors };
}
