/**
 * 开封市人民政府 (410200), opt-in: one deep TRS column (政府信息公开) of N ≥ 20 pages (default 320),
 * fifteen items a page, linked only by createPageHTML(N, i, "index", "html"). Mostly news and
 * yearly documents; 74 annual reports of the city and five departments, 2008–2024, sit where their
 * dates put them (newest first). The city's 2022 report is pinned (置顶) at the top of page 1.
 * Article pages are rendered on first request.
 */
import { decoyLines } from '../fixtures/decoys.js';
import type { Link } from '../html/chrome.js';
import { CREATE_PAGE_JS, trsArticlePath, trsPageName } from '../html/trs.js';
import { Site } from '../server.js';
import { addChromeAssets, chunk, nextPublished, publishedAt, syntheticReport, type BuiltPortal, type Item, type PublishPlan } from './common.js';
import { KAIFENG_COLUMN, KAIFENG_SITE, kaifengArticle, kaifengHome, kaifengListing } from './kaifeng-pages.js';
import { deepDecoys, deepReports } from './kaifeng-titles.js';

const REGION = { code: '410200', name: '开封市' };
const PER_PAGE = 15;
export const KAIFENG_DEFAULT_PAGES = 320;
/** The pinned report: an older city report an editor put on top and never took down. */
const PINNED = { issuer: '开封市人民政府', year: 2022 };
const html = (body: string) => ({ contentType: 'text/html; charset=utf-8', body });

const PUBLISH: PublishPlan = {
  issuers: ['开封市卫生健康委员会', '开封市民政局', '开封市生态环境局', '开封市交通运输局', '开封市市场监督管理局', '开封市文化广电和旅游局'],
  region: REGION,
  scale: 0.5,
  phone: '0371-23855110',
  source: (issuer) => issuer.replace(/^开封市/, '市'),
};

export function buildKaifeng(options: { pages?: number } = {}): BuiltPortal {
  const pageCount = Math.max(20, Math.floor(options.pages ?? KAIFENG_DEFAULT_PAGES));
  // No robots.txt on this host (404); static TRS pages with validators.
  const site = new Site({ validators: true });
  const total = pageCount * PER_PAGE - 7;
  const reportSpecs = deepReports();
  const decoySpecs = deepDecoys(total - reportSpecs.length);

  // TRS document ids grow with time: number every entry in date order.
  type Entry = { date: string; time: string; make: (path: string) => Item };
  const entries: Entry[] = [
    ...reportSpecs.map((r, k): Entry => ({
      date: r.date,
      time: r.time,
      make: (path) =>
        syntheticReport(
          { issuer: r.issuer, year: r.year, region: REGION, title: r.title, scale: r.issuer === '开封市人民政府' ? 3 : 0.5, phone: '0371-23855110', seed: 410200 + r.year * 13 + k },
          path, r.date, r.time, r.source,
        ),
    })),
    ...decoySpecs.map((d): Entry => ({
      date: d.date,
      time: d.time,
      make: (path) => ({ path, title: d.title, date: d.date, time: d.time, source: '市政府办公室', lines: decoyLines(d.kind, { place: '开封市', gov: '开封市人民政府', scope: '全市', year: d.year }, d.headline) }),
    })),
  ];
  entries.sort((a, b) => (a.date === b.date ? a.time.localeCompare(b.time) : a.date.localeCompare(b.date)));
  let nextId = 1000000;
  const articlePath = (date: string): string => trsArticlePath(KAIFENG_COLUMN, date, (nextId += 37));
  const items = entries.map((e) => e.make(articlePath(e.date))).reverse();
  const pinned = items.find((it) => it.report?.issuer === PINNED.issuer && it.report.year === PINNED.year)!;
  let published = 0;

  const relatedOf = (it: Item): Link[] =>
    it.report ? items.filter((x) => x !== it && x.report?.issuer === it.report!.issuer).slice(0, 3).map((x) => [x.title, x.path]) : [];
  const pageOf = (it: Item) => html(kaifengArticle({ title: it.title, date: it.date, time: it.time, source: it.source, lines: it.lines, related: relatedOf(it) }));
  for (const it of items) site.addLazy(it.path, () => pageOf(it), publishedAt(it.date, it.time));

  const renderListings = (): void => {
    const order = [pinned, ...items.filter((it) => it !== pinned)];
    const pages = chunk(order, PER_PAGE);
    pages.forEach((list, i) => {
      const li = list.map((it) => ({ href: `./${it.path.slice(KAIFENG_COLUMN.length)}`, title: it.title, date: it.date, pinned: it === pinned }));
      const newest = list.find((it) => it !== pinned) ?? list[0]!;
      site.add(`${KAIFENG_COLUMN}${trsPageName(i)}`, { ...html(kaifengListing(li, pages.length, i)), lastModified: publishedAt(newest.date, newest.time) });
    });
  };
  renderListings();
  site.add('/', html(kaifengHome()));
  site.add('/index.html', html(kaifengHome()));
  addChromeAssets(site, KAIFENG_SITE.css, { '/js/createPageHTML.js': CREATE_PAGE_JS, '/js/jquery-1.12.4.min.js': '/* jQuery v1.12.4 (stub) */\n' });

  return {
    id: 'kaifeng',
    name: '开封市人民政府',
    region: REGION.code,
    site,
    startPath: `${KAIFENG_COLUMN}index.html`,
    maxListingPages: pageCount + 20,
    traits: [
      `deep TRS column: ${pageCount} pages (index.html … index_${pageCount - 1}.html) linked only by createPageHTML(${pageCount}, i, "index", "html"), ${PER_PAGE} items a page`,
      `${reportSpecs.length} annual reports (city and five departments, 2008–2024) among ~${decoySpecs.length} news items and yearly documents (法治政府建设年度报告, 企业年报 reminders, budgets …)`,
      'the city 2022 report is pinned ([置顶]) at the top of page 1, above newer items: stopping at the first known report is wrong',
      'no robots.txt (404); article pages static with ETag/Last-Modified',
    ],
    items,
    live: {
      publish: () => {
        const newest = items.find((it) => it !== pinned)!;
        const it = nextPublished(PUBLISH, published++, newest.date, articlePath);
        items.unshift(it);
        site.add(it.path, { ...pageOf(it), lastModified: new Date() });
        renderListings();
        return it;
      },
      rerender: (it) => site.add(it.path, pageOf(it)),
    },
  };
}
