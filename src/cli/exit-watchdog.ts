/**
 * The last line of defence against a run that never exits. A nightly cron job that stays alive
 * (a browser, a socket or a timer someone forgot to close) holds the storage lock and blocks every
 * later run. When the command has returned but something still keeps the process alive after a
 * grace period, say what it is and exit with the run's own code.
 */

/** Default grace; `XXGK_EXIT_GRACE_MS` overrides it. */
export const DEFAULT_EXIT_GRACE_MS = 15_000;

export function exitGraceMs(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.XXGK_EXIT_GRACE_MS?.trim();
  const n = raw ? Number(raw) : NaN;
  return Number.isFinite(n) && n >= 0 ? n : DEFAULT_EXIT_GRACE_MS;
}

/** Arms the watchdog; its own timer is unref'd, so a process that can end ends without waiting. */
export function exitIfStillAlive(code: number, graceMs: number, write: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): void {
  const timer = setTimeout(() => {
    write(`xxgk: the command ended ${Math.round(graceMs / 1000)} s ago but the process is still held open by ${describeLiveResources()}; exiting with code ${code}`);
    process.exit(code);
  }, graceMs);
  timer.unref();
}

/** What keeps the event loop alive, grouped ("ChildProcess (pid 123: /usr/bin/chromium), 2× TCPSocketWrap"). */
export function describeLiveResources(): string {
  const counts = new Map<string, number>();
  for (const type of process.getActiveResourcesInfo()) counts.set(type, (counts.get(type) ?? 0) + 1);
  const parts = [...counts].map(([type, n]) => (n > 1 ? `${n}× ${type}` : type));
  // Child processes are the usual culprit (a browser); name them so the log says which.
  const handles = (process as unknown as { _getActiveHandles?: () => unknown[] })._getActiveHandles?.() ?? [];
  for (const handle of handles) {
    const child = handle as { pid?: number; spawnfile?: string; constructor?: { name?: string } };
    if (child.constructor?.name === 'ChildProcess') parts.push(`child process ${child.pid ?? '?'} (${child.spawnfile ?? 'unknown'})`);
  }
  return parts.length ? parts.join(', ') : 'nothing Node can name';
}
