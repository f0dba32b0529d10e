/**
 * The fixed wording that names an annual disclosure report. Shared by title classification, year
 * and issuer inference so that all three agree on where "the phrase" sits in a title.
 * Patterns expect text already passed through normalizeTitle (no spaces, ASCII digits).
 */

/** 政府信息公开 and its variants: 政务公开 (some portals), 政府信息与政务公开 (Yunnan, 2018). */
export const DISCLOSURE = /(?:政府信息|政务信息|政务|信息)(?:与政务|和政务|及政务)?公开/;

/**
 * The full report phrase. 年报 and 年度报告 are both in use; 工作 and 情况 are optional
 * (`政府信息公开年度报告`, `政府信息公开工作情况年度报告`).
 */
export const REPORT_PHRASE = new RegExp(
  DISCLOSURE.source + '(?:工作)?(?:情况)?(?:年度(?:工作)?报告|年报|年度报)',
);

/** Older reports (2008–2012) were sometimes called 政府信息公开工作报告, without 年度. */
export const REPORT_PHRASE_NO_NIANDU = new RegExp(DISCLOSURE.source + '(?:工作)?(?:情况)?报告');

/** The year inside the phrase: 政府信息公开2019年度报告, 政务公开2019年年度报告. */
export const REPORT_PHRASE_SPLIT = new RegExp(
  DISCLOSURE.source + '(?:工作)?(?:19|20|21)\\d\\d年度?(?:工作)?(?:年度(?:工作)?报告|年报|报告)',
);

/**
 * Survives a substitution spam that replaced 政府信息公开 (see DOMAIN.md): `云南省365体育备用网址工作年度报告`.
 */
export const FIXED_TAIL = /工作年度报告/;

/**
 * Where "the phrase" starts, for locating the year and issuer around it; -1 if absent. The full
 * phrase is tried first, so an issuer such as 鹿邑县政府信息公开办公室 is not taken for the phrase.
 */
export function phraseIndex(t: string): number {
  const patterns = [REPORT_PHRASE, REPORT_PHRASE_SPLIT, REPORT_PHRASE_NO_NIANDU, FIXED_TAIL, DISCLOSURE];
  for (const re of [...patterns, /年度报告|年报|工作报告/]) {
    const m = re.exec(t);
    if (m) return m.index;
  }
  return -1;
}
