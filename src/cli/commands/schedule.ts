/**
 * `xxgk schedule`: a long-running process that runs the nightly crawl on a cron expression. A run
 * that finds the storage locked (a manual crawl or backfill is going) is skipped, not queued: the
 * next scheduled run picks up whatever is new. SIGINT/SIGTERM stop scheduling and let a run in
 * progress finish.
 */
import type { Settings } from '../../config/settings.js';
import type { PortalSeed } from '../../types.js';
import { startSchedule } from '../../schedule/cron-schedule.js';
import { StorageBusyError } from '../../schedule/storage-lock.js';
import { runCrawl } from './crawl.js';

export interface ScheduleOptions {
  cron: string;
  timezone?: string;
  runNow: boolean;
  storageDir: string;
  seeds: PortalSeed[];
  settings: Readonly<Settings>;
  ocr: boolean;
  print: (line: string) => void;
}

export async function runSchedule(options: ScheduleOptions): Promise<void> {
  const { print } = options;
  const nightly = async () => {
    print(`\n[${new Date().toISOString()}] nightly crawl of ${options.seeds.length} portal(s)`);
    try {
      await runCrawl({
        storageDir: options.storageDir,
        seeds: options.seeds,
        settings: options.settings,
        mode: 'nightly',
        kind: 'scheduled',
        quiet: true,
        ocr: options.ocr,
        print,
        waitForStaleLock: false,
      });
    } catch (error) {
      // One failed night must not end the schedule; the run record says what happened.
      print(error instanceof StorageBusyError ? `skipped: ${error.message}` : `run failed: ${(error as Error).message}`);
    }
    print(`next run: ${schedule.nextRun()?.toISOString() ?? 'none'}`);
  };
  const schedule = startSchedule(options.cron, nightly, {
    ...(options.timezone ? { timezone: options.timezone } : {}),
    onSkip: () => print('a scheduled run came due while the previous one was still going: skipped'),
  });
  print(`scheduled "${options.cron}"${options.timezone ? ` (${options.timezone})` : ''}; next run: ${schedule.nextRun()?.toISOString() ?? 'none'}`);
  print('stop with Ctrl-C (SIGINT) or SIGTERM; a run in progress finishes first');
  if (options.runNow) await nightly();
  await new Promise<void>((resolve) => {
    const stop = () => {
      print('stopping the schedule…');
      void schedule.stop().then(resolve);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
