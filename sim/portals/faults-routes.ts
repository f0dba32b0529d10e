/**
 * The transport-level faults of the fault portal, as raw takeovers of one exchange (server.ts
 * RawHandler): what a broken server, proxy or CMS does on the wire, which no canned response can
 * express. Every route that keeps a timer or a stream alive stops when the socket closes, so a
 * client that gives up (or the server's close()) ends it.
 */
import type { Socket } from 'node:net';
import { constants, crc32, deflateRawSync } from 'node:zlib';
import type { RawResponse } from '../server.js';

const HTML = 'text/html; charset=utf-8';

/** Runs `stop` once, when the socket closes for whatever reason. */
function onGone(socket: Socket, stop: () => void): void {
  if (socket.destroyed) stop();
  else socket.once('close', stop);
}

/**
 * Headers and the first part of the body, then a TCP RST: what a crashing upstream behind a
 * proxy, or a middlebox killing the flow, looks like from the client.
 */
export function resetMidBody(body: Buffer, server: string): RawResponse {
  return {
    status: 200,
    raw: (_req, res, socket) => {
      res.writeHead(200, { Server: server, 'Content-Type': HTML, 'Content-Length': String(body.length) });
      // A moment after the bytes went out: reset straight from the write callback came out as a
      // plain FIN here (the handle still finishing the write), never as the RST we want.
      res.write(body.subarray(0, Math.floor(body.length / 2)), () => {
        setTimeout(() => {
          if (!socket.destroyed) socket.resetAndDestroy();
        }, 20);
      });
    },
  };
}

/** Accepts the request and never answers: no status line, ever (a hung application server). */
export function neverAnswer(): RawResponse {
  return { status: 0, raw: () => undefined };
}

/**
 * Status and headers at once, then one byte a second: a whole page takes longer than any sane
 * total timeout (the body is thousands of bytes), while an idle-read timeout never fires.
 */
export function drip(body: Buffer, server: string, everyMs = 1000): RawResponse {
  return {
    status: 200,
    raw: (_req, res, socket) => {
      res.writeHead(200, { Server: server, 'Content-Type': HTML });
      res.flushHeaders();
      let i = 0;
      const timer = setInterval(() => {
        if (i >= body.length) {
          clearInterval(timer);
          res.end();
          return;
        }
        res.write(body.subarray(i, ++i));
      }, everyMs);
      onGone(socket, () => clearInterval(timer));
    },
  };
}

/** Content-Length promises `declared` bytes; the server sends part of the body and closes (FIN, no error). */
export function truncated(body: Buffer, server: string, declared: number): RawResponse {
  return {
    status: 200,
    raw: (_req, res, socket) => {
      res.writeHead(200, { Server: server, 'Content-Type': HTML, 'Content-Length': String(declared) });
      res.write(body.subarray(0, Math.min(body.length, Math.floor(declared * 0.4))), () => socket.end());
    },
  };
}

/**
 * Content-Encoding: gzip over a stream that goes bad halfway: the first half of the page deflates
 * cleanly (a full flush ends it on a block boundary), then a block of the reserved type 3 and
 * garbage. A decoder yields the first half, then fails (zlib: "invalid block type").
 */
export function corruptGzip(body: Buffer): Buffer {
  const half = body.subarray(0, Math.floor(body.length / 2));
  const head = Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0x03]);
  const good = deflateRawSync(half, { finishFlush: constants.Z_FULL_FLUSH });
  // 0xff: BFINAL 1, BTYPE 11 (reserved), the rest noise; then a trailer that matches nothing.
  const bad = Buffer.from([0xff, 0xe3, 0x9a, 0x11, 0x52, 0x00, 0xbd, 0x7c, 0x0e, 0x44, 0x91, 0xfe]);
  return Buffer.concat([head, good, bad, Buffer.alloc(8, 0x5a)]);
}

export function gzipResponse(gz: Buffer, server: string, status = 200): RawResponse {
  return {
    status,
    raw: (_req, res) => {
      res.writeHead(status, { Server: server, 'Content-Type': HTML, 'Content-Encoding': 'gzip', 'Content-Length': String(gz.length), Vary: 'Accept-Encoding' });
      res.end(gz);
    },
  };
}

/** How much a gzip bomb inflates to: 1 GiB of spaces after a short HTML head. */
export const BOMB_INFLATED_SPACES = 1 << 30;
let bomb: { gz: Buffer; inflated: number } | undefined;

/**
 * A valid gzip member of about 1 MB that inflates to 1 GiB and more (an HTML head, then 1 GiB of
 * spaces): each MiB of spaces is deflated once with a full flush, which resets the window, so the
 * same ~1 KB block can stand for every MiB. Built once per process (~0.3 s, mostly the CRC).
 */
export function gzipBomb(htmlHead: string): { gz: Buffer; inflated: number } {
  if (bomb) return bomb;
  const headBytes = Buffer.from(htmlHead, 'utf8');
  const mib = Buffer.alloc(1 << 20, 0x20);
  const flush = { level: 9, finishFlush: constants.Z_FULL_FLUSH };
  const parts: Buffer[] = [Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0x02, 0x03]), deflateRawSync(headBytes, flush)];
  const block = deflateRawSync(mib, flush);
  let crc = crc32(headBytes);
  for (let i = 0; i < BOMB_INFLATED_SPACES / mib.length; i++) {
    parts.push(block);
    crc = crc32(mib, crc);
  }
  parts.push(Buffer.from([0x03, 0x00])); // an empty final fixed-Huffman block
  const inflated = headBytes.length + BOMB_INFLATED_SPACES;
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc >>> 0, 0);
  trailer.writeUInt32LE(inflated % 2 ** 32, 4);
  parts.push(trailer);
  bomb = { gz: Buffer.concat(parts), inflated };
  return bomb;
}

/**
 * A page of `size` bytes written as the client reads it (backpressure), never held whole: a head,
 * the same 64 KiB run of paragraphs again and again, spaces to the exact size, the closing tags.
 * With `declare`, Content-Length says the size up front; without, it comes chunked and only the
 * bytes tell.
 */
export function hugePage(parts: { head: string; paragraph: string; tail: string }, size: number, declare: boolean, server: string): RawResponse {
  const head = Buffer.from(parts.head, 'utf8');
  const tail = Buffer.from(parts.tail, 'utf8');
  const unit = Buffer.from(parts.paragraph, 'utf8');
  const run = Buffer.concat(Array.from({ length: Math.max(1, Math.floor(65536 / unit.length)) }, () => unit));
  return {
    status: 200,
    raw: (_req, res, socket) => {
      res.writeHead(200, { Server: server, 'Content-Type': HTML, ...(declare ? { 'Content-Length': String(size) } : {}) });
      let left = size - head.length - tail.length;
      let gone = false;
      onGone(socket, () => (gone = true));
      const pump = (): void => {
        while (!gone && left > 0) {
          const piece = left >= run.length ? run : Buffer.alloc(left, 0x20);
          left -= piece.length;
          if (!res.write(piece)) {
            res.once('drain', pump);
            return;
          }
        }
        if (!gone) res.end(tail);
      };
      res.write(head);
      pump();
    },
  };
}

/**
 * A robots.txt of `size` bytes: a normal one that allows everything (`Disallow:` with no path),
 * then line after line of Disallow rules for Baiduspider on an old site's paths, and at the very
 * end a second `User-agent: *` group with `Disallow: /`. A crawler that reads the first ~500 KiB
 * (as Google does) crawls on; one that parses the whole file merges the groups (RFC 9309) and
 * believes the site closed.
 */
export function hugeRobots(size: number): Buffer {
  const head = [
    '# robots.txt for 郸城县人民政府门户网站',
    'User-agent: *',
    'Disallow:',
    '',
    'Sitemap: /sitemap.xml',
    '',
    '# 旧版网站栏目（2016年网站改版前），已下线',
    'User-agent: Baiduspider',
  ].join('\n');
  const closing = '\n# 网站维护期间暂停抓取\nUser-agent: *\nDisallow: /\n';
  const lines: string[] = [head];
  let length = Buffer.byteLength(head) + 1;
  const closingBytes = Buffer.byteLength(closing);
  for (let i = 0; length < size - closingBytes - 64; i++) {
    const line = `Disallow: /old/xxgk/${2009 + (i % 8)}/${String(i).padStart(7, '0')}.html`;
    lines.push(line);
    length += line.length + 1;
  }
  const body = Buffer.from(`${lines.join('\n')}\n`, 'utf8');
  const pad = Buffer.alloc(Math.max(0, size - body.length - closingBytes), 0x23); // one '#' comment line
  return Buffer.concat([body, pad, Buffer.from(closing, 'utf8')]);
}

/** nginx's own error pages, byte for byte as it writes them. */
export function nginxPage(status: number, reason: string): string {
  return `<html>\r\n<head><title>${status} ${reason}</title></head>\r\n<body>\r\n<center><h1>${status} ${reason}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
}
