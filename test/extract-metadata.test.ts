import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { classifyTitle } from '../src/extract/report-title.js';
import { inferReportYear } from '../src/extract/report-year.js';
import { inferIssuer } from '../src/extract/issuer.js';
import { regionName, resolveRegion } from '../src/extract/region.js';
import { findPublishDate } from '../src/extract/publish-date.js';

const SEEDS = new URL('../../shared/seed-reports/', import.meta.url);
const seed = (name: string) => readFileSync(new URL(`${name}.txt`, SEEDS), 'utf8');

/** The metadata the pipeline would file a report under, as file-report.ts combines it. */
function metadata(title: string, fallback: string, text?: string, published?: string, source?: string) {
  const issuer = inferIssuer(title, source);
  const region = resolveRegion([issuer ?? '', title, ...(source ? [source] : [])], fallback);
  return { isReport: classifyTitle(title).isReport, year: inferReportYear(title, text, published), issuer, region };
}

test('seed reports: title, year, issuer and region', () => {
  assert.deepEqual(metadata('河南省2018年政府信息公开工作年度报告', '410000', seed('henan-province-2018')), {
    isReport: true,
    year: 2018,
    issuer: '河南省人民政府',
    region: { code: '410000', name: '河南省' },
  });
  // The heading is split over two lines and spaced: 河南省人民政府办公厅 / 2019 年政府信息公开….
  assert.deepEqual(metadata('河南省人民政府办公厅 2019 年政府信息公开工作年度报告', '410000', seed('henan-office-2019')), {
    isReport: true,
    year: 2019,
    issuer: '河南省人民政府办公厅',
    region: { code: '410000', name: '河南省' },
  });
  assert.deepEqual(metadata('鹿邑县人民政府2019年政府信息公开工作年度报告', '411628', seed('luyi-county-2019')), {
    isReport: true,
    year: 2019,
    issuer: '鹿邑县人民政府',
    region: { code: '411628', name: '鹿邑县' },
  });
  assert.deepEqual(
    metadata('开封市祥符区人民政府2016年度政府信息公开工作年度报告', '410200', seed('kaifeng-xiangfu-2016'), '2017-03-04'),
    { isReport: true, year: 2016, issuer: '开封市祥符区人民政府', region: { code: '410212', name: '祥符区' } },
  );
});

test('yunnan spam seed: both substituted titles, year from the statistics period', () => {
  const text = seed('yunnan-province-2018-spam');
  // The page heading has no year; the text's 2018年1月1日—12月31日 gives it (published 2019-12-19).
  assert.deepEqual(metadata('云南省365体育备用网址工作年度报告', '530000', text, '2019-12-19', '365体育备用'), {
    isReport: true,
    year: 2018,
    issuer: '云南省人民政府',
    region: { code: '530000', name: '云南省' },
  });
  assert.deepEqual(metadata('2018年云南省365体育备用网址工作报告', '530000'), {
    isReport: true,
    year: 2018,
    issuer: '云南省人民政府',
    region: { code: '530000', name: '云南省' },
  });
  assert.deepEqual(metadata('2018年云南省政府信息公开工作年度报告', '530000'), {
    isReport: true,
    year: 2018,
    issuer: '云南省人民政府',
    region: { code: '530000', name: '云南省' },
  });
});

test('classifyTitle: reports', () => {
  const reports = [
    '鹿邑县人民政府2019年政府信息公开工作年度报告',
    '2018年云南省政府信息公开工作年度报告',
    '开封市祥符区人民政府2016年度政府信息公开工作年度报告',
    '河南省2018年政府信息公开工作年度报告',
    '河南省人民政府办公厅2019年政府信息公开工作年度报告',
    '鹿邑县财政局2020年度政府信息公开年报',
    '2019年政务公开工作年度报告',
    '关于鹿邑县2019年政府信息公开工作年度报告',
    '鹿邑县人民政府2019年政府信息公开工作年…',
    '鹿邑县人民政府2019年政府信息公开工作年度...',
    '云南省365体育备用网址工作年度报告',
    '2018年云南省365体育备用网址工作报告',
    '２０１９年鹿邑县政府信息公开工作年度报告',
    '鹿邑县人民政府二〇一九年政府信息公开工作年度报告',
    '二○一八年河南省教育厅政府信息公开工作年度报告',
    '《郑州市人民政府2019年度政府信息公开工作年度报告》',
    '郑州市人民政府2019年度政府信息公开工作年度报告（更正版）',
    '2018年云南省政府信息与政务公开工作年度报告',
    '鹿邑县人民政府信息公开2019年度报告',
    '开封县2009年政府信息公开工作报告',
    '政府信息公开工作年度报告(2019年)',
    '鹿邑县机构编制委员会办公室2019年政府信息公开工作年度报告',
    '鹿邑县人民政府督查室2019年政府信息公开工作年度报告',
    '鹿邑县2019年政府信息公开工作年度报告(附统计表)',
    '鹿邑县人民政府2019年政府信息公开工作年度报告_鹿邑县人民政府门户网站',
    '2020-01-15 鹿邑县人民政府2019年政府信息公开工作年度报告',
  ];
  for (const t of reports) assert.equal(classifyTitle(t).isReport, true, `${t}: ${classifyTitle(t).reason}`);
});

test('classifyTitle: decoys', () => {
  const decoys = [
    '2019年河南省政府工作报告',
    '关于2018年全省预算执行情况和2019年预算草案的报告',
    '河南省2018年国民经济和社会发展统计公报',
    '政府信息公开指南',
    '鹿邑县政府信息公开指南',
    '政府信息公开目录',
    '关于做好2019年政府信息公开工作年度报告编制发布工作的通知',
    '关于报送2019年度政府信息公开工作年度报告的通知',
    '2018年度部门决算公开',
    '企业年度报告公示提醒',
    '政府信息公开工作年度报告解读',
    '《鹿邑县2019年政府信息公开工作年度报告》解读',
    '2019年度政府信息公开工作年度报告（图解）',
    '一图读懂河南省2019年政府信息公开工作年度报告',
    '2019年政务公开工作要点',
    '财政预算',
    '鹿邑县召开2019年政务公开工作推进会',
    '2019年度法治政府建设工作报告',
    '关于2018年度省级预算执行和其他财政收支的审计工作报告',
    '鹿邑县人民政府网站2019年工作年度报表',
    '2019年度法治政府建设工作年度报告',
    '郑州市2019年度政府信息公开工作年度报告第三方评估报告',
    '关于2019年度政府信息公开工作年度报告检查情况的通报',
    '政府信息公开年报', // a column heading
    '部门信息公开年报', // sibling columns of a 年报 tree
    '乡镇信息公开年报',
    '县直部门政府信息公开工作年度报告',
    '2019年政府信息公开情况统计表',
    '鹿邑县人民政府2019年政府信息公开…', // cut before what tells a report from 工作要点
    '鹿邑县政府信息公开指南（2020年版）',
    '《2019年政务公开工作要点》',
    '365体育备用网址_365体育备用', // the spam seed's <title>: nothing of the phrase left
    '根据《中华人民共和国政府信息公开条例》，现公布鹿邑县2019年政府信息公开工作年度报告。',
  ];
  for (const t of decoys) assert.equal(classifyTitle(t).isReport, false, `${t}: ${classifyTitle(t).reason}`);
});

test('classifyTitle gives reasons', () => {
  assert.match(classifyTitle('云南省365体育备用网址工作年度报告').reason, /spam/);
  assert.match(classifyTitle('政府信息公开工作年度报告解读').reason, /interpretation/);
  assert.match(classifyTitle('2019年河南省政府工作报告').reason, /政府工作报告/);
});

test('classifyTitle over seed lines: only headings are called reports', () => {
  const called: string[] = [];
  for (const name of ['henan-province-2018', 'henan-office-2019', 'luyi-county-2019', 'kaifeng-xiangfu-2016', 'yunnan-province-2018-spam']) {
    for (const line of seed(name).split('\n')) {
      if (line.trim() && classifyTitle(line).isReport) called.push(line.trim());
    }
  }
  assert.deepEqual(called.sort(), [
    '2018年云南省365体育备用网址工作报告',
    '2019 年政府信息公开工作年度报告',
    '云南省365体育备用网址工作年度报告',
    '开封市祥符区人民政府2016年度政府信息公开工作年度报告',
    '河南省2018年政府信息公开工作年度报告',
    '鹿邑县人民政府2019年政府信息公开工作年度报告',
  ]);
});

test('inferReportYear: title forms', () => {
  assert.equal(inferReportYear('开封市祥符区人民政府2016年度政府信息公开工作年度报告'), 2016);
  assert.equal(inferReportYear('鹿邑县人民政府二〇一九年政府信息公开工作年度报告'), 2019);
  assert.equal(inferReportYear('鹿邑县人民政府二○一九年政府信息公开工作年度报告'), 2019);
  assert.equal(inferReportYear('二零一八年度河南省政府信息公开工作年度报告'), 2018);
  assert.equal(inferReportYear('２０１９年鹿邑县政府信息公开工作年度报告'), 2019);
  assert.equal(inferReportYear('河南省人民政府办公厅 2019 年政府信息公开工作年度报告'), 2019);
  assert.equal(inferReportYear('政府信息公开工作年度报告（2019年）'), 2019);
  assert.equal(inferReportYear('鹿邑县人民政府信息公开2019年度报告'), 2019);
});

test('inferReportYear: two years — the one by the report phrase', () => {
  assert.equal(inferReportYear('关于2020年发布鹿邑县2019年度政府信息公开工作年度报告'), 2019);
  assert.equal(inferReportYear('2020年1月鹿邑县2019年政府信息公开工作年度报告'), 2019);
  assert.equal(inferReportYear('鹿邑县2019年政府信息公开工作年度报告（2020年1月15日）'), 2019);
  // A document number cites a year; it is not the subject.
  assert.equal(inferReportYear('依据国办公开办函〔2019〕60号：鹿邑县2018年政府信息公开工作年度报告'), 2018);
});

test('inferReportYear: from the text, then from publication', () => {
  const noYear = '鹿邑县人民政府政府信息公开工作年度报告';
  assert.equal(inferReportYear(noYear, '本报告中所列数据的统计期限为2018年1月1日至2018年12月31日。'), 2018);
  assert.equal(inferReportYear(noYear, '本年度报告中使用数据统计期限为2017年1月1日—12月31日。'), 2017);
  assert.equal(inferReportYear(noYear, '本报告内容涵盖全区2016年1月至12月期间的政府信息公开工作情况'), 2016);
  assert.equal(inferReportYear(noYear, '统计期限为二〇一九年一月一日至十二月三十一日'), 2019);
  assert.equal(inferReportYear(noYear, '现公布开封市祥符区2015年度政府信息公开工作年度报告。'), 2015);
  assert.equal(inferReportYear(noYear, '正文没有年份。', '2020-01-15'), 2019);
  assert.equal(inferReportYear(noYear, undefined, '2019-03-31 23:04'), 2018);
  assert.equal(inferReportYear(noYear), undefined);
  // Out of range years are ignored.
  assert.equal(inferReportYear('鹿邑县1998年政府信息公开工作年度报告', undefined, '2005-01-01'), undefined);
});

test('inferIssuer', () => {
  const cases: [string, string | undefined][] = [
    ['鹿邑县人民政府2019年政府信息公开工作年度报告', '鹿邑县人民政府'],
    ['河南省人民政府办公厅2019年政府信息公开工作年度报告', '河南省人民政府办公厅'],
    ['河南省2018年政府信息公开工作年度报告', '河南省人民政府'],
    ['2018年云南省政府信息公开工作年度报告', '云南省人民政府'],
    ['开封市祥符区人民政府2016年度政府信息公开工作年度报告', '开封市祥符区人民政府'],
    ['开封市祥符区2016年度政府信息公开工作年度报告', '开封市祥符区人民政府'],
    ['鹿邑县2019年政府信息公开工作年度报告', '鹿邑县人民政府'],
    ['鹿邑2019年政府信息公开工作年度报告', '鹿邑县人民政府'],
    ['河南2019年政府信息公开工作年度报告', '河南省人民政府'],
    ['鹿邑县政府2019年政府信息公开工作年度报告', '鹿邑县人民政府'],
    ['河南省政府办公厅2019年政府信息公开工作年度报告', '河南省人民政府办公厅'],
    ['河南省发展和改革委员会2019年政府信息公开工作年度报告', '河南省发展和改革委员会'],
    ['鹿邑县财政局2020年度政府信息公开年报', '鹿邑县财政局'],
    ['关于鹿邑县2019年政府信息公开工作年度报告', '鹿邑县人民政府'],
    ['【鹿邑县人民政府】2019年政府信息公开工作年度报告', '鹿邑县人民政府'],
    ['2019年 鹿邑县 政府信息公开工作年度报告', '鹿邑县人民政府'],
    ['鹿邑县人民政府信息公开2019年度报告', '鹿邑县人民政府'],
    ['鹿邑县人民政府政府信息公开工作年度报告', '鹿邑县人民政府'],
    ['开封县人民政府2013年政府信息公开工作年度报告', '开封县人民政府'],
    ['云南省365体育备用网址工作年度报告', '云南省人民政府'],
    ['2018年云南省365体育备用网址工作报告', '云南省人民政府'],
    ['2020-01-15鹿邑县人民政府2019年政府信息公开工作年度报告', '鹿邑县人民政府'],
    ['2020年鹿邑县2019年度政府信息公开工作年度报告', '鹿邑县人民政府'],
    ['2019年政府信息公开工作年度报告(鹿邑县财政局)', '鹿邑县财政局'],
    ['2019年政府信息公开工作年度报告（更正）', undefined],
    ['大理州2019年政府信息公开工作年度报告', '大理白族自治州人民政府'],
    ['2019年全省政府信息公开工作年度报告', undefined],
    ['2019年政府信息公开工作年度报告', undefined],
  ];
  for (const [title, issuer] of cases) assert.equal(inferIssuer(title), issuer, title);
});

test('inferIssuer falls back to the 来源/发布机构 value', () => {
  assert.equal(inferIssuer('2019年政府信息公开工作年度报告', '来源:省政府办公厅'), '省政府办公厅');
  assert.equal(inferIssuer('2019年政府信息公开工作年度报告', '发布机构：鹿邑县人民政府'), '鹿邑县人民政府');
  assert.equal(inferIssuer('2019年政府信息公开工作年度报告', '来源: 鹿邑县 | 作者:admin | 发布时间: 2020-01-15'), '鹿邑县人民政府');
  assert.equal(inferIssuer('2019年政府信息公开工作年度报告', '来源: | 作者:pmo668239 | 发布时间: 2017-03-04'), undefined);
  assert.equal(inferIssuer('2019年政府信息公开工作年度报告', '来源: 365体育备用:办公厅'), undefined);
  assert.equal(inferIssuer('鹿邑县人民政府2019年政府信息公开工作年度报告', '来源:周口市'), '鹿邑县人民政府');
});

test('resolveRegion: most specific name, departments under their government', () => {
  assert.deepEqual(resolveRegion(['河南省人民政府']), { code: '410000', name: '河南省' });
  assert.deepEqual(resolveRegion(['河南省教育厅']), { code: '410000', name: '河南省' });
  assert.deepEqual(resolveRegion(['鹿邑县财政局']), { code: '411628', name: '鹿邑县' });
  assert.deepEqual(resolveRegion(['周口市鹿邑县人民政府']), { code: '411628', name: '鹿邑县' });
  assert.deepEqual(resolveRegion(['开封市祥符区']), { code: '410212', name: '祥符区' });
  assert.deepEqual(resolveRegion(['祥符区人民政府']), { code: '410212', name: '祥符区' });
  assert.deepEqual(resolveRegion(['周口市人民政府']), { code: '411600', name: '周口市' });
  assert.deepEqual(resolveRegion(['济源市人民政府']), { code: '419001', name: '济源市' });
  assert.deepEqual(resolveRegion(['浦东新区人民政府']), { code: '310115', name: '浦东新区' });
});

test('resolveRegion: short forms only where unambiguous', () => {
  assert.deepEqual(resolveRegion(['鹿邑2019年政府信息公开工作年度报告']), { code: '411628', name: '鹿邑县' });
  // 河南 is also the stem of 河南蒙古族自治县 (青海); said bare it means the province.
  assert.deepEqual(resolveRegion(['河南2018年政府信息公开工作年度报告']), { code: '410000', name: '河南省' });
  assert.deepEqual(resolveRegion(['广西']), { code: '450000', name: '广西壮族自治区' });
  assert.deepEqual(resolveRegion(['内蒙古']), { code: '150000', name: '内蒙古自治区' });
  assert.deepEqual(resolveRegion(['恩施州人民政府']), { code: '422800', name: '恩施土家族苗族自治州' });
  assert.deepEqual(resolveRegion(['开封祥符区']), { code: '410212', name: '祥符区' });
  // A prefecture's short form may open an organisation's name; a county's may not.
  assert.deepEqual(resolveRegion(['郑州航空港经济综合实验区管理委员会']), { code: '410100', name: '郑州市' });
  assert.deepEqual(resolveRegion(['大理州']), { code: '532900', name: '大理白族自治州' });
  assert.deepEqual(resolveRegion(['大理市']), { code: '532901', name: '大理市' });
  // 澳门 is not filed: no reports come from there, and gambling spam loves the word.
  assert.equal(resolveRegion(['澳门新葡京工作年度报告']), undefined);
  // Words that are also county names: 公安(县), 中原(区) inside 中原经济区.
  assert.deepEqual(resolveRegion(['河南省公安厅']), { code: '410000', name: '河南省' });
  assert.deepEqual(resolveRegion(['鹿邑县公安局']), { code: '411628', name: '鹿邑县' });
  assert.equal(resolveRegion(['公安局']), undefined);
  assert.equal(resolveRegion(['中原经济区']), undefined);
  assert.equal(resolveRegion(['中华人民共和国']), undefined);
  // Longest name first: 平和县 is not 和县.
  assert.deepEqual(resolveRegion(['平和县人民政府']), { code: '350628', name: '平和县' });
  // A bare short form outside the portal's province is not trusted.
  assert.deepEqual(resolveRegion(['鹿邑2019年报告'], '530000'), { code: '530000', name: '云南省' });
});

test('resolveRegion: duplicate county names', () => {
  // 鼓楼区: 南京, 徐州, 福州, 开封.
  assert.deepEqual(resolveRegion(['开封市鼓楼区人民政府']), { code: '410204', name: '鼓楼区' });
  assert.deepEqual(resolveRegion(['福建省福州市鼓楼区']), { code: '350102', name: '鼓楼区' });
  assert.deepEqual(resolveRegion(['鼓楼区人民政府'], '410000'), { code: '410204', name: '鼓楼区' });
  assert.deepEqual(resolveRegion(['鼓楼区人民政府'], '320300'), { code: '320302', name: '鼓楼区' });
  // Two in 江苏: undecidable, so the portal's own region.
  assert.deepEqual(resolveRegion(['鼓楼区人民政府'], '320000'), { code: '320000', name: '江苏省' });
  assert.equal(resolveRegion(['鼓楼区人民政府']), undefined);
  // Context from another string: the title names the city.
  assert.deepEqual(resolveRegion(['鼓楼区人民政府', '徐州市鼓楼区2019年政府信息公开工作年度报告']), {
    code: '320302',
    name: '鼓楼区',
  });
  assert.deepEqual(resolveRegion(['北京市朝阳区人民政府']), { code: '110105', name: '朝阳区' });
  assert.deepEqual(resolveRegion(['朝阳区人民政府'], '220100'), { code: '220104', name: '朝阳区' });
  // Generic names need their city right before them.
  assert.deepEqual(resolveRegion(['晋城市城区人民政府']), { code: '140502', name: '城区' });
  assert.deepEqual(resolveRegion(['城区人民政府'], '140000'), { code: '140000', name: '山西省' });
});

test('resolveRegion: historical names filed under today\'s code', () => {
  assert.deepEqual(resolveRegion(['开封县人民政府2013年政府信息公开工作年度报告']), { code: '410212', name: '开封县' });
  assert.deepEqual(resolveRegion(['开封市开封县']), { code: '410212', name: '开封县' });
  assert.deepEqual(resolveRegion(['襄樊市人民政府']), { code: '420600', name: '襄樊市' });
  assert.deepEqual(resolveRegion(['思茅市人民政府']), { code: '530800', name: '思茅市' });
  assert.deepEqual(resolveRegion(['许昌县人民政府']), { code: '411003', name: '许昌县' });
  // Former suffixes found by rule: 淮阳县 → 淮阳区 (2019), 铜仁地区 → 铜仁市 (2011), 从化市 → 从化区 (2014).
  assert.deepEqual(resolveRegion(['淮阳县人民政府']), { code: '411603', name: '淮阳县' });
  assert.deepEqual(resolveRegion(['铜仁地区行政公署']), { code: '520600', name: '铜仁地区' });
  assert.deepEqual(resolveRegion(['广州市从化市人民政府']), { code: '440117', name: '从化市' });
  // 莱芜市 is gone (济南市), 莱芜区 is today's district.
  assert.deepEqual(resolveRegion(['莱芜市人民政府']), { code: '370100', name: '莱芜市' });
  assert.deepEqual(resolveRegion(['莱芜区人民政府']), { code: '370116', name: '莱芜区' });
});

test('resolveRegion: nothing found falls back to the portal region', () => {
  assert.deepEqual(resolveRegion(['省政府办公厅'], '410000'), { code: '410000', name: '河南省' });
  assert.deepEqual(resolveRegion([''], '411628'), { code: '411628', name: '鹿邑县' });
  assert.equal(resolveRegion(['省政府办公厅']), undefined);
});

test('regionName', () => {
  assert.equal(regionName('410000'), '河南省');
  assert.equal(regionName('411600'), '周口市');
  assert.equal(regionName('411628'), '鹿邑县');
  assert.equal(regionName('410212'), '祥符区');
  assert.equal(regionName('410224'), undefined); // 开封县's old code (410221 is 杞县)
  assert.equal(regionName('410171'), undefined); // a development zone's statistical code
});

test('findPublishDate', () => {
  assert.equal(findPublishDate('河南省人民政府门户网站 www.topless40.com 时间:2019-03-31 23:04 来源:省政府办公厅'), '2019-03-31');
  assert.equal(findPublishDate('来源: | 作者:pmo668239 | 发布时间: 2017-03-04 | 1915 次浏览'), '2017-03-04');
  assert.equal(findPublishDate('来源: 365体育备用:办公厅          2019-12-19 15:07:05 【字体:'), '2019-12-19');
  assert.equal(findPublishDate('发布日期：2020年01月15日'), '2020-01-15');
  assert.equal(findPublishDate('索引号：123 生成日期：2020-1-5 文号：无'), '2020-01-05');
  assert.equal(findPublishDate('[ 2019-03-31 ]'), '2019-03-31');
  assert.equal(findPublishDate('发布时间：２０２０年１月１５日'), '2020-01-15');
  // Labelled beats bare; 发布 beats 成文.
  assert.equal(findPublishDate('2019-01-02 09:00\n发布时间: 2019-03-04'), '2019-03-04');
  assert.equal(findPublishDate('成文日期:2020-01-10 发布日期:2020-01-15'), '2020-01-15');
  // The statistics period is not a publication date.
  assert.equal(findPublishDate('统计期限为2018年1月1日至2018年12月31日。'), undefined);
  assert.equal(findPublishDate('统计时间:2018-01-01至2018-12-31'), undefined);
  // A signature date alone on its line.
  assert.equal(findPublishDate('鹿邑县人民政府\n2020年1月15日\n'), '2020-01-15');
  assert.equal(findPublishDate('时间:2019-13-45'), undefined);
  assert.equal(findPublishDate('没有日期'), undefined);
});

test('findPublishDate on seed pages', () => {
  assert.equal(findPublishDate(seed('henan-province-2018')), '2019-03-31');
  assert.equal(findPublishDate(seed('kaifeng-xiangfu-2016')), '2017-03-04');
  assert.equal(findPublishDate(seed('yunnan-province-2018-spam')), '2019-12-19');
});
