/**
 * 开封市祥符区人民政府 (410212): Hanweb JCMS, labelled gb2312, bytes GB18030 (a name outside GBK
 * needs four bytes). 25 records: 15 inline on the column page, the rest (including the seed report
 * and the 开封县 2013 report) only from dataproxy.jsp.
 */
import { seedBodyLines } from '../fixtures/seed-text.js';
import { legacyReport } from '../fixtures/synthetic-legacy.js';
import { xiangfu2020 } from '../fixtures/table-reports.js';
import { dataproxyXml, hanwebArticlePath, JPAGE_JS, type HanwebColumn, type HanwebRecord } from '../html/hanweb.js';
import { encodePage, inGb2312 } from '../html/text.js';
import { Site, type SimResponse } from '../server.js';
import { addChromeAssets, byDateDesc, decoyItems, nextPublished, publishedAt, reportBody, ROBOTS_MANAGE, type BuiltPortal, type DecoySpec, type Item, type PublishPlan } from './common.js';
import { XIANGFU_SITE, xiangfuArticle, xiangfuColumn } from './xiangfu-pages.js';

const COLUMN: Omit<HanwebColumn, 'totalRecord'> = { columnId: 123, unitId: 456, webName: '开封市祥符区人民政府', perPage: 15 };
const COLUMN_NAME = '政府信息公开年报';
const XIANGFU = { code: '410212', name: '祥符区' };
/** Before October 2014 the district was 开封县: old reports are filed under that name, today's code. */
const KAIFENG_COUNTY = { code: '410212', name: '开封县' };

const gb = (html: string): SimResponse => ({ contentType: 'text/html; charset=gb2312', body: encodePage(html, 'gb18030') });

const DECOYS: DecoySpec[] = [
  { title: '关于2019年祥符区预算执行情况和2020年预算草案的报告', kind: 'budget', date: '2020-01-16', year: 2020 },
  { title: '祥符区人民政府办公室关于做好2019年政府信息公开工作年度报告编制发布工作的通知', kind: 'notice', date: '2019-12-27', year: 2019 },
  { title: '开封市祥符区人民政府政府信息公开指南', kind: 'guide', date: '2019-12-20', year: 2019 },
  { title: '开封市祥符区人民政府政府信息公开目录', kind: 'catalog', date: '2019-12-20', year: 2019 },
  { title: '祥符区2018年度部门决算公开', kind: 'final-accounts', date: '2019-09-05', year: 2018 },
  { title: '关于开展2018年度企业年度报告公示工作的提醒', kind: 'enterprise-annual', date: '2019-03-12', year: 2018 },
  { title: '祥符区召开2019年政务公开工作会议', kind: 'news', date: '2019-04-18', year: 2019, headline: '祥符区召开2019年政务公开工作会议' },
  { title: '祥符区2019年政务公开工作要点', kind: 'key-points', date: '2019-05-08', year: 2019 },
  { title: '2019年开封市祥符区人民政府工作报告', kind: 'work-report', date: '2019-01-25', year: 2019 },
  { title: '祥符区2018年国民经济和社会发展统计公报', kind: 'statistics', date: '2019-04-01', year: 2018 },
  { title: '2018年开封市祥符区人民政府工作报告', kind: 'work-report', date: '2018-01-30', year: 2018 },
  { title: '祥符区2018年政务公开工作要点', kind: 'key-points', date: '2018-05-02', year: 2018 },
  { title: '区政府召开常务会议 研究部署脱贫攻坚工作', kind: 'news', date: '2018-07-10', year: 2018, headline: '区政府召开常务会议 研究部署脱贫攻坚工作' },
  { title: '关于2017年祥符区预算执行情况和2018年预算草案的报告', kind: 'budget', date: '2018-01-18', year: 2018 },
  { title: '祥符区人民政府办公室关于做好2016年政府信息公开工作年度报告编制发布工作的通知', kind: 'notice', date: '2016-12-22', year: 2016 },
  { title: '2016年开封市祥符区人民政府工作报告', kind: 'work-report', date: '2016-02-03', year: 2016 },
  { title: '祥符区2015年国民经济和社会发展统计公报', kind: 'statistics', date: '2016-03-20', year: 2015 },
  { title: '祥符区2016年政务公开工作要点', kind: 'key-points', date: '2016-04-11', year: 2016 },
  { title: '开封县人民政府办公室关于做好2013年政府信息公开工作年度报告的通知', kind: 'notice', date: '2013-12-18', year: 2013 },
  { title: '2014年开封县人民政府工作报告', kind: 'work-report', date: '2014-02-12', year: 2014 },
];

/** CJK characters of `text` that GB2312 lacks, each once, in order of appearance. */
function outsideGb2312(text: string): string[] {
  return [...new Set([...text].filter((c) => (c.codePointAt(0) ?? 0) >= 0x2e80 && !inGb2312(c)))];
}

/** Bureaus and towns whose 2020 reports publish() adds, one per call. */
const PUBLISH: PublishPlan = {
  issuers: ['开封市祥符区教育体育局', '开封市祥符区卫生健康委员会', '开封市祥符区农业农村局', '开封市祥符区朱仙镇人民政府', '开封市祥符区城市管理局'],
  region: XIANGFU,
  scale: 0.6,
  phone: '0371-26611234',
  source: () => '',
};

export function buildXiangfu(): BuiltPortal {
  const site = new Site({ validators: true, robots: ROBOTS_MANAGE });
  let nextId = 456700;
  const articlePath = (date: string): string => hanwebArticlePath(COLUMN.columnId, date, (nextId += 13));
  const report = (title: string, year: number, date: string, issuer: string, region: typeof XIANGFU, lines: string[], seed?: string): Item => {
    const body = reportBody(lines);
    const rare = outsideGb2312(body);
    return {
      path: articlePath(date),
      title,
      date,
      time: '10:00:00',
      source: '',
      lines,
      report: { title, year, region, issuer, images: [], body, ...(seed ? { seed } : {}), ...(rare.length ? { gb18030Only: rare } : {}) },
    };
  };
  const voice = (issuer: string, subject: string, year: number, extra?: string[]) =>
    ({ issuer, subject, year, seed: 410212 + year, scale: 6, office: `${issuer}办公室`, phone: '0371-26611234', ...(extra ? { extra } : {}) });

  const seedLines = seedBodyLines('kaifeng-xiangfu-2016');
  const reports = [
    report('开封市祥符区人民政府2018年政府信息公开工作年度报告', 2018, '2019-03-29', '开封市祥符区人民政府', XIANGFU, legacyReport(voice('开封市祥符区人民政府', '全区各级行政机关', 2018))),
    report('开封市祥符区人民政府2017年度政府信息公开工作年度报告', 2017, '2018-03-28', '开封市祥符区人民政府', XIANGFU, legacyReport(voice('开封市祥符区人民政府', '全区各级行政机关', 2017, [
      '（四）调整领导小组。根据人事变动，及时调整区政府信息公开工作领导小组，由副区长王堃任组长，区政府办公室主任朱镕任副组长，区政府办公室副主任赵𫖯具体负责日常工作。',
    ]))),
    report('开封市祥符区人民政府2016年度政府信息公开工作年度报告', 2016, '2017-03-04', '开封市祥符区人民政府', XIANGFU, seedLines, 'kaifeng-xiangfu-2016'),
    report('开封县人民政府2013年政府信息公开工作年度报告', 2013, '2014-03-26', '开封县人民政府', KAIFENG_COUNTY, legacyReport(voice('开封县人民政府', '全县各级行政机关', 2013, [
      '（四）加强县乡两级公开平台建设。开封县人民政府网站设立政府信息公开专栏，各乡镇设立政务公开栏，方便群众查阅。',
    ]))),
  ];
  const decoys = decoyItems(DECOYS, { place: '祥符区', gov: '开封市祥符区人民政府', scope: '全区' }, '', (d) => articlePath(d.date));
  // 2020 report, HTML tables with a typo in table 三 (created last so older articles keep their ids).
  const t2020 = xiangfu2020();
  const y2020 = report('开封市祥符区人民政府2020年政府信息公开工作年度报告', 2020, '2021-01-26', '开封市祥符区人民政府', XIANGFU, t2020.lines);
  y2020.report = { ...y2020.report!, body: t2020.body, figures: t2020.figures, ...(t2020.failingChecks ? { failingChecks: t2020.failingChecks } : {}) };
  const items = [...reports, y2020, ...decoys].sort(byDateDesc);
  const recordsNow = (): HanwebRecord[] => items.map((it) => ({ href: it.path, title: it.title, date: it.date }));
  const columnNow = (): HanwebColumn => ({ ...COLUMN, totalRecord: items.length });
  let published = 0;

  // Sidebars and hit counts as each article was first generated: a static page keeps them.
  const frozen = new Map<Item, { hot: [string, string][]; latest: [string, string][]; hits: number }>();
  const renderArticle = (it: Item, lastModified?: Date): void => {
    let f = frozen.get(it);
    if (!f) {
      const i = items.indexOf(it);
      f = {
        hot: items.slice(3, 8).map((x): [string, string] => [x.title, x.path]),
        latest: items.slice(0, 5).map((x): [string, string] => [x.title, x.path]),
        hits: it.report?.seed ? 1915 : 300 + ((i * 97) % 1500),
      };
      frozen.set(it, f);
    }
    const page = xiangfuArticle({
      title: it.title,
      date: it.date,
      author: it.report?.seed ? 'pmo668239' : 'xfqzfb',
      hits: f.hits,
      lines: it.lines,
      columnId: COLUMN.columnId,
      columnName: COLUMN_NAME,
      sidebar: { hot: f.hot, latest: f.latest },
    });
    site.add(it.path, { ...gb(page), lastModified: lastModified ?? publishedAt(it.date, it.time) });
  };
  const renderColumn = (): void => {
    const records = recordsNow();
    site.add(`/col/col${COLUMN.columnId}/index.html`, { ...gb(xiangfuColumn(columnNow(), COLUMN_NAME, records.slice(0, COLUMN.perPage))), lastModified: publishedAt(items[0]!.date, items[0]!.time) });
  };
  items.forEach((it) => renderArticle(it));
  renderColumn();
  site.handle('/module/web/jpage/dataproxy.jsp', (req) => {
    const p = req.params;
    const perPage = Number(p.get('perpage') ?? COLUMN.perPage) || COLUMN.perPage;
    const start = Number(p.get('startrecord') ?? 1) || 1;
    const end = Number(p.get('endrecord') ?? start + perPage - 1) || start + perPage - 1;
    const ours = p.get('columnid') === String(COLUMN.columnId) && (p.get('unitid') ?? String(COLUMN.unitId)) === String(COLUMN.unitId);
    const xml = dataproxyXml(ours ? recordsNow() : [], start, end, perPage);
    return { contentType: 'text/xml;charset=gb2312', body: encodePage(xml, 'gb18030') };
  });
  site.add('/module/jslib/jquery/jpage/jquery.page.min.js', { contentType: 'application/javascript', body: JPAGE_JS });
  const home = xiangfuColumn({ ...columnNow(), totalRecord: 0 }, '首页', []);
  site.add('/', gb(home.replace('</body>', `<a href="/col/col${COLUMN.columnId}/index.html">${COLUMN_NAME}</a>\n</body>`)));
  addChromeAssets(site, XIANGFU_SITE.css, { '/module/jslib/jquery/jquery.js': '/* jQuery (stub) */\n', '/script/common.js': '/* common */\n' });

  return {
    id: 'xiangfu',
    name: '开封市祥符区人民政府',
    region: XIANGFU.code,
    site,
    startPath: `/col/col${COLUMN.columnId}/index.html`,
    maxListingPages: 5,
    traits: [
      'Hanweb JCMS: first 15 records inside <script type="text/xml"> CDATA; records 16–25 only via dataproxy.jsp (GET or POST)',
      'the 2020 report: HTML tables, blank cells for zeros, and a typo (一、本年新收 总计 one more than its columns)',
      'label gb2312 (meta and header), bytes GB18030: 堃/镕 (GBK two-byte) and 𫖯 (four-byte) in the 2017 report',
      'the seed report (2017-03-04) is reachable only through dataproxy.jsp',
      '开封县人民政府2013年… report: filed as region 410212 named 开封县',
      'nav (区人大 区政府 RSS订阅…), 来源/作者/发布时间/次浏览 line and sidebar boxes around #zoom; ContentStart/ContentEnd markers',
    ],
    items,
    live: {
      publish: () => {
        const it = nextPublished(PUBLISH, published++, items[0]!.date, articlePath);
        items.unshift(it);
        renderArticle(it, new Date());
        renderColumn();
        return it;
      },
      rerender: (it) => renderArticle(it),
    },
  };
}
