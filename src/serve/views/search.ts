/** The search form and a page of results, matches marked, with filters and paging. */
import type { Db } from '../../archive/archive-db.js';
import { levelAndKindOf } from '../../query/report-query.js';
import { searchReports, type SearchRequest } from '../../query/search.js';
import { html, layout, option } from '../html.js';

export interface SearchQuery {
  q?: string;
  region?: string;
  year?: string;
  level?: string;
  kind?: string;
  sort?: string;
  page?: string;
  pageSize?: string;
}

export function searchRequestOf(query: SearchQuery): SearchRequest | undefined {
  if (!query.q?.trim()) return undefined;
  const year = query.year ? Number(query.year) : undefined;
  const page = query.page ? Number(query.page) : 1;
  return {
    q: query.q,
    filter: { ...(query.region ? { region: query.region } : {}), ...(year && Number.isInteger(year) ? { year } : {}), ...levelAndKindOf(query) },
    sort: query.sort === 'date' ? 'date' : 'relevance',
    page: Number.isInteger(page) && page > 0 ? page : 1,
    // Out of range (over 100): searchReports says so, as a 400.
    pageSize: query.pageSize && /^\d+$/.test(query.pageSize) ? Number(query.pageSize) : 20,
  };
}

export function searchPage(db: Db, query: SearchQuery): string {
  const request = searchRequestOf(query);
  const form = html`<form class="search" action="/search" method="get">
<input name="q" value="${query.q ?? ''}" placeholder="复议 诉讼" aria-label="words">
<input name="region" value="${query.region ?? ''}" placeholder="地区 410000 / 周口市" aria-label="region">
<input name="year" value="${query.year ?? ''}" placeholder="年度" aria-label="year" size="6">
<select name="level" aria-label="level"><option value="">所有层级 any level</option>${option('province', '省级 province', query.level)}${option('city', '市级 city', query.level)}${option('county', '县级 county', query.level)}</select>
<select name="kind" aria-label="kind"><option value="">政府及部门 all issuers</option>${option('government', '政府 governments', query.kind)}${option('department', '部门 departments', query.kind)}</select>
<select name="sort" aria-label="sort">${option('relevance', '相关 relevance', query.sort)}${option('date', '最新 newest', query.sort)}</select>
<button>搜索</button></form>`;
  if (!request) return layout('搜索 Search', html`<h1>搜索 Search</h1>${form}<p>Every word must occur; two-character words such as 复议 work.</p>`);
  const result = searchReports(db, request);
  const pages = Math.max(1, Math.ceil(result.total / result.pageSize));
  const link = (page: number) => `/search?${new URLSearchParams({ ...Object.fromEntries(Object.entries(query).filter(([, v]) => v)), page: String(page) }).toString()}`;
  return layout(
    `${request.q} · 搜索`,
    html`<h1>搜索 Search</h1>${form}
<p class="total">${result.total} reports match · page ${result.page} of ${pages}</p>
<ol class="hits" start="${(result.page - 1) * result.pageSize + 1}">${result.hits.map(
      (h) => html`<li><a href="/report/${h.id}">${h.title}</a> <span class="meta">${h.year} · ${h.regionName} · ${h.issuer}</span>
<p class="snippet">${h.snippet.map((p) => (p.match ? html`<mark>${p.text}</mark>` : p.text))}</p></li>`,
    )}</ol>
<nav class="pages">${result.page > 1 ? html`<a rel="prev" href="${link(result.page - 1)}">← previous</a>` : ''} ${result.page < pages ? html`<a rel="next" href="${link(result.page + 1)}">next →</a>` : ''}</nav>`,
  );
}
