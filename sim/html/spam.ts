/**
 * The HTML black-hat SEO plants in hijacked government pages: link blocks hidden by CSS and a
 * script that sends visitors arriving from search engines to a gambling site. The domains are
 * made up and never fetched (the crawler follows listing links and body images only).
 */
import { escapeHtml } from './text.js';

/** How a block is kept out of sight (DOMAIN.md, "Hidden blocks"). */
export type Hiding = 'offscreen' | 'display-none' | 'text-indent' | 'tiny-font';

const STYLE: Record<Hiding, string> = {
  offscreen: 'position:absolute;left:-9999px;top:-9999px',
  'display-none': 'display:none',
  'text-indent': 'text-indent:-9999px;overflow:hidden;height:1px',
  'tiny-font': 'font-size:1px;color:#fff;line-height:0',
};

/** A spam link: keywords as its text, a gambling host (or a relative doorway page) as its target. */
export type SpamLink = [text: string, href: string];

/** The block's HTML: one element, the chosen hiding as an inline style, links separated by spaces. */
export function hiddenBlock(hiding: Hiding, links: readonly SpamLink[]): string {
  const a = links.map(([t, h]) => `<a href="${escapeHtml(h)}" target="_blank">${escapeHtml(t)}</a>`);
  return `<div style="${STYLE[hiding]}">${a.join(' ')}</div>`;
}

/** What a reader of the DOM gets from a block: tags stripped, entities decoded, spaces collapsed. */
export function blockText(html: string): string {
  return html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The classic 蜘蛛/来路 script: search-engine spiders see the page, people arriving from a search
 * result are sent to the gambling site. `target` is a made-up host name.
 */
export function referrerRedirect(target: string): string {
  return [
    '<script type="text/javascript">',
    '(function(){',
    '  var r = document.referrer.toLowerCase();',
    '  var s = ["baidu.com", "sogou.com", "so.com", "sm.cn"];',
    '  for (var i = 0; i < s.length; i++) {',
    `    if (r.indexOf(s[i]) > -1) { window.location.href = "http://${target}/"; break; }`,
    '  }',
    '})();',
    '</script>',
  ].join('\n');
}
