/**
 * Choosing a table's title from the lines just above it. Reports rarely use <caption>; the title
 * is the section heading (三、收到和处理政府信息公开申请情况) or a line naming the table
 * (政府信息公开情况统计表), often followed by a year or unit line that is not the title.
 */
import { normalizeCell } from './cells.js';

const MAX_TITLE = 60;
/** How many non-empty lines above a table are searched; a title further up belongs to other text. */
const LOOKBACK = 5;

/** Lines between a title and its table that are never the title themselves. */
function isAside(line: string): boolean {
  return (
    /^[（(]?\s*\d{4}\s*年度?\s*[)）]?$/.test(line) ||
    /^[（(]?\s*(?:计量)?单位[:：]/.test(line) ||
    /^\[图片:[^\]]*\]$/.test(line) ||
    /^\S+\.(?:jpe?g|png|gif|bmp)$/i.test(line)
  );
}

export function looksLikeTitle(line: string): boolean {
  if (!line || line.length > MAX_TITLE || isAside(line)) return false;
  return (
    /(?:统计表|情况表|一览表|表)[）)]?$/.test(line) ||
    /^[一二三四五六七八九十]+[、.．]\S/.test(line) ||
    /^[（(][一二三四五六七八九十]+[)）]\S/.test(line) ||
    /^第[一二三四五六七八九十]+[部章节]/.test(line) ||
    /(?:情况|事项)[）)]?$/.test(line)
  );
}

/**
 * The title among `above`, nearest line first. Paragraphs are stepped over (a sentence may sit
 * between a heading and its table) but count toward the lookback.
 */
export function titleFromLines(above: Iterable<string>): string {
  let seen = 0;
  for (const raw of above) {
    const line = normalizeCell(raw);
    if (!line || isAside(line)) continue;
    if (looksLikeTitle(line)) return line;
    if (++seen >= LOOKBACK) break;
  }
  return '';
}
