/**
 * The public shape of a report in `xxgk export` and `--format json`. Field names are an interface
 * other tools rely on: add fields, never rename them.
 */
import type { ArchivedReport, FigureCheck, SpamFinding, TableSource } from '../types.js';

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
  /** Statistics tables as full grids; `source` says how they were published. */
  tables: { title: string; source: TableSource; rows: string[][]; images?: string[] }[];
  /** National template the tables follow: "2008" (2008–2018), "2019" or "2021". */
  template: string | null;
  /** Figure key (docs/figures.md) → value. */
  figures: Record<string, number>;
  /** The template's own sums, passed or failed, with the numbers. */
  checks: FigureCheck[];
  /** Figure keys resting on an uncertain reading. */
  uncertain: string[];
  fetchedAt: string;
  contentHash: string;
  folder: string;
  /** 1 unless the portal revised the report; earlier versions are listed in `previousVersions`. */
  version: number;
  previousVersions: { version: number; fetchedAt: string; contentHash: string; folder: string }[];
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
    tables: report.tables.map((t) => ({ title: t.title, source: t.source, rows: t.rows, ...(t.images ? { images: t.images } : {}) })),
    template: report.statistics.template ?? null,
    figures: report.statistics.figures,
    checks: report.statistics.checks,
    uncertain: report.statistics.uncertain,
    fetchedAt: report.fetchedAt,
    contentHash: report.contentHash,
    folder: report.folder,
    version: report.version,
    previousVersions: report.previousVersions,
  };
}
