/**
 * The OCR-backed TableImageReader used by the CLI. The model loads on the first table image, so
 * crawls of portals without table screenshots never pay for it.
 */
import { createTableImageReader } from '../extract/ocr/index.js';
import type { TableImageReader } from './image-tables.js';
import type { PageOcr } from './report-files.js';

/** Reads table images and scanned pages of report files with one OCR engine. */
export function createOcrTableReader(): TableImageReader & PageOcr {
  return createTableImageReader();
}
