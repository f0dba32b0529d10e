import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import {
  addTexts,
  charLmFromJson,
  charLmToJson,
  charProb,
  defaultCharLm,
  logProb,
  normaliseForLm,
  pruneCharLm,
  rankCandidates,
  slotScore,
  trainCharLm,
  unknownProb,
  vocabulary,
  type CharLm,
} from '../src/clean/spam/char-lm.js';
import { trainingTexts } from '../scripts/build-char-lm.js';
// Held out: never part of the model's training text (checked below).
import { CLEAN_TEXTS } from './fixtures/spam/clean-texts.js';

const MODEL_FILE = new URL('../src/clean/spam/char-lm.json', import.meta.url);

const TINY = ['政府信息公开工作年度报告', '根据《中华人民共和国政府信息公开条例》', '全年主动公开政府信息123条。\n二、依申请公开'];

/** Σ P(c | history) over the vocabulary plus the unknown event. */
function totalMass(lm: CharLm, history: string): number {
  return vocabulary(lm).reduce((sum, c) => sum + charProb(lm, c, history), unknownProb(lm, history));
}

test('normalisation: NFKC, one space per whitespace run, newline as the boundary, digits and case folded', () => {
  assert.equal(normaliseForLm('２０１９年　公开  信息\r\n\r\n  第二段\tABC'), '0000年 公开 信息\n第二段 abc');
  assert.equal(normaliseForLm('（一）主动公开：'), '(一)主动公开:');
  assert.equal(normaliseForLm('\u{20BB7}\u200b'), '\uE000', 'astral ideographs fold to one placeholder; zero-width chars go');
});

test('probabilities over vocabulary + unknown sum to 1 in every context', () => {
  const models: [string, CharLm][] = [
    ['tiny order 3', trainCharLm(TINY, 3)],
    ['tiny order 1', trainCharLm(TINY, 1)],
    ['shipped', defaultCharLm()],
    ['shipped, pruned to count >= 2', pruneCharLm(defaultCharLm(), 2)],
  ];
  const histories = ['', '根据《', '政府信', '公开', '\n', 'xyz', '低俗', '俗信'];
  for (const [name, lm] of models) {
    for (const h of histories) {
      const mass = totalMass(lm, h);
      assert.ok(Math.abs(mass - 1) < 1e-9, `${name}, history ${JSON.stringify(h)}: mass ${mass}`);
    }
  }
});

test('unseen characters get a small but finite probability', () => {
  const lm = defaultCharLm();
  for (const text of ['Ω', '鼹', 'ж']) {
    const lp = logProb(lm, text, '全年公开');
    assert.ok(Number.isFinite(lp) && lp < logProb(lm, '信', '全年公开'), `${text}: ${lp}`);
    assert.ok(lp > -30, `${text}: ${lp} is not small-but-finite`);
  }
});

test('logProb chains per-character probabilities; only the last order-1 history chars matter', () => {
  const lm = trainCharLm(TINY, 3);
  const expected = Math.log(charProb(lm, '公', '信息')) + Math.log(charProb(lm, '开', '息公'));
  assert.ok(Math.abs(logProb(lm, '公开', '政府信息') - expected) < 1e-12);
  assert.equal(logProb(lm, '公开条例', '很长的前文信息'), logProb(lm, '公开条例', '信息'));
  // No history is the start of a text: the first character of a report is likelier there.
  assert.ok(logProb(lm, '根据') > logProb(lm, '根据', '公开'));
});

test('JSON round trip; bad input throws a clear error', () => {
  const lm = trainCharLm(TINY, 4);
  const back = charLmFromJson(JSON.parse(JSON.stringify(charLmToJson(lm))));
  assert.deepEqual([...back.grams].sort(), [...lm.grams].sort());
  assert.equal(back.trainingChars, lm.trainingChars);
  assert.equal(logProb(back, '公开政府信息', '主动'), logProb(lm, '公开政府信息', '主动'));

  const good = { ...charLmToJson(lm) };
  const bad: [unknown, RegExp][] = [
    [null, /not an object/],
    [[], /not an object/],
    [{ ...good, format: 'other' }, /not a xxgk-char-lm v1 model/],
    [{ ...good, normalisation: 'nfc' }, /rebuild it/],
    [{ ...good, order: 0 }, /order must be an integer/],
    [{ ...good, grams: { '1': 'abc' } }, /4-character n-grams/],
    [{ ...good, grams: { x: 'abcd' } }, /not a positive count/],
    [{ ...good, grams: { '1': '\u{20BB7}ab' } }, /outside the BMP/],
    [{ ...good, grams: { '1': 'abcd', '2': 'abcd' } }, /listed under two counts/],
  ];
  for (const [json, message] of bad) assert.throws(() => charLmFromJson(json), message);
});

test('addTexts adds counts: the same model as training on all texts at once', () => {
  const more = ['某某县人民政府办公室', '某某县政务服务中心'];
  const added = addTexts(trainCharLm(TINY, 4), more);
  const once = trainCharLm([...TINY, ...more], 4);
  assert.deepEqual([...added.grams].sort(), [...once.grams].sort());
  assert.equal(added.trainingChars, once.trainingChars);
  // What the archive adds at run time makes its region names known to the scorer.
  const before = slotScore(defaultCharLm(), '来源：', '某某县', '人民政府');
  const after = slotScore(addTexts(defaultCharLm(), more), '来源：', '某某县', '人民政府');
  assert.ok(after > before + 5, `${before} → ${after}`);
});

test('shipped model: loads once, is small, is what build:lm makes, and held-out texts are not in it', () => {
  const lm = defaultCharLm();
  assert.equal(defaultCharLm(), lm, 'memoised');
  const bytes = statSync(MODEL_FILE).size;
  console.log(`# shipped model: order ${lm.order}, ${lm.trainingChars} training chars, vocabulary ${lm.vocabSize}, ${lm.grams.size} ${lm.order}-grams, ${bytes} bytes`);
  assert.equal(lm.order, 4);
  assert.ok(bytes < 1_500_000);
  assert.ok(lm.vocabSize > 500 && lm.trainingChars > 30_000);

  const texts = trainingTexts();
  const rebuilt = trainCharLm(texts.map((t) => t.text), lm.order);
  assert.equal(rebuilt.grams.size, lm.grams.size, 'char-lm.json is stale: run npm run build:lm');
  assert.equal(JSON.stringify(charLmToJson(rebuilt)), readFileSync(MODEL_FILE, 'utf8'), 'char-lm.json is stale: run npm run build:lm');

  const corpus = texts.map((t) => t.text).join('\n');
  assert.ok(!texts.some((t) => /spam/.test(t.name)));
  for (const c of CLEAN_TEXTS) {
    for (const line of c.text.split('\n').filter((l) => l.length >= 20)) assert.ok(!corpus.includes(line), `held-out line in training: ${line}`);
  }
});

// ---------------------------------------------------------------- restoring words in context

const TARGETS = ['关于', '公开', '政府', '市委', '县委', '人民', '政务', '信息'] as const;

/** Region names in a text: two characters + 省/市/县/区 heading an authority (某某市文化广电…局). */
function regionNames(text: string): string[] {
  const names = text.matchAll(/([\u4e00-\u9fff]{2}[省市县区])(?=人民政府|政府|[\u4e00-\u9fff]{0,8}?[局厅委办])/g);
  return [...new Set([...names].map((m) => m[1]!))];
}

test('slotScore: the true word beats plausible wrong ones and removal', () => {
  const lm = defaultCharLm();
  // [before, true word, after]. From the held-out texts, plus sentences written for this test in
  // the reports' register (the held-out texts have no 关于 or 市委). Not every slot is won: the
  // measurement below counts the losses.
  const windows: [string, string, string][] = [
    ['根据《国务院办公厅', '关于', '印发2020年政务公开工作要点的通知》要求'],
    ['县政府办公室印发了《', '关于', '进一步做好政务公开工作的通知》'],
    ['2020年，在', '市委', '、市政府的正确领导下，市教育局'],
    ['切实保障', '人民', '群众的知情权'],
    ['2019年，我局依据《中华人民共和国政府信息公开条例》，主动', '公开', '娱乐场所管理、体育彩票销售网点布局'],
    ['依法', '公开', '娱乐场所许可事项12项'],
    ['全年收到', '政府', '信息公开申请18件，均在法定期限内答复。'],
    ['通过市', '政府', '门户网站（www.moumou.gov.cn）'],
    ['现将我局2018年政府', '信息', '公开工作情况报告如下。'],
    ['全年', '公开', '体育彩票公益金资助项目42个'],
    ['某某区民政局2021年度', '政府', '信息公开工作年度报告'],
  ];
  const wrong = ['公开', '政府', '市委', '政务', '信息', '人民', '关于', ''];
  for (const [before, truth, after] of windows) {
    const score = slotScore(lm, before, truth, after);
    for (const w of wrong.filter((x) => x !== truth)) {
      const other = slotScore(lm, before, w, after);
      assert.ok(score > other, `${before}[${truth}]${after}: ${truth} ${score.toFixed(2)} ≤ ${w || '(removed)'} ${other.toFixed(2)}`);
    }
  }
});

/**
 * Sentences written for this test in the reports' register, so that 关于, 市委 and 县委 (absent
 * from the held-out texts) are measured too. Written before measuring, not chosen by the result.
 */
const HAND_WRITTEN = [
  '根据《国务院办公厅关于印发2020年政务公开工作要点的通知》要求，结合我县实际，制定本方案。',
  '县政府办公室印发了《关于进一步做好政务公开工作的通知》，明确了各单位的工作职责。',
  '2020年，在市委、市政府的正确领导下，市教育局认真贯彻落实《条例》。',
  '县委、县政府高度重视政府信息公开工作，多次召开专题会议研究部署。',
  '按照省委办公厅、省政府办公厅关于全面推进政务公开工作的实施意见，我市制定了工作方案。',
  '围绕市委中心工作，及时公开重大决策部署落实情况。',
  '在县委、县政府的坚强领导下，我县政务公开工作取得明显成效。',
  '印发《关于做好2021年度政府信息公开工作年度报告编制工作的通知》，规范报告格式。',
  '深入贯彻落实党中央、国务院关于深化政务公开的决策部署和县委工作要求。',
  '及时公开人民群众关心关注的教育、医疗、住房等民生信息。',
].join('\n');

interface Slot {
  before: string;
  truth: string;
  after: string;
  candidates: string[];
}

/** Every occurrence of every target word, blanked one at a time, with the candidate set. */
function blankedSlots(text: string, extraRegions: string[] = []): Slot[] {
  const candidates = [...new Set([...TARGETS, '', ...regionNames(text), ...extraRegions])];
  const slots: Slot[] = [];
  for (const truth of TARGETS) {
    for (let i = text.indexOf(truth); i >= 0; i = text.indexOf(truth, i + 1)) {
      slots.push({ before: text.slice(Math.max(0, i - 12), i), truth, after: text.slice(i + truth.length, i + truth.length + 12), candidates });
    }
  }
  return slots;
}

/** Points after punctuation and at line ends, where spam is inserted rather than substituted: the truth is ''. */
function insertionSlots(text: string): Slot[] {
  const candidates = [...new Set([...TARGETS, '', ...regionNames(text)])];
  const slots: Slot[] = [];
  for (let i = 1; i < text.length; i++) {
    if (/[。；，：\n]/.test(text[i - 1]!) || text[i] === '\n') {
      slots.push({ before: text.slice(Math.max(0, i - 12), i), truth: '', after: text.slice(i, i + 12), candidates });
    }
  }
  return slots;
}

interface Tally {
  slots: number;
  first: number;
  removalWon: number;
  byWord: Map<string, [number, number]>;
  misses: string[];
}

function tally(lm: CharLm, slots: Slot[], lengthBonus = 0, withRemoval = true): Tally {
  const t: Tally = { slots: 0, first: 0, removalWon: 0, byWord: new Map(), misses: [] };
  for (const s of slots) {
    const candidates = withRemoval ? s.candidates : s.candidates.filter((c) => c !== '');
    const best = rankCandidates(lm, s.before, candidates, s.after, { lengthBonus })[0]!.candidate;
    const w = t.byWord.get(s.truth) ?? [0, 0];
    w[1]++;
    t.slots++;
    if (best === s.truth) {
      t.first++;
      w[0]++;
    } else {
      if (best === '') t.removalWon++;
      t.misses.push(`${s.before.slice(-6)}[${s.truth || '∅'}→${best || '∅'}]${s.after.slice(0, 6)}`.replace(/\n/g, '⏎'));
    }
    t.byWord.set(s.truth, w);
  }
  return t;
}

const pct = (a: number, b: number) => `${a}/${b} = ${((100 * a) / b).toFixed(1)}%`;

test('held-out texts: how often the true word ranks first (measured)', () => {
  const lm = defaultCharLm();
  const slots = CLEAN_TEXTS.flatMap((c) => blankedSlots(c.text, [c.portalName.replace(/人民政府$/, '')]));
  const all = tally(lm, slots);
  const started = performance.now();
  const repeats = 20; // warm: the first pass above compiled the code
  for (let i = 0; i < repeats; i++) tally(lm, slots);
  const seconds = (performance.now() - started) / 1000 / repeats;
  const noRemoval = tally(lm, slots, 0, false);
  const bonus1 = tally(lm, slots, 1);
  const insertions = CLEAN_TEXTS.flatMap((c) => insertionSlots(c.text));
  const candidates = slots.reduce((n, s) => n + s.candidates.length, 0);
  console.log(`# held-out (${CLEAN_TEXTS.length} texts): true word first ${pct(all.first, all.slots)}; removal won ${all.removalWon} of the ${all.slots - all.first} misses`);
  console.log(`# by word: ${[...all.byWord].map(([w, [a, b]]) => `${w} ${a}/${b}`).join(', ')}`);
  console.log(`# without the removal candidate: ${pct(noRemoval.first, noRemoval.slots)}`);
  console.log(`# lengthBonus 1: words ${pct(bonus1.first, bonus1.slots)}; insertion points left empty: bonus 0 ${pct(tally(lm, insertions).first, insertions.length)}, bonus 1 ${pct(tally(lm, insertions, 1).first, insertions.length)}`);
  console.log(`# misses: ${all.misses.join('  ')}`);
  const hand = tally(lm, blankedSlots(HAND_WRITTEN));
  console.log(`# hand-written sentences: true word first ${pct(hand.first, hand.slots)}; by word: ${[...hand.byWord].map(([w, [a, b]]) => `${w} ${a}/${b}`).join(', ')}; misses: ${hand.misses.join('  ')}`);
  console.log(`# speed: ${Math.round(all.slots / seconds)} slots/s (${Math.round(candidates / seconds)} candidates/s, ~${(candidates / slots.length).toFixed(1)} candidates per slot)`);
  // Measured when this test was written: 54/73 = 74.0% (removal 18 of 19 misses); 69/73 = 94.5% without removal.
  assert.ok(all.slots >= 60);
  assert.ok(all.first / all.slots >= 0.7, `rank-1 ${all.first}/${all.slots}`);
  assert.ok(noRemoval.first / noRemoval.slots >= 0.9, `rank-1 without removal ${noRemoval.first}/${noRemoval.slots}`);
});

test('training reports, leave one report out: how often the true word ranks first (measured)', () => {
  // A larger sample than the held-out texts: each real or fixture report in turn is left out of
  // training and blanked. The synthetic template reports share wording with the table and 周口
  // reports, so this is a little optimistic; they are never the left-out text.
  const texts = trainingTexts();
  const leftOut = texts.filter((t) => !t.name.startsWith('synthetic-'));
  const sum = { words: [0, 0], noRemoval: [0, 0], bonus1: [0, 0], insertions: [0, 0], insertionsBonus1: [0, 0] };
  const add = (k: keyof typeof sum, t: Tally) => {
    sum[k][0]! += t.first;
    sum[k][1]! += t.slots;
  };
  for (const out of leftOut) {
    const lm = trainCharLm(texts.filter((t) => t !== out).map((t) => t.text));
    const slots = blankedSlots(out.text);
    add('words', tally(lm, slots));
    add('noRemoval', tally(lm, slots, 0, false));
    add('bonus1', tally(lm, slots, 1));
    add('insertions', tally(lm, insertionSlots(out.text)));
    add('insertionsBonus1', tally(lm, insertionSlots(out.text), 1));
  }
  const [w, n] = sum.words as [number, number];
  console.log(`# leave-one-out (${leftOut.length} reports): true word first ${pct(w, n)}; without removal ${pct(sum.noRemoval[0]!, sum.noRemoval[1]!)}`);
  console.log(`# leave-one-out, lengthBonus 1: words ${pct(sum.bonus1[0]!, sum.bonus1[1]!)}; insertion points left empty: bonus 0 ${pct(sum.insertions[0]!, sum.insertions[1]!)}, bonus 1 ${pct(sum.insertionsBonus1[0]!, sum.insertionsBonus1[1]!)}`);
  // Measured when this test was written: 71.6% with removal, 92.4% without.
  assert.ok(w / n >= 0.68, `rank-1 ${w}/${n}`);
  assert.ok(sum.noRemoval[0]! / sum.noRemoval[1]! >= 0.88);
});
