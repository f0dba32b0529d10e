/**
 * 河南省人民政府 (410000): TRS WCM, UTF-8, three column pages whose pager exists only as
 * createPageHTML(...), two seed reports (one with a hijacked domain and many inline images) and
 * five synthetic ones (one with HTML tables with merged cells) among fourteen decoys.
 */
import { pdfBytes, xlsBytes } from '../fixtures/binary.js';
import { seedBodyLines } from '../fixtures/seed-text.js';
import { report2019 } from '../fixtures/synthetic-2019.js';
import { legacyReport, type ReportVoice } from '../fixtures/synthetic-legacy.js';
import { henanFinance2019 } from '../fixtures/table-reports.js';
import type { Link } from '../html/chrome.js';
import { isImageLine } from '../html/text.js';
import { CREATE_PAGE_JS, trsArticlePath, trsPageName } from '../html/trs.js';
import { Site } from '../server.js';
import { addChromeAssets, addImage, byDateDesc, chunk, decoyItems, nextPublished, publishedAt, reportBody, ROBOTS_MANAGE, type BuiltPortal, type DecoySpec, type Item, type PublishPlan } from './common.js';
import { HENAN_COLUMN, HENAN_SITE, henanArticle, henanHome, henanListing } from './henan-pages.js';

const REGION = { code: '410000', name: '河南省' };
const PER_PAGE = 7;
const html = (body: string) => ({ contentType: 'text/html; charset=utf-8', body });

function synthetic(path: string, title: string, date: string, source: string, voice: ReportVoice, modern: boolean): Item {
  const lines = modern ? report2019(voice) : legacyReport(voice);
  return {
    path,
    title,
    date,
    time: '16:30:00',
    source,
    lines,
    report: { title, year: voice.year, region: REGION, issuer: voice.issuer, images: [], body: reportBody(lines) },
  };
}

const voice = (issuer: string, subject: string, year: number, seed: number, scale: number): ReportVoice => ({
  issuer,
  subject,
  year,
  seed,
  scale,
  office: `${issuer}政府信息公开办公室`,
  phone: '0371-65506000',
});

const DECOYS: DecoySpec[] = [
  { title: '关于2019年全省预算执行情况和2020年预算草案的报告', kind: 'budget', date: '2020-01-22', year: 2020 },
  { title: '河南省人民政府政府信息公开指南', kind: 'guide', date: '2019-12-30', year: 2019 },
  { title: '河南省人民政府政府信息公开目录', kind: 'catalog', date: '2019-12-30', year: 2019 },
  { title: '河南省人民政府办公厅关于做好2019年政府信息公开工作年度报告编制发布工作的通知', kind: 'notice', date: '2019-12-25', year: 2019 },
  { title: '河南省人民政府办公厅2018年度部门决算公开', kind: 'final-accounts', date: '2019-07-18', year: 2018 },
  { title: '河南省2019年政务公开工作要点', kind: 'key-points', date: '2019-05-20', year: 2019 },
  { title: '省政府召开常务会议 研究部署优化营商环境等工作', kind: 'news', date: '2019-04-12', year: 2019 },
  { title: '河南省2018年国民经济和社会发展统计公报', kind: 'statistics', date: '2019-03-09', year: 2018 },
  { title: '关于2018年全省预算执行情况和2019年预算草案的报告', kind: 'budget', date: '2019-02-01', year: 2019 },
  { title: '2019年河南省政府工作报告', kind: 'work-report', date: '2019-01-31', year: 2019 },
  { title: '河南省人民政府办公厅关于做好2018年政府信息公开工作年度报告编制发布工作的通知', kind: 'notice', date: '2018-12-20', year: 2018 },
  { title: '省政府召开全省政务公开工作电视电话会议', kind: 'news', date: '2018-06-22', year: 2018, headline: '省政府召开全省政务公开工作电视电话会议' },
  { title: '河南省2018年政务公开工作要点', kind: 'key-points', date: '2018-05-10', year: 2018 },
  { title: '2018年河南省政府工作报告', kind: 'work-report', date: '2018-02-02', year: 2018 },
];

/** Departments whose 2019 reports publish() adds, one per call. */
const PUBLISH: PublishPlan = {
  issuers: ['河南省卫生健康委员会', '河南省民政厅', '河南省自然资源厅', '河南省生态环境厅', '河南省交通运输厅', '河南省农业农村厅', '河南省商务厅', '河南省市场监督管理局'],
  region: REGION,
  scale: 1.5,
  phone: '0371-65506000',
  source: (issuer) => issuer.replace(/^河南省/, '省').replace('委员会', '委'),
};

export function buildHenan(): BuiltPortal {
  const site = new Site({ validators: true, robots: ROBOTS_MANAGE });
  let nextId = 1234560;
  const articlePath = (date: string): string => trsArticlePath(HENAN_COLUMN, date, (nextId += 37));
  const seedProvince = seedBodyLines('henan-province-2018');
  const seedOffice = seedBodyLines('henan-office-2019');

  const province: Item = {
    path: articlePath('2019-03-31'),
    title: '河南省2018年政府信息公开工作年度报告',
    date: '2019-03-31',
    time: '23:04:00',
    source: '省政府办公厅',
    lines: seedProvince,
    report: {
      title: '河南省2018年政府信息公开工作年度报告',
      year: 2018,
      region: REGION,
      issuer: '河南省人民政府',
      seed: 'henan-province-2018',
      images: seedProvince.filter(isImageLine).map((l) => l.trim()),
      body: reportBody(seedProvince),
    },
  };
  const office: Item = {
    path: articlePath('2020-01-20'),
    title: '河南省人民政府办公厅2019年政府信息公开工作年度报告',
    date: '2020-01-20',
    time: '10:12:00',
    source: '省政府办公厅',
    lines: seedOffice,
    report: {
      title: '河南省人民政府办公厅2019年政府信息公开工作年度报告',
      year: 2019,
      region: REGION,
      issuer: '河南省人民政府办公厅',
      seed: 'henan-office-2019',
      images: [],
      body: reportBody(seedOffice),
    },
  };
  const reports = [
    province,
    office,
    synthetic(articlePath('2018-03-30'), '河南省2017年政府信息公开工作年度报告', '2018-03-30', '省政府办公厅', voice('河南省人民政府办公厅', '全省各级行政机关', 2017, 2017, 600), false),
    synthetic(articlePath('2017-03-31'), '河南省2016年政府信息公开工作年度报告', '2017-03-31', '省政府办公厅', voice('河南省人民政府办公厅', '全省各级行政机关', 2016, 2016, 550), false),
    synthetic(articlePath('2020-01-17'), '河南省发展和改革委员会2019年政府信息公开工作年度报告', '2020-01-17', '省发展改革委', voice('河南省发展和改革委员会', '我委', 2019, 4119, 2), true),
    synthetic(articlePath('2019-03-28'), '河南省教育厅2018年度政府信息公开工作年度报告', '2019-03-28', '省教育厅', voice('河南省教育厅', '我厅', 2018, 4018, 1.5), false),
  ];
  // The 2016/2017 province-wide reports are compiled by the 办公厅 but issued for the province.
  for (const r of reports.slice(2, 4)) r.report!.issuer = '河南省人民政府';

  const decoys = decoyItems(DECOYS, { place: '河南省', gov: '河南省人民政府', scope: '全省' }, '省政府办公厅', (d) => articlePath(d.date));
  // A department's 2019 report whose tables are HTML with merged cells and <p><span> in each cell
  // (added after the decoys so the older pages keep their URLs).
  const financeTitle = '河南省财政厅2019年政府信息公开工作年度报告';
  const financeReport = henanFinance2019();
  reports.push({
    path: articlePath('2020-01-19'),
    title: financeTitle,
    date: '2020-01-19',
    time: '17:45:00',
    source: '省财政厅',
    lines: financeReport.lines,
    report: { title: financeTitle, year: 2019, region: REGION, issuer: '河南省财政厅', images: [], body: financeReport.body, figures: financeReport.figures },
  });
  const items = [...reports, ...decoys].sort(byDateDesc);
  const dirOf = (p: string): string => p.slice(0, p.lastIndexOf('/') + 1);
  let published = 0;

  // Images of the province report: files under a TRS W0… folder, bare ids under /images/.
  const imageDir = `${dirOf(province.path)}W020190331558742319/`;
  const imageSrc = (name: string): string => (/^\d+$/.test(name) ? `/images/${name}` : `./W020190331558742319/${name}`);
  for (const name of province.report!.images) addImage(site, /^\d+$/.test(name) ? `/images/${name}` : `${imageDir}${name}`, name);

  // The 图解 (infographic) page the seed links to: a served page, not listed, not a report.
  const tujiePath = `${dirOf(province.path)}t20190401_1234999.html`;
  const pdfPath = `${dirOf(office.path)}P020200120386921754321.pdf`;
  site.add(pdfPath, { contentType: 'application/pdf', body: pdfBytes('Henan office 2019 annual report (attachment)') });
  const xlsPath = '/zwgk/zfxxgkndbg/201907/P020190718412345678901.xls';
  site.add(xlsPath, { contentType: 'application/vnd.ms-excel', body: xlsBytes([['项目', '决算数'], ['一般公共预算财政拨款收入', '12345.67']]) });

  const related = (self: Item): Link[] =>
    reports.filter((r) => r !== self).slice(0, 4).map((r) => [r.title, r.path]);

  const renderArticle = (it: Item, lastModified?: Date): void => {
    const isProvince = it === province;
    const body = henanArticle({
      title: it.title,
      metaLine: `河南省人民政府门户网站 ${isProvince ? 'www.topless40.com' : 'www.henan.gov.cn'} 时间:${it.date} ${it.time.slice(0, 5)} 来源:${it.source}`,
      date: it.date,
      time: it.time,
      source: it.source,
      lines: it.lines,
      imageSrc: isProvince ? imageSrc : undefined,
      preface: isProvince ? `<div class="tujie"><a href="./${tujiePath.split('/').pop()}" target="_blank">&gt;&gt;点击查看图解&lt;&lt;</a></div>` : undefined,
      attachments:
        it === office
          ? [['河南省人民政府办公厅2019年政府信息公开工作年度报告.pdf', `./${pdfPath.split('/').pop()}`]]
          : it.title.includes('部门决算')
            ? [['2018年度部门决算公开表.xls', xlsPath]]
            : undefined,
      editor: isProvince ? '冯源' : '王静',
      related: it.report ? related(it) : reports.slice(0, 3).map((r) => [r.title, r.path]),
    });
    site.add(it.path, { ...html(body), lastModified: lastModified ?? publishedAt(it.date, it.time) });
  };
  for (const it of items) renderArticle(it);
  site.add(tujiePath, html(henanArticle({
    title: '图解：河南省2018年政府信息公开工作年度报告',
    metaLine: '河南省人民政府门户网站 www.henan.gov.cn 时间:2019-04-01 09:00 来源:省政府办公厅',
    date: '2019-04-01', time: '09:00:00', source: '省政府办公厅',
    lines: ['W020190401tujie.png'], imageSrc: () => './W020190401tujie.png',
    editor: '冯源', related: [[province.title, province.path]],
  })));
  addImage(site, `${dirOf(province.path)}W020190401tujie.png`, 'W020190401tujie.png');

  const renderListings = (): void => {
    const pages = chunk(items, PER_PAGE);
    pages.forEach((list, i) => {
      const li = list.map((it) => ({ href: `./${it.path.slice(HENAN_COLUMN.length)}`, title: it.title, date: it.date }));
      site.add(`${HENAN_COLUMN}${trsPageName(i)}`, { ...html(henanListing(li, pages.length, i)), lastModified: publishedAt(list[0]!.date, list[0]!.time) });
    });
  };
  renderListings();
  const home = henanHome([['政府信息公开年报', `${HENAN_COLUMN}index.html`], ['政府信息公开指南', '/zwgk/zfxxgkzn/']]);
  site.add('/', html(home));
  site.add('/index.html', html(home));
  addChromeAssets(site, HENAN_SITE.css, { '/js/createPageHTML.js': CREATE_PAGE_JS, '/js/jquery-1.11.3.min.js': '/* jQuery v1.11.3 (stub) */\n' });

  return {
    id: 'henan',
    name: '河南省人民政府',
    region: REGION.code,
    site,
    startPath: `${HENAN_COLUMN}index.html`,
    maxListingPages: 10,
    traits: [
      'TRS WCM: pager only as createPageHTML(3, i, "index", "html"); index_1.html is never linked',
      'relative ./YYYYMM/tYYYYMMDD_n.html links; link text cut at 22 chars, full title in title=""',
      'hijacked domain www.topless40.com in the meta line of the 2018 province report',
      'inline images (file names with Chinese, bare numeric ids served as image/png); TRS <style> inside the body div',
      'decoys: notices about compiling annual reports, budgets, statistics bulletin, guide, catalogue, news',
      '河南省财政厅 2019 report: statistics as <table border="1"> with rowspan/colspan and Word <p><span> in every cell',
    ],
    items,
    live: {
      publish: () => {
        const it = nextPublished(PUBLISH, published++, items[0]!.date, articlePath);
        items.unshift(it);
        reports.push(it);
        renderArticle(it, new Date());
        renderListings();
        return it;
      },
      rerender: (it) => renderArticle(it),
    },
    spamLabels: [
      {
        path: province.path,
        injected: [{ found: 'www.topless40.com', original: 'www.henan.gov.cn', where: 'chrome' }],
        hiddenBlocks: [],
        redirectScript: false,
        hijackedDomain: 'www.topless40.com',
      },
    ],
  };
}
