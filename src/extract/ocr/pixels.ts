/** Greyscale pixels of an image, the form every ruling-line and ink measurement works on. */
import sharp from 'sharp';

export interface Grey {
  width: number;
  height: number;
  /** One byte per pixel, row-major, 0 = black. */
  data: Uint8Array;
}

export async function toGrey(bytes: Buffer): Promise<Grey> {
  // flatten: transparent PNG screenshots would otherwise turn black where they are empty.
  const { data, info } = await sharp(bytes).flatten({ background: '#ffffff' }).greyscale().raw().toBuffer({ resolveWithObject: true });
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
