/**
 * Re-runs decoding, cleaning and filing on the raw bytes kept in the archive, without fetching
 * anything: after the cleaning or extraction rules improve, the whole archive catches up.
 */
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { cleanReportTexts, getPortal, type ReportRow } from './archive-db.js';
import { extendModelWithCleanTexts } from '../clean/spam/model-texts.js';
import { rawFileName } from './archive-files.js';
import type { ReportArchive, SaveOutcome } from './report-archive.js';
import { processReportPage, type PortalInfo } from '../process/report-page.js';
import { addImageTables, type TableImageReader } from '../process/image-tables.js';
import { XxgkError } from '../errors.js';
import type { FetchedPage, ListingHint } from '../types.js';

export type ReprocessEvent =
  | { type: 'reprocessed'; id: number; url: string; outcome: SaveOutcome; title: string }
  | { type: 'error'; id: number; url: string; stage: string; error: string };

async function readImages(dir: string): Promise<Map<string, Buffer>> {
  const files = await readdir(dir).catch(() => [] as string[]);
  return new Map(await Promise.all(files.map(async (f) => [f, await readFile(join(dir, f))] as const)));
}

export async function reprocessArchive(
  archive: ReportArchive,
  onEvent: (event: ReprocessEvent) => void = () => {},
  tableReader?: TableImageReader,
): Promise<void> {
  extendModelWithCleanTexts(cleanReportTexts(archive.db));
  const rows = archive.db.prepare('SELECT * FROM reports ORDER BY id').all() as ReportRow[];
  for (const row of rows) {
    try {
      const folder = join(archive.storageDir, row.folder);
      const page: FetchedPage = {
        url: row.url,
        finalUrl: row.final_url ?? row.url,
        status: 200,
        headers: row.content_type ? { 'content-type': row.content_type } : {},
        body: await readFile(join(folder, rawFileName(row.url))),
        fetchedAt: row.fetched_at,
      };
      // Archives from before portals were recorded fall back to what the report row knows.
      const portal: PortalInfo = getPortal(archive.db, row.portal) ?? { id: row.portal, name: row.issuer, region: row.region_code };
      const listing: ListingHint | undefined = row.listing_title
        ? { title: row.listing_title, ...(row.listing_date ? { date: row.listing_date } : {}) }
        : undefined;
      const record = processReportPage(page, portal, listing);
      const stored = await readImages(join(folder, 'images'));
      const images = record.images.map((i) => ({ file: i.file, bytes: stored.get(i.file) }));
      const filed = await addImageTables(record, images, tableReader);
      const saved = await archive.save(filed, page, images);
      onEvent({ type: 'reprocessed', id: saved.id, url: row.url, outcome: saved.outcome, title: filed.title });
    } catch (error) {
      onEvent({
        type: 'error',
        id: row.id,
        url: row.url,
        stage: error instanceof XxgkError ? error.stage : 'archive',
        error: (error as Error).message,
      });
    }
  }
}
