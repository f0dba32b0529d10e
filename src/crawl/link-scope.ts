/**
 * Which links a portal's crawl may follow. Listing pages stay on the listing's own host; reports
 * may also live on another host of the same site (xxgk.example.gov.cn beside www.example.gov.cn).
 */
import { isIP } from 'node:net';

function siteOf(hostname: string): string {
  // An address is its own site: 10.0.0.1 and 127.0.0.1 share no "last two labels".
  if (isIP(hostname.replace(/^\[|\]$/g, ''))) return hostname;
  // gov.cn sites are named by the label before .gov.cn; elsewhere the last two labels.
  const labels = hostname.split('.');
  const gov = hostname.endsWith('.gov.cn') ? 3 : 2;
  return labels.slice(-gov).join('.');
}

export function sameHost(a: string, b: string): boolean {
  return new URL(a).host === new URL(b).host;
}

export function sameSite(a: string, b: string): boolean {
  const ha = new URL(a).hostname;
  const hb = new URL(b).hostname;
  return ha === hb || siteOf(ha) === siteOf(hb);
}

/** Attachments and media are not report pages, whatever their link text says. */
export function isDocumentLink(url: string): boolean {
  return /\.(pdf|docx?|wps|xlsx?|zip|rar|7z|jpe?g|png|gif|bmp)$/i.test(new URL(url).pathname);
}
