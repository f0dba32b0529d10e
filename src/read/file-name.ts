/**
 * A downloaded file's own name: from Content-Disposition (RFC 6266 `filename*`, else `filename`),
 * else the link's text, else the URL. Chinese servers send names every way: RFC 5987 UTF-8 or GBK,
 * percent-encoded bytes inside plain `filename=`, or raw GBK/UTF-8 bytes that fetch hands over as
 * latin1 characters. Hand-written: the npm parsers decode only UTF-8/ISO-8859-1 and throw on the
 * raw-byte forms, which are the common ones here.
 */
import iconv from 'iconv-lite';

/** The name a Content-Disposition header gives, decoded; undefined when it gives none. */
export function nameFromContentDisposition(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const params = parameters(header);
  const extended = params.get('filename*');
  if (extended) {
    const m = /^([\w-]*)'[^']*'(.*)$/.exec(extended);
    const decoded = m ? decodePercent(m[2]!, m[1]!) : decodePercent(extended, 'utf-8');
    if (decoded) return decoded;
  }
  const plain = params.get('filename');
  if (!plain) return undefined;
  const name = /%[0-9a-f]{2}/i.test(plain) ? decodePercent(plain) : decodeBytes(Buffer.from(plain, 'latin1'));
  return name || undefined;
}

/** `key=value` and `key="quoted value"` pairs after the disposition type; keys lower-cased. */
function parameters(header: string): Map<string, string> {
  const out = new Map<string, string>();
  const re = /;\s*([^\s=;]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]*))/g;
  for (const m of header.matchAll(re)) {
    const key = m[1]!.toLowerCase();
    const value = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3]!.trim();
    if (!out.has(key)) out.set(key, value);
  }
  return out;
}

/**
 * Percent-decoded bytes in the named charset, or guessed when none is named (UTF-8 when valid,
 * else GB18030). In query strings a + is a space.
 */
function decodePercent(value: string, charset = '', plusIsSpace = false): string | undefined {
  const bytes: number[] = [];
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (c === '%' && /^[0-9a-f]{2}$/i.test(value.slice(i + 1, i + 3))) {
      bytes.push(parseInt(value.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (c === '+' && plusIsSpace) bytes.push(0x20);
    else bytes.push(...Buffer.from(c, c.charCodeAt(0) < 256 ? 'latin1' : 'utf8'));
  }
  const buffer = Buffer.from(bytes);
  const cs = charset.toLowerCase();
  if (cs && cs !== 'utf-8' && cs !== 'utf8' && iconv.encodingExists(cs)) return iconv.decode(buffer, /^(gb2312|gbk)$/.test(cs) ? 'gb18030' : cs);
  return decodeBytes(buffer);
}

/** UTF-8 when the bytes are valid UTF-8, else GB18030 (a superset of GBK/GB2312). */
export function decodeBytes(bytes: Buffer): string {
  const utf8 = bytes.toString('utf8');
  if (!utf8.includes('\ufffd')) return utf8;
  return iconv.decode(bytes, 'gb18030');
}

/** The last path segment of the URL, or a file-name query parameter (downfile.jsp?filename=…). */
export function nameFromUrl(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  for (const key of ['filename', 'fileName', 'name', 'file', 'fn']) {
    const raw = rawQueryValue(parsed.search, key);
    if (raw && /\.\w{2,5}$/.test(raw)) return lastSegment(decodePercent(raw, '', true) ?? raw);
  }
  const segment = parsed.pathname.split('/').pop() ?? '';
  return segment ? decodePercent(segment) : undefined;
}

/** A query value still percent-encoded (URLSearchParams would decode its bytes as UTF-8 only). */
function rawQueryValue(search: string, key: string): string | undefined {
  for (const pair of search.replace(/^\?/, '').split('&')) {
    const at = pair.indexOf('=');
    if (at > 0 && pair.slice(0, at) === key) return pair.slice(at + 1);
  }
  return undefined;
}

function lastSegment(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

/**
 * The name to keep for a file: the server's, else the link's text when it names a file or a
 * document, else the URL's. The extension comes from the type when the name has none.
 */
export function attachmentName(contentDisposition: string | undefined, linkText: string | undefined, url: string): string {
  // Kept as given (../../etc/passwd included): it is shown and recorded, never used as a path —
  // safeFileName makes the stored name.
  const fromHeader = nameFromContentDisposition(contentDisposition);
  if (fromHeader) return fromHeader;
  const text = (linkText ?? '').replace(/\s+/g, ' ').trim();
  if (text.length >= 2 && !/^(?:附件|下载|点击下载|附件下载|文件下载|查看|预览|download)[:：]?$/i.test(text)) return text;
  return nameFromUrl(url) ?? 'attachment';
}

/** Windows' reserved device names: a file called CON or nul.pdf cannot be written there. */
const RESERVED = /^(?:con|prn|aux|nul|com[0-9]|lpt[0-9])(?:\.|$)/i;
/** Bytes of a stored name at most (file systems allow 255; room left for the index prefix). */
const MAX_NAME_BYTES = 150;

const EXTENSION: Partial<Record<string, string>> = { pdf: '.pdf', docx: '.docx', doc: '.doc', wps: '.wps', xlsx: '.xlsx', xls: '.xls', ofd: '.ofd', html: '.html', zip: '.zip' };

/**
 * A name that is safe to write inside a report's folder, made from whatever the server or page
 * called the file: no directories (../../etc/passwd is passwd), no control or reserved characters,
 * no leading dots, bounded length with the extension kept, Windows' device names avoided, and the
 * file's position in front so two files never share a name. The original stays in the metadata.
 */
export function safeFileName(name: string, type: string, index: number): string {
  let base = (name.split(/[\\/]/).pop() ?? '')
    .normalize('NFC')
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, '')
    .replace(/[<>:"|?*]/g, '_')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.]+|[\s.]+$/g, '');
  const wanted = EXTENSION[type];
  let ext = /\.[A-Za-z0-9]{1,5}$/.exec(base)?.[0] ?? '';
  if (ext) base = base.slice(0, -ext.length);
  if (wanted && ext.toLowerCase() !== wanted && !(type === 'doc' && /^\.wps$/i.test(ext))) ext = wanted;
  if (RESERVED.test(base)) base = `_${base}`;
  while (Buffer.byteLength(base + ext) > MAX_NAME_BYTES) base = [...base].slice(0, -1).join('');
  return `${index + 1}-${base || 'file'}${ext.toLowerCase()}`;
}
