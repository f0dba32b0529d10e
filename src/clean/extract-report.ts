/**
 * A decoded report page in, its report part out: title, body text with image references,
 * publication date and stated source, with injected spam stripped or repaired and every such
 * change recorded. Navigation, meta lines and footers stay out because only the content block is
 * rendered; they are still read for the date, the source and what spam they reveal.
 */
import * as cheerio from 'cheerio';
import type { CheerioAPI } from 'cheerio';
import { findContentBlock } from './content-block.js';
import { limitDomDepth } from './dom-depth.js';
import { wellFormed } from '../decode/well-formed.js';
import { findAttachments } from './attachments.js';
import { renderText } from './html-to-text.js';
import { chooseTitle, headingCandidates, listingTitleCandidate, titleElementCandidates } from './title-choice.js';
import { learnSubstitutions, repairText, stripPageSpam, type SubstitutionModel } from './spam/index.js';
import { findHtmlTables } from '../extract/tables/index.js';
import { findPublishDate } from '../extract/publish-date.js';
import { ExtractError } from '../errors.js';
import type { CleanReport, ExtractedTable, SpamContext, SpamFinding } from '../types.js';

export interface PageContext {
  /** The portal's own name (from its seed): reveals substitutions of the site name. */
  portalName: string;
  /** GB/T 2260 code of the portal's region: its names and its parents' are restoration candidates. */
  regionCode?: string;
  /** Title the listing gave the link; complete where page headings were tampered with. */
  listingTitle?: string;
  /** Date the listing showed next to the link. */
  listingDate?: string;
}

const DATE_META = ['PubDate', 'pubdate', 'firstpublishedtime', 'publishdate', 'Maketime', 'ContentPubDate'];

/** `chromeText` is the page without its body: the body's own dates are about the work reported. */
function findPublished($: CheerioAPI, chromeText: string, context: PageContext): string | undefined {
  for (const name of DATE_META) {
    const content = $(`meta[name="${name}"]`).attr('content');
    const date = content ? findPublishDate(content) : undefined;
    if (date) return date;
  }
  return findPublishDate(chromeText) ?? context.listingDate;
}

function findSource(pageText: string): string | undefined {
  const m = /(?:来源|发布机构|信息来源)\s*[:：]\s*([^\s|｜]{2,30})/.exec(pageText);
  return m?.[1]?.replace(/[:：]+$/, '') || undefined;
}

/** Table cells carry the same substitutions as the text around them. */
function repairTables(tables: ExtractedTable[], model: SubstitutionModel, spam: SpamFinding[]): ExtractedTable[] {
  return tables.map((table) => ({
    ...table,
    title: repairText(table.title, model, 'table').text,
    rows: table.rows.map((row) =>
      row.map((cell) => {
        const repaired = repairText(cell, model, 'table');
        spam.push(...repaired.findings);
        return repaired.text;
      }),
    ),
  }));
}

export function extractReport(html: string, url: string, context: PageContext): CleanReport {
  // Not every caller's text came through decodePage (a browser's rendered DOM can hold lone
  // surrogates too), and the parser throws on some.
  const $ = cheerio.load(wellFormed(html));
  limitDomDepth($.root()[0]!);
  const spamContext: SpamContext = { portalName: context.portalName, portalHost: new URL(url).host };
  if (context.listingTitle) spamContext.listingTitle = context.listingTitle;
  if (context.regionCode) spamContext.regionCode = context.regionCode;
  const spam: SpamFinding[] = stripPageSpam($, spamContext);

  const attachments = findAttachments($, url);
  const block = findContentBlock($);
  // A stub page (详见附件) has too little text for a body: its report is in the attachment.
  if (!block && !attachments.length) throw new ExtractError('no report body found', url);
  const rendered = block ? renderText(block, url) : { text: '', images: [] };
  const htmlTables = block ? findHtmlTables($, block) : [];
  const pageTitle = $('title').text();
  const headings = headingCandidates($);
  if (block) $(block).remove();
  const chromeText = $('body').text();
  const rawSource = findSource(chromeText);

  // Substitutions are learned from everything the page says, then applied to each part of it.
  const model = learnSubstitutions(
    [rendered.text, pageTitle, ...headings.map((c) => c.title), chromeText, ...(rawSource ? [rawSource] : [])],
    spamContext,
  );
  // The <title> is split at _ and - into candidates: a brand with those marks inside (…_…app-【…】)
  // is cut out of the whole <title> first, or its pieces outlive it.
  const candidates = [...headings, ...titleElementCandidates(repairText(pageTitle, model, 'title').text)];
  if (context.listingTitle) candidates.push(listingTitleCandidate(context.listingTitle));
  const repairedTitles = candidates.map((c) => repairText(c.title, model, 'title'));
  const best = chooseTitle(candidates.map((c, i) => ({ ...c, title: repairedTitles[i]!.text })));
  if (best < 0) throw new ExtractError('no title found', url);
  const title = repairedTitles[best]!;
  const text = repairText(rendered.text, model, 'text');
  spam.push(...title.findings, ...text.findings);

  const tables = repairTables(htmlTables, model, spam);
  const report: CleanReport = { title: title.text, text: text.text, images: rendered.images, spam, htmlTables: tables, attachments };
  if (rawSource) {
    const source = repairText(rawSource, model, 'source');
    spam.push(...source.findings);
    if (source.text) report.source = source.text;
  }
  // The header is not archived, but a planted domain there still marks the portal as compromised.
  spam.push(...repairText(chromeText, model, 'source').findings.filter((f) => f.kind === 'hijacked-domain').map((f) => ({ ...f, where: 'page' })));
  const published = findPublished($, chromeText, context);
  if (published) report.published = published;
  return report;
}
