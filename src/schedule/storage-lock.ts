/**
 * One crawl at a time per storage directory: two runs writing the same archive and request queue
 * would fetch everything twice and race on the files. proper-lockfile keeps the lock fresh while
 * we run; a lock left by a killed process goes stale after STALE_MS and is taken over.
 */
import lockfile from 'proper-lockfile';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { XxgkError } from '../errors.js';

// proper-lockfile's minimum; a resumed run waits at most this long for a killed run's lock.
const STALE_MS = 5_000;

export class StorageBusyError extends XxgkError {
  override name = 'StorageBusyError';
  constructor(readonly storageDir: string) {
    super(`another crawl is running on ${storageDir} (lock ${join(storageDir, 'crawl.lock')}); try again when it has finished`, 'schedule');
  }
}

/**
 * Whether a lock is there before we take it: held by a live run (lockStorage then waits or fails)
 * or left by one that died, whose interrupted writes the next run tidies up.
 */
export function lockPresent(storageDir: string): boolean {
  return existsSync(join(storageDir, 'crawl.lock'));
}

/**
 * Takes the storage lock. `waitForStale` keeps trying long enough for the lock of a killed run to
 * go stale (resuming right after a crash); without it a held lock fails at once.
 */
export async function lockStorage(storageDir: string, options: { waitForStale?: boolean } = {}): Promise<() => Promise<void>> {
  mkdirSync(storageDir, { recursive: true });
  try {
    const release = await lockfile.lock(storageDir, {
      lockfilePath: join(storageDir, 'crawl.lock'),
      stale: STALE_MS,
      update: STALE_MS / 4,
      realpath: false,
      retries: options.waitForStale ? { retries: 8, factor: 1, minTimeout: STALE_MS / 4, maxTimeout: STALE_MS / 4 } : 0,
      // Losing the lock mid-run (the directory vanished, the clock jumped) must not kill the crawl.
      onCompromised: () => {},
    });
    return release;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOCKED') throw new StorageBusyError(storageDir);
    throw new XxgkError(`cannot lock ${storageDir}: ${(error as Error).message}`, 'schedule', undefined, false, { cause: error });
  }
}
