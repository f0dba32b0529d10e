/**
 * The contract between the simulated portals (test helper and demo) and their users.
 * Everything a test needs to judge a crawl comes from here, never from hard-coded copies.
 */
import type { PortalSeed, Region } from '../src/types.js';

/** A report page a correct crawl must archive. */
export interface ExpectedReport {
  /** Seed id of the portal that serves it. */
  portal: string;
  /** Absolute URL of the report page (on 127.0.0.1). */
  url: string;
  /** The title a correct pipeline files (spam repaired, as the report itself names it). */
  title: string;
  /** Year reported on. */
  year: number;
  region: Region;
  /** Issuing body, e.g. 鹿邑县人民政府, 河南省人民政府办公厅. */
  issuer: string;
  /** Publication date, YYYY-MM-DD. */
  published: string;
  /** Name of the seed report (file name without .txt) this page was built from, if any. */
  seed?: string;
  /** Image file names (URL basenames) that appear inside the report body, in order. */
  images: string[];
  /** Characters outside GB2312 the page text contains (decoding checks), if any. */
  gb18030Only?: string[];
  /**
   * The report text a perfect extractor returns: the body's paragraphs one per line, chrome
   * excluded, image lines written as their file name (as the seeds do). For seed-built pages it
   * equals `seedReportBody(seed)`; spam is not removed.
   */
  body?: string;
}

export interface SimulatedPortal {
  seed: PortalSeed;
  /** Origin, e.g. http://127.0.0.1:41234 */
  origin: string;
  /** What makes this portal hard, one line each (for docs and the demo printout). */
  traits: string[];
}

export interface SimulatedPortals {
  portals: SimulatedPortal[];
  /** Seeds for all portals, as `seeds/*.json` would hold them. */
  seeds: PortalSeed[];
  expected: ExpectedReport[];
  /** Absolute URLs of listed items that are not annual reports and must not be archived. */
  decoys: string[];
  /** Requests served so far, per portal id (for politeness and nightly-cost tests). */
  requestLog: { portal: string; path: string; at: number }[];
  close(): Promise<void>;
}
