/**
 * Renders a report body element as plain text the way a reader sees it: one line per block,
 * table cells separated by tabs, images as a reference token at their place. Tabs and runs of
 * non-breaking spaces inside a line are kept: they are the columns of text tables pasted from Word,
 * which the table extractor reads later.
 */
import type { AnyNode, Element } from 'domhandler';
import type { BodyImage } from '../types.js';
import { resolveHref } from '../crawl/listing/listing-links.js';

const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'br', 'center', 'dd', 'div', 'dl', 'dt', 'figcaption', 'figure',
  'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li', 'main', 'nav', 'ol', 'p', 'pre',
  'section', 'table', 'tbody', 'thead', 'tfoot', 'tr', 'ul',
]);
const SKIP = new Set(['script', 'style', 'noscript', 'iframe', 'object', 'embed', 'template', 'head', 'select', 'button']);
const CELL = new Set(['td', 'th']);
/** Marks where a block element's children end on the walk's stack. */
const END_BLOCK = Symbol('end of block');
const WIDE = '\\u3000-\\u303f\\u3400-\\u9fff\\uff00-\\uffef';
const CJK_WRAP = new RegExp(`([${WIDE}])[ \\t]*[\\r\\n][ \\t\\r\\n]*(?=[${WIDE}])`, 'g');

export interface RenderedText {
  text: string;
  images: BodyImage[];
}

/** Names given so far, and per base name the next number to try: a page repeating one image
 * thousands of times must not search from 2 each time. */
interface FileNames {
  taken: Set<string>;
  next: Map<string, number>;
}

/** File name of an image URL, unique within one report. */
function imageFileName(url: string, files: FileNames): string {
  const base = decodePath(new URL(url).pathname.split('/').pop() || 'image').replace(/[\\/:*?"<>|\s]/g, '_') || 'image';
  let name = base;
  let i = files.next.get(base) ?? 2;
  for (; files.taken.has(name); i++) name = `${i}_${base}`;
  files.next.set(base, i);
  files.taken.add(name);
  return name;
}

/** A path segment's percent-escapes decoded; a malformed escape (%E4 cut short) is kept as written. */
function decodePath(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export function imageRef(file: string): string {
  return `[图片:${file}]`;
}

export function renderText(root: Element, baseUrl: string): RenderedText {
  const lines: string[] = [];
  let line = '';
  const images: BodyImage[] = [];
  const files: FileNames = { taken: new Set(), next: new Map() };

  const breakLine = () => {
    const trimmed = line.replace(/[ \u3000]+$/u, '').replace(/^ +/, '');
    if (trimmed.replace(/\s/g, '')) lines.push(trimmed);
    line = '';
  };

  // An explicit stack, not recursion: a body can nest thousands of elements deep.
  const stack: (AnyNode | typeof END_BLOCK)[] = [root];
  while (stack.length) {
    const node = stack.pop()!;
    if (node === END_BLOCK) {
      breakLine();
      continue;
    }
    if (node.type === 'text') {
      // A whitespace run holding a newline is source formatting; tabs alone are cell separators.
      // Between two Chinese characters a source line break is no space at all (CSS Text's
      // segment-break rule), so hard-wrapped HTML does not split words.
      line += node.data
        .replace(CJK_WRAP, '$1')
        .replace(/[ \t\r\n\f]*[\r\n][ \t\r\n\f]*/g, ' ')
        .replace(/ {2,}/g, ' ')
        .replace(/\u00a0/g, ' ');
      continue;
    }
    if (node.type !== 'tag' && node.type !== 'script' && node.type !== 'style') continue;
    const element = node as Element;
    const name = element.name.toLowerCase();
    if (SKIP.has(name)) continue;
    if (name === 'img') {
      const url = resolveHref(element.attribs['src'] ?? element.attribs['data-src'], baseUrl);
      if (!url) continue;
      const file = imageFileName(url, files);
      const image: BodyImage = { url, ref: imageRef(file), file };
      if (element.attribs['alt']) image.alt = element.attribs['alt'];
      images.push(image);
      breakLine();
      line = image.ref;
      breakLine();
      continue;
    }
    const block = BLOCK.has(name);
    if (block) breakLine();
    if (CELL.has(name) && line) line += '\t';
    if (block) stack.push(END_BLOCK);
    for (let i = element.children.length - 1; i >= 0; i--) stack.push(element.children[i]!);
  }
  breakLine();
  return { text: lines.join('\n'), images };
}
