/**
 * Records that cross between the browser (which sees a listing's API calls), the learner (which
 * works out how the API is asked and answers), the archive (which remembers it per listing) and
 * the crawler (which asks the API directly on later runs instead of starting a browser).
 */

/** One request a rendered listing sent by script (XHR, fetch, or a JSONP `<script>`), with its answer. */
export interface CapturedExchange {
  url: string;
  method: string;
  /** Request body as sent (form-encoded or JSON), if any. */
  postData?: string;
  /** Request headers that some APIs insist on (content-type, x-requested-with, accept). */
  requestHeaders: Record<string, string>;
  resourceType: string;
  status: number;
  /** Response Content-Type, for decoding the bytes (GBK fragments are common). */
  contentType?: string;
  body: Buffer;
}

/** Where the page number goes in a listing API request. */
export interface ApiPageParam {
  in: 'query' | 'form' | 'json';
  name: string;
  /** The value that asks for the first page (1, or 0 for zero-based pagers and offsets). */
  first: number;
  /** What one page adds: 1 for page numbers, the page size for offsets. */
  step: number;
}

/** How an item of a JSON answer becomes a listing link. */
export interface ApiItemFields {
  title: string;
  url: string;
  date?: string;
  /** The link is `prefix + item[url] + suffix` when the page script builds it that way, else the value resolved against the listing. */
  urlPrefix?: string;
  urlSuffix?: string;
}

/** A listing API as learned while rendering: enough to ask it for page N without a browser. */
export interface LearnedListingApi {
  format: 'json' | 'jsonp' | 'html';
  method: 'GET' | 'POST';
  /** The first page's request URL. */
  url: string;
  /** The first page's request body (POST). */
  body?: string;
  headers: Record<string, string>;
  /**
   * The parameters that move with the page (usually one; an offset pager may move start and end
   * together). Absent when the listing had one page and no parameter could be told: only page 1
   * is asked.
   */
  page?: ApiPageParam[];
  /** JSON: the path to the array of items, and the item fields. */
  items?: string[];
  /** JSON whose list comes as a ready HTML string (`{"html": "<li>…"}`): the path to it. */
  htmlAt?: string[];
  fields?: ApiItemFields;
  /** Query parameters that change on every call (cache busters): sent with a fresh value. */
  fresh?: string[];
  /** The listing page the API feeds (links resolve against it, as in the browser). */
  listingUrl: string;
}

/** What was remembered about one browser-built listing (a start URL) between runs. */
export interface ListingMemory {
  /** SHA-256 of the listing page as served, when the browser last read it. */
  staticHash?: string;
  /** Report links the browser found on its last reading. */
  browserFound?: number;
  api?: LearnedListingApi;
}
