/**
 * `xxgk serve`: the archive as a read-only web app and JSON API. Every page is built by the
 * escaping template (html.ts); the Content-Security-Policy allows scripts only from this server's
 * own files, none inline, and no frames or plugins, so markup that slipped into the archive from
 * a hostile page cannot run. Raw archived pages are served only as downloads, as plain bytes.
 */
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import { createReadStream, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { basename, resolve, sep } from 'node:path';
import type { Db } from '../archive/archive-db.js';
import { rawFileName } from '../archive/archive-files.js';
import { XxgkError } from '../errors.js';
import { coverageGaps, coverageMatrix, type CoverageRequest } from '../query/coverage.js';
import { toExported } from '../query/export-record.js';
import { findReportsPage, getReport, levelAndKindOf, type ReportFilter } from '../query/report-query.js';
import { searchReports } from '../query/search.js';
import { formatCsv } from '../query/csv.js';
import { browsePage, regionPage, regionTree } from './views/browse.js';
import { coveragePage, coverageRequestOf } from './views/coverage.js';
import { figuresPage } from './views/figures.js';
import { figureAcross } from '../query/figure-query.js';
import { reportPage } from './views/report.js';
import { searchPage, searchRequestOf } from './views/search.js';
import { spamPage } from './views/spam.js';
import { versionDiffPage } from './views/versions.js';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

export interface ServeOptions {
  db: Db;
  storageDir: string;
  /** Governments expected in the coverage matrix even with nothing archived (the seeds' regions). */
  expect?: CoverageRequest['expect'];
}

const STATIC: Record<string, { file: string; type: string }> = {
  'app.css': { file: fileURLToPath(new URL('./static/app.css', import.meta.url)), type: 'text/css; charset=utf-8' },
  'figures-chart.js': { file: fileURLToPath(new URL('./static/figures-chart.js', import.meta.url)), type: 'text/javascript; charset=utf-8' },
  'echarts.min.js': { file: createRequire(import.meta.url).resolve('echarts/dist/echarts.min.js'), type: 'text/javascript; charset=utf-8' },
};

type Query = Record<string, string | undefined>;

function filterOf(q: Query): ReportFilter {
  const year = q.year && /^\d{4}$/.test(q.year) ? Number(q.year) : undefined;
  return {
    ...(q.region ? { region: q.region } : {}),
    ...(year ? { year } : {}),
    ...(q.text ? { text: q.text } : {}),
    ...(q.portal ? { portal: q.portal } : {}),
    ...(q.spam === '1' || q.spam === 'true' ? { spam: true } : {}),
    ...levelAndKindOf(q),
  };
}

function page(reply: FastifyReply, body: string | undefined): FastifyReply {
  if (body === undefined) return reply.code(404).type('text/plain; charset=utf-8').send('not found');
  return reply.type('text/html; charset=utf-8').send(body);
}

export function buildServer(options: ServeOptions): FastifyInstance {
  const { db, storageDir } = options;
  // A long-lived reader: keep the catalogue indexes and the hot parts of the search indexes in
  // SQLite's own cache (64 MB) rather than the default 2 MB.
  db.pragma('cache_size = -65536');
  const app = Fastify({ logger: false });
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    return payload;
  });
  app.setErrorHandler((error, _request, reply) => {
    // Bad input (an unknown region, a page size out of range) is the caller's; the rest is ours.
    const status = error instanceof XxgkError ? 400 : (error as { statusCode?: number }).statusCode ?? 500;
    void reply.code(status).type('text/plain; charset=utf-8').send(status === 500 ? 'internal error' : (error as Error).message);
  });

  app.get('/static/:name', (request, reply) => {
    const entry = STATIC[(request.params as { name: string }).name];
    if (!entry) return reply.code(404).send('not found');
    return reply.type(entry.type).header('cache-control', 'public, max-age=3600').send(createReadStream(entry.file));
  });

  app.get('/', (_request, reply) => page(reply, browsePage(db)));
  app.get('/region/:code', (request, reply) => {
    const { code } = request.params as { code: string };
    const year = Number((request.query as Query).year);
    if (!/^\d{6}$/.test(code)) return page(reply, undefined);
    return page(reply, regionPage(db, code, Number.isInteger(year) && year > 0 ? year : undefined));
  });
  app.get('/report/:id', (request, reply) => {
    const report = getReport(db, Number((request.params as { id: string }).id));
    return page(reply, report ? reportPage(report) : undefined);
  });
  app.get('/report/:id/diff', (request, reply) => {
    const id = Number((request.params as { id: string }).id);
    const from = Number((request.query as Query).from);
    return page(reply, versionDiffPage(db, id, from));
  });
  // The archived bytes as fetched: a download, never rendered (they are the hostile page itself).
  app.get('/report/:id/raw', (request, reply) => {
    const report = getReport(db, Number((request.params as { id: string }).id));
    if (!report) return page(reply, undefined);
    return sendArchived(reply, storageDir, report.folder, rawFileName(report.url));
  });
  app.get('/report/:id/file/:file', (request, reply) => {
    const { id, file } = request.params as { id: string; file: string };
    const report = getReport(db, Number(id));
    if (!report || !report.attachments?.some((a) => a.file === file)) return page(reply, undefined);
    return sendArchived(reply, storageDir, report.folder, file);
  });
  app.get('/search', (request, reply) => page(reply, searchPage(db, request.query as Query)));
  app.get('/coverage', (request, reply) => page(reply, coveragePage(db, request.query as Query, options.expect)));
  app.get('/figures', (request, reply) => page(reply, figuresPage(db, request.query as Query)));
  app.get('/spam', (_request, reply) => page(reply, spamPage(db)));

  // The JSON API: reports have the fields of `xxgk export`.
  app.get('/api/regions', () => regionTree(db));
  // A page of reports (default 100, at most 1000) without their text, which /api/reports/ID has.
  app.get('/api/reports', (request) => {
    const q = request.query as Query;
    const page = Math.max(1, Math.floor(Number(q.page) || 1));
    const pageSize = Math.min(1000, Math.max(1, Math.floor(Number(q.pageSize) || 100)));
    const { total, reports } = findReportsPage(db, filterOf(q), { limit: pageSize, offset: (page - 1) * pageSize });
    return { total, page, pageSize, reports: reports.map(toExported).map(({ text: _text, ...rest }) => rest) };
  });
  app.get('/api/reports/:id', (request, reply) => {
    const report = getReport(db, Number((request.params as { id: string }).id));
    return report ? toExported(report) : reply.code(404).send({ error: 'no such report' });
  });
  app.get('/api/search', (request, reply) => {
    const search = searchRequestOf(request.query as Query);
    return search ? searchReports(db, search) : reply.code(400).send({ error: 'give q' });
  });
  app.get('/api/coverage', (request) => coverageMatrix(db, coverageRequestOf(request.query as Query, options.expect)));
  app.get('/api/coverage/gaps.csv', (request, reply) => {
    const gaps = coverageGaps(coverageMatrix(db, coverageRequestOf(request.query as Query, options.expect)));
    const csv = formatCsv(['region', 'name', 'issuer', 'kind', 'year', 'deadline'], gaps.map((g) => [g.regionCode, g.regionName, g.issuer, g.kind, g.year, g.deadline]));
    return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="gaps.csv"').send(`${csv}\n`);
  });
  app.get('/api/figures', (request, reply) => {
    const q = request.query as Query;
    if (!q.key) return reply.code(400).send({ error: 'give key' });
    const rows = figureAcross(db, q.key, filterOf({ ...q, text: undefined }));
    return { key: q.key, sum: rows.reduce((s, r) => s + r.value, 0), rows };
  });
  app.get('/api/figures.csv', (request, reply) => {
    const q = request.query as Query;
    if (!q.key) return reply.code(400).send({ error: 'give key' });
    const rows = figureAcross(db, q.key, filterOf({ ...q, text: undefined }));
    const csv = formatCsv(['id', 'year', 'region', 'name', 'issuer', 'key', 'value', 'uncertain', 'checks', 'failed_checks'], rows.map((r) => [r.id, r.year, r.regionCode, r.regionName, r.issuer, q.key, r.value, r.uncertain, r.checks, r.failedChecks]));
    return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${q.key.replace(/[^\w.-]/g, '_')}.csv"`).send(`${csv}\n`);
  });
  return app;
}

function sendArchived(reply: FastifyReply, storageDir: string, folder: string, file: string): FastifyReply {
  const root = resolve(storageDir);
  const path = resolve(root, folder, file);
  // Names come from the index, but a path must still stay inside the storage directory.
  if (!path.startsWith(root + sep) || !existsSync(path)) return reply.code(404).type('text/plain; charset=utf-8').send('not found');
  return reply
    .type('application/octet-stream')
    .header('content-disposition', `attachment; filename="${basename(path).replace(/[^\w.-]/g, '_')}"`)
    .send(createReadStream(path));
}

