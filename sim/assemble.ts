/**
 * Turns built portals into running ones: one server each on 127.0.0.1:0, seeds with absolute URLs,
 * the ground truth (expected reports, decoys, spam labels, robots-forbidden URLs), the request log
 * and the between-run mutations (publish, revise). Shared by portals.ts and many-portals.ts.
 */
import type { PortalSeed } from '../src/types.js';
import { SEED_FIGURES } from './fixtures/seed-figures.js';
import { isSeedName } from './fixtures/seed-text.js';
import type { BuiltPortal, Item } from './portals/common.js';
import { reviseText } from './revise.js';
import { serveSite, SimStats, type RunningServer } from './server.js';
import type { ExpectedReport, FaultLabel, FileLabel, HijackLabel, SimulatedPortal, SimulatedPortals, SpamLabel } from './types.js';

function expectation(portal: string, origin: string, it: Item): ExpectedReport {
  const r = it.report!;
  const truth = r.figures ? r : r.seed && isSeedName(r.seed) ? SEED_FIGURES[r.seed] : undefined;
  return {
    portal,
    url: `${origin}${it.path}`,
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
  };
}

export async function assemble(built: BuiltPortal[], options: { latencyMs?: number; basePort?: number } = {}): Promise<SimulatedPortals> {
  const stats = new SimStats();
  const servers: RunningServer[] = [];
  try {
    for (const [i, b] of built.entries()) {
      const port = options.basePort !== undefined ? options.basePort + i : undefined;
      servers.push(await serveSite({ portal: b.id, site: b.site, stats, latencyMs: options.latencyMs ?? 0, ...(port !== undefined ? { port } : {}) }));
    }
  } catch (err) {
    await Promise.all(servers.map((s) => s.close()));
    throw err;
  }

  const portals: SimulatedPortal[] = [];
  const expected: ExpectedReport[] = [];
  const decoys: string[] = [];
  const spamLabels: SpamLabel[] = [];
  const hijackLabels: HijackLabel[] = [];
  const fileLabels: FileLabel[] = [];
  const faultLabels: FaultLabel[] = [];
  const robotsDisallowed: string[] = [];
  built.forEach((b, i) => {
    const origin = servers[i]!.origin;
    const seed: PortalSeed = {
      id: b.id,
      name: b.name,
      region: b.region,
      start: b.startPath ? [b.startPath, ...(b.extraStartPaths ?? [])].map((p) => `${origin}${p}`) : [],
      home: `${origin}/`,
      maxListingPages: b.maxListingPages,
      note: 'simulated portal (sim/)',
    };
    portals.push({ seed, origin, traits: b.traits, column: `${origin}${b.columnPath ?? b.startPath}` });
    for (const { path, ...label } of b.spamLabels ?? []) spamLabels.push({ url: `${origin}${path}`, ...label });
    for (const { path, ...label } of b.hijackLabels ?? []) hijackLabels.push({ url: `${origin}${path}`, ...label });
    for (const { path, pagePath, reportPath, ...label } of b.fileLabels ?? []) {
      fileLabels.push({ url: `${origin}${path}`, ...(pagePath ? { pageUrl: `${origin}${pagePath}` } : {}), ...(reportPath ? { reportUrl: `${origin}${reportPath}` } : {}), ...label });
    }
    const abs = (p: string) => (p.startsWith('/') ? `${origin}${p}` : p);
    for (const { path, linkedFrom, ...label } of b.faultLabels ?? []) {
      faultLabels.push({ portal: b.id, url: abs(path), ...(linkedFrom ? { linkedFrom: abs(linkedFrom) } : {}), ...label });
    }
    for (const path of b.robotsDisallowed ?? []) robotsDisallowed.push(`${origin}${path}`);
    for (const it of b.items) {
      if (it.report) expected.push(expectation(b.id, origin, it));
      else decoys.push(`${origin}${it.path}`);
    }
  });

  const live = (id: string) => {
    const at = built.findIndex((b) => b.id === id);
    const b = built[at];
    if (!b) throw new Error(`no simulated portal '${id}'`);
    if (!b.live) throw new Error(`simulated portal '${id}' does not change between runs (publish/revise unsupported)`);
    return { b, live: b.live, origin: servers[at]!.origin };
  };

  let closed = false;
  return {
    portals,
    seeds: portals.map((p) => p.seed),
    expected,
    decoys,
    spamLabels,
    hijackLabels,
    fileLabels,
    faultLabels,
    requestLog: stats.log,
    robotsDisallowed,
    maxInFlight: (id) => stats.maxInFlight(id),
    resetStats: () => stats.reset(),
    publish(id) {
      const { b, live: l, origin } = live(id);
      const item = l.publish();
      if (!item.report) throw new Error(`${id}: publish() made no report`);
      if (!b.items.includes(item)) b.items.push(item);
      const e = expectation(b.id, origin, item);
      expected.push(e);
      return e;
    },
    revise(url) {
      const origin = new URL(url).origin;
      const p = portals.find((x) => x.origin === origin);
      if (!p) throw new Error(`revise: ${url} is on no simulated portal`);
      const { b, live: l } = live(p.seed.id);
      const item = b.items.find((it) => `${origin}${it.path}` === url);
      const e = expected.find((x) => x.url === url);
      if (!item?.report || !e) throw new Error(`revise: ${url} is not an expected report`);
      b.site.body(item.path); // a page rendered on demand must exist as it was before the change
      const r = reviseText(item.lines, item.report.body, item.report.figures ?? e.figures);
      item.lines = r.lines;
      item.report = { ...item.report, body: r.body };
      delete item.report.seed;
      l.rerender(item);
      e.body = r.body;
      delete e.seed;
      return e;
    },
    close: async () => {
      if (closed) return;
      closed = true;
      await Promise.all(servers.map((s) => s.close()));
    },
  };
}
