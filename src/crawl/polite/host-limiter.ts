/**
 * Per-host admission control: a bounded number of requests in flight per host, a minimum gap
 * between the starts of two requests to the same host, and a pause that holds back every request
 * to a host (Retry-After applies to the server, not to the one URL that received it).
 *
 * Keyed by URL `host` (hostname:port), not hostname: on loopback every simulated portal is its
 * own port, and in the wild a different port is usually a different server.
 *
 * Not built on p-queue: its interval cap counts starts per window, which allows bursts at window
 * edges, and it has no notion of "closed until time T". Both are the point of this module.
 */

export interface HostPolicy {
  /** Requests allowed in flight at once. */
  concurrency: number;
  /** Minimum milliseconds between the starts of two requests. */
  delayMs: number;
}

export interface HostLimiterOptions {
  defaultPolicy: HostPolicy;
  /** Overrides for one host (e.g. from a portal's seed); missing fields fall back to the default. */
  policyForHost?: (host: string) => Partial<HostPolicy> | undefined;
  /** Epoch milliseconds; injectable so tests can control the clock. */
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export interface HostCounters {
  /** Requests started (admitted past the limiter). */
  requests: number;
  /** Highest number of requests that were in flight at once. */
  maxInFlight: number;
}

interface HostState {
  policy: HostPolicy;
  inFlight: number;
  lastStart: number;
  pausedUntil: number;
  /** FIFO, so a request paused by Retry-After does not lose its turn to later arrivals. */
  /** `counted`: a request of ours (a browser's slot holds requests the browser counts itself). */
  waiting: Array<{ admit: () => void; counted: boolean }>;
  /** A wake-up is already scheduled; a second one would only duplicate the pump. */
  timerPending: boolean;
  counters: HostCounters;
}

export const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export class HostLimiter {
  private readonly hosts = new Map<string, HostState>();
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: HostLimiterOptions) {
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? defaultSleep;
  }

  /** Runs `task` once the host admits it; the slot is held until the task settles. */
  async schedule<T>(host: string, task: () => Promise<T>, options: { counted?: boolean } = {}): Promise<T> {
    const state = this.state(host);
    await new Promise<void>((resolve) => {
      state.waiting.push({ admit: resolve, counted: options.counted ?? true });
      this.pump(state);
    });
    try {
      return await task();
    } finally {
      state.inFlight -= 1;
      this.pump(state);
    }
  }

  /** Holds every request to `host` until `epochMs`. Never shortens an existing pause. */
  pauseUntil(host: string, epochMs: number): void {
    const state = this.state(host);
    state.pausedUntil = Math.max(state.pausedUntil, epochMs);
  }

  /** Raises (never lowers) the host's gap between starts, e.g. for robots.txt Crawl-delay. */
  raiseDelay(host: string, delayMs: number): void {
    const state = this.state(host);
    state.policy = { ...state.policy, delayMs: Math.max(state.policy.delayMs, delayMs) };
  }

  policy(host: string): HostPolicy {
    return { ...this.state(host).policy };
  }

  counters(): Record<string, HostCounters> {
    const out: Record<string, HostCounters> = {};
    for (const [host, state] of this.hosts) out[host] = { ...state.counters };
    return out;
  }

  private state(host: string): HostState {
    let state = this.hosts.get(host);
    if (!state) {
      state = {
        policy: resolvePolicy(this.options.defaultPolicy, this.options.policyForHost?.(host)),
        inFlight: 0,
        lastStart: Number.NEGATIVE_INFINITY,
        pausedUntil: Number.NEGATIVE_INFINITY,
        waiting: [],
        timerPending: false,
        counters: { requests: 0, maxInFlight: 0 },
      };
      this.hosts.set(host, state);
    }
    return state;
  }

  /** Admits as many waiting requests as the policy allows now, and schedules a wake-up for the rest. */
  private pump(state: HostState): void {
    if (state.timerPending) return;
    while (state.waiting.length > 0 && state.inFlight < state.policy.concurrency) {
      const now = this.now();
      const earliest = Math.max(state.lastStart + state.policy.delayMs, state.pausedUntil);
      if (now < earliest) {
        state.timerPending = true;
        // Re-evaluated on waking, so a pause or raised delay set in the meantime still applies.
        void this.sleep(earliest - now).then(() => {
          state.timerPending = false;
          this.pump(state);
        });
        return;
      }
      const next = state.waiting.shift()!;
      state.inFlight += 1;
      state.lastStart = now;
      if (next.counted) state.counters.requests += 1;
      state.counters.maxInFlight = Math.max(state.counters.maxInFlight, state.inFlight);
      next.admit();
    }
  }
}

/** Merges an override onto the default; a non-positive concurrency would stall the host forever. */
export function resolvePolicy(base: HostPolicy, override: Partial<HostPolicy> | undefined): HostPolicy {
  const concurrency = override?.concurrency ?? base.concurrency;
  const delayMs = override?.delayMs ?? base.delayMs;
  return { concurrency: Math.max(1, Math.floor(concurrency)), delayMs: Math.max(0, delayMs) };
}
