/** What changed between an earlier version of a report and the current one, line by line. */
import { diffLines } from 'diff';
import type { Db } from '../../archive/archive-db.js';
import { html, layout } from '../html.js';

export function versionDiffPage(db: Db, id: number, from: number): string | undefined {
  const current = db.prepare('SELECT title, text, version FROM reports WHERE id = ?').get(id) as { title: string; text: string; version: number } | undefined;
  const earlier = db.prepare('SELECT title, text FROM report_versions WHERE report_id = ? AND version = ?').get(id, from) as { title: string; text: string } | undefined;
  if (!current || !earlier) return undefined;
  const parts = diffLines(`${earlier.title}\n${earlier.text}\n`, `${current.title}\n${current.text}\n`);
  return layout(
    `${current.title} · changes`,
    html`<h1><a href="/report/${id}">${current.title}</a></h1><p>Changes from version ${from} to version ${current.version}: <ins>added</ins>, <del>removed</del>.</p>
<div class="diff">${parts.map((p) => (p.added ? html`<ins>${p.value}</ins>` : p.removed ? html`<del>${p.value}</del>` : html`<span>${p.value}</span>`))}</div>`,
  );
}
