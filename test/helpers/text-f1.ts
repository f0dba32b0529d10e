/**
 * Character-level F1 between an extracted text and a reference, whitespace ignored: the share of
 * reference characters recovered (recall) against the share of extracted characters that belong
 * (precision), counted as multisets. Bigram F1 is also given: it punishes shuffled or duplicated text
 * that unigram counts would forgive.
 */
function counts(items: string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const item of items) m.set(item, (m.get(item) ?? 0) + 1);
  return m;
}

function f1(extracted: string[], reference: string[]): { precision: number; recall: number; f1: number } {
  const a = counts(extracted);
  const b = counts(reference);
  let overlap = 0;
  for (const [k, n] of a) overlap += Math.min(n, b.get(k) ?? 0);
  const precision = extracted.length ? overlap / extracted.length : 0;
  const recall = reference.length ? overlap / reference.length : 0;
  return { precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 };
}

const chars = (text: string) => [...text.replace(/\s+/gu, '')];
const bigrams = (text: string) => {
  const c = chars(text);
  return c.slice(1).map((ch, i) => c[i]! + ch);
};

export function charF1(extracted: string, reference: string) {
  return f1(chars(extracted), chars(reference));
}

export function bigramF1(extracted: string, reference: string) {
  return f1(bigrams(extracted), bigrams(reference));
}
