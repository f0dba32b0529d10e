/**
 * Reading a listing API's answer: JSON, JSONP (JSON inside a callback call) or an HTML fragment of
 * list items. Shared by the learner (which searches an answer for the links the browser drew) and
 * by the crawler (which reads later answers with what was learned). Pure.
 */
import { extractListingLinks, resolveHref, toIsoDate } from '../listing/listing-links.js';
import type { ListingLink } from '../../types.js';
import type { ApiItemFields, LearnedListingApi } from './api-types.js';

export type ParsedAnswer = { format: 'json' | 'jsonp'; value: unknown } | { format: 'html'; text: string };

// `cb(...)`, `jQuery1124_17000(...);`, `/**/ cb(...)`, `window.cb && cb(...)` are all seen.
const JSONP = /^\s*(?:\/\*[\s\S]*?\*\/\s*)?(?:[\w$.]+\s*&&\s*)?[\w$.]+\s*\(\s*([\s\S]*?)\s*\)\s*;?\s*$/;

export function parseAnswer(text: string): ParsedAnswer | undefined {
  const trimmed = text.trim().replace(/^\uFEFF/, '');
  if (/^[[{]/.test(trimmed)) {
    try {
      return { format: 'json', value: JSON.parse(trimmed) };
    } catch {
      // Not JSON after all: maybe an HTML fragment that starts oddly; fall through.
    }
  }
  const jsonp = JSONP.exec(trimmed);
  if (jsonp && /^[[{]/.test(jsonp[1]!)) {
    try {
      return { format: 'jsonp', value: JSON.parse(jsonp[1]!) };
    } catch {
      return undefined;
    }
  }
  // Hanweb-style XML answers wrap each record's HTML in CDATA, which an HTML parser would drop.
  if (/<a\s[^>]*href/i.test(trimmed)) return { format: 'html', text: trimmed.replace(/<!\[CDATA\[|\]\]>/g, '') };
  return undefined;
}

export function valueAt(value: unknown, path: string[]): unknown {
  let at = value;
  for (const key of path) {
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}

/** Titles in APIs often carry markup (`<font color=red>`) or entities the page script renders. */
export function plainTitle(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, ' ')
    .trim();
  return text || undefined;
}

/** A date field: a date string, or epoch seconds/milliseconds (Java back ends send those). */
export function itemDate(value: unknown): string | undefined {
  if (typeof value === 'string') return toIsoDate(value) ?? (/^\d{10,13}$/.test(value) ? itemDate(Number(value)) : undefined);
  if (typeof value === 'number' && Number.isFinite(value)) {
    const ms = value > 1e12 ? value : value > 1e9 ? value * 1000 : NaN;
    if (!Number.isFinite(ms)) return undefined;
    // Portals are in China: the calendar day there, not in UTC.
    return new Date(ms + 8 * 3600_000).toISOString().slice(0, 10);
  }
  return undefined;
}

export function itemUrl(item: Record<string, unknown>, fields: ApiItemFields, base: string): string | undefined {
  const raw = item[fields.url];
  if (typeof raw !== 'string' && typeof raw !== 'number') return undefined;
  const value = String(raw);
  if (fields.urlPrefix !== undefined || fields.urlSuffix !== undefined) {
    return resolveHref(`${fields.urlPrefix ?? ''}${value}${fields.urlSuffix ?? ''}`, base);
  }
  return resolveHref(value, base);
}

export function itemLink(item: unknown, fields: ApiItemFields, base: string): ListingLink | undefined {
  if (!item || typeof item !== 'object') return undefined;
  const record = item as Record<string, unknown>;
  const url = itemUrl(record, fields, base);
  const title = plainTitle(record[fields.title]);
  if (!url || !title) return undefined;
  const date = fields.date ? itemDate(record[fields.date]) : undefined;
  return { url, title, ...(date ? { date } : {}) };
}

export type ApiReading = { ok: true; links: ListingLink[] } | { ok: false; reason: string };

/**
 * A later answer read with the learned shape. An answer that no longer has that shape (another
 * format, the items path gone, items without the fields) is reported, not guessed at: the crawler
 * then goes back to the browser and learns the API again.
 */
export function readApiAnswer(api: LearnedListingApi, text: string): ApiReading {
  // An empty fragment past the last page is still the learned shape.
  if (api.format === 'html' && text.trim() === '') return { ok: true, links: [] };
  const parsed = parseAnswer(text);
  if (!parsed) return { ok: false, reason: 'the answer is neither JSON, JSONP nor an HTML list' };
  if (api.format === 'html') {
    if (parsed.format !== 'html') return { ok: false, reason: `expected an HTML fragment, got ${parsed.format}` };
    return { ok: true, links: extractListingLinks(parsed.text, api.listingUrl) };
  }
  if (parsed.format === 'html') return { ok: false, reason: `expected ${api.format}, got an HTML fragment` };
  if (api.htmlAt) {
    const html = valueAt(parsed.value, api.htmlAt);
    if (typeof html !== 'string') return { ok: false, reason: `no HTML at ${api.htmlAt.join('.')} in the answer` };
    return { ok: true, links: extractListingLinks(html, api.listingUrl) };
  }
  const items = valueAt(parsed.value, api.items ?? []);
  // Some back ends answer `null` (not []) past the last page.
  if (items === null) return { ok: true, links: [] };
  if (items === undefined) return { ok: false, reason: `no ${(api.items ?? []).join('.') || 'array'} in the answer` };
  if (!Array.isArray(items)) return { ok: false, reason: `${(api.items ?? []).join('.')} is not a list` };
  const links = items.map((item) => itemLink(item, api.fields!, api.listingUrl)).filter((l): l is ListingLink => l !== undefined);
  if (items.length > 0 && links.length === 0) return { ok: false, reason: `items no longer carry ${api.fields!.title}/${api.fields!.url}` };
  return { ok: true, links };
}
