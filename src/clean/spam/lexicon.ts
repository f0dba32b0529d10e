/**
 * The words black-hat SEO brands are built from, sorted by how much they prove on their own.
 *
 * A brand such as 365体育备用网址 or 澳门葡京娱乐官网 is a chain of parts: an anchor (a spam-only
 * name like 葡京, or a digit/Latin run like 365, bet365, pk10), genre words (体育, 娱乐, 彩票 …)
 * and advertising tails (网址, 官网, 备用, 登录 …). Genre and tail words are everyday government
 * vocabulary too (体育彩票, 娱乐场所, 政务服务平台, 在线办理), so they only count when chained to
 * an anchor; scoring lives in form-scan.ts. Nothing here decides alone.
 */

/**
 * Names that exist only as gambling/porn/lottery products. Some (六合彩, 赌场, 色情视频) also
 * appear in reports about cracking down on them: form-scan.ts discounts those contexts.
 */
export const BRANDS = [
  '百家乐', '真人荷官', '真人娱乐', '真人视讯', '真人百家乐', '葡京', '新葡京', '威尼斯人', '太阳城', '金宝博', '金沙娱乐',
  '金沙赌场', '银河娱乐', '永利娱乐', '美高梅', '皇冠体育', '皇冠足球', '皇冠娱乐', '时时彩', '六合彩', '北京赛车',
  '幸运飞艇', '极速赛车', '彩票计划', '成人影院', '成人电影', '成人视频', '成人网站', '色情视频', '色情电影', '色情网站',
  '黄色网站', '黄色视频', '裸聊', '一本道', '无码', '偷拍', '约炮', '博彩', '赌场', '网上赌场', '网络赌场', '开元棋牌',
  '棋牌游戏', '捕鱼游戏', '老虎机', '体育投注', '足球投注', '娱乐城', '亚洲城', '澳门赌场', '乐鱼体育', '开云体育',
  '博天堂', '大发快三', '快三计划', '电子游艺', '线上娱乐', '网投',
];

/** Words that only join a chain directly before an anchor (澳门葡京, 亚洲色). */
export const PREFIXES = ['澳门', '香港', '亚洲'];

/** Product-category words: common in government text, part of a brand only inside a chain. */
export const GENRES = [
  '体育', '娱乐', '彩票', '棋牌', '电子', '足球', '篮球', '视频', '影院', '电影', '游戏', '赛车', '真人', '国际', '官方',
];

/** Advertising tails: how spam points at a site (网址, 备用, 登录 …). */
export const TAILS = [
  '网址', '官网', '备用', '登录', '登陆', '注册', '下载', '平台', '入口', '手机版', '网页版', '开户', '投注', '计划',
  '开奖', '直播', '在线', '免费观看', '在线观看', '观看', '官方网站', 'app', 'APP', 'App', '首页', '导航', '大全',
  '客户端', '地址', '注册送', '彩金', '推荐',
];

/**
 * Host-name parts that mark a gambling/porn site (www.topless40.com). Matched against the
 * registrable name only, so a gov.cn host never reaches this list.
 */
export const SPAM_HOST_PARTS =
  /(?:^|[.\-\d])bet|bet\d|casino|porn|sex|xxx|topless|nude|naked|tiyu|caipiao|yule|dubo|bocai|qipai|pk10|lottery|gambl|poker|baccarat|pujing|jinsha|(?:^|[.\-])(?:ag|hg|av|ssc|bjl|vns|amjs)\d*(?:$|[.\-])|(?:^|[.\-])(?:ag|hg|av)\d|365|188|888|777|999|hentai/i;

/** Top-level domains that gambling networks favour and portals never use. */
export const SUSPICIOUS_TLDS = /\.(?:top|xyz|vip|bet|club|win|cc|ws|pw|tk|casino|porn|sex|xxx|icu|buzz|fun)$/i;

/**
 * Hosts a portal legitimately links to or loads scripts from: analytics, share buttons, CDNs,
 * state media, the 党政机关 site-identity and 找错 services.
 */
export const KNOWN_HOSTS = [
  'baidu.com', 'bdstatic.com', 'bdimg.com', 'cnzz.com', '51.la', 'qq.com', 'weibo.com', 'sina.com.cn', 'weixin.qq.com',
  'jiathis.com', 'bshare.cn', 'googleapis.com', 'jquery.com', 'jsdelivr.net', 'cdnjs.cloudflare.com', 'unpkg.com',
  'bootcdn.cn', 'staticfile.org', 'conac.cn', 'people.com.cn', 'xinhuanet.com', 'news.cn', 'cctv.com', 'chinadaily.com.cn',
  '163.com', '126.com', 'toutiao.com', 'douyin.com', '12306.cn', 'cyberpolice.cn', 'beian.miit.gov.cn', 'ucap.org.cn',
  'kaipuyun.cn', 'trs.cn', 'hanweb.com', 'gtimg.cn', 'qpic.cn', 'amap.com',
];

/**
 * Words before a spam name that mean the text is about fighting it (打击“六合彩”等非法彩票):
 * reports list what they cracked down on.
 */
export const LEGIT_BEFORE =
  /(?:打击|整治|查处|取缔|治理|清理|清查|严禁|禁止|举报|封堵|关闭|处置|排查|涉赌|涉黄|非法|违法|赌博|专项|侦破|破获|查办|抓获|涉嫌|宣传|警惕|防范)[^。；;！!？?\n]{0,12}$/;
/** …and words after it that do the same (“时时彩”等, 六合彩赌博活动). */
export const LEGIT_AFTER = /^[”"’」』]?(?:等|类|活动|案件|犯罪|行为|违法|团伙|窝点|赌博|网站\d*个|问题|专项)/;

/** The words as one regex alternation, longest first, escaped. */
export function alternation(words: readonly string[]): string {
  return [...words]
    .sort((a, b) => b.length - a.length)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('|');
}

export type TokenKind = 'brand' | 'prefix' | 'genre' | 'tail' | 'alnum';

const GROUPS: Array<[TokenKind, string[]]> = [
  ['brand', BRANDS],
  ['prefix', PREFIXES],
  ['tail', TAILS],
  ['genre', GENRES],
];

/**
 * One sticky regex with a named group per token kind. Longest words first inside each group and
 * the groups ordered so that a brand (真人娱乐) wins over its parts (真人, 娱乐).
 */
export const TOKEN_RE = new RegExp(
  GROUPS.map(([kind, words]) => `(?<${kind}>${alternation(words)})`).join('|') + '|(?<alnum>[A-Za-z0-9]+)',
  'y',
);

/**
 * Every character a lexicon word starts with. Tried before TOKEN_RE at each position of a text:
 * most characters start no word, and the regex's hundreds of alternatives made scanning a 5 MB
 * page take minutes.
 */
export const WORD_FIRST: ReadonlySet<string> = new Set(GROUPS.flatMap(([, words]) => words.map((w) => w[0]!)));
