/** The class of failure a file reader reports (src/read/file-types.ts FileReadError). */
import assert from 'node:assert/strict';
import { FileReadError, type FileReadFailure } from '../../src/read/file-types.js';

export async function failure(p: Promise<unknown>): Promise<FileReadFailure> {
  try {
    await p;
  } catch (err) {
    assert.ok(err instanceof FileReadError, `expected a FileReadError, got ${String(err)}`);
    return err.failure;
  }
  assert.fail('expected the read to fail');
}
