/**
 * Poor copies of statistics tables, as real reports carry them: an exported or screenshotted
 * Word/WPS/Excel table, shrunk, slightly rotated, softened and saved as a low-quality JPEG.
 * Deterministic, like every render here.
 */
import sharp from 'sharp';
import { FONT_FAMILY, renderTableImage, SERIF_FAMILY, type RenderTableOptions } from './render-table.js';
import type { TemplateTable } from './template-tables.js';

export type ScanStyle = 'word' | 'wps' | 'excel' | 'html';
export type ScanFont = 'serif' | 'sans';

export interface ScanOptions {
  style: ScanStyle;
  font: ScanFont;
  /** 0.5–1. */
  scale: number;
  /** JPEG quality 40–90. */
  quality: number;
  /** Rule width in px at scale 1 (1–3). */
  lineWidth: number;
  /** Degrees, clockwise; real scans and screenshots of scans tilt up to about 1°. */
  rotation: number;
  /** Gaussian sigma in px, 0 for none. */
  blur: number;
  /** Text size in px at scale 1. Default 16. */
  fontSize?: number;
  title?: string;
}

/** What each program's tables look like once on screen. */
function styleOptions(style: ScanStyle, lineWidth: number): RenderTableOptions {
  switch (style) {
    case 'word':
      // Word's default grid: black single rules, tight vertical padding.
      return { padX: 7, padY: 3, numberAlign: 'center', lineWidth };
    case 'wps':
      // WPS tables often come with a grey header band and almost no padding: glyphs touch the rules.
      return { padX: 4, padY: 1, numberAlign: 'center', headerFill: '#d9d9d9', lineWidth };
    case 'excel':
      // A sheet with only its gridlines: light grey, thin, numbers right-aligned, a tinted header.
      return { padX: 3, padY: 2, numberAlign: 'right', headerFill: '#e6ecf5', lineColor: '#a6a6a6', lineWidth: Math.min(lineWidth, 2) };
    case 'html':
      return { padX: 8, padY: 7, numberAlign: 'center', headerFill: '#f2f2f2', lineColor: '#333333', lineWidth };
  }
}

export async function renderScan(table: TemplateTable, o: ScanOptions): Promise<Buffer> {
  const png = renderTableImage(table.rows, {
    ...styleOptions(o.style, o.lineWidth),
    merges: table.merges,
    headerRows: table.headerRows,
    fontFamily: o.font === 'serif' ? SERIF_FAMILY : FONT_FAMILY,
    fontSize: o.fontSize ?? 16,
    scale: o.scale,
    format: 'png',
    title: o.title,
  });
  let image = sharp(png);
  if (o.rotation) image = sharp(await image.rotate(o.rotation, { background: '#ffffff' }).png().toBuffer());
  if (o.blur >= 0.3) image = image.blur(o.blur);
  return image.flatten({ background: '#ffffff' }).jpeg({ quality: o.quality }).toBuffer();
}
