/**
 * Fetched bytes → text, whatever the labels say.
 *
 * Labels are evidence, not orders: a county portal's server often says UTF-8 for GBK pages, and a
 * template's `<meta>` outlives a site migration. Every decoding is checked with `assessText`, and
 * a label whose decoding does not verify gives way to the candidate that verifies best.
 *
 * Decision, in order:
 * 1. Bytes that are strictly valid UTF-8 and carry real multi-byte evidence (a character at or
 *    above U+0800, or more than a handful of non-ASCII characters) are UTF-8, whatever any label
 *    says: GBK/Big5 text of that size is never valid UTF-8 by chance.
 * 2. Otherwise the claims in priority order — BOM, HTTP header, `<meta>`, XML declaration — and the
 *    first one whose decoding verifies wins, unless another decoding verifies and is clearly more
 *    plausible (e.g. a Big5 label on GBK bytes).
 * 3. Otherwise valid UTF-8 (even short), then the best-scoring of utf-8, gb18030, chardet's
 *    guesses and Big5 (last, because GBK read as Big5 still looks like rare traditional hanzi).
 * 4. If even the best candidate is mostly replacement and control characters, the body is not text
 *    (an image or PDF served as text/html): DecodeError, so the crawl records one clear reason
 *    instead of archiving garbage.
 */
import iconv from 'iconv-lite';
import { DecodeError } from '../errors.js';
import type { DecodedPage, EncodingSource } from '../types.js';
import {
  charsetParam,
  detectBom,
  metaCharset,
  normaliseCharset,
  xmlDeclarationEncoding,
} from './charset-label.js';
import { sniffEncodings } from './sniff.js';
import { assessText, type TextAssessment } from './verify-text.js';
import { wellFormed } from './well-formed.js';

interface Claim {
  encoding: string;
  /** The label as written (lower-cased), for `mislabelled`. */
  label: string;
  source: EncodingSource;
}

interface Candidate {
  encoding: string;
  text: string;
  assessment: TextAssessment;
  verified: boolean;
}

/** A rival must beat a verified label by this much mean plausibility per non-ASCII character to
 * override it; small differences are noise (rare names, traditional quotations). */
const OVERRIDE_MARGIN = 0.3;
/** Score differences below this are ties, settled by candidate priority. */
const TIE = 0.02;
/** Share of replacement/control characters above which the body is not text at all. */
const BINARY_SHARE = 0.05;

const FATAL_UTF8 = new TextDecoder('utf-8', { fatal: true });
const LENIENT_UTF8 = new TextDecoder('utf-8');

function collectClaims(body: Buffer, contentType: string | undefined): Claim[] {
  const claims: Claim[] = [];
  const add = (raw: string | undefined, source: EncodingSource): void => {
    let encoding = normaliseCharset(raw);
    if (!raw || !encoding) return;
    // A meta tag or XML declaration was readable as ASCII, so the bytes cannot be UTF-16 without a
    // BOM; browsers read such a label as UTF-8 and so do we.
    if ((source === 'meta' || source === 'xml-declaration') && encoding.startsWith('utf-16')) encoding = 'utf-8';
    claims.push({ encoding, label: raw.trim().toLowerCase(), source });
  };
  const bom = detectBom(body);
  if (bom) claims.push({ encoding: bom.encoding, label: bom.encoding, source: 'bom' });
  add(charsetParam(contentType), 'header');
  add(metaCharset(body), 'meta');
  add(xmlDeclarationEncoding(body), 'xml-declaration');
  return claims;
}

function strictlyUtf8(body: Buffer): boolean {
  try {
    FATAL_UTF8.decode(body);
    return true;
  } catch {
    return false;
  }
}

function decodeAs(body: Buffer, encoding: string): string {
  // TextDecoder strips a UTF-8 BOM itself; iconv-lite strips BOMs for the UTF-16 forms.
  return encoding === 'utf-8' ? LENIENT_UTF8.decode(body) : wellFormed(iconv.decode(body, encoding));
}

/** True when some character is at or above U+0800: a three-byte UTF-8 sequence, which GBK/Big5
 * text almost never forms by accident (lead E0–EF followed by exactly two 80–BF bytes). */
function hasWideChar(text: string): boolean {
  for (const c of text) if ((c.codePointAt(0) ?? 0) >= 0x800) return true;
  return false;
}

export function decodePage(body: Buffer, contentType?: string, url?: string): DecodedPage {
  const claims = collectClaims(body, contentType);
  const bom = detectBom(body);
  const utf8Valid = strictlyUtf8(body);
  const hasNul = body.includes(0);

  if (body.length === 0 || (bom && body.length === bom.length)) {
    const first = claims[0];
    return { text: '', encoding: first?.encoding ?? 'utf-8', source: first?.source ?? 'default' };
  }

  const cache = new Map<string, Candidate>();
  const candidate = (encoding: string): Candidate => {
    const known = cache.get(encoding);
    if (known) return known;
    const text = decodeAs(body, encoding);
    const assessment = assessText(text);
    let verified = !assessment.mojibake;
    if (encoding === 'utf-8' && !utf8Valid) verified = false;
    // UTF-16 HTML always has ASCII markup, hence NUL bytes; without them a UTF-16 label on
    // ASCII-compatible bytes is wrong (and would decode to CJK-looking nonsense).
    if (encoding.startsWith('utf-16') && bom?.encoding !== encoding && !hasNul) verified = false;
    const made: Candidate = { encoding, text, assessment, verified };
    cache.set(encoding, made);
    return made;
  };

  const choose = (chosen: Candidate): DecodedPage => {
    const own = claims.find((c) => c.encoding === chosen.encoding);
    const wrong = claims.find((c) => c.encoding !== chosen.encoding);
    const page: DecodedPage = {
      text: chosen.text,
      encoding: chosen.encoding,
      source: own?.source ?? (chosen.assessment.nonAscii > 0 ? 'sniffed' : 'default'),
    };
    if (wrong) page.mislabelled = wrong.label;
    return page;
  };

  // 1. Substantial valid UTF-8 outranks every label.
  const utf8 = candidate('utf-8');
  if (utf8Valid && utf8.verified && (hasWideChar(utf8.text) || utf8.assessment.nonAscii > 8)) {
    return choose(utf8);
  }

  // 2. The first claim that verifies and is not clearly beaten.
  const rivals = ['utf-8', 'gb18030', 'big5'];
  for (const claim of claims) {
    const c = candidate(claim.encoding);
    if (!c.verified) continue;
    // Short valid UTF-8 decoded as GBK tends to score higher than the UTF-8 itself ("é" reads
    // as the common hanzi 脡), so a verified UTF-8 claim is never overridden by score.
    if (claim.encoding === 'utf-8') return choose(c);
    const beaten = rivals.some((enc) => {
      if (enc === claim.encoding) return false;
      const r = candidate(enc);
      return r.verified && r.assessment.score >= c.assessment.score + OVERRIDE_MARGIN;
    });
    if (!beaten) return choose(c);
  }

  // 3. Valid UTF-8 that no label contradicts successfully (includes pure ASCII).
  if (utf8Valid && utf8.verified) return choose(utf8);

  // 4. Rank everything; Big5 goes last so it only wins on clearly better text.
  const order = [...claims.map((c) => c.encoding), 'utf-8', 'gb18030', ...sniffEncodings(body), 'big5'];
  const seen = new Set<string>();
  let best: Candidate | undefined;
  for (const enc of order) {
    if (seen.has(enc)) continue;
    seen.add(enc);
    const c = candidate(enc);
    if (!best) {
      best = c;
      continue;
    }
    const better =
      (c.verified && !best.verified) ||
      (c.verified === best.verified && c.assessment.score > best.assessment.score + TIE);
    if (better) best = c;
  }
  if (!best) throw new DecodeError('no candidate encoding', url);

  const bad = best.assessment.replacement + best.assessment.controls;
  if (bad > BINARY_SHARE * best.text.length) {
    throw new DecodeError(
      `body is not text in any candidate encoding (best ${best.encoding}: ${bad} of ${best.text.length} characters are replacement or control characters)`,
      url,
    );
  }
  return choose(best);
}
