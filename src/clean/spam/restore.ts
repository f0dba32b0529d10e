/**
 * What one occurrence of a brand stood for, decided occurrence by occurrence: real hijacks use one
 * brand for several words on one page (公开 here, 政府 there), so a page-wide brand → word map
 * cannot restore them. Candidates come from the page's evidence (words fixed phrases revealed,
 * the region of the portal and its parents, the portal's name, the words hijackers replace);
 * each is scored by how well the restored sentence reads under a character model of clean report
 * text (char-lm.ts). A candidate is restored only when it clearly wins, over the others and over
 * removing the brand; otherwise the brand is removed and the occurrence left unresolved.
 */
import { defaultCharLm, logProb, type CharLm } from './char-lm.js';
import type { SpamContext } from './spam-types.js';
import { portalGovName } from './slots.js';
import { scanRegionNames, stemOf } from '../../extract/region-index.js';
import { placeByCode } from '../../extract/region-data.js';

/** The words black-hat mirrors replace most (issue 9: 关于, region names, 市委/县委, 公开, 政府). */
export const COMMON_TARGETS = ['关于', '公开', '政府', '市委', '县委', '区委', '政务', '信息', '人民政府', '政府信息公开', '信息公开', '政务公开'];

/** Characters of context read on either side of an occurrence. */
const BEFORE = 8;
const AFTER = 12;
/**
 * Nats per restored character. With a model this small, dropping a word often reads better than
 * spelling it out; a substitution is what a brand between words usually is (char-lm.ts measured
 * 83 % of blanked words ranked first with 1, 74 % with none).
 */
const LENGTH_BONUS = 1;
/** How far the best word must lead removal and the runner-up, in nats, to be restored. */
const LEAD_OVER_REMOVAL = 1.5;
const LEAD_OVER_NEXT = 1;

export interface Restoration {
  /** '' when no candidate clearly won: the brand is removed. */
  replacement: string;
  /** 0–1: how clearly the replacement won (1 − e^−lead). */
  confidence: number;
  /** The ranking behind the decision, best first, for the audit trail. */
  evidence: string;
}

/** Region names the page may have had replaced: the portal's region, full and short, and its parents. */
export function regionWords(context: SpamContext): string[] {
  const known = regionWordsOf.get(context);
  if (known) return known;
  const words = new Set<string>();
  const codes = new Set<string>();
  if (context.regionCode) codes.add(context.regionCode);
  for (const source of [portalGovName(context.portalName), context.listingTitle ?? '']) {
    for (const hit of scanRegionNames(source.replace(/\s+/g, ''))) for (const p of hit.places) codes.add(p.code);
  }
  for (const code of codes) {
    for (const parent of [code, `${code.slice(0, 4)}00`, `${code.slice(0, 2)}0000`]) {
      const place = placeByCode(parent);
      if (!place) continue;
      words.add(place.name);
      const stem = stemOf(place);
      if (stem.length >= 2) words.add(stem);
    }
  }
  const list = [...words];
  regionWordsOf.set(context, list);
  return list;
}

/** One page's context is asked for its region words at every occurrence. */
const regionWordsOf = new WeakMap<SpamContext, string[]>();

/** Every word an occurrence on this page may have stood for. */
export function restorationCandidates(context: SpamContext, learned: readonly string[]): string[] {
  const name = portalGovName(context.portalName);
  return [...new Set([...learned.filter(Boolean), ...COMMON_TARGETS, ...regionWords(context), ...(name ? [name] : [])])];
}

/**
 * The best filler between `head` (the line up to the brand, earlier brands already restored) and
 * `tail` (the line after it, later brands left out). The page's own evidence gives some candidates a
 * head start over the model: what `hints` say about the brand as a whole, the portal's own region
 * name over its parents' (a county's page names the county most), a word that completes the
 * portal's name or a fixed phrase around the brand.
 */
export function restoreOccurrence(head: string, tail: string, candidates: readonly string[], context: SpamContext, hints: BrandHints = {}, lm: CharLm = defaultCharLm()): Restoration {
  return restoreRun(head, tail, [hints], candidates, context, lm)[0]!;
}

/**
 * Brands side by side (主动<b><b>信息) decided together: they stood for two words that read right
 * only with each other (公开政府), so every combination is scored as one text and each brand takes
 * its word from the best combination. `hints` has one entry per brand of the run.
 */
export function restoreRun(head: string, tail: string, hints: readonly BrandHints[], candidates: readonly string[], context: SpamContext, lm: CharLm = defaultCharLm()): Restoration[] {
  const slots = hints.map((h) => slotWords(head, tail, candidates, context, h, lm));
  const before = head.slice(-BEFORE);
  const after = tail.slice(0, AFTER);
  // Left to right, keeping the best partial readings; the last slot's are scored with `after`.
  let beam: { words: string[]; score: number }[] = [{ words: [], score: 0 }];
  slots.forEach((slot, i) => {
    const last = i === slots.length - 1;
    const next = beam.flatMap((state) =>
      // Two brands side by side never stood for the same word twice (公开公开 reads too kindly).
      slot.filter((w) => !w.word || !stutters(w.word, before + state.words.join(''), '')).map((w) => {
        const words = [...state.words, w.word];
        return { words, score: logProb(lm, words.join('') + (last ? after : ''), before) + sumBonus(slots, words) };
      }),
    );
    beam = next.sort((a, b) => b.score - a.score).slice(0, last ? next.length : BEAM);
  });
  return slots.map((slot, i) => decide(beam, i));
}

/** Partial readings kept per brand of a run. */
const BEAM = 64;

function sumBonus(slots: SlotWord[][], words: string[]): number {
  return words.reduce((sum, w, i) => sum + (slots[i]!.find((s) => s.word === w)?.bonus ?? 0), 0);
}

/**
 * Slot `i`'s word from the scored readings (best first): the best reading's word, restored when it
 * clearly beats removing the brand and the next word with the other brands' words kept as the best
 * reading has them (主动<b><b>信息: 公开政府 against 公开∅ and 公开政务, not against ∅公开).
 */
function decide(readings: { words: string[]; score: number }[], i: number): Restoration {
  const best = readings[0]!;
  const sameElsewhere = (r: { words: string[] }): boolean => r.words.every((w, j) => j === i || w === best.words[j]);
  const rivals = readings.filter(sameElsewhere);
  const evidence = rivals.slice(0, 4).map((r) => `${r.words[i] || '∅'} ${r.score.toFixed(1)}`).join(', ');
  const word = best.words[i]!;
  if (!word) return { replacement: '', confidence: 0, evidence };
  const removal = rivals.find((r) => r.words[i] === '');
  const next = rivals.find((r) => r.words[i] !== '' && r.words[i] !== word);
  // Words are ranked against each other by the model alone; against removal with a bonus per
  // restored character (a long name must not win over a short word just for its length).
  const overRemoval = removal ? best.score + LENGTH_BONUS * [...word].length - removal.score - LEAD_OVER_REMOVAL : Infinity;
  const lead = Math.min(overRemoval, best.score - (next?.score ?? -Infinity) - LEAD_OVER_NEXT);
  if (lead < 0) return { replacement: '', confidence: 0, evidence };
  return { replacement: word, confidence: Number((1 - Math.exp(-lead - 1)).toFixed(2)), evidence };
}

/** A word that may fill a slot and its head start over the model, in nats. */
interface SlotWord {
  word: string;
  bonus: number;
}

/** The words one brand may have stood for ('' is removal), each with the page's evidence for it. */
function slotWords(head: string, tail: string, candidates: readonly string[], context: SpamContext, hints: BrandHints, lm: CharLm): SlotWord[] {
  const before = head.slice(-BEFORE);
  const after = tail.slice(0, AFTER);
  const prior = priors(context, hints);
  const phrased = phraseWords(before, after, context);
  // A fixed phrase that names the committee's level rules out the other levels' (县委、县政府).
  const committee = phrased.find((w) => COMMITTEE.test(w));
  // A word that would repeat the text beside it (政府信息公开 before 信息…) is no candidate: the
  // model reads such stutters too kindly, and they crowd out the word that fits (政府).
  const fitting = candidates.filter((c) => !stutters(c, before, after) && !(committee && COMMITTEE.test(c) && c !== committee));
  const name = portalGovName(context.portalName);
  const namesPortal = (c: string): boolean => c !== '' && name.length >= 4 && (before.slice(-name.length) + c + after.slice(0, name.length)).includes(name);
  // A word the words around call for (a fixed phrase, the portal's name completed) is charged as
  // ordinary text, not by its own letters: a model of 45 000 characters has rarely seen a place's
  // (枝江, 宜昌) and never 县委. Never dearer than ordinary text: a word it knows keeps its score.
  const called = (c: string): boolean => phrased.includes(c) || namesPortal(c);
  const ownCost = (c: string): number => (c && called(c) ? Math.min(0, logProb(lm, c, before) - CALLED_CHAR * [...c].length) : 0);
  // The page's own usage: a name it writes elsewhere before the same words (枝江市农业农村局).
  const used = (c: string): number => (hints.names?.[c]?.includes(after.slice(0, FOLLOWER)) ? USED_BONUS : 0);
  // 宜昌市人民政府办公室对我市…: a sentence that calls the portal's region 我市 names another.
  const own = regionWords(context).slice(0, 2);
  const other = (c: string): number => (own.includes(c) && SELF_REFERENCE.test(after.split(/[。；;！？]/)[0] ?? '') ? -SELF_PENALTY : 0);
  return [...new Set([...fitting, ...phrased, ''])].map((word) => ({
    word,
    bonus: -ownCost(word) + (prior.get(word) ?? 0) + (namesPortal(word) ? NAME_BONUS : 0) + (phrased.includes(word) ? PHRASE_BONUS : 0) + used(word) + other(word),
  }));
}

const COMMITTEE = /^[县市区省]委$/;

/** Head start of a place name the page writes elsewhere before the same words. */
const USED_BONUS = 2;

/** How the page names its own region in the first person. */
const SELF_REFERENCE = /我(?:省|市|县|区)|本(?:省|市|县|区)/;
const SELF_PENALTY = 8;

/** The candidate holds the two characters that follow it or the two that precede it (公开 before 公开…). */
function stutters(candidate: string, before: string, after: string): boolean {
  const next = after.slice(0, 2);
  const last = before.slice(-2);
  return (next.length === 2 && candidate.includes(next)) || (last.length === 2 && candidate.includes(last));
}

/** What the page says about one brand as a whole. */
export interface BrandHints {
  /** The word fixed phrases around its occurrences revealed (《中华人民共和国…条例》 → 政府信息公开). */
  favoured?: string;
  /** Share of each word among its occurrences restored with confidence: what it stands for elsewhere. */
  shares?: Readonly<Record<string, number>>;
  /** The page's untouched place names and the words after them (namesInUse). */
  names?: Readonly<Record<string, readonly string[]>>;
}

/**
 * The words that follow each place name where the page left it untouched (枝江市农业农村局 →
 * 市农业): which of two names (the county's, its city's) the page uses before the same words.
 */
export function namesInUse(texts: readonly string[], names: readonly string[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const name of names) {
    const followers = new Set<string>();
    for (const text of texts) {
      for (let i = text.indexOf(name); i >= 0; i = text.indexOf(name, i + 1)) {
        const next = text.slice(i + name.length, i + name.length + FOLLOWER);
        if (next.length === FOLLOWER) followers.add(next);
      }
    }
    if (followers.size) out[name] = [...followers];
  }
  return out;
}

/** Characters after a place name that tell its uses apart (市农业 from 市人民). */
const FOLLOWER = 3;

/** Head starts, in nats: the page's own region first, then its parents; words the page revealed. */
function priors(context: SpamContext, hints: BrandHints): Map<string, number> {
  const out = new Map<string, number>();
  const add = (w: string, n: number): void => void out.set(w, (out.get(w) ?? 0) + n);
  // regionWords lists each region's full name and stem, the portal's own region first.
  regionWords(context).forEach((w, i) => add(w, Math.max(0, REGION_BONUS - i * 0.5)));
  if (hints.favoured) add(hints.favoured, FAVOURED_BONUS);
  for (const [w, share] of Object.entries(hints.shares ?? {})) add(w, SHARE_BONUS * share);
  return out;
}

/** Head start of a word per share of the brand's confident restorations elsewhere on the page. */
const SHARE_BONUS = 3;

/**
 * Page-level hints for a brand: its first-pass restorations at every occurrence, counted where
 * they were confident. `occurrences` are [head, tail] pairs as restoreOccurrence takes them.
 */
export function brandHints(occurrences: [string, string][], candidates: readonly string[], context: SpamContext, favoured = '', lm: CharLm = defaultCharLm()): BrandHints {
  const counts = new Map<string, number>();
  let confident = 0;
  for (const [head, tail] of occurrences) {
    const r = restoreOccurrence(head, tail, candidates, context, favoured ? { favoured } : {}, lm);
    if (r.replacement && r.confidence >= CONFIDENT) {
      counts.set(r.replacement, (counts.get(r.replacement) ?? 0) + 1);
      confident++;
    }
  }
  const shares: Record<string, number> = {};
  for (const [w, n] of counts) shares[w] = n / confident;
  return { ...(favoured ? { favoured } : {}), shares };
}

/** A first-pass restoration this clear counts as the page's evidence for the brand. */
const CONFIDENT = 0.9;

/**
 * Fixed phrases of these reports and pages that admit one word in the brand's place: the party
 * committee before its government (县委、县政府; the nav bar's 县委 县政府 县人大), 中共X县委,
 * 政府采购, 视察X重要讲话精神. The committee's level is the portal's (a county's page says 县委).
 */
function phraseWords(before: string, after: string, context: SpamContext): string[] {
  const out: string[] = [];
  const regions = regionWords(context);
  // The nav bar's 县委 县政府 县人大, 县委、县政府, 中共鹿邑县委　鹿邑县人民政府.
  const stems = regions.filter((w) => !/[省市县区]$/.test(w)).join('|');
  const committee = new RegExp(`^[、\\s]*(?:${stems || '(?!)'})?(县|市|区|省)(?:人民)?(?:政府|人大|政协)`).exec(after);
  if (committee) out.push(`${committee[1]}委`);
  const party = /中共(\S{0,8})$/.exec(before);
  if (party || PARTY_ORGAN.test(after)) out.push(`${partyLevel(party?.[1] ?? '', regions, context)}委`);
  // 市委办公室、市<brand>办公室: the government beside its party committee.
  if (/([县市区省])委[^、，,。；\s]{0,6}、\1$/.test(before)) out.push('政府');
  if (/^采购/.test(after)) out.push('政府');
  // The report's own name: …2024年<brand>工作年度报告.
  if (/(?:年|年度|人民政府|办公室|局|委员会)$/.test(before) && /^(?:工作)?(?:年度)?报告/.test(after)) out.push('政府信息公开');
  // A title that opens with its issuer (<brand>2018年…, <brand>市2018年…) names the portal's own
  // government, not a parent's: the portal's region and name only.
  const opensTitle = before.trim() === '' && /^[省市县区]?(?:人民政府)?(?:19|20)\d\d年/.test(after);
  if (opensTitle) out.push(...regions.slice(0, 2), ...(portalGovName(context.portalName) ? [portalGovName(context.portalName)] : []));
  // 视察湖北重要讲话精神: the leader's inspection tours name the province, on a county's page too.
  if (/视察$/.test(before) && /^重要讲话/.test(after)) out.push(...provinceWords(context));
  // Cited document titles: 《…办公室关于印发…的通知》, 《关于进一步做好…》.
  if ((/《$/.test(before) || (/(?:办公厅|办公室|人民政府|委员会|国务院|中央|部|厅|局)$/.test(before) && before.includes('《'))) && DOCUMENT_VERB.test(after)) out.push('关于');
  if (/(?:办公厅|办公室)$/.test(before) && DOCUMENT_VERB.test(after)) out.push('关于');
  // A region's short name before its level: <brand>市体育局 on 周口市's page is 周口.
  const level = /^(?:省|市|县|区)/.exec(after)?.[0];
  if (level && !opensTitle) out.push(...regions.filter((word) => regions.includes(word + level)));
  return out;
}

/**
 * The level of a party committee: the region named after 中共 (中共开封 → 市, on a district's page
 * too), else the portal's own.
 */
function partyLevel(named: string, regions: readonly string[], context: SpamContext): string {
  for (const word of regions) {
    if (!word || !named.endsWith(word)) continue;
    const full = regions.find((r) => r.length === word.length + 1 && r.startsWith(word) && /[省市县区]$/.test(r));
    if (full) return full.slice(-1);
  }
  return levelWord(context);
}

/** Organs of a party committee, after its name (市委宣传部, 市委全面深化改革委员会). */
const PARTY_ORGAN = /^(?:常委|全会|书记|副书记|宣传部|组织部|统战部|政法委|巡察|全面深化改革委员会|深改委|全面依法治|财经委员会|机构编制委员会|编委|网络安全和信息化委员会|网信办|外事工作委员会)/;

/** The province of the portal's region, full and short. */
function provinceWords(context: SpamContext): string[] {
  const code = context.regionCode ?? '';
  const place = code.length === 6 ? placeByCode(`${code.slice(0, 2)}0000`) : undefined;
  if (place) return [place.name, stemOf(place)].filter((w) => w.length >= 2);
  return regionWords(context).slice(-2);
}

/** What a cited document does, right after its 关于. */
const DOCUMENT_VERB = /^(?:印发|做好|进一步|加强|全面|推进|开展|深化|转发|公布|调整|建立|实施|促进|加快|规范|落实|贯彻|完善|切实)/;

/** 县, 市 or 省: the level of the portal's government, from its name. */
function levelWord(context: SpamContext): string {
  const name = portalGovName(context.portalName);
  if (/县/.test(name)) return '县';
  if (/区/.test(name)) return '区';
  if (/省/.test(name) && !/市/.test(name)) return '省';
  return '市';
}

/** Head start of the word a fixed phrase around the brand calls for. */
const PHRASE_BONUS = 8;

/** Log-probability per character (nats) a called-for word is charged instead of the model's own. */
const CALLED_CHAR = -3;

/** Head start of a word that makes the portal's own name (鹿邑县 before 人民政府 on 鹿邑县人民政府's site). */
const NAME_BONUS = 5;

/** Head start of the portal's own region name. */
const REGION_BONUS = 2;

/** Nats added to the word a fixed phrase revealed for this brand. */
const FAVOURED_BONUS = 3;
