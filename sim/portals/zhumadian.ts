/**
 * 驻马店市人民政府 (411700): the column page is a shell filled by JSONP:
 * /interface/getList.jsp?callback=jsonp_<random>&columnId=376&start=<offset>&limit=10&_=<ms> →
 * jsonp_…({"totalCount":…,"rows":[{"TITLE","LINK","PUBDATE"}]}). The callback name and `_` change
 * on every call; the page number goes in as a record offset. The static HTML names no report.
 */
import { type BuiltPortal, type DecoySpec } from './common.js';
import { buildScriptedPortal, intParam, jsonAnswer, type ReportRow } from './scripted.js';
import { ZHUMADIAN_API, ZHUMADIAN_COLUMN, ZHUMADIAN_COLUMN_ID, ZHUMADIAN_LAYOUT, ZHUMADIAN_LIST_BLOCK, ZHUMADIAN_PAGE_SIZE } from './zhumadian-pages.js';

const REGION = { code: '411700', name: '驻马店市' };
const CITY = '驻马店市人民政府';

const REPORTS: ReportRow[] = [
  [CITY, 2024, '2025-01-22', '16:40:00'],
  [CITY, 2023, '2024-01-25', '09:12:33'],
  [CITY, 2022, '2023-01-19', '17:05:48', '驻马店市2022年政府信息公开工作年度报告'],
  [CITY, 2021, '2022-01-21', '10:44:02'],
  [CITY, 2020, '2021-01-27', '15:30:19'],
  [CITY, 2019, '2020-01-17', '11:22:05'],
  [CITY, 2018, '2019-03-26', '08:50:40', '2018年驻马店市政府信息公开工作年度报告'],
  ['驻马店市发展和改革委员会', 2024, '2025-01-15', '14:02:11'],
  ['驻马店市发展和改革委员会', 2023, '2024-01-16', '10:20:00'],
  ['驻马店市生态环境局', 2024, '2025-01-20', '09:45:16'],
  ['驻马店市市场监督管理局', 2024, '2025-01-14', '16:18:09'],
  ['驻马店市市场监督管理局', 2023, '2024-01-12', '11:05:27'],
  ['驻马店市市场监督管理局', 2022, '2023-01-11', '15:37:50'],
];

const DECOYS: DecoySpec[] = [
  { title: '2025年驻马店市人民政府工作报告', kind: 'work-report', date: '2025-02-18', year: 2025 },
  { title: '驻马店市人民政府办公室关于做好2024年政府信息公开工作年度报告编制发布工作的通知', kind: 'notice', date: '2024-12-19', year: 2024 },
  { title: '驻马店市2024年政务公开工作要点', kind: 'key-points', date: '2024-04-26', year: 2024 },
  { title: '驻马店市2023年国民经济和社会发展统计公报', kind: 'statistics', date: '2024-03-22', year: 2023 },
  { title: '驻马店市市场监督管理局关于开展2023年度企业年报公示工作的通告', kind: 'enterprise-annual', date: '2024-01-03', year: 2023 },
  { title: '驻马店市人民政府政府信息公开指南', kind: 'guide', date: '2023-07-05', year: 2023 },
  { title: '驻马店市人民政府政府信息公开目录', kind: 'catalog', date: '2023-07-05', year: 2023 },
  { title: '关于驻马店市2022年预算执行情况和2023年预算草案的报告', kind: 'budget', date: '2023-02-22', year: 2023 },
  { title: '驻马店市人民政府办公室2022年度部门决算', kind: 'final-accounts', date: '2023-08-29', year: 2022 },
  { title: '驻马店市人民政府办公室关于做好2022年政府信息公开工作年度报告编制发布工作的通知', kind: 'notice', date: '2022-12-21', year: 2022 },
  { title: '驻马店市2021年政务公开工作要点', kind: 'key-points', date: '2021-05-11', year: 2021 },
  { title: '2020年驻马店市人民政府工作报告', kind: 'work-report', date: '2020-02-11', year: 2020 },
  { title: '关于开展2019年度企业年度报告公示工作的提醒', kind: 'enterprise-annual', date: '2020-01-06', year: 2019 },
];

export function buildZhumadian(): BuiltPortal {
  return buildScriptedPortal({
    id: 'zhumadian',
    region: REGION,
    phone: '0396-2696102',
    reports: REPORTS,
    decoys: DECOYS,
    publishIssuers: ['驻马店市财政局', '驻马店市教育局', '驻马店市农业农村局', '驻马店市住房和城乡建设局', '驻马店市人力资源和社会保障局'],
    layout: ZHUMADIAN_LAYOUT,
    listBlock: ZHUMADIAN_LIST_BLOCK,
    articlePath: (date, id) => `${ZHUMADIAN_COLUMN}${date.slice(0, 4)}${date.slice(5, 7)}/${id}.html`,
    firstId: 40310,
    traits: [
      `column page is a shell (empty #newsList with data-column="${ZHUMADIAN_COLUMN_ID}" data-limit="${ZHUMADIAN_PAGE_SIZE}", empty #pageBar); /js/list/jsonpList.js loads pages by JSONP`,
      `${ZHUMADIAN_API}?callback=jsonp_<random>&columnId=${ZHUMADIAN_COLUMN_ID}&start=<(page-1)*10>&limit=10&_=<Date.now()> → jsonp_…({totalCount, rows:[{ID, TITLE, LINK, PUBDATE}]}); callback and _ differ on every call`,
      'laypage pager: 上一页, numbered pages, 下一页 as javascript:; links with data-page; 下一页 becomes a span on the last page',
      'ten <script src> on the column page: two inside an IE conditional comment, two loaded ones 404 (/js/share/share.js, /tongji/ta.js)',
    ],
    api: ({ site, items, idOf }) =>
      site.handle(ZHUMADIAN_API, (req) => {
        const start = intParam(req.params, 'start', 0, 0);
        const limit = intParam(req.params, 'limit', ZHUMADIAN_PAGE_SIZE, 1, 50);
        const mine = req.params.get('columnId') === String(ZHUMADIAN_COLUMN_ID) ? items : [];
        const rows = mine.slice(start, start + limit).map((it) => ({ ID: idOf(it), TITLE: it.title, LINK: it.path, PUBDATE: it.date }));
        const data = { totalCount: mine.length, rows };
        const callback = req.params.get('callback');
        // The JSP wraps only a callback that is a plain identifier; without one it answers bare JSON.
        if (callback === null || callback === '') return jsonAnswer(data);
        if (!/^[A-Za-z_$][\w$]*$/.test(callback)) return { status: 400, contentType: 'text/plain;charset=UTF-8', body: 'invalid callback' };
        return { contentType: 'application/javascript;charset=UTF-8', body: `${callback}(${JSON.stringify(data)})`, headers: { 'Cache-Control': 'no-cache' } };
      }),
  });
}
