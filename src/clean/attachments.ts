/**
 * Files a report page offers (issue 10): attachment links (附件：xxx.pdf, 附件下载, download
 * endpoints without an extension such as downfile.jsp?id=…), embedded documents (<iframe>,
 * <embed>, <object>) and pdf.js viewers whose `file=` parameter is the document. What each file is
 * gets decided later from its bytes; here only where it is and what the page calls it.
 */
import type { CheerioAPI } from 'cheerio';

export interface AttachmentLink {
  /** Absolute URL of the file itself (a viewer's `file=` target, not the viewer). */
  url: string;
  /** The link's text, or the embedding element's title; '' when it has none. */
  text: string;
  via: 'link' | 'embed' | 'viewer';
}

const DOCUMENT_EXTENSION = /\.(?:pdf|docx?|wps|wpt|xlsx?|et|ofd|rtf|zip|rar)$/i;
/** Download endpoints: downfile.jsp?filename=…, /attach/…?id=, DownLoad.aspx?FileId=… */
const DOWNLOAD_ENDPOINT = /(?:^|\/)(?:down(?:load)?(?:file)?|getfile|filedown(?:load)?|attach(?:ment)?s?|fujian|upload(?:file)?s?)(?:\/|[\w-]*\.(?:jsp|do|aspx?|php|action|ashx)\b)/i;
const FILE_QUERY = /[?&](?:file(?:name|id|path)?|attach(?:ment)?(?:id)?|fid|fileurl|path)=/i;
const ATTACHMENT_LABEL = /附件|下载|全文下载|原文下载|文件下载|点击查看|原文/;
/** pdf.js and the viewers portals wrap it in. */
const VIEWER = /(?:viewer|pdfjs|pdf\/web|preview|view)[^?#]*\?(?:[^#]*&)?(?:file|url|src)=/i;

export function findAttachments($: CheerioAPI, pageUrl: string): AttachmentLink[] {
  const out: AttachmentLink[] = [];
  const seen = new Set<string>();
  const add = (href: string | undefined, text: string, via: AttachmentLink['via']): void => {
    const target = resolveTarget(href, pageUrl);
    if (!target) return;
    const { url } = target;
    if (seen.has(url) || url === pageUrl) return;
    seen.add(url);
    out.push({ url, text: text.replace(/\s+/g, ' ').trim(), via: target.viewer ? 'viewer' : via });
  };
  $('a[href]').each((_, el) => {
    const href = $(el).attr('href');
    const text = $(el).text() || $(el).attr('title') || '';
    if (!href || /^(?:javascript|mailto|tel):/i.test(href.trim())) return;
    if (isDocumentHref(href, pageUrl) || VIEWER.test(href) || (ATTACHMENT_LABEL.test(text) && isDownloadHref(href, pageUrl)) || DOCUMENT_EXTENSION.test(text.trim())) add(href, text, 'link');
  });
  $('iframe[src], embed[src], object[data], frame[src]').each((_, el) => {
    const src = $(el).attr('src') ?? $(el).attr('data');
    if (!src) return;
    if (isDocumentHref(src, pageUrl) || VIEWER.test(src) || /pdf/i.test($(el).attr('type') ?? '')) add(src, $(el).attr('title') ?? '', 'embed');
  });
  return out;
}

function absolute(href: string, base: string): URL | undefined {
  try {
    const u = new URL(href.trim(), base);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u : undefined;
  } catch {
    return undefined;
  }
}

function isDocumentHref(href: string, base: string): boolean {
  const u = absolute(href, base);
  return !!u && (DOCUMENT_EXTENSION.test(decodeURIComponentSafe(u.pathname)) || isDownloadHref(href, base));
}

function isDownloadHref(href: string, base: string): boolean {
  const u = absolute(href, base);
  return !!u && (DOWNLOAD_ENDPOINT.test(u.pathname) || FILE_QUERY.test(u.search)) && !/\.s?html?$/i.test(u.pathname);
}

/** The document a link points at: a viewer's `file=` parameter resolved against the viewer's URL. */
function resolveTarget(href: string | undefined, base: string): { url: string; viewer: boolean } | undefined {
  if (!href) return undefined;
  const u = absolute(href, base);
  if (!u) return undefined;
  if (VIEWER.test(href)) {
    for (const key of ['file', 'url', 'src']) {
      const value = u.searchParams.get(key);
      if (!value) continue;
      const file = absolute(value, u.href);
      if (file) return { url: file.href, viewer: true };
    }
  }
  u.hash = '';
  return { url: u.href, viewer: false };
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
