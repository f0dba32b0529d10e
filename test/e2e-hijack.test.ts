/**
 * The hijacked portal (sim `hijacked: true`, 枝江市人民政府), crawled end to end: brands standing
 * for ordinary words (关于, region names, 市委, 公开, 政府), one brand for several words, brands in
 * titles, 来源/发文机关 and listing titles. Every listed report must be archived, no brand may be
 * left in what is archived, and no legitimate character may change; at least 90 % of the replaced
 * words must come back (issue 9), counted by kind in the log. Brand strings never reach a log:
 * messages name brands by index.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { startSimulatedPortals } from '../sim/portals.js';
import type { HijackKind, HijackLabel, SimulatedPortals } from '../sim/types.js';
import { ReportArchive } from '../src/archive/report-archive.js';
import { reprocessArchive, type ReprocessEvent } from '../src/archive/reprocess.js';
import { findReports } from '../src/query/report-query.js';
import type { ArchivedReport } from '../src/types.js';
import { alignChars, scoreRepair } from './fixtures/spam/measure.js';
import { BRANDS } from '../src/clean/spam/lexicon.js';
import type { InjectedSpan } from './fixtures/spam/spammer.js';
import { crawlInto, tempStorage } from './helpers/crawl-sim.js';

let sim: SimulatedPortals;
let dir: string;
let byUrl: Map<string, ArchivedReport>;
let brands: string[];

before(async () => {
  sim = await startSimulatedPortals({ only: ['zhijiang'] });
  dir = await tempStorage('e2e-hijack');
  await crawlInto(dir, sim.seeds);
  const archive = new ReportArchive(dir);
  byUrl = new Map(findReports(archive.db).map((r) => [r.url, r]));
  archive.close();
  brands = [...new Set(sim.hijackLabels.flatMap((l) => l.brands))];
});

after(async () => {
  await sim?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const pct = (a: number, b: number) => (b ? `${((100 * a) / b).toFixed(1)} %` : 'n/a');
/** The archive writes non-breaking spaces as spaces and trims lines. */
const normalize = (text: string) => text.split('\n').map((l) => l.replace(/\u00a0/g, ' ').trim()).join('\n');

/**
 * A brand and the pieces it is made of (split at its punctuation), those of at least two
 * characters that occur in no clean text of the portal: none may be left in an archived field.
 */
function residueNeedles(): Array<{ brand: number; piece: number; s: string }> {
  const clean = sim.expected.map((e) => `${e.title}\n${e.issuer}\n${e.body ?? ''}`).join('\n');
  return brands.flatMap((b, i) => {
    const pieces = [b, ...b.split(/[_*\-【】:：]+/).filter((p) => p.length >= 2 && p !== b)];
    return pieces.filter((p) => !clean.includes(p)).map((s, j) => ({ brand: i, piece: j, s }));
  });
}

test('the hijacked portal carries every class of the issue', () => {
  const labels = sim.hijackLabels;
  assert.ok(labels.length >= 6, `${labels.length} hijacked report pages`);
  assert.ok(sim.expected.length >= 6);
  const kinds = new Set(labels.flatMap((l) => l.occurrences.map((o) => o.kind)));
  for (const k of ['guanyu-colon', 'guanyu-bare', 'region', 'party-committee', 'gongkai', 'zhengfu'] as HijackKind[]) assert.ok(kinds.has(k), k);
  const wheres = new Set(labels.flatMap((l) => l.occurrences.map((o) => o.where)));
  for (const w of ['title', 'source', 'body', 'chrome'] as const) assert.ok(wheres.has(w), w);
  assert.ok(labels.some((l) => new Set(l.occurrences.map((o) => o.original)).size > 1), 'one brand for two words on a page');
  assert.ok(labels.some((l) => l.occurrences.some((o) => o.sideBySide)), 'brands side by side');
  assert.ok(labels.filter((l) => l.listingTitle !== l.listingTitleClean).length >= 2, 'hijacked listing titles');
  for (const l of labels) {
    // Only some occurrences were replaced: the words stay elsewhere on the page.
    const words = new Set(l.occurrences.flatMap((o) => (o.original ? [o.original] : [])));
    assert.ok([...words].some((w) => l.text.includes(w)), `untouched occurrences of a replaced word on ${l.url}`);
    // The label is the page: each body occurrence sits where it says.
    for (const o of l.occurrences) if (o.where === 'body') assert.equal(l.text.slice(o.start, o.end), o.form);
  }
  // The brands are this portal's own.
  for (const [i, b] of brands.entries()) {
    for (const e of sim.expected) assert.ok(!e.body?.includes(b) && !e.title.includes(b), `brand #${i} in a clean text`);
  }
});

test('every listed annual report is archived, hijacked listing titles included, and nothing else', () => {
  const expected = new Set(sim.expected.map((e) => e.url));
  const archived = new Set(byUrl.keys());
  const missing = [...expected].filter((u) => !archived.has(u));
  const extra = [...archived].filter((u) => !expected.has(u));
  const hijackedListing = sim.hijackLabels.filter((l) => l.listingTitle !== l.listingTitleClean);
  const lostListing = hijackedListing.filter((l) => !archived.has(l.url)).length;
  console.log(`# hijacked portal: ${archived.size - extra.length}/${expected.size} reports archived (${hijackedListing.length - lostListing}/${hijackedListing.length} with hijacked listing titles), ${extra.length} other pages archived`);
  assert.deepEqual(
    missing.map((u) => sim.expected.find((e) => e.url === u)!.title),
    [],
    'reports not archived',
  );
  assert.deepEqual(extra, [], 'archived pages that are not listed reports');
  for (const d of sim.decoys) assert.ok(!archived.has(d), `decoy archived: ${d}`);
});

/** Characters of the brands that are not in the portal's clean titles (punctuation, Latin letters). */
const FOREIGN_IN_TITLE = /[_*【】A-Za-z]/;

test('no brand left in any archived title, text, issuer or region', () => {
  const needles = residueNeedles();
  let left = 0;
  const where: string[] = [];
  for (const r of byUrl.values()) {
    const fields: Record<string, string> = { title: r.title, text: r.text, issuer: r.issuer, region: `${r.region.code} ${r.region.name}`, tables: JSON.stringify(r.tables) };
    for (const [field, value] of Object.entries(fields)) {
      for (const n of needles) {
        const count = value.split(n.s).length - 1;
        if (count === 0) continue;
        // Whole brands counted once, not again through their pieces.
        if (n.piece === 0) left += count;
        where.push(`brand #${n.brand} piece #${n.piece} ×${count} in ${field} of ${r.year} ${r.url}`);
      }
    }
    for (const field of ['title', 'issuer'] as const) {
      if (FOREIGN_IN_TITLE.test(r[field])) where.push(`brand characters in the ${field} of ${r.year} ${r.url}`);
    }
  }
  // Brand characters that survive in the body text, pieces too short to search for included
  // (an underscore or colon left where a brand was): input characters of an occurrence that the
  // archived text still holds, apart from those of the word restored there.
  let chars = 0;
  for (const label of sim.hijackLabels) {
    const report = byUrl.get(label.url);
    if (!report) continue;
    const map = alignChars(label.text, normalize(report.text));
    let here = 0;
    for (const o of label.occurrences) {
      if (o.where !== 'body') continue;
      for (let i = o.start!; i < o.end!; i++) if (map[i] !== -1 && !/\s/.test(label.text[i]!) && !(o.original ?? '').includes(label.text[i]!)) here++;
    }
    if (here) where.push(`${here} brand characters left in the text of ${report.year} ${label.url}`);
    chars += here;
  }
  console.log(`# brand occurrences left in archived fields: ${left}; brand characters left in archived texts: ${chars} (findings: ${where.length})`);
  assert.deepEqual(where, []);
});

interface Measure {
  knowable: number;
  restored: number;
  unresolvedRemoved: number;
  wrong: number;
  legitChanged: number;
  byKind: Map<string, { knowable: number; restored: number }>;
}

/**
 * What came back in place of each body occurrence (occurrences side by side judged together, as
 * scoreRepair does), and how many legitimate characters were removed or added elsewhere.
 */
function measure(label: HijackLabel, output: string, m: Measure): void {
  const input = label.text;
  const occ = label.occurrences.filter((o) => o.where === 'body').sort((a, b) => a.start! - b.start!);
  const map = alignChars(input, output);
  const injected = new Uint8Array(input.length);
  // A brand standing for 关于 comes with its colon (《…办公室<brand>:印发…》, issue 9): the colon is
  // the hijacker's, not the page's.
  for (const o of occ) injected.fill(1, o.start!, o.end! + (/^[:：]/.test(input.slice(o.end!)) ? 1 : 0));
  // Groups of occurrences with nothing but space between them.
  const groups: (typeof occ)[] = [];
  for (const o of occ) {
    const g = groups[groups.length - 1];
    const prev = g?.[g.length - 1];
    if (g && prev && input.slice(prev.end!, o.start!).trim() === '') g.push(o);
    else groups.push([o]);
  }
  const covered = new Uint8Array(output.length + 1);
  for (let i = 0; i < input.length; i++) if (map[i]! >= 0) covered[map[i]!] = 1;
  for (const g of groups) {
    let before = g[0]!.start! - 1;
    while (before >= 0 && map[before] === -1) before--;
    let after = g[g.length - 1]!.end!;
    while (after < input.length && map[after] === -1) after++;
    const from = before >= 0 ? map[before]! + 1 : 0;
    const to = after < input.length ? map[after]! : output.length;
    covered.fill(1, from, Math.max(from, to)); // what stands there is the repair's, judged below
    const got = output.slice(from, to).replace(/\s/g, '');
    const want = g.every((o) => o.original !== null) ? g.map((o) => o.original).join('') : null;
    for (const o of g) {
      if (o.original === null) continue;
      const k = `${o.kind}${o.sideBySide ? ' (side by side)' : ''}`;
      const s = m.byKind.get(k) ?? { knowable: 0, restored: 0 };
      m.byKind.set(k, s);
      m.knowable++;
      s.knowable++;
      if (want !== null && got === want) {
        m.restored++;
        s.restored++;
      }
    }
    if (got === '') m.unresolvedRemoved += g.length;
    else if (got !== want) m.wrong += g.length;
  }
  for (let i = 0; i < input.length; i++) if (!/\s/.test(input[i]!) && !injected[i] && map[i] === -1) m.legitChanged++;
  for (let j = 0; j < output.length; j++) if (!covered[j] && !/\s/.test(output[j]!)) m.legitChanged++;
}

test('replaced words restored, unresolved ones removed, legitimate text unchanged', () => {
  const m: Measure = { knowable: 0, restored: 0, unresolvedRemoved: 0, wrong: 0, legitChanged: 0, byKind: new Map() };
  // The same, split by whether the page's brand holds a word of the spam lexicon.
  const inVocabulary = (label: HijackLabel) => label.brands.some((b) => BRANDS.some((w) => b.includes(w)));
  const split = new Map<boolean, Measure>([true, false].map((k) => [k, { knowable: 0, restored: 0, unresolvedRemoved: 0, wrong: 0, legitChanged: 0, byKind: new Map() }]));
  let scoreRestored = 0;
  let scoreKnowable = 0;
  let unknowable = 0;
  for (const label of sim.hijackLabels) {
    const report = byUrl.get(label.url);
    if (!report) continue; // counted as lost by the listing test
    const output = normalize(report.text);
    measure(label, output, m);
    measure(label, output, split.get(inVocabulary(label))!);
    unknowable += label.occurrences.filter((o) => o.where === 'body' && o.original === null).length;
    const spans: InjectedSpan[] = label.occurrences
      .filter((o) => o.where === 'body')
      .map((o) => ({ start: o.start!, end: o.end!, form: o.form, original: o.original }));
    const s = scoreRepair(label.text, output, spans);
    scoreRestored += s.restored;
    scoreKnowable += s.restorable;
  }
  // Clean reports of the portal (no label) must come through exactly.
  const labelled = new Set(sim.hijackLabels.map((l) => l.url));
  let cleanChecked = 0;
  let cleanChanged = 0;
  let cleanFindings = 0;
  for (const e of sim.expected) {
    if (labelled.has(e.url) || e.body === undefined) continue;
    const report = byUrl.get(e.url);
    if (!report) continue;
    cleanChecked++;
    const input = normalize(e.body);
    const output = normalize(report.text);
    const map = alignChars(input, output);
    const covered = new Uint8Array(output.length);
    for (const j of map) if (j >= 0) covered[j] = 1;
    for (let i = 0; i < input.length; i++) if (map[i] === -1 && !/\s/.test(input[i]!)) cleanChanged++;
    for (let j = 0; j < output.length; j++) if (!covered[j] && !/\s/.test(output[j]!)) cleanChanged++;
    cleanFindings += report.spam.length;
  }
  const occ = sim.hijackLabels.flatMap((l) => l.occurrences);
  const count = (f: (o: (typeof occ)[number]) => boolean) => occ.filter(f).length;
  console.log(
    `# hijacked portal: ${sim.expected.length} reports, ${sim.hijackLabels.length} hijacked pages, ${brands.length} brands, ${occ.length} brand occurrences ` +
      `(body ${count((o) => o.where === 'body')}, title ${count((o) => o.where === 'title')}, source ${count((o) => o.where === 'source')}, chrome ${count((o) => o.where === 'chrome')}); ` +
      `${unknowable} body occurrences unknowable`,
  );
  console.log(`# replaced words restored in the body: ${m.restored}/${m.knowable} (${pct(m.restored, m.knowable)}); scoreRepair: ${scoreRestored}/${scoreKnowable}`);
  for (const [k, s] of [...m.byKind].sort()) console.log(`#   ${k}: ${s.restored}/${s.knowable}`);
  console.log(`# body occurrences removed without a replacement: ${m.unresolvedRemoved}; replaced by a wrong word: ${m.wrong}`);
  console.log(`# legitimate characters changed: ${m.legitChanged} on hijacked pages, ${cleanChanged} on ${cleanChecked} clean page(s) (${cleanFindings} spam findings there)`);
  for (const [inside, s] of split) {
    console.log(`# brands ${inside ? 'holding' : 'outside'} the spam lexicon: restored ${s.restored}/${s.knowable} (${pct(s.restored, s.knowable)}), wrong ${s.wrong}, removed ${s.unresolvedRemoved}, legitimate characters changed ${s.legitChanged}`);
  }
  assert.ok(m.knowable > 0);
  // Issue 9's floor, on brands the spam stage was never written from.
  assert.ok(m.restored / m.knowable >= 0.9, `restored ${m.restored}/${m.knowable}`);
  assert.equal(m.legitChanged, 0, 'legitimate characters changed on hijacked pages');
  assert.ok(cleanChecked >= 1);
  assert.equal(cleanChanged, 0, 'characters changed on clean pages');
});

test('titles and issuers carry no brand; how many equal the clean ones is logged', () => {
  const needles = residueNeedles();
  let titles = 0;
  let titlesClean = 0;
  let issuersClean = 0;
  let regionOk = 0;
  const failures: string[] = [];
  const listed = sim.hijackLabels.filter((l) => l.listingTitle !== l.listingTitleClean);
  let hijackedTitleSlots = 0;
  for (const label of sim.hijackLabels) {
    const report = byUrl.get(label.url);
    if (!report) continue;
    titles++;
    for (const field of ['title', 'issuer'] as const) {
      for (const n of needles) if (report[field].includes(n.s)) failures.push(`brand #${n.brand} piece #${n.piece} in the ${field} of ${label.url}`);
      if (FOREIGN_IN_TITLE.test(report[field])) failures.push(`brand characters in the ${field} of ${label.url}`);
    }
    if (report.title === label.title) titlesClean++;
    if (report.issuer === label.issuer) issuersClean++;
    const e = sim.expected.find((x) => x.url === label.url)!;
    if (report.region.code === e.region.code && report.year === e.year) regionOk++;
    if (label.occurrences.some((o) => o.where === 'title' || o.where === 'source')) hijackedTitleSlots++;
  }
  console.log(
    `# titles equal to the clean title: ${titlesClean}/${titles}; issuers equal to the clean issuer: ${issuersClean}/${titles}; ` +
      `region and year right: ${regionOk}/${titles} (${hijackedTitleSlots} pages with brands in title or 来源/发文机关 slots, ${listed.length} hijacked listing titles)`,
  );
  assert.ok(titles > 0);
  assert.deepEqual(failures, []);
});

test('reprocess over an archive written by rules that saw no spam: clean reports again, findings with evidence', async () => {
  const archive = new ReportArchive(dir);
  try {
    const crawled = new Map(findReports(archive.db).map((r) => [r.url, r]));
    // What an archive from before the spam stage knew brands holds: the hijacked text, title and
    // issuer as served, and no findings (so these texts also count as clean for the model).
    const forget = archive.db.prepare("UPDATE reports SET text = ?, title = ?, issuer = ?, record_hash = 'old' WHERE url = ?");
    const clear = archive.db.prepare('DELETE FROM report_spam WHERE report_id = (SELECT id FROM reports WHERE url = ?)');
    for (const label of sim.hijackLabels) {
      forget.run(label.text, label.listingTitle, `${label.brands[0]}${label.issuer}`, label.url);
      clear.run(label.url);
    }
    const events: ReprocessEvent[] = [];
    await reprocessArchive(archive, (e) => events.push(e));
    assert.deepEqual(events.filter((e) => e.type === 'error'), []);
    const now = new Map(findReports(archive.db).map((r) => [r.url, r]));
    const m: Measure = { knowable: 0, restored: 0, unresolvedRemoved: 0, wrong: 0, legitChanged: 0, byKind: new Map() };
    const needles = residueNeedles();
    let sameAsCrawl = 0;
    let withEvidence = 0;
    const failures: string[] = [];
    for (const label of sim.hijackLabels) {
      const report = now.get(label.url)!;
      measure(label, normalize(report.text), m);
      // Brands never reach a log: a failure names the field and the brand's index.
      for (const field of ['title', 'issuer', 'text'] as const) {
        for (const n of needles) if (report[field].includes(n.s)) failures.push(`brand #${n.brand} piece #${n.piece} in the ${field} of ${label.url}`);
      }
      if (report.title !== label.title || report.issuer !== label.issuer) failures.push(`title or issuer of ${label.url} not the clean one`);
      if (report.text === crawled.get(label.url)!.text) sameAsCrawl++;
      if (report.spam.some((f) => f.evidence && f.confidence !== undefined && f.replacement)) withEvidence++;
    }
    // The model is extended with the archive's clean reports (here the portal's one clean report,
    // which the first crawl did not have yet), so a text may differ from the crawl's by a word.
    console.log(
      `# reprocess: ${sim.hijackLabels.length} hijacked reports refiled, ${sameAsCrawl} with the crawl's very text; ` +
        `restored ${m.restored}/${m.knowable} (${pct(m.restored, m.knowable)}), wrong ${m.wrong}, removed ${m.unresolvedRemoved}, ` +
        `legitimate characters changed ${m.legitChanged}; ${withEvidence} with ranked restorations on record`,
    );
    assert.deepEqual(failures, []);
    assert.equal(m.legitChanged, 0);
    assert.ok(m.restored / m.knowable >= 0.9, `restored ${m.restored}/${m.knowable}`);
    assert.equal(withEvidence, sim.hijackLabels.length);
  } finally {
    archive.close();
  }
});
