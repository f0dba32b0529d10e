/**
 * Caps how deep a parsed page nests, as browsers do (Blink re-parents everything below depth 512).
 * Cheerio, domutils and css-select walk the tree recursively: a page of 10 000 unclosed <div>s
 * (a broken template, or an attacker's) would overflow the stack in `.text()` and abort the whole
 * page. Below the cap every node keeps its document order but becomes a child of the ancestor at
 * the cap, so text, images and links survive; only structure that deep (never a real report's)
 * is lost.
 */
import * as cheerio from 'cheerio';
import type { AnyNode, ParentNode } from 'domhandler';

export const MAX_DOM_DEPTH = 512;

function hasChildren(node: AnyNode): node is AnyNode & ParentNode {
  return 'children' in node && Array.isArray(node.children) && node.children.length > 0;
}

/** Flattens, in place, everything under `root` nested deeper than `max`; returns how many nodes moved. */
export function limitDomDepth(root: AnyNode, max = MAX_DOM_DEPTH): number {
  let moved = 0;
  const stack: { node: AnyNode; depth: number }[] = [{ node: root, depth: 0 }];
  while (stack.length) {
    const { node, depth } = stack.pop()!;
    if (!hasChildren(node)) continue;
    if (depth < max) {
      for (const child of node.children) stack.push({ node: child, depth: depth + 1 });
      continue;
    }
    const flat = descendants(node);
    moved += flat.length - node.children.length;
    for (const [i, n] of flat.entries()) {
      n.parent = node;
      n.prev = flat[i - 1] ?? null;
      n.next = flat[i + 1] ?? null;
      if ('children' in n) n.children = [];
    }
    node.children = flat;
  }
  return moved;
}

/** Every node under `node` in document order, without recursion. */
function descendants(node: ParentNode): AnyNode[] {
  const out: AnyNode[] = [];
  const stack: AnyNode[] = [...node.children].reverse();
  while (stack.length) {
    const n = stack.pop()!;
    out.push(n);
    if (hasChildren(n)) for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
  }
  return out;
}

/** A page parsed for reading with cheerio, its nesting capped: what every parse of a fetched page should use. */
export function loadHtml(html: string): cheerio.CheerioAPI {
  const $ = cheerio.load(html);
  limitDomDepth($.root()[0]!);
  return $;
}
