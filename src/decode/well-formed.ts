/**
 * Lone UTF-16 surrogates replaced by U+FFFD. iconv-lite's UTF-16 decoders pass unpaired surrogates
 * through (TextDecoder does not), and parse5 reads two lone low surrogates in a row as a pair,
 * computes a code point past U+10FFFF and throws a RangeError from String.fromCodePoint.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function wellFormed(text: string): string {
  return text.replace(LONE_SURROGATE, '\uFFFD');
}
