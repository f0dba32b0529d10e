/**
 * Spam as real hijacked pages carry it (issue 9): brands for ordinary words (关于, region names,
 * 市委/县委, 公开, 政府), one brand for two words, brands of every shape, hijacked listing titles,
 * replaced words left alone elsewhere. Measured separately on brands whose parts the vocabulary
 * may hold, on held-out brands, on a fresh pool nobody working on src/ has looked at (aggregate
 * numbers only), and on the real pages' brands from the issue (never used to write a rule).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { learnSubstitutions, repairText } from '../src/clean/spam/index.js';
import { classifyTitle } from '../src/extract/report-title.js';
import { defaultCharLm, extendDefaultCharLm, logProb } from '../src/clean/spam/char-lm.js';
import { extendModelWithCleanTexts } from '../src/clean/spam/model-texts.js';
import { brandPool, type BrandPool } from './fixtures/spam/hijack-brands.js';
import { hijackedListingTitles } from './fixtures/spam/hijack-listings.js';
import { hijackCases, type HijackCase } from './fixtures/spam/hijack-set.js';
import { CLEAN_DENSE } from './fixtures/spam/clean-dense.js';
import { CLEAN_TEXTS } from './fixtures/spam/clean-texts.js';
import { scoreRepair } from './fixtures/spam/measure.js';

function repair(c: HijackCase) {
  const context = { portalName: c.portalName, portalHost: c.portalHost, regionCode: c.region.code, ...(c.listingTitle ? { listingTitle: c.listingTitle } : {}) };
  return repairText(c.text, learnSubstitutions([c.text], context), 'text');
}

function measure(pool: BrandPool) {
  const t = { injected: 0, removed: 0, removedInjected: 0, restorable: 0, restored: 0, residue: 0 };
  for (const c of hijackCases(pool)) {
    const { text } = repair(c);
    const s = scoreRepair(c.text, text, c.spans);
    t.injected += s.injected;
    t.removed += s.removed;
    t.removedInjected += s.removedInjected;
    t.restorable += s.restorable;
    t.restored += s.restored;
    for (const brand of brandPool(pool)) t.residue += text.split(brand).length - 1;
  }
  const result = {
    precision: t.removedInjected / t.removed,
    recall: t.removedInjected / t.injected,
    restoration: t.restored / t.restorable,
    residue: t.residue,
  };
  // Numbers only: the fresh pool's brands must never reach a log.
  console.log(`# ${pool}: brand residue ${t.residue}, precision ${result.precision.toFixed(3)}, recall ${result.recall.toFixed(3)}, restored ${t.restored}/${t.restorable} = ${result.restoration.toFixed(3)}`);
  return result;
}

// Floors are what was measured when the stage was written, a little below: restored vocab 0.983,
// held-out 0.975, fresh 0.925, real 0.983; brand characters removed 1.000, 0.999, 0.972, 1.000;
// whole brands left 0 in every pool. Issue 9 asks for 0.9 restored and no brand left.
const FLOORS: Record<BrandPool, { restoration: number; recall: number; residue: number }> = {
  vocab: { restoration: 0.95, recall: 0.99, residue: 0 },
  'held-out': { restoration: 0.95, recall: 0.99, residue: 0 },
  fresh: { restoration: 0.9, recall: 0.96, residue: 0 },
  real: { restoration: 0.95, recall: 0.99, residue: 0 },
};

for (const pool of ['vocab', 'held-out', 'fresh', 'real'] as const) {
  test(`hijacked pages, ${pool} brands: no brand left, nothing legitimate removed, most originals restored`, () => {
    const m = measure(pool);
    assert.ok(m.residue <= FLOORS[pool].residue, `${m.residue} whole brands left in the text`);
    assert.equal(m.precision, 1, 'legitimate characters removed or changed');
    assert.ok(m.recall >= FLOORS[pool].recall, `recall ${m.recall}`);
    assert.ok(m.restoration >= FLOORS[pool].restoration, `restoration ${m.restoration}`);
  });
}

test('clean texts dense with 关于/公开/政府/体育/彩票/娱乐/足球/app/官网 and sports scores are left byte for byte', () => {
  for (const c of [...CLEAN_DENSE, ...CLEAN_TEXTS]) {
    const { text, findings } = repairText(c.text, learnSubstitutions([c.text], { portalName: c.portalName, portalHost: c.portalHost }), 'text');
    assert.equal(text, c.text, c.name);
    assert.deepEqual(findings, [], c.name);
  }
});

test('one brand for two words: each occurrence restored on its own, with its evidence and confidence', () => {
  // A page where one held-out brand stands for 公开 in some places and 政府 in others.
  const cases = hijackCases('held-out').filter((c) => c.classes.includes('one-brand-two-words'));
  assert.ok(cases.length > 0);
  let both = 0;
  for (const c of cases) {
    const { findings } = repair(c);
    const restored = new Set(findings.filter((f) => f.replacement).map((f) => `${f.found.replace(/[:：]$/, '')}→${f.replacement}`));
    const perBrand = new Map<string, Set<string>>();
    for (const r of restored) {
      const [brand, word] = r.split('→') as [string, string];
      perBrand.set(brand, (perBrand.get(brand) ?? new Set()).add(word));
    }
    if ([...perBrand.values()].some((words) => words.size >= 2)) both++;
    for (const f of findings.filter((x) => x.replacement && x.evidence)) {
      assert.match(f.evidence!, /ranked /);
      assert.ok(f.confidence !== undefined && f.confidence > 0 && f.confidence <= 1);
    }
  }
  console.log(`# pages where one brand was restored as two different words: ${both}/${cases.length}`);
  assert.ok(both >= cases.length / 2, `${both}/${cases.length}`);
});

test('hijacked listing titles: reports still recognised, other items still not', () => {
  for (const pool of ['vocab', 'held-out', 'fresh', 'real'] as const) {
    const titles = hijackedListingTitles(pool);
    const wrong = titles.filter((t) => classifyTitle(t.title).isReport !== t.isReport).length;
    assert.equal(wrong, 0, `${pool}: ${wrong} of ${titles.length} titles judged wrong`);
  }
});

test('the archive\'s clean reports extend the model: a word the shipped text lacks becomes readable', () => {
  const before = logProb(defaultCharLm(), '县委', '在中共某某');
  extendDefaultCharLm(['在县委、县政府的坚强领导下，县委常委会研究部署政务公开工作。', '县委办公室、县政府办公室联合印发方案。']);
  try {
    assert.ok(logProb(defaultCharLm(), '县委', '在中共某某') > before + 2);
  } finally {
    extendDefaultCharLm([]);
  }
  assert.equal(logProb(defaultCharLm(), '县委', '在中共某某'), before);
});

test('the archive\'s reports extend the model only when the shipped model sees no spam in them', () => {
  // An archive written by older rules holds hijacked pages with no findings: trained on, their
  // brands would read as report text and no longer be found.
  const hijacked = hijackCases('held-out').map((c) => c.text);
  const clean = [...CLEAN_DENSE, ...CLEAN_TEXTS].map((c) => c.text);
  try {
    const used = extendModelWithCleanTexts([...hijacked, ...clean]);
    assert.equal(used, clean.length, `${used} texts used of ${clean.length} clean and ${hijacked.length} hijacked`);
  } finally {
    extendDefaultCharLm([]);
  }
});
