/**
 * The reports in which spam injections were found, and the compromised portals to tell: what
 * `xxgk query --spam` prints, as a page. The findings themselves are on each report's page.
 */
import type { Db } from '../../archive/archive-db.js';
import { spamByPortal } from '../../query/report-query.js';
import { html, layout } from '../html.js';

/** A page lists this many reports at most; the API pages through all of them. */
const SHOWN = 500;

interface SpamReport {
  id: number;
  title: string;
  year: number;
  regionName: string;
  portal: string;
  findings: number;
  kinds: string;
}

export function spamPage(db: Db): string {
  const portals = spamByPortal(db);
  const reports = db
    .prepare(
      `SELECT r.id, r.title, r.year, r.region_name AS regionName, r.portal, count(*) AS findings, group_concat(DISTINCT s.kind) AS kinds
       FROM report_spam s JOIN reports r ON r.id = s.report_id GROUP BY r.id ORDER BY r.portal, r.year DESC, r.id LIMIT ?`,
    )
    .all(SHOWN + 1) as SpamReport[];
  const more = reports.length > SHOWN;
  return layout(
    '垃圾注入 Spam',
    html`<h1>垃圾注入 Spam</h1>
<p>Reports whose pages carried injected spam (gambling words for 政府信息公开, a hijacked site name or domain): removed before filing, each finding listed on the report's page. All of them as JSON: <a href="/api/reports?spam=1">/api/reports?spam=1</a>.</p>
<h2>Compromised portals (${portals.length})</h2>
<table class="list"><thead><tr><th>portal</th><th>reports</th><th>findings</th><th>kinds</th></tr></thead><tbody>
${portals.map((p) => html`<tr><td>${p.portal}</td><td>${p.reports}</td><td>${p.findings}</td><td>${p.kinds}</td></tr>`)}
</tbody></table>
<h2>Reports</h2>
<table class="list spam-reports"><thead><tr><th>portal</th><th>year</th><th>region</th><th>report</th><th>findings</th><th>kinds</th></tr></thead><tbody>
${reports.slice(0, SHOWN).map((r) => html`<tr><td>${r.portal}</td><td>${r.year}</td><td>${r.regionName}</td><td><a href="/report/${r.id}">${r.title}</a></td><td>${r.findings}</td><td>${r.kinds}</td></tr>`)}
</tbody></table>${more ? html`<p>The first ${SHOWN}; the API lists them all.</p>` : ''}`,
  );
}
