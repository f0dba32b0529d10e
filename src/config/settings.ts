/**
 * Crawl settings, resolved once in this order: command-line options > environment (XXGK_*) >
 * the "xxgk" key of crawlee.json > defaults. Crawlee reads crawlee.json too; our keys live under
 * their own name so neither tool misreads the other's.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { ConfigError } from '../errors.js';

export const settingsSchema = z.object({
  /** Who runs this crawler (a URL or e-mail), put into the User-Agent so a webmaster can reach you. */
  contact: z.string().min(3),
  /** Overrides the User-Agent built from `contact`. */
  userAgent: z.string().min(1).optional(),
  /** Requests in flight at once over all hosts. */
  maxConcurrency: z.number().int().min(1).max(64),
  /** Retries of a request after network trouble, 408, 429 or 5xx (with backoff; Retry-After honoured). */
  maxRequestRetries: z.number().int().min(0).max(10),
  /** The whole request, body included. */
  requestTimeoutMs: z.number().int().min(1000),
  /** Until the response's headers arrive (a server that accepts and never answers). */
  firstByteTimeoutMs: z.number().int().min(500),
  /** A page (listing, report page, API answer, image) larger than this (bytes) is refused while it streams. */
  maxPageBytes: z.number().int().min(1024),
  /** Each page of a browser-rendered listing: a page whose script loops forever gets its tab closed. */
  maxRenderMs: z.number().int().min(1000),
  /** Requests one portal's crawl may make in a run (listing pages and reports): the last guard against URL traps. */
  maxPagesPerPortal: z.number().int().min(1),
  maxListingPages: z.number().int().min(1),
  /** Per host: requests in flight at once, and the least time between two request starts. */
  hostConcurrency: z.number().int().min(1).max(16),
  hostDelayMs: z.number().int().min(0),
  /** First backoff after a failure without Retry-After; doubles per retry. */
  backoffMs: z.number().int().min(0),
  /** A Retry-After longer than this is not waited for. */
  maxRetryAfterMs: z.number().int().min(0),
  respectRobots: z.boolean(),
  /**
   * Fetch host names that resolve to private addresses (10.x, 192.168.x, 127.x…). Off by default:
   * from a public portal such a name is a probe of the crawler's own network. On for a crawler run
   * inside an intranet whose portals have private addresses.
   */
  allowPrivateNetwork: z.boolean(),
  /** A report file or attachment larger than this (bytes) is refused while it downloads. */
  maxFileBytes: z.number().int().min(1024),
  /** Pages of one report file read at most (a 2 000-page PDF is no annual report). */
  maxFilePages: z.number().int().min(1).max(10_000),
});

export type Settings = z.infer<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  contact: 'https://example.org/xxgk-archive',
  maxConcurrency: 16,
  maxRequestRetries: 3,
  requestTimeoutMs: 30_000,
  firstByteTimeoutMs: 15_000,
  // The largest real report page seen is a few MB of pasted Word HTML.
  maxPageBytes: 10 * 1024 * 1024,
  maxRenderMs: 60_000,
  // A county's column holds tens of reports; a province's hundreds over the years.
  maxPagesPerPortal: 20_000,
  maxListingPages: 1000,
  // County servers are small: two requests at a time, two a second at most.
  hostConcurrency: 2,
  hostDelayMs: 500,
  backoffMs: 2_000,
  maxRetryAfterMs: 120_000,
  respectRobots: true,
  allowPrivateNetwork: false,
  maxFileBytes: 50 * 1024 * 1024,
  maxFilePages: 200,
};

/** The User-Agent sent with every request: the tool, its version, and how to reach whoever runs it. */
export function userAgentOf(settings: Pick<Settings, 'contact' | 'userAgent'>): string {
  return settings.userAgent ?? `xxgk-archive/0.2 (+${settings.contact}; research archive of government disclosure reports)`;
}

const ENV: Record<keyof Settings, string> = {
  contact: 'XXGK_CONTACT',
  userAgent: 'XXGK_USER_AGENT',
  maxConcurrency: 'XXGK_MAX_CONCURRENCY',
  maxRequestRetries: 'XXGK_MAX_REQUEST_RETRIES',
  requestTimeoutMs: 'XXGK_REQUEST_TIMEOUT_MS',
  firstByteTimeoutMs: 'XXGK_FIRST_BYTE_TIMEOUT_MS',
  maxPageBytes: 'XXGK_MAX_PAGE_BYTES',
  maxPagesPerPortal: 'XXGK_MAX_PAGES_PER_PORTAL',
  maxRenderMs: 'XXGK_MAX_RENDER_MS',
  maxListingPages: 'XXGK_MAX_LISTING_PAGES',
  hostConcurrency: 'XXGK_HOST_CONCURRENCY',
  hostDelayMs: 'XXGK_HOST_DELAY_MS',
  backoffMs: 'XXGK_BACKOFF_MS',
  maxRetryAfterMs: 'XXGK_MAX_RETRY_AFTER_MS',
  respectRobots: 'XXGK_RESPECT_ROBOTS',
  allowPrivateNetwork: 'XXGK_ALLOW_PRIVATE_NETWORK',
  maxFileBytes: 'XXGK_MAX_FILE_BYTES',
  maxFilePages: 'XXGK_MAX_FILE_PAGES',
};
const STRINGS = new Set<string>(['contact', 'userAgent']);
const BOOLEANS = new Set<string>(['respectRobots', 'allowPrivateNetwork']);

function fromFile(cwd: string): Partial<Settings> {
  const path = join(cwd, 'crawlee.json');
  if (!existsSync(path)) return {};
  let json: { xxgk?: unknown };
  try {
    json = JSON.parse(readFileSync(path, 'utf8')) as { xxgk?: unknown };
  } catch (cause) {
    throw new ConfigError(`${path}: not valid JSON: ${(cause as Error).message}`, { cause });
  }
  const parsed = settingsSchema.partial().safeParse(json.xxgk ?? {});
  if (!parsed.success) throw new ConfigError(`${path}: xxgk.${parsed.error.issues[0]!.path.join('.')}: ${parsed.error.issues[0]!.message}`);
  return parsed.data;
}

function fromEnv(env: NodeJS.ProcessEnv): Partial<Settings> {
  const out: Record<string, unknown> = {};
  for (const [key, name] of Object.entries(ENV)) {
    const value = env[name];
    if (value === undefined || value === '') continue;
    if (BOOLEANS.has(key)) out[key] = !/^(0|false|no|off)$/i.test(value);
    else out[key] = STRINGS.has(key) ? value : Number(value);
  }
  return out as Partial<Settings>;
}

export function resolveSettings(options: Partial<Settings>, env: NodeJS.ProcessEnv, cwd: string): Readonly<Settings> {
  const merged = { ...DEFAULT_SETTINGS, ...fromFile(cwd), ...fromEnv(env), ...stripUndefined(options) };
  const parsed = settingsSchema.safeParse(merged);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(`setting ${issue.path.join('.')}: ${issue.message}`);
  }
  return Object.freeze(parsed.data);
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
