/**
 * `xxgk reprocess`: refile every archived report from its raw bytes with the current rules.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ReportArchive } from '../../archive/report-archive.js';
import { reprocessArchive } from '../../archive/reprocess.js';
import { ConfigError } from '../../errors.js';
import { formatTable } from '../output.js';
import { createOcrTableReader } from '../../process/ocr-table-reader.js';
import { readFileContent } from '../../read/index.js';

/** Returns the number of reports that could not be reprocessed. */
export async function runReprocess(storageDir: string, options: { quiet: boolean; ocr: boolean }, print: (line: string) => void): Promise<number> {
  if (!existsSync(join(storageDir, 'archive.sqlite'))) throw new ConfigError(`no archive at ${storageDir}`);
  const archive = new ReportArchive(storageDir);
  const counts = { added: 0, updated: 0, changed: 0, unchanged: 0, errors: 0 };
  const tableReader = options.ocr ? createOcrTableReader() : undefined;
  try {
    await reprocessArchive(archive, (event) => {
      if (event.type === 'error') {
        counts.errors++;
        print(`  ERROR #${event.id} ${event.stage}: ${event.error} — ${event.url}`);
        return;
      }
      counts[event.outcome]++;
      if (!options.quiet && event.outcome !== 'unchanged') print(`  ${event.outcome} #${event.id} ${event.title}`);
    }, { ...(tableReader ? { tableReader, pageOcr: tableReader } : {}), readFile: readFileContent });
  } finally {
    await tableReader?.close?.().catch(() => undefined);
    archive.close();
  }
  print(formatTable(['updated', 'unchanged', 'errors'], [[String(counts.updated + counts.added + counts.changed), String(counts.unchanged), String(counts.errors)]]));
  return counts.errors;
}
