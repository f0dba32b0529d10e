/**
 * 洛阳市人民政府 (410300): the column page (UTF-8) is a shell whose inline script GETs
 * /module/web/list/fragment.jsp?colid=1193&pageIndex=N and inserts the answer, an HTML fragment of
 * `<li>` rows served as `text/html;charset=GBK` in GBK bytes, into #list. Link text is cut at 20
 * characters (full title in title=). The static HTML names no report.
 */
import { hanwebArticlePath } from '../html/hanweb.js';
import { encodePage } from '../html/text.js';
import { type BuiltPortal, type DecoySpec } from './common.js';
import { fragmentPageInfo, fragmentRow, LUOYANG_API, LUOYANG_COLUMN_ID, LUOYANG_LAYOUT, LUOYANG_LIST_BLOCK, LUOYANG_PAGE_SIZE, LUOYANG_TITLE_CHARS } from './luoyang-pages.js';
import { buildScriptedPortal, intParam, type ReportRow } from './scripted.js';

const REGION = { code: '410300', name: '洛阳市' };
const CITY = '洛阳市人民政府';

const REPORTS: ReportRow[] = [
  [CITY, 2024, '2025-01-27', '11:06:00'],
  [CITY, 2023, '2024-01-31', '16:48:25'],
  [CITY, 2022, '2023-01-29', '10:15:37'],
  [CITY, 2021, '2022-01-28', '09:02:14'],
  [CITY, 2020, '2021-01-26', '17:33:50', '洛阳市人民政府2020年度政府信息公开工作年度报告'],
  [CITY, 2019, '2020-01-23', '15:19:02'],
  [CITY, 2018, '2019-03-28', '10:40:46'],
  ['洛阳市民政局', 2024, '2025-01-17', '15:26:39'],
  ['洛阳市民政局', 2023, '2024-01-19', '08:57:12'],
  ['洛阳市文化广电和旅游局', 2024, '2025-01-22', '10:11:58'],
];

const DECOYS: DecoySpec[] = [
  { title: '2025年洛阳市人民政府工作报告', kind: 'work-report', date: '2025-02-13', year: 2025 },
  { title: '洛阳市人民政府办公室关于做好2024年政府信息公开工作年度报告编制发布工作的通知', kind: 'notice', date: '2024-12-17', year: 2024 },
  { title: '洛阳市2024年政务公开工作要点', kind: 'key-points', date: '2024-04-30', year: 2024 },
  { title: '洛阳市2023年国民经济和社会发展统计公报', kind: 'statistics', date: '2024-03-28', year: 2023 },
  { title: '关于开展2023年度企业年度报告公示工作的提醒', kind: 'enterprise-annual', date: '2024-01-09', year: 2023 },
  { title: '洛阳市人民政府政府信息公开指南', kind: 'guide', date: '2023-06-21', year: 2023 },
  { title: '洛阳市人民政府办公室2022年度部门决算', kind: 'final-accounts', date: '2023-08-24', year: 2022 },
  { title: '关于洛阳市2022年预算执行情况和2023年预算草案的报告', kind: 'budget', date: '2023-02-17', year: 2023 },
  { title: '洛阳市人民政府政府信息公开目录', kind: 'catalog', date: '2022-05-10', year: 2022 },
  { title: '洛阳市人民政府办公室关于做好2020年政府信息公开工作年度报告编制发布工作的通知', kind: 'notice', date: '2020-12-22', year: 2020 },
  { title: '洛阳市政务公开标准化规范化工作推进会召开', kind: 'news', date: '2020-09-15', year: 2020, headline: '洛阳市政务公开标准化规范化工作推进会召开' },
];

export function buildLuoyang(): BuiltPortal {
  return buildScriptedPortal({
    id: 'luoyang',
    region: REGION,
    phone: '0379-63900130',
    reports: REPORTS,
    decoys: DECOYS,
    publishIssuers: ['洛阳市财政局', '洛阳市教育局', '洛阳市生态环境局', '洛阳市商务局', '洛阳市城市管理局'],
    layout: LUOYANG_LAYOUT,
    listBlock: LUOYANG_LIST_BLOCK,
    articlePath: (date, id) => hanwebArticlePath(LUOYANG_COLUMN_ID, date, id),
    firstId: 2405100,
    traits: [
      `column page (UTF-8) is a shell (empty #list, #pager); an inline script GETs ${LUOYANG_API}?colid=${LUOYANG_COLUMN_ID}&pageIndex=N (XMLHttpRequest) and inserts the answer into #list`,
      `the answer is an HTML fragment in GBK bytes (Content-Type: text/html;charset=GBK): <li><a href target title="full title">text cut at ${LUOYANG_TITLE_CHARS} chars…</a><span>date</span></li> rows, then a hidden <li class="pageinfo" data-total data-pages> without a link`,
      'pager: 首页/上一页/下一页/尾页 as javascript:void(0); links with onclick="loadList(n)"; on the last page 下一页 and 尾页 are plain spans',
      'ten <script src> on the column page: one inside an IE conditional comment, three loaded ones 404 (SuperSlide, /js/share.js, /wza/aria.js); Hanweb-style /art/Y/M/D/art_1193_N.html articles',
    ],
    api: ({ site, items }) =>
      site.handle(LUOYANG_API, (req) => {
        const pageIndex = intParam(req.params, 'pageIndex', 1, 1);
        const mine = req.params.get('colid') === String(LUOYANG_COLUMN_ID) ? items : [];
        const rows = mine.slice((pageIndex - 1) * LUOYANG_PAGE_SIZE, pageIndex * LUOYANG_PAGE_SIZE).map((it) => fragmentRow(it.path, it.title, it.date));
        const pages = Math.max(1, Math.ceil(mine.length / LUOYANG_PAGE_SIZE));
        const fragment = [...rows, fragmentPageInfo(mine.length, pages)].join('\r\n');
        return { contentType: 'text/html;charset=GBK', body: encodePage(fragment, 'gbk'), headers: { 'Cache-Control': 'no-cache' } };
      }),
  });
}
