/**
 * `xxgk schedule`: run a job on a cron expression in a long-running process. croner parses the
 * expression (5 or 6 fields, names, time zones) and with `protect` never starts a run while the
 * previous one is still going; the storage lock keeps other processes (a cron job, a manual crawl)
 * from overlapping too.
 */
import { Cron } from 'croner';
import { ConfigError } from '../errors.js';

export interface Schedule {
  nextRun(): Date | null;
  /** Stops scheduling; a run in progress finishes. Resolves when it has. */
  stop(): Promise<void>;
}

export function parseCron(expression: string, timezone?: string): Cron {
  try {
    return new Cron(expression, { paused: true, ...(timezone ? { timezone } : {}) });
  } catch (error) {
    throw new ConfigError(`--cron "${expression}": ${(error as Error).message}`);
  }
}

export function startSchedule(
  expression: string,
  job: () => Promise<void>,
  options: { timezone?: string; onSkip?: (at: Date) => void } = {},
): Schedule {
  parseCron(expression, options.timezone).stop();
  let running: Promise<void> | undefined;
  const cron = new Cron(
    expression,
    {
      protect: (blocked) => options.onSkip?.(blocked.currentRun() ?? new Date()),
      ...(options.timezone ? { timezone: options.timezone } : {}),
    },
    async () => {
      running = job();
      try {
        await running;
      } finally {
        running = undefined;
      }
    },
  );
  return {
    nextRun: () => cron.nextRun(),
    stop: async () => {
      cron.stop();
      await running?.catch(() => {});
    },
  };
}
