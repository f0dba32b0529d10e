/**
 * OCR accuracy benchmark for table images: renders statistics tables of both templates at the
 * resolutions and JPEG qualities real screenshots come in, reads them back with readTableImage
 * and reports how many number cells came back exactly. Target: ≥ 99 %.
 *
 *   node --import tsx scripts/bench-ocr.ts [--verbose]
 */
import { performance } from 'node:perf_hooks';
import { paddleDetector } from '../src/extract/ocr/detector.js';
import { readTableImage } from '../src/extract/ocr/read-table-image.js';
import { renderTableImage, type RenderTableOptions } from '../sim/images/render-table.js';
import { scoreGrid } from '../sim/images/score-grid.js';
import { activeGrid2019, applicationsGrid2019, legacyGrid, reviewGrid2019 } from '../sim/images/table-grids.js';

interface Case {
  name: string;
  rows: string[][];
  options: RenderTableOptions;
}

const SCALES = [1, 0.8, 0.65];
const QUALITIES = [90, 70, 55];

function cases(): Case[] {
  const out: Case[] = [];
  let seed = 1;
  for (const scale of SCALES) {
    for (const quality of QUALITIES) {
      seed++;
      const common: RenderTableOptions = { scale, jpegQuality: quality, fontSize: [15, 16, 17][seed % 3], numberAlign: seed % 2 ? 'right' : 'center' };
      out.push({ name: 'legacy', rows: legacyGrid(seed * 7, [1, 0.2, 3][seed % 3]), options: { ...common, title: '政府信息公开情况统计表' } });
      out.push({ name: '2019-三', rows: applicationsGrid2019(seed * 11, [1, 0.3, 2][seed % 3]), options: { ...common, headerFill: seed % 3 === 0 ? '#eeeeee' : undefined } });
      if (seed % 2 === 0) out.push({ name: '2019-二', rows: activeGrid2019(seed * 13), options: common });
      else out.push({ name: '2019-四', rows: reviewGrid2019(seed * 17), options: common });
    }
  }
  return out;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;
}

const pct = (a: number, b: number): string => (b ? ((100 * a) / b).toFixed(2) : '–') + '%';

async function main(): Promise<void> {
  const verbose = process.argv.includes('--verbose');
  const detector = paddleDetector();
  const all = cases();
  // Model loading is a one-off per process; keep it out of the per-image times.
  const t0 = performance.now();
  await detector.recognizeLines([{ width: 8, height: 8, data: new Uint8Array(64).fill(255) }]);
  const loadMs = performance.now() - t0;

  const groups = new Map<string, { numeric: number; correct: number }>();
  const add = (key: string, numeric: number, correct: number): void => {
    const g = groups.get(key) ?? { numeric: 0, correct: 0 };
    g.numeric += numeric;
    g.correct += correct;
    groups.set(key, g);
  };
  const times: number[] = [];
  let structureOk = 0;
  let numeric = 0;
  let correct = 0;
  let uncertainWrong = 0;
  let wrong = 0;
  for (const c of all) {
    const image = renderTableImage(c.rows, c.options);
    const start = performance.now();
    const read = await readTableImage(image, detector);
    times.push(performance.now() - start);
    const score = scoreGrid(c.rows, read.rows);
    if (score.structure) structureOk++;
    numeric += score.numeric;
    correct += score.correct;
    wrong += score.numeric - score.correct;
    // A wrong cell flagged with the right value among its alternatives is recoverable by the sum checks.
    for (const e of score.errors) {
      const m = /^\[(\d+),(\d+)\] (\S+)/.exec(e);
      if (m && read.alternatives[`${m[1]},${m[2]}`]?.includes(m[3]!)) uncertainWrong++;
    }
    add(`scale ${c.options.scale}`, score.numeric, score.correct);
    add(`quality ${c.options.jpegQuality}`, score.numeric, score.correct);
    add(`table ${c.name}`, score.numeric, score.correct);
    const line = `${c.name.padEnd(8)} scale ${c.options.scale} q${c.options.jpegQuality}: ${score.correct}/${score.numeric} cells, structure ${score.structure ? 'ok' : `${read.rows.length}×${read.rows[0]?.length ?? 0} ≠ ${c.rows.length}×${c.rows[0]?.length ?? 0}`}, ${Object.keys(read.alternatives).length} uncertain, ${times[times.length - 1]!.toFixed(0)} ms`;
    if (verbose || score.errors.length) console.log(line + (score.errors.length ? `\n    ${score.errors.slice(0, 8).join('\n    ')}` : ''));
  }
  const sorted = [...times].sort((a, b) => a - b);
  console.log(`\nimages: ${all.length}, numeric cells: ${numeric}`);
  console.log(`cell accuracy: ${pct(correct, numeric)} (${correct}/${numeric}); wrong cells with the right value among alternatives: ${uncertainWrong}/${wrong}`);
  for (const [key, g] of [...groups.entries()].sort()) console.log(`  ${key.padEnd(14)} ${pct(g.correct, g.numeric)} (${g.correct}/${g.numeric})`);
  console.log(`structure accuracy: ${pct(structureOk, all.length)} (${structureOk}/${all.length} grids with the right rows × columns)`);
  console.log(`OCR time per image: median ${percentile(sorted, 0.5).toFixed(0)} ms, p95 ${percentile(sorted, 0.95).toFixed(0)} ms (model load ${loadMs.toFixed(0)} ms, once)`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
