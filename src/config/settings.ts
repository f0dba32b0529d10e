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
  userAgent: z.string().min(1),
  maxConcurrency: z.number().int().min(1).max(64),
  maxRequestRetries: z.number().int().min(0).max(10),
  requestTimeoutMs: z.number().int().min(1000),
  maxListingPages: z.number().int().min(1),
});

export type Settings = z.infer<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  userAgent: 'xxgk-archive/0.1 (+https://example.org/xxgk-archive; research archive of government disclosure reports)',
  maxConcurrency: 4,
  maxRequestRetries: 3,
  requestTimeoutMs: 30_000,
  maxListingPages: 1000,
};

const ENV: Record<keyof Settings, string> = {
  userAgent: 'XXGK_USER_AGENT',
  maxConcurrency: 'XXGK_MAX_CONCURRENCY',
  maxRequestRetries: 'XXGK_MAX_REQUEST_RETRIES',
  requestTimeoutMs: 'XXGK_REQUEST_TIMEOUT_MS',
  maxListingPages: 'XXGK_MAX_LISTING_PAGES',
};

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
    out[key] = key === 'userAgent' ? value : Number(value);
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
