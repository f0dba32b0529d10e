/**
 * What fills a deep 政务公开 column of 开封市人民政府 over sixteen years: the yearly documents
 * (政府工作报告, 预算报告, 统计公报, 政务公开要点, the notice about compiling annual reports,
 * 法治政府建设年度报告, 企业年报 reminders, 部门决算) and a steady stream of news and notices,
 * plus the annual reports themselves (city and departments, 2008–2024).
 */
import type { DecoyKind } from '../fixtures/decoys.js';
import { rng } from '../fixtures/synthetic-legacy.js';
import { addDays } from './common.js';

export interface DeepEntry {
  title: string;
  date: string;
  time: string;
  kind: DecoyKind;
  year: number;
  headline?: string;
}

export interface DeepReport {
  issuer: string;
  year: number;
  title: string;
  date: string;
  time: string;
  source: string;
}

const FIRST = '2009-01-06';
const LAST = '2025-06-27';

const TOPICS: [topic: string, from: number, to: number][] = [
  ['优化营商环境', 2017, 2025], ['大气污染防治', 2013, 2025], ['安全生产', 2009, 2025], ['森林防火', 2009, 2025],
  ['防汛抗旱', 2009, 2025], ['全国文明城市创建', 2012, 2025], ['乡村振兴', 2018, 2025], ['黄河流域生态保护和高质量发展', 2019, 2025],
  ['宋都古城保护与修缮', 2016, 2025], ['菊花文化节筹备', 2009, 2025], ['招商引资', 2009, 2025], ['重点项目建设', 2009, 2025],
  ['城市更新', 2021, 2025], ['农村人居环境整治', 2018, 2025], ['冬季清洁取暖', 2017, 2025], ['高标准农田建设', 2011, 2025],
  ['食品安全', 2009, 2025], ['河长制', 2017, 2025], ['老旧小区改造', 2019, 2025], ['脱贫攻坚', 2016, 2020],
  ['新农村建设', 2009, 2014], ['保障性安居工程', 2010, 2016], ['文旅融合发展', 2018, 2025], ['减税降费', 2016, 2025],
];
const LEADERS = ['市长', '常务副市长', '副市长', '市政府秘书长'];
const NAMES = ['王建国', '李红梅', '张卫东', '刘志强', '陈晓峰', '杨丽华', '赵国庆', '孙明', '周立新', '吴海燕', '郭振宇', '马文静'];

const pad = (n: number) => String(n).padStart(2, '0');
const timeOf = (k: number) => `${pad(8 + (k % 10))}:${pad((k * 17) % 60)}:${pad((k * 31) % 60)}`;

/** The documents every year brings, newest year first. */
function yearly(): DeepEntry[] {
  const out: DeepEntry[] = [];
  for (let y = 2025; y >= 2009; y--) {
    const e = (title: string, kind: DecoyKind, date: string, year: number, headline?: string) =>
      out.push({ title, kind, date, time: timeOf(out.length), year, ...(headline ? { headline } : {}) });
    if (y <= 2024) e(`开封市人民政府办公室关于做好${y}年政府信息公开工作年度报告编制发布工作的通知`, 'notice', `${y}-12-${pad(12 + (y % 9))}`, y);
    if (y >= 2016 && y <= 2025) e(`开封市人民政府办公室${y - 1}年度部门决算`, 'final-accounts', `${y}-08-${pad(10 + (y % 15))}`, y - 1);
    if (y >= 2014) e(`开封市${y}年政务公开工作要点`, 'key-points', `${y}-04-${pad(8 + (y % 19))}`, y);
    if (y >= 2017) e(`开封市${y - 1}年法治政府建设年度报告`, 'news', `${y}-03-${pad(25 + (y % 5))}`, y, `开封市${y - 1}年法治政府建设年度报告`);
    e(`开封市${y - 1}年国民经济和社会发展统计公报`, 'statistics', `${y}-03-${pad(10 + (y % 12))}`, y - 1);
    e(`${y}年开封市人民政府工作报告`, 'work-report', `${y}-02-${pad(3 + (y % 14))}`, y);
    e(`关于开封市${y - 1}年预算执行情况和${y}年预算草案的报告`, 'budget', `${y}-02-${pad(1 + (y % 9))}`, y);
    if (y >= 2015) e(`关于开展${y - 1}年度企业年度报告公示工作的提醒`, 'enterprise-annual', `${y}-01-${pad(4 + (y % 6))}`, y - 1);
  }
  return out;
}

function everyday(r: () => number, year: number, k: number): { title: string; headline: string } {
  const topics = TOPICS.filter(([, from, to]) => year >= from && year <= to).map(([t]) => t);
  const topic = topics[Math.floor(r() * topics.length)]!;
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)]!;
  const forms = [
    () => `市政府召开第${1 + (k % 97)}次常务会议`,
    () => `${pick(LEADERS)}调研${topic}工作`,
    () => `开封市${topic}工作推进会召开`,
    () => `我市${topic}工作取得阶段性成效`,
    () => `开封市召开${year}年${topic}工作会议`,
    () => `开封市人民政府关于印发开封市${topic}实施方案的通知`,
    () => `开封市人民政府办公室关于进一步加强${topic}工作的通知`,
    () => `开封市人民政府关于${pick(NAMES)}等同志职务任免的通知`,
    () => `开封市人民政府关于公布${year}年度市级重点建设项目名单的通知`,
    () => `开封市人民政府办公室关于${year}年部分节假日安排的通知`,
  ];
  const title = pick(forms)();
  return { title, headline: title };
}

/**
 * `count` non-report entries, dated from 2009 to mid-2025: the yearly documents first (thinned
 * evenly when there is no room for all), news and notices spread evenly to fill the rest.
 */
export function deepDecoys(count: number): DeepEntry[] {
  const all = yearly().filter((e) => e.date <= LAST);
  const keep = Math.min(all.length, Math.floor(count / 3));
  const stride = all.length / Math.max(1, keep);
  const chosen = Array.from({ length: keep }, (_, i) => all[Math.floor(i * stride)]!);
  const r = rng(410200);
  const rest = count - chosen.length;
  const span = (Date.parse(LAST) - Date.parse(FIRST)) / 86400000;
  for (let k = 0; k < rest; k++) {
    const date = addDays(FIRST, Math.floor(((k + 0.5) * span) / rest));
    const year = Number(date.slice(0, 4));
    chosen.push({ ...everyday(r, year, k), kind: 'news', date, time: timeOf(k + 7), year });
  }
  return chosen;
}

/** Who reports, from which year: bureaus created by the 2019 institutional reform start then. */
const ISSUERS: [issuer: string, from: number, source: string][] = [
  ['开封市人民政府', 2008, '市政府办公室'],
  ['开封市财政局', 2008, '市财政局'],
  ['开封市发展和改革委员会', 2010, '市发展改革委'],
  ['开封市教育局', 2012, '市教育局'],
  ['开封市应急管理局', 2019, '市应急管理局'],
  ['开封市自然资源和规划局', 2019, '市自然资源和规划局'],
];

/** Every report the column holds, 2008–2024, each published in the season the rules of its year set. */
export function deepReports(): DeepReport[] {
  const r = rng(4102000);
  const out: DeepReport[] = [];
  ISSUERS.forEach(([issuer, from, source], i) => {
    for (let year = from; year <= 2024; year++) {
      // Before 2019 reports were due by 31 March; from the 2019 report on, by 31 January.
      const date = year < 2019 ? `${year + 1}-03-${pad(16 + ((year + i * 3) % 15))}` : `${year + 1}-01-${pad(12 + ((year + i * 5) % 19))}`;
      const style = Math.floor(r() * 4);
      const short = issuer === '开封市人民政府' ? '开封市' : issuer;
      const title =
        style === 0 ? `${issuer}${year}年度政府信息公开工作年度报告`
        : style === 1 && year < 2019 ? `${year}年${short}政府信息公开工作年度报告`
        : `${issuer}${year}年政府信息公开工作年度报告`;
      out.push({ issuer, year, title, date, time: timeOf(year + i * 11), source });
    }
  });
  return out;
}
