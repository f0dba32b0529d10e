/**
 * 濮阳市人民政府 (410900): a script-built report column with nothing in it. The shell loads eleven
 * scripts; /js/content-list.js GETs /api/content/list?catId=88&page=1, which answers
 * {"total":0,"list":[]}, and writes 暂无信息. No report and no decoy, with or without a browser.
 */
import type { BuiltPortal } from './common.js';
import { PUYANG_API, PUYANG_CAT_ID, PUYANG_COLUMN, PUYANG_LAYOUT, PUYANG_LIST_BLOCK } from './puyang-pages.js';
import { buildScriptedPortal, jsonAnswer } from './scripted.js';

export function buildPuyang(): BuiltPortal {
  return buildScriptedPortal({
    id: 'puyang',
    region: { code: '410900', name: '濮阳市' },
    phone: '0393-8999116',
    reports: [],
    decoys: [],
    publishIssuers: [],
    layout: PUYANG_LAYOUT,
    listBlock: PUYANG_LIST_BLOCK,
    articlePath: (date, id) => `${PUYANG_COLUMN}${date.slice(0, 4)}/${id}.html`,
    firstId: 9100,
    traits: [
      `column page is a shell (empty #infoList data-cat="${PUYANG_CAT_ID}", empty #pageBar) with eleven <script src>, two inside an IE conditional comment, two loaded ones 404 (/js/fontsize.js, /wza/aria.js)`,
      `/js/content-list.js GETs ${PUYANG_API}?catId=${PUYANG_CAT_ID}&page=1 → {"total":0,"list":[]} and writes <li class="no-data">暂无信息</li>: nothing to find, with or without a browser`,
      'the shell never changes (ETag/Last-Modified stable); no robots.txt (404); publish/revise unsupported',
    ],
    // Every category and page alike: the column has never had an item.
    api: ({ site }) => site.handle(PUYANG_API, () => jsonAnswer({ total: 0, list: [] })),
  });
}
