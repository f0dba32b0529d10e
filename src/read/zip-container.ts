/**
 * Zip containers (DOCX, XLSX, OFD and the WPS formats saved as OOXML) read safely from memory.
 *
 * A zip's headers are claims, not facts: an entry may say it inflates to 1 KB and inflate to
 * 10 GB. So sizes are counted on the inflating stream itself, and the stream is destroyed the
 * moment an entry passes ReadLimits.maxEntryBytes, all entries read so far pass maxTotalBytes, or
 * an entry inflates to more than MAX_RATIO times its compressed bytes (a real document's XML
 * compresses 5–50×; deflate's ceiling is about 1032×). Only the entries asked for are inflated.
 * Encrypted entries (ZipCrypto or AES) are refused, never guessed at.
 *
 * Failures: 'corrupt' (not a zip, truncated, bad deflate data), 'encrypted', 'zip_bomb' (too
 * many entries, an entry or the whole past its limit, an impossible compression ratio).
 */
import yauzl from 'yauzl';
import type { Entry, ZipFile } from 'yauzl';
import type { Readable } from 'node:stream';
import { DEFAULT_READ_LIMITS, FileReadError, type ReadLimits } from './file-types.js';

/** Entries a document container may hold; real DOCX/XLSX/OFD files have tens to a few thousand. */
export const MAX_ZIP_ENTRIES = 20_000;
/** Inflated bytes per compressed byte at most, once an entry is past MIN_RATIO_CHECK bytes. */
export const MAX_RATIO = 1000;
const MIN_RATIO_CHECK = 1024 * 1024;

export interface ZipLimits {
  maxEntryBytes: number;
  maxTotalBytes: number;
  maxEntries: number;
  maxRatio: number;
}

export interface ZipEntryInfo {
  /** The entry's path inside the zip, '/'-separated, as stored. */
  name: string;
  /** What the central directory claims (not trusted for limits). */
  compressedSize: number;
  uncompressedSize: number;
  encrypted: boolean;
}

function zipLimits(limits?: Partial<ReadLimits> & Partial<ZipLimits>): ZipLimits {
  return {
    maxEntryBytes: limits?.maxEntryBytes ?? DEFAULT_READ_LIMITS.maxEntryBytes,
    maxTotalBytes: limits?.maxTotalBytes ?? DEFAULT_READ_LIMITS.maxTotalBytes,
    maxEntries: limits?.maxEntries ?? MAX_ZIP_ENTRIES,
    maxRatio: limits?.maxRatio ?? MAX_RATIO,
  };
}

function corrupt(message: string, cause?: unknown): FileReadError {
  return new FileReadError(message, 'corrupt', undefined, cause === undefined ? undefined : { cause });
}

/** True when the bytes start like a zip (local file header, or an empty zip's end record). */
export function looksLikeZip(bytes: Buffer): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5 || bytes[2] === 7);
}

/** A zip opened from a Buffer: its entry list, and entries inflated on request under the limits. */
export class ZipContainer {
  private readonly byName = new Map<string, Entry>();
  private readonly byLowerName = new Map<string, Entry>();
  private inflatedTotal = 0;
  private closed = false;

  private constructor(
    private readonly zip: ZipFile,
    entries: Entry[],
    readonly limits: ZipLimits,
  ) {
    for (const e of entries) {
      const name = normalizeName(e.fileName);
      if (!this.byName.has(name)) this.byName.set(name, e);
      const lower = name.toLowerCase();
      if (!this.byLowerName.has(lower)) this.byLowerName.set(lower, e);
    }
  }

  /** Opens the zip and reads its central directory (nothing is inflated yet). */
  static async open(bytes: Buffer, limits?: Partial<ReadLimits> & Partial<ZipLimits>): Promise<ZipContainer> {
    const lim = zipLimits(limits);
    if (!looksLikeZip(bytes)) throw corrupt('not a zip container');
    let zip: ZipFile;
    try {
      zip = await yauzl.fromBufferPromise(bytes, { lazyEntries: true, validateEntrySizes: false, strictFileNames: false, decodeStrings: true });
    } catch (err) {
      throw corrupt(`unreadable zip: ${(err as Error).message}`, err);
    }
    if (zip.entryCount > lim.maxEntries) {
      zip.close();
      throw new FileReadError(`zip claims ${zip.entryCount} entries (limit ${lim.maxEntries})`, 'zip_bomb');
    }
    const entries = await new Promise<Entry[]>((resolve, reject) => {
      const out: Entry[] = [];
      zip.on('entry', (entry: Entry) => {
        out.push(entry);
        if (out.length > lim.maxEntries) {
          zip.close();
          reject(new FileReadError(`zip holds more than ${lim.maxEntries} entries`, 'zip_bomb'));
          return;
        }
        zip.readEntry();
      });
      zip.on('end', () => resolve(out));
      zip.on('error', (err: Error) => reject(corrupt(`unreadable zip directory: ${err.message}`, err)));
      zip.readEntry();
    });
    return new ZipContainer(zip, entries, lim);
  }

  /** Every entry's name, in directory order (directories left out). */
  get names(): string[] {
    return [...this.byName.keys()].filter((n) => !n.endsWith('/'));
  }

  info(name: string): ZipEntryInfo | undefined {
    const e = this.entry(name);
    if (!e) return undefined;
    return { name: normalizeName(e.fileName), compressedSize: e.compressedSize, uncompressedSize: e.uncompressedSize, encrypted: e.isEncrypted() };
  }

  /** Exact name first, then case-insensitively (OPC part names are case-insensitive); a leading '/' is ignored. */
  has(name: string): boolean {
    return this.entry(name) !== undefined;
  }

  private entry(name: string): Entry | undefined {
    const n = normalizeName(name);
    return this.byName.get(n) ?? this.byLowerName.get(n.toLowerCase());
  }

  /** The entry's inflated bytes, or undefined when there is no such entry. */
  async read(name: string): Promise<Buffer | undefined> {
    const e = this.entry(name);
    if (!e) return undefined;
    const chunks: Buffer[] = [];
    await this.inflate(e, (chunk) => chunks.push(chunk));
    return Buffer.concat(chunks);
  }

  /** The entry as text (UTF-8, or UTF-16 with a BOM), or undefined when there is no such entry. */
  async readText(name: string): Promise<string | undefined> {
    const bytes = await this.read(name);
    return bytes === undefined ? undefined : decodeXmlBytes(bytes);
  }

  /**
   * Inflates every entry, keeping nothing, so the limits are proven before the zip is handed to a
   * library that inflates everything itself (exceljs).
   */
  async validateAll(): Promise<void> {
    for (const e of this.byName.values()) {
      if (e.fileName.endsWith('/')) continue;
      await this.inflate(e, () => {});
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.zip.close();
  }

  private async inflate(e: Entry, sink: (chunk: Buffer) => void): Promise<void> {
    const name = e.fileName;
    if (e.isEncrypted()) throw new FileReadError(`zip entry ${name} is encrypted`, 'encrypted');
    if (e.compressionMethod !== 0 && e.compressionMethod !== 8) {
      throw new FileReadError(`zip entry ${name} uses compression method ${e.compressionMethod}`, e.compressionMethod === 99 ? 'encrypted' : 'unsupported');
    }
    const { maxEntryBytes, maxTotalBytes, maxRatio } = this.limits;
    // Claims past the limits are refused before any work; claims below them are not trusted.
    if (e.uncompressedSize > maxEntryBytes) {
      throw new FileReadError(`zip entry ${name} claims ${e.uncompressedSize} bytes (limit ${maxEntryBytes})`, 'zip_bomb');
    }
    let stream: Readable;
    try {
      stream = await this.zip.openReadStreamPromise(e);
    } catch (err) {
      throw corrupt(`zip entry ${name} unreadable: ${(err as Error).message}`, err);
    }
    const compressed = Math.max(1, e.compressedSize);
    await new Promise<void>((resolve, reject) => {
      let inflated = 0;
      let settled = false;
      const fail = (err: FileReadError): void => {
        if (settled) return;
        settled = true;
        stream.destroy();
        reject(err);
      };
      stream.on('data', (chunk: Buffer) => {
        if (settled) return;
        inflated += chunk.length;
        this.inflatedTotal += chunk.length;
        if (inflated > maxEntryBytes) {
          fail(new FileReadError(`zip entry ${name} inflates past ${maxEntryBytes} bytes (claims ${e.uncompressedSize})`, 'zip_bomb'));
        } else if (this.inflatedTotal > maxTotalBytes) {
          fail(new FileReadError(`zip entries inflate past ${maxTotalBytes} bytes in all`, 'zip_bomb'));
        } else if (inflated > MIN_RATIO_CHECK && inflated / compressed > maxRatio) {
          fail(new FileReadError(`zip entry ${name} inflates ${Math.round(inflated / compressed)}× its compressed size`, 'zip_bomb'));
        } else {
          sink(chunk);
        }
      });
      stream.on('error', (err: Error) => fail(corrupt(`zip entry ${name} damaged: ${err.message}`, err)));
      stream.on('end', () => {
        if (settled) return;
        settled = true;
        resolve();
      });
    });
  }
}

function normalizeName(name: string): string {
  return name.replace(/\\/g, '/').replace(/^\/+/, '');
}

/** XML parts are UTF-8 unless a BOM says UTF-16 (some WPS/OFD producers). */
export function decodeXmlBytes(bytes: Buffer): string {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString('utf16le');
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    const swapped = Buffer.from(bytes.subarray(2, 2 + ((bytes.length - 2) & ~1)));
    swapped.swap16();
    return swapped.toString('utf16le');
  }
  const text = bytes.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * Opens `bytes`, runs `use` on the container, and closes it whatever happens. Errors that are
 * not already FileReadErrors (a library's own) become 'corrupt'.
 */
export async function withZip<T>(bytes: Buffer, limits: Partial<ReadLimits> | undefined, use: (zip: ZipContainer) => Promise<T>): Promise<T> {
  const zip = await ZipContainer.open(bytes, limits);
  try {
    return await use(zip);
  } catch (err) {
    if (err instanceof FileReadError) throw err;
    throw corrupt(`unreadable container: ${(err as Error)?.message ?? String(err)}`, err);
  } finally {
    zip.close();
  }
}
