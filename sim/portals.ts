/**
 * Starts the simulated government portals (one HTTP server per portal on 127.0.0.1, port 0) and
 * reports what a correct crawl of them must find. Used by tests and by the demo crawl.
 */
import type { PortalSeed } from '../src/types.js';
import { SEED_FIGURES } from './fixtures/seed-figures.js';
import { isSeedName, seedReportBody } from './fixtures/seed-text.js';
import type { BuiltPortal } from './portals/common.js';
import { buildHenan } from './portals/henan.js';
import { buildLuyi } from './portals/luyi.js';
import { buildXiangfu } from './portals/xiangfu.js';
import { buildYunnan } from './portals/yunnan.js';
import { buildZhoukou } from './portals/zhoukou.js';
import { serveSite, type RequestLogEntry, type RunningServer } from './server.js';
import type { ExpectedReport, SimulatedPortal, SimulatedPortals, SpamLabel } from './types.js';

export { seedReportBody };
export type { ExpectedReport, SimulatedPortal, SimulatedPortals, SpamLabel } from './types.js';

export async function startSimulatedPortals(options: { latencyMs?: number } = {}): Promise<SimulatedPortals> {
  const built: BuiltPortal[] = [buildHenan(), buildLuyi(), buildXiangfu(), buildYunnan(), buildZhoukou()];
  const requestLog: RequestLogEntry[] = [];
  const servers: RunningServer[] = [];
  try {
    for (const b of built) {
      servers.push(await serveSite({ portal: b.id, site: b.site, log: requestLog, latencyMs: options.latencyMs ?? 0 }));
    }
  } catch (err) {
    await Promise.all(servers.map((s) => s.close()));
    throw err;
  }

  const portals: SimulatedPortal[] = [];
  const expected: ExpectedReport[] = [];
  const decoys: string[] = [];
  const spamLabels: SpamLabel[] = [];
  built.forEach((b, i) => {
    const origin = servers[i]!.origin;
    const seed: PortalSeed = {
      id: b.id,
      name: b.name,
      region: b.region,
      start: [`${origin}${b.startPath}`],
      home: `${origin}/`,
      maxListingPages: b.maxListingPages,
      note: 'simulated portal (sim/)',
    };
    portals.push({ seed, origin, traits: b.traits });
    for (const { path, ...label } of b.spamLabels ?? []) spamLabels.push({ url: `${origin}${path}`, ...label });
    for (const it of b.items) {
      const url = `${origin}${it.path}`;
      if (!it.report) {
        decoys.push(url);
        continue;
      }
      const r = it.report;
      const truth = r.figures ? r : r.seed && isSeedName(r.seed) ? SEED_FIGURES[r.seed] : undefined;
      expected.push({
        portal: b.id,
        url,
        title: r.title,
        year: r.year,
        region: r.region,
        issuer: r.issuer,
        published: it.date,
        ...(r.seed ? { seed: r.seed } : {}),
        images: r.images,
        ...(r.gb18030Only ? { gb18030Only: r.gb18030Only } : {}),
        body: r.body,
        ...(truth?.figures ? { figures: truth.figures } : {}),
        ...(truth?.failingChecks?.length ? { failingChecks: truth.failingChecks } : {}),
      });
    }
  });

  let closed = false;
  return {
    portals,
    seeds: portals.map((p) => p.seed),
    expected,
    decoys,
    spamLabels,
    requestLog,
    close: async () => {
      if (closed) return;
      closed = true;
      await Promise.all(servers.map((s) => s.close()));
    },
  };
}
