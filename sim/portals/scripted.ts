/**
 * What the script-built portals (nanyang, zhumadian, luoyang, puyang) share: a Site with validators
 * on its static pages, reports and decoys as items newest first, the homepage, the column shell,
 * article pages, the scripts every page loads (those the trimmed site lacks answer 404), and
 * publish/rerender. Each portal adds its own list API, which reads `items` on every request, so a
 * published report shows up there while the column shell stays byte-for-byte the same.
 */
import type { Region } from '../../src/types.js';
import { BEACON_GIF, servedScripts } from '../html/scripts.js';
import { Site, type SimResponse } from '../server.js';
import { addChromeAssets, byDateDesc, decoyItems, nextPublished, publishedAt, syntheticReport, type BuiltPortal, type DecoySpec, type Item, type LivePortal, type PublishPlan } from './common.js';
import { columnOf, scriptedArticle, scriptedColumn, scriptedHome, type ScriptedLayout } from './scripted-pages.js';

/** [issuer, year reported on, date, time, title when not the usual form] */
export type ReportRow = [issuer: string, year: number, date: string, time: string, title?: string];

export interface ScriptedSpec {
  id: string;
  /** GB/T 2260 code and name of the city, e.g. 411300 南阳市. */
  region: Region;
  phone: string;
  reports: ReportRow[];
  decoys: DecoySpec[];
  /** Departments publish() takes in turn; none: the portal does not change between runs. */
  publishIssuers: string[];
  layout: ScriptedLayout;
  /** The column's list block: the empty containers (and any inline script) the list script fills. */
  listBlock: string;
  robots?: string;
  articlePath: (date: string, id: number) => string;
  firstId: number;
  traits: string[];
  /** Registers the list API on the site; it must read `items` per request. */
  api: (portal: ScriptedApiContext) => void;
}

export interface ScriptedApiContext {
  site: Site;
  /** Newest first; publish() puts new reports in front. */
  items: Item[];
  /** The article number in an item's path (the APIs' document ids). */
  idOf(it: Item): number;
}

const html = (body: string) => ({ contentType: 'text/html; charset=utf-8', body });

export function buildScriptedPortal(spec: ScriptedSpec): BuiltPortal {
  const { layout: l, region } = spec;
  const city = `${region.name}人民政府`;
  const office = `${city}办公室`;
  const site = new Site({ validators: true, ...(spec.robots !== undefined ? { robots: spec.robots } : {}) });
  const ids = new Map<string, number>();
  let nextId = spec.firstId;
  const pathFor = (date: string): string => {
    nextId += 37;
    const path = spec.articlePath(date, nextId);
    ids.set(path, nextId);
    return path;
  };
  const code = Number(region.code);
  const reports = spec.reports.map(([issuer, year, date, time, title], k) => {
    const own = issuer === city;
    const r = { issuer, year, region, scale: own ? 5 : 1, phone: spec.phone, seed: code + year * 3 + k, ...(title ? { title } : {}) };
    return syntheticReport(r, pathFor(date), date, time, own ? office : issuer);
  });
  const decoys = decoyItems(spec.decoys, { place: region.name, gov: city, scope: '全市' }, office, (d) => pathFor(d.date));
  const items = [...reports, ...decoys].sort(byDateDesc);

  const renderArticle = (it: Item, lastModified?: Date): void => {
    const page = scriptedArticle(l, { title: it.title, date: it.date, time: it.time, source: it.source, lines: it.lines, id: ids.get(it.path)! });
    site.add(it.path, { ...html(page), lastModified: lastModified ?? publishedAt(it.date, it.time) });
  };
  for (const it of items) renderArticle(it);

  const [, columnPath] = columnOf(l);
  site.add(columnPath, { ...html(scriptedColumn(l, spec.listBlock)), lastModified: publishedAt('2023-06-30', '18:00:00') });
  site.add('/', html(scriptedHome(l)));
  site.add('/index.html', html(scriptedHome(l)));
  const scripts = servedScripts(l.scripts);
  addChromeAssets(site, l.site.css, scripts);
  if (scripts['/tongji/ta.js']) site.add('/tongji/ta.gif', { contentType: 'image/gif', body: BEACON_GIF });
  spec.api({ site, items, idOf: (it) => ids.get(it.path)! });

  const plan: PublishPlan = { issuers: spec.publishIssuers, region, scale: 1, phone: spec.phone, source: (issuer) => issuer };
  let published = 0;
  const live: LivePortal = {
    publish: () => {
      const it = nextPublished(plan, published++, items[0]!.date, pathFor);
      items.unshift(it);
      renderArticle(it, new Date());
      return it;
    },
    rerender: (it) => renderArticle(it),
  };
  return {
    id: spec.id,
    name: city,
    region: region.code,
    site,
    startPath: columnPath,
    maxListingPages: 10,
    traits: spec.traits,
    items,
    ...(spec.publishIssuers.length > 0 ? { live } : {}),
  };
}

/** A JSON answer as the portals' API servlets send it (no validators, never cached). */
export function jsonAnswer(body: unknown, status = 200): SimResponse {
  return { status, contentType: 'application/json;charset=UTF-8', body: JSON.stringify(body), headers: { 'Cache-Control': 'no-cache' } };
}

/** An integer request parameter, `fallback` when absent or not a number, clamped to [min, max]. */
export function intParam(params: URLSearchParams, name: string, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const n = Number.parseInt(params.get(name) ?? '', 10);
  return Math.min(max, Math.max(min, Number.isFinite(n) ? n : fallback));
}
