/**
 * Peak memory of a whole crawl as a user runs it: every simulated portal plus the fault portals,
 * through the CLI, with OCR (the scanned PDF is the peak), then without. Prints time, exit code,
 * the crawl process's peak RSS (the browser, a separate program, not counted) and the failures
 * recorded. `npm run bench:memory`; about two minutes on a 2-core machine.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSimulatedPortals, DEMO_OPTIONS } from '../sim/portals.js';
import { writeSeedFile } from '../test/helpers/crawl-sim.js';

const BIN = fileURLToPath(new URL('../bin/xxgk.js', import.meta.url));
const MAX_RSS = fileURLToPath(new URL('../test/helpers/report-max-rss.mjs', import.meta.url));

async function crawl(ocr: boolean): Promise<void> {
  const sim = await startSimulatedPortals({ ...DEMO_OPTIONS, faults: true });
  const dir = await mkdtemp(join(tmpdir(), 'xxgk-bench-memory-'));
  try {
    const seedFile = await writeSeedFile(dir, sim.seeds);
    // The fault tests' limits: the defaults only make the faults slower to hit.
    const env = { ...process.env, XXGK_FIRST_BYTE_TIMEOUT_MS: '5000', XXGK_REQUEST_TIMEOUT_MS: '10000', XXGK_BACKOFF_MS: '200', XXGK_MAX_REQUEST_RETRIES: '2' };
    const started = Date.now();
    const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
      const args = ['--import', MAX_RSS, BIN, 'crawl', '--storage', dir, '--seeds', seedFile, '--quiet', ...(ocr ? [] : ['--no-ocr'])];
      const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
      let err = '';
      child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
      child.on('error', reject);
      child.on('close', (c) => resolve({ code: c, stderr: err }));
    });
    const rss = /maxRSS (\d+) MB/.exec(stderr)?.[1] ?? '?';
    console.log(`${sim.seeds.length} portals ${ocr ? 'with OCR   ' : 'without OCR'}: exit ${code} in ${((Date.now() - started) / 1000).toFixed(0)} s, peak RSS ${rss} MB`);
  } finally {
    await sim.close();
    await rm(dir, { recursive: true, force: true });
  }
}

await crawl(true);
await crawl(false);
