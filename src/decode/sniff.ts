/**
 * Content-based guesses from chardet, as canonical names. Only used to add candidates: the final
 * choice is always made by verifying the decoded text, because chardet's confidence is relative
 * (it says "GB18030 100" for Big5 bytes too often to be trusted alone).
 */
import chardet from 'chardet';
import { normaliseCharset } from './charset-label.js';

/** chardet's analysis is statistical; more than this many bytes adds time, not accuracy. */
const SNIFF_BYTES = 64 * 1024;
/** Below this confidence chardet is listing everything it can name, not detecting. */
const MIN_CONFIDENCE = 50;

/** Encodings chardet thinks likely, best first, without duplicates or UTF-16/32 (which only a BOM
 * or a label can establish: chardet calls some binary "UTF-16"). */
export function sniffEncodings(body: Buffer): string[] {
  const out: string[] = [];
  for (const match of chardet.analyse(body.subarray(0, SNIFF_BYTES))) {
    if (match.confidence < MIN_CONFIDENCE) continue;
    if (match.name === 'ASCII') continue;
    const name = normaliseCharset(match.name);
    if (!name || /^utf-(16|32)/.test(name) || out.includes(name)) continue;
    out.push(name);
  }
  return out;
}
