/**
 * 兰考县人民政府 (410225, 开封市, 河南省), portal id `wenjian` (`files: true`): a TRS-like county
 * portal (UTF-8, nginx, static 首页/上一页/下一页/尾页 pager) whose annual reports mostly come as
 * office files (issue 10). The files are real ones, made by scripts/make-file-fixtures.ts with
 * LibreOffice, Chromium, poppler, img2pdf and an OFD writer, committed in sim/fixtures/files/ with
 * their manifest; this module only serves them.
 *
 * Column `/xxgk/ndbg/index.html`, `index_1.html` (8 + 6 items, newest first):
 * - 2023 city report: an article whose body is a pdf.js viewer in an <iframe>
 *   (`/pdfjs/web/viewer.html?file=%2Fxxgk%2Ffiles%2F…pdf`; Chromium print-to-PDF, Type 3 fonts);
 * - 自然资源局 2023: an article with one line and an `.ofd` attachment (application/octet-stream);
 * - 卫生健康委员会 2022: an article with no text and two attachments: the report as Word 97 `.doc`
 *   from `/attach/downfile.jsp?id=4512` (no extension, application/octet-stream, raw GBK
 *   `filename="…"`) and a policy notice PDF that is not the report;
 * - 2021 city report: text in HTML, its tables only in an attached `.xlsx` (sheets 表二/表三/表四,
 *   served as application/vnd.ms-excel with `filename` and `filename*=UTF-8''…`);
 * - 教育局 2021: a stub (…详见附件。) with a `.docx` attachment inside the editor, served with
 *   `Content-Disposition: attachment; filename*=UTF-8''<percent-encoded name>`;
 * - 兰考县政府信息公开申请表: a PDF linked straight from the listing, not a report;
 * - 2020 city report: an ordinary HTML report (2019 template, tab-separated table lines);
 * - 财政局 2020: a scanned PDF (page images only) linked straight from the listing, served as
 *   application/octet-stream;
 * - 2019 city report: a PDF with a text layer and ruled tables linked straight from the listing;
 * - 2018 city report: an ordinary HTML report (2008 template);
 * - HTML decoys: the notice on compiling annual reports, 政务公开工作要点, 政府信息公开指南, 政府工作报告.
 * Expected URLs: the PDF's own URL where the listing links a PDF, the article's URL otherwise.
 * `fileLabels` says, per file, how it is reached, what the server sends and what text it holds.
 */
import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { FILES_DIR, FILES_REGION, fileDocs, readFileManifest, xlsxPageLines, type FileManifestEntry } from '../fixtures/file-reports.js';
import { breadcrumb, closeBar, footer, head, navMenu, page, shareBar, type Link, type SiteInfo } from '../html/chrome.js';
import { escapeHtml, RAW_HTML } from '../html/text.js';
import { trsEditor, trsList, type ListItem } from '../html/trs.js';
import { Site, type SimResponse } from '../server.js';
import type { FileLabel, SimFileKind } from '../types.js';
import { addChromeAssets, byDateDesc, chunk, decoyItems, publishedAt, reportBody, ROBOTS_MANAGE, syntheticReport, type BuiltPortal, type DecoySpec, type Item, type PortalFileLabel } from './common.js';

const REGION = FILES_REGION;
const GOV = '兰考县人民政府';
const OFFICE = '兰考县人民政府办公室';
const COLUMN = '/xxgk/ndbg/';
const COLUMN_NAME = '政府信息公开年报';
const PER_PAGE = 8;
const pageName = (i: number): string => (i === 0 ? 'index.html' : `index_${i}.html`);

const SITE: SiteInfo = {
  siteName: '兰考县人民政府门户网站',
  domain: 'www.lankao.gov.cn',
  siteCode: '4102250001',
  sponsor: OFFICE,
  undertaker: '兰考县大数据管理中心',
  icp: '豫ICP备10023817号',
  police: '豫公网安备 41022502000118号',
  metaCharset: { style: 'html5', label: 'utf-8' },
  css: ['/css/lk_base.css', '/css/lk_xxgk.css'],
  js: ['/js/jquery-1.12.4.min.js', '/js/lk_common.js'],
};

const NAV: Link[] = [
  ['首页', '/'],
  ['走进兰考', '/zjlk/'],
  ['政务公开', '/xxgk/'],
  ['政务服务', '/zwfw/'],
  ['互动交流', '/hdjl/'],
  ['焦裕禄精神', '/jylj/'],
];

const TREE: Link[] = [
  ['政府信息公开指南', '/xxgk/xxgkzn/index.html'],
  ['政府信息公开制度', '/xxgk/xxgkzd/index.html'],
  ['法定主动公开内容', '/xxgk/fdzdgknr/index.html'],
  ['依申请公开', '/xxgk/ysqgk/index.html'],
  [COLUMN_NAME, `${COLUMN}index.html`],
];

const html = (body: string): SimResponse => ({ contentType: 'text/html; charset=utf-8', body });

function shell(title: string, main: string, meta: { column?: string; article?: { title: string; pubDate: string; source: string } } = {}): string {
  const h = head(SITE, { title, keywords: '兰考,兰考县人民政府,政务公开,政府信息公开年报', description: SITE.siteName, ...meta });
  const header = [
    '<div class="top"><div class="w1200"><span>您好，欢迎访问兰考县人民政府门户网站！</span>',
    '<span class="r"><a href="/wza/">无障碍</a> | <a href="/zzms/">长者模式</a> | <a href="/wap/">手机版</a></span></div></div>',
    `<div class="head w1200"><a href="/" class="logo"><img src="/images/logo.png" alt="${SITE.siteName}"></a>`,
    '<form class="search" action="/search/" method="get" target="_blank"><input type="text" name="searchword" placeholder="请输入关键字"><input type="submit" value="搜索"></form></div>',
    navMenu(NAV),
  ].join('\n');
  return page(h, [header, main, footer(SITE, ['<p>地址：兰考县裕禄大道中段　邮编：475300　电话：0371-26991234</p>'])]);
}

const crumbs = (): Link[] => [['首页', '/'], ['政务公开', '/xxgk/'], [COLUMN_NAME, `${COLUMN}index.html`]];

function tree(): string {
  const li = TREE.map(([t, h]) => `<li${t === COLUMN_NAME ? ' class="on"' : ''}><a href="${h}">${escapeHtml(t)}</a></li>`);
  return `<div class="xxgk-nav"><h3>政府信息公开</h3><ul>\n${li.join('\n')}\n</ul></div>`;
}

function pager(total: number, count: number, current: number): string {
  const link = (i: number, text: string, on: boolean) => (on ? `<a href="${pageName(i)}">${text}</a>` : `<span class="disabled">${text}</span>`);
  return (
    `<div class="page">共${total}条 第${current + 1}/${count}页 ` +
    `${link(0, '首页', current > 0)} ${link(current - 1, '上一页', current > 0)} ${link(current + 1, '下一页', current < count - 1)} ${link(count - 1, '尾页', current < count - 1)}</div>`
  );
}

function listing(items: ListItem[], total: number, count: number, current: number): string {
  const main = [
    '<div class="main w1200">',
    breadcrumb(crumbs(), '&gt;', '当前位置：'),
    tree(),
    `<div class="xxgk-list"><div class="lm-title"><h2>${COLUMN_NAME}</h2></div>`,
    trsList(items),
    pager(total, count, current),
    '</div>',
    '</div>',
  ].join('\n');
  return shell(`${COLUMN_NAME}_${SITE.siteName}`, main, { column: COLUMN_NAME });
}

/** An attachment as the page links it. */
interface Attachment {
  href: string;
  text: string;
}

function article(it: Item, m: { id: number; hits: number; editor: string; attachments?: Attachment[] }): string {
  const index = `11410225MB1234567K/${it.date.slice(0, 4)}-${String(m.id % 100000).padStart(5, '0')}`;
  const files = m.attachments?.length
    ? `<div class="fujian"><p>附件：</p><ul>\n${m.attachments.map((a) => `<li><a href="${a.href}" target="_blank">${escapeHtml(a.text)}</a></li>`).join('\n')}\n</ul></div>`
    : '';
  const main = [
    '<div class="main w1200">',
    breadcrumb(crumbs(), '&gt;', '当前位置：'),
    '<table class="xxgk-meta" cellspacing="0" cellpadding="0">',
    `<tr><th>索引号：</th><td>${index}</td><th>发布机构：</th><td>${escapeHtml(it.source)}</td></tr>`,
    `<tr><th>生成日期：</th><td>${it.date}</td><th>主题分类：</th><td>政务公开</td></tr>`,
    `<tr><th>名　　称：</th><td colspan="3">${escapeHtml(it.title)}</td></tr>`,
    '</table>',
    '<div class="article">',
    `<h1>${escapeHtml(it.title)}</h1>`,
    `<div class="info"><span>发布时间：${it.date} ${it.time.slice(0, 5)}</span>　<span>来源：${escapeHtml(it.source)}</span>　<span>浏览次数：${m.hits}</span></div>`,
    `<div id="zoom">\n${m.editor}\n${files}\n</div>`,
    shareBar(),
    closeBar(),
    '</div>',
    '</div>',
  ].join('\n');
  return shell(`${it.title}_${SITE.siteName}`, main, { column: COLUMN_NAME, article: { title: it.title, pubDate: `${it.date} ${it.time.slice(0, 5)}`, source: it.source } });
}

/** pdf.js's viewer page, reduced to what a portal ships: it shows whatever `file=` names. */
const VIEWER_HTML = [
  '<!DOCTYPE html>',
  '<html dir="ltr" mozdisallowselectionprint>',
  '<head><meta charset="utf-8"><meta name="google" content="notranslate">',
  '<title>PDF.js viewer</title>',
  '<link rel="stylesheet" href="viewer.css">',
  '<script src="../build/pdf.js"></script>',
  '<script src="viewer.js"></script>',
  '</head>',
  '<body tabindex="1">',
  '<div id="outerContainer"><div id="mainContainer"><div class="toolbar"><div id="toolbarContainer"><div id="toolbarViewer">',
  '<button id="print" class="toolbarButton" title="打印">打印</button><button id="download" class="toolbarButton" title="下载">下载</button>',
  '</div></div></div>',
  '<div id="viewerContainer" tabindex="0"><div id="viewer" class="pdfViewer"></div></div>',
  '</div></div>',
  '</body>',
  '</html>',
  '',
].join('\n');

const MIME = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  octet: 'application/octet-stream',
  xls: 'application/vnd.ms-excel',
} as const;

const pct = (s: string): string => encodeURIComponent(s).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
/** A raw GBK file name as old JSP download servlets send it: the bytes, read as latin1 by HTTP. */
const gbkHeader = (s: string): string => iconv.encode(s, 'gbk').toString('latin1');

const DECOYS: DecoySpec[] = [
  { title: '兰考县人民政府办公室关于做好2022年政府信息公开工作年度报告编制发布工作的通知', kind: 'notice', date: '2022-12-20', year: 2022 },
  { title: '兰考县2021年政务公开工作要点', kind: 'key-points', date: '2021-04-20', year: 2021 },
  { title: '兰考县人民政府政府信息公开指南', kind: 'guide', date: '2020-06-10', year: 2020 },
  { title: '2019年兰考县政府工作报告', kind: 'work-report', date: '2019-02-15', year: 2019 },
];

/** How each file is served and reached. */
interface FilePlan {
  kind: SimFileKind;
  /** Where the file is served. */
  path: string;
  via: FileLabel['via'];
  format: FileLabel['format'];
  contentType: string;
  contentDisposition?: string;
  /** The name Content-Disposition (or the URL) gives. */
  filename: string;
  /** The attachment link's text on the page. */
  linkText?: string;
  date: string;
  time: string;
  /** Dynamic endpoint (no validators), answered for this `id`. */
  endpointId?: string;
}

export function buildWenjian(): BuiltPortal {
  const manifest = readFileManifest();
  const entry = (kind: SimFileKind): FileManifestEntry => {
    const e = manifest.files.find((f) => f.kind === kind);
    if (!e) throw new Error(`wenjian: no ${kind} file in sim/fixtures/files/manifest.json (run scripts/make-file-fixtures.ts)`);
    return e;
  };
  const bytesOf = (e: FileManifestEntry): Buffer => readFileSync(`${FILES_DIR}${e.file}`);
  const site = new Site({ validators: true, robots: ROBOTS_MANAGE });

  // TRS article ids grow with time: a day's number plus a per-day counter.
  const ids = new Map<string, number>();
  const perDay = new Map<string, number>();
  const articlePath = (date: string): string => {
    const n = (perDay.get(date) ?? 0) + 1;
    perDay.set(date, n);
    const id = 1040000 + Math.round((Date.parse(date) - Date.parse('2019-01-01')) / 86400000) * 9 + n;
    const [y, m, d] = date.split('-');
    const path = `${COLUMN}${y}${m}/t${y}${m}${d}_${id}.html`;
    ids.set(path, id);
    return path;
  };
  const trsFile = (date: string, digits: string, ext: string, dir = COLUMN): string => {
    const [y, m, d] = date.split('-');
    return `${dir}${y}${m}/P0${y}${m}${d}${digits}.${ext}`;
  };

  const E = {
    pdfText: entry('pdf-text'),
    scan: entry('pdf-scan'),
    docx: entry('docx'),
    doc: entry('doc'),
    ofd: entry('ofd'),
    viewer: entry('pdf-viewer'),
    xlsx: entry('xlsx-tables'),
    policy: entry('decoy-policy'),
    form: entry('decoy-listing'),
  };
  const docxName = `${E.docx.title}.docx`;
  const docName = `${E.doc.title}.doc`;
  const xlsxName = `${E.xlsx.title}统计表.xlsx`;
  const policyName = `${E.policy.title}.pdf`;

  const plans: Record<keyof typeof E, FilePlan> = {
    pdfText: { kind: 'pdf-text', path: trsFile('2020-03-30', '385612347890', 'pdf'), via: 'listing', format: 'pdf', contentType: MIME.pdf, filename: '', date: '2020-03-30', time: '16:42:10' },
    scan: { kind: 'pdf-scan', path: trsFile('2021-01-28', '401236578123', 'pdf'), via: 'listing', format: 'pdf', contentType: MIME.octet, filename: '', date: '2021-01-28', time: '10:08:37' },
    docx: {
      kind: 'docx',
      path: trsFile('2022-01-21', '563201984512', 'docx'),
      via: 'attachment',
      format: 'docx',
      contentType: MIME.docx,
      contentDisposition: `attachment; filename*=UTF-8''${pct(docxName)}`,
      filename: docxName,
      linkText: docxName,
      date: '2022-01-21',
      time: '15:40:22',
    },
    doc: {
      kind: 'doc',
      path: '/attach/downfile.jsp?id=4512',
      via: 'attachment',
      format: 'doc',
      contentType: MIME.octet,
      contentDisposition: `attachment; filename="${gbkHeader(docName)}"`,
      filename: docName,
      linkText: docName,
      date: '2023-01-30',
      time: '16:20:05',
      endpointId: '4512',
    },
    ofd: {
      kind: 'ofd',
      path: trsFile('2024-01-26', '471203659847', 'ofd'),
      via: 'attachment',
      format: 'ofd',
      contentType: MIME.octet,
      contentDisposition: 'attachment; filename="P020240126471203659847.ofd"',
      filename: 'P020240126471203659847.ofd',
      linkText: `${E.ofd.title}.ofd`,
      date: '2024-01-26',
      time: '09:30:48',
    },
    viewer: { kind: 'pdf-viewer', path: trsFile('2024-03-28', '530164728915', 'pdf', '/xxgk/files/'), via: 'viewer', format: 'pdf', contentType: MIME.pdf, filename: '', date: '2024-03-28', time: '10:15:31' },
    xlsx: {
      kind: 'xlsx-tables',
      path: trsFile('2022-03-25', '318206475931', 'xlsx'),
      via: 'attachment',
      format: 'xlsx',
      contentType: MIME.xls,
      contentDisposition: `attachment; filename="P020220325318206475931.xlsx"; filename*=UTF-8''${pct(xlsxName)}`,
      filename: xlsxName,
      linkText: xlsxName,
      date: '2022-03-25',
      time: '11:05:17',
    },
    policy: {
      kind: 'decoy-policy',
      path: trsFile('2023-01-30', '612045873210', 'pdf'),
      via: 'attachment',
      format: 'pdf',
      contentType: MIME.pdf,
      contentDisposition: 'inline; filename="P020230130612045873210.pdf"',
      filename: 'P020230130612045873210.pdf',
      linkText: policyName,
      date: '2023-01-30',
      time: '16:20:05',
    },
    form: { kind: 'decoy-listing', path: trsFile('2021-06-15', '204517836920', 'pdf'), via: 'listing', format: 'pdf', contentType: MIME.pdf, filename: '', date: '2021-06-15', time: '08:50:12' },
  };
  for (const p of Object.values(plans)) if (!p.filename) p.filename = p.path.slice(p.path.lastIndexOf('/') + 1);

  // Serve the files.
  for (const [key, p] of Object.entries(plans) as [keyof typeof E, FilePlan][]) {
    const res: SimResponse = {
      contentType: p.contentType,
      body: bytesOf(E[key]),
      lastModified: publishedAt(p.date, p.time),
      ...(p.contentDisposition ? { headers: { 'Content-Disposition': p.contentDisposition } } : {}),
    };
    if (p.endpointId) {
      // A JSP download servlet: dynamic (no validators), by id; anything else is its error page.
      const [path] = p.path.split('?');
      site.handle(path!, (req) => (req.params.get('id') === p.endpointId ? { contentType: res.contentType, body: res.body, ...(res.headers ? { headers: res.headers } : {}) } : { status: 404, contentType: 'text/html;charset=UTF-8', body: '<html><body><h3>文件不存在或已被删除！</h3></body></html>' }));
    } else site.add(p.path, res);
  }

  /** A link as TRS writes it: relative to the listing (column) or to the article's own folder, else absolute. */
  const relative = (path: string, from = COLUMN): string => {
    const dir = from.slice(0, from.lastIndexOf('/') + 1);
    return path.startsWith(dir) && !path.includes('?') ? `./${path.slice(dir.length)}` : path;
  };
  const fileBody = (e: FileManifestEntry): string => reportBody(e.text);
  const fileReport = (e: FileManifestEntry) => ({ title: e.title, year: e.year, region: REGION, issuer: e.issuer, images: [] as string[], body: fileBody(e), ...(e.figures ? { figures: e.figures } : {}) });

  const items: Item[] = [];
  const pages = new Map<string, { editor: string; attachments?: Attachment[] }>();
  const labels: PortalFileLabel[] = [];
  const label = (key: keyof typeof E, role: FileLabel['role'], pagePath?: string, reportPath?: string): void => {
    const e = E[key];
    const p = plans[key];
    labels.push({
      path: p.path,
      via: p.via,
      ...(pagePath ? { pagePath } : {}),
      file: e.file,
      kind: e.kind,
      format: p.format,
      isReport: e.isReport,
      ...(reportPath ? { reportPath } : {}),
      role,
      contentType: p.contentType,
      ...(p.contentDisposition ? { contentDisposition: p.contentDisposition } : {}),
      filename: p.filename,
      ...(p.linkText ? { linkText: p.linkText } : {}),
      title: e.title,
      textLayer: e.textLayer,
      ...(e.pages ? { pages: e.pages } : {}),
      text: e.text,
      tables: e.tables.map((t) => ({ name: t.name, caption: t.caption, grid: t.grid })),
      ...(e.furniture ? { furniture: e.furniture } : {}),
      bytes: e.bytes,
      sha256: e.sha256,
    });
  };

  // Files the listing links directly: the expected URL is the file's.
  for (const key of ['pdfText', 'scan'] as const) {
    const e = E[key];
    const p = plans[key];
    items.push({ path: p.path, title: e.title, date: p.date, time: p.time, source: e.issuer, lines: e.text, report: fileReport(e) });
    label(key, 'body', undefined, p.path);
  }
  items.push({ path: plans.form.path, title: E.form.title, date: plans.form.date, time: plans.form.time, source: OFFICE, lines: E.form.text });
  label('form', 'decoy');

  // 教育局 2021: a stub whose editor says 详见附件 and links the DOCX.
  {
    const e = E.docx;
    const p = plans.docx;
    const path = articlePath(p.date);
    const lines = [`${e.title}详见附件。`, `${RAW_HTML}<p>附件：<a href="${relative(p.path, path)}" target="_blank">${escapeHtml(p.linkText!)}</a></p>`];
    items.push({ path, title: e.title, date: p.date, time: p.time, source: e.issuer, lines, report: fileReport(e) });
    pages.set(path, { editor: trsEditor(lines) });
    label('docx', 'body', path, path);
  }
  // 卫生健康委员会 2022: no text, two attachments: the report (.doc, extension-less endpoint) and a policy notice.
  {
    const e = E.doc;
    const p = plans.doc;
    const path = articlePath(p.date);
    items.push({ path, title: e.title, date: p.date, time: p.time, source: e.issuer, lines: [], report: fileReport(e) });
    pages.set(path, {
      editor: trsEditor([]),
      attachments: [
        { href: p.path, text: `1.${p.linkText!}` },
        { href: relative(plans.policy.path, path), text: `2.${plans.policy.linkText!}` },
      ],
    });
    label('doc', 'body', path, path);
    label('policy', 'decoy', path);
  }
  // 自然资源局 2023: one line, the OFD attached.
  {
    const e = E.ofd;
    const p = plans.ofd;
    const path = articlePath(p.date);
    const lines = [`为方便公众查阅，现将《${e.title}》以OFD版式文件发布，请下载附件查阅。`];
    items.push({ path, title: e.title, date: p.date, time: p.time, source: e.issuer, lines, report: fileReport(e) });
    pages.set(path, { editor: trsEditor(lines), attachments: [{ href: relative(p.path, path), text: p.linkText! }] });
    label('ofd', 'body', path, path);
  }
  // 2023 city report: the pdf.js viewer in an iframe, the file named by its file= parameter.
  {
    const e = E.viewer;
    const p = plans.viewer;
    const path = articlePath(p.date);
    const src = `/pdfjs/web/viewer.html?file=${encodeURIComponent(p.path)}`;
    const lines = [`${RAW_HTML}<div class="pdf-view"><iframe src="${escapeHtml(src)}" width="100%" height="1100" frameborder="0" scrolling="no"></iframe></div>`];
    items.push({ path, title: e.title, date: p.date, time: p.time, source: OFFICE, lines, report: fileReport(e) });
    pages.set(path, { editor: trsEditor(lines) });
    label('viewer', 'body', path, path);
  }
  // 2021 city report: the text in HTML, the tables only in the attached workbook.
  {
    const e = E.xlsx;
    const p = plans.xlsx;
    const path = articlePath(p.date);
    const doc = fileDocs().find((d) => d.kind === 'xlsx-tables')!;
    const lines = xlsxPageLines(doc, xlsxName);
    items.push({ path, title: e.title, date: p.date, time: p.time, source: OFFICE, lines, report: { ...fileReport(e), body: reportBody(lines) } });
    pages.set(path, { editor: trsEditor(lines), attachments: [{ href: relative(p.path, path), text: p.linkText! }] });
    label('xlsx', 'tables', path, path);
  }

  // Ordinary HTML reports.
  const html2020 = syntheticReport(
    { issuer: GOV, year: 2020, region: REGION, scale: 1.3, phone: '0371-26991234', seed: 41022520 * 3, extra: ['（六）政策解读与回应关切。围绕疫情防控、复工复产等政策，通过图解、问答等形式开展解读，及时回应社会关切。'] },
    articlePath('2021-03-26'),
    '2021-03-26',
    '17:02:45',
    OFFICE,
  );
  const html2018 = syntheticReport({ issuer: GOV, year: 2018, region: REGION, scale: 1.1, phone: '0371-26991234', seed: 41022518 * 3 }, articlePath('2019-03-28'), '2019-03-28', '15:26:09', OFFICE);
  for (const it of [html2020, html2018]) {
    items.push(it);
    pages.set(it.path, { editor: trsEditor(it.lines) });
  }
  for (const d of decoyItems(DECOYS, { place: '兰考县', gov: GOV, scope: '全县' }, OFFICE, (spec) => articlePath(spec.date))) {
    items.push(d);
    pages.set(d.path, { editor: trsEditor(d.lines) });
  }

  items.sort(byDateDesc);
  items.forEach((it, k) => {
    const pg = pages.get(it.path);
    if (!pg) return; // a file, served above
    site.add(it.path, { ...html(article(it, { id: ids.get(it.path)!, hits: 150 + ((k * 277) % 1300), ...pg })), lastModified: publishedAt(it.date, it.time) });
  });

  const listed = chunk(items, PER_PAGE);
  listed.forEach((list, i) => {
    const li = list.map((it) => ({ href: relative(it.path), title: it.title, date: it.date }));
    site.add(`${COLUMN}${pageName(i)}`, { ...html(listing(li, items.length, listed.length, i)), lastModified: publishedAt(list[0]!.date, list[0]!.time) });
  });
  const home = [
    '<div class="main w1200">',
    `<div class="box"><div class="box-title"><h2><a href="/xxgk/">政府信息公开</a></h2></div>${navMenu(TREE, 'quick')}</div>`,
    '</div>',
  ].join('\n');
  site.add('/', html(shell(SITE.siteName, home)));
  site.add('/pdfjs/web/viewer.html', { contentType: 'text/html', body: VIEWER_HTML });
  site.add('/pdfjs/web/viewer.css', { contentType: 'text/css', body: '#viewerContainer{overflow:auto;position:absolute;inset:32px 0 0 0}\n' });
  site.add('/pdfjs/web/viewer.js', { contentType: 'application/javascript', body: '/* pdf.js viewer (stub): reads ?file= and renders it */\n' });
  site.add('/pdfjs/build/pdf.js', { contentType: 'application/javascript', body: '/* pdf.js (stub) */\n' });
  addChromeAssets(site, SITE.css, {
    '/js/jquery-1.12.4.min.js': '/* jQuery (stub) */\n',
    '/js/lk_common.js': 'function doZoom(size){var z=document.getElementById("zoom");if(z){z.style.fontSize=size+"px";}}\n',
  });

  return {
    id: 'wenjian',
    name: GOV,
    region: REGION.code,
    site,
    startPath: `${COLUMN}index.html`,
    maxListingPages: 5,
    traits: [
      'TRS-like county portal, UTF-8, static 首页/上一页/下一页/尾页 pager; reports mostly as office files made with real tools (sim/fixtures/files/)',
      'listing links a text PDF (LibreOffice) and a scanned PDF (page images only, served as application/octet-stream) directly, and a PDF that is no report (申请表)',
      'a 详见附件 stub with a DOCX (filename*=UTF-8\'\'…), a text-less page whose Word 97 DOC comes from /attach/downfile.jsp?id=4512 (no extension, raw GBK filename) beside a policy-notice PDF that is not the report',
      'an OFD attachment (application/octet-stream), a pdf.js viewer iframe (viewer.html?file=…, Chromium PDF with Type 3 fonts), HTML text whose tables are only in an XLSX (表二/表三/表四)',
    ],
    items,
    fileLabels: labels,
  };
}
