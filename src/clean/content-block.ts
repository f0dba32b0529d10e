/**
 * Finds the element that holds the report body. Portal software names its body container
 * (TRS: .TRS_Editor, many: #zoom); when none is present, the block with the most running text in
 * its own paragraphs and the fewest links wins, which is how readability-style extractors work.
 */
import type { CheerioAPI } from 'cheerio';
import type { Element } from 'domhandler';

const KNOWN_BODIES = [
  '.TRS_Editor', '#zoom', '#Zoom', '.zoom', '#UCAP-CONTENT', '.Custom_UnionStyle', '.article-content',
  '.article_content', '#article_content', '.content-text', '.pages_content', '.wzy_content', '.news_content',
  '#fontzoom', '.bt_content', '.detail-content', '#content', 'article',
];
const MIN_BODY_CHARS = 100;
const CJK = /[\u3400-\u9fff]/g;

function cjkLength(text: string): number {
  return text.match(CJK)?.length ?? 0;
}

export function findContentBlock($: CheerioAPI): Element | undefined {
  for (const selector of KNOWN_BODIES) {
    const found = $(selector)
      .toArray()
      .filter((el): el is Element => el.type === 'tag' && cjkLength($(el).text()) >= MIN_BODY_CHARS);
    // The outermost match keeps sibling blocks of the same body (some editors split it).
    if (found.length) return found[0];
  }
  return densestBlock($);
}

function densestBlock($: CheerioAPI): Element | undefined {
  const scores = new Map<Element, number>();
  $('p, td, div, section, article, font, span, li').each((_, el) => {
    const node = $(el);
    // Only text that sits directly in this element counts toward its parent, so nested
    // containers do not pile up the whole page's text.
    const own = node
      .contents()
      .toArray()
      .filter((c) => c.type === 'text')
      .map((c) => (c as unknown as { data: string }).data)
      .join('');
    const length = cjkLength(own);
    if (length < 10) return;
    const parent = el.parent as Element | null;
    if (parent && parent.type === 'tag') scores.set(parent, (scores.get(parent) ?? 0) + length);
    const grand = parent?.parent as Element | null | undefined;
    if (grand && grand.type === 'tag') scores.set(grand, (scores.get(grand) ?? 0) + length / 2);
  });
  let best: Element | undefined;
  let bestScore = 0;
  for (const [el, score] of scores) {
    const node = $(el);
    const all = cjkLength(node.text()) || 1;
    const linked = cjkLength(node.find('a').text());
    const adjusted = score * (1 - linked / all);
    if (adjusted > bestScore) {
      best = el;
      bestScore = adjusted;
    }
  }
  return best;
}
