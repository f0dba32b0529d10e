/**
 * The archive's own reports as training text for the spam stage's character model (issue 9: 县委,
 * the archive's place names). A report archived with no spam findings is not proof of a clean
 * text: an archive written by older rules holds hijacked pages whose brands nobody saw, and a model
 * trained on them reads those brands as ordinary report text and stops finding them. So each text
 * is judged again by the shipped model and the lexicon before it is added.
 */
import { extendDefaultCharLm, defaultCharLm } from './char-lm.js';
import { findForeignStrings } from './foreign-strings.js';
import { scanForms, SPAM_THRESHOLD } from './form-scan.js';
import { COMMON_TARGETS } from './restore.js';

/** Replaces the process's model extension with the texts in which no spam is seen; returns how many were used. */
export function extendModelWithCleanTexts(texts: readonly string[]): number {
  extendDefaultCharLm([]); // judge with the shipped model alone
  const lm = defaultCharLm();
  const clean = texts.filter((text) => !looksSpammed(text, lm));
  extendDefaultCharLm(clean);
  return clean.length;
}

function looksSpammed(text: string, lm: ReturnType<typeof defaultCharLm>): boolean {
  const lexicon = text.split('\n').some((line) => scanForms(line).some((h) => h.shape >= SPAM_THRESHOLD && !h.legitContext));
  return lexicon || findForeignStrings([text], COMMON_TARGETS, lm).length > 0;
}
