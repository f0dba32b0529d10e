/**
 * What the spam stage finds and how it reports it. Every change made to a page's text is one
 * SpamFinding, kept with the report (`spam` in the export) so a reader can see what was altered
 * and a user can report compromised portals.
 */

export type SpamKind =
  /** A foreign string standing in for a government phrase (365体育备用网址 for 政府信息公开). */
  | 'substitution'
  /** Spam text with no government phrase behind it (a keyword run, a bare brand): removed. */
  | 'injected-text'
  /** A gambling/porn domain or site name planted beside or instead of the portal's name. */
  | 'hijacked-domain'
  /** A <title> or header that no longer names the page or the portal. */
  | 'hijacked-title'
  /** Links or keywords hidden by CSS or placed off-screen. */
  | 'hidden-block'
  /** A script that sends visitors arriving from search engines elsewhere. */
  | 'redirect-script';

export interface SpamFinding {
  kind: SpamKind;
  /** The injected string as found (hidden blocks: their text, shortened to 200 characters). */
  found: string;
  /** What it was replaced with; empty when removed because the original cannot be known. */
  replacement: string;
  /**
   * Where: 'title', 'source' (the 来源 value), 'table' (a cell of an HTML table), `text:<line>` (1-based line of the clean text, counted
   * after repair), or 'page' (outside the report part: <head>, header, hidden blocks, scripts).
   */
  where: string;
  /** Why it was judged spam and why this replacement (foreign strings: the ranking of candidates). */
  evidence?: string;
  /** 0–1, for a replacement chosen among candidates: how clearly it won. */
  confidence?: number;
}

/** What the spam stage knows about the page besides the page itself. */
export interface SpamContext {
  /** The portal's own name from its seed (河南省人民政府). */
  portalName: string;
  /** Host of the page's URL; a domain other than the portal's own beside its name is suspect. */
  portalHost: string;
  /** Title the listing gave the link, often untouched when the article page was tampered with. */
  listingTitle?: string;
  /** GB/T 2260 code of the portal's region, when the seed gives it: its names are restoration candidates. */
  regionCode?: string;
}
