/**
 * The public shape of a report in `xxgk export` and `--format json`. Field names are an interface
 * other tools rely on: add fields, never rename them.
 */
import type { ArchivedReport, FigureCheck, SpamFinding, TableSource, TextSource } from '../types.js';

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
  /**
   * Every spam injection removed or repaired: `replacement` is empty when removed; `evidence` and
   * `confidence` where a replacement was chosen among candidates.
   */
  spam: SpamFinding[];
  /** Where `text` came from: "html", the attached file's type ("pdf", "docx", …) or "ocr" (a scan). */
  textSource: TextSource;
  /** Files the page offered (or the report's own file), kept in `folder`; `role` says what each is to the report. */
  attachments: { url: string; file: string; name: string; type: string; bytes: number; sha256: string; pages: number | null; role: string; error?: string }[];
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
    spam: report.spam.map((s) => ({
      kind: s.kind,
      found: s.found,
      replacement: s.replacement,
      where: s.where,
      ...(s.evidence !== undefined ? { evidence: s.evidence } : {}),
      ...(s.confidence !== undefined ? { confidence: s.confidence } : {}),
    })),
    textSource: report.textSource ?? 'html',
    attachments: (report.attachments ?? []).map((a) => ({
      url: a.url,
      file: a.file,
      name: a.name,
      type: a.type,
      bytes: a.bytes,
      sha256: a.sha256,
      pages: a.pages ?? null,
      role: a.role,
      ...(a.error ? { error: a.error } : {}),
    })),
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
