/**
 * Is this body image a table? Decided from ruling lines alone, without OCR: a report can carry
 * nineteen photos and a chart or two, and reading each would cost seconds.
 */
import sharp from 'sharp';
import { straighten } from './deskew.js';
import { MAX_IMAGE_PIXELS, toGrey, type Grey } from './pixels.js';
import { horizontalRules, verticalSegments } from './rules.js';
import { lineMasks } from './valleys.js';

/** Ruling lines survive shrinking; scanning a big photo at full size would only cost time. */
const MAX_SIDE = 1600;

export async function looksLikeTableImage(bytes: Buffer): Promise<boolean> {
  let grey: Grey;
  try {
    const meta = await sharp(bytes).metadata();
    const w = meta.width ?? 0;
    const h = meta.height ?? 0;
    if (w < 60 || h < 40) return false;
    // Headers are checked before anything is decoded: a decompression bomb is no screenshot.
    if (w * h > MAX_IMAGE_PIXELS) return false;
    let input = bytes;
    if (Math.max(w, h) > MAX_SIDE) input = await sharp(bytes).resize({ width: w >= h ? MAX_SIDE : undefined, height: h > w ? MAX_SIDE : undefined }).png().toBuffer();
    grey = await toGrey(input);
  } catch {
    // Not an image sharp can read: a GIF animation frame error, a file truncated after its header.
    return false;
  }
  const g = await straighten(grey);
  const masks = lineMasks(g);
  const hr = horizontalRules(g, masks);
  // A table has rows: at least three rules (top, one between rows, bottom), spread over the height.
  if (hr.length < 3) return false;
  const top = hr[0]!.start;
  const bottom = hr[hr.length - 1]!.end;
  if (bottom - top < Math.min(40, g.height * 0.2)) return false;
  // And columns: two borders down most of the table and at least one rule between them, however
  // short (表二's inner rules stop at every block row spanning the table; a chart has one axis).
  const vr = verticalSegments(g, masks, hr);
  if (vr.length < 3) return false;
  const bands = Math.max(1, hr.length - 1);
  const first = vr[0]!;
  const last = vr[vr.length - 1]!;
  return first.bands.length >= bands * 0.5 && last.bands.length >= bands * 0.5;
}
