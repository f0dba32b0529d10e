/**
 * Full-text search as a person uses it: words of any length (two-character Chinese words from the
 * pair index, longer ones from the trigram index, anything else by scanning what the filters
 * leave), ranked by relevance (FTS5's bm25, summed over both indexes) or by date, a page at a time,
 * each hit with a snippet whose matches are marked.
 */
import type { Db, ReportRow } from '../archive/archive-db.js';
import { ConfigError } from '../errors.js';
import { filterConditions, type ReportFilter } from './report-query.js';
import { ftsPhrase, indexMatch, scanCondition, splitTerms, termIndex, whereClause, type SqlCondition } from './text-search.js';

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

  const indexed: IndexedTerms[] = (['reports_fts', 'reports_bigram'] as const)
    .map((table) => ({ table, terms: terms.filter((t) => termIndex(t) === table) }))
    .filter((m) => m.terms.length);
  // One character, or two that are not both Han (a number, a Latin word): no index answers them,
  // so they only narrow what the indexes and filters found.
  const conditions = [...filterConditions(request.filter ?? {}), ...terms.filter((t) => termIndex(t) === undefined).map(scanCondition)];
  const limit = { size: pageSize, offset: (page - 1) * pageSize };
  const { total, ids } =
    request.sort === 'date' || !indexed.length ? newestIds(db, indexed, conditions, limit) : bestIds(db, indexed, conditions, limit);
  const byId = new Map(
    (
      db
        .prepare(`SELECT id, title, year, region_code, region_name, issuer, published, url, text FROM reports WHERE id IN (${ids.map(() => '?').join(', ')})`)
        .all(...ids) as Pick<ReportRow, 'id' | 'title' | 'year' | 'region_code' | 'region_name' | 'issuer' | 'published' | 'url' | 'text'>[]
    ).map((r) => [r.id, r]),
  );
  const rows = ids.flatMap((id) => byId.get(id) ?? []);
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

interface IndexedTerms {
  table: 'reports_fts' | 'reports_bigram';
  terms: string[];
}

interface PageLimit {
  size: number;
  offset: number;
}

/** Reports holding every word, counted by the indexes alone (no ranking, no report read). */
function indexOnlyCount(db: Db, indexed: IndexedTerms[]): number {
  const sets = indexed.map((m) => `SELECT rowid FROM ${m.table} WHERE ${m.table} MATCH ?`);
  const sql = sets.length === 1 ? `SELECT count(*) AS n FROM ${indexed[0]!.table} WHERE ${indexed[0]!.table} MATCH ?` : `SELECT count(*) AS n FROM (${sets.join(' INTERSECT ')})`;
  return (db.prepare(sql).get(...indexed.map((m) => phrases(m.terms))) as { n: number }).n;
}

/** Membership in every index's matches, as conditions on reports r. */
function matchConditions(indexed: IndexedTerms[]): SqlCondition[] {
  return indexed.map((m) => indexMatch(m.table, phrases(m.terms)));
}

/** How many reports hold every word and pass every condition. */
function matchCount(db: Db, indexed: IndexedTerms[], conditions: SqlCondition[]): number {
  if (indexed.length && !conditions.length) return indexOnlyCount(db, indexed);
  const all = [...matchConditions(indexed), ...conditions];
  return (db.prepare(`SELECT count(*) AS n FROM reports r ${whereClause(all)}`).get(...all.flatMap((c) => c.params)) as { n: number }).n;
}

/**
 * Best first: bm25 (lower is better), summed over the indexes. Each index answers once, into a
 * materialised table (left to itself the planner may run one index's MATCH again for every row of
 * the other). Filters are applied first, from the catalogue indexes, and bm25 is computed only for
 * the reports they leave: a word found in every report of a national archive, asked for one
 * province, is ranked over that province's reports.
 */
function bestIds(db: Db, terms: IndexedTerms[], conditions: SqlCondition[], limit: PageLimit): { total: number; ids: number[] } {
  let indexed = terms;
  // Words in both indexes (复议 鹿邑县): when one index has far fewer matches, it ranks first and
  // the other ranks only those, so a rare word spares ranking a common one over the whole archive.
  let chained = false;
  if (indexed.length > 1) {
    const counts = new Map(indexed.map((m) => [m, indexOnlyCount(db, [m])]));
    indexed = [...indexed].sort((a, b) => counts.get(a)! - counts.get(b)!);
    chained = counts.get(indexed[0]!)! * 4 < counts.get(indexed[1]!)!;
  }
  const names = indexed.map((_, i) => `m${i}`);
  const filtered = conditions.length ? [`f AS MATERIALIZED (SELECT r.id FROM reports r ${whereClause(conditions)})`] : [];
  // + again: without it FTS5 is asked for each id in turn, a seek of every doclist each.
  const within = (i: number) => (i > 0 && chained ? ' AND +rowid IN (SELECT id FROM m0)' : conditions.length ? ' AND +rowid IN (SELECT id FROM f)' : '');
  const ranked = indexed.map((m, i) => `${names[i]} AS MATERIALIZED (SELECT rowid AS id, rank FROM ${m.table} WHERE ${m.table} MATCH ?${within(i)})`);
  const [first, ...others] = names;
  // Filtered, the ranked tables hold exactly the hits: the count comes with the page.
  const rows = db
    .prepare(
      `WITH ${[...filtered, ...ranked].join(', ')}
       SELECT ${first}.id AS id${conditions.length ? ', count(*) OVER () AS total' : ''} FROM ${first} ${others.map((n) => `JOIN ${n} ON ${n}.id = ${first}.id`).join(' ')}
       ORDER BY ${names.map((n) => `${n}.rank`).join(' + ')}, ${first}.id DESC LIMIT ? OFFSET ?`,
    )
    .all(...conditions.flatMap((c) => c.params), ...indexed.map((m) => phrases(m.terms)), limit.size, limit.offset) as { id: number; total?: number }[];
  const total = rows[0]?.total ?? matchCount(db, indexed, conditions);
  return { total, ids: rows.map((r) => r.id) };
}

/**
 * Newest first (year, then date published), also the order when no index answers any word: the
 * (year, published) index read backwards yields the page without sorting every match.
 */
function newestIds(db: Db, indexed: IndexedTerms[], conditions: SqlCondition[], limit: PageLimit): { total: number; ids: number[] } {
  const all = [...matchConditions(indexed), ...conditions];
  const ids = db
    .prepare(`SELECT r.id AS id FROM reports r ${whereClause(all)} ORDER BY r.year DESC, r.published DESC, r.id DESC LIMIT ? OFFSET ?`)
    .all(...all.flatMap((c) => c.params), limit.size, limit.offset) as { id: number }[];
  return { total: matchCount(db, indexed, conditions), ids: ids.map((r) => r.id) };
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
