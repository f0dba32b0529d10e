/**
 * The region tree (province → city → county, counts on every node) and a region's reports by year,
 * its government's first and its departments' after.
 */
import type { Db } from '../../archive/archive-db.js';
import { regionName } from '../../extract/region.js';
import { GOVERNMENT_ISSUER, issuerKind, regionCodeCondition } from '../../query/report-query.js';
import { html, layout, type Html } from '../html.js';

export interface RegionNode {
  code: string;
  name: string;
  /** Reports filed under this region and everything under it. */
  reports: number;
  years: Record<number, number>;
  /** This region's own reports (not its sub-regions'): its government's, and its departments'. */
  own: { government: number; departments: number };
  children: RegionNode[];
}

/** Province, city and county codes of a GB/T 2260 code. */
function ancestry(code: string): string[] {
  const province = `${code.slice(0, 2)}0000`;
  const city = `${code.slice(0, 4)}00`;
  return [...new Set([province, city, code])];
}

interface CountRow {
  code: string;
  /** The name the reports use, for a code the gazetteer does not know. */
  name: string;
  year: number;
  n: number;
}

interface CountNode<T> {
  code: string;
  reports: number;
  years: Record<number, number>;
  children: T[];
}

/**
 * Each row counted on every node of its ancestry (province → city → its own code), nodes made by
 * `create` as first met; `own` sees the row at its own node. Sorted by code at every level.
 */
function countTree<T extends CountNode<T>, R extends CountRow>(rows: readonly R[], create: (code: string, name: string) => T, own?: (node: T, row: R) => void): T[] {
  const nodes = new Map<string, T>();
  const roots: T[] = [];
  for (const r of rows) {
    let parent: T | undefined;
    for (const code of ancestry(r.code)) {
      let node = nodes.get(code);
      if (!node) {
        node = create(code, regionName(code) ?? (code === r.code ? r.name : code));
        nodes.set(code, node);
        (parent ? parent.children : roots).push(node);
      }
      node.reports += r.n;
      node.years[r.year] = (node.years[r.year] ?? 0) + r.n;
      if (code === r.code) own?.(node, r);
      parent = node;
    }
  }
  const sort = (list: T[]) => {
    list.sort((a, b) => a.code.localeCompare(b.code));
    list.forEach((n) => sort(n.children));
  };
  sort(roots);
  return roots;
}

/** The whole tree, or (`within` a region's code) the part of it under that region, ancestors included. */
export function regionTree(db: Db, within?: string): RegionNode[] {
  const scope = within ? regionCodeCondition(within) : { sql: '1', params: [] };
  const rows = db
    .prepare(`SELECT region_code AS code, max(region_name) AS name, year, count(*) AS n, sum(${GOVERNMENT_ISSUER}) AS gov FROM reports r WHERE ${scope.sql} GROUP BY region_code, year`)
    .all(...scope.params) as (CountRow & { gov: number })[];
  return countTree(
    rows,
    (code, name): RegionNode => ({ code, name, reports: 0, years: {}, own: { government: 0, departments: 0 }, children: [] }),
    (node, row) => {
      node.own.government += row.gov;
      node.own.departments += row.n - row.gov;
    },
  );
}

/** Provinces and cities (prefectures) with their counts; counties are listed on their city's page. */
export type RegionSummary = Omit<RegionNode, 'own' | 'children'> & { children: RegionSummary[] };

/**
 * The top two levels of the tree, counted from the first four digits of each code (a city's code,
 * or its province's for the province's own reports): a national archive's ~3 000 regions would
 * make one page of several megabytes and a whole-archive grouping by region on every visit.
 */
export function regionSummary(db: Db): RegionSummary[] {
  const rows = db
    .prepare("SELECT substr(region_code, 1, 4) || '00' AS code, substr(region_code, 1, 4) || '00' AS name, year, count(*) AS n FROM reports GROUP BY code, year")
    .all() as CountRow[];
  return countTree(rows, (code, name): RegionSummary => ({ code, name, reports: 0, years: {}, children: [] }));
}

function treeHtml(nodes: (RegionNode | RegionSummary)[]): Html {
  return html`<ul class="tree">${nodes.map(
    (n) => html`<li><a href="/region/${n.code}">${n.name}</a> <span class="count">${n.reports}</span>${'own' in n && n.own.government + n.own.departments ? html` <span class="own">政府 ${n.own.government} · 部门 ${n.own.departments}</span>` : ''}
<span class="years">${Object.entries(n.years).map(([y, c]) => html`<a href="/region/${n.code}?year=${y}">${y}<sup>${c}</sup></a> `)}</span>${n.children.length ? treeHtml(n.children) : ''}</li>`,
  )}</ul>`;
}

export function browsePage(db: Db): string {
  const tree = regionSummary(db);
  const total = tree.reduce((s, n) => s + n.reports, 0);
  return layout(
    '地区 Regions',
    html`<h1>地区 Regions</h1><p>${total} reports. Province → city; a city's page lists its counties. Each year links to its reports, the number is how many.</p>${treeHtml(tree)}`,
  );
}

/** The node of `code` in the tree of its part of the archive. */
function nodeIn(nodes: RegionNode[], code: string): RegionNode | undefined {
  for (const n of nodes) {
    if (n.code === code) return n;
    const found = nodeIn(n.children, code);
    if (found) return found;
  }
  return undefined;
}

export interface RegionReport {
  id: number;
  title: string;
  year: number;
  issuer: string;
  regionCode: string;
  regionName: string;
  published: string | null;
}

export function regionReports(db: Db, code: string, year?: number): { years: Record<number, number>; reports: RegionReport[] } {
  const scope = regionCodeCondition(code);
  const years = Object.fromEntries(
    (db.prepare(`SELECT year, count(*) AS n FROM reports r WHERE ${scope.sql} GROUP BY year ORDER BY year`).all(...scope.params) as { year: number; n: number }[]).map((r) => [r.year, r.n]),
  );
  const shown = year ?? Math.max(...Object.keys(years).map(Number));
  const reports = db
    .prepare(`SELECT id, title, year, issuer, region_code AS regionCode, region_name AS regionName, published FROM reports r WHERE ${scope.sql} AND year = ? ORDER BY region_code, issuer`)
    .all(...scope.params, shown) as RegionReport[];
  // A government's own report first, then its departments'.
  reports.sort((a, b) => a.regionCode.localeCompare(b.regionCode) || Number(issuerKind(b.issuer) === 'government') - Number(issuerKind(a.issuer) === 'government'));
  return { years, reports };
}

export function regionPage(db: Db, code: string, year?: number): string | undefined {
  const { years, reports } = regionReports(db, code, year);
  if (!Object.keys(years).length) return undefined;
  const shown = reports[0]?.year ?? year;
  const name = regionName(code) ?? reports[0]?.regionName ?? code;
  // One level down: a province's cities, a city's counties, each with its own split.
  const sub = code.endsWith('00') ? (nodeIn(regionTree(db, code), code)?.children ?? []) : [];
  return layout(
    `${name} ${shown ?? ''}`,
    html`<h1>${name} <small>${code}</small></h1>
<p class="years">${Object.entries(years).map(([y, n]) => html`<a href="/region/${code}?year=${y}"${Number(y) === shown ? html` class="current"` : ''}>${y} (${n})</a> `)}</p>
<p><a href="/coverage?region=${code}">覆盖 Coverage of ${name}</a></p>
${sub.length ? html`<h2>下级 Sub-regions</h2>${treeHtml(sub.map((n) => ({ ...n, children: [] })))}` : ''}
<table class="list"><thead><tr><th>year</th><th>region</th><th>issuer</th><th>title</th><th>published</th></tr></thead><tbody>
${reports.map((r) => html`<tr class="${issuerKind(r.issuer)}"><td>${r.year}</td><td>${r.regionName}</td><td>${r.issuer}</td><td><a href="/report/${r.id}">${r.title}</a></td><td>${r.published ?? '?'}</td></tr>`)}
</tbody></table>`,
  );
}
