/** Statistics tables published as images: detection, reading, joining of split screenshots. */
import type { ExtractedTable } from '../../types.js';
import { PaddleDetector, paddleDetector, type TextDetector } from './detector.js';
import { readImageTables } from './read-image-tables.js';
import { readScannedPages, type ScannedPages } from './read-page-text.js';
import type { PageImage } from '../../read/file-types.js';

export { looksLikeTableImage } from './looks-like-table.js';
export { readTableImage, type ImageGrid } from './read-table-image.js';
export { readImageTables } from './read-image-tables.js';
export type { ScannedPages } from './read-page-text.js';
export { PaddleDetector, paddleDetector, type LineReading, type TextBox, type TextDetector } from './detector.js';

/**
 * The reader the processing stage takes (src/process/image-tables.ts TableImageReader): the real
 * OCR engine by default, shared by every report, loaded while a report's images are read and
 * released after (PaddleDetector.holding).
 */
export function createTableImageReader(detector: TextDetector = paddleDetector()): {
  read(images: { file: string; bytes: Buffer }[]): Promise<ExtractedTable[]>;
  readScans(images: readonly PageImage[]): Promise<ScannedPages>;
  close(): Promise<void>;
} {
  const using = <T>(work: () => Promise<T>): Promise<T> => (detector instanceof PaddleDetector ? detector.holding(work) : work());
  return {
    read: (images) => using(() => readImageTables(images, detector)),
    // Scanned pages of report files share the engine: one model in memory for both.
    readScans: (images) => using(() => readScannedPages(images, detector)),
    // The shared engine's onnx sessions hold the models' memory until released.
    close: async () => {
      if (detector instanceof PaddleDetector) await detector.close();
    },
  };
}
