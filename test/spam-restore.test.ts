/**
 * restore.ts decides what one brand occurrence stood for from the words around it. These cases are
 * sentences of the kinds issue 9 lists, written here (not taken from the hijack fixtures), each
 * checking one piece of evidence the decision uses.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { namesInUse, restorationCandidates, restoreOccurrence, restoreRun } from '../src/clean/spam/restore.js';
import type { SpamContext } from '../src/clean/spam/spam-types.js';

const XIANGFU: SpamContext = { portalName: '开封市祥符区人民政府', portalHost: 'www.xiangfu.gov.cn', regionCode: '410212' };
const LUYI: SpamContext = { portalName: '鹿邑县人民政府', portalHost: 'www.luyi.gov.cn', regionCode: '411628' };
const words = (context: SpamContext) => restorationCandidates(context, []);

test('brands side by side are decided together: 主动<b><b>信息 is 公开 then 政府', () => {
  const [first, second] = restoreRun('全年通过政府网站主动', '信息1820条，其中规范性文件36件。', [{}, {}], words(LUYI), LUYI);
  assert.equal(first!.replacement + second!.replacement, '公开政府', `${first!.evidence} | ${second!.evidence}`);
});

test('a party committee takes the level of the region named after 中共, not the portal\'s', () => {
  // On a district's page, 中共开封<b> is the city's committee.
  const r = restoreOccurrence('相关链接：中共开封', '　开封市人民政府　开封市政协', words(XIANGFU), XIANGFU);
  assert.equal(r.replacement, '市委', r.evidence);
  // 县委、县政府 on a county's page: the county's committee, never the city's.
  const county = restoreOccurrence('2023年，在', '、县政府的坚强领导下，全县政务公开工作稳步推进。', words(LUYI), LUYI);
  assert.equal(county.replacement, '县委', county.evidence);
});

test('市委办公室、市<b>办公室 is the government beside its committee', () => {
  const r = restoreOccurrence('市委办公室、市', '办公室要加强督促检查，确保各项任务落到实处。', words(XIANGFU), XIANGFU);
  assert.equal(r.replacement, '政府', r.evidence);
});

test('a title that opens with its issuer names the portal\'s own government', () => {
  const r = restoreOccurrence('', '2019年政府信息公开工作年度报告', words(LUYI), LUYI);
  assert.ok(['鹿邑县', '鹿邑县人民政府'].includes(r.replacement), r.evidence);
});

test('a sentence that says 我县 names another government than the portal\'s own', () => {
  const own = restoreOccurrence('（五）监督检查。', '县人民政府办公室对全县政务公开工作进行专项检查。', words(LUYI), LUYI);
  const other = restoreOccurrence('（五）监督检查。', '市人民政府办公室对我县政务公开工作进行专项检查。', words(LUYI), LUYI);
  assert.notEqual(other.replacement, '鹿邑', other.evidence);
  assert.notEqual(other.replacement, own.replacement || 'none', `${own.evidence} | ${other.evidence}`);
});

test('namesInUse lists the words the page writes after each untouched place name', () => {
  const names = namesInUse(['会同鹿邑县农业农村局、周口市财政局开展检查。', '鹿邑县农业农村局'], ['鹿邑县', '周口市', '河南省']);
  assert.deepEqual(names['鹿邑县'], ['农业农']);
  assert.deepEqual(names['周口市'], ['财政局']);
  assert.equal(names['河南省'], undefined);
});

test('no candidate clearly ahead: the brand is removed, with the ranking on record', () => {
  const r = restoreOccurrence('', '', words(LUYI), LUYI);
  assert.equal(r.replacement, '');
  assert.match(r.evidence, /∅/);
});
