/**
 * The files portal (wenjian, issue 10) and its committed office files: every file is what its
 * manifest says (bytes, hash, text made from the fixtures' texts), the portal serves each the way
 * its label says (Content-Type, the Content-Disposition variants, an extension-less endpoint, a
 * pdf.js viewer's file= parameter, attachment links), the scan has no text layer, and the reports'
 * tables add up. Reads only committed files: no LibreOffice or poppler needed.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { inflateRawSync, inflateSync } from 'node:zlib';
import iconv from 'iconv-lite';
import { FILES_DIR, fileContentLines, fileDocs, fileTextLines, readFileManifest } from '../sim/fixtures/file-reports.js';
import { APPLICANT_COLUMNS } from '../sim/fixtures/figure-keys.js';
import { DEMO_OPTIONS, startSimulatedPortals, type FileLabel, type SimulatedPortals } from '../sim/portals.js';

const KINDS = ['pdf-text', 'pdf-scan', 'docx', 'doc', 'ofd', 'pdf-viewer', 'xlsx-tables', 'decoy-policy', 'decoy-listing'];

/** Entries of a zip archive (central directory), with a reader for their bytes. */
function zipEntries(buf: Buffer): Map<string, () => Buffer> {
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65557); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  assert.ok(eocd >= 0, 'zip: no end of central directory');
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  const out = new Map<string, () => Buffer>();
  for (let k = 0; k < count; k++) {
    assert.equal(buf.readUInt32LE(at), 0x02014b50, 'zip: bad central directory entry');
    const method = buf.readUInt16LE(at + 10);
    const size = buf.readUInt32LE(at + 20);
    const nameLen = buf.readUInt16LE(at + 28);
    const extraLen = buf.readUInt16LE(at + 30);
    const commentLen = buf.readUInt16LE(at + 32);
    const local = buf.readUInt32LE(at + 42);
    const name = buf.subarray(at + 46, at + 46 + nameLen).toString('utf8');
    out.set(name, () => {
      const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
      const data = buf.subarray(start, start + size);
      return method === 8 ? inflateRawSync(data) : Buffer.from(data);
    });
    at += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

/** Every stream of a PDF with its dictionary, Flate streams inflated. */
function pdfStreams(buf: Buffer): { dict: string; data: Buffer }[] {
  const out: { dict: string; data: Buffer }[] = [];
  const text = buf.toString('latin1');
  const re = /<<((?:[^<>]|<<(?:[^<>]|<<[^<>]*>>)*>>|<[^<>]*>)*)>>\s*stream\r?\n/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const dict = m[1]!;
    const len = /\/Length (\d+)(?! \d+ R)/.exec(dict);
    const start = m.index + m[0].length;
    const end = len ? start + Number(len[1]) : text.indexOf('endstream', start);
    let data = buf.subarray(start, end);
    if (/\/FlateDecode/.test(dict) && !/\/DCTDecode/.test(dict)) {
      try {
        data = inflateSync(data);
      } catch {
        /* not every producer's streams inflate cleanly alone; skip */
      }
    }
    out.push({ dict, data: Buffer.from(data) });
  }
  return out;
}

const MAGIC: Record<FileLabel['format'], Buffer> = {
  pdf: Buffer.from('%PDF-'),
  docx: Buffer.from('504b0304', 'hex'),
  xlsx: Buffer.from('504b0304', 'hex'),
  ofd: Buffer.from('504b0304', 'hex'),
  doc: Buffer.from('d0cf11e0a1b11ae1', 'hex'),
};

const sha256 = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

describe('committed office files (sim/fixtures/files)', () => {
  const manifest = readFileManifest();

  it('lists every kind once, each file present, small, with its recorded size and hash', () => {
    assert.deepEqual(manifest.files.map((f) => f.kind).sort(), [...KINDS].sort());
    for (const f of manifest.files) {
      const path = `${FILES_DIR}${f.file}`;
      assert.ok(existsSync(path), `${f.file} missing`);
      const bytes = readFileSync(path);
      assert.equal(bytes.length, f.bytes, `${f.file}: size`);
      assert.equal(sha256(bytes), f.sha256, `${f.file}: hash (regenerate the manifest with scripts/make-file-fixtures.ts)`);
      assert.ok(bytes.length < 300 * 1024, `${f.file}: ${bytes.length} bytes`);
      assert.ok(f.madeWith.length > 0 && f.regionCode === '410225' && f.year >= 2019 && f.year <= 2023, f.file);
    }
  });

  it('holds the text the fixtures produce today (files made from sim/fixtures/file-reports.ts)', () => {
    const docs = fileDocs();
    for (const f of manifest.files) {
      const d = docs.find((x) => x.file === f.file);
      assert.ok(d, `${f.file}: not in file-reports.ts`);
      assert.deepEqual(f.text, fileContentLines(d), `${f.file}: text differs from file-reports.ts: regenerate`);
      assert.equal(f.title, d.title);
      assert.equal(f.isReport, d.isReport);
    }
  });

  it('gives each report a distinct issuer and year, and tables whose template checks hold', () => {
    const reports = manifest.files.filter((f) => f.isReport);
    assert.equal(reports.length, 7);
    assert.equal(new Set(reports.map((f) => `${f.issuer}/${f.year}`)).size, reports.length);
    for (const f of reports) {
      const v = f.figures!;
      assert.ok(v, `${f.file}: figures`);
      assert.deepEqual(f.tables.map((t) => t.name), ['表二', '表三', '表四'], f.file);
      for (const c of [...APPLICANT_COLUMNS, 'total']) {
        const k = (row: string) => v[`applications.${row}.${c}`]!;
        assert.equal(k('new') + k('carried_over'), k('completed') + k('carried_forward'), `${f.file}: 一 + 二 = 七 + 四 (${c})`);
      }
      for (const row of ['new', 'carried_over', 'completed', 'carried_forward']) {
        assert.equal(APPLICANT_COLUMNS.reduce((a, c) => a + v[`applications.${row}.${c}`]!, 0), v[`applications.${row}.total`], `${f.file}: ${row} total`);
      }
      for (const b of ['review', 'litigation.direct', 'litigation.after_review']) {
        assert.equal(['maintained', 'corrected', 'other', 'pending'].reduce((a, c) => a + v[`${b}.${c}`]!, 0), v[`${b}.total`], `${f.file}: ${b}`);
      }
      // The narrative quotes the table: 新收 N 件.
      const narrative = fileTextLines(fileDocs().find((d) => d.file === f.file)!.blocks);
      assert.ok(narrative.some((l) => l.includes(`新收政府信息公开申请${v['applications.new.total']}件`)), `${f.file}: narrative and table 三 disagree`);
      for (const t of f.tables) assert.ok(t.grid.every((r) => r.length === t.grid[0]!.length), `${f.file} ${t.name}: ragged grid`);
    }
  });
});

describe('files portal (wenjian)', () => {
  let sim: SimulatedPortals;
  const get = async (url: string) => {
    const r = await fetch(url);
    return { status: r.status, headers: r.headers, bytes: Buffer.from(await r.arrayBuffer()) };
  };
  const pageLinks = (html: string, base: string): string[] => [...html.matchAll(/<(?:a|iframe)\s[^>]*(?:href|src)="([^"]+)"/g)].map((m) => new URL(m[1]!.replace(/&amp;/g, '&'), base).href);

  before(async () => {
    sim = await startSimulatedPortals({ only: ['wenjian'] });
  });
  after(async () => {
    await sim?.close();
  });

  it('is off by default and in the demo', async () => {
    assert.equal(DEMO_OPTIONS.files, true);
    assert.deepEqual(sim.portals.map((p) => p.seed.id), ['wenjian']);
    assert.equal(sim.seeds[0]!.region, '410225');
  });

  it('lists every expected report and decoy on its two listing pages, file reports by the listing link target', async () => {
    const column = sim.portals[0]!.column;
    const links = new Set<string>();
    for (const page of [column, new URL('index_1.html', column).href]) {
      const r = await get(page);
      assert.equal(r.status, 200);
      const html = r.bytes.toString('utf8');
      for (const m of html.matchAll(/<ul class="list">([\s\S]*?)<\/ul>/g)) for (const u of pageLinks(m[1]!, page)) links.add(u);
    }
    assert.equal(links.size, sim.expected.length + sim.decoys.length);
    for (const e of sim.expected) assert.ok(links.has(e.url), `not listed: ${e.url}`);
    for (const d of sim.decoys) assert.ok(links.has(d), `not listed: ${d}`);
    for (const e of sim.expected) {
      assert.equal(e.region.code, '410225');
      assert.ok(e.body && e.body.length > 300, `${e.title}: body`);
    }
    const direct = sim.fileLabels.filter((l) => l.via === 'listing');
    assert.deepEqual(direct.map((l) => l.kind).sort(), ['decoy-listing', 'pdf-scan', 'pdf-text']);
    for (const l of direct) {
      assert.ok(links.has(l.url));
      if (l.isReport) assert.equal(l.reportUrl, l.url);
      else assert.ok(sim.decoys.includes(l.url) && !sim.expected.some((e) => e.url === l.url));
    }
  });

  it('serves every file with the bytes, type and disposition its label says', async () => {
    assert.deepEqual(sim.fileLabels.map((l) => l.kind).sort(), [...KINDS].sort());
    for (const l of sim.fileLabels) {
      const r = await get(l.url);
      assert.equal(r.status, 200, l.url);
      assert.equal(r.headers.get('content-type'), l.contentType, `${l.kind}: Content-Type`);
      assert.equal(r.headers.get('content-disposition') ?? undefined, l.contentDisposition, `${l.kind}: Content-Disposition`);
      assert.equal(sha256(r.bytes), l.sha256, `${l.kind}: bytes`);
      assert.ok(r.bytes.subarray(0, MAGIC[l.format].length).equals(MAGIC[l.format]), `${l.kind}: magic bytes of ${l.format}`);
      assert.equal(existsSync(`${FILES_DIR}${l.file}`), true);
    }
    // Some labels lie the way servers do.
    assert.ok(sim.fileLabels.some((l) => l.format === 'pdf' && l.contentType === 'application/octet-stream'));
    assert.ok(sim.fileLabels.some((l) => l.format === 'xlsx' && l.contentType === 'application/vnd.ms-excel'));
  });

  it("sends filename*=UTF-8'' percent-encoded, a raw GBK filename, and serves one file from an extension-less endpoint", async () => {
    const star = sim.fileLabels.filter((l) => /filename\*=UTF-8''/.test(l.contentDisposition ?? ''));
    assert.ok(star.length >= 1);
    for (const l of star) {
      const r = await get(l.url);
      const header = r.headers.get('content-disposition')!;
      const m = /filename\*=UTF-8''([^;\s]+)/.exec(header)!;
      assert.equal(decodeURIComponent(m[1]!), l.filename);
      assert.match(l.filename, /[\u4e00-\u9fff]/);
    }
    const gbk = sim.fileLabels.find((l) => l.kind === 'doc')!;
    const r = await get(gbk.url);
    const raw = Buffer.from(r.headers.get('content-disposition')!, 'latin1');
    assert.ok(raw.some((b) => b >= 0x80), 'the GBK name travels as raw bytes');
    assert.ok(!/%[0-9A-F]{2}/i.test(raw.toString('latin1')), 'not percent-encoded');
    const name = /filename="([^"]+)"/.exec(iconv.decode(raw, 'gbk'))![1];
    assert.equal(name, gbk.filename);
    assert.notEqual(raw.toString('utf8').includes(gbk.filename), true, 'not UTF-8');
    const last = new URL(gbk.url).pathname.split('/').pop()!;
    assert.equal(last, 'downfile.jsp');
    assert.match(new URL(gbk.url).search, /^\?id=\d+$/);
    // The endpoint answers only its id.
    assert.equal((await get(gbk.url.replace(/id=\d+/, 'id=1'))).status, 404);
  });

  it('reaches attachments from their report pages and the viewer file from its iframe file= parameter', async () => {
    for (const l of sim.fileLabels.filter((x) => x.via !== 'listing')) {
      assert.ok(l.pageUrl, l.kind);
      const html = (await get(l.pageUrl)).bytes.toString('utf8');
      if (l.via === 'viewer') {
        const src = /<iframe[^>]*src="([^"]+)"/.exec(html)![1]!.replace(/&amp;/g, '&');
        const viewer = new URL(src, l.pageUrl);
        assert.equal(viewer.pathname, '/pdfjs/web/viewer.html');
        assert.equal((await get(viewer.href)).status, 200);
        assert.equal(new URL(viewer.searchParams.get('file')!, l.pageUrl).href, l.url);
      } else {
        assert.ok(pageLinks(html, l.pageUrl).includes(l.url), `${l.kind}: no link on its page`);
        if (l.linkText) assert.ok(html.includes(l.linkText), `${l.kind}: link text`);
      }
      if (l.isReport) assert.equal(l.reportUrl, l.pageUrl);
    }
    // The policy notice sits on a report page beside the report, and is neither report nor body.
    const policy = sim.fileLabels.find((l) => l.kind === 'decoy-policy')!;
    const doc = sim.fileLabels.find((l) => l.kind === 'doc')!;
    assert.equal(policy.pageUrl, doc.pageUrl);
    assert.equal(policy.role, 'decoy');
    assert.ok(!sim.expected.some((e) => e.url === policy.url));
    assert.ok(!sim.decoys.includes(policy.url));
  });

  it("gives each file report's expectation the file's text as body, and the tables file its figures", () => {
    for (const l of sim.fileLabels.filter((x) => x.isReport)) {
      const e = sim.expected.find((x) => x.url === l.reportUrl)!;
      assert.ok(e, `${l.kind}: no expectation`);
      assert.equal(e.title, l.title);
      assert.ok(e.figures && Object.keys(e.figures).length > 150, `${l.kind}: figures`);
      if (l.role === 'body') assert.equal(e.body, l.text.join('\n'), `${l.kind}: body`);
      else {
        assert.equal(l.kind, 'xlsx-tables');
        assert.ok(!e.body!.includes('\t'), 'the page holds no table');
        assert.ok(e.body!.includes('具体情况详见附件'));
      }
    }
  });

  it('has no text layer in the scan: page images only, no fonts, no text operators', () => {
    const scan = sim.fileLabels.find((l) => l.kind === 'pdf-scan')!;
    assert.equal(scan.textLayer, false);
    const buf = readFileSync(`${FILES_DIR}${scan.file}`);
    const streams = pdfStreams(buf);
    const images = streams.filter((s) => /\/Subtype\s*\/Image/.test(s.dict));
    assert.equal(images.length, scan.pages);
    assert.ok(images.every((s) => /\/DCTDecode/.test(s.dict)));
    assert.ok(!/\/Font\b/.test(buf.toString('latin1')), 'a /Font resource');
    for (const s of streams.filter((x) => !/\/Subtype\s*\/Image/.test(x.dict))) {
      assert.ok(!/\bBT\b[\s\S]*?\bT[jJ]\b/.test(s.data.toString('latin1')), 'a text operator');
    }
    // The text PDFs do carry text.
    for (const l of sim.fileLabels.filter((x) => x.format === 'pdf' && x.textLayer)) {
      const buf = readFileSync(`${FILES_DIR}${l.file}`);
      const all = [buf.toString('latin1'), ...pdfStreams(buf).map((x) => x.data.toString('latin1'))].join('\n');
      assert.match(all, /\bT[jJ]\b/, `${l.kind}: no text operators`);
      assert.match(all, /\/ToUnicode/, `${l.kind}: no ToUnicode`);
    }
  });

  it('holds Word tables in the DOCX, named sheets in the XLSX, a Word 97 stream in the DOC, GB/T 33190 parts in the OFD', () => {
    const read = (kind: string) => readFileSync(`${FILES_DIR}${sim.fileLabels.find((l) => l.kind === kind)!.file}`);
    const docx = zipEntries(read('docx'));
    const body = docx.get('word/document.xml')!().toString('utf8');
    assert.equal((body.match(/<w:tbl>/g) ?? []).length, 3);
    assert.ok(body.includes('gridSpan') && body.includes('vMerge'), 'merged cells');
    const xlsx = zipEntries(read('xlsx-tables'));
    const workbook = xlsx.get('xl/workbook.xml')!().toString('utf8');
    assert.deepEqual([...workbook.matchAll(/<sheet name="([^"]+)"/g)].map((m) => m[1]), ['表二', '表三', '表四']);
    assert.ok(xlsx.get('xl/worksheets/sheet2.xml')!().toString('utf8').includes('<mergeCell '));
    const doc = read('doc');
    assert.ok(doc.includes(Buffer.from('WordDocument', 'utf16le')), 'no WordDocument stream');
    const ofdLabel = sim.fileLabels.find((l) => l.kind === 'ofd')!;
    const ofd = zipEntries(read('ofd'));
    for (const part of ['OFD.xml', 'Doc_0/Document.xml', 'Doc_0/PublicRes.xml']) assert.ok(ofd.has(part), part);
    const root = ofd.get('OFD.xml')!().toString('utf8');
    assert.match(root, /<ofd:DocRoot>Doc_0\/Document\.xml<\/ofd:DocRoot>/);
    const document = ofd.get('Doc_0/Document.xml')!().toString('utf8');
    const pages = [...document.matchAll(/<ofd:Page ID="\d+" BaseLoc="([^"]+)"/g)].map((m) => `Doc_0/${m[1]}`);
    assert.equal(pages.length, ofdLabel.pages);
    assert.match(document, /<ofd:PhysicalBox>0 0 210 297<\/ofd:PhysicalBox>/);
    assert.match(ofd.get('Doc_0/PublicRes.xml')!().toString('utf8'), /<ofd:Font ID="\d+" FontName="[^"]+"/);
    // The pages hold exactly the text, in reading order: every TextCode but the page numbers.
    const unescape = (x: string) => x.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
    const codes: string[] = [];
    pages.forEach((p, i) => {
      const xml = ofd.get(p)!().toString('utf8');
      assert.match(xml, /<ofd:TextObject ID="\d+" Boundary="[\d.]+ [\d.]+ [\d.]+ [\d.]+" Font="\d+" Size="[\d.]+">/);
      const onPage = [...xml.matchAll(/<ofd:TextCode X="[\d.]+" Y="[\d.]+"(?: DeltaX="[^"]+")?>([^<]*)<\/ofd:TextCode>/g)].map((m) => unescape(m[1]!));
      assert.equal(onPage.pop(), ofdLabel.furniture![i], 'page number last');
      codes.push(...onPage);
    });
    const squash = (x: string) => x.replace(/\s+/g, '');
    assert.equal(squash(codes.join('')), squash(ofdLabel.text.join('')));
  });
});
