/**
 * The GB/T 2260 region a report is filed under, from its issuer, title and 来源 line.
 *
 * Rules:
 * - The first string that yields a region wins (callers pass the issuer first); within it the most
 *   specific name wins (county/district > prefecture > province), so a department (河南省教育厅,
 *   鹿邑县财政局) files under its government's region.
 * - A duplicate name (鼓楼区 ×4) is settled by a province or city written before it in the same
 *   string (开封市鼓楼区), else by the portal's region (`fallbackCode`: same city first, then same
 *   province), else by unique names in the other strings; if still open, it is dropped.
 * - A name contradicting an earlier one in the same string is dropped (河南省…公安县 cannot both
 *   hold). A bare short form (鹿邑) outside the portal's province is dropped: two characters are
 *   weak evidence.
 * - Generic names (城区, 郊区, 东区 …) count only right after their own city (长治市城区).
 * - Nothing found: the portal's region, named by today's name.
 * The returned name is the one written (full form): 鹿邑 → 鹿邑县, 开封县 stays 开封县 (code 410212).
 */
import type { Region } from '../types.js';
import { placeByCode, type Place } from './region-data.js';
import { NEEDS_PARENT, scanRegionNames, type NameHit } from './region-index.js';
import { normalizeTitle } from './text-normalize.js';

export function resolveRegion(names: string[], fallbackCode?: string): Region | undefined {
  const fallback = fallbackCode ? placeByCode(fallbackCode) : undefined;
  const scanned = names.map((n) => scanRegionNames(normalizeTitle(n)));
  const elsewhere = scanned.flat().filter((h) => h.places.length === 1).map((h) => h.places[0]!);
  for (const hits of scanned) {
    const found = resolveHits(hits, fallback, elsewhere);
    if (found) return found;
  }
  if (!fallbackCode) return undefined;
  return { code: fallbackCode, name: regionName(fallbackCode) ?? fallbackCode };
}

/** Today's name of a region code (河南省, 祥符区), or undefined for codes not in GB/T 2260 today. */
export function regionName(code: string): string | undefined {
  return placeByCode(code)?.name;
}

function resolveHits(hits: NameHit[], fallback: Place | undefined, elsewhere: Place[]): Region | undefined {
  const settled: { place: Place; written: string }[] = [];
  let previous: { hit: NameHit; place: Place } | undefined;
  for (const hit of hits) {
    const place = settle(hit, previous, settled.map((s) => s.place), fallback, elsewhere);
    if (!place) continue;
    settled.push({ place, written: hit.written });
    previous = { hit, place };
  }
  let best: { place: Place; written: string } | undefined;
  for (const s of settled) if (!best || s.place.level > best.place.level) best = s;
  return best && { code: best.place.code, name: best.written };
}

function settle(
  hit: NameHit,
  previous: { hit: NameHit; place: Place } | undefined,
  before: Place[],
  fallback: Place | undefined,
  elsewhere: Place[],
): Place | undefined {
  if (NEEDS_PARENT.has(hit.written)) {
    const parent = previous && previous.hit.end === hit.start ? previous.place : undefined;
    const own = parent ? hit.places.filter((p) => parent.level === 2 && p.code.startsWith(parent.code.slice(0, 4))) : [];
    return own.length === 1 ? own[0] : undefined;
  }
  let candidates = hit.places;
  if (before.length > 0) {
    candidates = candidates.filter((p) => before.every((b) => compatible(p, b)));
    if (candidates.length === 0) return undefined;
  }
  if (hit.kind === 'short' && fallback) {
    candidates = candidates.filter((p) => sameProvince(p, fallback));
  }
  if (candidates.length > 1 && fallback) candidates = narrow(candidates, fallback);
  if (candidates.length > 1 && elsewhere.length > 0) {
    const agreeing = candidates.filter((p) => elsewhere.some((e) => e.level < p.level && compatible(p, e)));
    if (agreeing.length > 0) candidates = agreeing;
  }
  return candidates.length === 1 ? candidates[0] : undefined;
}

/** Prefer the fallback's own city, then its province. */
function narrow(candidates: Place[], fallback: Place): Place[] {
  if (fallback.level >= 2) {
    const sameCity = candidates.filter((p) => p.code.slice(0, 4) === fallback.code.slice(0, 4));
    if (sameCity.length > 0) return sameCity;
  }
  const sameProv = candidates.filter((p) => sameProvince(p, fallback));
  return sameProv.length > 0 ? sameProv : candidates;
}

function sameProvince(a: Place, b: Place): boolean {
  return a.code.slice(0, 2) === b.code.slice(0, 2);
}

/** Can both names appear in one issuer's name: one contains the other, or they are the same place. */
function compatible(a: Place, b: Place): boolean {
  if (!sameProvince(a, b)) return false;
  if (a.level === 1 || b.level === 1) return true;
  if (a.code.slice(0, 4) !== b.code.slice(0, 4)) return false;
  return a.level !== b.level || a.code === b.code;
}
