/**
 * Reading `seeds/*.json`. A broken seed file stops the run with the file and field named:
 * silently skipping a portal would leave a hole in the archive nobody notices.
 */
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { ConfigError } from '../errors.js';
import type { PortalSeed } from '../types.js';

const httpUrl = z
  .string()
  .url()
  .refine((u) => /^https?:/.test(u), 'must be an http(s) URL');

export const portalSeedSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'lower-case letters, digits, - and _'),
    name: z.string().min(2),
    region: z.string().regex(/^\d{6}$/, 'a six-digit GB/T 2260 code'),
    start: z.array(httpUrl).default([]),
    home: httpUrl.optional(),
    maxListingPages: z.number().int().positive().optional(),
    render: z.enum(['auto', 'static', 'browser']).optional(),
    politeness: z
      .object({ concurrency: z.number().int().min(1).max(16).optional(), delayMs: z.number().int().min(0).optional() })
      .strict()
      .optional(),
    note: z.string().optional(),
  })
  .refine((p) => p.start.length > 0 || p.home, { message: 'needs "start" URLs or a "home" page' });

export const seedFileSchema = z.object({ portals: z.array(portalSeedSchema).min(1) });

export function parseSeeds(json: unknown, file: string): PortalSeed[] {
  const result = seedFileSchema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new ConfigError(`${file}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return result.data.portals.map((p) => {
    const seed: PortalSeed = { id: p.id, name: p.name, region: p.region, start: p.start };
    if (p.home) seed.home = p.home;
    if (p.maxListingPages) seed.maxListingPages = p.maxListingPages;
    if (p.render) seed.render = p.render;
    if (p.politeness) {
      seed.politeness = {
        ...(p.politeness.concurrency !== undefined ? { concurrency: p.politeness.concurrency } : {}),
        ...(p.politeness.delayMs !== undefined ? { delayMs: p.politeness.delayMs } : {}),
      };
    }
    if (p.note) seed.note = p.note;
    return seed;
  });
}

export async function loadSeedFile(file: string): Promise<PortalSeed[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (cause) {
    throw new ConfigError(`cannot read seed file ${file}: ${(cause as Error).message}`, { cause });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new ConfigError(`${file}: not valid JSON: ${(cause as Error).message}`, { cause });
  }
  return parseSeeds(json, file);
}

/** Loads several seed files; portal ids must be unique across all of them. */
export async function loadSeeds(files: string[]): Promise<PortalSeed[]> {
  const seeds: PortalSeed[] = [];
  const seen = new Map<string, string>();
  for (const file of files) {
    for (const seed of await loadSeedFile(file)) {
      const other = seen.get(seed.id);
      if (other) throw new ConfigError(`portal id "${seed.id}" appears in both ${other} and ${file}`);
      seen.set(seed.id, file);
      seeds.push(seed);
    }
  }
  return seeds;
}

/** The real-portal seed files: every seeds/*.json except the demo's. */
export async function defaultSeedFiles(dir: string): Promise<string[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  return names
    .filter((n) => n.endsWith('.json') && n !== 'demo.json')
    .sort()
    .map((n) => join(dir, n));
}
