/**
 * Silent corrections, as portals make them: an editor fixes a number in one paragraph (or, where
 * every number is a table figure, a phrase) and saves; no notice, same URL, same listing entry.
 */
import { RAW_HTML, isImageLine } from './html/text.js';

/** A count followed by its unit, not part of a year, date or phone number. */
const COUNT = /(?<![\d\-.：:])(\d{2,})(?=(?:条|件|次|篇|个|人次|人|项|期|场))/;

export interface Revision {
  lines: string[];
  body: string;
  /** The paragraph as it was and as it is now. */
  before: string;
  after: string;
}

/**
 * The text after one correction. `figures` values are left alone (a corrected table would change
 * the figures' ground truth); a paragraph must appear whole in `body` to be chosen.
 */
export function reviseText(lines: readonly string[], body: string, figures?: Record<string, number>): Revision {
  const bodyLines = new Set(body.split('\n'));
  const protectedValues = new Set(Object.values(figures ?? {}).map(String));
  const candidates = lines
    .map((line, i) => ({ line, i }))
    .filter(({ line }) => line !== '' && !line.startsWith(RAW_HTML) && !line.includes('\t') && !isImageLine(line) && bodyLines.has(line));

  for (const { line, i } of candidates) {
    const m = COUNT.exec(line);
    if (!m || protectedValues.has(m[1]!)) continue;
    const old = Number(m[1]);
    const fixed = String(old + 1 + (old % 7));
    if (protectedValues.has(fixed)) continue;
    const after = line.slice(0, m.index) + fixed + line.slice(m.index + m[1]!.length);
    return apply(lines, body, i, line, after);
  }
  // No free number: a wording fix in the longest paragraph.
  const longest = [...candidates].sort((a, b) => b.line.length - a.line.length)[0];
  if (!longest) throw new Error('revise: the report has no paragraph to correct');
  const after = longest.line.includes('进一步')
    ? longest.line.replace('进一步', '持续')
    : longest.line.replace(/。?$/, '，特此更正。');
  return apply(lines, body, longest.i, longest.line, after);
}

function apply(lines: readonly string[], body: string, i: number, before: string, after: string): Revision {
  const next = [...lines];
  next[i] = after;
  const bodyLines = body.split('\n');
  const at = bodyLines.indexOf(before);
  bodyLines[at] = after;
  return { lines: next, body: bodyLines.join('\n'), before, after };
}
