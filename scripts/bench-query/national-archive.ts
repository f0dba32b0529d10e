/**
 * A national-size archive for `npm run bench:query`: every report filed through the same
 * ReportArchive.save a crawl uses (folder with raw page, text, meta; row, tables, figures, checks,
 * spam findings, both search indexes), so its size on disk and its query plans are the real ones.
 *
 * Bodies: the simulated portals' synthetic reports (2019 template with text tables from 2019 on,
 * the legacy narrative before), lengthened with narrative paragraphs of the five seed reports, and
 * now and then a seed report itself (the Yunnan one carries spam). Extraction runs once per pooled
 * body; each report then takes a pooled record with its issuer, region, year and dates written in,
 * so figures and checks are real extraction output, not invented numbers.
 */
import { performance } from 'node:perf_hooks';
import { ReportArchive } from '../../src/archive/report-archive.js';
import { processReportPage } from '../../src/process/report-page.js';
import { allPlaces, type Place } from '../../src/extract/region-data.js';
import { scanRegionNames } from '../../src/extract/region-index.js';
import type { FetchedPage, ReportRecord } from '../../src/types.js';
import { report2019 } from '../../sim/fixtures/synthetic-2019.js';
import { legacyReport, rng } from '../../sim/fixtures/synthetic-legacy.js';
import { SEED_NAMES, seedBodyLines } from '../../sim/fixtures/seed-text.js';
import { hanwebContent } from '../../sim/html/hanweb.js';
import { escapeHtml } from '../../sim/html/text.js';

export const FIRST_YEAR = 2010;
export const LAST_YEAR = 2024;
const DEPARTMENTS = ['教育局', '财政局', '卫生健康委员会', '自然资源局', '生态环境局', '住房和城乡建设局', '交通运输局', '农业农村局', '市场监督管理局', '民政局', '人力资源和社会保障局', '公安局'];
/** Written into pooled bodies where each report's own names go. */
const ISSUER = '〔发布机关〕';
const SUBJECT = '〔本机关〕';

export interface ReportSpec {
  place: Place;
  issuer: string;
  /** How the body names its own scope: the government itself, or 我局/我委. */
  subject: string;
  year: number;
  published: string | undefined;
}

/**
 * About `target` reports: the government of ~3 000 regions for each of 15 years (a few years
 * missing, a few published late), then departments of those governments until the target is met.
 */
export function reportSpecs(target: number, seed = 20261205): ReportSpec[] {
  const r = rng(seed);
  const places = allPlaces();
  const keep = Math.min(1, 3000 / places.length);
  const regions = places.filter(() => r() < keep);
  const years = Array.from({ length: LAST_YEAR - FIRST_YEAR + 1 }, (_, i) => FIRST_YEAR + i);
  const published = (year: number, deadlineMonth: number): string | undefined => {
    const roll = r();
    if (roll < 0.02) return undefined;
    // One in twelve after the deadline, the rest in the weeks before it.
    const month = roll < 0.1 ? deadlineMonth + 1 + Math.floor(r() * 3) : Math.max(1, deadlineMonth - Math.floor(r() * 3));
    const day = 1 + Math.floor(r() * 28);
    return `${year + 1}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  };
  const specs: ReportSpec[] = [];
  for (const place of regions) {
    const issuer = `${place.name}人民政府`;
    for (const year of years) {
      if (r() < 0.05) continue;
      specs.push({ place, issuer, subject: issuer, year, published: published(year, 3) });
      if (specs.length >= target) return specs;
    }
  }
  for (let d = 0; specs.length < target; d++) {
    const department = DEPARTMENTS[d % DEPARTMENTS.length]!;
    for (const place of regions) {
      // Departments start publishing in different years; some skip a year.
      const from = FIRST_YEAR + Math.floor(r() * 6);
      for (const year of years.filter((y) => y >= from)) {
        if (r() < 0.08) continue;
        specs.push({ place, issuer: `${place.name}${department}`, subject: department.endsWith('委员会') ? '我委' : '我局', year, published: published(year, year >= 2019 ? 1 : 3) });
        if (specs.length >= target) return specs;
      }
    }
  }
  return specs;
}

interface PooledBody {
  /** The page as served, with ISSUER/SUBJECT/year placeholders. */
  html: string;
  record: ReportRecord;
  modern: boolean;
}

const PAGE_HEAD = (title: string) =>
  `<!DOCTYPE html><html><head><meta charset="utf-8"><meta name="SiteName" content="${ISSUER}门户网站"><meta name="ColumnName" content="政府信息公开年报"><title>${escapeHtml(title)}</title><link rel="stylesheet" href="/css/style.css"></head><body>`;
const PAGE_CHROME = `<div class="head"><div class="logo">${ISSUER}</div><ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/zwfw/">政务服务</a></li><li><a href="/hdjl/">互动交流</a></li></ul></div><div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; 政府信息公开年报</div>`;
const PAGE_FOOT = `<div class="footer"><p>主办：${ISSUER}办公室　承办：${ISSUER}大数据中心</p><p>网站标识码：4100000000　ICP备案号：豫ICP备05000000号　公安机关备案号：41000000000000</p></div></body></html>`;

/**
 * Paragraphs of the seed reports' narrative (no tables, no numbers-only lines): realistic length
 * and vocabulary. Those naming a place are left out, or every report would mention 祥符区 and a
 * place name would be no rarer in the archive than 复议.
 */
function narrativeParagraphs(): string[] {
  return SEED_NAMES.flatMap((name) => seedBodyLines(name)).filter((l) => l.length >= 60 && !l.includes('\t') && !/^\d/.test(l) && !scanRegionNames(l).length);
}

function pageOf(title: string, lines: string[]): string {
  return `${PAGE_HEAD(title)}${PAGE_CHROME}<h1>${escapeHtml(title)}</h1>${hanwebContent(lines)}${PAGE_FOOT}`;
}

function extract(html: string, index: number): ReportRecord {
  const page: FetchedPage = { url: `https://pool.invalid/${index}.html`, finalUrl: `https://pool.invalid/${index}.html`, status: 200, headers: { 'content-type': 'text/html' }, body: Buffer.from(html), fetchedAt: new Date(0).toISOString() };
  return processReportPage(page, { id: 'pool', name: '', region: '410000' });
}

/** `size` bodies of each template, each extracted once; plus the five seed reports. */
export function bodyPool(size: number, seed = 7): PooledBody[] {
  const r = rng(seed);
  const narrative = narrativeParagraphs();
  const pool: PooledBody[] = [];
  for (let i = 0; i < size * 2; i++) {
    const modern = i % 2 === 0;
    const year = modern ? 2019 + (i % 6) : FIRST_YEAR + (i % 9);
    const extra = Array.from({ length: 6 + Math.floor(r() * 18) }, () => narrative[Math.floor(r() * narrative.length)]!);
    const voice = { issuer: ISSUER, subject: SUBJECT, year, seed: 1000 + i, scale: 0.2 + r() * 3, office: `${ISSUER}办公室`, phone: '0394-0000000', extra };
    const lines = modern ? report2019(voice) : legacyReport(voice);
    const html = pageOf(`${ISSUER}${year}年政府信息公开工作年度报告`, lines);
    pool.push({ html, record: extract(html, i), modern });
  }
  for (const [k, name] of SEED_NAMES.entries()) {
    const html = pageOf(`${ISSUER}政府信息公开工作年度报告`, seedBodyLines(name));
    pool.push({ html, record: extract(html, size * 2 + k), modern: name.includes('2019') });
  }
  return pool;
}

function fill(s: string, spec: ReportSpec): string {
  return s.replaceAll(ISSUER, spec.issuer).replaceAll(SUBJECT, spec.subject);
}

/** Files every spec into the archive; calls `progress` every 1 000 reports. */
export async function fileReports(archive: ReportArchive, specs: ReportSpec[], pool: PooledBody[], progress: (done: number, perSecond: number) => void): Promise<void> {
  const r = rng(99);
  const modern = pool.filter((p) => p.modern);
  const legacy = pool.filter((p) => !p.modern);
  const seeds = pool.slice(-SEED_NAMES.length);
  archive.rememberPortals([...new Map(specs.map((s) => [s.place.code, { id: `p${s.place.code}`, name: `${s.place.name}人民政府`, region: s.place.code }])).values()]);
  const started = performance.now();
  // Many reports a transaction (save's own become savepoints): FTS5 merges far fewer segments,
  // and the archive is built in minutes rather than an hour. Queries see the same tables.
  const BATCH = 500;
  for (const [i, spec] of specs.entries()) {
    if (i % BATCH === 0) archive.db.exec('BEGIN');
    // One report in fifty is a seed report, real text with its spam.
    const choices = r() < 0.02 ? seeds : spec.year >= 2019 ? modern : legacy;
    const body = choices[Math.floor(r() * choices.length)]!;
    const url = `https://www.gov${spec.place.code}.invalid/xxgk/ndbg/${spec.year}/${i}.html`;
    const title = `${spec.issuer}${spec.year}年政府信息公开工作年度报告`;
    const record: ReportRecord = {
      ...body.record,
      url,
      portal: `p${spec.place.code}`,
      title,
      year: spec.year,
      region: { code: spec.place.code, name: spec.place.name },
      issuer: spec.issuer,
      text: fill(body.record.text, spec),
      listing: { title, ...(spec.published ? { date: spec.published } : {}) },
    };
    if (spec.published) record.published = spec.published;
    else delete record.published;
    const html = fill(body.html, spec);
    const page: FetchedPage = { url, finalUrl: url, status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body: Buffer.from(html), fetchedAt: new Date().toISOString() };
    await archive.save(record, page, []);
    if ((i + 1) % BATCH === 0 || i === specs.length - 1) archive.db.exec('COMMIT');
    if ((i + 1) % 1000 === 0) progress(i + 1, ((i + 1) * 1000) / (performance.now() - started));
  }
}
