/** The coverage matrix of a region, with the list of gaps to download. */
import type { Db } from '../../archive/archive-db.js';
import { COVERAGE_MARK, coverageMatrix, type CoverageRequest } from '../../query/coverage.js';
import { html, layout, option } from '../html.js';

export function coverageRequestOf(query: { region?: string; from?: string; to?: string; kind?: string }, expect: CoverageRequest['expect']): CoverageRequest {
  const year = (v?: string) => (v && /^\d{4}$/.test(v) ? Number(v) : undefined);
  const from = year(query.from);
  const to = year(query.to);
  return {
    ...(query.region ? { region: query.region } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
    ...(query.kind === 'government' || query.kind === 'department' ? { kind: query.kind } : {}),
    ...(expect?.length ? { expect } : {}),
  };
}

export function coveragePage(db: Db, query: { region?: string; from?: string; to?: string; kind?: string }, expect: CoverageRequest['expect']): string {
  const request = coverageRequestOf(query, expect);
  const m = coverageMatrix(db, request);
  const params = new URLSearchParams(Object.entries(query).filter(([, v]) => v) as [string, string][]).toString();
  return layout(
    '覆盖 Coverage',
    html`<h1>覆盖 Coverage</h1>
<form action="/coverage" method="get"><input name="region" value="${query.region ?? ''}" placeholder="地区 411600 / 周口市" aria-label="region">
<input name="from" value="${query.from ?? ''}" placeholder="from" size="5" aria-label="from"><input name="to" value="${query.to ?? ''}" placeholder="to" size="5" aria-label="to">
<select name="kind" aria-label="kind"><option value="">all</option>${option('government', 'governments', query.kind)}${option('department', 'departments', query.kind)}</select><button>show</button></form>
<p>✓ on time · L late · ? no date · ✗ missing · blank: not expected yet. <a href="/api/coverage/gaps.csv?${params}" download="gaps.csv">Download the gaps (CSV)</a></p>
<table class="coverage"><thead><tr><th>region</th><th>issuer</th>${m.years.map((y) => html`<th>${y}</th>`)}</tr></thead><tbody>
${m.rows.map((r) => html`<tr class="${r.kind}"><td>${r.regionName}</td><td>${r.issuer}</td>${m.years.map((y) => {
      const c = r.cells.find((x) => x.year === y);
      if (!c) return html`<td></td>`;
      const mark = html`<span title="${c.status}, due ${c.deadline}${c.published ? `, published ${c.published}` : ''}">${COVERAGE_MARK[c.status]}</span>`;
      return html`<td class="${c.status}" data-year="${y}">${c.reportId ? html`<a href="/report/${c.reportId}">${mark}</a>` : mark}</td>`;
    })}</tr>`)}
</tbody></table>`,
  );
}
