/**
 * Chrome shared by every simulated portal: <head> with the national 政府网站 meta tags, nav,
 * breadcrumbs, share bar, 相关阅读, footer. Portal templates arrange these differently; the
 * pieces are what a cleaner must learn to drop.
 */
import { escapeHtml } from './text.js';

export interface SiteInfo {
  /** Portal name, e.g. 河南省人民政府门户网站 */
  siteName: string;
  domain: string;
  /** 政府网站标识码: stable per site. */
  siteCode: string;
  sponsor: string;
  undertaker: string;
  icp: string;
  police: string;
  /** Charset label written into <meta>, or undefined for none. */
  metaCharset?: { style: 'html5' | 'http-equiv'; label: string };
  css: string[];
  js: string[];
}

export interface HeadOptions {
  title: string;
  keywords: string;
  description: string;
  column?: string;
  article?: { title: string; pubDate: string; source: string };
}

export function head(site: SiteInfo, o: HeadOptions): string {
  const m: string[] = [];
  if (site.metaCharset?.style === 'html5') m.push(`<meta charset="${site.metaCharset.label}">`);
  if (site.metaCharset?.style === 'http-equiv') {
    m.push(`<meta http-equiv="Content-Type" content="text/html; charset=${site.metaCharset.label}">`);
  }
  m.push('<meta http-equiv="X-UA-Compatible" content="IE=edge,chrome=1">');
  m.push(`<meta name="keywords" content="${escapeHtml(o.keywords)}">`);
  m.push(`<meta name="description" content="${escapeHtml(o.description)}">`);
  m.push(`<meta name="SiteName" content="${escapeHtml(site.siteName)}">`);
  m.push(`<meta name="SiteDomain" content="${site.domain}">`);
  m.push(`<meta name="SiteIDCode" content="${site.siteCode}">`);
  if (o.column) m.push(`<meta name="ColumnName" content="${escapeHtml(o.column)}">`);
  if (o.article) {
    m.push(`<meta name="ArticleTitle" content="${escapeHtml(o.article.title)}">`);
    m.push(`<meta name="PubDate" content="${o.article.pubDate}">`);
    m.push(`<meta name="ContentSource" content="${escapeHtml(o.article.source)}">`);
  }
  m.push(`<title>${escapeHtml(o.title)}</title>`);
  for (const href of site.css) m.push(`<link rel="stylesheet" type="text/css" href="${href}">`);
  for (const src of site.js) m.push(`<script type="text/javascript" src="${src}"></script>`);
  return `<head>\n${m.join('\n')}\n</head>`;
}

export type Link = [text: string, href: string];

export function navMenu(items: Link[], cls = 'nav'): string {
  const li = items.map(([t, h]) => `<li><a href="${h}" target="_blank">${escapeHtml(t)}</a></li>`);
  return `<div class="${cls}"><ul>\n${li.join('\n')}\n</ul></div>`;
}

export function breadcrumb(items: Link[], sep = '&gt;', label = '当前位置：'): string {
  const parts = items.map(([t, h]) => `<a href="${h}">${escapeHtml(t)}</a>`);
  return `<div class="position">${label}${parts.join(` ${sep} `)}</div>`;
}

export function shareBar(): string {
  return [
    '<div class="share">分享到：',
    '<a href="javascript:void(0)" class="bds_weixin" title="分享到微信">微信</a>',
    '<a href="javascript:void(0)" class="bds_tsina" title="分享到新浪微博">微博</a>',
    '<a href="javascript:void(0)" class="bds_qzone" title="分享到QQ空间">QQ空间</a>',
    '</div>',
  ].join('\n');
}

export function closeBar(): string {
  return [
    '<div class="article-tools">',
    '<a href="javascript:window.print()">【打印本页】</a>',
    '<a href="javascript:window.close()">【关闭当前页面】</a>',
    '</div>',
  ].join('\n');
}

export function relatedReading(items: Link[], label = '相关阅读：'): string {
  const li = items.map(([t, h]) => `<li><a href="${h}" title="${escapeHtml(t)}">${escapeHtml(t)}</a></li>`);
  return `<div class="related"><h3>${label}</h3><ul>\n${li.join('\n')}\n</ul></div>`;
}

export function footer(site: SiteInfo, extra: string[] = []): string {
  return [
    '<div class="footer">',
    '<div class="footer-links"><a href="/wzdt/">网站地图</a> | <a href="/lxwm/">联系我们</a> | <a href="/wzsm/">网站声明</a></div>',
    `<p>主办单位：${escapeHtml(site.sponsor)}　承办单位：${escapeHtml(site.undertaker)}</p>`,
    // No absolute external links anywhere in the simulation: a crawler bug must not leave loopback.
    `<p><span class="icp">${escapeHtml(site.icp)}</span>　`,
    `<img src="/images/gongan.png" alt="">${escapeHtml(site.police)}　政府网站标识码：${site.siteCode}</p>`,
    ...extra,
    `<div class="jiucuo"><a href="javascript:void(0)" data-site-code="${site.siteCode}">` +
      '<img src="/images/jiucuo.png" alt="政府网站找错"></a></div>',
    '<div class="dzjg"><img src="/images/red.png" alt="党政机关"></div>',
    '</div>',
  ].join('\n');
}

/** Doctype, <html>, head, and a body made of the given blocks. */
export function page(headHtml: string, blocks: string[], bodyAttrs = ''): string {
  const attrs = bodyAttrs ? ` ${bodyAttrs}` : '';
  return `<!DOCTYPE html>\n<html lang="zh-CN">\n${headHtml}\n<body${attrs}>\n${blocks.join('\n')}\n</body>\n</html>\n`;
}
