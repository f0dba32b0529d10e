/**
 * One figure across regions and years: a table (with each report's own check results and the
 * sum), a chart drawn by ECharts from the JSON API, and the CSV to download.
 */
import type { Db } from '../../archive/archive-db.js';
import { FIGURE_KEYS } from '../../extract/figures/index.js';
import { figureAcross, presentFigureKeys } from '../../query/figure-query.js';
import type { ReportFilter } from '../../query/report-query.js';
import { html, layout, option } from '../html.js';

export function figuresPage(db: Db, query: { key?: string; year?: string; region?: string }): string {
  const keys = presentFigureKeys(db);
  const key = query.key && keys.includes(query.key) ? query.key : undefined;
  const year = query.year && /^\d{4}$/.test(query.year) ? Number(query.year) : undefined;
  const filter: ReportFilter = { ...(year ? { year } : {}), ...(query.region ? { region: query.region } : {}) };
  const form = html`<form action="/figures" method="get"><select name="key" aria-label="figure">${keys.map(
    (k) => option(k, `${k} ${FIGURE_KEYS[k]?.label ?? ''}`, key),
  )}</select><input name="year" value="${query.year ?? ''}" placeholder="年度" size="6" aria-label="year"><input name="region" value="${query.region ?? ''}" placeholder="地区" aria-label="region"><button>show</button></form>`;
  if (!key) return layout('数据 Figures', html`<h1>数据 Figures</h1>${form}<p>Pick a figure (keys: docs/figures.md).</p>`);
  const rows = figureAcross(db, key, filter);
  const params = new URLSearchParams({ key, ...(year ? { year: String(year) } : {}), ...(query.region ? { region: query.region } : {}) }).toString();
  const sum = rows.reduce((s, r) => s + r.value, 0);
  return layout(
    `${key} · 数据`,
    html`<h1>数据 Figures <small>${key}</small></h1>${form}
<p>${rows.length} reports · sum ${sum} · <a href="/api/figures.csv?${params}" download="${key}.csv">Download CSV</a> · <a href="/api/figures?${params}">JSON</a></p>
<div id="chart" class="chart" data-src="/api/figures?${params}"></div>
<table class="list figures"><thead><tr><th>year</th><th>region</th><th>issuer</th><th>value</th><th>checks</th></tr></thead><tbody>
${rows.map((r) => html`<tr><td>${r.year}</td><td>${r.regionName}</td><td><a href="/report/${r.id}">${r.issuer}</a></td><td>${r.value}${r.uncertain ? html` <span class="uncertain" title="read with doubt">?</span>` : ''}</td><td class="${r.failedChecks ? 'failed' : 'passed'}">${r.checks - r.failedChecks}/${r.checks}</td></tr>`)}
</tbody><tfoot><tr><td colspan="3">sum</td><td>${sum}</td><td></td></tr></tfoot></table>`,
    { scripts: ['/static/echarts.min.js', '/static/figures-chart.js'] },
  );
}
