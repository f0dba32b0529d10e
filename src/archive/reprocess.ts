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
import type { PortalInfo } from '../process/report-page.js';
import type { TableImageReader } from '../process/image-tables.js';
import { buildRecord, type RecordSources } from '../process/build-record.js';
import type { PageOcr } from '../process/report-files.js';
import { readFileContent } from '../read/index.js';
import { XxgkError } from '../errors.js';
import type { FetchedPage, ListingHint } from '../types.js';

export type ReprocessEvent =
  | { type: 'reprocessed'; id: number; url: string; outcome: SaveOutcome; title: string }
  | { type: 'error'; id: number; url: string; stage: string; error: string };

async function readImages(dir: string): Promise<Map<string, Buffer>> {
  const files = await readdir(dir).catch(() => [] as string[]);
  return new Map(await Promise.all(files.map(async (f) => [f, await readFile(join(dir, f))] as const)));
}

/** What reprocessing reads files and scans with (the CLI passes the real readers). */
export interface ReprocessReaders {
  tableReader?: TableImageReader;
  readFile?: RecordSources['read'];
  pageOcr?: PageOcr;
}

export async function reprocessArchive(
  archive: ReportArchive,
  onEvent: (event: ReprocessEvent) => void = () => {},
  readers: ReprocessReaders = {},
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
        body: await readFile(join(folder, row.raw_file ?? rawFileName(row.url))),
        fetchedAt: row.fetched_at,
      };
      // Archives from before portals were recorded fall back to what the report row knows.
      const portal: PortalInfo = getPortal(archive.db, row.portal) ?? { id: row.portal, name: row.issuer, region: row.region_code };
      const listing: ListingHint | undefined = row.listing_title
        ? { title: row.listing_title, ...(row.listing_date ? { date: row.listing_date } : {}) }
        : undefined;
      const stored = await readImages(join(folder, 'images'));
      // Files are found again by URL among those stored with the report: nothing is fetched.
      const files = new Map(storedAttachments(archive, row.id).map((a) => [a.url, a]));
      const sources: RecordSources = {
        image: async (_url, file) => stored.get(file),
        file: async (link): Promise<{ bytes: Buffer; headers: Record<string, string> } | { error: string }> => {
          const a = files.get(link.url);
          if (!a) return { error: 'not in the archive (reprocess fetches nothing)' };
          if (!a.file) return { error: a.error ?? 'not stored' };
          const bytes = await readFile(join(folder, a.file)).catch(() => undefined);
          if (!bytes) return { error: 'missing from the folder' };
          // The name it was given when fetched, handed back as its server gave it.
          return { bytes, headers: { 'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(a.name)}` } };
        },
        read: readers.readFile ?? ((bytes, type) => readFileContent(bytes, type)),
        ...(readers.tableReader ? { tableReader: readers.tableReader } : {}),
        ...(readers.pageOcr ? { ocr: readers.pageOcr } : {}),
      };
      // Every archived report is wanted again (no `wanted` filter): a record always comes back.
      const built = (await buildRecord(page, portal, listing, sources))!;
      const saved = await archive.save(built.record, page, built.images, built.attachments);
      onEvent({ type: 'reprocessed', id: saved.id, url: row.url, outcome: saved.outcome, title: built.record.title });
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

function storedAttachments(archive: ReportArchive, id: number): { url: string; file: string; name: string; error: string | null }[] {
  return archive.db.prepare('SELECT url, file, name, error FROM report_attachments WHERE report_id = ? ORDER BY position').all(id) as {
    url: string;
    file: string;
    name: string;
    error: string | null;
  }[];
}
