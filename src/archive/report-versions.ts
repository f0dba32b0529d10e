/**
 * Earlier versions of reports. Portals revise reports in place (a corrected number, a reworded
 * paragraph) without saying so; a researcher citing the first version must still find it. Before a
 * changed page replaces a report, the version it replaces is copied to versions/<url key>/v<N>/
 * and indexed in report_versions; the report row always holds the newest version.
 */
import { cp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Db } from './archive-db.js';
import { urlKey } from './archive-files.js';

export interface ReportVersion {
  version: number;
  title: string;
  text: string;
  contentHash: string;
  fetchedAt: string;
  /** Folder under the storage directory holding that version's raw bytes, text and meta.json. */
  folder: string;
  supersededAt: string;
}

interface CurrentRow {
  id: number;
  url: string;
  version: number;
  title: string;
  text: string;
  content_hash: string;
  fetched_at: string;
  folder: string;
}

/** A version set aside: its row goes in with the new version's, or its copy goes when that fails. */
export interface VersionAside {
  /** Inserts the version's row; run inside the transaction that writes the new version. */
  record: () => void;
  /** The new version was not archived (a full disk): the copy is removed. */
  discard: () => Promise<void>;
}

/** Copies the report's current files aside; returns the row to insert once the new version is in. */
export async function setAsideCurrentVersion(db: Db, storageDir: string, reportId: number, now: string): Promise<VersionAside> {
  const row = db.prepare('SELECT id, url, version, title, text, content_hash, fetched_at, folder FROM reports WHERE id = ?').get(reportId) as
    | CurrentRow
    | undefined;
  if (!row) return { record: () => {}, discard: async () => {} };
  const folder = join('versions', urlKey(row.url), `v${row.version}`);
  const target = join(storageDir, folder);
  const discard = () => rm(target, { recursive: true, force: true }).catch(() => undefined);
  await rm(target, { recursive: true, force: true });
  try {
    await cp(join(storageDir, row.folder), target, { recursive: true });
  } catch (error) {
    // Half a copy (ENOSPC) is no version: it would be an orphan folder for verify.
    await discard();
    throw error;
  }
  return {
    record: () => {
      db.prepare(
        `INSERT OR REPLACE INTO report_versions (report_id, version, title, text, content_hash, fetched_at, folder, superseded_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(row.id, row.version, row.title, row.text, row.content_hash, row.fetched_at, folder, now);
      db.prepare('UPDATE reports SET version = ? WHERE id = ?').run(row.version + 1, row.id);
    },
    discard,
  };
}

export function listVersions(db: Db, reportId: number): ReportVersion[] {
  const rows = db
    .prepare('SELECT version, title, text, content_hash, fetched_at, folder, superseded_at FROM report_versions WHERE report_id = ? ORDER BY version')
    .all(reportId) as { version: number; title: string; text: string; content_hash: string; fetched_at: string; folder: string; superseded_at: string }[];
  return rows.map((r) => ({
    version: r.version,
    title: r.title,
    text: r.text,
    contentHash: r.content_hash,
    fetchedAt: r.fetched_at,
    folder: r.folder,
    supersededAt: r.superseded_at,
  }));
}
