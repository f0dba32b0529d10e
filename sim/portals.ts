/**
 * Starts the simulated government portals (one HTTP server per portal on 127.0.0.1, port 0) and
 * reports what a correct crawl of them must find. Used by tests and by the demo crawl.
 */
import { seedReportBody } from './fixtures/seed-text.js';
import { assemble } from './assemble.js';
import type { BuiltPortal } from './portals/common.js';
import { buildFaults } from './portals/faults.js';
import { buildFaultsScript } from './portals/faults-script.js';
import { buildHenan } from './portals/henan.js';
import { buildKaifeng } from './portals/kaifeng.js';
import { buildLuoyang } from './portals/luoyang.js';
import { buildLuyi } from './portals/luyi.js';
import { buildNanyang } from './portals/nanyang.js';
import { buildPuyang } from './portals/puyang.js';
import { buildShangqiu } from './portals/shangqiu.js';
import { buildXiangfu } from './portals/xiangfu.js';
import { buildXinyang } from './portals/xinyang.js';
import { buildWenjian } from './portals/files-portal.js';
import { buildYunnan } from './portals/yunnan.js';
import { buildZhijiang } from './portals/zhijiang.js';
import { buildZhoukou } from './portals/zhoukou.js';
import { buildZhumadian } from './portals/zhumadian.js';
import type { SimulatedPortals } from './types.js';

export { seedReportBody };
export { startManyPortals } from './many-portals.js';
export type { ExpectedReport, FaultExpectation, FaultLabel, FileLabel, HijackKind, HijackLabel, HijackOccurrence, RequestLogEntry, SimFileKind, SimulatedPortal, SimulatedPortals, SpamLabel } from './types.js';

export interface SimulatedPortalsOptions {
  /** Latency of every response (ms); a portal's own (see `slow`) wins. */
  latencyMs?: number;
  /** Only these portals (ids), in the usual order; may name extras, kaifeng, the scripted ones, zhijiang, wenjian and the fault portals without enabling them. */
  only?: string[];
  /** Include shangqiu (JS-rendered listing) and xinyang (homepage only). Default false. */
  extras?: boolean;
  /** Include kaifeng, the deep TRS column (`pages` listing pages, default 320, at least 20). */
  deep?: { pages?: number } | boolean;
  /**
   * Include the four columns built by script from an API: nanyang (JSON by POST), zhumadian
   * (JSONP), luoyang (GBK HTML fragment), puyang (JSON, empty). Default false.
   */
  scripted?: boolean;
  /**
   * Include zhijiang (枝江市人民政府), a portal mirrored by black-hat SEO: invented brands standing
   * for ordinary words (关于, the region's names, 市委, 公开, 政府) in titles, 来源/发文机关, body,
   * chrome and listing titles, with per-occurrence ground truth in `hijackLabels`. Default false
   * (not part of DEMO_OPTIONS).
   */
  hijacked?: boolean;
  /**
   * Include wenjian (兰考县人民政府), whose reports come as office files made with real tools
   * (sim/fixtures/files/): a text PDF and a scanned PDF linked from the listing, a DOCX behind a
   * 详见附件 stub, a Word 97 DOC from an extension-less download endpoint beside a policy-notice
   * decoy, an OFD, a PDF in a pdf.js viewer iframe, tables only in an XLSX, a non-report PDF in the
   * listing; ground truth per file in `fileLabels`. Default false (part of DEMO_OPTIONS).
   */
  files?: boolean;
  /**
   * Include the fault portals: `faults` (郸城县人民政府), a static column whose listed reports fail
   * in every way a portal can (resets, stalls, drips, truncation, 5xx/4xx, soft-404, redirect
   * loops and redirects off the host or to file:/javascript:/private addresses, corrupt gzip, a
   * gzip bomb, 50 MiB pages, 10 000 nested divs, bad GBK bytes, mixed encodings, broken images,
   * endless pager, ;jsessionid= URLs, an endless calendar, a 10 MB robots.txt) beside good
   * reports; and `faults-script` (太康县人民政府), script-built columns whose scripts never settle,
   * open pop-ups or navigate away. Ground truth in `faultLabels`. Default false (not in
   * DEMO_OPTIONS).
   */
  faults?: boolean;
  /** One slow host. */
  slow?: { portal: string; latencyMs: number };
  /**
   * Serve portal i on basePort + i (the demo: a second run then sees the same URLs and is a true
   * nightly run). Default: any free port.
   */
  basePort?: number;
  /** One host with a deterministic fault plan (sim/server.ts FaultPlan). */
  flaky?: { portal: string; every429: number; every503: number; retryAfterSeconds: number };
}

/** What `xxgk demo` starts: every portal but the deep one (its 320 listing pages would make the demo slow). */
export const DEMO_OPTIONS = { extras: true, scripted: true, files: true } as const satisfies SimulatedPortalsOptions;

const DEFAULT_IDS = ['henan', 'luyi', 'xiangfu', 'yunnan', 'zhoukou'] as const;
const EXTRA_IDS = ['shangqiu', 'xinyang'] as const;
const SCRIPTED_IDS = ['nanyang', 'zhumadian', 'luoyang', 'puyang'] as const;
const HIJACKED_IDS = ['zhijiang'] as const;
const FILES_IDS = ['wenjian'] as const;
const FAULT_IDS = ['faults', 'faults-script'] as const;

export async function startSimulatedPortals(options: SimulatedPortalsOptions = {}): Promise<SimulatedPortals> {
  const deep = options.deep === true ? {} : options.deep || undefined;
  const builders: Record<string, () => BuiltPortal> = {
    henan: buildHenan,
    luyi: buildLuyi,
    xiangfu: buildXiangfu,
    yunnan: buildYunnan,
    zhoukou: buildZhoukou,
    shangqiu: buildShangqiu,
    xinyang: buildXinyang,
    kaifeng: () => buildKaifeng(deep ?? {}),
    nanyang: buildNanyang,
    zhumadian: buildZhumadian,
    luoyang: buildLuoyang,
    puyang: buildPuyang,
    zhijiang: buildZhijiang,
    wenjian: buildWenjian,
    faults: buildFaults,
    'faults-script': buildFaultsScript,
  };
  let ids: string[];
  if (options.only) {
    for (const id of options.only) if (!builders[id]) throw new Error(`startSimulatedPortals: no portal '${id}'`);
    ids = Object.keys(builders).filter((id) => options.only!.includes(id));
  } else {
    ids = [...DEFAULT_IDS, ...(options.extras ? EXTRA_IDS : []), ...(deep ? ['kaifeng'] : []), ...(options.scripted ? SCRIPTED_IDS : []), ...(options.hijacked ? HIJACKED_IDS : []), ...(options.files ? FILES_IDS : []), ...(options.faults ? FAULT_IDS : [])];
  }
  for (const [what, o] of [['slow', options.slow], ['flaky', options.flaky]] as const) {
    if (o && !ids.includes(o.portal)) throw new Error(`startSimulatedPortals: ${what} portal '${o.portal}' is not started`);
  }
  const built = ids.map((id) => builders[id]!());
  for (const b of built) {
    if (options.slow?.portal === b.id) b.site.latencyMs = options.slow.latencyMs;
    if (options.flaky?.portal === b.id) {
      const { every429, every503, retryAfterSeconds } = options.flaky;
      b.site.faults = { every429, every503, retryAfterSeconds };
    }
  }
  return assemble(built, { latencyMs: options.latencyMs ?? 0, ...(options.basePort !== undefined ? { basePort: options.basePort } : {}) });
}
