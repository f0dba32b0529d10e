/** Where mapped figures go: value, the cell it came from, and whether its position was guessed. */
import type { ExtractedTable } from '../../types.js';
import { cellKind, parseNumber } from './parse-number.js';

export interface CellRef {
  table: number;
  row: number;
  col: number;
}

export class FigureSink {
  readonly figures: Record<string, number> = {};
  readonly sources: Record<string, CellRef> = {};
  /** Keys whose column was inferred from a ragged row (cells missing), not read from a position. */
  readonly guessed = new Set<string>();

  constructor(readonly tables: ExtractedTable[]) {}

  has(key: string): boolean {
    return key in this.figures;
  }

  /** Record the cell's value under `key` (first reading wins). Blank → 0; not applicable → nothing. */
  setCell(key: string, ref: CellRef): void {
    if (this.has(key)) return;
    const cell = this.tables[ref.table]?.rows[ref.row]?.[ref.col] ?? '';
    const kind = cellKind(cell);
    if (kind === 'label' || kind === 'na') return;
    this.figures[key] = kind === 'blank' ? 0 : (parseNumber(cell) as number);
    this.sources[key] = ref;
  }

  /** A template cell that is not in the grid at all (a ragged text row lost it): counts as 0. */
  setMissing(key: string): void {
    if (this.has(key)) return;
    this.figures[key] = 0;
    this.guessed.add(key);
  }

  setValue(key: string, value: number): void {
    if (!this.has(key)) this.figures[key] = value;
  }
}
