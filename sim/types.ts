/**
 * The contract between the simulated portals (test helper and demo) and their users.
 * Everything a test needs to judge a crawl comes from here, never from hard-coded copies.
 */
import type { FailureClass } from '../src/errors.js';
import type { PortalSeed, Region } from '../src/types.js';
import type { RequestLogEntry } from './server.js';

export type { RequestLogEntry } from './server.js';

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
   * equals `seedReportBody(seed)`; spam is not removed. For pages tampered with from a clean
   * original (zhoukou) it is that original: what a perfect extractor plus spam repair returns.
   */
  body?: string;
  /**
   * Ground truth for the statistics tables: figure key (docs/figures.md) → value, as the report
   * prints it (blank cells of a printed table count 0; misaligned cells as the author evidently
   * meant them; keys left out where that is ambiguous). Absent: not transcribed.
   */
  figures?: Record<string, number>;
  /**
   * Substrings of the names of template checks (勾稽关系) that legitimately fail on `figures`,
   * because the report's own numbers do not add up (e.g. 'applications.new'). A check that fails
   * and is not named here points at a reading error.
   */
  failingChecks?: string[];
}

/** Where an injection sits: the report's title (<title>, heading), its body, the 来源 value, or page chrome (header, column names, footer, meta keywords). */
export type SpamWhere = 'title' | 'body' | 'source' | 'chrome';

/**
 * Ground truth for one report page as served by a hijacked portal. Expected reports without a
 * label are clean (one zhoukou page is full of words keyword filters trip on) and must come through
 * a spam stage unchanged.
 */
export interface SpamLabel {
  /** The report page. */
  url: string;
  /**
   * Every substitution/injection in the page's title, body, 来源 and footer: the string as injected
   * and the original it replaced ('' when the original cannot be known or nothing was replaced,
   * e.g. a keyword run). One entry per distinct (found, original, where), however often it occurs.
   */
  injected: { found: string; original: string; where: SpamWhere }[];
  /** Text of hidden blocks (tags stripped, entities decoded, whitespace collapsed). */
  hiddenBlocks: string[];
  redirectScript: boolean;
  /** The <title> as tampered (absent when the <title> is untouched). */
  hijackedTitle?: string;
  /** A foreign domain planted beside the site name, e.g. www.bet365-zk.com */
  hijackedDomain?: string;
}

/** What a brand occurrence on a hijacked page (the `hijacked` portal) stood for. */
export type HijackKind =
  /** 关于 inside a cited document's title, the brand followed by a colon (《…办公室<brand>:印发…的通知》). */
  | 'guanyu-colon'
  /** 关于 inside a cited document's title, the bare brand. */
  | 'guanyu-bare'
  /** The region's name or a parent's (枝江, 宜昌, 湖北): issuer and department names, set phrases, local rules. */
  | 'region'
  /** 市委 (navigation, link lists, 市委、市政府). */
  | 'party-committee'
  /** 公开 (政务公开, 主动公开 …). */
  | 'gongkai'
  /** 政府 (人民政府, 市政府, 政府采购 …). */
  | 'zhengfu'
  /** The phrase 政府信息公开 (report titles, 《中华人民共和国政府信息公开条例》). */
  | 'disclosure'
  /** A word the page does not reveal (original null). */
  | 'unknowable';

/** One brand occurrence on a hijacked page. */
export interface HijackOccurrence {
  /** The brand (the same string at every occurrence on the page). */
  brand: string;
  /** The string as injected: the brand, or the brand and a colon (guanyu-colon). */
  form: string;
  /** The word it stands for; null when the page does not reveal it. */
  original: string | null;
  kind: HijackKind;
  where: SpamWhere;
  /** Part of a run of brands side by side (主动<b><b>信息 for 主动公开政府信息). */
  sideBySide?: true;
  /** For where 'body': offsets of `form` in the label's `text`. */
  start?: number;
  end?: number;
}

/**
 * Ground truth for one report page of the hijacked portal (`hijacked: true`), built from a clean
 * original like a black-hat mirror rewrites it: brands standing for ordinary words, one brand for
 * several words, some occurrences only. A spam stage is measured against `base`.
 */
export interface HijackLabel {
  url: string;
  /** Brands on the page (one per page on this portal). */
  brands: string[];
  /** The report body as served: what a perfect extractor returns before any spam repair. */
  text: string;
  /** The clean body (the expectation's `body`): every original put back. */
  base: string;
  /** Every brand occurrence: title slots (<title>, heading, 标题 row), 来源/发文机关, body, chrome (nav, links, footer). */
  occurrences: HijackOccurrence[];
  /** The title the listing shows (hijacked on some pages) and the clean one. */
  listingTitle: string;
  listingTitleClean: string;
  /** Clean title and issuer, as in `expected`. */
  title: string;
  issuer: string;
}

/** What a file served by the `files` portal (wenjian) is. */
export type SimFileKind = 'pdf-text' | 'pdf-scan' | 'docx' | 'doc' | 'ofd' | 'pdf-viewer' | 'xlsx-tables' | 'decoy-policy' | 'decoy-listing';

/**
 * Ground truth for one office file served by the `files` portal (wenjian, `files: true`): what it
 * is, how a crawler reaches it, what the server says about it, and the text it was made from
 * (sim/fixtures/files/manifest.json has the same and the tools that made it).
 */
export interface FileLabel {
  /** Absolute URL the file is served at. */
  url: string;
  /**
   * How the crawler reaches it: linked straight from the listing ('listing'), an attachment link
   * on a report page ('attachment'), or the `file=` parameter of a pdf.js viewer embedded in a
   * report page's <iframe> ('viewer').
   */
  via: 'listing' | 'attachment' | 'viewer';
  /** The page that links or embeds it (absent when the listing links the file itself). */
  pageUrl?: string;
  /** File name in sim/fixtures/files/. */
  file: string;
  kind: SimFileKind;
  /** The format its bytes are (what sniffing must find, whatever the URL and Content-Type say). */
  format: 'pdf' | 'docx' | 'doc' | 'ofd' | 'xlsx';
  isReport: boolean;
  /**
   * The expected report (its `url` in `expected`) whose body ('body') or statistics tables
   * ('tables': the report page has the text, the file the tables) the file carries; absent for
   * decoys ('decoy': never a report, never a report's body).
   */
  reportUrl?: string;
  role: 'body' | 'tables' | 'decoy';
  /** Content-Type as served (deliberately wrong for some: application/octet-stream for a PDF). */
  contentType: string;
  /** Content-Disposition exactly as sent (a raw GBK name appears as its bytes read as latin1); absent when none is sent. */
  contentDisposition?: string;
  /** The file name a client should arrive at: from Content-Disposition when sent, else the URL's last segment (none for an extension-less endpoint). */
  filename: string;
  /** The file name the page's link text shows (attachments), if any. */
  linkText?: string;
  /** Title of the document inside the file. */
  title: string;
  /** The file carries text a program can read without OCR (false for the scan). */
  textLayer: boolean;
  pages?: number;
  /** The text lines the file was made from: title, headings, paragraphs, signature; each table row one tab-joined line. */
  text: string[];
  /** Its tables as grids (merged cells: text top-left, null in the covered slots). */
  tables: { name: string; caption: string; grid: (string | null)[][] }[];
  /** Lines on every page that are not text (page numbers such as — 1 —). */
  furniture?: string[];
  bytes: number;
  sha256: string;
}

/** What a crawl must make of one fault route: a failure class, archived, or never followed at all. */
export type FaultExpectation = FailureClass | 'archived' | 'not-followed';

/**
 * Ground truth for one route of the fault portals (`faults: true`, portals/faults*.ts): which
 * fault it shows and what a correct crawl records for the URL. Good reports of those portals are
 * in `expected` as usual (their labels say 'archived').
 */
export interface FaultLabel {
  portal: string;
  /** Absolute URL as linked (a redirect's first URL; for an image, the image's URL). */
  url: string;
  /** Short name of the fault, e.g. 'reset-mid-body', 'gzip-bomb', 'redirect-file-scheme'. */
  fault: string;
  expect: FaultExpectation;
  /** Other outcomes that are just as right (e.g. 'network' for a corrupt gzip stream, 'not-followed' for a calendar the crawler never enters). */
  alternatives?: FaultExpectation[];
  /** Where the crawler meets it: the listing or report page that links or embeds it. */
  linkedFrom?: string;
  note?: string;
}

export interface SimulatedPortal {
  seed: PortalSeed;
  /** Origin, e.g. http://127.0.0.1:41234 */
  origin: string;
  /** What makes this portal hard, one line each (for docs and the demo printout). */
  traits: string[];
  /**
   * Absolute URL of the annual-report column's first listing page: what a correct discovery from
   * `seed.home` finds (xinyang, whose seed has `start: []`); the start URL for the others.
   */
  column: string;
}

export interface SimulatedPortals {
  portals: SimulatedPortal[];
  /** Seeds for all portals, as `seeds/*.json` would hold them. */
  seeds: PortalSeed[];
  expected: ExpectedReport[];
  /** Absolute URLs of listed items that are not annual reports and must not be archived. */
  decoys: string[];
  /** Spam ground truth for every tampered report page (and for clean pages full of words a keyword filter trips on). */
  spamLabels: SpamLabel[];
  /** Per-occurrence ground truth for the hijacked portal's report pages (empty unless it runs). */
  hijackLabels: HijackLabel[];
  /** Ground truth for every office file the `files` portal serves (empty unless it runs). */
  fileLabels: FileLabel[];
  /** Ground truth for every fault route of the fault portals (empty unless `faults: true`). */
  faultLabels: FaultLabel[];
  /**
   * Requests served so far, in order of arrival (for politeness and nightly-cost tests). Emptied in
   * place by resetStats(): the array object never changes.
   */
  requestLog: RequestLogEntry[];
  /**
   * Absolute URLs that robots.txt forbids and that a listing links to (a draft report under
   * /preview/ on xinyang): a polite crawler never requests them. Not in `expected` or `decoys`.
   */
  robotsDisallowed: string[];
  /** Most requests to the portal in flight at once (arrival to response sent, latency included) since start or resetStats(). */
  maxInFlight(portalId: string): number;
  /** Empties `requestLog` in place, forgets maxInFlight and restarts every fault plan's count. */
  resetStats(): void;
  /**
   * A new report appears on the portal: its page is served and it is listed first on listing page
   * 1 (below pinned items; in the list APIs and Hanweb datastore the same way), every later item
   * moving down one place. Its expectation is appended to `expected` and returned. Supported by
   * henan, luyi, xiangfu, shangqiu, xinyang, kaifeng, nanyang, zhumadian, luoyang and the
   * startManyPortals() portals.
   */
  publish(portalId: string): ExpectedReport;
  /**
   * The report page at `url` is silently corrected (a number or phrase in one paragraph): new body,
   * new ETag and Last-Modified; its listing entry stays as it was. The expectation in `expected` is
   * updated in place (body; `seed` dropped, as the page no longer equals its seed) and returned.
   * Supported on the portals publish() supports.
   */
  revise(url: string): ExpectedReport;
  close(): Promise<void>;
}
