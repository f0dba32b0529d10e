/**
 * Full-text search as a person uses it: words of any length (two-character Chinese words from the
 * pair index, longer ones from the trigram index, anything else by scanning what the filters
 * leave), ranked by relevance (FTS5's bm25, summed over both indexes) or by date, a page at a time,
 * each hit with a snippet whose matches are marked.
 */
import type { Db, ReportRow } from '../archive/archive-db.js';
import { ConfigError } from '../errors.js';
import { filterConditions, type ReportFilter } from './report-query.js';
import { ftsPhrase, scanCondition, splitTerms, termIndex } from './text-search.js';

export interface SearchRequest {
  /** Words that must all occur in the title or text. */
  q: string;
  filter?: Omit<ReportFilter, 'text'>;
  sort?: 'relevance' | 'date';
  /** 1-based. */
  page?: number;
  pageSize?: number;
}

/** A piece of a snippet: matched text, or the text around it. */
export interface SnippetPart {
  text: string;
  match: boolean;
}

export interface SearchHit {
  id: number;
  title: string;
  year: number;
  regionCode: string;
  regionName: string;
  issuer: string;
  published: string | null;
  url: string;
  snippet: SnippetPart[];
}

export interface SearchResult {
  total: number;
  page: number;
  pageSize: number;
  hits: SearchHit[];
}

const MAX_PAGE_SIZE = 100;

function phrases(terms: string[]): string {
  return terms.map(ftsPhrase).join(' AND ');
}

export function searchReports(db: Db, request: SearchRequest): SearchResult {
  const terms = splitTerms(request.q);
  if (!terms.length) throw new ConfigError('search: give at least one word');
  const page = request.page ?? 1;
  const pageSize = request.pageSize ?? 20;
  if (!Number.isInteger(page) || page < 1) throw new ConfigError('search: page must be 1 or more');
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) throw new ConfigError(`search: page size must be 1–${MAX_PAGE_SIZE}`);

  const long = terms.filter((t) => termIndex(t) === 'reports_fts');
  const pairs = terms.filter((t) => termIndex(t) === 'reports_bigram');
  const rest = terms.filter((t) => termIndex(t) === undefined);
  // Each index answers once, into a materialised table: left to itself the planner may run one
  // index's MATCH again for every row of the other (seconds on a mixed query such as 复议 依申请).
  const matches: { name: string; table: string; terms: string[] }[] = [
    { name: 't', table: 'reports_fts', terms: long },
    { name: 'b', table: 'reports_bigram', terms: pairs },
  ].filter((m) => m.terms.length);
  const withClause = matches.length
    ? `WITH ${matches.map((m) => `${m.name} AS MATERIALIZED (SELECT rowid AS id, rank FROM ${m.table} WHERE ${m.table} MATCH ?)`).join(', ')}`
    : '';
  const joins = matches.map((m) => `JOIN ${m.name} ON ${m.name}.id = r.id`).join(' ');
  const scores = matches.map((m) => `${m.name}.rank`);
  // One character, or two that are not both Han (a number, a Latin word): no index answers them,
  // so they only narrow what the indexes and filters found.
  const conditions = [
    ...filterConditions(request.filter ?? {}),
    ...rest.map(scanCondition),
  ];
  const from = `FROM reports r ${joins} ${conditions.length ? `WHERE ${conditions.map((c) => c.sql).join(' AND ')}` : ''}`;
  const params = [...matches.map((m) => phrases(m.terms)), ...conditions.flatMap((c) => c.params)];
  const total = (db.prepare(`${withClause} SELECT count(*) AS n ${from}`).get(...params) as { n: number }).n;
  // bm25 is lower for better matches; without an index term every hit scores the same, and the
  // newest come first.
  const byDate = 'r.year DESC, r.published DESC, r.id DESC';
  const order = request.sort === 'date' || !scores.length ? byDate : `${scores.join(' + ')}, r.year DESC, r.id DESC`;
  const rows = db
    .prepare(`${withClause} SELECT r.id, r.title, r.year, r.region_code, r.region_name, r.issuer, r.published, r.url, r.text ${from} ORDER BY ${order} LIMIT ? OFFSET ?`)
    .all(...params, pageSize, (page - 1) * pageSize) as Pick<ReportRow, 'id' | 'title' | 'year' | 'region_code' | 'region_name' | 'issuer' | 'published' | 'url' | 'text'>[];
  return {
    total,
    page,
    pageSize,
    hits: rows.map((r) => ({
      id: r.id,
      title: r.title,
      year: r.year,
      regionCode: r.region_code,
      regionName: r.region_name,
      issuer: r.issuer,
      published: r.published,
      url: r.url,
      snippet: snippetOf(r.text, terms),
    })),
  };
}

/** Characters of context before the first match and of snippet in all. */
const BEFORE = 40;
const LENGTH = 160;

/**
 * The text around the first match of any term, cut to LENGTH characters, with every match inside
 * marked. Case-insensitive for Latin letters, as the indexes are.
 */
export function snippetOf(text: string, terms: string[]): SnippetPart[] {
  const flat = text.replace(/\s+/g, ' ');
  const lower = flat.toLowerCase();
  const needles = terms.map((t) => t.toLowerCase()).filter(Boolean);
  const first = Math.min(...needles.map((n) => lower.indexOf(n)).filter((i) => i >= 0));
  const start = Number.isFinite(first) ? Math.max(0, first - BEFORE) : 0;
  const end = Math.min(flat.length, start + LENGTH);
  const parts: SnippetPart[] = [];
  if (start > 0) parts.push({ text: '…', match: false });
  let at = start;
  while (at < end) {
    let next = -1;
    let needle = '';
    for (const n of needles) {
      const i = lower.indexOf(n, at);
      if (i >= 0 && i < end && (next < 0 || i < next || (i === next && n.length > needle.length))) {
        next = i;
        needle = n;
      }
    }
    if (next < 0) {
      parts.push({ text: flat.slice(at, end), match: false });
      break;
    }
    if (next > at) parts.push({ text: flat.slice(at, next), match: false });
    parts.push({ text: flat.slice(next, next + needle.length), match: true });
    at = next + needle.length;
  }
  if (end < flat.length) parts.push({ text: '…', match: false });
  return parts;
}
