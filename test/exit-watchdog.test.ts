/** The safety net for runs that never exit: a process held open after its command ended exits anyway, saying why. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { exitGraceMs, DEFAULT_EXIT_GRACE_MS } from '../src/cli/exit-watchdog.js';

const HOLD_OPEN = fileURLToPath(new URL('./fixtures/exit/hold-open.ts', import.meta.url));

function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string; ms: number }> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn(process.execPath, ['--import', 'tsx', HOLD_OPEN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(killer);
      resolve({ code, stdout, stderr, ms: Date.now() - started });
    });
  });
}

test('a process held open after its command ended exits after the grace period, with its code, naming what held it', async () => {
  const { code, stdout, stderr, ms } = await run(['700']);
  assert.match(stdout, /finished; child (\d+)/);
  assert.equal(code, 3, 'the command\'s own exit code');
  assert.ok(ms < 15_000, `exited by itself (${ms} ms)`);
  assert.match(stderr, /still held open by/);
  assert.match(stderr, /child process \d+ \(sleep\)/, stderr);
  assert.match(stderr, /Timeout/, 'the interval is named too');
  // The orphaned child is not the watchdog's to kill; clean it up here.
  const pid = Number(/child (\d+)/.exec(stdout)![1]);
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
});

test('the grace period comes from XXGK_EXIT_GRACE_MS, invalid values fall back to the default', () => {
  assert.equal(exitGraceMs({ XXGK_EXIT_GRACE_MS: '2500' }), 2500);
  assert.equal(exitGraceMs({ XXGK_EXIT_GRACE_MS: 'soon' }), DEFAULT_EXIT_GRACE_MS);
  assert.equal(exitGraceMs({}), DEFAULT_EXIT_GRACE_MS);
});
