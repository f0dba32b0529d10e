/**
 * The request for page N of a learned listing API: the first page's request with the page
 * parameters moved on and cache busters renewed. Pure.
 */
import type { ApiPageParam, LearnedListingApi } from './api-types.js';

export interface ApiRequest {
  url: string;
  method: 'GET' | 'POST';
  body?: string;
  headers: Record<string, string>;
}

export function apiRequestFor(api: LearnedListingApi, pageNumber: number, nowMs: number): ApiRequest {
  const value = (p: ApiPageParam) => String(p.first + (pageNumber - 1) * p.step);
  const url = new URL(api.url);
  for (const p of api.page ?? []) if (p.in === 'query') url.searchParams.set(p.name, value(p));
  for (const name of api.fresh ?? []) url.searchParams.set(name, String(nowMs));
  let body = api.body;
  const inBody = (api.page ?? []).filter((p) => p.in !== 'query');
  if (body !== undefined && inBody.length) {
    if (inBody.some((p) => p.in === 'json')) {
      const json = JSON.parse(body) as Record<string, unknown>;
      // Keep the type the page sent: some back ends reject "2" where they expect 2.
      for (const p of inBody) json[p.name] = typeof json[p.name] === 'number' ? Number(value(p)) : value(p);
      body = JSON.stringify(json);
    } else {
      const form = new URLSearchParams(body);
      for (const p of inBody) form.set(p.name, value(p));
      body = form.toString();
    }
  }
  return {
    url: url.href,
    method: api.method,
    ...(body !== undefined ? { body } : {}),
    // Like the page's own request: some APIs answer only with X-Requested-With or from their page.
    headers: { ...api.headers, referer: api.listingUrl },
  };
}
