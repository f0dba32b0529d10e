/**
 * Builds the shipped character language model (src/clean/spam/char-lm.json) from the clean
 * report text the repo holds: the four clean seed reports (their report bodies, chrome excluded)
 * and the clean report texts of the simulator's fixtures. Never the spammed Yunnan seed, and never
 * test/fixtures/spam/ (held out to measure the model). Run: npm run build:lm
 */
import { statSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { charLmToJson, pruneCharLm, trainCharLm, type CharLm } from '../src/clean/spam/char-lm.js';
import { seedBodyLines, type SeedName } from '../sim/fixtures/seed-text.js';
import { legacyReport, type ReportVoice } from '../sim/fixtures/synthetic-legacy.js';
import { report2019 } from '../sim/fixtures/synthetic-2019.js';
import { henanFinance2019, luyi2021, xiangfu2020 } from '../sim/fixtures/table-reports.js';
import { ZHOUKOU_2019, ZHOUKOU_2020, ZHOUKOU_2021 } from '../sim/fixtures/zhoukou-city-reports.js';
import { SHANGWU_2019, WENGUANGLV_2020 } from '../sim/fixtures/zhoukou-dept-reports.js';

export const ORDER = 4;
/** The JSON must stay small enough to ship; rare top-order n-grams go first if it grows past this. */
const MAX_BYTES = 1_500_000;
const OUT = new URL('../src/clean/spam/char-lm.json', import.meta.url);

const CLEAN_SEEDS: SeedName[] = ['henan-office-2019', 'henan-province-2018', 'kaifeng-xiangfu-2016', 'luyi-county-2019'];

/**
 * The synthetic templates, each rendered for two issuers: the wording repeats across real
 * reports too, but many copies would drown the seeds' more varied prose.
 */
const VOICES: ReportVoice[] = [
  { issuer: '河南省人民政府办公厅', subject: '全省各级行政机关', year: 2017, seed: 2017, scale: 600, office: '河南省人民政府办公厅', phone: '0371-65506305' },
  { issuer: '开封市祥符区人民政府', subject: '全区各级行政机关', year: 2018, seed: 410230, scale: 6, office: '开封市祥符区人民政府办公室', phone: '0371-26611234' },
  { issuer: '河南省发展和改革委员会', subject: '我委', year: 2019, seed: 4119, scale: 2, office: '河南省发展和改革委员会办公室', phone: '0371-69691234' },
  { issuer: '鹿邑县人民政府', subject: '全县各级行政机关', year: 2020, seed: 41162820, scale: 3, office: '鹿邑县人民政府办公室', phone: '0394-7212345' },
];

export interface TrainingText {
  name: string;
  text: string;
}

export function trainingTexts(): TrainingText[] {
  const seeds = CLEAN_SEEDS.map((name) => ({ name, text: seedBodyLines(name).join('\n') }));
  const synthetic = VOICES.map((v) => ({
    name: `synthetic-${v.issuer}-${v.year}`,
    text: (v.year >= 2019 ? report2019(v) : legacyReport(v)).join('\n'),
  }));
  const tables = [henanFinance2019, luyi2021, xiangfu2020].map((f) => ({ name: f.name, text: f().body }));
  const zhoukou = Object.entries({ ZHOUKOU_2019, ZHOUKOU_2020, ZHOUKOU_2021, SHANGWU_2019, WENGUANGLV_2020 }).map(([name, lines]) => ({
    name,
    text: lines.join('\n'),
  }));
  return [...seeds, ...synthetic, ...tables, ...zhoukou];
}

function jsonOf(lm: CharLm): string {
  return JSON.stringify(charLmToJson(lm));
}

/** The full model, or the least-pruned one whose JSON fits MAX_BYTES. */
function fitted(lm: CharLm): { lm: CharLm; json: string; minCount: number } {
  for (let minCount = 1; ; minCount++) {
    const m = minCount === 1 ? lm : pruneCharLm(lm, minCount);
    const json = jsonOf(m);
    if (Buffer.byteLength(json) <= MAX_BYTES || m.grams.size === 0) return { lm: m, json, minCount };
  }
}

function main(): void {
  const texts = trainingTexts();
  const full = trainCharLm(texts.map((t) => t.text), ORDER);
  const { lm, json, minCount } = fitted(full);
  writeFileSync(OUT, json);
  console.log(`training texts: ${texts.length} (${texts.map((t) => t.name).join(', ')})`);
  console.log(`training characters: ${lm.trainingChars}, vocabulary: ${lm.vocabSize}, order: ${lm.order}`);
  console.log(`${lm.order}-grams kept: ${lm.grams.size} of ${full.grams.size}${minCount > 1 ? ` (count >= ${minCount})` : ''}`);
  console.log(`wrote ${OUT.pathname}: ${statSync(OUT).size} bytes`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
