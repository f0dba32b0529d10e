/**
 * The page-level spam pass, run on the whole DOM before the report body is picked: removes
 * CSS-hidden link farms and keyword lists, cloaking scripts and foreign meta refreshes, and
 * records a hijacked <title>. Hidden elements are judged by what they hold, because portals hide
 * plenty of honest things (dropdown menus, share popups, 无障碍 toolbars, hidden inputs).
 */
import type { CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import type { SpamContext, SpamFinding } from './spam-types.js';
import { scanForms, SPAM_THRESHOLD } from './form-scan.js';
import { classifyHost, findDomains, hostOf, isSpammyHost } from './domains.js';
import { elementHiding, hiddenSelectors, type Hiding } from './hidden-style.js';
import { externalScriptVerdict, inlineScriptVerdict, metaRefreshVerdict } from './redirect-script.js';
import { learnSubstitutions, runMembers } from './substitution.js';
import { repairText } from './repair.js';

const STRUCTURAL = new Set(['html', 'head', 'body', 'script', 'style', 'meta', 'link', 'title', 'input', 'option', 'select']);

const squeeze = (s: string) => s.replace(/\s+/g, ' ').trim();
const shorten = (s: string) => (s.length > 200 ? s.slice(0, 200) : s);

/** Characters of `text` inside brand-shaped spam forms that hold up as spam in this block. */
function spamCharacters(text: string): { chars: number; forms: number } {
  let chars = 0;
  let forms = 0;
  for (const line of text.split('\n')) {
    const hits = scanForms(line);
    const inRun = runMembers(line, hits);
    for (const hit of hits) {
      if (hit.legitContext || hit.shape + (inRun.has(hit) ? 1 : 0) < SPAM_THRESHOLD) continue;
      forms++;
      chars += hit.end - hit.start;
    }
  }
  return { chars, forms };
}

/** A hidden element is an injection when spam is what it mostly holds. */
function isInjectedBlock($: CheerioAPI, el: Element, hiding: Hiding, context: SpamContext): boolean {
  const $el = $(el);
  const text = squeeze($el.text());
  const targets: Array<{ host: string; text: string }> = [];
  $el.find('a[href], iframe[src]').add($el.filter('a[href], iframe[src]')).each((_, a) => {
    const url = (a as Element).attribs['href'] ?? (a as Element).attribs['src'] ?? '';
    targets.push({ host: hostOf(url), text: squeeze($(a).text()) });
  });
  const foreign = targets.filter((t) => t.host && classifyHost(t.host, context.portalHost) === 'foreign');
  const spammyHosts = foreign.filter((t) => isSpammyHost(t.host)).length;
  const honest = targets.filter((t) => !t.host || classifyHost(t.host, context.portalHost) !== 'foreign').length;
  const { chars, forms } = spamCharacters(text);
  const hostsInText = findDomains(text).filter((d) => classifyHost(d.host, context.portalHost) === 'foreign');

  const spam =
    forms > 0 ||
    spammyHosts > 0 ||
    hostsInText.some((d) => isSpammyHost(d.host)) ||
    (hiding === 'hard' && foreign.length >= 2 && honest === 0) ||
    (el.name === 'iframe' && hiding === 'hard' && foreign.length > 0);
  if (!spam) return false;
  // Guard against a hidden container that holds real content with a brand inside it.
  const size = text.replace(/\s/g, '').length;
  if (size === 0) return true;
  const spamSize = chars + foreign.reduce((n, t) => n + t.text.replace(/\s/g, '').length, 0) + hostsInText.reduce((n, d) => n + d.text.length, 0);
  return spamSize / size >= 0.3;
}

function isDetached(node: AnyNode, removed: Set<AnyNode>): boolean {
  for (let n: AnyNode | null = node; n; n = n.parent) if (removed.has(n)) return true;
  return false;
}

function stripHiddenBlocks($: CheerioAPI, context: SpamContext, findings: SpamFinding[]): void {
  const rules = hiddenSelectors($);
  const removed = new Set<AnyNode>();
  $('body *').each((_, node) => {
    const el = node as Element;
    if (STRUCTURAL.has(el.name) || isDetached(el, removed)) return;
    const hiding = elementHiding(el, rules);
    if (!hiding || !isInjectedBlock($, el, hiding, context)) return;
    const text = squeeze($(el).text()) || $(el).find('a[href]').map((_, a) => $(a).attr('href')).get().join(' ') || ($(el).attr('src') ?? '');
    findings.push({ kind: 'hidden-block', found: shorten(text), replacement: '', where: 'page' });
    removed.add(el);
  });
  for (const el of removed) $(el).remove();
}

function stripRedirects($: CheerioAPI, context: SpamContext, findings: SpamFinding[]): void {
  $('script').each((_, node) => {
    const el = node as Element;
    const src = el.attribs['src'];
    const code = $(el).html() ?? '';
    const why = src ? externalScriptVerdict(src, context.portalHost) : inlineScriptVerdict(code, context.portalHost);
    if (!why) return;
    findings.push({ kind: 'redirect-script', found: shorten(src ?? squeeze(code)), replacement: '', where: 'page' });
    $(el).remove();
  });
  $('meta').each((_, node) => {
    const el = node as Element;
    if ((el.attribs['http-equiv'] ?? '').toLowerCase() !== 'refresh') return;
    const content = el.attribs['content'] ?? '';
    if (!metaRefreshVerdict(content, context.portalHost)) return;
    findings.push({ kind: 'redirect-script', found: shorten(content), replacement: '', where: 'page' });
    $(el).remove();
  });
}

/** A <title> carrying a spam form or a foreign domain; the repair uses what the page reveals. */
function checkTitle($: CheerioAPI, context: SpamContext, findings: SpamFinding[]): void {
  const title = squeeze($('title').first().text());
  if (!title) return;
  const model = learnSubstitutions([title, $('body').text()], context);
  const { text, findings: changes } = repairText(title, model, 'title');
  if (!changes.length) return;
  const repaired = text.replace(/^[\s_|｜\-—]+|[\s_|｜\-—]+$/g, '');
  // A repair that still carries a brand is no honest title: record the removal only.
  const meaningful = (repaired.match(/[\u4e00-\u9fff]/g) ?? []).length >= 2 && scanForms(repaired).length === 0;
  findings.push({ kind: 'hijacked-title', found: title, replacement: meaningful ? repaired : '', where: 'page' });
}

export function stripPageSpam($: CheerioAPI, context: SpamContext): SpamFinding[] {
  const findings: SpamFinding[] = [];
  stripRedirects($, context, findings);
  stripHiddenBlocks($, context, findings);
  checkTitle($, context, findings);
  return findings;
}
