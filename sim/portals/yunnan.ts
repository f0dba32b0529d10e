/**
 * 云南省人民政府 (530000): TRS-like, UTF-8, two column pages (createPageHTML(2, i, …)). The 2018
 * report page is served as it was scraped while hijacked (substitution spam everywhere, statistics
 * only as four images); the listing still shows the clean title.
 */
import { seedBodyLines } from '../fixtures/seed-text.js';
import { report2019 } from '../fixtures/synthetic-2019.js';
import { legacyReport, type ReportVoice } from '../fixtures/synthetic-legacy.js';
import { blockText } from '../html/spam.js';
import { isImageLine } from '../html/text.js';
import { renderTableAsScreenshots } from '../images/render-table.js';
import { YUNNAN_2018_TABLE } from '../fixtures/yunnan-table.js';
import { CREATE_PAGE_JS, trsArticlePath, trsPageName } from '../html/trs.js';
import { Site } from '../server.js';
import { addChromeAssets, addImage, byDateDesc, chunk, decoyItems, reportBody, type BuiltPortal, type DecoySpec, type Item } from './common.js';
import { BRAND, YUNNAN_COLUMN, YUNNAN_HIDDEN_BLOCK, YUNNAN_SITE, yunnanArticle, yunnanListing } from './yunnan-pages.js';

const REGION = { code: '530000', name: '云南省' };
const PER_PAGE = 8;
const html = (body: string) => ({ contentType: 'text/html;charset=UTF-8', body });

const DECOYS: DecoySpec[] = [
  { title: '云南省人民政府办公厅关于做好2019年政府信息公开工作年度报告编制发布工作的通知', kind: 'notice', date: '2019-12-24', year: 2019 },
  { title: '云南省人民政府政府信息公开指南', kind: 'guide', date: '2019-11-28', year: 2019 },
  { title: '云南省2019年政务公开工作要点', kind: 'key-points', date: '2019-06-14', year: 2019 },
  { title: '云南省2018年国民经济和社会发展统计公报', kind: 'statistics', date: '2019-06-03', year: 2018 },
  { title: '2019年云南省政府工作报告', kind: 'work-report', date: '2019-02-01', year: 2019 },
  { title: '省政府召开常务会议 研究“数字云南”建设等工作', kind: 'news', date: '2019-03-22', year: 2019, headline: '省政府召开常务会议 研究“数字云南”建设等工作' },
  { title: '云南省人民政府办公厅2018年度部门决算', kind: 'final-accounts', date: '2019-07-26', year: 2018 },
  { title: '关于2018年全省预算执行情况和2019年预算草案的报告', kind: 'budget', date: '2019-01-30', year: 2019 },
  { title: '云南省人民政府政府信息公开目录', kind: 'catalog', date: '2018-12-28', year: 2018 },
];

const voice = (year: number): ReportVoice => ({
  issuer: '云南省人民政府办公厅',
  subject: '全省各级行政机关',
  year,
  seed: 530000 + year,
  scale: 500,
  office: '云南省人民政府办公厅政务公开处',
  phone: '0871-63628000',
});

export function buildYunnan(): BuiltPortal {
  // No robots.txt on this host: /robots.txt is a 404.
  const site = new Site({ validators: true });
  let nextId = 190700;
  const articlePath = (date: string): string => trsArticlePath(YUNNAN_COLUMN, date, (nextId += 29));
  const synthetic = (title: string, year: number, date: string, lines: string[]): Item => ({
    path: articlePath(date),
    title,
    date,
    time: '16:20:00',
    source: '云南省人民政府办公厅',
    lines,
    report: { title, year, region: REGION, issuer: '云南省人民政府', images: [], body: reportBody(lines) },
  });

  const seedLines = seedBodyLines('yunnan-province-2018-spam');
  const spam: Item = {
    path: articlePath('2019-12-19'),
    title: '2018年云南省政府信息公开工作年度报告',
    date: '2019-12-19',
    time: '15:07:05',
    source: `${BRAND}:办公厅`,
    lines: seedLines,
    report: {
      title: '2018年云南省政府信息公开工作年度报告',
      year: 2018,
      region: REGION,
      issuer: '云南省人民政府',
      seed: 'yunnan-province-2018-spam',
      images: seedLines.filter(isImageLine).map((l) => l.trim()),
      body: reportBody(seedLines),
    },
  };
  const reports = [
    spam,
    synthetic('2019年云南省政府信息公开工作年度报告', 2019, '2020-01-21', report2019(voice(2019))),
    synthetic('2017年云南省政府信息公开工作年度报告', 2017, '2018-03-30', legacyReport(voice(2017))),
  ];
  const decoys = decoyItems(DECOYS, { place: '云南省', gov: '云南省人民政府', scope: '全省' }, '云南省人民政府办公厅', (d) => articlePath(d.date));
  const items = [...reports, ...decoys].sort(byDateDesc);

  const imageFolder = 'W020191219507365412873';
  const spamDir = spam.path.slice(0, spam.path.lastIndexOf('/') + 1);
  // The statistics table exists only as these four screenshots, as on the real page.
  const screenshots = yunnanTableScreenshots();
  spam.report!.images.forEach((name, i) => {
    const shot = screenshots[i];
    if (shot) site.add(`${spamDir}${imageFolder}/${name}`, { contentType: 'image/jpeg', body: shot });
    else addImage(site, `${spamDir}${imageFolder}/${name}`, name);
  });

  for (const it of items) {
    const isSpam = it === spam;
    site.add(it.path, html(yunnanArticle({
      title: it.title,
      heading: isSpam ? `2018年云南省${BRAND}网址工作报告` : it.title,
      date: it.date,
      time: it.time,
      source: it.source,
      lines: it.lines,
      ...(isSpam ? { imageSrc: (name: string) => `./${imageFolder}/${name}` } : {}),
      spam: isSpam,
    })));
  }

  const pages = chunk(items, PER_PAGE);
  pages.forEach((list, i) => {
    const li = list.map((it) => ({ href: `./${it.path.slice(YUNNAN_COLUMN.length)}`, title: it.title, date: it.date }));
    site.add(`${YUNNAN_COLUMN}${trsPageName(i)}`, html(yunnanListing(li, pages.length, i)));
  });
  site.add('/', html(yunnanListing([{ href: `${YUNNAN_COLUMN}index.html`, title: '政府信息公开年报', date: '' }], 1, 0)));
  addChromeAssets(site, YUNNAN_SITE.css, { '/js/createPageHTML.js': CREATE_PAGE_JS, '/images/jquery.min.js': '/* jQuery (stub) */\n' });

  return {
    id: 'yunnan',
    name: '云南省人民政府',
    region: REGION.code,
    site,
    startPath: `${YUNNAN_COLUMN}index.html`,
    maxListingPages: 5,
    traits: [
      'TRS-like, UTF-8; pager only as createPageHTML(2, i, "index", "html")',
      `the 2018 report page is hijacked: ${BRAND} substituted in <title>, heading, column name, 来源, body and footer; hidden off-screen link block after <body>`,
      'listing shows the clean title; the statistics table exists only as four <img> (统计指标*.jpg)',
    ],
    items,
    spamLabels: [
      {
        // Read off the seed: 365体育备用网址 stands for 政府信息公开 (《中华人民共和国365体育备用网址条例》),
        // 365体育备用: for 云南省人民政府 (主办单位: 365体育备用:办公厅), bare 365体育备用 for words lost.
        path: spam.path,
        injected: [
          { found: `${BRAND}网址`, original: '政府信息公开', where: 'title' },
          { found: `${BRAND}网址`, original: '政府信息公开', where: 'body' },
          { found: `${BRAND}:`, original: '云南省人民政府', where: 'body' },
          { found: BRAND, original: '', where: 'body' },
          { found: `${BRAND}:`, original: '云南省人民政府', where: 'source' },
          { found: `${BRAND}网址`, original: '政府信息公开', where: 'chrome' },
          { found: `${BRAND}:`, original: '云南省人民政府', where: 'chrome' },
        ],
        hiddenBlocks: [blockText(YUNNAN_HIDDEN_BLOCK)],
        redirectScript: false,
        hijackedTitle: `${BRAND}网址_${BRAND}`,
      },
    ],
  };
}

/**
 * The Yunnan table as four JPEG screenshots at the reduced size editors shrink pasted images to:
 * the first two well compressed, the last two harder (quality 60), header only on the first.
 */
function yunnanTableScreenshots(): Buffer[] {
  const base = { parts: 4, scale: 0.8, title: '政府信息公开情况统计表' };
  const sharp = renderTableAsScreenshots(YUNNAN_2018_TABLE, { ...base, jpegQuality: 85 });
  const rough = renderTableAsScreenshots(YUNNAN_2018_TABLE, { ...base, jpegQuality: 60 });
  return [sharp[0]!, sharp[1]!, rough[2]!, rough[3]!];
}
