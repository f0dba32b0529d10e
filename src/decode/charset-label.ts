/**
 * Finding and normalising the encoding a page *claims*: byte-order mark, HTTP Content-Type,
 * `<meta>` in the head, XML declaration. Nothing here decides whether the claim is true; that is
 * `decode-page.ts`'s job.
 */
import iconv from 'iconv-lite';

/** How far into the body labels are looked for. Browsers use 1024; CMS templates often put
 * several KB of scripts and comments before the meta tag, so we look further. */
export const LABEL_SCAN_BYTES = 4096;

/**
 * Every GB2312/GBK alias goes to gb18030: it is a strict superset, and real portals labelled
 * gb2312 contain names such as 镕 and 堃 that only decode as GBK/GB18030. Latin-1 and ASCII go to
 * windows-1252 as browsers do (WHATWG Encoding), because servers say "iso-8859-1" by default
 * while the bytes 0x80–0x9F are cp1252 punctuation.
 */
const ALIASES: Readonly<Record<string, string>> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  'unicode-1-1-utf-8': 'utf-8',
  'x-unicode20utf8': 'utf-8',
  'utf-16': 'utf-16le',
  'utf-16le': 'utf-16le',
  'utf-16be': 'utf-16be',
  unicode: 'utf-16le',
  unicodefffe: 'utf-16be',
  gb2312: 'gb18030',
  gbk: 'gb18030',
  'x-gbk': 'gb18030',
  'gb_2312-80': 'gb18030',
  'gb_2312': 'gb18030',
  gb_2312_80: 'gb18030',
  'gb-2312': 'gb18030',
  cp936: 'gb18030',
  'windows-936': 'gb18030',
  ms936: 'gb18030',
  'euc-cn': 'gb18030',
  euccn: 'gb18030',
  'csgb2312': 'gb18030',
  'iso-ir-58': 'gb18030',
  chinese: 'gb18030',
  gb18030: 'gb18030',
  'gb-18030': 'gb18030',
  big5: 'big5',
  'big5-hkscs': 'big5',
  'x-x-big5': 'big5',
  'cn-big5': 'big5',
  csbig5: 'big5',
  cp950: 'big5',
  'iso-8859-1': 'windows-1252',
  'iso8859-1': 'windows-1252',
  iso_8859_1: 'windows-1252',
  'iso_8859-1': 'windows-1252',
  latin1: 'windows-1252',
  'l1': 'windows-1252',
  'us-ascii': 'windows-1252',
  ascii: 'windows-1252',
  'windows-1252': 'windows-1252',
  cp1252: 'windows-1252',
  'x-cp1252': 'windows-1252',
};

/**
 * Canonical name for a charset label, or undefined when the label is empty or names something
 * iconv-lite cannot decode (a typo such as "utf8;" or "gb2312\"" is cleaned first; junk such as
 * "none" is ignored rather than trusted).
 */
export function normaliseCharset(label: string | undefined | null): string | undefined {
  if (!label) return undefined;
  const cleaned = label
    .trim()
    .replace(/^["']+|["';,]+$/g, '')
    .trim()
    .toLowerCase();
  if (!cleaned) return undefined;
  const known = ALIASES[cleaned];
  if (known) return known;
  // Anything else iconv-lite knows (shift_jis, euc-kr, koi8-r, …) is passed through so an honest
  // label for another script still works; verification decides whether it is believable.
  return iconv.encodingExists(cleaned) ? cleaned : undefined;
}

/** The raw `charset=` parameter of a Content-Type value, unnormalised. */
export function charsetParam(contentType: string | undefined): string | undefined {
  if (!contentType) return undefined;
  const m = /(?:^|;)\s*charset\s*=\s*("[^"]*"|'[^']*'|[^;\s]*)/i.exec(contentType);
  const raw = m?.[1]?.replace(/^["']|["']$/g, '').trim();
  return raw ? raw : undefined;
}

export type BomEncoding = 'utf-8' | 'utf-16le' | 'utf-16be';

/** Encoding named by a byte-order mark and the mark's length in bytes. */
export function detectBom(body: Buffer): { encoding: BomEncoding; length: number } | undefined {
  if (body.length >= 3 && body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) {
    return { encoding: 'utf-8', length: 3 };
  }
  if (body.length >= 2 && body[0] === 0xff && body[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (body.length >= 2 && body[0] === 0xfe && body[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return undefined;
}

/** The head of the body as latin1: every byte maps to one char, so ASCII markup is readable
 * whatever the real encoding (for ASCII-compatible encodings, which is all a meta tag can name). */
function head(body: Buffer): string {
  return body.subarray(0, LABEL_SCAN_BYTES).toString('latin1');
}

/**
 * Raw charset label from `<meta charset>` or `<meta http-equiv="Content-Type" content="…">` in the
 * first {@link LABEL_SCAN_BYTES}. Comments are skipped so a commented-out old template does not win.
 */
export function metaCharset(body: Buffer): string | undefined {
  const text = head(body).replace(/<!--[\s\S]*?(?:-->|$)/g, ' ');
  const metaTag = /<meta\b[^>]*>/gi;
  for (const m of text.matchAll(metaTag)) {
    const tag = m[0];
    const direct = /\bcharset\s*=\s*["']?\s*([^"'\s;/>]+)/i.exec(tag);
    // <meta charset="gbk"> and <meta http-equiv content="text/html; charset=gbk"> both put
    // "charset=" inside the tag; the first regex covers both spellings.
    if (direct?.[1]) return direct[1];
  }
  return undefined;
}

/** Raw `encoding=` label of an `<?xml … ?>` declaration at the start of the body. */
export function xmlDeclarationEncoding(body: Buffer): string | undefined {
  const text = head(body).replace(/^\s+/, '');
  const m = /^<\?xml\b[^>]*?\bencoding\s*=\s*["']\s*([^"'\s]+)\s*["']/i.exec(text);
  return m?.[1];
}
