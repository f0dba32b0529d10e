/**
 * The public shape of a report in `xxgk export` and `--format json`. Field names are an interface
 * other tools rely on: add fields, never rename them.
 */
import type { ArchivedReport, SpamFinding } from '../types.js';

export interface ExportedReport {
  id: number;
  url: string;
  portal: string;
  title: string;
  year: number;
  region: { code: string; name: string };
  issuer: string;
  published: string | null;
  text: string;
  images: { url: string; file: string; ref: string }[];
  encoding: string;
  /** Every spam injection removed or repaired: `replacement` is empty when removed. */
  spam: SpamFinding[];
  fetchedAt: string;
  contentHash: string;
  folder: string;
}

export function toExported(report: ArchivedReport): ExportedReport {
  return {
    id: report.id,
    url: report.url,
    portal: report.portal,
    title: report.title,
    year: report.year,
    region: { code: report.region.code, name: report.region.name },
    issuer: report.issuer,
    published: report.published ?? null,
    text: report.text,
    images: report.images.map((i) => ({ url: i.url, file: i.file, ref: i.ref })),
    encoding: report.encoding,
    spam: report.spam.map((s) => ({ kind: s.kind, found: s.found, replacement: s.replacement, where: s.where })),
    fetchedAt: report.fetchedAt,
    contentHash: report.contentHash,
    folder: report.folder,
  };
}
