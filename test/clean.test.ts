import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as cheerio from 'cheerio';
import { renderText } from '../src/clean/html-to-text.js';
import { findContentBlock } from '../src/clean/content-block.js';
import { extractReport } from '../src/clean/extract-report.js';

const URL_ = 'http://www.luyi.gov.cn/zwgk/ndbg/202001/t20200115_1.html';

function render(html: string) {
  const $ = cheerio.load(`<div id="root">${html}</div>`);
  return renderText($('#root').get(0)!, URL_);
}

test('paragraphs become lines; formatting whitespace goes, tab columns stay', () => {
  const { text } = render(`
    <p>一、总体情况</p>
    <p>
      2019年，鹿邑县认真贯彻落实
      党中央的要求。Open Government
      Information.
    </p>
    <p>\t自然人\t法人或其他组织\t\t总计</p>
    <p>信息内容&nbsp;&nbsp;&nbsp;本年新制作数量</p>`);
  assert.deepEqual(text.split('\n'), [
    '一、总体情况',
    '2019年，鹿邑县认真贯彻落实党中央的要求。Open Government Information.',
    '\t自然人\t法人或其他组织\t\t总计',
    '信息内容   本年新制作数量',
  ]);
});

test('images are referenced at their place and resolved against the page', () => {
  const { text, images } = render(`<p>第一段</p><p><img src="./W020190401/111.jpg" alt="图解"></p><p>第二段</p>
    <p><img src="/images/3898397580131385"></p><p><img src="../111.jpg"></p>`);
  assert.deepEqual(text.split('\n'), ['第一段', '[图片:111.jpg]', '第二段', '[图片:3898397580131385]', '[图片:2_111.jpg]']);
  assert.equal(images[0]!.url, 'http://www.luyi.gov.cn/zwgk/ndbg/202001/W020190401/111.jpg');
  assert.equal(images[0]!.alt, '图解');
  assert.equal(images[2]!.file, '2_111.jpg', 'same basename twice must not overwrite');
});

test('HTML tables render one row per line, cells tab-separated; scripts vanish', () => {
  const { text } = render(`<table><tr><td>统计指标</td><td>单位</td><td>统计数</td></tr>
    <tr><td>主动公开政府信息数</td><td>条</td><td>15036</td></tr></table><script>var a = "不应出现";</script>`);
  assert.deepEqual(text.split('\n'), ['统计指标\t单位\t统计数', '主动公开政府信息数\t条\t15036']);
});

const CHROME = `<div class="nav"><a href="/">首页</a><a href="/zwgk/">政务公开</a><a href="/hdjl/">互动交流</a></div>
  <div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政府信息公开</a> &gt; 年度报告</div>`;
const FOOTER = `<div class="footer"><p>主办单位：鹿邑县人民政府办公室</p><p>豫ICP备05012345号 豫公网安备 41162802000001号</p><p>政府网站标识码：4116280001</p></div>`;
const BODY_TEXT = Array.from({ length: 8 }, (_, i) => `<p>第${i + 1}段：鹿邑县进一步健全完善了政府信息公开、信息公开统计、工作考核和责任追究等政府信息公开相关制度。</p>`).join('');

test('content block: a known container wins over denser chrome', () => {
  const $ = cheerio.load(`${CHROME}<div class="TRS_Editor">${BODY_TEXT}</div>${FOOTER}`);
  assert.equal($(findContentBlock($)).attr('class'), 'TRS_Editor');
});

test('content block: without a known container the text-dense block is found', () => {
  const related = Array.from({ length: 10 }, (_, i) => `<li><a href="/x/${i}.html">鹿邑县召开第${i}次政务公开工作推进会议暨业务培训会</a></li>`).join('');
  const $ = cheerio.load(`${CHROME}<div class="main"><div class="wenzhang">${BODY_TEXT}</div><ul class="xgyd">${related}</ul></div>${FOOTER}`);
  assert.equal($(findContentBlock($)).attr('class'), 'wenzhang');
});

test('report page: body without chrome, title, date and source from the meta line', () => {
  const html = `<html><head><title>鹿邑县人民政府2019年政府信息公开工作年度报告_鹿邑县人民政府</title></head><body>${CHROME}
    <h1>鹿邑县人民政府2019年政府信息公开工作年度报告</h1>
    <div class="info">发布时间：2020-01-15 09:30 来源：县政府办 浏览次数：231</div>
    <div id="zoom">${BODY_TEXT}</div>
    <div class="xgyd">相关阅读 <a href="/a.html">2019-12-30 会议</a></div>${FOOTER}</body></html>`;
  const report = extractReport(html, URL_, { portalName: '鹿邑县人民政府' });
  assert.equal(report.title, '鹿邑县人民政府2019年政府信息公开工作年度报告');
  assert.equal(report.published, '2020-01-15');
  assert.equal(report.source, '县政府办');
  assert.equal(report.text.split('\n').length, 8);
  for (const chrome of ['首页', '当前位置', '主办单位', 'ICP', '浏览次数', '相关阅读']) assert.ok(!report.text.includes(chrome), chrome);
});

test('report page: a tampered heading loses to the listing title naming the report', () => {
  const html = `<html><head><title>365体育备用网址_365体育备用</title></head><body>
    <h2>2018年云南省365体育备用网址工作报告</h2><div class="TRS_Editor">${BODY_TEXT}</div></body></html>`;
  const report = extractReport(html, 'http://www.yn.gov.cn/zwgk/ndbg/t1.html', {
    portalName: '云南省人民政府',
    listingTitle: '2018年云南省政府信息公开工作年度报告',
    listingDate: '2019-12-19',
  });
  assert.equal(report.title, '2018年云南省政府信息公开工作年度报告');
  assert.equal(report.published, '2019-12-19');
});

test('report page: a truncated listing title loses to the full page heading', () => {
  const html = `<html><body><h1>开封市祥符区人民政府2016年度政府信息公开工作年度报告</h1><div id="zoom">${BODY_TEXT}</div></body></html>`;
  const report = extractReport(html, 'http://www.xiangfu.gov.cn/art/2017/3/4/art_1_2.html', {
    portalName: '开封市祥符区人民政府',
    listingTitle: '开封市祥符区人民政府2016年度政府信息公开...',
  });
  assert.equal(report.title, '开封市祥符区人民政府2016年度政府信息公开工作年度报告');
});
