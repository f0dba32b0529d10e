/**
 * Body images that are not tables — photo-like pictures and scanned-text paragraphs — so tests
 * can check that table detection leaves them alone. Deterministic, like the table renders.
 */
import { createCanvas } from '@napi-rs/canvas';
import { FONT_FAMILY, renderTableImage } from './render-table.js';
import { prng } from './table-grids.js';

/** Gradients, blobs and noise: what a meeting photo looks like to a rule finder. */
export function renderPhotoLike(seed: number, width = 640, height = 420): Buffer {
  const r = prng(seed);
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  const sky = ctx.createLinearGradient(0, 0, 0, height);
  sky.addColorStop(0, '#6d8fb3');
  sky.addColorStop(0.55, '#c9d3dc');
  sky.addColorStop(1, '#4a3b2a');
  ctx.fillStyle = sky;
  ctx.fillRect(0, 0, width, height);
  for (let i = 0; i < 40; i++) {
    const shade = Math.floor(r() * 200);
    ctx.fillStyle = `rgb(${shade},${Math.floor(shade * 0.8)},${Math.floor(shade * 0.6)})`;
    ctx.beginPath();
    ctx.ellipse(r() * width, height * (0.4 + 0.6 * r()), 10 + r() * 60, 20 + r() * 80, 0, 0, Math.PI * 2);
    ctx.fill();
  }
  const img = ctx.getImageData(0, 0, width, height);
  for (let i = 0; i < img.data.length; i += 4) {
    const n = (r() - 0.5) * 60;
    img.data[i] = Math.max(0, Math.min(255, img.data[i]! + n));
    img.data[i + 1] = Math.max(0, Math.min(255, img.data[i + 1]! + n));
    img.data[i + 2] = Math.max(0, Math.min(255, img.data[i + 2]! + n));
  }
  ctx.putImageData(img, 0, 0);
  return canvas.toBuffer('image/jpeg', 80);
}

/** A paragraph of report text as an image (a scanned page or a pasted text screenshot). */
export function renderTextParagraph(text: string, width = 640, fontSize = 18): Buffer {
  // Registers the CJK font as a side effect of a throwaway 1-cell render.
  renderTableImage([['字']], { format: 'png' });
  const chars = [...text];
  const perLine = Math.floor((width - 40) / fontSize);
  const lines: string[] = [];
  for (let i = 0; i < chars.length; i += perLine) lines.push(chars.slice(i, i + perLine).join(''));
  const lineHeight = Math.round(fontSize * 1.7);
  const canvas = createCanvas(width, lines.length * lineHeight + 40);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.fillStyle = '#111111';
  ctx.font = `${fontSize}px "${FONT_FAMILY}"`;
  ctx.textBaseline = 'top';
  lines.forEach((line, i) => ctx.fillText(line, 20, 20 + i * lineHeight));
  // An underlined heading is common in scans: one long rule must not make it a table.
  ctx.fillRect(20, 14 + lines.length * lineHeight, width - 40, 1);
  return canvas.toBuffer('image/jpeg', 85);
}
