/**
 * Cell → number. Three outcomes:
 * - a number: `2414.45`, `1,234`, `1，234`, `１２３`, `-3`, `+2`, `增2`, `减少2`, `3件`, `0.5万元`;
 * - `undefined`: the cell says "not applicable" (`—`, `——`, `-`, `/`, `无`, `不适用`): no figure;
 * - `null`: blank, or not a number at all (a label). The mappers decide that a blank cell of a
 *   template row counts as 0; parseNumber itself never turns '' into 0.
 */

const NOT_APPLICABLE = /^(?:[-—–－―‒~～/／\\、]+|无|不适用|N\/?A|NA|\*+)$/i;
const UNIT = /(?:件次|人次|件|条|个|人|次|万元|元|项|篇|场|家|期|份|个数)$/;

export type CellKind = 'number' | 'na' | 'blank' | 'label';

export function parseNumber(cell: string): number | null | undefined {
  let s = cell.normalize('NFKC').replace(/[\s\u200b\ufeff]+/g, '');
  if (s === '') return null;
  if (NOT_APPLICABLE.test(s)) return undefined;
  s = s.replace(UNIT, '');
  let sign = 1;
  const signed = /^(增加|增|减少|减|\+|-|−)(?=\d)/.exec(s);
  if (signed) {
    if (/^(减|-|−)/.test(signed[1]!)) sign = -1;
    s = s.slice(signed[1]!.length);
  }
  if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(s)) s = s.replace(/,/g, '');
  if (!/^\d+(\.\d+)?$/.test(s)) return null;
  const n = Number(s) * sign;
  return Number.isFinite(n) ? (Object.is(n, -0) ? 0 : n) : null;
}

export function cellKind(cell: string): CellKind {
  const v = parseNumber(cell);
  if (typeof v === 'number') return 'number';
  if (v === undefined) return 'na';
  return cell.normalize('NFKC').trim() === '' ? 'blank' : 'label';
}

/** A cell that holds a value slot (number, blank or not-applicable), not a label. */
export function isValueCell(cell: string): boolean {
  return cellKind(cell) !== 'label';
}
