/**
 * All table images of a report → tables. Portals paste a long table as several screenshots, the
 * header only on the first (yunnan-province-2018-spam: 统计指标.jpg … 统计指标3.jpg); consecutive
 * images with the same column layout are joined back into one table.
 */
import type { ExtractedTable } from '../../types.js';
import type { TextDetector } from './detector.js';
import { looksLikeTableImage } from './looks-like-table.js';
import { isNumber } from './numbers.js';
import { readTableImageDetailed, type ImageTableRead } from './read-table-image.js';

/** Column boundaries may differ by this share of the table width and still be the same table. */
const LAYOUT_TOLERANCE = 0.03;

/** A table's own title above it (…统计表): the start of a new table, not a continuation. */
export const TABLE_TITLE = /(统计表|情况表|一览表)$/;

export async function readImageTables(images: { file: string; bytes: Buffer }[], detector: TextDetector): Promise<ExtractedTable[]> {
  const reads: { file: string; read: ImageTableRead }[] = [];
  for (const image of images) {
    if (!(await looksLikeTableImage(image.bytes))) continue;
    reads.push({ file: image.file, read: await readTableImageDetailed(image.bytes, detector) });
  }
  return joinTableReads(reads);
}

/** Tables read from images, in order, joined where one continues the one before. */
export function joinTableReads(reads: readonly { file: string; read: ImageTableRead }[]): ExtractedTable[] {
  const tables: (ExtractedTable & { layout: number[]; header: string[] })[] = [];
  for (const { file, read } of reads) {
    const image = { file };
    if (!read.rows.length) continue;
    const previous = tables[tables.length - 1];
    if (previous && continues(previous, read)) {
      const repeatsHeader = sameRow(read.rows[0], previous.header);
      const rows = repeatsHeader ? read.rows.slice(1) : read.rows;
      const offset = previous.rows.length - (repeatsHeader ? 1 : 0);
      previous.rows.push(...rows);
      previous.images!.push(image.file);
      for (const [key, values] of Object.entries(read.alternatives)) {
        const [r, c] = key.split(',').map(Number) as [number, number];
        if (repeatsHeader && r === 0) continue;
        previous.alternatives![`${r + offset},${c}`] = values;
      }
      continue;
    }
    tables.push({
      title: titleOf(read),
      source: 'image',
      rows: read.rows.map((r) => [...r]),
      images: [image.file],
      alternatives: { ...read.alternatives },
      layout: read.layout,
      header: read.rows[0] ?? [],
    });
  }
  return tables.map(({ layout: _layout, header: _header, ...table }) => table);
}

/** The next screenshot of the same table: same columns, and no title or new header of its own. */
function continues(previous: { layout: number[]; header: string[]; rows: string[][] }, next: ImageTableRead): boolean {
  if (!previous.layout.length || previous.layout.length !== next.layout.length) return false;
  if (previous.layout.some((x, i) => Math.abs(x - next.layout[i]!) > LAYOUT_TOLERANCE)) return false;
  if (next.above && TABLE_TITLE.test(next.above)) return false;
  const first = next.rows[0] ?? [];
  return sameRow(first, previous.header) || !looksLikeHeader(first);
}

/** A header row: every cell filled with words, none a number (a section row leaves cells empty). */
function looksLikeHeader(row: string[]): boolean {
  return row.length > 1 && row.every((cell) => cell.trim() !== '' && !isNumber(cell)) && row.slice(1).every((cell) => !/\d/.test(cell));
}

function sameRow(a: string[] | undefined, b: string[]): boolean {
  return !!a && a.length === b.length && a.every((cell, i) => cell === b[i]);
}

function titleOf(read: ImageTableRead): string {
  if (read.above && TABLE_TITLE.test(read.above)) return read.above;
  const header = (read.rows[0] ?? []).join('');
  const inHeader = /[^\s，。]*(统计表|情况表)/.exec(header);
  return inHeader ? inHeader[0] : '';
}
