/**
 * One report: its clean text, its tables as tables (with where they were read from), its figures
 * with the template's checks (a failed check shows its numbers), the spam removed, its versions,
 * and links to the original page and to the raw bytes as archived (served as a download).
 */
import type { ArchivedReport, ExtractedTable } from '../../types.js';
import { html, layout, safeHref, type Html } from '../html.js';

const SOURCE: Record<string, string> = {
  html: 'HTML table',
  text: 'text table',
  image: 'image (OCR)',
  ocr: 'scanned page (OCR)',
};

function sourceLabel(source: string): string {
  return SOURCE[source] ?? `file (${source.toUpperCase()})`;
}

function tableHtml(table: ExtractedTable, n: number): Html {
  return html`<section class="table" id="table-${n}"><h3>${table.title || `Table ${n + 1}`} <span class="source source-${table.source}">${sourceLabel(table.source)}</span></h3>
<table class="grid"><tbody>${table.rows.map((row) => html`<tr>${row.map((cell) => html`<td>${cell}</td>`)}</tr>`)}</tbody></table></section>`;
}

export function reportPage(report: ArchivedReport): string {
  const failed = report.statistics.checks.filter((c) => !c.ok);
  const figures = Object.entries(report.statistics.figures);
  return layout(
    report.title,
    html`<article class="report">
<h1>${report.title}</h1>
<dl class="meta">
<dt>year</dt><dd>${report.year}</dd>
<dt>region</dt><dd><a href="/region/${report.region.code}">${report.region.name}</a> ${report.region.code}</dd>
<dt>issuer</dt><dd>${report.issuer}</dd>
<dt>published</dt><dd>${report.published ?? '?'}</dd>
<dt>text from</dt><dd>${report.textSource ?? 'html'}</dd>
<dt>original</dt><dd><a href="${safeHref(report.url)}" rel="noopener noreferrer nofollow" target="_blank">${report.url}</a></dd>
<dt>archived</dt><dd>${report.fetchedAt} · <a href="/report/${report.id}/raw" download>raw bytes as fetched</a> · <a href="/api/reports/${report.id}">JSON</a></dd>
${report.attachments?.length ? html`<dt>files</dt><dd>${report.attachments.map((a) => html`<a href="/report/${report.id}/file/${encodeURIComponent(a.file)}" download>${a.name || a.file}</a> (${a.type}, ${a.role}) `)}</dd>` : ''}
</dl>
${
  figures.length
    ? html`<section class="figures"><h2>数据 Figures <small>template ${report.statistics.template ?? '?'}</small></h2>
<p class="checks">${report.statistics.checks.length} checks, <span class="${failed.length ? 'failed' : 'passed'}">${failed.length} failed</span></p>
${failed.length ? html`<ul class="failed-checks">${failed.map((c) => html`<li class="failed"><strong>${c.rule}</strong>: ${c.detail}</li>`)}</ul>` : ''}
<details><summary>${figures.length} figures</summary><table class="figures"><tbody>${figures.map(([k, v]) => html`<tr><td><a href="/figures?key=${encodeURIComponent(k)}&year=${report.year}">${k}</a></td><td>${v}</td></tr>`)}</tbody></table></details></section>`
    : ''
}
${report.tables.length ? html`<section class="tables"><h2>表格 Tables</h2>${report.tables.map(tableHtml)}</section>` : ''}
${
  report.spam.length
    ? html`<section class="spam"><h2>垃圾注入 Spam removed (${report.spam.length})</h2><table class="list"><thead><tr><th>kind</th><th>where</th><th>found</th><th>replaced by</th></tr></thead><tbody>
${report.spam.map((s) => html`<tr><td>${s.kind}</td><td>${s.where}</td><td class="found">${s.found}</td><td>${s.replacement || '(removed)'}</td></tr>`)}</tbody></table></section>`
    : ''
}
${
  report.previousVersions.length
    ? html`<section class="versions"><h2>版本 Versions</h2><ul>${report.previousVersions.map((v) => html`<li>version ${v.version}, fetched ${v.fetchedAt} · <a href="/report/${report.id}/diff?from=${v.version}">changes since</a></li>`)}<li>version ${report.version} (this one)</li></ul></section>`
    : ''
}
<section class="text"><h2>正文 Text</h2>${report.text.split('\n').map((line) => html`<p>${line}</p>`)}</section>
</article>`,
  );
}
