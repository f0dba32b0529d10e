/**
 * Builds a hijacked report page from its clean original, one injection at a time, and writes the
 * ground-truth label while doing it: every substitution records the string as injected and the
 * phrase it replaced, so the clean original is known exactly and a spam stage can be scored.
 *
 * The page is a set of text slots (ArticleParts) a portal template renders; injections change
 * slots or add raw HTML, never the template, so the clean page and the hijacked one differ only
 * where a label says they do.
 */
import { blockText, hiddenBlock, referrerRedirect, type Hiding, type SpamLink } from '../html/spam.js';
import type { PortalSpamLabel } from '../portals/common.js';
import type { SpamWhere } from '../types.js';

export interface ArticleParts {
  /** <title> */
  docTitle: string;
  keywords: string;
  description: string;
  /** The report's heading (<h1> and the ArticleTitle meta). */
  heading: string;
  /** Column name shown in the breadcrumb and above the article. */
  column: string;
  /** Header line: the site's name and domain. */
  siteLine: string;
  /** The 来源 value. */
  source: string;
  /** Body paragraphs, one per line. */
  lines: string[];
  /** Footer 主办单位. */
  sponsor: string;
  /** Raw HTML placed right after <body>. */
  afterBodyOpen: string[];
  /** Raw HTML placed after </body>, before </html>. */
  beforeHtmlClose: string[];
}

type Slot = Exclude<keyof ArticleParts, 'lines' | 'afterBodyOpen' | 'beforeHtmlClose'>;

/** Which text slots each label position covers. */
const SLOTS: Record<Exclude<SpamWhere, 'body'>, Slot[]> = {
  title: ['docTitle', 'heading'],
  source: ['source'],
  chrome: ['keywords', 'description', 'column', 'siteLine', 'sponsor'],
};

function whereOf(target: Exclude<SpamWhere, 'body'> | Slot): SpamWhere {
  if (target === 'title' || target === 'source' || target === 'chrome') return target;
  const hit = (Object.keys(SLOTS) as (keyof typeof SLOTS)[]).find((w) => SLOTS[w].includes(target));
  return hit ?? 'chrome';
}

export class Tampering {
  readonly clean: Readonly<ArticleParts>;
  private readonly parts: ArticleParts;
  private readonly label: Omit<PortalSpamLabel, 'path'> = { injected: [], hiddenBlocks: [], redirectScript: false };

  constructor(clean: ArticleParts) {
    this.clean = Object.freeze({ ...clean, lines: [...clean.lines], afterBodyOpen: [...clean.afterBodyOpen], beforeHtmlClose: [...clean.beforeHtmlClose] });
    this.parts = { ...clean, lines: [...clean.lines], afterBodyOpen: [...clean.afterBodyOpen], beforeHtmlClose: [...clean.beforeHtmlClose] };
  }

  private record(found: string, original: string, where: SpamWhere): void {
    if (!this.label.injected.some((e) => e.found === found && e.original === original && e.where === where)) {
      this.label.injected.push({ found, original, where });
    }
  }

  /**
   * `found` stands for `original` everywhere in the given targets: a position ('title', 'source',
   * 'chrome' = all its slots, 'body' = every paragraph) or a single slot ('sponsor', 'column' …).
   * For the body, `lines` limits the substitution to those paragraph indexes (a spam that hit some
   * sentences only). Throws when a target holds no `original`: a fixture that drifted must not
   * yield a label claiming spam that is not there.
   */
  substitute(original: string, found: string, targets: ('body' | Exclude<SpamWhere, 'body'> | Slot)[], lines?: number[]): this {
    for (const target of targets) {
      let hit = false;
      if (target === 'body') {
        this.parts.lines = this.parts.lines.map((line, i) => {
          if ((lines && !lines.includes(i)) || !line.includes(original)) return line;
          hit = true;
          return line.split(original).join(found);
        });
      } else {
        const slots = target === 'title' || target === 'source' || target === 'chrome' ? SLOTS[target] : [target];
        for (const slot of slots) {
          if (!this.parts[slot].includes(original)) continue;
          hit = true;
          this.parts[slot] = this.parts[slot].split(original).join(found);
        }
      }
      if (!hit) throw new Error(`tamper: no "${original}" in ${target}`);
      this.record(found, original, target === 'body' ? 'body' : whereOf(target));
    }
    return this;
  }

  /** A brand in place of one word of paragraph `line` (first occurrence): the word is lost to a reader. */
  replaceWord(line: number, word: string, found: string): this {
    const text = this.parts.lines[line];
    if (text === undefined || !text.includes(word)) throw new Error(`tamper: no "${word}" in body line ${line}`);
    this.parts.lines[line] = text.replace(word, found);
    this.record(found, '', 'body');
    return this;
  }

  /** A keyword run appended to paragraph `line`. */
  append(line: number, run: string): this {
    const text = this.parts.lines[line];
    if (text === undefined) throw new Error(`tamper: no body line ${line}`);
    this.parts.lines[line] = `${text}${run}`;
    this.record(run, '', 'body');
    return this;
  }

  /**
   * <title>, keywords and description rewritten wholesale (TDK hijack). Labelled with original ''
   * (the page does not reveal the exact former <title>; the heading still names the report).
   */
  hijackHead(title: string, keywords: string, description: string): this {
    this.record(title, '', 'title');
    this.record(keywords, '', 'chrome');
    this.record(description, '', 'chrome');
    Object.assign(this.parts, { docTitle: title, keywords, description });
    return this;
  }

  /** A foreign domain in place of the site's own beside its name. */
  hijackDomain(ownDomain: string, domain: string): this {
    if (!this.parts.siteLine.includes(ownDomain)) throw new Error(`tamper: no ${ownDomain} in the site line`);
    this.parts.siteLine = this.parts.siteLine.replace(ownDomain, domain);
    this.record(domain, ownDomain, 'chrome');
    this.label.hijackedDomain = domain;
    return this;
  }

  hide(hiding: Hiding, links: readonly SpamLink[], at: 'after-body-open' | 'before-html-close'): this {
    const html = hiddenBlock(hiding, links);
    (at === 'after-body-open' ? this.parts.afterBodyOpen : this.parts.beforeHtmlClose).push(html);
    this.label.hiddenBlocks.push(blockText(html));
    return this;
  }

  redirect(target: string): this {
    this.parts.afterBodyOpen.push(referrerRedirect(target));
    this.label.redirectScript = true;
    return this;
  }

  /** The page as served. */
  get page(): ArticleParts {
    return this.parts;
  }

  labelFor(path: string): PortalSpamLabel {
    const hijackedTitle = this.parts.docTitle !== this.clean.docTitle ? { hijackedTitle: this.parts.docTitle } : {};
    return {
      path,
      injected: this.label.injected.map((e) => ({ ...e })),
      hiddenBlocks: [...this.label.hiddenBlocks],
      redirectScript: this.label.redirectScript,
      ...hijackedTitle,
      ...(this.label.hijackedDomain ? { hijackedDomain: this.label.hijackedDomain } : {}),
    };
  }
}

/** Indexes of the paragraphs containing `phrase`, for substitutions that hit some sentences only. */
export function linesWith(lines: readonly string[], phrase: string): number[] {
  return lines.flatMap((l, i) => (l.includes(phrase) ? [i] : []));
}
