/**
 * 南阳市人民政府 (411300): the column page is a shell; /js/xxgk/docList.js POSTs
 * `channelId=5721&pageNo=N&pageSize=10` (application/x-www-form-urlencoded) to
 * /common/search/docList and draws the list from the JSON answer, items nested in data.records.
 * GET on the endpoint answers 405. The static HTML names no report.
 */
import { ROBOTS_ADMIN, type BuiltPortal, type DecoySpec } from './common.js';
import { NANYANG_API, NANYANG_CHANNEL_ID, NANYANG_COLUMN, NANYANG_LAYOUT, NANYANG_LIST_BLOCK, NANYANG_PAGE_SIZE } from './nanyang-pages.js';
import { buildScriptedPortal, intParam, jsonAnswer, type ReportRow } from './scripted.js';

const REGION = { code: '411300', name: '南阳市' };
const CITY = '南阳市人民政府';

const REPORTS: ReportRow[] = [
  [CITY, 2024, '2025-01-24', '17:20:05'],
  [CITY, 2023, '2024-01-29', '10:00:00'],
  [CITY, 2022, '2023-01-20', '16:12:44'],
  [CITY, 2021, '2022-01-26', '09:35:10', '2021年南阳市人民政府政府信息公开工作年度报告'],
  [CITY, 2020, '2021-01-28', '15:05:31'],
  [CITY, 2019, '2020-01-22', '11:48:00'],
  [CITY, 2018, '2019-03-29', '18:02:16', '南阳市人民政府2018年度政府信息公开工作年度报告'],
  ['南阳市财政局', 2024, '2025-01-21', '10:18:40'],
  ['南阳市财政局', 2023, '2024-01-18', '14:40:00'],
  ['南阳市教育局', 2024, '2025-01-16', '09:08:27'],
  ['南阳市教育局', 2023, '2024-01-23', '11:30:52'],
  ['南阳市教育局', 2022, '2023-01-13', '15:55:03'],
];

const DECOYS: DecoySpec[] = [
  { title: '2025年南阳市人民政府工作报告', kind: 'work-report', date: '2025-02-14', year: 2025 },
  { title: '南阳市人民政府办公室关于做好2024年政府信息公开工作年度报告编制发布工作的通知', kind: 'notice', date: '2024-12-24', year: 2024 },
  { title: '南阳市2024年政务公开工作要点', kind: 'key-points', date: '2024-05-08', year: 2024 },
  { title: '南阳市2023年国民经济和社会发展统计公报', kind: 'statistics', date: '2024-03-27', year: 2023 },
  { title: '关于2023年度企业年度报告公示的提醒', kind: 'enterprise-annual', date: '2024-01-05', year: 2023 },
  { title: '南阳市人民政府政府信息公开指南', kind: 'guide', date: '2023-06-28', year: 2023 },
  { title: '南阳市2023年市级预算草案的报告', kind: 'budget', date: '2023-02-20', year: 2023 },
  { title: '南阳市人民政府办公室2021年度部门决算', kind: 'final-accounts', date: '2022-08-30', year: 2021 },
  { title: '南阳市人民政府政府信息公开目录', kind: 'catalog', date: '2021-04-16', year: 2021 },
  { title: '南阳市人民政府办公室关于做好2019年政府信息公开工作年度报告编制发布工作的通知', kind: 'notice', date: '2019-12-26', year: 2019 },
  { title: '市政府召开政务公开工作推进会', kind: 'news', date: '2019-06-12', year: 2019, headline: '市政府召开政务公开工作推进会' },
];

export function buildNanyang(): BuiltPortal {
  return buildScriptedPortal({
    id: 'nanyang',
    region: REGION,
    phone: '0377-63135023',
    reports: REPORTS,
    decoys: DECOYS,
    publishIssuers: ['南阳市民政局', '南阳市自然资源和规划局', '南阳市卫生健康委员会', '南阳市交通运输局', '南阳市水利局'],
    layout: NANYANG_LAYOUT,
    listBlock: NANYANG_LIST_BLOCK,
    robots: ROBOTS_ADMIN,
    articlePath: (date, id) => `${NANYANG_COLUMN}content/${date.slice(0, 7)}/${date.slice(8)}/${id}.html`,
    firstId: 156200,
    traits: [
      `column page is a shell (empty #docList, #docPager); /js/xxgk/docList.js POSTs channelId=${NANYANG_CHANNEL_ID}&pageNo=N&pageSize=${NANYANG_PAGE_SIZE} (form-encoded) to ${NANYANG_API}; GET answers 405`,
      'JSON {code:200, msg, data:{total, pageNo, pageSize, totalPage, records:[{docId, docTitle, docPubUrl, docRelTime "YYYY-MM-DD HH:MM:SS", docSource}]}}; docPubUrl absolute-path',
      'pager: 上一页/下一页 javascript:; links; 下一页 stays a link on the last page (a click only toasts 已经是最后一页了)',
      'twelve <script src> on the column page: two inside an IE conditional comment, two loaded ones 404 (SuperSlide, /wza/aria.js)',
    ],
    api: ({ site, items, idOf }) =>
      site.handle(NANYANG_API, (req) => {
        if (req.method !== 'POST') return jsonAnswer({ code: 405, msg: `Request method '${req.method}' not supported`, data: null }, 405);
        const channelId = req.params.get('channelId');
        if (!channelId) return jsonAnswer({ code: 500, msg: '参数channelId不能为空', data: null });
        const pageNo = intParam(req.params, 'pageNo', 1, 1);
        const pageSize = intParam(req.params, 'pageSize', NANYANG_PAGE_SIZE, 1, 50);
        const mine = channelId === String(NANYANG_CHANNEL_ID) ? items : [];
        const records = mine.slice((pageNo - 1) * pageSize, pageNo * pageSize).map((it) => ({
          docId: idOf(it),
          docTitle: it.title,
          docPubUrl: it.path,
          docRelTime: `${it.date} ${it.time}`,
          docSource: it.source,
        }));
        return jsonAnswer({ code: 200, msg: 'success', data: { total: mine.length, pageNo, pageSize, totalPage: Math.ceil(mine.length / pageSize), records } });
      }),
  });
}
