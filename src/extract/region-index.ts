/**
 * Finds region names in a short string (issuer, title, 来源 line): official full names, their
 * unambiguous short forms (鹿邑 → 鹿邑县, 河南 → 河南省, 大理州 → 大理白族自治州), former names from
 * region-renames.ts, and former suffixes of today's names (淮阳县 → 淮阳区, 铜仁地区 → 铜仁市).
 *
 * Scanning is greedy, left to right, longest name first, so 开封市祥符区 reads as 开封市 + 祥符区 and
 * 平和县 is never read as 和县. Full names may be ambiguous (鼓楼区 ×4); region.ts disambiguates.
 */
import { allPlaces, placeByCode, type Place } from './region-data.js';
import { REGION_RENAMES } from './region-renames.js';

/** How a name was matched. When two produce the same text, full names win, then renames. */
export type NameKind = 'full' | 'renamed' | 'resuffixed' | 'short';

export interface NameHit {
  /** Today's regions the name may denote (several for duplicates such as 鼓楼区). */
  places: Place[];
  /** Name to report: the full form of what was written (鹿邑 → 鹿邑县; 开封县 stays 开封县). */
  written: string;
  kind: NameKind;
  start: number;
  end: number;
}

interface Alias {
  places: Place[];
  written: string;
  kind: NameKind;
}

const ETHNIC =
  /(?:蒙古|回|藏|维吾尔|苗|彝|壮|布依|朝鲜|满|侗|瑶|白|土家|哈尼|哈萨克|傣|黎|傈僳|佤|畲|高山|拉祜|水|东乡|纳西|景颇|柯尔克孜|土|达斡尔|仫佬|羌|布朗|撒拉|毛南|仡佬|锡伯|阿昌|普米|塔吉克|怒|乌孜别克|俄罗斯|鄂温克|德昂|保安|裕固|京|塔塔尔|独龙|鄂伦春|赫哲|门巴|珞巴|基诺)族?$/;

const SUFFIX: Record<number, RegExp> = {
  1: /(?:特别行政区|自治区|省|市)$/,
  2: /(?:自治州|地区|盟|市)$/,
  3: /(?:自治县|自治旗|新区|林区|特区|县|区|市|旗)$/,
};

/**
 * Short forms that are everyday words or names of other things (公安局, 中原经济区, 自然资源,
 * 合作, 通道, 中山路/中山大学, 兴业银行): never read as places, though each is the stem of a real
 * county or city. Their full names (公安县, 中原区 …) still match.
 */
const NOT_PLACES = new Set([
  '公安', '中原', '资源', '合作', '通道', '方正', '大方', '中方', '光明', '红旗', '解放', '前进',
  '新建', '东方', '平安', '兴业', '共和', '友好', '永安', '太平', '安定', '宁安', '正安', '中山',
]);

/** Full names too generic to trust without their city written just before (长治市城区). */
export const NEEDS_PARENT = new Set(['城区', '郊区', '矿区', '东区', '西区', '市中区']);

let index: { aliases: Map<string, Alias>; maxLength: number } | undefined;

export function stemOf(place: Place): string {
  let stem = place.name.replace(SUFFIX[place.level]!, '');
  // Ethnic names only go with an autonomous suffix; 内蒙古 keeps its 蒙古.
  if (stem !== place.name && /自治|特别/.test(place.name)) {
    for (let prev = ''; prev !== stem; ) {
      prev = stem;
      const cut = stem.replace(ETHNIC, '');
      if (cut.length >= 2) stem = cut;
    }
  }
  return stem;
}

function build(): { aliases: Map<string, Alias>; maxLength: number } {
  const aliases = new Map<string, Alias>();
  const add = (key: string, alias: Alias) => {
    const have = aliases.get(key);
    if (!have) aliases.set(key, alias);
    else if (have.kind === alias.kind && alias.kind === 'full') have.places.push(...alias.places);
  };
  const places = allPlaces();
  for (const p of places) add(p.name, { places: [p], written: p.name, kind: 'full' });

  for (const r of REGION_RENAMES) {
    const today = placeByCode(r.code);
    if (!today) continue;
    add(r.old, { places: [today], written: r.old, kind: 'renamed' });
  }

  // Short forms and former suffixes: a county became a district (县→区) or city (县→市), a
  // county-level city a district (市→区), a prefecture (地区) a city. Both need a stem that is unique
  // among today's names to stand for one place.
  const stems = new Map<string, Place[]>();
  for (const p of places) {
    const stem = stemOf(p);
    if (stem.length < 2 || stem === p.name) continue;
    stems.set(stem, [...(stems.get(stem) ?? []), p]);
    if (p.name.endsWith('自治州')) add(`${stem}州`, { places: [p], written: p.name, kind: 'short' });
  }
  for (const [stem, ps] of stems) {
    if (aliases.has(stem)) continue;
    if (ps.length === 1) {
      const p = ps[0]!;
      if (!NOT_PLACES.has(stem)) add(stem, { places: [p], written: p.name, kind: 'short' });
      for (const old of formerNames(p, stem)) add(old, { places: [p], written: old, kind: 'resuffixed' });
      continue;
    }
    // A stem shared across levels names the larger unit when said bare: 河南 is 河南省, not
    // 河南蒙古族自治县; 吉林 is 吉林省, not 吉林市.
    const top = Math.min(...ps.map((p) => p.level));
    const atTop = ps.filter((p) => p.level === top);
    if (atTop.length === 1 && !NOT_PLACES.has(stem)) {
      add(stem, { places: atTop, written: atTop[0]!.name, kind: 'short' });
    }
  }
  // 襄樊 → 襄樊市, unless today's names already use the stem (开封 is 开封市, not 开封县).
  for (const r of REGION_RENAMES) {
    const stem = r.old.replace(/[县区市]$/, '');
    const today = placeByCode(r.code);
    if (stem.length < 2 || !today || stems.has(stem) || aliases.has(stem)) continue;
    add(stem, { places: [today], written: r.old, kind: 'short' });
  }
  let maxLength = 0;
  for (const key of aliases.keys()) maxLength = Math.max(maxLength, key.length);
  return { aliases, maxLength };
}

function formerNames(p: Place, stem: string): string[] {
  if (p.level === 2 && p.name.endsWith('市')) return [`${stem}地区`];
  if (p.level !== 3) return [];
  if (/[^新林特]区$/.test(p.name)) return [`${stem}县`, `${stem}市`];
  if (p.name.endsWith('市')) return [`${stem}县`];
  return [];
}

/** Region names in `s` (already normalized: no spaces), left to right, non-overlapping. */
export function scanRegionNames(s: string): NameHit[] {
  if (!index) index = build();
  const { aliases, maxLength } = index;
  const hits: NameHit[] = [];
  for (let i = 0; i < s.length; ) {
    const hit = longestAt(s, i, aliases, maxLength);
    if (hit) {
      hits.push(hit);
      i = hit.end;
    } else i++;
  }
  return hits;
}

function longestAt(s: string, i: number, aliases: Map<string, Alias>, maxLength: number): NameHit | undefined {
  for (let len = Math.min(maxLength, s.length - i); len >= 2; len--) {
    const key = s.slice(i, i + len);
    const alias = aliases.get(key);
    if (!alias) continue;
    if (alias.kind === 'short' && !shortNameEndsHere(s, i + len, alias.places[0]!)) continue;
    return { places: alias.places, written: alias.written, kind: alias.kind, start: i, end: i + len };
  }
  return undefined;
}

/**
 * A bare short form counts only where a place name can end: at the end, before a non-Chinese
 * character (鹿邑2019年), before the government (河南政府), a party committee, or another region
 * name (开封祥符区). Province and prefecture short forms also open an organisation's name
 * (郑州航空港经济综合实验区, 中国人民银行郑州中心支行) unless a street or township follows (南京路).
 * A county's two characters are too often part of a word: 鹿邑县公安局's 公安, 金水路's 金水.
 */
function shortNameEndsHere(s: string, end: number, place: Place): boolean {
  const rest = s.slice(end);
  if (rest === '' || !/^[\u3400-\u9fff]/.test(rest)) return true;
  if (/^(?:人民政府|政府|省委|市委|县委|区委|州委|盟委|旗委)/.test(rest)) return true;
  if (place.level <= 2 && !/^[路街巷道镇乡村]/.test(rest)) return true;
  if (!index) return false;
  for (let len = Math.min(index.maxLength, rest.length); len >= 2; len--) {
    const a = index.aliases.get(rest.slice(0, len));
    if (a && a.kind !== 'short') return true;
  }
  return false;
}
