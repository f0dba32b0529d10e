import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import { decodePage } from '../src/decode/decode-page.js';
import { looksLikeMojibake } from '../src/decode/verify-text.js';
import { charsetParam, metaCharset, normaliseCharset, xmlDeclarationEncoding } from '../src/decode/charset-label.js';
import { DecodeError } from '../src/errors.js';

const realSample = (name: string): Buffer =>
  readFileSync(new URL(`../../shared/real-samples/gb2312/${name}`, import.meta.url));
const seedDir = fileURLToPath(new URL('../../shared/seed-reports/', import.meta.url));
const seeds = readdirSync(seedDir)
  .filter((f) => f.endsWith('.txt'))
  .sort()
  .map((f) => ({ name: f, text: readFileSync(seedDir + f, 'utf8') }));

const BODY = `<div class="xxgk-content">
<h1>鹿邑县人民政府2019年政府信息公开工作年度报告</h1>
<p>本报告依据《中华人民共和国政府信息公开条例》规定，由鹿邑县人民政府办公室汇总全县政府信息公开工作情况编制而成。</p>
<p>一、总体情况：2019年，全县主动公开政府信息4562条，其中规范性文件23件；受理依申请公开17件，均按时答复。</p>
<p>发布时间：2020-01-15　来源：县政府办公室　浏览次数：1915</p>
</div>`;

/** A county-portal page head the way CMS templates write it; `metaTag` is the charset line. */
function portalPage(metaTag: string, body = BODY): string {
  return `<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
${metaTag}
<meta name="SiteName" content="鹿邑县人民政府" />
<meta name="ColumnName" content="政府信息公开年报" />
<title>鹿邑县人民政府2019年政府信息公开工作年度报告_鹿邑县人民政府</title>
<link rel="stylesheet" href="/css/xxgk.css" />
</head>
<body>
${body}
</body>
</html>`;
}

const gbk = (s: string): Buffer => iconv.encode(s, 'gbk');
const utf8 = (s: string): Buffer => Buffer.from(s, 'utf8');

describe('labels', () => {
  test('header only: charset in Content-Type, no meta', () => {
    const html = portalPage('');
    const page = decodePage(gbk(html), 'text/html; charset=GBK', 'http://www.luyi.gov.cn/a.html');
    assert.equal(page.text, html);
    assert.equal(page.encoding, 'gb18030');
    assert.equal(page.source, 'header');
    assert.equal(page.mislabelled, undefined);
  });

  test('meta charset only, header has no charset', () => {
    const html = portalPage('<meta charset="gb2312">');
    const page = decodePage(gbk(html), 'text/html');
    assert.equal(page.text, html);
    assert.equal(page.encoding, 'gb18030');
    assert.equal(page.source, 'meta');
  });

  test('http-equiv meta, attributes in either order', () => {
    for (const tag of [
      '<meta http-equiv="Content-Type" content="text/html; charset=gb2312" />',
      '<META content="text/html; charset=GBK" http-equiv=Content-Type>',
    ]) {
      const html = portalPage(tag);
      const page = decodePage(gbk(html), undefined);
      assert.equal(page.text, html, tag);
      assert.equal(page.source, 'meta', tag);
      assert.equal(page.encoding, 'gb18030', tag);
    }
  });

  test('XML declaration', () => {
    const xml = `<?xml version="1.0" encoding="GBK"?>
<rss version="2.0"><channel><title>鹿邑县人民政府 政府信息公开年报</title>
<item><title>鹿邑县人民政府2019年政府信息公开工作年度报告</title><pubDate>2020-01-15</pubDate></item>
</channel></rss>`;
    const page = decodePage(gbk(xml), 'application/xml');
    assert.equal(page.text, xml);
    assert.equal(page.source, 'xml-declaration');
    assert.equal(page.encoding, 'gb18030');
  });

  test('UTF-8 BOM wins over a stale gb2312 meta, and is stripped', () => {
    const html = portalPage('<meta http-equiv="Content-Type" content="text/html; charset=gb2312" />');
    const page = decodePage(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8(html)]));
    assert.equal(page.text, html);
    assert.equal(page.encoding, 'utf-8');
    assert.equal(page.source, 'bom');
    assert.equal(page.mislabelled, 'gb2312');
  });

  test('UTF-16LE BOM', () => {
    const html = portalPage('<meta charset="utf-16">');
    const page = decodePage(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(html, 'utf16le')]), 'text/html');
    assert.equal(page.text, html);
    assert.equal(page.encoding, 'utf-16le');
    assert.equal(page.source, 'bom');
  });

  test('no label at all: GBK bytes are sniffed as gb18030', () => {
    const html = portalPage('');
    const page = decodePage(gbk(html));
    assert.equal(page.text, html);
    assert.equal(page.encoding, 'gb18030');
    assert.equal(page.source, 'sniffed');
    assert.equal(page.mislabelled, undefined);
  });

  test('no label at all: UTF-8 bytes are UTF-8', () => {
    const html = portalPage('');
    const page = decodePage(utf8(html), 'text/html');
    assert.equal(page.text, html);
    assert.equal(page.encoding, 'utf-8');
    assert.equal(page.source, 'sniffed');
  });

  test('pure ASCII without labels is utf-8 by default', () => {
    const page = decodePage(Buffer.from('<html><head><title>404 Not Found</title></head><body>nginx</body></html>'));
    assert.equal(page.encoding, 'utf-8');
    assert.equal(page.source, 'default');
    assert.equal(page.mislabelled, undefined);
  });

  test('empty body', () => {
    assert.deepEqual(decodePage(Buffer.alloc(0)), { text: '', encoding: 'utf-8', source: 'default' });
  });
});

describe('wrong labels', () => {
  test('header says utf-8, bytes are GBK', () => {
    const html = portalPage('');
    const page = decodePage(gbk(html), 'text/html;charset=UTF-8');
    assert.equal(page.text, html);
    assert.equal(page.encoding, 'gb18030');
    assert.equal(page.mislabelled, 'utf-8');
    assert.ok(!page.text.includes('\ufffd'));
  });

  test('header says utf-8, meta (correctly) says gb2312: meta is used, header recorded', () => {
    const html = portalPage('<meta http-equiv="Content-Type" content="text/html; charset=gb2312" />');
    const page = decodePage(gbk(html), 'text/html; charset=utf-8');
    assert.equal(page.text, html);
    assert.equal(page.source, 'meta');
    assert.equal(page.mislabelled, 'utf-8');
  });

  test('meta says utf-8, bytes are GBK', () => {
    const html = portalPage('<meta charset="utf-8" />');
    const page = decodePage(gbk(html), 'text/html');
    assert.equal(page.text, html);
    assert.equal(page.encoding, 'gb18030');
    assert.equal(page.mislabelled, 'utf-8');
  });

  test('meta says gb2312 but names need GBK/GB18030 (镕, 堃) — they survive', () => {
    const body = `<p>朱镕基同志视察开封市祥符区。区长王堃主持召开政府常务会议，研究部署政务公开工作。</p>`;
    const html = portalPage('<meta http-equiv="Content-Type" content="text/html; charset=gb2312" />', body);
    const bytes = iconv.encode(html, 'gb18030');
    // The point of the case: GB2312 bytes are A1–FE A1–FE, and these two lie outside it
    // (镕 = E9 46, 堃 = 88 D2), so a strict GB2312 decoder would lose them.
    assert.deepEqual([...iconv.encode('镕堃', 'gbk')], [0xe9, 0x46, 0x88, 0xd2]);
    const page = decodePage(bytes, 'text/html');
    assert.equal(page.encoding, 'gb18030');
    assert.equal(page.source, 'meta');
    assert.equal(page.mislabelled, undefined);
    assert.ok(page.text.includes('朱镕基同志'));
    assert.ok(page.text.includes('区长王堃主持'));
    assert.equal(page.text, html);
  });

  test('header says gbk, bytes are UTF-8', () => {
    const html = portalPage('<meta charset="gbk">');
    const page = decodePage(utf8(html), 'text/html; charset=gbk');
    assert.equal(page.text, html);
    assert.equal(page.encoding, 'utf-8');
    assert.equal(page.mislabelled, 'gbk');
  });

  test('header says iso-8859-1 (server default) on UTF-8 and on GBK bytes', () => {
    const html = portalPage('');
    const a = decodePage(utf8(html), 'text/html; charset=ISO-8859-1');
    assert.equal(a.text, html);
    assert.equal(a.encoding, 'utf-8');
    assert.equal(a.mislabelled, 'iso-8859-1');
    const b = decodePage(gbk(html), 'text/html; charset=ISO-8859-1');
    assert.equal(b.text, html);
    assert.equal(b.encoding, 'gb18030');
    assert.equal(b.mislabelled, 'iso-8859-1');
  });

  test('big5 label on GBK bytes loses to gb18030; an honest big5 page keeps big5', () => {
    const html = portalPage('<meta charset="big5">');
    const wrong = decodePage(gbk(html));
    assert.equal(wrong.text, html);
    assert.equal(wrong.encoding, 'gb18030');
    assert.equal(wrong.mislabelled, 'big5');

    const trad = `<html><head><meta charset="big5"><title>臺北市政府資訊公開年度報告</title></head>
<body><p>根據《政府資訊公開條例》規定，本報告由總體情況、主動公開政府資訊情況、收到和處理政府資訊公開申請情況組成。</p></body></html>`;
    const honest = decodePage(iconv.encode(trad, 'big5'));
    assert.equal(honest.encoding, 'big5');
    assert.equal(honest.source, 'meta');
    assert.equal(honest.text, trad);
  });

  test('utf-16 header on ASCII-compatible bytes is ignored', () => {
    const html = portalPage('<meta charset="utf-8">');
    const page = decodePage(utf8(html), 'text/html; charset=utf-16');
    assert.equal(page.text, html);
    assert.equal(page.encoding, 'utf-8');
    assert.equal(page.source, 'meta');
    assert.equal(page.mislabelled, 'utf-16');
  });

  test('binary served as text/html is a DecodeError, not garbage text', () => {
    // A PNG signature and IHDR chunk followed by deterministic pseudo-random "image data".
    const bytes = Buffer.alloc(4096);
    Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex').copy(bytes);
    let x = 12345;
    for (let i = 16; i < bytes.length; i++) {
      x = (x * 1103515245 + 12345) >>> 0;
      bytes[i] = x >>> 24;
    }
    assert.throws(
      () => decodePage(bytes, 'text/html; charset=utf-8', 'http://www.example.gov.cn/img.html'),
      (err: unknown) => err instanceof DecodeError && err.stage === 'decode' && /img\.html/.test(err.message),
    );
  });
});

describe('real samples (chardet test corpus), from bytes alone', () => {
  const cases: Array<{ file: string; expect: string[] }> = [
    {
      file: '_chromium_gb18030_with_no_encoding_specified.html.xml',
      expect: ['<title>中国制造的领军者3名</title>', '马兴瑞，中国航天科技集团公司总经理', '《梅兰芳》', '殚精竭虑'],
    },
    {
      file: '_mozilla_bug171813_text.html',
      expect: ['搜狐在线国庆免费大酬宾', '拨95933上网魔力宝贝免费玩', '95933网费天天最低6毛/小时'],
    },
    {
      file: 'cnblog.org.xml',
      expect: ['出版商oreilly推出了开放图书项目', '它能让你随时随地的发布Blog内容', '每六条RSS文摘放置一条广告'],
    },
  ];
  for (const { file, expect } of cases) {
    test(file, () => {
      const bytes = realSample(file);
      for (const contentType of [undefined, 'text/html', 'text/html; charset=utf-8']) {
        const page = decodePage(bytes, contentType);
        assert.equal(page.encoding, 'gb18030', `${file} with ${contentType}`);
        assert.ok(!page.text.includes('\ufffd'), `${file}: U+FFFD with ${contentType}`);
        assert.ok(!looksLikeMojibake(page.text), file);
        for (const s of expect) assert.ok(page.text.includes(s), `${file} lacks ${s} with ${contentType}`);
        if (contentType?.includes('utf-8')) assert.equal(page.mislabelled, 'utf-8');
      }
    });
  }
  test('the RSS feed is attributed to its XML declaration, the other two to sniffing', () => {
    assert.equal(decodePage(realSample('cnblog.org.xml')).source, 'xml-declaration');
    assert.equal(decodePage(realSample('_mozilla_bug171813_text.html')).source, 'sniffed');
    assert.equal(decodePage(realSample('_chromium_gb18030_with_no_encoding_specified.html.xml')).source, 'sniffed');
  });
});

describe('seed reports through GBK and back', () => {
  for (const { name, text } of seeds) {
    test(name, () => {
      // GBK has no NBSP or em space; GBK pages write them as &nbsp; entities.
      const body = text.replace(/[\u00a0\u2003]/g, ' ');
      const html = portalPage('', `<div class="TRS_Editor">${body}</div>`);
      for (const contentType of [undefined, 'text/html; charset=utf-8']) {
        const page = decodePage(gbk(html), contentType);
        assert.equal(page.encoding, 'gb18030');
        assert.equal(page.text, html, `${name} with ${contentType}`);
      }
      const exact = decodePage(iconv.encode(text, 'gb18030'), 'text/plain; charset=gb2312');
      assert.equal(exact.text, text);
      assert.equal(exact.source, 'header');
    });
  }
});

describe('looksLikeMojibake', () => {
  test('no seed report is flagged, whole or paragraph by paragraph', () => {
    assert.equal(seeds.length, 5);
    for (const { name, text } of seeds) {
      assert.equal(looksLikeMojibake(text), false, name);
      for (const para of text.split(/\n+/)) assert.equal(looksLikeMojibake(para), false, `${name}: ${para}`);
    }
  });

  test('normal text with rare names, typography and mixed scripts is not flagged', () => {
    for (const s of [
      '朱镕基 王堃 李燊 张喆',
      '浏览次数：1915　　【字体：大 中 小】　　打印本页',
      '“……”——（一）主动公开情况。①②③ Ⅰ、Ⅱ、Ⅲ · 50% × 3',
      '河南省人民政府门户网站 www.henan.gov.cn © 2019 版权所有 豫ICP备05018000号',
      '单位\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0数量',
      'Café, naïve, Größe: réunion of the Comité',
    ]) {
      assert.equal(looksLikeMojibake(s), false, s);
    }
  });

  test('UTF-8 Chinese read as Latin-1 / cp1252', () => {
    for (const { name, text } of seeds) {
      assert.ok(looksLikeMojibake(utf8(text).toString('latin1')), `${name} latin1`);
      assert.ok(looksLikeMojibake(iconv.decode(utf8(text), 'windows-1252')), `${name} cp1252`);
    }
    assert.ok(looksLikeMojibake(iconv.decode(utf8('2019年'), 'windows-1252'))); // 2019å¹´
    assert.ok(looksLikeMojibake('æ”¿åºœä¿¡æ�¯å…¬å¼€'));
    assert.ok(looksLikeMojibake('CafÃ© rÃ©union'));
  });

  test('GBK read as UTF-8 (U+FFFD) and GBK read as Latin-1', () => {
    for (const { name, text } of seeds) {
      assert.ok(looksLikeMojibake(gbk(text).toString('utf8')), `${name} as utf-8`);
      assert.ok(looksLikeMojibake(gbk(text).toString('latin1')), `${name} as latin1`);
    }
    assert.ok(looksLikeMojibake(gbk('发布时间').toString('utf8')));
    assert.ok(looksLikeMojibake(gbk('中华人民共和国').toString('latin1'))); // ÖÐ»ªÈËÃñ¹²ºÍ¹ú
  });

  test('UTF-8 read as GBK: whole reports and short fragments', () => {
    for (const { name, text } of seeds) {
      assert.ok(looksLikeMojibake(iconv.decode(utf8(text), 'gbk')), name);
    }
    const asGbk = (s: string): string => iconv.decode(utf8(s), 'gbk');
    assert.equal(asGbk('发布时间'), '鍙戝竷鏃堕棿');
    for (const s of ['发布时间', '文件', '安全', '政府信息公开', '，：']) {
      assert.ok(looksLikeMojibake(asGbk(s)), `${s} → ${asGbk(s)}`);
    }
    assert.ok(looksLikeMojibake('锟斤拷锟斤拷锟斤拷'));
  });
});

describe('charset labels', () => {
  test('GB2312 family is gb18030; latin1 is windows-1252; junk is ignored', () => {
    for (const l of ['gb2312', 'GB2312', 'gbk', 'x-gbk', 'GB_2312-80', 'cp936', 'EUC-CN', '"gb2312"', 'gb18030']) {
      assert.equal(normaliseCharset(l), 'gb18030', l);
    }
    assert.equal(normaliseCharset('UTF8'), 'utf-8');
    assert.equal(normaliseCharset('iso-8859-1'), 'windows-1252');
    assert.equal(normaliseCharset('none'), undefined);
    assert.equal(normaliseCharset(''), undefined);
  });

  test('Content-Type parameter parsing', () => {
    assert.equal(charsetParam('text/html; charset="GB2312"'), 'GB2312');
    assert.equal(charsetParam('text/html;charset=utf-8;foo=bar'), 'utf-8');
    assert.equal(charsetParam('text/html'), undefined);
    assert.equal(charsetParam(undefined), undefined);
  });

  test('meta in a comment does not count; XML declaration needs to be at the start', () => {
    const html = '<html><head><!-- <meta charset="utf-8"> --><meta http-equiv="content-type" content="text/html;charset=gbk"></head></html>';
    assert.equal(metaCharset(Buffer.from(html)), 'gbk');
    assert.equal(xmlDeclarationEncoding(Buffer.from('<?xml version="1.0" encoding=\'gb2312\'?><rss/>')), 'gb2312');
    assert.equal(xmlDeclarationEncoding(Buffer.from('<html><?xml encoding="gb2312"?></html>')), undefined);
  });
});
