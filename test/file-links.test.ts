/**
 * Files of reports (issue 10), before any reader: what a file is from its bytes, what it is called
 * (Content-Disposition every way Chinese servers send it), a name safe to store it under, and which
 * links and frames of a report page are its files.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';
import * as cheerio from 'cheerio';
import iconv from 'iconv-lite';
import { sniffFileType } from '../src/read/file-type.js';
import { attachmentName, nameFromContentDisposition, nameFromUrl, safeFileName } from '../src/read/file-name.js';
import { findAttachments } from '../src/clean/attachments.js';

/** A minimal zip holding the named entries (stored as a real zip writer would: local headers first). */
function zipWith(names: string[]): Buffer {
  const parts: Buffer[] = [];
  for (const name of names) {
    const data = deflateRawSync(Buffer.from('<x/>'));
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(8, 8);
    header.writeUInt32LE(data.length, 18);
    header.writeUInt32LE(4, 22);
    header.writeUInt16LE(Buffer.byteLength(name), 26);
    parts.push(header, Buffer.from(name), data);
  }
  return Buffer.concat(parts);
}

test('the type comes from the bytes, whatever the name says', () => {
  assert.equal(sniffFileType(Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj')), 'pdf');
  assert.equal(sniffFileType(Buffer.concat([Buffer.from('\r\n\r\n'), Buffer.from('%PDF-1.4\n')])), 'pdf', 'junk before the header');
  assert.equal(sniffFileType(zipWith(['[Content_Types].xml', 'word/document.xml'])), 'docx');
  assert.equal(sniffFileType(zipWith(['[Content_Types].xml', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml'])), 'xlsx');
  assert.equal(sniffFileType(zipWith(['OFD.xml', 'Doc_0/Document.xml'])), 'ofd');
  assert.equal(sniffFileType(zipWith(['readme.txt'])), 'zip');
  const ole = Buffer.alloc(2048);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(ole);
  Buffer.from('WordDocument', 'utf16le').copy(ole, 1024);
  assert.equal(sniffFileType(ole), 'doc');
  const xls = Buffer.alloc(2048);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(xls);
  Buffer.from('Workbook', 'utf16le').copy(xls, 1024);
  assert.equal(sniffFileType(xls), 'xls');
  assert.equal(sniffFileType(iconv.encode('<!DOCTYPE html><html><head><title>文件不存在</title>', 'gbk')), 'html');
  assert.equal(sniffFileType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])), 'image');
  assert.equal(sniffFileType(Buffer.alloc(0)), 'unknown');
  assert.equal(sniffFileType(Buffer.from('just some text')), 'unknown');
});

test('real GB2312/GB18030 pages (shared real samples) sniff as HTML, not as unknown bytes', () => {
  const dir = new URL('../../shared/real-samples/gb2312/', import.meta.url);
  for (const name of ['_chromium_gb18030_with_no_encoding_specified.html.xml', '_mozilla_bug171813_text.html']) {
    assert.equal(sniffFileType(readFileSync(new URL(name, dir))), 'html', name);
  }
});

test('Content-Disposition: RFC 6266 filename*, percent-encoded and raw GBK or UTF-8 bytes', () => {
  const name = '鹿邑县2019年政府信息公开工作年度报告.pdf';
  assert.equal(nameFromContentDisposition(`attachment; filename*=UTF-8''${encodeURIComponent(name)}`), name);
  assert.equal(nameFromContentDisposition(`attachment; filename="fallback.pdf"; filename*=utf-8''${encodeURIComponent(name)}`), name, 'filename* wins');
  const gbkPercent = [...iconv.encode(name, 'gbk')].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
  assert.equal(nameFromContentDisposition(`attachment; filename*=GBK''${gbkPercent}`), name);
  assert.equal(nameFromContentDisposition(`attachment; filename=${gbkPercent}`), name, 'percent-encoded GBK in plain filename');
  // fetch hands raw header bytes over as latin1 characters.
  assert.equal(nameFromContentDisposition(`attachment; filename="${iconv.encode(name, 'gbk').toString('latin1')}"`), name, 'raw GBK bytes');
  assert.equal(nameFromContentDisposition(`attachment; filename="${Buffer.from(name).toString('latin1')}"`), name, 'raw UTF-8 bytes');
  assert.equal(nameFromContentDisposition('inline'), undefined);
  assert.equal(nameFromContentDisposition(undefined), undefined);
});

test('names from links and URLs; the link text only when it names something', () => {
  assert.equal(nameFromUrl('http://x.gov.cn/attach/downfile.jsp?filename=%E5%B9%B4%E5%BA%A6%E6%8A%A5%E5%91%8A.docx&id=3'), '年度报告.docx');
  assert.equal(nameFromUrl('http://x.gov.cn/files/2020/%C4%EA%B6%C8%B1%A8%B8%E6.pdf'), '年度报告.pdf', 'GBK percent-encoded path');
  assert.equal(attachmentName(undefined, '附件下载', 'http://x.gov.cn/upload/a1.pdf'), 'a1.pdf');
  assert.equal(attachmentName(undefined, '2020年度报告.pdf', 'http://x.gov.cn/upload/a1.pdf'), '2020年度报告.pdf');
});

test('stored names cannot leave the folder, hide, overflow or collide', () => {
  assert.equal(safeFileName('../../etc/passwd', 'pdf', 0), '1-passwd.pdf');
  assert.equal(safeFileName('..\\..\\windows\\win.ini', 'docx', 1), '2-win.docx');
  assert.equal(safeFileName('.hidden.pdf', 'pdf', 0), '1-hidden.pdf');
  assert.equal(safeFileName('CON.pdf', 'pdf', 0), '1-_CON.pdf');
  assert.equal(safeFileName('a\u0000b\u202ec:d?.pdf', 'pdf', 0), '1-abc_d_.pdf');
  const long = safeFileName(`${'报'.repeat(500)}.pdf`, 'pdf', 0);
  assert.ok(Buffer.byteLength(long) <= 160, `${Buffer.byteLength(long)} bytes`);
  assert.ok(long.endsWith('.pdf'));
  assert.equal(safeFileName('report.doc', 'docx', 2), '3-report.docx', 'the extension follows the bytes');
  assert.equal(safeFileName('', 'pdf', 0), '1-file.pdf');
  assert.notEqual(safeFileName('a.pdf', 'pdf', 0), safeFileName('a.pdf', 'pdf', 1));
});

test('a report page\'s files: attachment links, download endpoints, frames and pdf.js viewers', () => {
  const html = `<html><body>
    <div class="nav"><a href="/index.html">首页</a><a href="/zwgk/">政务公开</a></div>
    <div id="zoom"><p>详见附件。</p>
      <p>附件：<a href="/upload/2020/鹿邑县2019年报告.docx">鹿邑县2019年政府信息公开工作年度报告.docx</a></p>
      <p><a href="/attach/downfile.jsp?id=123">附件下载</a></p>
      <p><a href="/module/download/downfile.jsp?classid=0&filename=abc.xlsx">统计表</a></p>
      <p><a href="/xxgk/2020/page2.html">上一篇</a></p>
      <iframe src="/pdfjs/web/viewer.html?file=%2Fxxgk%2Ffiles%2Freport.pdf" title="年报"></iframe>
      <embed src="/files/other.pdf" type="application/pdf">
      <a href="javascript:void(0)">打印</a>
    </div></body></html>`;
  const links = findAttachments(cheerio.load(html), 'http://www.luyi.gov.cn/xxgk/2020/page1.html');
  const urls = links.map((l) => l.url);
  assert.ok(urls.includes(new URL('/upload/2020/鹿邑县2019年报告.docx', 'http://www.luyi.gov.cn').href));
  assert.ok(urls.includes('http://www.luyi.gov.cn/attach/downfile.jsp?id=123'), 'a download endpoint without an extension');
  assert.ok(urls.some((u) => u.includes('filename=abc.xlsx')));
  assert.ok(urls.includes('http://www.luyi.gov.cn/xxgk/files/report.pdf'), "the viewer's file= target, not the viewer");
  assert.equal(links.find((l) => l.url.endsWith('report.pdf'))!.via, 'viewer');
  assert.ok(urls.includes('http://www.luyi.gov.cn/files/other.pdf'));
  assert.ok(!urls.some((u) => u.endsWith('page2.html') || u.endsWith('index.html') || u.endsWith('/zwgk/')), 'pages are not files');
  assert.equal(links.length, 5);
});
