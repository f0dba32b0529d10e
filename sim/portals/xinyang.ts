/**
 * 信阳市人民政府 (411500): known only by its homepage (seed `start: []`). A correct discovery goes
 * 首页 → 政务公开 (/zwgk/) → column tree → 政府信息公开年报 (/zwgk/xxgkndbg/index.html), passing
 * decoy columns on the way (企业年报公示, 政府工作报告). The column spans two pages linked by static
 * 下一页 links; one listed item is a draft under /preview/, which robots.txt forbids.
 */
import { decoyLines } from '../fixtures/decoys.js';
import { legacyReport } from '../fixtures/synthetic-legacy.js';
import type { Link } from '../html/chrome.js';
import { paragraphs } from '../html/text.js';
import { trsArticlePath, trsPageName } from '../html/trs.js';
import { Site } from '../server.js';
import { addChromeAssets, byDateDesc, chunk, decoyItems, nextPublished, publishedAt, syntheticReport, type BuiltPortal, type DecoySpec, type Item, type PublishPlan } from './common.js';
import { TREE, XINYANG_COLUMN, XINYANG_COLUMN_NAME, XINYANG_SITE, xinyangArticle, xinyangHome, xinyangListing, xinyangPlatform, xinyangTreePage } from './xinyang-pages.js';

const REGION = { code: '411500', name: '信阳市' };
const CITY = '信阳市人民政府';
const OFFICE = '信阳市人民政府办公室';
const PER_PAGE = 10;
const html = (body: string) => ({ contentType: 'text/html; charset=utf-8', body });
const CTX = { place: '信阳市', gov: CITY, scope: '全市' };

/** robots.txt: back office, search, and the CMS preview tree (drafts leak into listings). */
export const XINYANG_ROBOTS = 'User-agent: *\nDisallow: /admin/\nDisallow: /preview/\nDisallow: /search/\n\nUser-agent: Baiduspider\nDisallow: /preview/\n';

const REPORTS: [issuer: string, year: number, date: string, time: string][] = [
  [CITY, 2024, '2025-01-24', '17:02:10'],
  [CITY, 2023, '2024-01-30', '09:15:00'],
  [CITY, 2022, '2023-01-19', '15:47:22'],
  [CITY, 2021, '2022-01-27', '10:05:36'],
  [CITY, 2020, '2021-01-29', '16:20:00'],
  [CITY, 2019, '2020-01-21', '11:11:11'],
  [CITY, 2018, '2019-03-27', '09:40:18'],
  ['信阳市财政局', 2023, '2024-01-23', '14:30:00'],
  ['信阳市财政局', 2022, '2023-01-17', '10:22:05'],
  ['信阳市生态环境局', 2023, '2024-01-25', '08:58:41'],
];

const COLUMN_DECOYS: DecoySpec[] = [
  { title: '信阳市人民政府办公室关于做好2023年政府信息公开工作年度报告编制发布工作的通知', kind: 'notice', date: '2023-12-18', year: 2023 },
  { title: '信阳市2023年政务公开工作要点', kind: 'key-points', date: '2023-04-20', year: 2023 },
  { title: '信阳市人民政府办公室2022年度部门决算', kind: 'final-accounts', date: '2023-08-25', year: 2022 },
  { title: '信阳市人民政府政府信息公开指南', kind: 'guide', date: '2022-03-01', year: 2022 },
  { title: '信阳市2021年国民经济和社会发展统计公报', kind: 'statistics', date: '2022-03-30', year: 2021 },
  { title: '关于开展2021年度企业年度报告公示工作的提醒', kind: 'enterprise-annual', date: '2022-01-10', year: 2021 },
  { title: '信阳市人民政府办公室关于做好2019年政府信息公开工作年度报告编制发布工作的通知', kind: 'notice', date: '2019-12-20', year: 2019 },
];

/** 专题专栏 › 企业年报公示: notices about enterprises' annual reports (年报, but not ours). */
const ENTERPRISE: DecoySpec[] = [
  { title: '关于开展2024年度企业年度报告公示工作的通告', kind: 'enterprise-annual', date: '2025-01-02', year: 2024 },
  { title: '信阳市市场监督管理局关于2023年度企业年报工作的提示', kind: 'enterprise-annual', date: '2024-05-20', year: 2023 },
  { title: '个体工商户2023年度年报操作指南', kind: 'enterprise-annual', date: '2024-03-11', year: 2023 },
  { title: '关于将未按规定公示2022年度年度报告的企业列入经营异常名录的公告', kind: 'enterprise-annual', date: '2023-07-10', year: 2022 },
  { title: '农民专业合作社2022年度年报公示提醒', kind: 'enterprise-annual', date: '2023-02-15', year: 2022 },
  { title: '关于开展2022年度企业年度报告公示工作的通告', kind: 'enterprise-annual', date: '2023-01-03', year: 2022 },
];

const WORK_REPORTS: DecoySpec[] = [2025, 2024, 2023, 2022, 2021, 2020, 2019].map((y) => ({
  title: `${y}年信阳市人民政府工作报告`,
  kind: 'work-report' as const,
  date: `${y}-02-${String(10 + (y % 7)).padStart(2, '0')}`,
  year: y,
}));

const NEWS: DecoySpec[] = [
  { title: '信阳毛尖春茶开采 茶农忙采摘', kind: 'news', date: '2025-03-28', year: 2025, headline: '信阳毛尖春茶开采 茶农忙采摘' },
  { title: '市政府召开第48次常务会议', kind: 'news', date: '2025-03-21', year: 2025 },
  { title: '我市召开优化营商环境工作推进会', kind: 'news', date: '2025-03-14', year: 2025, headline: '我市召开优化营商环境工作推进会' },
  { title: '信阳市2025年重点项目集中开工', kind: 'news', date: '2025-03-06', year: 2025, headline: '信阳市2025年重点项目集中开工' },
  { title: '市领导调研乡村振兴工作', kind: 'news', date: '2025-02-26', year: 2025, headline: '市领导调研乡村振兴工作' },
  { title: '南湾湖生态保护工作会议召开', kind: 'news', date: '2025-02-18', year: 2025, headline: '南湾湖生态保护工作会议召开' },
];

const NOTICES: DecoySpec[] = [
  { title: '信阳市人民政府关于印发信阳市2025年国民经济和社会发展计划的通知', kind: 'news', date: '2025-03-18', year: 2025, headline: '信阳市人民政府关于印发信阳市2025年国民经济和社会发展计划的通知' },
  { title: '信阳市人民政府办公室关于做好2025年森林防火工作的通知', kind: 'news', date: '2025-03-03', year: 2025, headline: '信阳市人民政府办公室关于做好2025年森林防火工作的通知' },
  { title: '信阳市人民政府关于公布市级非物质文化遗产代表性项目名录的通知', kind: 'news', date: '2025-01-16', year: 2025, headline: '信阳市人民政府关于公布市级非物质文化遗产代表性项目名录的通知' },
  { title: '信阳市人民政府办公室关于印发信阳市城市更新行动实施方案的通知', kind: 'news', date: '2024-12-30', year: 2024, headline: '信阳市人民政府办公室关于印发信阳市城市更新行动实施方案的通知' },
  { title: '信阳市人民政府关于调整市政府领导工作分工的通知', kind: 'news', date: '2024-11-08', year: 2024, headline: '信阳市人民政府关于调整市政府领导工作分工的通知' },
];

const PUBLISH: PublishPlan = {
  issuers: ['信阳市教育局', '信阳市民政局', '信阳市交通运输局', '信阳市农业农村局', '信阳市文化广电和旅游局'],
  region: REGION,
  scale: 1,
  phone: '0376-6229110',
  source: (issuer) => issuer,
};

export function buildXinyang(): BuiltPortal {
  const site = new Site({ validators: true, robots: XINYANG_ROBOTS });
  let nextId = 812300;
  const pathIn = (dir: string) => (date: string): string => trsArticlePath(dir, date, (nextId += 29));

  const reports = REPORTS.map(([issuer, year, date, time], k) =>
    syntheticReport({ issuer, year, region: REGION, scale: issuer === CITY ? 4 : 1, phone: '0376-6229110', seed: 411500 + year * 5 + k }, pathIn(XINYANG_COLUMN)(date), date, time, issuer === CITY ? OFFICE : issuer),
  );
  const columnDecoys = decoyItems(COLUMN_DECOYS, CTX, OFFICE, (d) => pathIn(XINYANG_COLUMN)(d.date));
  const draft: Item = {
    path: trsArticlePath('/preview/xxgkndbg/', '2018-03-12', 55501),
    title: '信阳市2017年政府信息公开工作年度报告（征求意见稿）',
    date: '2018-03-12',
    time: '18:20:00',
    source: OFFICE,
    lines: ['（征求意见稿，请于3月20日前反馈意见）', ...legacyReport({ issuer: CITY, subject: '全市各级行政机关', year: 2017, seed: 4115002017, scale: 4, office: OFFICE, phone: '0376-6229110' })],
  };
  const columnItems = [...reports, ...columnDecoys, draft].sort(byDateDesc);
  const enterprise = decoyItems(ENTERPRISE, CTX, '信阳市市场监督管理局', (d) => pathIn('/ztzl/qynbgs/')(d.date));
  const workReports = decoyItems(WORK_REPORTS, CTX, OFFICE, (d) => pathIn('/zwgk/zfgzbg/')(d.date));
  const news = decoyItems(NEWS, CTX, '信阳日报', (d) => pathIn('/xwzx/xyyw/')(d.date));
  const notices = decoyItems(NOTICES, CTX, OFFICE, (d) => pathIn('/zwgk/tzgg/')(d.date));
  let published = 0;

  const crumbsOf = (name: string, dir: string): Link[] => [['首页', '/'], ['政务公开', '/zwgk/'], [name, `${dir}index.html`]];
  const columnCrumbs = crumbsOf(XINYANG_COLUMN_NAME, XINYANG_COLUMN);
  const renderArticle = (it: Item, crumbs: Link[], lastModified?: Date): void => {
    const page = xinyangArticle({ title: it.title, date: it.date, time: it.time, source: it.source, lines: it.lines, crumbs, draft: it === draft });
    site.add(it.path, { ...html(page), lastModified: lastModified ?? publishedAt(it.date, it.time) });
  };
  /** Listing pages index.html, index_1.html … under `dir`, linked by static 下一页. */
  const renderListing = (dir: string, column: string, items: Item[], active: string | undefined, crumbs: Link[]): void => {
    const pages = chunk(items, PER_PAGE);
    pages.forEach((list, i) => {
      const li = list.map((it) => ({ href: it.path.startsWith(dir) ? `./${it.path.slice(dir.length)}` : it.path, title: it.title, date: it.date }));
      const body = xinyangListing({ column, crumbs, ...(active !== undefined ? { active } : {}), items: li, total: items.length, pageCount: pages.length, current: i });
      site.add(`${dir}${trsPageName(i)}`, { ...html(body), lastModified: publishedAt(list[0]!.date, list[0]!.time) });
    });
  };

  for (const it of columnItems) renderArticle(it, columnCrumbs);
  renderListing(XINYANG_COLUMN, XINYANG_COLUMN_NAME, columnItems, XINYANG_COLUMN_NAME, columnCrumbs);
  const others: [dir: string, name: string, items: Item[], active: string | undefined, crumbs: Link[]][] = [
    ['/ztzl/qynbgs/', '企业年报公示', enterprise, undefined, [['首页', '/'], ['专题专栏', '/ztzl/'], ['企业年报公示', '/ztzl/qynbgs/index.html']]],
    ['/zwgk/zfgzbg/', '政府工作报告', workReports, '', crumbsOf('政府工作报告', '/zwgk/zfgzbg/')],
    ['/xwzx/xyyw/', '信阳要闻', news, undefined, [['首页', '/'], ['新闻中心', '/xwzx/'], ['信阳要闻', '/xwzx/xyyw/index.html']]],
    ['/zwgk/tzgg/', '通知公告', notices, '', crumbsOf('通知公告', '/zwgk/tzgg/')],
    ['/zwgk/fdzdgknr/', '法定主动公开内容', notices, '法定主动公开内容', crumbsOf('法定主动公开内容', '/zwgk/fdzdgknr/')],
  ];
  for (const [dir, name, items, active, crumbs] of others) {
    if (dir !== '/zwgk/fdzdgknr/') for (const it of items) renderArticle(it, crumbs);
    renderListing(dir, name, items, active, crumbs);
  }

  const asList = (items: Item[]) => items.map((it) => ({ href: it.path, title: it.title, date: it.date }));
  const home = xinyangHome({
    news: asList(news),
    notices: asList(notices),
    specials: [['企业年报公示', '/ztzl/qynbgs/index.html'], ['政府工作报告', '/zwgk/zfgzbg/index.html'], ['优化营商环境', '/ztzl/yhyshj/index.html'], ['乡村振兴', '/ztzl/xczx/index.html']],
  });
  site.add('/', { ...html(home), lastModified: publishedAt('2025-03-28', '18:00:00') });
  site.add('/index.html', { ...html(home), lastModified: publishedAt('2025-03-28', '18:00:00') });
  site.add('/zwgk/index.html', html(xinyangPlatform(asList(notices))));
  const guide = decoyLines('guide', { ...CTX, year: 2022 });
  site.add(TREE[0]![1], html(xinyangTreePage('政府信息公开指南', paragraphs(guide))));
  site.add(TREE[1]![1], html(xinyangTreePage('政府信息公开制度', paragraphs([
    '信阳市人民政府政府信息公开保密审查制度',
    '信阳市人民政府政府信息公开依申请公开办理制度',
    '信阳市人民政府政府信息公开社会评议和责任追究制度',
  ]))));
  site.add(TREE[3]![1], html(xinyangTreePage('依申请公开', paragraphs([
    '公民、法人或者其他组织可以通过当面、邮寄、在线等方式向信阳市人民政府办公室提出政府信息公开申请。',
    '受理机构：信阳市人民政府办公室政务公开科　办公地址：信阳市新七大道市行政中心　邮政编码：464000',
  ]))));
  addChromeAssets(site, XINYANG_SITE.css, { '/js/jquery.min.js': '/* jQuery (stub) */\n' });
  site.add('/images/banner.jpg', { contentType: 'image/png', body: site.body('/images/logo.png')! });

  return {
    id: 'xinyang',
    name: CITY,
    region: REGION.code,
    site,
    startPath: '',
    columnPath: `${XINYANG_COLUMN}index.html`,
    maxListingPages: 10,
    traits: [
      'seed knows only the homepage (start: []): 首页 → 政务公开 /zwgk/ → column tree → 政府信息公开年报 /zwgk/xxgkndbg/index.html',
      'decoy columns on the way: 专题专栏 › 企业年报公示 (enterprise annual-report notices), 政府工作报告',
      'column on two pages linked by static 首页/上一页/下一页/尾页 links (index.html, index_1.html)',
      'a listed draft 信阳市2017年…年度报告（征求意见稿） under /preview/, which robots.txt disallows',
    ],
    items: [...columnItems.filter((it) => it !== draft), ...enterprise, ...workReports],
    robotsDisallowed: [draft.path],
    live: {
      publish: () => {
        const it = nextPublished(PUBLISH, published++, columnItems[0]!.date, pathIn(XINYANG_COLUMN));
        columnItems.unshift(it);
        renderArticle(it, columnCrumbs, new Date());
        renderListing(XINYANG_COLUMN, XINYANG_COLUMN_NAME, columnItems, XINYANG_COLUMN_NAME, columnCrumbs);
        return it;
      },
      rerender: (it) => renderArticle(it, columnCrumbs),
    },
  };
}
