/**
 * The OCR-backed TableImageReader used by the CLI. The model loads on the first table image, so
 * crawls of portals without table screenshots never pay for it.
 */
import { createTableImageReader } from '../extract/ocr/index.js';
import type { TableImageReader } from './image-tables.js';

export function createOcrTableReader(): TableImageReader {
  return createTableImageReader();
}
