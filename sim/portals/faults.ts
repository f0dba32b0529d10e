/**
 * 郸城县人民政府 (411625), the fault portal (`faults: true`): a Hanweb county site whose 政府信息公开年报
 * column links good reports beside reports that fail in every way a real portal, proxy or CMS
 * fails, each with ground truth in `faultLabels`. Transport faults are raw takeovers
 * (faults-routes.ts); the rest are ordinary responses. Routes are matched by the Site's
 * interceptor, which also serves the endless pager, the calendar, `;jsessionid=` paths and the
 * 10 MB robots.txt.
 */
import { randomBytes } from 'node:crypto';
import { crc32 as crc32Of } from 'node:zlib';
import { jpegBytes, pngBytes } from '../fixtures/binary.js';
import { encodePage, escapeHtml, inlineText, paragraphs } from '../html/text.js';
import { Site, type SimAnswer, type SimRequest, type SimResponse } from '../server.js';
import { addChromeAssets, byDateDesc, chunk, decoyItems, syntheticReport, type BuiltPortal, type DecoySpec, type Item, type PortalFaultLabel } from './common.js';
import { articleMain, calendarPage, column, COLUMN_ID, COLUMN_NAME, endlessPager, FAULTS_SITE, FAULTS_SITE_GBK, shell, softNotFound, type ListRow } from './faults-pages.js';
import { corruptGzip, drip, gzipBomb, gzipResponse, hugePage, hugeRobots, neverAnswer, nginxPage, resetMidBody, truncated } from './faults-routes.js';
import type { FaultExpectation } from '../types.js';

const REGION = { code: '411625', name: '郸城县' };
const GOV = '郸城县人民政府';
const OFFICE = '郸城县人民政府办公室';
const PHONE = '0394-3212345';
const SERVER = 'nginx';
const PER_PAGE = 15;
const LIST = `/col/col${COLUMN_ID}/index.html`;
const listHref = (n: number): string => (n <= 1 ? LIST : `${LIST}?uid=7412&pageNum=${n}`);
const DEPT_LIST = '/xxgk/bmnb/list.jsp';
const DEPT_PER_PAGE = 2;
const calHref = (y: number, m: number): string => `/calendar/${y}/${m}`;
export const FAULTS_OTHER_HOST = 'www.dancheng.invalid';
/** Sizes of the big answers (bytes). */
export const FAULT_SIZES = { hugePage: 50 * 1024 * 1024, robots: 10 * 1024 * 1024, truncatedDeclared: 60_000, retryFailures: 2 } as const;

const html = (body: string): SimResponse => ({ contentType: 'text/html; charset=utf-8', body });
const artPath = (date: string, id: number): string => {
  const [y, m, d] = date.split('-').map(Number);
  return `/art/${y}/${m}/${d}/art_${COLUMN_ID}_${id}.html`;
};
const indexNo = (date: string, id: number): string => `11411625005496102X/${date.slice(0, 4)}-${String(id).slice(-5)}`;

/** A fault route as listed: its title on the listing and what answers it. */
interface FaultRoute {
  title: string;
  date: string;
  fault: string;
  expect: FaultExpectation;
  alternatives?: FaultExpectation[];
  note: string;
  answer: (req: SimRequest, path: string) => SimAnswer;
}

const redirect = (location: string, status = 302): SimResponse => ({
  status,
  contentType: 'text/html',
  body: nginxPage(status, status === 301 ? 'Moved Permanently' : 'Found'),
  headers: { Location: location },
});

const nginxError = (status: number, reason: string): SimResponse => ({ status, contentType: 'text/html', body: nginxPage(status, reason) });

export function buildFaults(): BuiltPortal {
  const site = new Site({ server: SERVER });
  let nextId = 5_480_000;
  const newPath = (date: string): string => artPath(date, (nextId += 13));
  const idOf = (path: string): number => Number(/_(\d+)\.html$/.exec(path)?.[1] ?? 0);
  const spec = (issuer: string, year: number, k: number) => ({ issuer, year, region: REGION, scale: issuer === GOV ? 0.8 : 0.3, phone: PHONE, seed: 411625 + year * 7 + k });
  const report = (issuer: string, year: number, date: string, time: string, k: number): Item => syntheticReport(spec(issuer, year, k), newPath(date), date, time, issuer === GOV ? OFFICE : issuer);

  const articleHtml = (it: Item, zoom: string, site_ = FAULTS_SITE): string =>
    shell(`${it.title}_郸城县人民政府`, [[COLUMN_NAME, LIST], ['正文', it.path]], articleMain({ title: it.title, date: it.date, time: it.time, source: it.source, indexNo: indexNo(it.date, idOf(it.path)), zoom }, calHref(Number(it.date.slice(0, 4)), Number(it.date.slice(5, 7)))), site_, {
      title: it.title,
      date: it.date,
      source: it.source,
    });
  const plainArticle = (it: Item): string => articleHtml(it, `<div class="bt_content">\n${paragraphs(it.lines)}\n</div>`);

  // Good reports: plain ones, and four that are good despite something (retries, bad bytes, images).
  const g2023 = report(GOV, 2023, '2024-01-19', '16:20:05', 0);
  const g2022 = report(GOV, 2022, '2023-01-17', '10:05:41', 1);
  const g2021 = report(GOV, 2021, '2022-01-20', '09:31:12', 2);
  const retried = report('郸城县财政局', 2023, '2024-01-16', '11:12:00', 3);
  const gbkBad = report('郸城县教育体育局', 2022, '2023-01-13', '15:45:30', 4);
  const mixed = report('郸城县卫生健康委员会', 2023, '2024-01-12', '17:02:19', 5);
  const pictured = report(GOV, 2020, '2021-01-26', '08:55:03', 6);
  const decoys = decoyItems(
    [
      { title: '2024年郸城县人民政府工作报告', kind: 'work-report', date: '2024-01-22', year: 2024 },
      { title: '郸城县人民政府办公室关于做好2023年政府信息公开工作年度报告编制发布工作的通知', kind: 'notice', date: '2023-12-21', year: 2023 },
    ] satisfies DecoySpec[],
    { place: REGION.name, gov: GOV, scope: '全县' },
    OFFICE,
    (d) => newPath(d.date),
  );

  const labels: PortalFaultLabel[] = [];
  const routes = new Map<string, FaultRoute>();

  // --- pages of the good reports --------------------------------------------------------------
  for (const it of [g2023, g2022, g2021]) site.add(it.path, html(plainArticle(it)));

  // Fails FAULT_SIZES.retryFailures times (503, 502), then answers: a crawl that retries archives it.
  let retriedHits = 0;
  const retriedPage = plainArticle(retried);
  routes.set(retried.path, {
    title: retried.title,
    date: retried.date,
    fault: '5xx-then-ok',
    expect: 'archived',
    note: `its first ${FAULT_SIZES.retryFailures} requests since the portal started answer 503 then 502 (nginx pages, no Retry-After); every later one 200`,
    answer: () => {
      retriedHits += 1;
      if (retriedHits === 1) return nginxError(503, 'Service Temporarily Unavailable');
      if (retriedHits === 2) return nginxError(502, 'Bad Gateway');
      return html(retriedPage);
    },
  });

  // GBK page from the old system: three paragraphs cut mid-character by a byte-limited field.
  const cut = gbkBad.lines.filter((l) => l.endsWith('。') && !l.includes('\t')).slice(1, 4);
  {
    const page = articleHtml(gbkBad, `<div class="bt_content">\n${paragraphs(gbkBad.lines)}\n</div>`, FAULTS_SITE_GBK);
    let bytes = encodePage(page, 'gbk');
    for (const line of cut) {
      const needle = encodePage(`${inlineText(line)}</p>`, 'gbk');
      const at = bytes.indexOf(needle);
      if (at < 0) throw new Error('faults: GBK paragraph not found');
      const drop = at + needle.length - '</p>'.length - 1; // the trail byte of the closing 。
      bytes = Buffer.concat([bytes.subarray(0, drop), bytes.subarray(drop + 1)]);
    }
    site.add(gbkBad.path, { contentType: 'text/html; charset=GBK', body: bytes });
    const lines = gbkBad.lines.map((l) => (cut.includes(l) ? `${l.slice(0, -1)}\uFFFD` : l));
    gbkBad.lines = lines;
    gbkBad.report = { ...gbkBad.report!, body: lines.join('\n') };
  }

  // Half GBK, half UTF-8: the template and the first half of the text from the GBK system, the
  // rest (and the footer) pasted in from a UTF-8 include. Labelled gbk in <meta> only.
  {
    const marker = '\u0001half\u0001';
    const half = Math.floor(mixed.lines.length / 2);
    const zoom = `<div class="bt_content">\n${paragraphs(mixed.lines.slice(0, half))}\n${marker}\n${paragraphs(mixed.lines.slice(half))}\n</div>`;
    const [first = '', second = ''] = articleHtml(mixed, zoom, FAULTS_SITE_GBK).split(marker);
    site.add(mixed.path, { contentType: 'text/html', body: Buffer.concat([encodePage(first, 'gbk'), Buffer.from(second, 'utf8')]) });
  }

  // Images: one good PNG, then an empty JPEG, a JPEG cut after its header, a PNG claiming 30000×30000.
  const images = ['W020210126523108245603.png', 'W020210126523108245600.jpg', 'W020210126523108245601.jpg', 'W020210126523108245602.png'];
  {
    const at = pictured.lines.findIndex((l) => l.startsWith('二、'));
    pictured.lines.splice(at, 0, ...images);
    pictured.report = { ...pictured.report!, images, body: pictured.lines.join('\n') };
    const src = (name: string): string => `/picture/0/${name}`;
    site.add(pictured.path, html(articleHtml(pictured, `<div class="bt_content">\n${paragraphs(pictured.lines, { imageSrc: src, imgAttrs: 'border="0"' })}\n</div>`)));
    site.add(src(images[0]!), { contentType: 'image/png', body: pngBytes(images[0]!) });
    site.add(src(images[1]!), { contentType: 'image/jpeg', body: Buffer.alloc(0) });
    site.add(src(images[2]!), { contentType: 'image/jpeg', body: jpegBytes(images[2]!).subarray(0, 120) });
    site.add(src(images[3]!), { contentType: 'image/png', body: hugePngHeader(30_000, 30_000) });
    const imageLabels: [string, string, FaultExpectation, FaultExpectation[], string][] = [
      [images[1]!, 'image-zero-bytes', 'decode_error', [], 'image/jpeg with Content-Length: 0'],
      [images[2]!, 'image-corrupt-jpeg', 'decode_error', [], 'a JPEG cut after 120 bytes (SOI, JFIF, tables; no scan, no EOI)'],
      [images[3]!, 'image-png-30000x30000', 'too_large', ['decode_error'], 'a valid 30000×30000 RGB PNG header (2.7 GB of pixels) over a few hundred bytes of IDAT'],
    ];
    for (const [name, fault, expect, alternatives, note] of imageLabels) {
      labels.push({ path: src(name), fault, expect, ...(alternatives.length ? { alternatives } : {}), linkedFrom: pictured.path, note: `${note}; the report itself is archived (it is in expected)` });
    }
  }

  // --- fault routes: listed like reports, answered by the interceptor ---------------------------
  const faultReport = (issuer: string, year: number, date: string, k: number): Item => report(issuer, year, date, '10:00:00', 20 + k);
  const bodyOf = (it: Item): Buffer => Buffer.from(plainArticle(it), 'utf8');
  const add = (issuer: string, year: number, date: string, r: Omit<FaultRoute, 'title' | 'date' | 'answer'> & { answer: (it: Item) => FaultRoute['answer'] }): void => {
    const it = faultReport(issuer, year, date, routes.size);
    routes.set(it.path, { title: it.title, date: it.date, fault: r.fault, expect: r.expect, ...(r.alternatives ? { alternatives: r.alternatives } : {}), note: r.note, answer: r.answer(it) });
  };
  const town = (name: string): string => `郸城县${name}人民政府`;

  add('郸城县发展和改革委员会', 2023, '2024-01-18', { fault: 'reset-mid-body', expect: 'network', note: 'status 200 and Content-Length, half the body, then a TCP RST', answer: (it) => () => resetMidBody(bodyOf(it), SERVER) });
  add('郸城县自然资源局', 2023, '2024-01-17', { fault: 'never-answers', expect: 'timeout', note: 'the connection is accepted, the request read, and nothing is ever sent', answer: () => () => neverAnswer() });
  add('郸城县民政局', 2023, '2024-01-15', { fault: 'drip-1-byte-per-second', expect: 'timeout', note: 'status and headers at once (chunked), then one byte a second of a ~9 KB page (2½ hours); stops when the socket closes', answer: (it) => () => drip(bodyOf(it), SERVER) });
  add('郸城县人力资源和社会保障局', 2023, '2024-01-15', {
    fault: 'truncated-body',
    expect: 'network',
    note: `Content-Length: ${FAULT_SIZES.truncatedDeclared}, 40% of that sent, then the server closes (FIN)`,
    answer: (it) => () => truncated(bodyOf(it), SERVER, FAULT_SIZES.truncatedDeclared),
  });
  let always = 0;
  add('郸城县住房和城乡建设局', 2023, '2024-01-11', {
    fault: '5xx-always',
    expect: 'http_5xx',
    note: 'every request fails: 500, 502, 503 in turn (nginx pages)',
    answer: () => () => {
      const [status, reason] = ([[500, 'Internal Server Error'], [502, 'Bad Gateway'], [503, 'Service Temporarily Unavailable']] as const)[always++ % 3]!;
      return nginxError(status, reason);
    },
  });
  add('郸城县交通运输局', 2023, '2024-01-11', { fault: 'http-403', expect: 'http_4xx', note: '403 Forbidden (nginx page)', answer: () => () => nginxError(403, 'Forbidden') });
  add('郸城县农业农村局', 2023, '2024-01-10', { fault: 'http-404', expect: 'http_4xx', note: '404 Not Found: listed, but deleted', answer: () => () => nginxError(404, 'Not Found') });
  add('郸城县水利局', 2023, '2024-01-10', { fault: 'soft-404', expect: 'soft_404', note: 'status 200, the CMS error page: <title>页面不存在_郸城县人民政府</title>, 抱歉，您访问的页面不存在或已被删除！, a 5 s redirect script to /', answer: () => () => html(softNotFound()) });
  add('郸城县市场监督管理局', 2023, '2024-01-09', {
    fault: 'redirect-loop',
    expect: 'trap',
    note: '302 to /sso/login?service=<the page>, which 302s back to the page: a loop of two URLs',
    answer: () => (_req, path) => redirect(`/sso/login?service=${encodeURIComponent(path)}`),
  });
  add('郸城县应急管理局', 2023, '2024-01-09', {
    fault: 'redirect-other-host',
    expect: 'blocked',
    note: `301 to http://${FAULTS_OTHER_HOST}/… (another host; .invalid never resolves): refuse before resolving or connecting`,
    answer: () => (_req, path) => redirect(`http://${FAULTS_OTHER_HOST}${path}`, 301),
  });
  add('郸城县司法局', 2023, '2024-01-08', { fault: 'redirect-file-scheme', expect: 'blocked', note: '302 to file:///etc/passwd', answer: () => () => redirect('file:///etc/passwd') });
  add('郸城县审计局', 2023, '2024-01-08', { fault: 'redirect-javascript-scheme', expect: 'blocked', note: '302 to javascript:alert(1)', answer: () => () => redirect('javascript:alert(1)') });
  add('郸城县统计局', 2023, '2024-01-05', { fault: 'redirect-private-address', expect: 'blocked', note: '302 to http://10.0.0.1/ (a private address)', answer: () => () => redirect('http://10.0.0.1/') });
  add('郸城县医疗保障局', 2023, '2024-01-05', {
    fault: 'redirect-metadata-address',
    expect: 'blocked',
    note: '302 to http://169.254.169.254/latest/meta-data/ (link-local cloud metadata)',
    answer: () => () => redirect('http://169.254.169.254/latest/meta-data/'),
  });
  add(town('汲冢镇'), 2023, '2024-01-04', {
    fault: 'gzip-corrupt',
    expect: 'decode_error',
    alternatives: ['network'],
    note: 'Content-Encoding: gzip; the first half of the page inflates, then a deflate block of the reserved type (zlib: invalid block type)',
    answer: (it) => {
      const gz = corruptGzip(bodyOf(it));
      return () => gzipResponse(gz, SERVER);
    },
  });
  add(town('石槽镇'), 2023, '2024-01-04', {
    fault: 'gzip-bomb',
    expect: 'too_large',
    note: 'Content-Encoding: gzip, Content-Length ≈ 1.05 MB; a valid gzip member that inflates to 1 GiB of spaces after an HTML head (built when the portal is built: its checksum over 1 GiB takes a second, which would stall the server mid-crawl)',
    answer: (it) => {
      const { gz } = gzipBomb(bombHead(it.title));
      return () => gzipResponse(gz, SERVER);
    },
  });
  const bigParts = (it: Item): { head: string; paragraph: string; tail: string } => {
    const marker = '\u0001rest\u0001';
    const [head = '', tail = ''] = articleHtml(it, `<div class="bt_content">\n${paragraphs(it.lines.slice(0, 8))}\n${marker}\n</div>`).split(marker);
    return { head, tail, paragraph: `<p>${inlineText(it.lines[1] ?? '')}</p>\n` };
  };
  add(town('南丰镇'), 2023, '2024-01-03', {
    fault: 'huge-page-declared',
    expect: 'too_large',
    note: `a ${FAULT_SIZES.hugePage} byte page (50 MiB) with Content-Length, streamed as read`,
    answer: (it) => () => hugePage(bigParts(it), FAULT_SIZES.hugePage, true, SERVER),
  });
  add(town('白马镇'), 2023, '2024-01-03', {
    fault: 'huge-page-chunked',
    expect: 'too_large',
    note: `the same 50 MiB page chunked: no Content-Length, only the bytes tell`,
    answer: (it) => () => hugePage(bigParts(it), FAULT_SIZES.hugePage, false, SERVER),
  });
  add(town('宁平镇'), 2023, '2024-01-02', {
    fault: 'nested-10000-deep',
    expect: 'archived',
    alternatives: ['parse_error'],
    note: 'a report whose body sits inside 10 000 nested <div>s (~300 KB): archive it or record parse_error, never crash; not in expected',
    answer: (it) => {
      const page = articleHtml(it, `${'<div class="bt_content">'.repeat(10_000)}\n${paragraphs(it.lines)}\n${'</div>'.repeat(10_000)}`);
      return () => html(page);
    },
  });

  // --- the listing, the department column, the calendar, robots.txt ----------------------------
  const goodItems = [g2023, g2022, g2021, retried, gbkBad, mixed, pictured];
  const items = [...goodItems, ...decoys].sort(byDateDesc);
  const rows: ListRow[] = [...items.map((it) => ({ href: it.path, title: it.title, date: it.date })), ...[...routes].filter(([p]) => p !== retried.path).map(([href, r]) => ({ href, title: r.title, date: r.date }))].sort((a, b) =>
    b.date.localeCompare(a.date),
  );
  const listPages = chunk(rows, PER_PAGE);
  const newest = rows[0]!.date;
  const newestMonth = calHref(Number(newest.slice(0, 4)), Number(newest.slice(5, 7)));
  const listing = (n: number): SimResponse => {
    const list = listPages[Math.min(n, listPages.length) - 1]!;
    return html(column(COLUMN_NAME, list, endlessPager(n, listHref), newestMonth, [[COLUMN_NAME, LIST]]));
  };

  const dept = [retried, gbkBad, mixed, decoys.find((d) => d.title.includes('通知'))!].sort(byDateDesc);
  const deptPages = chunk(dept, DEPT_PER_PAGE);
  const deptPage = (n: number): SimResponse => {
    // No cookie-less client ever keeps a session: every answer rewrites every link with a new id.
    const sid = randomBytes(16).toString('hex').toUpperCase();
    const withSid = (href: string): string => {
      const q = href.indexOf('?');
      return q < 0 ? `${href};jsessionid=${sid}` : `${href.slice(0, q)};jsessionid=${sid}${href.slice(q)}`;
    };
    const page = Math.min(Math.max(1, n), deptPages.length);
    const href = (k: number): string => withSid(`${DEPT_LIST}?pageNum=${k}`);
    const last = deptPages.length;
    const pager = `<div class="pager">共${dept.length}条 ${page > 1 ? `<a href="${href(1)}">首页</a> <a href="${href(page - 1)}">上一页</a>` : '<span>首页</span> <span>上一页</span>'} <span class="current">${page}/${last}</span> ${
      page < last ? `<a href="${href(page + 1)}">下一页</a> <a href="${href(last)}">尾页</a>` : '<span>下一页</span> <span>尾页</span>'
    }</div>`;
    const list = deptPages[page - 1]!.map((it) => ({ href: withSid(it.path), title: it.title, date: it.date }));
    const body = column('部门信息公开年报', list, pager, withSid(newestMonth), [['部门信息公开年报', withSid(`${DEPT_LIST}?pageNum=1`)]], ([, h]) => (h.startsWith('/') ? withSid(h) : h));
    return { ...html(body), headers: { 'Set-Cookie': `JSESSIONID=${sid}; Path=/; HttpOnly` } };
  };

  const calendar = (y: number, m: number): SimResponse => {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    return html(calendarPage(y, m, items.filter((it) => it.date.startsWith(month)).map((it) => ({ href: it.path, title: it.title, date: it.date })), calHref));
  };

  let robots: Buffer | undefined;
  site.intercept((req) => {
    if (req.path === '/robots.txt') return { contentType: 'text/plain', body: (robots ??= hugeRobots(FAULT_SIZES.robots)) };
    const semi = req.path.toLowerCase().indexOf(';jsessionid=');
    if (semi >= 0) return site.answer({ ...req, path: req.path.slice(0, semi) });
    if (req.path === LIST) return listing(Math.max(1, Number(req.params.get('pageNum') ?? 1) || 1));
    if (req.path === DEPT_LIST) return deptPage(Number(req.params.get('pageNum') ?? 1) || 1);
    if (req.path === '/sso/login') {
      const back = req.params.get('service') ?? '/';
      return redirect(back.startsWith('/') ? back : '/');
    }
    const cal = /^\/calendar\/(\d{4})\/(\d{1,2})$/.exec(req.path);
    if (cal) {
      const [y, m] = [Number(cal[1]), Number(cal[2])];
      return m >= 1 && m <= 12 && y >= 1000 ? calendar(y, m) : undefined;
    }
    const route = routes.get(req.path);
    return route?.answer(req, req.path);
  });

  for (const [path, r] of routes) {
    labels.push({ path, fault: r.fault, expect: r.expect, ...(r.alternatives ? { alternatives: r.alternatives } : {}), linkedFrom: LIST, note: r.note });
  }
  labels.push(
    { path: gbkBad.path, fault: 'gbk-invalid-bytes', expect: 'archived', linkedFrom: LIST, note: `GBK (charset in HTTP and <meta>) with ${cut.length} paragraphs cut mid-character (a lead byte before </p>): expected body has U+FFFD there` },
    { path: mixed.path, fault: 'mixed-encodings', expect: 'archived', linkedFrom: LIST, note: 'head, chrome and the first half of the text in GBK (<meta http-equiv> gbk, HTTP text/html without charset), the rest and the footer in UTF-8; expected body is the true text' },
    { path: pictured.path, fault: 'report-with-broken-images', expect: 'archived', linkedFrom: LIST, note: 'body images: one good PNG, a zero-byte JPEG, a corrupt JPEG, a PNG claiming 30000×30000 (labelled separately)' },
    { path: listHref(listPages.length + 1), fault: 'endless-pagination', expect: 'trap', linkedFrom: listHref(listPages.length), note: `the column has ${listPages.length} pages, but 下一页 and 尾页 always link pageNum=N+1 and every page past the last repeats the last page's rows` },
    { path: `${DEPT_LIST}?pageNum=1`, fault: 'session-id-urls', expect: 'trap', alternatives: ['archived'], note: `a second start (部门信息公开年报, ${deptPages.length} pages): every link of every answer carries a new ;jsessionid=<32 hex> (pager, reports, sidebar); 'archived': ids stripped or deduplicated, the reports archived once under their plain URLs` },
    { path: newestMonth, fault: 'calendar-infinite', expect: 'trap', alternatives: ['not-followed'], linkedFrom: LIST, note: '按月浏览 (sidebar of both columns) and 信息公开日历 (article pages): /calendar/YYYY/M with 上一月/下一月 links for every month of years 1000–9999' },
    { path: '/robots.txt', fault: 'robots-10mb', expect: 'archived', note: `robots.txt of ${FAULT_SIZES.robots} bytes: a normal file allowing everything, then Disallow lines for old paths, and after 10 MB a second "User-agent: *" group with "Disallow: /": read at most ~500 KiB and crawl on` },
  );

  const home = shell('郸城县人民政府', [], `<div class="xxgk-links"><a href="${LIST}">${COLUMN_NAME}</a> <a href="${DEPT_LIST}?pageNum=1">部门信息公开年报</a></div>`);
  site.add('/', html(home));
  site.add('/index.html', html(home));
  addChromeAssets(site, FAULTS_SITE.css, { '/js/jquery.min.js': '/*! jQuery v1.8.3 (stand-in) */\n' });
  site.add('/images/404.png', { contentType: 'image/png', body: pngBytes('404') });

  return {
    id: 'faults',
    name: GOV,
    region: REGION.code,
    site,
    startPath: LIST,
    extraStartPaths: [`${DEPT_LIST}?pageNum=1`],
    maxListingPages: 50,
    traits: [
      'the fault portal: every listed report that is not in expected fails in its own way (faultLabels)',
      'transport: reset mid-body, never answers, one byte a second, truncated body; 5xx (once-then-ok and always), 403, 404, soft-404',
      'redirects: a loop, another host (.invalid), file:, javascript:, 10.0.0.1, 169.254.169.254',
      'bytes: corrupt gzip, a gzip bomb (1 GiB), 50 MiB pages (declared and chunked), 10 000 nested divs, GBK with bad bytes, GBK+UTF-8 in one page, broken images',
      'URL spaces: a pager that never ends, ;jsessionid= on every link, a calendar of every month; robots.txt of 10 MB',
    ],
    items,
    faultLabels: labels,
  };
}

function bombHead(title: string): string {
  return `<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n<title>${escapeHtml(title)}_郸城县人民政府</title>\n</head>\n<body>\n<div id="zoom">\n`;
}

/** A PNG whose IHDR claims `w`×`h` RGB pixels, over a few rows of real IDAT (decoders allocate first, then fail). */
function hugePngHeader(w: number, h: number): Buffer {
  const good = pngBytes('huge'); // signature, IHDR (16×16), IDAT, IEND
  const ihdr = good.subarray(8, 8 + 25);
  const data = Buffer.from(ihdr.subarray(8, 21));
  data.writeUInt32BE(w, 0);
  data.writeUInt32BE(h, 4);
  const chunkOf = (type: string, body: Buffer): Buffer => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(body.length);
    const td = Buffer.concat([Buffer.from(type, 'ascii'), body]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32Of(td));
    return Buffer.concat([len, td, crc]);
  };
  return Buffer.concat([good.subarray(0, 8), chunkOf('IHDR', data), good.subarray(8 + 25)]);
}

