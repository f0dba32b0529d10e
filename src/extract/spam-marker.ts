/**
 * Where a substitution spam starts inside a title fragment (DOMAIN.md, "Spam injections"): the
 * gambling brands that replace government phrases carry Latin letters or digits (365, bet365) or
 * advertising words. Legitimate issuer names have neither once the year is removed. Words that
 * also name real departments (体育 in 文化广电和旅游体育局, 彩票 in 福利彩票) are deliberately absent.
 */
const SPAM = /[A-Za-z0-9]{2,}|网址|官网|备用|博彩|棋牌|投注|开户|真人|娱乐城|娱乐场|赌|百家乐|葡京|威尼斯人|太阳城|皇冠/;

/** Index of the first spam marker, or -1. Expects normalized text (ASCII digits). */
export function spamStart(s: string): number {
  const m = SPAM.exec(s);
  return m ? m.index : -1;
}
