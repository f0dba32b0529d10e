/** Text → HTML pieces, and HTML → bytes in the portal's (possibly legacy) encoding. */
import iconv from 'iconv-lite';

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * Paragraph text as a rich-text editor saves it: NBSP and EM SPACE become entities (editors write
 * them that way, and GBK has no code for U+00A0), tabs stay literal (Word pastes them).
 */
export function inlineText(s: string): string {
  return escapeHtml(s).replace(/\u00a0/g, '&nbsp;').replace(/\u2003/g, '&emsp;');
}

/** Seed lines that stood for an image in the scraped text: file names and bare numeric ids. */
export function isImageLine(line: string): boolean {
  const t = line.trim();
  return /\.(jpe?g|png|gif|bmp)$/i.test(t) || /^\d{15,18}$/.test(t);
}

/** A body line starting with this is raw HTML (a statistics table), written to the page as is. */
export const RAW_HTML = '\u0000';

/**
 * One `<p>` per non-empty line (lines starting with RAW_HTML go out as they are); image lines become `<img>` at their place. `imageSrc` maps an
 * image line to the src the page uses (undefined: render the line as text).
 */
export function paragraphs(
  lines: readonly string[],
  options: { imageSrc?: (name: string) => string | undefined; pAttrs?: string; imgAttrs?: string } = {},
): string {
  const out: string[] = [];
  for (const line of lines) {
    if (line === '') continue;
    if (line.startsWith(RAW_HTML)) {
      out.push(line.slice(RAW_HTML.length));
      continue;
    }
    const src = isImageLine(line) ? options.imageSrc?.(line.trim()) : undefined;
    const attrs = options.pAttrs ? ` ${options.pAttrs}` : '';
    if (src) {
      const img = options.imgAttrs ? ` ${options.imgAttrs}` : '';
      out.push(`<p style="text-align: center;"${attrs}><img src="${escapeHtml(src)}"${img} /></p>`);
    } else {
      out.push(`<p${attrs}>${inlineText(line)}</p>`);
    }
  }
  return out.join('\n');
}

/**
 * Encodes a page for the wire. Characters the target encoding lacks become numeric references,
 * as a legacy CMS would store them, so the bytes never hold a silent '?'.
 */
export function encodePage(html: string, encoding: 'utf-8' | 'gbk' | 'gb18030'): Buffer {
  if (encoding === 'utf-8') return Buffer.from(html, 'utf8');
  if (encoding === 'gb18030') return iconv.encode(html, 'gb18030');
  let safe = '';
  for (const ch of html) {
    const code = ch.codePointAt(0) ?? 0;
    if (code < 0x80 || iconv.decode(iconv.encode(ch, 'gbk'), 'gbk') === ch) safe += ch;
    else safe += `&#${code};`;
  }
  return iconv.encode(safe, 'gbk');
}

/** True when `ch` has a two-byte GB2312 code (lead and trail bytes both in A1–FE). */
export function inGb2312(ch: string): boolean {
  const b = iconv.encode(ch, 'gb18030');
  return b.length === 2 && b[0]! >= 0xa1 && b[0]! <= 0xf7 && b[1]! >= 0xa1 && b[1]! <= 0xfe;
}
