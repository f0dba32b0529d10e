/**
 * Finding the "next page" control in a rendered listing and deciding how to activate it.
 * The in-page part is plain JavaScript text: tsx compiles with keepNames, which would inject a
 * `__name` helper into any TypeScript function serialised into the page, where it does not exist.
 */

/**
 * Evaluates (in the page) to the best next-page element, or null. Matches are a/button/span/li by
 * label or by a class containing "next"; inner matches are promoted to their enclosing a/button, and
 * wrappers of another match are dropped so `<li class="next disabled"><a>下一页</a></li>` is judged
 * by the link and its wrapper together. Text matches beat class-only ones, visible beats hidden,
 * links and buttons beat spans and list items.
 */
export const FIND_NEXT_CONTROL_SCRIPT = String.raw`(() => {
  const NEXT_LABEL = /^(下一页|下页|后一页|下一頁|next|nextpage|›|»|>)$/i;
  const disabledHere = (el) => !!el && (el.hasAttribute('disabled') ||
    el.getAttribute('aria-disabled') === 'true' || /disabled?/i.test(el.getAttribute('class') || ''));
  const matches = new Map();
  for (const el of document.querySelectorAll('a, button, span, li')) {
    const text = (el.textContent || '').replace(/\s+/g, '');
    const label = text || (el.getAttribute('title') || el.getAttribute('aria-label') || '').replace(/\s+/g, '');
    const byText = NEXT_LABEL.test(label);
    // "下一篇" (next article) links also carry class "next"; they lead out of the listing.
    const byClass = /next/i.test(el.getAttribute('class') || '') && !/篇/.test(label) && label.length <= 8;
    if (!byText && !byClass) continue;
    const target = el.closest('a, button') || el;
    const previous = matches.get(target);
    matches.set(target, {
      el: target,
      byText: byText || (previous ? previous.byText : false),
      disabled: disabledHere(el) || disabledHere(target) || (previous ? previous.disabled : false),
    });
  }
  const all = [...matches.values()];
  const innermost = [];
  for (const m of all) {
    const inner = all.filter((o) => o !== m && m.el.contains(o.el));
    if (inner.length === 0) innermost.push(m);
    else if (disabledHere(m.el)) for (const o of inner) o.disabled = true;
  }
  const usable = innermost.filter((m) => !m.disabled && !disabledHere(m.el.parentElement));
  const visible = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
  const score = (m) => (m.byText ? 4 : 0) + (visible(m.el) ? 2 : 0) + (/^(A|BUTTON)$/.test(m.el.tagName) ? 1 : 0);
  let best = null;
  for (const m of usable) if (!best || score(m) > score(best)) best = m;
  return best ? best.el : null;
})()`;

export type NextAction = { kind: 'navigate'; url: string } | { kind: 'click' };

/**
 * A real href is followed as a navigation (cheaper and exact); `javascript:`, `#…`, missing hrefs and
 * non-http schemes are left to the page's own click handler.
 */
export function nextAction(rawHref: string | null, resolvedHref: string | null): NextAction {
  const raw = rawHref?.trim() ?? '';
  if (!raw || raw.startsWith('#') || /^javascript:/i.test(raw) || !resolvedHref) return { kind: 'click' };
  try {
    const url = new URL(resolvedHref);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return { kind: 'click' };
    return { kind: 'navigate', url: url.href };
  } catch {
    return { kind: 'click' };
  }
}
