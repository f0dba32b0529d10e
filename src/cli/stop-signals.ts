/**
 * SIGINT/SIGTERM during a crawl: the first asks the run to stop (pages in flight finish, the
 * browser is closed, the run is recorded as interrupted, the lock released); a second one exits at
 * once. Without this, Node (or Playwright's own handlers) would end the process mid-write or, for
 * SIGTERM, swallow the signal and keep crawling.
 */
import { constants } from 'node:os';

const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

export async function stoppableBySignals<T>(
  task: (signal: AbortSignal) => Promise<T>,
  say: (line: string) => void,
  /** What the first signal does, as the message says it. */
  stopping = 'stopping after the pages in flight',
): Promise<T> {
  const controller = new AbortController();
  const onSignal = (name: NodeJS.Signals) => {
    if (controller.signal.aborted) {
      say(`xxgk: ${name} again: exiting now`);
      // Playwright's exit hook kills the browser; proper-lockfile's removes the lock.
      process.exit(exitCodeOfSignal(name));
    }
    say(`xxgk: ${name}: ${stopping} (send it again to exit at once)`);
    controller.abort(name);
  };
  for (const name of STOP_SIGNALS) process.on(name, onSignal);
  try {
    return await task(controller.signal);
  } finally {
    for (const name of STOP_SIGNALS) process.off(name, onSignal);
  }
}

/** 128 + the signal's number, as shells report a process ended by it (SIGINT → 130). */
export function exitCodeOfSignal(name: string): number {
  const number = (constants.signals as Record<string, number>)[name];
  return number ? 128 + number : 130;
}
