/**
 * The spam stage (DOMAIN.md, "Spam injections"): `stripPageSpam` on the page DOM before the body
 * is extracted; `learnSubstitutions` over all of the page's texts, then `repairText` on each.
 */
export type { SpamContext, SpamFinding, SpamKind } from './spam-types.js';
export { stripPageSpam } from './page-spam.js';
export { learnSubstitutions, type LearnedForm, type SubstitutionModel } from './substitution.js';
export { repairText, type RepairWhere } from './repair.js';
