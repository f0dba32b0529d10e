import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as cheerio from 'cheerio';
import { learnSubstitutions, repairText, stripPageSpam, type SpamContext } from '../src/clean/spam/index.js';
import { spamCases, seed } from './fixtures/spam/labelled-set.js';
import { CLEAN_TEXTS } from './fixtures/spam/clean-texts.js';
import { scoreRepair } from './fixtures/spam/measure.js';

function repairAll(text: string, context: SpamContext) {
  return repairText(text, learnSubstitutions([text], context), 'text');
}

function contextOf(c: { portalName: string; portalHost: string; listingTitle?: string }): SpamContext {
  return { portalName: c.portalName, portalHost: c.portalHost, ...(c.listingTitle ? { listingTitle: c.listingTitle } : {}) };
}

test('labelled set: character-level precision, recall and restoration', () => {
  const cases = spamCases();
  assert.ok(cases.length >= 12);
  const total = { injected: 0, removed: 0, removedInjected: 0, restorable: 0, restored: 0 };
  const failures: string[] = [];
  for (const c of cases) {
    const { text } = repairAll(c.text, contextOf(c));
    const s = scoreRepair(c.text, text, c.spans);
    for (const k of Object.keys(total) as Array<keyof typeof total>) total[k] += s[k];
    failures.push(...s.failures.map((f) => `${c.name}: ${f}`));
    // Every case on its own must lose most of its spam.
    assert.ok(s.removedInjected / s.injected >= 0.9, `${c.name}: recall ${s.removedInjected}/${s.injected}`);
  }
  const precision = total.removedInjected / total.removed;
  const recall = total.removedInjected / total.injected;
  const restoration = total.restored / total.restorable;
  console.log(`# spam cases ${cases.length}, injected chars ${total.injected}, removed ${total.removed}, substitutions with a knowable original ${total.restorable}`);
  console.log(`# spam precision ${precision.toFixed(4)} recall ${recall.toFixed(4)} restoration ${restoration.toFixed(4)}`);
  if (failures.length) console.log(`# not restored: ${failures.slice(0, 10).join('; ')}`);
  assert.ok(precision >= 0.98, `precision ${precision}`);
  assert.ok(recall >= 0.95, `recall ${recall}`);
  assert.ok(restoration >= 0.9, `restoration ${restoration}`);
});

test('the real Yunnan page: forms learned from fixed phrases and the listing title', () => {
  const text = seed('yunnan-province-2018-spam');
  const context = { portalName: '云南省人民政府', portalHost: 'www.yn.gov.cn', listingTitle: '2018年云南省政府信息公开工作年度报告' };
  const model = learnSubstitutions([text], context);
  assert.deepEqual(
    model.forms.map((f) => [f.form, f.replacement]),
    [['365体育备用网址', '政府信息公开'], ['365体育备用:', '云南省人民政府'], ['365体育备用', '']],
  );
  const { text: repaired, findings } = repairText(text, model, 'text');
  assert.ok(!repaired.includes('365'));
  assert.ok(repaired.includes('根据《中华人民共和国政府信息公开条例》'));
  assert.ok(repaired.includes('在汇总云南省人民政府,以及'));
  assert.ok(repaired.includes('主办单位: 云南省人民政府办公厅'));
  assert.ok(repaired.includes('人民群众有获得感、幸福感'));
  assert.equal(repaired.split('\n')[0], '政府信息公开');
  // 32 × 365体育备用网址, 12 × 365体育备用:, 3 × bare 365体育备用 (one in the <title> line).
  assert.equal(findings.length, 47);
  for (const f of findings) {
    assert.match(f.where, /^text:\d+$/);
    const line = repaired.split('\n')[Number(f.where.slice(5)) - 1]!;
    if (f.replacement) assert.ok(line.includes(f.replacement), `${f.where} holds ${f.replacement}`);
  }
});

test('clean texts dense with legitimate words come out byte-identical with no findings', () => {
  for (const c of CLEAN_TEXTS) {
    const { text, findings } = repairAll(c.text, contextOf(c));
    assert.deepEqual(findings, [], c.name);
    assert.equal(text, c.text, c.name);
  }
});

test('the four non-spam seed reports: nothing found except henan-province\'s hijacked domain', () => {
  const seeds: Array<[string, string, string]> = [
    ['henan-province-2018', '河南省人民政府', 'www.henan.gov.cn'],
    ['luyi-county-2019', '鹿邑县人民政府', 'www.luyi.gov.cn'],
    ['henan-office-2019', '河南省人民政府办公厅', 'www.henan.gov.cn'],
    ['kaifeng-xiangfu-2016', '开封市祥符区人民政府', 'www.kfxf.gov.cn'],
  ];
  for (const [name, portalName, portalHost] of seeds) {
    const text = seed(name);
    const { text: repaired, findings } = repairAll(text, { portalName, portalHost });
    if (name === 'henan-province-2018') {
      assert.deepEqual(findings, [{ kind: 'hijacked-domain', found: 'www.topless40.com', replacement: '', where: 'text:3' }]);
      assert.equal(repaired.split('\n')[2], '河南省人民政府门户网站 时间:2019-03-31 23:04 来源:省政府办公厅');
      assert.ok(repaired.includes('hnzfxxgkb@126.com'));
    } else {
      assert.deepEqual(findings, [], name);
      assert.equal(repaired, text, name);
    }
  }
});

test('repairText: titles, 来源 values, unknown forms removed cleanly', () => {
  const context = { portalName: '云南省人民政府', portalHost: 'www.yn.gov.cn' };
  const model = learnSubstitutions(['根据《中华人民共和国365体育备用网址条例》', '来源: 365体育备用:办公厅', '365体育备用网址_365体育备用'], context);
  assert.deepEqual(repairText('《2018年云南省365体育备用工作报告》', model, 'title'), {
    text: '《2018年云南省工作报告》',
    findings: [{ kind: 'substitution', found: '365体育备用', replacement: '', where: 'title' }],
  });
  assert.equal(repairText('365体育备用:办公厅', model, 'source').text, '云南省人民政府办公厅');
  assert.equal(repairText('365体育备用网址_365体育备用', model, 'title').text, '政府信息公开');
  assert.equal(repairText('重要事项公示14267次、365体育备用19854次', model, 'text').text, '重要事项公示14267次、19854次');
  assert.equal(repairText('省政府门户网站“365体育备用”专栏', model, 'text').text, '省政府门户网站专栏');
});

test('repairText: hijacked domains go, e-mail, gov and ordinary domains stay', () => {
  const context = { portalName: '河南省人民政府', portalHost: 'www.henan.gov.cn' };
  const model = learnSubstitutions([], context);
  const keep = '电子邮箱:hnzfxxgkb@126.com,网址 www.henan.gov.cn、www.gov.cn,官方微博 weibo.com/henan,中国教育在线(www.eol.cn)';
  assert.deepEqual(repairText(keep, model, 'text'), { text: keep, findings: [] });
  assert.equal(repairText('河南省人民政府门户网站 www.topless40.com 时间:2019-03-31', model, 'text').text, '河南省人民政府门户网站 时间:2019-03-31');
  assert.equal(repairText('河南省人民政府门户网站 http://www.qp-tiyu.com/', model, 'text').text, '河南省人民政府门户网站');
  const title = repairText('河南省2018年政府信息公开工作年度报告_www.somesite.com', model, 'title');
  assert.equal(title.text, '河南省2018年政府信息公开工作年度报告');
  assert.equal(title.findings[0]?.kind, 'hijacked-domain');
});

test('repairText: keyword runs are injected text; legitimate mentions of gambling stay', () => {
  const context = { portalName: '某某县人民政府', portalHost: 'www.mmx.gov.cn' };
  const text = '依法取缔非法棋牌室23家，严厉打击“六合彩”“时时彩”等非法彩票活动。 bet365体育在线 澳门葡京娱乐官网 百家乐 真人荷官\n体育彩票公益金使用情况。';
  const { text: repaired, findings } = repairAll(text, context);
  assert.equal(repaired, '依法取缔非法棋牌室23家，严厉打击“六合彩”“时时彩”等非法彩票活动。\n体育彩票公益金使用情况。');
  assert.deepEqual(findings.map((f) => [f.kind, f.found, f.where]), [
    ['injected-text', 'bet365体育在线', 'text:1'],
    ['injected-text', '澳门葡京娱乐官网', 'text:1'],
    ['injected-text', '百家乐', 'text:1'],
    ['injected-text', '真人荷官', 'text:1'],
  ]);
});

// ---- stripPageSpam ----------------------------------------------------------------------------

const YN: SpamContext = { portalName: '云南省人民政府', portalHost: 'www.yn.gov.cn' };

function page(head: string, body: string): cheerio.CheerioAPI {
  return cheerio.load(`<!DOCTYPE html><html><head><meta charset="utf-8">${head}</head><body>${body}</body></html>`);
}

const ARTICLE =
  '<div class="header"><ul class="nav"><li><a href="/">首页</a></li></ul></div>' +
  '<div id="zoom"><p>根据《中华人民共和国政府信息公开条例》，现公布2018年度报告。</p></div>';

test('stripPageSpam: hidden link block right after <body> (display:none)', () => {
  const $ = page('<title>2018年云南省政府信息公开工作年度报告_云南省人民政府门户网站</title>',
    '<div style="display:none"><a href="http://www.bet365-vip.com/">bet365体育在线</a> <a href="http://www.amjs888.com/">澳门葡京娱乐官网</a> <a href="http://www.xpj.com/">新葡京娱乐城</a></div>' + ARTICLE);
  const findings = stripPageSpam($, YN);
  assert.deepEqual(findings, [{ kind: 'hidden-block', found: 'bet365体育在线 澳门葡京娱乐官网 新葡京娱乐城', replacement: '', where: 'page' }]);
  assert.equal($('a[href*="bet365"]').length, 0);
  assert.ok($('#zoom').text().includes('政府信息公开条例'));
});

test('stripPageSpam: off-screen block and text-indent keyword list from a <style> rule', () => {
  const $ = page('<style>.seo-k{text-indent:-9999px;overflow:hidden;height:20px}</style>',
    ARTICLE + '<div style="position:absolute;left:-9999px;top:-9999px;"><a href="/365/">365体育备用网址</a> <a href="/365/">365体育备用官网</a> <a href="/365/">体育投注</a> <a href="/365/">真人娱乐</a></div>' +
    '<p class="seo-k">百家乐 真人荷官 网上赌场 六合彩开奖 北京赛车pk10</p>');
  const findings = stripPageSpam($, YN);
  assert.deepEqual(findings.map((f) => f.kind), ['hidden-block', 'hidden-block']);
  assert.equal(findings[0]!.found, '365体育备用网址 365体育备用官网 体育投注 真人娱乐');
  assert.equal(findings[1]!.found, '百家乐 真人荷官 网上赌场 六合彩开奖 北京赛车pk10');
  assert.ok(!$('body').text().includes('百家乐'));
  assert.ok(!$('body').text().includes('365'));
});

test('stripPageSpam: referrer redirect, foreign spam script, meta refresh', () => {
  const $ = page(
    '<meta http-equiv="refresh" content="0;url=http://www.xpj888.com/">' +
      '<script src="http://js.tiyu-cdn.top/a.js"></script>' +
      '<script>var s=document.referrer;if(s.indexOf("baidu")>0||s.indexOf("sogou")>0||s.indexOf("so.com")>0){window.location.href="http://www.hg8868.com/";}</script>' +
      '<script>if(/baiduspider|googlebot/i.test(navigator.userAgent)){document.write(\'<iframe src="http://x.example.net" width="100%" height="1200"></iframe>\');}</script>',
    ARTICLE,
  );
  const findings = stripPageSpam($, YN);
  assert.deepEqual(findings.map((f) => f.kind), ['redirect-script', 'redirect-script', 'redirect-script', 'redirect-script']);
  assert.equal($('script').length, 0);
  assert.equal($('meta[http-equiv="refresh"]').length, 0);
});

test('stripPageSpam: hijacked <title>, repaired from what the page reveals', () => {
  const $ = page('<title>365体育备用网址_365体育备用</title>',
    '<div id="zoom"><p>根据《中华人民共和国365体育备用网址条例》要求，形成了《2018年云南省365体育备用网址工作报告》。</p></div>');
  assert.deepEqual(stripPageSpam($, YN), [{ kind: 'hijacked-title', found: '365体育备用网址_365体育备用', replacement: '政府信息公开', where: 'page' }]);

  const $2 = page('<title>河南省2018年政府信息公开工作年度报告_www.hg8868.com</title>', ARTICLE);
  assert.deepEqual(stripPageSpam($2, { portalName: '河南省人民政府', portalHost: 'www.henan.gov.cn' }), [
    { kind: 'hijacked-title', found: '河南省2018年政府信息公开工作年度报告_www.hg8868.com', replacement: '河南省2018年政府信息公开工作年度报告', where: 'page' },
  ]);
});

test('stripPageSpam: ordinary hidden UI, analytics and portal scripts are left alone', () => {
  const html =
    '<ul class="submenu" style="display:none"><li><a href="http://www.yn.gov.cn/zwgk/">政务公开</a></li><li><a href="http://www.gov.cn/">中国政府网</a></li><li><a href="http://fgw.yn.gov.cn/">省发展改革委</a></li></ul>' +
    '<div id="share-pop" style="display:none">分享到：<a href="http://service.weibo.com/share/share.php?url=x">新浪微博</a><a href="https://sns.qzone.qq.com/cgi-bin/qzshare?url=x">QQ空间</a><a href="javascript:;">微信</a></div>' +
    '<div class="wza" style="display:none"><a href="/wza/">无障碍</a> 大字幕 放大 缩小 语音 <a href="http://www.yn.gov.cn/">返回首页</a></div>' +
    '<a class="sr-only" style="position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden" href="#zoom">跳转到主要内容</a>' +
    '<input type="hidden" name="columnid" value="123">' +
    '<div id="tab2" style="display:none"><p>体育彩票公益金使用情况 娱乐场所管理 成人教育招生</p></div>' +
    ARTICLE +
    '<script>var _hmt = _hmt || [];(function() {var hm = document.createElement("script");hm.src = "https://hm.baidu.com/hm.js?abc123";var s = document.getElementsByTagName("script")[0];s.parentNode.insertBefore(hm, s);})();</script>' +
    '<script>var cnzz_protocol = (("https:" == document.location.protocol) ? " https://" : " http://");document.write(unescape("%3Cspan id=\'cnzz_stat_icon_1\'%3E%3C/span%3E%3Cscript src=\'" + cnzz_protocol + "s4.cnzz.com/z_stat.php%3Fid%3D1\' type=\'text/javascript\'%3E%3C/script%3E"));</script>' +
    '<script src="https://zfwzgl.www.gov.cn/exposure/jiucuo.js"></script><script src="http://dcs.conac.cn/js/25/000/0000/40672813/CA250000000406728130001.js"></script>' +
    '<script>createPageHTML(5, 0, "index", "html"); if (document.referrer) { var r = document.referrer; }</script>';
  const $ = page('<title>2018年云南省政府信息公开工作年度报告_云南省人民政府门户网站</title><meta http-equiv="refresh" content="1800">', html);
  const before = $.html();
  assert.deepEqual(stripPageSpam($, YN), []);
  assert.equal($.html(), before);
});
