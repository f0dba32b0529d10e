/** Statistics tables published as images: detection, reading, joining of split screenshots. */
import type { ExtractedTable } from '../../types.js';
import { paddleDetector, type TextDetector } from './detector.js';
import { readImageTables } from './read-image-tables.js';

export { looksLikeTableImage } from './looks-like-table.js';
export { readTableImage, type ImageGrid } from './read-table-image.js';
export { readImageTables } from './read-image-tables.js';
export { PaddleDetector, paddleDetector, type LineReading, type TextBox, type TextDetector } from './detector.js';

/**
 * The reader the processing stage takes (src/process/image-tables.ts TableImageReader): the real
 * OCR engine by default, loaded on the first table image and shared by every report after.
 */
export function createTableImageReader(detector: TextDetector = paddleDetector()): { read(images: { file: string; bytes: Buffer }[]): Promise<ExtractedTable[]> } {
  return { read: (images) => readImageTables(images, detector) };
}
