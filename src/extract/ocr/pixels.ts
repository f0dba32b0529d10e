/** Greyscale pixels of an image, the form every ruling-line and ink measurement works on. */
import sharp from 'sharp';
import { ExtractError } from '../../errors.js';
import { DEFAULT_READ_LIMITS } from '../../read/file-types.js';

/**
 * Images larger than this are refused before decoding: a screenshot is far smaller, a scanned page
 * is rendered within the same limit, and a PNG of a few hundred kilobytes can claim 30000×30000
 * pixels, gigabytes once decoded.
 */
export const MAX_IMAGE_PIXELS = DEFAULT_READ_LIMITS.maxPagePixels;

export interface Grey {
  width: number;
  height: number;
  /** One byte per pixel, row-major, 0 = black. */
  data: Uint8Array;
}

/** The image's grey pixels; ExtractError when the bytes are no image sharp can decode, or too large. */
export async function toGrey(bytes: Buffer): Promise<Grey> {
  let decoded: { data: Buffer; info: sharp.OutputInfo };
  try {
    // flatten: transparent PNG screenshots would otherwise turn black where they are empty.
    decoded = await sharp(bytes, { limitInputPixels: MAX_IMAGE_PIXELS }).flatten({ background: '#ffffff' }).greyscale().raw().toBuffer({ resolveWithObject: true });
  } catch (e) {
    throw new ExtractError(`unreadable image: ${e instanceof Error ? e.message : String(e)}`);
  }
  const { data, info } = decoded;
  return { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, info.width * info.height) };
}

/** Rectangle [x0, x1) × [y0, y1). */
export interface Rect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** Bounding box of pixels darker than `threshold` inside `r`, or undefined when the area is blank. */
export function inkBox(g: Grey, r: Rect, threshold = 150): Rect | undefined {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -1;
  let y1 = -1;
  for (let y = r.y0; y < r.y1; y++) {
    const row = y * g.width;
    for (let x = r.x0; x < r.x1; x++) {
      if (g.data[row + x]! < threshold) {
        if (x < x0) x0 = x;
        if (x > x1) x1 = x;
        if (y < y0) y0 = y;
        if (y > y1) y1 = y;
      }
    }
  }
  return x1 < 0 ? undefined : { x0, y0, x1: x1 + 1, y1: y1 + 1 };
}

/** Copies `r` of `g` into a new image. */
export function crop(g: Grey, r: Rect): Grey {
  const width = r.x1 - r.x0;
  const height = r.y1 - r.y0;
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) data.set(g.data.subarray((r.y0 + y) * g.width + r.x0, (r.y0 + y) * g.width + r.x1), y * width);
  return { width, height, data };
}
