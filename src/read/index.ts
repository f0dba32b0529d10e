/**
 * Reading a report file of any supported kind: the type comes from the bytes (file-type.ts), the
 * reader from the type. Each reader is pure: bytes in, FileContent out, FileReadError when it
 * cannot.
 */
import { DEFAULT_READ_LIMITS, FileReadError, type FileContent, type FileType, type ReadLimits } from './file-types.js';

export { sniffFileType, isDocumentType } from './file-type.js';
export { attachmentName, safeFileName } from './file-name.js';
export type { FileContent, FileType, PageImage, ReadLimits } from './file-types.js';
export { DEFAULT_READ_LIMITS, FileReadError } from './file-types.js';

/** The file's content; `type` as sniffed. Readers load on first use (MuPDF's WASM, ExcelJS). */
export async function readFileContent(bytes: Buffer, type: FileType, limits: ReadLimits = DEFAULT_READ_LIMITS): Promise<FileContent> {
  switch (type) {
    case 'pdf':
      return (await import('./pdf.js')).readPdf(bytes, limits);
    case 'docx':
      return (await import('./docx.js')).readDocx(bytes, limits);
    case 'doc':
      return (await import('./doc.js')).readDoc(bytes, limits);
    case 'wps':
      // Kingsoft WPS writes Word binaries (OLE) or OOXML; which one, the bytes say.
      return bytes.subarray(0, 2).toString('latin1') === 'PK'
        ? (await import('./docx.js')).readDocx(bytes, limits, { type: 'wps' })
        : (await import('./doc.js')).readDoc(bytes, limits, { type: 'wps' });
    case 'xlsx':
      return (await import('./xlsx.js')).readXlsx(bytes, limits);
    case 'xls':
      return (await import('./xlsx.js')).readXls(bytes, limits);
    case 'ofd':
      return (await import('./ofd.js')).readOfd(bytes, limits);
    default:
      throw new FileReadError(`no reader for ${type} files`, 'unsupported');
  }
}
