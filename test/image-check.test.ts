/**
 * A report's images checked as they arrive: broken ones are recorded with their class and kept
 * from OCR; sound ones of every common format pass.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import sharp from 'sharp';
import { imageFault } from '../src/process/image-check.js';

const blank = (w: number, h: number) => sharp({ create: { width: w, height: h, channels: 3, background: '#f4f2ee' } });

test('PNG, JPEG and GIF screenshots pass', async () => {
  for (const bytes of [await blank(400, 300).png().toBuffer(), await blank(1200, 800).jpeg({ quality: 60 }).toBuffer(), await blank(40, 30).gif().toBuffer()]) {
    assert.equal(await imageFault(bytes), undefined);
  }
});

test('an empty, truncated, garbled or foreign file is a decode_error; a PNG claiming 30 000 × 30 000 pixels is too_large before decoding', async () => {
  const jpeg = await blank(800, 600).jpeg().toBuffer();
  const png = await blank(40, 30).png().toBuffer();
  const bomb = Buffer.from(png);
  bomb.writeUInt32BE(30_000, 16);
  bomb.writeUInt32BE(30_000, 20);
  const cases: [string, Buffer, string][] = [
    ['zero bytes', Buffer.alloc(0), 'decode_error'],
    ['a JPEG cut in half', jpeg.subarray(0, jpeg.length >> 1), 'decode_error'],
    ['a JPEG header and noise', Buffer.concat([jpeg.subarray(0, 200), Buffer.alloc(500, 7)]), 'decode_error'],
    ['an HTML error page served as an image', Buffer.from('<html><body>404</body></html>'), 'decode_error'],
    ['a PNG bomb', bomb, 'too_large'],
  ];
  for (const [what, bytes, failure] of cases) assert.equal((await imageFault(bytes))?.failure, failure, what);
});
