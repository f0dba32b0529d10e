/**
 * 太康县人民政府 (411627), the script-fault portal (`faults: true`, id `faults-script`): three
 * script-built columns (empty shells, the list fetched by /js/xxgk/list.js from a JSON API, as on
 * shangqiu) whose pages also run a script that misbehaves once the list is drawn:
 * - 政府信息公开年报: never settles (a clock and a news ticker rewrite the DOM every 100 ms, an
 *   online-count poll every 400 ms keeps the network busy);
 * - 部门信息公开年报: pop-ups (two window.open at load, an alert, one more window every 2 s);
 * - 乡镇信息公开年报: navigates away 800 ms after drawing, to a page that navigates again every
 *   500 ms (?n=N+1, forever).
 * Kept apart from the static fault portal so that one stays cheap: only this one needs a browser.
 * Every URL a browser requests stays on this host.
 */
import { breadcrumb, footer, head, navMenu, page, type Link, type SiteInfo } from '../html/chrome.js';
import { escapeHtml, paragraphs } from '../html/text.js';
import { trsArticlePath } from '../html/trs.js';
import { Site, type SimResponse } from '../server.js';
import { addChromeAssets, byDateDesc, decoyItems, publishedAt, syntheticReport, type BuiltPortal, type Item, type PortalFaultLabel } from './common.js';

const REGION = { code: '411627', name: '太康县' };
const GOV = '太康县人民政府';
const OFFICE = '太康县人民政府办公室';
const PHONE = '0394-6822301';

const SITE: SiteInfo = {
  siteName: '太康县人民政府',
  domain: 'www.taikang.gov.cn',
  siteCode: '4116270001',
  sponsor: OFFICE,
  undertaker: '太康县大数据中心',
  icp: '豫ICP备11021563号',
  police: '豫公网安备 41162702000088号',
  metaCharset: { style: 'html5', label: 'utf-8' },
  css: ['/css/base.css', '/css/xxgk.css'],
  js: [],
};

/** The three columns: directory, name, the misbehaving script, the fault, what the crawl must end with. */
interface ScriptColumn {
  dir: string;
  name: string;
  script: string;
  fault: string;
  alternatives: ('timeout' | 'trap')[];
  note: string;
}

const COLUMNS: ScriptColumn[] = [
  {
    dir: '/xxgk/ndbg/',
    name: '政府信息公开年报',
    script: '/js/xxgk/ticker.js',
    fault: 'script-never-settles',
    alternatives: ['timeout'],
    note: 'the list is drawn from /api/xxgk/list at once; then a clock and a ticker rewrite the DOM every 100 ms and /api/online is polled every 400 ms, forever (no DOM or network quiet ever comes)',
  },
  {
    dir: '/xxgk/bmnb/',
    name: '部门信息公开年报',
    script: '/js/xxgk/piaochuang.js',
    fault: 'script-popups',
    alternatives: ['timeout'],
    note: 'two window.open (/zt/piaochuang/index.html) and an alert() at load, then one more window every 2 s; the list is drawn before the alert',
  },
  {
    dir: '/xxgk/xznb/',
    name: '乡镇信息公开年报',
    script: '/js/xxgk/tiaozhuan.js',
    fault: 'script-navigates-away',
    alternatives: ['trap', 'timeout'],
    note: '800 ms after drawing the list, location.href = /zwgk/tiaozhuan.html?n=1, which replaces itself with ?n=N+1 every 500 ms, forever (same host)',
  },
];

const NAV: Link[] = [
  ['首页', '/'],
  ['走进太康', '/zjtk/'],
  ['政务公开', '/zwgk/'],
  ['政务服务', '/zwfw/'],
  ['互动交流', '/hdjl/'],
];

const TREE: Link[] = COLUMNS.map((c) => [c.name, `${c.dir}index.html`]);

const LIST_JS = `/* 信息公开栏目列表 */
(function () {
  var list = document.getElementById('list');
  if (!list) return;
  var col = list.getAttribute('data-col');
  function esc(s) { return String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;'); }
  var xhr = new XMLHttpRequest();
  xhr.open('GET', '/api/xxgk/list?col=' + encodeURIComponent(col), true);
  xhr.onreadystatechange = function () {
    if (xhr.readyState !== 4) return;
    if (xhr.status !== 200) { list.innerHTML = '<li class="empty">数据加载失败</li>'; return; }
    var data = JSON.parse(xhr.responseText);
    var html = '';
    for (var i = 0; i < data.list.length; i++) {
      var it = data.list[i];
      html += '<li><a href="' + esc(it.url) + '" title="' + esc(it.title) + '" target="_blank">' + esc(it.title) + '</a><span>' + esc(it.date) + '</span></li>';
    }
    list.innerHTML = html || '<li class="empty">暂无信息</li>';
    document.getElementById('total').innerHTML = '共' + data.total + '条';
    list.setAttribute('data-ready', '1');
  };
  xhr.send(null);
})();
`;

/** Never settles: a clock, a rotating ticker and an online-count poll, all on intervals that never stop. */
const TICKER_JS = `/* 时钟、滚动公告、在线人数 */
(function () {
  var clock = document.getElementById('clock');
  var ticker = document.getElementById('ticker');
  var online = document.getElementById('online');
  setInterval(function () {
    var d = new Date();
    clock.innerHTML = d.getFullYear() + '年' + (d.getMonth() + 1) + '月' + d.getDate() + '日 ' + d.toTimeString().slice(0, 8) + '.' + d.getMilliseconds();
    var first = ticker.firstElementChild;
    if (first) { ticker.removeChild(first); ticker.appendChild(first); }
  }, 100);
  setInterval(function () {
    var xhr = new XMLHttpRequest();
    xhr.open('GET', '/api/online?_=' + Date.now(), true);
    xhr.onreadystatechange = function () { if (xhr.readyState === 4 && xhr.status === 200) online.innerHTML = JSON.parse(xhr.responseText).online; };
    xhr.send(null);
  }, 400);
})();
`;

/** Pop-ups (飘窗 and a welcome box), as old county sites open them. */
const POPUP_JS = `/* 飘窗 */
(function () {
  function pop(q) { try { window.open('/zt/piaochuang/index.html' + (q || ''), '_blank', 'width=420,height=300,left=200,top=120'); } catch (e) {} }
  var list = document.getElementById('list');
  function start() {
    pop('');
    pop('?id=2');
    alert('欢迎访问太康县人民政府门户网站！');
    setInterval(function () { pop('?t=' + Date.now()); }, 2000);
  }
  var wait = setInterval(function () {
    if (list.getAttribute('data-ready')) { clearInterval(wait); start(); }
  }, 50);
})();
`;

/** Navigates away once the list is drawn (a 网站迁移 jump some counties put on old columns). */
const JUMP_JS = `/* 栏目迁移跳转 */
(function () {
  var list = document.getElementById('list');
  var wait = setInterval(function () {
    if (!list.getAttribute('data-ready')) return;
    clearInterval(wait);
    setTimeout(function () { location.href = '/zwgk/tiaozhuan.html?n=1'; }, 800);
  }, 50);
})();
`;

const JUMP_PAGE = `<!DOCTYPE html>
<html lang="zh-CN">
<head><meta charset="utf-8"><title>页面跳转中_太康县人民政府</title></head>
<body>
<div class="jump"><p>栏目已迁移，页面跳转中……</p><p>如果浏览器没有自动跳转，请<a href="/">点击这里</a>。</p></div>
<script type="text/javascript">
var n = parseInt((location.search.match(/n=(\\d+)/) || [0, '0'])[1], 10);
setTimeout(function () { location.replace('/zwgk/tiaozhuan.html?n=' + (n + 1)); }, 500);
</script>
</body>
</html>
`;

function shell(title: string, crumbs: Link[], main: string, tail = ''): string {
  const h = head(SITE, { title, keywords: '太康,太康县人民政府,政府信息公开', description: '太康县人民政府门户网站' });
  return page(h, [
    `<div class="header"><div class="w1200"><img src="/images/logo.png" alt="${SITE.siteName}"><span id="clock" class="clock"></span></div></div>`,
    navMenu(NAV),
    `<div class="w1200 main">${breadcrumb([['首页', '/'], ['政务公开', '/zwgk/'], ...crumbs])}\n${main}</div>`,
    footer(SITE),
    ...(tail ? [tail] : []),
  ]);
}

function columnShell(c: ScriptColumn): string {
  const tree = TREE.map(([t, h]) => `<li><a href="${h}">${escapeHtml(t)}</a></li>`).join('\n');
  const main = [
    `<div class="left"><h3>政府信息公开</h3><ul class="xxgk-tree">\n${tree}\n</ul></div>`,
    '<div class="right">',
    '<div class="notice"><b>公告：</b><ul id="ticker"><li>关于开展2023年度政府信息公开工作年度报告编制工作的说明</li><li>政务服务“一网通办”上线运行</li><li>太康县政府网站新版上线试运行</li></ul><span>在线人数：<em id="online">--</em></span></div>',
    `<div class="col-title"><h2>${escapeHtml(c.name)}</h2></div>`,
    `<ul id="list" class="list" data-col="${c.dir.split('/')[2]}"></ul>`,
    '<div class="pager"><span id="total"></span></div>',
    '</div>',
  ].join('\n');
  const scripts = ['/js/xxgk/list.js', c.script].map((s) => `<script type="text/javascript" src="${s}"></script>`).join('\n');
  return shell(`${c.name}_${SITE.siteName}`, [[c.name, `${c.dir}index.html`]], main, scripts);
}

const html = (body: string): SimResponse => ({ contentType: 'text/html; charset=utf-8', body });

export function buildFaultsScript(): BuiltPortal {
  const site = new Site({ validators: true });
  let nextId = 881_200;
  const column = new Map<string, ScriptColumn>();
  const make = (c: ScriptColumn, issuer: string, year: number, date: string, time: string, k: number): Item => {
    const it = syntheticReport({ issuer, year, region: REGION, scale: issuer === GOV ? 0.8 : 0.3, phone: PHONE, seed: 411627 + year * 5 + k }, trsArticlePath(c.dir, date, (nextId += 29)), date, time, issuer === GOV ? OFFICE : issuer);
    column.set(it.path, c);
    return it;
  };
  const [ndbg, bmnb, xznb] = COLUMNS as [ScriptColumn, ScriptColumn, ScriptColumn];
  const reports = [
    make(ndbg, GOV, 2023, '2024-01-22', '15:30:00', 0),
    make(ndbg, GOV, 2022, '2023-01-19', '10:12:45', 1),
    make(bmnb, '太康县财政局', 2023, '2024-01-17', '09:40:10', 2),
    make(bmnb, '太康县教育局', 2023, '2024-01-15', '16:08:33', 3),
    make(xznb, '太康县常营镇人民政府', 2023, '2024-01-12', '11:20:00', 4),
    make(xznb, '太康县马头镇人民政府', 2023, '2024-01-10', '14:55:21', 5),
  ];
  const decoys = decoyItems([{ title: '2024年太康县人民政府工作报告', kind: 'work-report', date: '2024-01-25', year: 2024 }], { place: REGION.name, gov: GOV, scope: '全县' }, OFFICE, (d) => {
    const path = trsArticlePath(ndbg.dir, d.date, (nextId += 29));
    column.set(path, ndbg);
    return path;
  });
  const items = [...reports, ...decoys].sort(byDateDesc);

  for (const it of items) {
    const c = column.get(it.path)!;
    const main = `<div class="article"><h1>${escapeHtml(it.title)}</h1><div class="info">发布时间：${it.date} ${it.time}　来源：${escapeHtml(it.source)}</div>\n<div id="zoom" class="TRS_Editor">\n${paragraphs(it.lines)}\n</div></div>`;
    site.add(it.path, { ...html(shell(`${it.title}_${SITE.siteName}`, [[c.name, `${c.dir}index.html`], ['正文', it.path]], main)), lastModified: publishedAt(it.date, it.time) });
  }
  for (const c of COLUMNS) site.add(`${c.dir}index.html`, { ...html(columnShell(c)), lastModified: publishedAt('2023-06-30', '18:00:00') });

  site.handle('/api/xxgk/list', (req) => {
    const c = COLUMNS.find((x) => x.dir.split('/')[2] === req.params.get('col'));
    const list = c ? items.filter((it) => column.get(it.path) === c).map((it) => ({ title: it.title, url: it.path, date: it.date })) : [];
    return { contentType: 'application/json;charset=UTF-8', body: JSON.stringify({ total: list.length, list }), headers: { 'Cache-Control': 'no-cache' } };
  });
  let online = 1830;
  site.handle('/api/online', () => ({ contentType: 'application/json;charset=UTF-8', body: JSON.stringify({ online: (online += 1) }), headers: { 'Cache-Control': 'no-cache' } }));
  site.add('/zwgk/tiaozhuan.html', html(JUMP_PAGE));
  site.add('/zt/piaochuang/index.html', html(page(head(SITE, { title: '通知公告', keywords: '太康', description: '飘窗' }), ['<div class="piaochuang"><img src="/images/logo.png" alt=""><p>太康县2024年政务公开工作要点已发布，欢迎查阅。</p><a href="javascript:window.close()">关闭</a></div>'])));
  const home = shell(SITE.siteName, [], `<div class="xxgk-links">${TREE.map(([t, h]) => `<a href="${h}">${escapeHtml(t)}</a>`).join(' ')}</div>`);
  site.add('/', html(home));
  site.add('/index.html', html(home));
  addChromeAssets(site, SITE.css, { '/js/xxgk/list.js': LIST_JS, [ndbg.script]: TICKER_JS, [bmnb.script]: POPUP_JS, [xznb.script]: JUMP_JS });

  const faultLabels: PortalFaultLabel[] = COLUMNS.map((c) => ({
    path: `${c.dir}index.html`,
    fault: c.fault,
    expect: 'archived',
    alternatives: c.alternatives,
    note: `${c.note}. 'archived': the listing was read and its reports (in expected) archived; otherwise the listing fails with ${c.alternatives.join(' or ')}, and in every case the crawl ends in bounded time`,
  }));

  return {
    id: 'faults-script',
    name: GOV,
    region: REGION.code,
    site,
    startPath: `${ndbg.dir}index.html`,
    extraStartPaths: [`${bmnb.dir}index.html`, `${xznb.dir}index.html`],
    maxListingPages: 5,
    traits: [
      'the script-fault portal: three script-built columns (JSON list API) that misbehave after drawing their list',
      'never settles (DOM rewritten every 100 ms, a poll every 400 ms); pop-ups and an alert; navigates away into an endless same-host jump chain',
    ],
    items,
    faultLabels,
  };
}
