/**
 * The CLI as a child process over an archive, for tests that kill it or starve it of disk space:
 * start a crawl and watch its output line by line, run `xxgk verify`, and take a snapshot of what
 * an archive holds to compare two archives.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openArchiveDb } from '../../src/archive/archive-db.js';
import type { ArchiveProblem } from '../../src/archive/verify-archive.js';
import { EXIT } from '../../src/cli/exit-codes.js';

const BIN = fileURLToPath(new URL('../../bin/xxgk.js', import.meta.url));

export interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface RunningCli {
  child: ChildProcess;
  done: Promise<Finished>;
}

/** Starts `xxgk <args>`; `onLine` sees every line of stdout as it comes. */
export function startCli(args: string[], onLine?: (line: string) => void, env: NodeJS.ProcessEnv = {}): RunningCli {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  let stdout = '';
  let stderr = '';
  let pending = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => {
    stdout += d;
    pending += d;
    const lines = pending.split('\n');
    pending = lines.pop()!;
    for (const line of lines) onLine?.(line);
  });
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const done = new Promise<Finished>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { child, done };
}

export function runCliArgs(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Finished> {
  return startCli(args, undefined, env).done;
}

export interface VerifyJson {
  checked: { reports: number; versions: number; attachments: number; images: number };
  problems: ArchiveProblem[];
  repaired?: { problem: ArchiveProblem; done: boolean; error?: string }[];
  remaining?: ArchiveProblem[];
}

/**
 * `xxgk verify --format json [--repair]`. The lock of a crawl killed a moment ago is still fresh
 * (proper-lockfile holds it until it goes stale, storage-lock.ts STALE_MS), and verify does not
 * wait for a stale lock: it answers "busy" (exit 4), so this tries again until the lock is free.
 */
export async function verifyStorage(storage: string, repair = false, timeoutMs = 20_000): Promise<{ code: number; result: VerifyJson; busyMs: number }> {
  const started = Date.now();
  for (;;) {
    const run = await runCliArgs(['verify', '--storage', storage, '--format', 'json', ...(repair ? ['--repair'] : [])]);
    if (run.code === EXIT.BUSY && Date.now() - started < timeoutMs) {
      await new Promise((r) => setTimeout(r, 300));
      continue;
    }
    if (run.code !== EXIT.OK && run.code !== EXIT.PROBLEMS) {
      throw new Error(`xxgk verify exited with ${run.code} (signal ${run.signal})\n${run.stdout}\n${run.stderr}`);
    }
    return { code: run.code, result: JSON.parse(run.stdout) as VerifyJson, busyMs: Date.now() - started };
  }
}

/**
 * What proper-lockfile finds once a dead holder's lock has gone stale: its mtime no longer
 * refreshed. A test that has seen the holder die (SIGKILL, 'close') may age it at once instead of
 * waiting STALE_MS for it to age by itself.
 */
export function ageLockOfDeadCrawl(storage: string): boolean {
  const lock = join(storage, 'crawl.lock');
  if (!existsSync(lock)) return false;
  const old = new Date(Date.now() - 120_000);
  utimesSync(lock, old, old);
  return true;
}

/** Problems a killed writer legitimately leaves: its temporary or aside folders, which verify resolves. */
export function isDeadWriterLeftover(p: ArchiveProblem): boolean {
  return (p.kind === 'temp-folder' || p.kind === 'aside-folder') && p.repair !== 'none';
}

export interface ReportLine {
  url: string;
  title: string;
  year: number;
  region: string;
  contentHash: string;
  rawHash: string | null;
  folder: string;
}

/** The archived reports, by URL: what two archives of the same portals must agree on. */
export function archiveSnapshot(storage: string): ReportLine[] {
  const db = openArchiveDb(join(storage, 'archive.sqlite'));
  try {
    return (
      db.prepare('SELECT url, title, year, region_code AS region, content_hash AS contentHash, raw_hash AS rawHash, folder FROM reports ORDER BY url').all() as ReportLine[]
    ).map((r) => ({ ...r }));
  } finally {
    db.close();
  }
}

export function archivedUrls(storage: string): Set<string> {
  if (!existsSync(join(storage, 'archive.sqlite'))) return new Set();
  return new Set(archiveSnapshot(storage).map((r) => r.url));
}

