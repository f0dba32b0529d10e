/**
 * A report's image checked as it arrives: empty, not an image, corrupt, or claiming more pixels
 * than any screenshot has (a decompression bomb: a small PNG whose header says 30 000 × 30 000).
 * The header is read first, so a bomb is refused before a pixel is decoded.
 */
import sharp from 'sharp';
import type { FailureClass } from '../errors.js';

/** 100 megapixels: a full-page scan at 600 dpi is 35. */
export const MAX_IMAGE_PIXELS = 100_000_000;

export interface ImageFault {
  failure: FailureClass;
  message: string;
}

export async function imageFault(bytes: Buffer): Promise<ImageFault | undefined> {
  if (!bytes.length) return { failure: 'decode_error', message: 'an empty image (0 bytes)' };
  // A PNG's size is in its first chunk: read here, a bomb is too large whatever its checksums say.
  if (bytes.length >= 24 && bytes.readUInt32BE(0) === 0x89504e47 && bytes.toString('latin1', 12, 16) === 'IHDR') {
    const [w, h] = [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
    if (w * h > MAX_IMAGE_PIXELS) return { failure: 'too_large', message: `an image of ${w} × ${h} pixels (limit ${MAX_IMAGE_PIXELS})` };
  }
  let width: number | undefined;
  let height: number | undefined;
  try {
    ({ width, height } = await sharp(bytes, { limitInputPixels: false }).metadata());
  } catch (error) {
    return { failure: 'decode_error', message: `not a readable image: ${(error as Error).message}` };
  }
  if (!width || !height) return { failure: 'decode_error', message: 'an image without a size' };
  if (width * height > MAX_IMAGE_PIXELS) return { failure: 'too_large', message: `an image of ${width} × ${height} pixels (limit ${MAX_IMAGE_PIXELS})` };
  try {
    // Decoding to the end finds a JPEG cut short or garbled after a sound header.
    await sharp(bytes, { limitInputPixels: MAX_IMAGE_PIXELS, failOn: 'truncated' }).resize(64, 64, { fit: 'inside' }).raw().toBuffer();
  } catch (error) {
    return { failure: 'decode_error', message: `a corrupt image: ${(error as Error).message}` };
  }
  return undefined;
}
