/**
 * `xxgk verify [--repair]`: check that the index and the report folders describe each other, and
 * repair from the files what can be repaired without fetching. It takes the storage lock (a crawl
 * writing meanwhile would look like damage, and a repair must not race one), and opens the
 * archive read-write: FTS5's integrity check is a write statement to SQLite even when it changes
 * nothing.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { openArchiveDb } from '../../archive/archive-db.js';
import { repairArchive, verifyArchive, type ArchiveProblem, type RepairOutcome, type VerifyResult } from '../../archive/verify-archive.js';
import { ConfigError } from '../../errors.js';
import { lockStorage } from '../../schedule/storage-lock.js';
import { formatTable } from '../output.js';

export interface VerifyOptions {
  repair: boolean;
  format: 'table' | 'json';
}

export interface VerifyCommandResult {
  output: string;
  /** Problems found (with --repair: problems still there after repairing). */
  problems: number;
}

export async function verifyCommand(storageDir: string, options: VerifyOptions): Promise<VerifyCommandResult> {
  const path = join(storageDir, 'archive.sqlite');
  if (!existsSync(path)) throw new ConfigError(`no archive at ${path}: pass --storage`);
  // Right after a crash the dead run's lock looks held for a few seconds: wait for it to go stale.
  const release = await lockStorage(storageDir, { waitForStale: true });
  try {
    const db = openArchiveDb(path);
    try {
      const found = await verifyArchive(storageDir, db);
      if (!options.repair) return { output: format(options.format, found), problems: found.problems.length };
      const repaired = await repairArchive(storageDir, db);
      const after = await verifyArchive(storageDir, db);
      return { output: format(options.format, found, repaired, after), problems: after.problems.length };
    } finally {
      db.close();
    }
  } finally {
    await release();
  }
}

function format(how: 'table' | 'json', found: VerifyResult, repaired?: RepairOutcome[], after?: VerifyResult): string {
  if (how === 'json') {
    return JSON.stringify(
      { checked: found.checked, problems: found.problems, ...(repaired ? { repaired, remaining: after!.problems } : {}) },
      null,
      2,
    );
  }
  const { reports, versions, attachments, images } = found.checked;
  const lines = [`checked ${reports} report(s), ${versions} earlier version(s), ${attachments} attachment(s), ${images} image(s)`];
  if (!found.problems.length) {
    lines.push('no problems found');
    return lines.join('\n');
  }
  lines.push(`${found.problems.length} problem(s):`, problemTable(found.problems));
  if (repaired && after) {
    lines.push('', 'repairs:', formatTable(['done', 'kind', 'report', 'path', 'repair', 'error'], repaired.map((o) => [o.done ? 'yes' : 'no', ...cells(o.problem).slice(0, 3), o.problem.repair, o.error ?? ''])));
    const refetch = repaired.filter((o) => o.done && o.problem.repair === 'refetch').map((o) => o.problem.reportId);
    if (refetch.length) lines.push(`${new Set(refetch).size} report(s) dropped from the index: the next crawl fetches them again`);
    lines.push('', after.problems.length ? `${after.problems.length} problem(s) remain:\n${problemTable(after.problems)}` : 'the archive is clean now');
  } else {
    lines.push('', 'run "xxgk verify --repair" to repair what can be repaired from the files (see the repair column)');
  }
  return lines.join('\n');
}

function cells(p: ArchiveProblem): string[] {
  const report = p.reportId === undefined ? '' : p.version === undefined ? `#${p.reportId}` : `#${p.reportId} v${p.version}`;
  return [p.kind, report, p.path ?? '', p.detail];
}

function problemTable(problems: ArchiveProblem[]): string {
  return formatTable(['kind', 'report', 'path', 'repair', 'detail'], problems.map((p) => [...cells(p).slice(0, 3), p.repair, p.detail]));
}
