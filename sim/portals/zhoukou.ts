/**
 * 周口市人民政府 (411600): TRS-like, UTF-8, two column pages (createPageHTML(2, i, …)) whose reports
 * black-hat SEO has tampered with, each page built from its clean original by the injections of
 * sim/spam/tamper.ts, which also write the ground-truth labels:
 * - 2019 city report: hijacked <title>/keywords/description, off-screen link block and a
 *   search-engine referrer redirect after <body>; heading and body clean;
 * - 商务局 2019: 成人影院免费观看 for 政府信息公开 everywhere (listing title too), display:none block;
 * - 2020 city report: 北京赛车pk10计划 for 周口市人民政府 in 来源, footer 主办单位 and body, a bare
 *   北京赛车 where a word was lost, text-indent block; listing title clean;
 * - 2021 city report: bet365体育在线 for 政府信息公开 in some sentences, a keyword run appended to a
 *   paragraph, hijacked domain in the header line, tiny-font block;
 * - 文化广电和旅游局 2020: clean, but full of words keyword filters trip on (成人教育, 彩票公益金, 扫黄打非 …).
 */
import { SHANGWU_2019, WENGUANGLV_2020 } from '../fixtures/zhoukou-dept-reports.js';
import { ZHOUKOU_2019, ZHOUKOU_2020, ZHOUKOU_2021 } from '../fixtures/zhoukou-city-reports.js';
import type { SpamLink } from '../html/spam.js';
import { CREATE_PAGE_JS, trsArticlePath, trsPageName } from '../html/trs.js';
import { Site } from '../server.js';
import { linesWith, Tampering, type ArticleParts } from '../spam/tamper.js';
import { addChromeAssets, byDateDesc, chunk, decoyItems, reportBody, ROBOTS_MANAGE, type BuiltPortal, type DecoySpec, type Item, type PortalSpamLabel } from './common.js';
import { ZHOUKOU_COLUMN, ZHOUKOU_COLUMN_NAME, ZHOUKOU_SITE, ZHOUKOU_SITE_LINE, zhoukouArticle, zhoukouListing } from './zhoukou-pages.js';

const REGION = { code: '411600', name: '周口市' };
const PER_PAGE = 7;
const OFFICE = '周口市人民政府办公室';
const html = (body: string) => ({ contentType: 'text/html; charset=utf-8', body });

const DECOYS: DecoySpec[] = [
  { title: '周口市人民政府办公室关于做好2021年政府信息公开工作年度报告编制发布工作的通知', kind: 'notice', date: '2021-12-20', year: 2021 },
  { title: '市政府召开常务会议 研究部署灾后恢复重建工作', kind: 'news', date: '2021-08-12', year: 2021, headline: '市政府召开常务会议 研究部署灾后恢复重建工作' },
  { title: '周口市人民政府政府信息公开指南', kind: 'guide', date: '2021-06-10', year: 2021 },
  { title: '周口市2020年国民经济和社会发展统计公报', kind: 'statistics', date: '2021-04-02', year: 2020 },
  { title: '2021年周口市政府工作报告', kind: 'work-report', date: '2021-02-05', year: 2021 },
  { title: '周口市人民政府办公室2019年度部门决算', kind: 'final-accounts', date: '2020-09-01', year: 2019 },
  { title: '周口市2020年政务公开工作要点', kind: 'key-points', date: '2020-05-18', year: 2020 },
  { title: '关于2019年度企业年度报告公示的提醒', kind: 'enterprise-annual', date: '2020-03-02', year: 2019 },
  { title: '关于周口市2019年预算执行情况和2020年预算草案的报告', kind: 'budget', date: '2020-01-10', year: 2020 },
];

/** Made-up gambling/porn hosts: strings in pages only, never fetched. */
const PUJING: SpamLink[] = [
  ['澳门葡京娱乐官网', 'http://www.amjp-7788.com/'],
  ['葡京赌场', 'http://www.amjp-7788.com/'],
  ['澳门葡京官方网站', 'http://www.pj-zk8829.com/'],
  ['百家乐平台', 'http://www.pj-zk8829.com/bjl/'],
  ['真人娱乐开户', 'http://www.pj-zk8829.com/kaihu/'],
];
const ADULT: SpamLink[] = [
  ['成人影院免费观看', 'http://www.crdy-520.com/'],
  ['成人影院在线', 'http://www.crdy-520.com/zx/'],
  ['免费成人视频', 'http://www.av-kk99.com/'],
];
const PK10: SpamLink[] = [
  ['北京赛车pk10计划', 'http://www.bjsc-pk10jh.com/'],
  ['pk10开奖直播', 'http://www.bjsc-pk10jh.com/kj/'],
  ['重庆时时彩计划', 'http://www.sscjh-666.com/'],
];
const SUNCITY: SpamLink[] = [
  ['太阳城娱乐', 'http://www.tyc-8866.com/'],
  ['bet365体育在线', 'http://www.bet365-zk.com/'],
  ['威尼斯人官网', 'http://www.wnsr-3344.com/'],
];

interface ReportSpec {
  /** Title as the report names itself (the expected title). */
  title: string;
  year: number;
  issuer: string;
  date: string;
  time: string;
  source: string;
  lines: readonly string[];
  /** The injections applied to the clean page, if any. */
  tamper?: (t: Tampering) => void;
  /** Title the listing shows, when the spam reached it too. */
  listingTitle?: string;
}

const REPORTS: ReportSpec[] = [
  {
    title: '周口市人民政府2019年政府信息公开工作年度报告',
    year: 2019, issuer: '周口市人民政府', date: '2020-01-20', time: '17:32:08', source: OFFICE, lines: ZHOUKOU_2019,
    tamper: (t) =>
      t
        .hijackHead('澳门葡京娱乐官网_澳门葡京_周口市人民政府', '澳门葡京,澳门葡京娱乐官网,葡京赌场,百家乐', '澳门葡京娱乐官网【www.amjp-7788.com】为您提供真人娱乐、百家乐、体育投注等服务')
        .hide('offscreen', PUJING, 'after-body-open')
        .redirect('www.pj-zk8829.com'),
  },
  {
    title: '周口市商务局2019年政府信息公开工作年度报告',
    year: 2019, issuer: '周口市商务局', date: '2020-01-16', time: '09:15:40', source: '周口市商务局', lines: SHANGWU_2019,
    listingTitle: '周口市商务局2019年成人影院免费观看工作年度报告',
    tamper: (t) => t.substitute('政府信息公开', '成人影院免费观看', ['title', 'chrome', 'body']).hide('display-none', ADULT, 'before-html-close'),
  },
  {
    title: '周口市人民政府2020年政府信息公开工作年度报告',
    year: 2020, issuer: '周口市人民政府', date: '2021-01-29', time: '16:48:21', source: OFFICE, lines: ZHOUKOU_2020,
    tamper: (t) =>
      t
        .substitute('周口市人民政府', '北京赛车pk10计划', ['source', 'sponsor', 'body'])
        .replaceWord(linesWith(t.page.lines, '更多获得感')[0]!, '更多', '北京赛车')
        .hide('text-indent', PK10, 'after-body-open'),
  },
  {
    title: '周口市人民政府2021年政府信息公开工作年度报告',
    year: 2021, issuer: '周口市人民政府', date: '2022-01-27', time: '10:05:33', source: OFFICE, lines: ZHOUKOU_2021,
    tamper: (t) =>
      t
        // Some sentences only: every other paragraph that names the phrase.
        .substitute('政府信息公开', 'bet365体育在线', ['body'], linesWith(t.page.lines, '政府信息公开').filter((_, k) => k % 2 === 1))
        .append(linesWith(t.page.lines, '（一）主动公开')[0]!, '太阳城娱乐 百家乐 真人荷官 威尼斯人')
        .hijackDomain(ZHOUKOU_SITE.domain, 'www.bet365-zk.com')
        .hide('tiny-font', SUNCITY, 'before-html-close'),
  },
  {
    title: '周口市文化广电和旅游局2020年政府信息公开工作年度报告',
    // Clean, hence no spam label: it must come through a spam stage unchanged.
    year: 2020, issuer: '周口市文化广电和旅游局', date: '2021-01-22', time: '11:20:09', source: '周口市文化广电和旅游局', lines: WENGUANGLV_2020,
  },
];

function cleanParts(title: string, source: string, lines: readonly string[]): ArticleParts {
  return {
    docTitle: `${title}_周口市人民政府`,
    keywords: `${title},${ZHOUKOU_COLUMN_NAME}`,
    description: title,
    heading: title,
    column: ZHOUKOU_COLUMN_NAME,
    siteLine: ZHOUKOU_SITE_LINE,
    source,
    lines: [...lines],
    sponsor: ZHOUKOU_SITE.sponsor,
    afterBodyOpen: [],
    beforeHtmlClose: [],
  };
}

export function buildZhoukou(): BuiltPortal {
  const site = new Site({ validators: true, robots: ROBOTS_MANAGE });
  let nextId = 2916400;
  const ids = new Map<string, number>();
  const articlePath = (date: string): string => {
    const id = (nextId += 53);
    const path = trsArticlePath(ZHOUKOU_COLUMN, date, id);
    ids.set(path, id);
    return path;
  };

  const pages = new Map<string, ArticleParts>();
  const spamLabels: PortalSpamLabel[] = [];
  const reports: Item[] = REPORTS.map((r) => {
    const path = articlePath(r.date);
    const t = new Tampering(cleanParts(r.title, r.source, r.lines));
    if (r.tamper) {
      r.tamper(t);
      spamLabels.push(t.labelFor(path));
    }
    pages.set(path, t.page);
    return {
      path,
      title: r.listingTitle ?? r.title,
      date: r.date,
      time: r.time,
      source: r.source,
      lines: [...r.lines],
      report: { title: r.title, year: r.year, region: REGION, issuer: r.issuer, images: [], body: reportBody([...r.lines]) },
    };
  });
  const decoys = decoyItems(DECOYS, { place: '周口市', gov: '周口市人民政府', scope: '全市' }, OFFICE, (d) => articlePath(d.date));
  for (const d of decoys) pages.set(d.path, cleanParts(d.title, d.source, d.lines));
  const items = [...reports, ...decoys].sort(byDateDesc);

  for (const it of items) {
    site.add(it.path, html(zhoukouArticle(pages.get(it.path)!, { date: it.date, time: it.time, articleId: ids.get(it.path)! })));
  }
  const listed = chunk(items, PER_PAGE);
  listed.forEach((list, i) => {
    const li = list.map((it) => ({ href: `./${it.path.slice(ZHOUKOU_COLUMN.length)}`, title: it.title, date: it.date }));
    site.add(`${ZHOUKOU_COLUMN}${trsPageName(i)}`, html(zhoukouListing(li, listed.length, i)));
  });
  site.add('/', html(zhoukouListing([{ href: `${ZHOUKOU_COLUMN}index.html`, title: ZHOUKOU_COLUMN_NAME, date: '' }], 1, 0)));
  addChromeAssets(site, ZHOUKOU_SITE.css, {
    '/js/createPageHTML.js': CREATE_PAGE_JS,
    '/js/jquery.min.js': '/* jQuery (stub) */\n',
    '/hits.jsp': 'document.write("1024");\n',
  });

  return {
    id: 'zhoukou',
    name: '周口市人民政府',
    region: REGION.code,
    site,
    startPath: `${ZHOUKOU_COLUMN}index.html`,
    maxListingPages: 5,
    traits: [
      'TRS-like, UTF-8; pager only as createPageHTML(2, i, "index", "html")',
      'hijacked report pages built from clean originals: TDK hijack + off-screen links + referrer redirect; porn substitution of 政府信息公开 (listing title too); lottery brand for 周口市人民政府 in 来源/footer/body; betting brand in some sentences + keyword run + hijacked domain',
      'hidden blocks hidden four ways (off-screen, display:none, text-indent, tiny font), after <body> or before </html>',
      'a clean 文化广电和旅游局 report full of legitimate words keyword filters trip on (成人教育, 彩票公益金, 扫黄打非, 打击网络赌博 …)',
    ],
    items,
    spamLabels,
  };
}
