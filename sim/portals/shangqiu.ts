/**
 * 商丘市人民政府 (411400): the column page is an empty shell; /js/list.js renders the list from
 * /api/article/list?columnId=1095&page=N&size=8 (JSON), with a javascript:void(0) pager. The
 * static HTML names no report; the article pages are ordinary static UTF-8 pages (validators on).
 */
import { Site } from '../server.js';
import { addChromeAssets, byDateDesc, decoyItems, nextPublished, publishedAt, ROBOTS_ADMIN, syntheticReport, type BuiltPortal, type DecoySpec, type Item, type PublishPlan, type ReportSpec } from './common.js';
import {
  COMMON_JS,
  LIST_JS,
  SHANGQIU_COLUMN,
  SHANGQIU_COLUMN_ID,
  SHANGQIU_PAGE_SIZE,
  SHANGQIU_SITE,
  shangqiuArticle,
  shangqiuColumn,
  shangqiuHome,
} from './shangqiu-pages.js';

const REGION = { code: '411400', name: '商丘市' };
const CITY = '商丘市人民政府';
const html = (body: string) => ({ contentType: 'text/html; charset=utf-8', body });

/** Reports: the city 2018–2024 and two departments' recent years. [issuer, year, date, time] */
const REPORTS: [string, number, string, string][] = [
  [CITY, 2024, '2025-01-23', '16:05:12'],
  [CITY, 2023, '2024-01-26', '10:32:40'],
  [CITY, 2022, '2023-01-18', '09:48:03'],
  [CITY, 2021, '2022-01-24', '15:20:11'],
  [CITY, 2020, '2021-01-25', '11:02:37'],
  [CITY, 2019, '2020-01-20', '17:41:09'],
  [CITY, 2018, '2019-03-28', '08:56:44'],
  ['商丘市发展和改革委员会', 2024, '2025-01-20', '14:11:05'],
  ['商丘市发展和改革委员会', 2023, '2024-01-19', '09:30:00'],
  ['商丘市发展和改革委员会', 2022, '2023-01-16', '16:45:21'],
  ['商丘市教育局', 2024, '2025-01-17', '10:10:10'],
  ['商丘市教育局', 2023, '2024-01-22', '11:25:48'],
];

const DECOYS: DecoySpec[] = [
  { title: '2025年商丘市人民政府工作报告', kind: 'work-report', date: '2025-02-12', year: 2025 },
  { title: '商丘市人民政府办公室关于做好2024年政府信息公开工作年度报告编制发布工作的通知', kind: 'notice', date: '2024-12-20', year: 2024 },
  { title: '商丘市2024年政务公开工作要点', kind: 'key-points', date: '2024-05-14', year: 2024 },
  { title: '商丘市2023年国民经济和社会发展统计公报', kind: 'statistics', date: '2024-03-29', year: 2023 },
  { title: '关于开展2023年度企业年度报告公示工作的提醒', kind: 'enterprise-annual', date: '2024-01-08', year: 2023 },
  { title: '商丘市人民政府政府信息公开指南', kind: 'guide', date: '2023-06-30', year: 2023 },
  { title: '商丘市人民政府政府信息公开目录', kind: 'catalog', date: '2023-06-30', year: 2023 },
  { title: '商丘市人民政府办公室关于做好2022年政府信息公开工作年度报告编制发布工作的通知', kind: 'notice', date: '2022-12-23', year: 2022 },
  { title: '商丘市人民政府办公室2021年度部门决算', kind: 'final-accounts', date: '2022-08-26', year: 2021 },
];

const PUBLISH: PublishPlan = {
  issuers: ['商丘市财政局', '商丘市民政局', '商丘市卫生健康委员会', '商丘市生态环境局', '商丘市住房和城乡建设局', '商丘市交通运输局'],
  region: REGION,
  scale: 1,
  phone: '0370-3256120',
  source: (issuer) => issuer,
};

export function buildShangqiu(): BuiltPortal {
  const site = new Site({ validators: true, robots: ROBOTS_ADMIN });
  let nextId = 238600;
  const articlePath = (date: string): string => {
    const [y, m, d] = date.split('-');
    return `${SHANGQIU_COLUMN}${y}/${m}${d}/${(nextId += 41)}.html`;
  };
  const reports = REPORTS.map(([issuer, year, date, time], k): Item => {
    const spec: ReportSpec = { issuer, year, region: REGION, scale: issuer === CITY ? 5 : 1, phone: '0370-3256120', seed: 411400 + year * 3 + k };
    return syntheticReport(spec, articlePath(date), date, time, issuer === CITY ? '商丘市人民政府办公室' : issuer);
  });
  const decoys = decoyItems(DECOYS, { place: '商丘市', gov: CITY, scope: '全市' }, '商丘市人民政府办公室', (d) => articlePath(d.date));
  const items = [...reports, ...decoys].sort(byDateDesc);
  let published = 0;

  const renderArticle = (it: Item, lastModified?: Date): void => {
    const id = it.path.slice(it.path.lastIndexOf('/') + 1, -'.html'.length);
    const indexNo = `11411400005543072U/${it.date.slice(0, 4)}-${id.padStart(6, '0').slice(-5)}`;
    site.add(it.path, { ...html(shangqiuArticle({ title: it.title, date: it.date, time: it.time, source: it.source, indexNo, lines: it.lines })), lastModified: lastModified ?? publishedAt(it.date, it.time) });
  };
  for (const it of items) renderArticle(it);

  site.handle('/api/article/list', (req) => {
    const p = req.params;
    const size = Math.min(50, Math.max(1, Number(p.get('size') ?? 10) || 10));
    const pageNo = Math.max(1, Number(p.get('page') ?? 1) || 1);
    const mine = p.get('columnId') === String(SHANGQIU_COLUMN_ID) ? items : [];
    const list = mine.slice((pageNo - 1) * size, pageNo * size).map((it) => ({ title: it.title, url: it.path, publishDate: it.date }));
    const body = JSON.stringify({ total: mine.length, pages: Math.ceil(mine.length / size), page: pageNo, list });
    return { contentType: 'application/json;charset=UTF-8', body, headers: { 'Cache-Control': 'no-cache' } };
  });
  site.add(`${SHANGQIU_COLUMN}index.html`, { ...html(shangqiuColumn()), lastModified: publishedAt('2023-06-30', '18:00:00') });
  site.add('/', html(shangqiuHome()));
  site.add('/index.html', html(shangqiuHome()));
  addChromeAssets(site, SHANGQIU_SITE.css, { '/js/list.js': LIST_JS, '/js/common.js': COMMON_JS });

  return {
    id: 'shangqiu',
    name: '商丘市人民政府',
    region: REGION.code,
    site,
    startPath: `${SHANGQIU_COLUMN}index.html`,
    maxListingPages: 10,
    traits: [
      `column page is a shell: empty <ul id="list">, empty pager; /js/list.js (XMLHttpRequest) renders it from /api/article/list?columnId=${SHANGQIU_COLUMN_ID}&page=N&size=${SHANGQIU_PAGE_SIZE}`,
      'JSON {total, pages, page, list:[{title, url, publishDate}]}; pager links are javascript:void(0), 下一页 (a.next) gets class disabled on the last page',
      'the static HTML names no report: a listing parser finds nothing without running the script (or reading the API)',
      'article pages: static UTF-8 with the 信息公开 metadata table (索引号, 发布机构, 生成日期) above the body; ETag/Last-Modified',
    ],
    items,
    live: {
      publish: () => {
        const it = nextPublished(PUBLISH, published++, items[0]!.date, articlePath);
        items.unshift(it);
        renderArticle(it, new Date());
        return it;
      },
      rerender: (it) => renderArticle(it),
    },
  };
}
