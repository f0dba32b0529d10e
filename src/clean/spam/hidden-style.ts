/**
 * Whether CSS hides an element, from its inline style or from a page <style> rule naming its id
 * or class. Two strengths: 'soft' (display:none, visibility:hidden) is what menus, tabs and share
 * popups use every day; 'hard' (off-screen, -9999px indents, zero sizes, 1px fonts) is what
 * injected link farms use, because crawlers still read the text while people never see it.
 */
import type { CheerioAPI } from 'cheerio';
import type { Element } from 'domhandler';

export type Hiding = 'soft' | 'hard';

/** Declarations of one style attribute or rule body, lower-cased, by property. */
function declarations(css: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const part of css.split(';')) {
    const i = part.indexOf(':');
    if (i < 0) continue;
    const prop = part.slice(0, i).trim().toLowerCase();
    const value = part.slice(i + 1).replace(/!important/i, '').trim().toLowerCase();
    if (prop) map.set(prop, value);
  }
  return map;
}

function px(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const m = /^(-?\d+(?:\.\d+)?)(px|em|rem|pt|%)?$/.exec(value.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  return m[2] === 'em' || m[2] === 'rem' ? n * 16 : n;
}

/** How the declarations hide the element, if they do. */
export function hidingOf(css: string): Hiding | undefined {
  const d = declarations(css);
  const overflowHidden = /hidden|clip/.test(d.get('overflow') ?? '');
  const indent = px(d.get('text-indent'));
  if (indent !== undefined && indent <= -500) return 'hard';
  if (/absolute|fixed/.test(d.get('position') ?? '')) {
    const offsets = ['left', 'top', 'right', 'bottom', 'margin-left', 'margin-top'].map((p) => px(d.get(p)));
    if (offsets.some((v) => v !== undefined && v <= -500)) return 'hard';
  }
  const font = px(d.get('font-size'));
  if (font !== undefined && font <= 1) return 'hard';
  const h = px(d.get('height') ?? d.get('max-height'));
  const w = px(d.get('width') ?? d.get('max-width'));
  if (overflowHidden && ((h !== undefined && h <= 1) || (w !== undefined && w <= 1))) return 'hard';
  if (px(d.get('opacity')) === 0) return 'hard';
  if (/rect\(\s*0(?:px)?[\s,]+0/.test(d.get('clip') ?? '')) return 'hard';
  if (d.get('display') === 'none') return 'soft';
  if (d.get('visibility') === 'hidden') return 'soft';
  return undefined;
}

/** `#id` and `.class` selectors that a page <style> rule hides, with the strength. */
export function hiddenSelectors($: CheerioAPI): Map<string, Hiding> {
  const out = new Map<string, Hiding>();
  $('style').each((_, el) => {
    const css = $(el).text().replace(/\/\*[\s\S]*?\*\//g, '');
    for (const m of css.matchAll(/([^{}]+)\{([^{}]*)\}/g)) {
      const hiding = hidingOf(m[2]!);
      if (!hiding) continue;
      for (const selector of m[1]!.split(',')) {
        // Only rules aimed at one element name: a descendant or pseudo selector is page design.
        const s = /^\s*[a-z]*([#.][\w-]+)\s*$/i.exec(selector);
        if (s && (out.get(s[1]!) !== 'hard' || hiding === 'hard')) out.set(s[1]!, hiding);
      }
    }
  });
  return out;
}

/** How `el` is hidden by its own style, attributes, or a <style> rule for its id or classes. */
export function elementHiding(el: Element, rules: Map<string, Hiding>): Hiding | undefined {
  const a = el.attribs;
  let result: Hiding | undefined = a['style'] ? hidingOf(a['style']) : undefined;
  const consider = (h: Hiding | undefined) => {
    if (h === 'hard' || (h === 'soft' && !result)) result = h;
  };
  if (a['id']) consider(rules.get('#' + a['id']));
  for (const c of (a['class'] ?? '').split(/\s+/).filter(Boolean)) consider(rules.get('.' + c));
  if ('hidden' in a) consider('soft');
  if ((el.name === 'iframe' || el.name === 'marquee') && [a['width'], a['height']].some((v) => /^[01](?:px)?$/.test(v ?? ''))) consider('hard');
  return result;
}
