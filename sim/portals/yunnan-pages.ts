/**
 * Page templates of the simulated 云南省人民政府 portal (TRS-like, UTF-8). `spam` renders the
 * hijacked state the seed was scraped in: substituted brand in <title>, column name, heading,
 * 来源 and footer, plus a hidden link block after <body>.
 */
import { breadcrumb, head, page, type Link, type SiteInfo } from '../html/chrome.js';
import { escapeHtml } from '../html/text.js';
import { trsEditor, trsList, trsPager, type ListItem } from '../html/trs.js';

export const YUNNAN_SITE: SiteInfo = {
  siteName: '云南省人民政府门户网站',
  domain: 'www.yn.gov.cn',
  siteCode: '5300000033',
  sponsor: '云南省人民政府办公厅',
  undertaker: '云南网',
  icp: '滇ICP备05000002号',
  police: '滇公网安备 53010202000476号',
  metaCharset: { style: 'html5', label: 'utf-8' },
  css: ['/images/zt_common.css', '/images/ynszf_article.css'],
  js: ['/images/jquery.min.js', '/js/createPageHTML.js'],
};

export const YUNNAN_COLUMN = '/zfxxgk/zfxxgknb/';
export const BRAND = '365体育备用';
const COLUMN = '云南省政府信息公开工作年度报告';

/** The off-screen link block the hijacked page carries right after <body>. */
export const YUNNAN_HIDDEN_BLOCK =
  `<div style="position:absolute;left:-9999px;top:-9999px;"><a href="/365/">${BRAND}网址</a> <a href="/365/">${BRAND}官网</a> <a href="/365/">体育投注</a> <a href="/365/">真人娱乐</a></div>`;

function header(spam: boolean): string {
  return [
    '<div class="header"><div class="w1200">',
    `<div class="logo"><a href="/"><img src="/images/logo.png" alt="${spam ? '图片' : '云南省人民政府门户网站'}"></a></div>`,
    '<ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/zwfw/">政务服务</a></li>' +
      '<li><a href="/hdjl/">互动交流</a></li><li><a href="/yngk/">云南概况</a></li></ul>',
    '</div></div>',
  ].join('\n');
}

function footer(spam: boolean): string {
  const sponsor = spam ? `${BRAND}:办公厅` : '云南省人民政府办公厅';
  return [
    '<div class="footer">',
    '<div class="links"><a href="javascript:void(0)">中国政府网</a></div>',
    '<div class="mobile"><span>微信</span> <span>微博</span> <span>电脑版</span></div>',
    `<p>主办单位: ${sponsor} 运行维护:云南网 政务服务便民热线:12345 滇ICP备05000002号 政府网站标识码:5300000033 滇公网安备 53010202000476号</p>`,
    '<p><a href="javascript:void(0)">曝光</a> <a href="javascript:void(0)">无障碍</a></p>',
    '<p>网站支持IPv6</p>',
    '<p>云南省人大常委会 | 政协云南省委员会 | 云南省监察委员会 | 云南省高级人民法院 | 云南省检察院</p>',
    '<p><a href="/wzdt/">网站地图</a>&emsp;&nbsp;|&emsp;&nbsp;<a href="/wzsm/">网站声明</a>&emsp;&nbsp;|&emsp;&nbsp;<a href="/gywm/">关于我们</a></p>',
    `<p>主办单位: ${sponsor}</p><p>运行维护:云南网</p><p>政务服务便民热线:12345</p>`,
    '<p><span>公众号</span> <span>微博</span></p>',
    '<p>网站支持IPv6&emsp;&emsp; 滇ICP备05000002号 &emsp;&emsp; 政府网站标识码:5300000033 &emsp;&emsp; 滇公网安备 53010202000476号</p>',
    '</div>',
  ].join('\n');
}

const CRUMBS: Link[] = [['首页', '/'], ['政府信息公开', '/zfxxgk/'], ['政府信息公开年报', `${YUNNAN_COLUMN}index.html`]];

export function yunnanListing(items: ListItem[], pageCount: number, current: number): string {
  const h = head(YUNNAN_SITE, {
    title: `政府信息公开年报_云南省人民政府门户网站`,
    keywords: '云南省,政府信息公开,年度报告',
    description: '云南省人民政府政府信息公开工作年度报告',
    column: '政府信息公开年报',
  });
  const main = `<div class="main w1200">\n${breadcrumb(CRUMBS, '&gt;')}\n<div class="zfxxgk-list">\n${trsList(items)}\n${trsPager(pageCount, current)}\n</div>\n</div>`;
  return page(h, [header(false), main, footer(false)]);
}

export interface YunnanArticle {
  title: string;
  heading: string;
  date: string;
  time: string;
  source: string;
  lines: string[];
  imageSrc?: (name: string) => string | undefined;
  spam: boolean;
}

export function yunnanArticle(a: YunnanArticle): string {
  const h = head(YUNNAN_SITE, {
    title: a.spam ? `${BRAND}网址_${BRAND}` : `${a.title}_云南省人民政府门户网站`,
    keywords: a.spam ? `${BRAND}网址,${BRAND}` : a.title,
    description: a.spam ? `${BRAND}网址` : a.title,
    column: '政府信息公开年报',
    article: { title: a.heading, pubDate: `${a.date} ${a.time}`, source: a.source },
  });
  const hidden = a.spam ? YUNNAN_HIDDEN_BLOCK : '';
  const main = [
    '<div class="main w1200">',
    `<div class="lm-name">${escapeHtml(a.spam ? `云南省${BRAND}网址工作年度报告` : COLUMN)}</div>`,
    breadcrumb(CRUMBS, '&gt;'),
    `<div class="arti-title"><h2>${escapeHtml(a.heading)}</h2></div>`,
    `<div class="arti-info">来源: ${escapeHtml(a.source)} &nbsp; &nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp; ${a.date} ${a.time} 【字体:<a href="javascript:void(0)">大</a> <a href="javascript:void(0)">中</a> <a href="javascript:void(0)">小</a>】</div>`,
    `<div class="arti-content" id="zoom">\n${trsEditor(a.lines, a.imageSrc, 'view TRS_UEDITOR trs_paper_default trs_word')}\n</div>`,
    '<div class="arti-share">&nbsp; &nbsp;&nbsp; | &nbsp; &nbsp;&nbsp; 分享到:<a class="bds_weixin" href="javascript:void(0)"></a><a class="bds_tsina" href="javascript:void(0)"></a></div>',
    '<div class="xgwd">&nbsp;相关文档:</div>',
    '</div>',
  ].join('\n');
  return page(h, [hidden, header(a.spam), main, footer(a.spam)]);
}
