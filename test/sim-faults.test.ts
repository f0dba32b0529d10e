/**
 * The fault portals (`faults: true`, issue 11) themselves, not the crawler: every route really
 * shows its fault on the wire (measured with node's http client and raw sockets), the good reports
 * are served whole, the trap URL spaces keep producing new URLs, and close() ends even with a
 * stalled and a dripping connection open.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import { after, before, describe, it } from 'node:test';
import { constants, createGunzip, crc32 } from 'node:zlib';
import iconv from 'iconv-lite';
import { chromium } from 'playwright-core';
import robotsParserModule from 'robots-parser';
import { findChromium } from '../src/crawl/browser/find-chromium.js';
import { FAILURE_CLASSES } from '../src/errors.js';
import { inlineText } from '../sim/html/text.js';
import { FAULT_SIZES, FAULTS_OTHER_HOST } from '../sim/portals/faults.js';
import { DEMO_OPTIONS, startSimulatedPortals, type FaultLabel, type SimulatedPortals } from '../sim/portals.js';

const robotsParser = robotsParserModule as unknown as typeof robotsParserModule.default;

interface Got {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** One GET with node's http client (no redirects followed, no decompression). */
function get(url: string): Promise<Got> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent: false, headers: { 'User-Agent': 'sim-faults-test' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}

/** Streams a GET, counting bytes without keeping them (first and last KiB kept). */
function count(url: string): Promise<{ headers: http.IncomingHttpHeaders; bytes: number; first: string; last: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: false }, (res) => {
        let bytes = 0;
        let first = Buffer.alloc(0);
        let last = Buffer.alloc(0);
        res.on('data', (c: Buffer) => {
          bytes += c.length;
          if (first.length < 1024) first = Buffer.concat([first, c]).subarray(0, 1024);
          last = Buffer.concat([last, c]).subarray(-1024);
        });
        res.on('end', () => resolve({ headers: res.headers, bytes, first: first.toString('utf8'), last: last.toString('utf8') }));
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

interface Raw {
  /** Status line and headers as received ('' when none came). */
  head: string;
  /** Bytes after the head (chunked framing left in). */
  body: Buffer;
  /** Socket error code (ECONNRESET …), if any. */
  error?: string;
  /** We gave up after `waitMs` and destroyed the socket. */
  gaveUp: boolean;
}

/** A GET over a raw socket: sees resets, FINs and silence as they are. */
function rawGet(url: string, waitMs = 5000): Promise<Raw> {
  const u = new URL(url);
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let error: string | undefined;
    let gaveUp = false;
    const socket = net.connect(Number(u.port), u.hostname, () => {
      socket.write(`GET ${u.pathname}${u.search} HTTP/1.1\r\nHost: ${u.host}\r\nUser-Agent: sim-faults-test\r\nConnection: close\r\n\r\n`);
    });
    const timer = setTimeout(() => {
      gaveUp = true;
      socket.destroy();
    }, waitMs);
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', (e: NodeJS.ErrnoException) => (error = e.code ?? e.message));
    socket.on('close', () => {
      clearTimeout(timer);
      const all = Buffer.concat(chunks);
      const end = all.indexOf('\r\n\r\n');
      resolve({ head: end < 0 ? '' : all.subarray(0, end).toString('latin1'), body: end < 0 ? Buffer.alloc(0) : all.subarray(end + 4), ...(error ? { error } : {}), gaveUp });
    });
  });
}

const header = (head: string, name: string): string | undefined => new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(head)?.[1]?.trim();

/** Payload bytes of a chunked body, as far as it goes. */
function dechunk(body: Buffer): Buffer {
  const out: Buffer[] = [];
  let at = 0;
  for (;;) {
    const eol = body.indexOf('\r\n', at);
    if (eol < 0) break;
    const size = parseInt(body.subarray(at, eol).toString('latin1'), 16);
    if (!Number.isFinite(size) || size === 0) break;
    out.push(body.subarray(eol + 2, Math.min(body.length, eol + 2 + size)));
    at = eol + 2 + size + 2;
  }
  return Buffer.concat(out);
}

const hrefs = (html: string): string[] => [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));
const linkNamed = (html: string, text: string): string | undefined => new RegExp(`<a href="([^"]+)"[^>]*>${text}</a>`).exec(html)?.[1]?.replace(/&amp;/g, '&');

describe('fault portals (sim/portals/faults*.ts)', () => {
  let sim: SimulatedPortals;
  let origin: string;
  let scriptOrigin: string;
  const label = (fault: string): FaultLabel => {
    const l = sim.faultLabels.find((x) => x.fault === fault);
    assert.ok(l, `a label for ${fault}`);
    return l;
  };

  before(async () => {
    sim = await startSimulatedPortals({ only: ['faults', 'faults-script'] });
    origin = sim.portals.find((p) => p.seed.id === 'faults')!.origin;
    scriptOrigin = sim.portals.find((p) => p.seed.id === 'faults-script')!.origin;
  });
  after(() => sim?.close());

  it('is opt-in: not started by default, not in DEMO_OPTIONS; other portals have no fault labels', async () => {
    assert.equal('faults' in DEMO_OPTIONS, false);
    const plain = await startSimulatedPortals({ only: ['luyi'] });
    try {
      assert.deepEqual(plain.faultLabels, []);
    } finally {
      await plain.close();
    }
  });

  it('labels every fault once with a known class, on the portals’ own origins', () => {
    const classes = new Set<string>([...FAILURE_CLASSES, 'archived', 'not-followed']);
    const names = sim.faultLabels.map((l) => l.fault);
    assert.equal(new Set(names).size, names.length, 'fault names are unique');
    for (const l of sim.faultLabels) {
      assert.ok(classes.has(l.expect), `${l.fault}: ${l.expect}`);
      for (const a of l.alternatives ?? []) assert.ok(classes.has(a), `${l.fault}: ${a}`);
      assert.ok(l.url.startsWith(l.portal === 'faults' ? origin : scriptOrigin), l.url);
    }
    for (const f of ['reset-mid-body', 'never-answers', 'drip-1-byte-per-second', 'truncated-body', '5xx-then-ok', '5xx-always', 'http-403', 'http-404', 'soft-404', 'redirect-loop', 'redirect-other-host', 'redirect-file-scheme', 'redirect-javascript-scheme', 'redirect-private-address', 'redirect-metadata-address', 'gzip-corrupt', 'gzip-bomb', 'huge-page-declared', 'huge-page-chunked', 'endless-pagination', 'calendar-infinite', 'session-id-urls', 'nested-10000-deep', 'gbk-invalid-bytes', 'mixed-encodings', 'image-zero-bytes', 'image-corrupt-jpeg', 'image-png-30000x30000', 'robots-10mb', 'script-never-settles', 'script-popups', 'script-navigates-away']) {
      label(f);
    }
    assert.ok(sim.expected.filter((e) => e.portal === 'faults').length >= 3);
    const seed = sim.seeds.find((s) => s.id === 'faults')!;
    assert.equal(seed.region, '411625');
    assert.equal(seed.start.length, 2);
    assert.equal(sim.seeds.find((s) => s.id === 'faults-script')!.start.length, 3);
  });

  it('links every fault route and every good report from the column’s two pages, and nothing off loopback', async () => {
    const seed = sim.seeds.find((s) => s.id === 'faults')!;
    const p1 = (await get(seed.start[0]!)).body.toString('utf8');
    const p2 = (await get(`${origin}${linkNamed(p1, '下一页')!}`)).body.toString('utf8');
    const linked = new Set([...hrefs(p1), ...hrefs(p2)].map((h) => new URL(h, origin).href));
    for (const l of sim.faultLabels.filter((x) => x.portal === 'faults' && x.linkedFrom === seed.start[0] && x.url.includes('/art/'))) assert.ok(linked.has(l.url), `${l.fault} is listed`);
    for (const e of sim.expected.filter((x) => x.portal === 'faults')) assert.ok(linked.has(e.url), `${e.title} is listed`);
    for (const h of [...hrefs(p1), ...hrefs(p2)]) if (/^https?:/.test(h)) assert.equal(new URL(h).hostname, '127.0.0.1', h);
  });

  it('5xx-then-ok: 503, then 502, then the report', async () => {
    const url = label('5xx-then-ok').url;
    assert.equal((await get(url)).status, 503);
    assert.equal((await get(url)).status, 502);
    const ok = await get(url);
    assert.equal(ok.status, 200);
    const e = sim.expected.find((x) => x.url === url)!;
    assert.ok(ok.body.toString('utf8').includes(inlineText(e.body!.split('\n')[1]!)));
  });

  it('serves every good report whole (UTF-8 pages carry every body line)', async () => {
    const special = new Set([label('gbk-invalid-bytes').url, label('mixed-encodings').url]);
    for (const e of sim.expected) {
      const r = await get(e.url);
      assert.equal(r.status, 200, e.url);
      if (special.has(e.url)) continue;
      const html = r.body.toString('utf8');
      for (const line of e.body!.split('\n')) {
        if (e.images.includes(line)) assert.ok(html.includes(`/${line}"`), `${e.title}: image ${line}`);
        else assert.ok(html.includes(inlineText(line)), `${e.title}: ${line.slice(0, 30)}`);
      }
    }
  });

  it('gbk-invalid-bytes: GBK whose cut paragraphs decode to U+FFFD, with WHATWG and iconv-lite alike', async () => {
    const { url } = label('gbk-invalid-bytes');
    const r = await get(url);
    assert.match(String(r.headers['content-type']), /charset=GBK/i);
    const e = sim.expected.find((x) => x.url === url)!;
    const cut = e.body!.split('\n').filter((l) => l.endsWith('\uFFFD'));
    assert.equal(cut.length, 3);
    for (const text of [new TextDecoder('gbk').decode(r.body), iconv.decode(r.body, 'gbk')]) {
      for (const line of e.body!.split('\n')) assert.ok(text.includes(inlineText(line)), line.slice(0, 30));
      assert.equal([...text.matchAll(/\uFFFD/g)].length, 3);
    }
  });

  it('mixed-encodings: the first half of the text is GBK, the rest UTF-8', async () => {
    const { url } = label('mixed-encodings');
    const r = await get(url);
    assert.equal(r.headers['content-type'], 'text/html');
    const lines = sim.expected.find((x) => x.url === url)!.body!.split('\n');
    const first = lines.find((l) => l.length > 20)!;
    const lastLine = [...lines].reverse().find((l) => l.length > 20)!;
    const asGbk = iconv.decode(r.body, 'gbk');
    const asUtf8 = r.body.toString('utf8');
    assert.ok(asGbk.includes(inlineText(first)) && !asGbk.includes(inlineText(lastLine)));
    assert.ok(asUtf8.includes(inlineText(lastLine)) && !asUtf8.includes(inlineText(first)));
    assert.match(asGbk, /<meta http-equiv="Content-Type" content="text\/html; charset=gbk">/);
  });

  it('reset-mid-body: headers and part of the body, then a TCP reset', async () => {
    const r = await rawGet(label('reset-mid-body').url);
    assert.equal(r.error, 'ECONNRESET');
    assert.equal(r.gaveUp, false);
    if (r.head) assert.ok(r.body.length < Number(header(r.head, 'Content-Length')), 'fewer bytes than Content-Length');
  });

  it('never-answers: not one byte in 1.5 s, and the request is logged with status 0', async () => {
    const { url } = label('never-answers');
    const r = await rawGet(url, 1500);
    assert.equal(r.gaveUp, true);
    assert.equal(r.head, '');
    assert.equal(r.body.length, 0);
    assert.ok(sim.requestLog.some((x) => x.portal === 'faults' && url.endsWith(x.path) && x.status === 0));
  });

  it('drip: headers at once, then about one byte a second', async () => {
    const started = Date.now();
    const r = await rawGet(label('drip-1-byte-per-second').url, 3300);
    assert.equal(r.gaveUp, true);
    assert.match(r.head, /^HTTP\/1\.1 200/);
    assert.equal(header(r.head, 'Transfer-Encoding'), 'chunked');
    const got = dechunk(r.body).length;
    assert.ok(got >= 2 && got <= 4, `${got} bytes in ${Date.now() - started} ms`);
  });

  it('truncated-body: Content-Length promises more than comes before the server closes', async () => {
    const r = await rawGet(label('truncated-body').url);
    assert.equal(r.gaveUp, false);
    assert.equal(r.error, undefined, 'a clean close (FIN), no reset');
    assert.equal(Number(header(r.head, 'Content-Length')), FAULT_SIZES.truncatedDeclared);
    assert.ok(r.body.length > 0 && r.body.length < FAULT_SIZES.truncatedDeclared, `${r.body.length} bytes`);
  });

  it('5xx-always, 403, 404 and the soft-404 answer as labelled', async () => {
    const always = label('5xx-always').url;
    const statuses = [(await get(always)).status, (await get(always)).status, (await get(always)).status].sort();
    assert.deepEqual(statuses, [500, 502, 503]);
    assert.equal((await get(label('http-403').url)).status, 403);
    assert.equal((await get(label('http-404').url)).status, 404);
    const soft = await get(label('soft-404').url);
    assert.equal(soft.status, 200);
    const html = soft.body.toString('utf8');
    assert.match(html, /<title>页面不存在_郸城县人民政府<\/title>/);
    assert.match(html, /抱歉，您访问的页面不存在或已被删除！/);
  });

  it('redirect-loop: two URLs that redirect to each other', async () => {
    const a = label('redirect-loop').url;
    const r1 = await get(a);
    assert.equal(r1.status, 302);
    const b = new URL(r1.headers.location!, a).href;
    assert.notEqual(b, a);
    const r2 = await get(b);
    assert.equal(r2.status, 302);
    assert.equal(new URL(r2.headers.location!, b).href, a);
  });

  it('redirects off the portal: another host, file:, javascript:, private and metadata addresses', async () => {
    const cases: [string, (loc: URL) => boolean][] = [
      ['redirect-other-host', (l) => l.hostname === FAULTS_OTHER_HOST && l.hostname.endsWith('.invalid')],
      ['redirect-file-scheme', (l) => l.href === 'file:///etc/passwd'],
      ['redirect-javascript-scheme', (l) => l.protocol === 'javascript:'],
      ['redirect-private-address', (l) => l.hostname === '10.0.0.1'],
      ['redirect-metadata-address', (l) => l.href === 'http://169.254.169.254/latest/meta-data/'],
    ];
    for (const [fault, ok] of cases) {
      const l = label(fault);
      assert.equal(l.expect, 'blocked');
      const r = await get(l.url);
      assert.ok(r.status === 301 || r.status === 302, `${fault}: ${r.status}`);
      assert.ok(ok(new URL(r.headers.location!, l.url)), `${fault}: ${r.headers.location}`);
    }
  });

  it('gzip-corrupt: Content-Encoding gzip whose stream inflates halfway, then fails', async () => {
    const r = await get(label('gzip-corrupt').url);
    assert.equal(r.headers['content-encoding'], 'gzip');
    // Fed in slices, each flushed, so what inflates before the bad block comes out before the error.
    const out: Buffer[] = [];
    const z = createGunzip({ flush: constants.Z_SYNC_FLUSH });
    z.on('data', (c: Buffer) => out.push(c));
    let error: NodeJS.ErrnoException | undefined;
    // After the error the write callback never comes: the error wakes the pending write instead.
    let wake: (() => void) | undefined;
    z.on('error', (e) => {
      error = e;
      wake?.();
    });
    for (let i = 0; i < r.body.length && !error; i += 64) {
      await new Promise<void>((resolve) => {
        wake = resolve;
        z.write(r.body.subarray(i, i + 64), () => resolve());
      });
    }
    z.destroy();
    assert.equal(error?.code, 'Z_DATA_ERROR');
    assert.match(Buffer.concat(out).toString('utf8'), /^<!DOCTYPE html>/);
  });

  it('gzip-bomb: about a megabyte on the wire, at least 1 GiB inflated (streamed, capped)', async () => {
    const r = await get(label('gzip-bomb').url);
    assert.equal(r.headers['content-encoding'], 'gzip');
    assert.ok(r.body.length < 2 * 1024 * 1024, `${r.body.length} bytes compressed`);
    const cap = 2 ** 30;
    const inflated = await new Promise<number>((resolve, reject) => {
      let total = 0;
      const z = createGunzip({ chunkSize: 1 << 20 });
      z.on('data', (c: Buffer) => {
        total += c.length;
        if (total >= cap) {
          z.destroy();
          resolve(total);
        }
      });
      z.on('error', reject);
      z.on('end', () => resolve(total));
      z.end(r.body);
    });
    assert.ok(inflated >= cap, `${inflated} bytes inflated`);
    assert.ok(r.body.readUInt32LE(r.body.length - 4) >= 2 ** 30 % 2 ** 32, 'ISIZE says over 1 GiB');
  });

  it('huge pages: 50 MiB, with Content-Length and chunked, streamed', async () => {
    const declared = await count(label('huge-page-declared').url);
    assert.equal(Number(declared.headers['content-length']), FAULT_SIZES.hugePage);
    assert.equal(declared.bytes, FAULT_SIZES.hugePage);
    assert.match(declared.first, /^<!DOCTYPE html>/);
    assert.match(declared.last, /<\/html>\n$/);
    const chunked = await count(label('huge-page-chunked').url);
    assert.equal(chunked.headers['content-length'], undefined);
    assert.equal(chunked.headers['transfer-encoding'], 'chunked');
    assert.equal(chunked.bytes, FAULT_SIZES.hugePage);
  });

  it('nested-10000-deep: the body sits inside 10 000 nested divs', async () => {
    const html = (await get(label('nested-10000-deep').url)).body.toString('utf8');
    assert.equal(html.split('<div class="bt_content">').length - 1, 10_000);
    assert.equal(html.split('</div>').length - 1 >= 10_000, true);
  });

  it('broken images: zero bytes, a cut JPEG, a PNG claiming 30000×30000', async () => {
    const zero = await get(label('image-zero-bytes').url);
    assert.equal(zero.status, 200);
    assert.equal(zero.headers['content-length'], '0');
    const jpeg = (await get(label('image-corrupt-jpeg').url)).body;
    assert.deepEqual([...jpeg.subarray(0, 2)], [0xff, 0xd8]);
    assert.ok(jpeg.indexOf(Buffer.from([0xff, 0xd9])) < 0 && jpeg.indexOf(Buffer.from([0xff, 0xda])) < 0, 'no scan, no end marker');
    const png = (await get(label('image-png-30000x30000').url)).body;
    assert.equal(png.subarray(12, 16).toString('latin1'), 'IHDR');
    assert.equal(png.readUInt32BE(16), 30_000);
    assert.equal(png.readUInt32BE(20), 30_000);
    assert.equal(png.readUInt32BE(29), crc32(png.subarray(12, 29)), 'IHDR CRC is valid');
    const page = (await get(label('report-with-broken-images').url)).body.toString('utf8');
    for (const f of ['image-zero-bytes', 'image-corrupt-jpeg', 'image-png-30000x30000']) assert.ok(page.includes(new URL(label(f).url).pathname), f);
  });

  it('robots-10mb: 10 MiB; its first 500 KiB allow everything, the whole file forbids everything', async () => {
    const r = await get(label('robots-10mb').url);
    assert.equal(r.body.length, FAULT_SIZES.robots);
    assert.equal(Number(r.headers['content-length']), FAULT_SIZES.robots);
    const column = sim.seeds.find((s) => s.id === 'faults')!.start[0]!;
    const robotsUrl = `${origin}/robots.txt`;
    assert.equal(robotsParser(robotsUrl, r.body.subarray(0, 500 * 1024).toString('utf8')).isAllowed(column, 'xxgk-archive'), true);
    assert.equal(robotsParser(robotsUrl, r.body.toString('utf8')).isAllowed(column, 'xxgk-archive'), false);
  });

  it('endless-pagination: 下一页 leads on forever, pages past the last repeat its rows', async () => {
    let url = sim.seeds.find((s) => s.id === 'faults')!.start[0]!;
    const seen = new Set<string>();
    let lastRows = '';
    for (let n = 1; n <= 12; n++) {
      assert.ok(!seen.has(url));
      seen.add(url);
      const html = (await get(url)).body.toString('utf8');
      const rows = html.slice(html.indexOf('<ul class="xxgk-list">'), html.indexOf('</ul></div>'));
      if (n >= 3) assert.equal(rows, lastRows, `page ${n} repeats page 2`);
      if (n === 2) lastRows = rows;
      url = new URL(linkNamed(html, '下一页')!, url).href;
    }
    assert.ok(seen.has(label('endless-pagination').url));
  });

  it('session-id-urls: every answer rewrites every link with a new ;jsessionid', async () => {
    const start = label('session-id-urls').url;
    const a = (await get(start)).body.toString('utf8');
    const b = (await get(start)).body.toString('utf8');
    const sid = (html: string) => /;jsessionid=([0-9A-F]{32})/.exec(html)![1];
    assert.notEqual(sid(a), sid(b));
    const local = hrefs(a).filter((h) => h.startsWith('/') && !h.startsWith('/wzdt') && !h.startsWith('/lxwm') && !h.startsWith('/wzsm') && h !== '/');
    const rewritten = local.filter((h) => h.includes(`;jsessionid=${sid(a)}`));
    assert.ok(rewritten.length >= 6, `${rewritten.length} rewritten links`);
    const report = rewritten.find((h) => h.startsWith('/art/'))!;
    const plain = report.replace(/;jsessionid=[0-9A-F]+/, '');
    const viaSid = await get(`${origin}${report}`);
    assert.equal(viaSid.status, 200);
    assert.ok(sim.expected.some((e) => e.url === `${origin}${plain}`));
    const next = (await get(`${origin}${linkNamed(a, '下一页')!}`)).body.toString('utf8');
    const back = linkNamed(next, '首页')!;
    assert.notEqual(back, start.slice(origin.length), 'the way back is yet another URL');
  });

  it('calendar-infinite: 下一月 and 上一月 lead to new months forever', async () => {
    for (const dir of ['下一月', '上一月']) {
      let url = label('calendar-infinite').url;
      const seen = new Set<string>();
      for (let k = 0; k < 30; k++) {
        seen.add(url);
        const r = await get(url);
        assert.equal(r.status, 200, url);
        url = new URL(linkNamed(r.body.toString('utf8'), dir)!, url).href;
        assert.ok(!seen.has(url));
      }
    }
    const jan = (await get(label('calendar-infinite').url)).body.toString('utf8');
    assert.ok(sim.expected.some((e) => e.portal === 'faults' && jan.includes(new URL(e.url).pathname)), 'the month lists its reports');
  });

  it('faults-script: shells without report links, a list API, and the misbehaving scripts', async () => {
    const seed = sim.seeds.find((s) => s.id === 'faults-script')!;
    const mine = sim.expected.filter((e) => e.portal === 'faults-script');
    assert.equal(mine.length, 6);
    const markers: Record<string, RegExp> = { 'script-never-settles': /setInterval[\s\S]*removeChild[\s\S]*\/api\/online/, 'script-popups': /window\.open[\s\S]*alert\(/, 'script-navigates-away': /location\.href = '\/zwgk\/tiaozhuan\.html\?n=1'/ };
    for (const start of seed.start) {
      const html = (await get(start)).body.toString('utf8');
      for (const e of mine) assert.ok(!html.includes(new URL(e.url).pathname), `${start} links no report in its static HTML`);
      assert.match(html, /<ul id="list" class="list" data-col="\w+"><\/ul>/);
      const l = sim.faultLabels.find((x) => x.url === start)!;
      const scripts = [...html.matchAll(/<script type="text\/javascript" src="([^"]+)"/g)].map((m) => m[1]!);
      const code = (await Promise.all(scripts.map(async (s) => (await get(`${scriptOrigin}${s}`)).body.toString('utf8')))).join('\n');
      assert.match(code, markers[l.fault]!, l.fault);
      const col = /data-col="(\w+)"/.exec(html)![1]!;
      const api = JSON.parse((await get(`${scriptOrigin}/api/xxgk/list?col=${col}`)).body.toString('utf8')) as { total: number; list: { url: string }[] };
      assert.ok(api.list.filter((x) => mine.some((e) => e.url === `${scriptOrigin}${x.url}`)).length === 2, `${col}: two reports`);
    }
    const jump = (await get(`${scriptOrigin}/zwgk/tiaozhuan.html?n=7`)).body.toString('utf8');
    assert.match(jump, /location\.replace\('\/zwgk\/tiaozhuan\.html\?n=' \+ \(n \+ 1\)\)/);
  });

  it('close() ends with a stalled and a dripping connection open', async () => {
    const own = await startSimulatedPortals({ only: ['faults'] });
    const l = (f: string) => own.faultLabels.find((x) => x.fault === f)!.url;
    const hung = rawGet(l('never-answers'), 30_000);
    const dripping = rawGet(l('drip-1-byte-per-second'), 30_000);
    await new Promise((r) => setTimeout(r, 300));
    const t0 = Date.now();
    await own.close();
    const [a, b] = await Promise.all([hung, dripping]);
    assert.ok(Date.now() - t0 < 2000, 'closed promptly');
    assert.equal(a.gaveUp || b.gaveUp, false, 'the server ended both connections');
  });

  const chromiumPath = findChromium();
  it('faults-script in Chromium: each column draws its reports, then misbehaves, all on loopback', { skip: chromiumPath ? false : 'no Chromium found' }, async () => {
    const browser = await chromium.launch({ executablePath: chromiumPath!, args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
    try {
      const context = await browser.newContext();
      const requested: string[] = [];
      context.on('request', (r) => requested.push(r.url()));
      const mine = sim.expected.filter((e) => e.portal === 'faults-script');
      for (const start of sim.seeds.find((s) => s.id === 'faults-script')!.start) {
        const fault = sim.faultLabels.find((x) => x.url === start)!.fault;
        const page = await context.newPage();
        const errors: string[] = [];
        const dialogs: string[] = [];
        let popups = 0;
        page.on('pageerror', (e) => errors.push(e.message));
        page.on('dialog', (d) => {
          dialogs.push(d.message());
          void d.dismiss();
        });
        page.on('popup', () => (popups += 1));
        await page.goto(start);
        await page.waitForSelector('#list li a', { timeout: 5000 });
        const links = await page.$$eval('#list li a', (as) => as.map((a) => (a as HTMLAnchorElement).href));
        assert.equal(links.filter((l) => mine.some((e) => e.url === l)).length, 2, `${fault}: two reports drawn`);
        if (fault === 'script-never-settles') {
          const a = await page.textContent('#clock');
          await page.waitForTimeout(300);
          assert.notEqual(await page.textContent('#clock'), a, 'the clock keeps changing');
        }
        if (fault === 'script-popups') {
          await page.waitForTimeout(2500);
          assert.ok(popups >= 3, `${popups} pop-ups`);
          assert.equal(dialogs.length, 1);
        }
        if (fault === 'script-navigates-away') {
          await page.waitForURL(/tiaozhuan\.html\?n=[3-9]/, { timeout: 5000 });
        }
        assert.deepEqual(errors, [], `${fault}: no page error`);
        await page.close();
      }
      for (const u of requested) assert.equal(new URL(u).hostname, '127.0.0.1', u);
      await context.close();
    } finally {
      await browser.close();
    }
  });
});
