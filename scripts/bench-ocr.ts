/**
 * OCR accuracy benchmark for table images: every table of every template (2008–2018, 2019 and
 * 2021: 表二, 表三, 表四), rendered as poor copies — scale 0.5–1, JPEG quality 40–90, rules 1–3 px,
 * rotation up to 1°, blur, Word/WPS/Excel/HTML looks, serif and sans text — read back with
 * readTableImage. Each condition is varied alone from a middling base (0.8 scale, quality 65,
 * 1 px rules, straight, sharp, Word, sans), and mixed cases combine them at random.
 *
 * The rules were first tuned on the Word/HTML-looking sans-serif cases only, with WPS/Excel looks
 * and serif text held out; the faint Excel gridlines were then tuned on too. Sets of mixed cases
 * over other random draws and table seeds (MIXED_SETS) followed, each held out until its failures
 * were mended; the last one is the one never looked at while tuning.
 *
 *   node --import tsx scripts/bench-ocr.ts [--verbose] [--save <dir>]   (--save writes images read wrong)
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { paddleDetector } from '../src/extract/ocr/detector.js';
import { readTableImage } from '../src/extract/ocr/read-table-image.js';
import { renderScan, type ScanOptions } from '../sim/images/scan.js';
import { scoreGrid } from '../sim/images/score-grid.js';
import { prng } from '../sim/images/table-grids.js';
import { allTemplateTables, type TemplateTable } from '../sim/images/template-tables.js';

interface Case {
  table: TemplateTable;
  options: ScanOptions;
  kind: 'sweep' | 'mixed' | 'fresh' | 'held-out';
  /** The mixed set it belongs to, for the sets added after tuning. */
  set?: string;
}

const BASE: ScanOptions = { style: 'word', font: 'sans', scale: 0.8, quality: 65, lineWidth: 1, rotation: 0, blur: 0 };

const LEVELS: { [K in keyof ScanOptions]?: ScanOptions[K][] } = {
  scale: [0.5, 0.6, 0.7, 0.8, 0.9, 1],
  quality: [40, 50, 65, 75, 90],
  lineWidth: [1, 2, 3],
  rotation: [0, 0.3, -0.6, 1],
  blur: [0, 0.5, 0.8],
  style: ['word', 'wps', 'excel', 'html'],
  font: ['sans', 'serif'],
};

/** Tuning set: what the rules were written against. Everything else is held out. */
const tuned = (o: ScanOptions): boolean => (o.style === 'word' || o.style === 'html') && o.font === 'sans';

function cases(): Case[] {
  const out: Case[] = [];
  let k = 0;
  // allTemplateTables order: legacy, 2019 二 三 四, 2021 二 三 四.
  const OTHERS = [0, 1, 3, 4, 6];
  const tableFor = (n: number): TemplateTable => allTemplateTables(100 + n)[n % 7]!;
  for (const [factor, levels] of Object.entries(LEVELS) as [keyof ScanOptions, ScanOptions[keyof ScanOptions][]][]) {
    for (const level of levels) {
      // Per level a 表三 (most of the numbers) and one of the other tables in turn.
      const options = { ...BASE, [factor]: level };
      out.push({ table: allTemplateTables(100 + k)[k % 2 ? 5 : 2]!, options, kind: 'sweep' });
      out.push({ table: allTemplateTables(100 + k)[OTHERS[k % OTHERS.length]!]!, options, kind: 'sweep' });
      k++;
    }
  }
  out.push(...mixed(prng(2026), 14, () => tableFor(k++), 'mixed'));
  // Other random draws over other table seeds, each set held out until its failures were looked at.
  for (const set of MIXED_SETS) {
    let f = 0;
    out.push(...mixed(prng(set.seed), set.count, () => allTemplateTables(set.seed + f)[f++ % 7]!, set.heldOut ? 'held-out' : 'fresh', set.label));
  }
  return out;
}

/**
 * Sets of mixed cases over other random draws and table seeds, in the order they were added. Each
 * was added held out, to measure the rules on cases they were not written from; once its failures
 * were looked at and mended, it is tuned on and a new set takes its place as the measure.
 */
const MIXED_SETS: { seed: number; count: number; heldOut: boolean; label: string }[] = [
  { seed: 7031, count: 14, heldOut: false, label: 'set: fresh A (seed 7031 mixed, tuned on since)' },
  { seed: 9173, count: 28, heldOut: false, label: 'set: fresh B (seed 9173 mixed, tuned on since)' },
  { seed: 12007, count: 28, heldOut: true, label: 'set: held out (seed 12007 mixed, never tuned on)' },
];

function mixed(r: () => number, count: number, table: () => TemplateTable, kind: Case['kind'], set?: string): Case[] {
  const out: Case[] = [];
  const pick = <T>(xs: T[]): T => xs[Math.floor(r() * xs.length)]!;
  for (let j = 0; j < count; j++) {
    out.push({
      table: table(),
      options: {
        style: pick(LEVELS.style!),
        font: pick(LEVELS.font!),
        scale: pick([0.6, 0.7, 0.8, 0.9, 1]),
        quality: pick([50, 65, 75, 90]),
        lineWidth: pick(LEVELS.lineWidth!),
        rotation: pick([0, 0.3, -0.6, 1]),
        blur: pick([0, 0.5]),
      },
      kind,
      set,
    });
  }
  return out;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;
}

const pct = (a: number, b: number): string => (b ? ((100 * a) / b).toFixed(2) : '–') + '%';
const NUMBER = /^-?\d+(?:\.\d+)?$/;

interface Tally {
  images: number;
  numeric: number;
  correct: number;
  nonDigit: number;
  structure: number;
}

async function main(): Promise<void> {
  const verbose = process.argv.includes('--verbose');
  const saveAt = process.argv.indexOf('--save');
  const saveTo = saveAt > 0 ? process.argv[saveAt + 1] : undefined;
  if (saveTo) await mkdir(saveTo, { recursive: true });
  const detector = paddleDetector();
  const all = cases();
  // Model loading is a one-off per process; keep it out of the per-image times.
  const t0 = performance.now();
  await detector.recognizeLines([{ width: 8, height: 8, data: new Uint8Array(64).fill(255) }]);
  const loadMs = performance.now() - t0;

  const groups = new Map<string, Tally>();
  const add = (key: string, t: Tally): void => {
    const g = groups.get(key) ?? { images: 0, numeric: 0, correct: 0, nonDigit: 0, structure: 0 };
    for (const k of Object.keys(t) as (keyof Tally)[]) g[k] += t[k];
    groups.set(key, g);
  };
  const times: number[] = [];
  let uncertainWrong = 0;
  let wrong = 0;
  for (const c of all) {
    const image = await renderScan(c.table, c.options);
    const start = performance.now();
    const read = await readTableImage(image, detector);
    times.push(performance.now() - start);
    const score = scoreGrid(c.table.rows, read.rows);
    let nonDigit = 0;
    c.table.rows.forEach((row, r) =>
      row.forEach((cell, col) => {
        const got = read.rows[r]?.[col] ?? '';
        if (NUMBER.test(cell) && got && !NUMBER.test(got)) nonDigit++;
      }),
    );
    const t: Tally = { images: 1, numeric: score.numeric, correct: score.correct, nonDigit, structure: score.structure ? 1 : 0 };
    wrong += score.numeric - score.correct;
    // A wrong cell flagged with the right value among its alternatives is recoverable by the sum checks.
    for (const e of score.errors) {
      const m = /^\[(\d+),(\d+)\] (\S+)/.exec(e);
      if (m && read.alternatives[`${m[1]},${m[2]}`]?.includes(m[3]!)) uncertainWrong++;
    }
    const o = c.options;
    add('all', t);
    if (c.set) add(c.set, t);
    else add(tuned(o) ? 'set: tuning (Word/HTML look, sans)' : 'set: WPS/Excel look or serif (tuned on since)', t);
    add(`kind: ${c.kind}`, t);
    add(`table ${c.table.name}`, t);
    for (const factor of Object.keys(LEVELS) as (keyof ScanOptions)[]) add(`${factor} ${String(o[factor])}`, t);
    const describe = `${c.table.name.padEnd(8)} ${o.style}/${o.font} s${o.scale} q${o.quality} lw${o.lineWidth} rot${o.rotation} blur${o.blur}`;
    const line = `${describe}: ${score.correct}/${score.numeric} cells, structure ${score.structure ? 'ok' : `${read.rows.length}×${read.rows[0]?.length ?? 0} ≠ ${c.table.rows.length}×${c.table.rows[0]?.length ?? 0}`}, ${nonDigit} non-digit, ${times[times.length - 1]!.toFixed(0)} ms`;
    if (saveTo && score.errors.length) await writeFile(join(saveTo, `${describe.replace(/[^\w.\u4e00-\u9fff-]+/g, '_')}.jpg`), image);
    if (verbose || score.errors.length) console.log(line + (score.errors.length ? `\n    ${score.errors.slice(0, 6).join('\n    ')}` : ''));
  }
  const sorted = [...times].sort((a, b) => a - b);
  const row = (key: string, g: Tally): string =>
    `  ${key.padEnd(42)} ${pct(g.correct, g.numeric).padStart(8)} (${g.correct}/${g.numeric})  non-digit ${g.nonDigit}  structure ${g.structure}/${g.images}`;
  const a = groups.get('all')!;
  console.log(`\nimages: ${a.images}, numeric cells: ${a.numeric}`);
  console.log(`cell accuracy: ${pct(a.correct, a.numeric)} (${a.correct}/${a.numeric}); numeric cells holding a non-digit: ${a.nonDigit}; wrong cells with the right value among alternatives: ${uncertainWrong}/${wrong}`);
  console.log(`structure accuracy: ${pct(a.structure, a.images)} (${a.structure}/${a.images} grids with the right rows × columns)`);
  console.log(`OCR time per image: median ${(percentile(sorted, 0.5) / 1000).toFixed(2)} s, p95 ${(percentile(sorted, 0.95) / 1000).toFixed(2)} s (model load ${loadMs.toFixed(0)} ms, once)`);
  console.log('\nby condition (each level over every image rendered with it):');
  const order = ['set', 'kind', 'table', ...Object.keys(LEVELS)];
  const keys = [...groups.keys()].filter((k) => k !== 'all').sort((x, y) => order.indexOf(x.split(/[ :]/)[0]!) - order.indexOf(y.split(/[ :]/)[0]!) || x.localeCompare(y, 'en', { numeric: true }));
  for (const key of keys) console.log(row(key, groups.get(key)!));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
