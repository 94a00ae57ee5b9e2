/**
 * Streamed line reading for text event files (LHE, HepMC3 ASCII), plain or gzip-compressed.
 *
 * The file is read in chunks (node:fs streams, through node:zlib's gunzip when the file starts
 * with the gzip magic bytes 1f 8b), split on '\n' (a trailing '\r' is dropped) and handed out one
 * line at a time, so memory stays bounded by the chunk size plus `maxLineBytes` whatever the
 * file size. A line longer than `maxLineBytes` is rejected with a FileFormatError naming the
 * file and line instead of being buffered without bound.
 */

import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import type { Readable } from "node:stream";
import { createGunzip } from "node:zlib";
import { FileFormatError } from "../core/errors.js";

/** Default upper bound on a line (1 MiB): far above any LHE/HepMC3 line, far below memory. */
export const DEFAULT_MAX_LINE_BYTES = 1 << 20;

export interface LineReaderOptions {
  /** Longest accepted line in bytes (default 1 MiB). */
  maxLineBytes?: number;
  /** Read-chunk size in bytes (default 1 MiB). */
  chunkBytes?: number;
}

const NEWLINE = 10;
const CR = 13;

/** True when the file starts with the gzip magic number (RFC 1952 §2.3.1: ID1 = 31, ID2 = 139). */
export async function isGzipFile(path: string): Promise<boolean> {
  const fh = await open(path, "r");
  try {
    const buf = Buffer.alloc(2);
    const { bytesRead } = await fh.read(buf, 0, 2, 0);
    return bytesRead === 2 && buf[0] === 0x1f && buf[1] === 0x8b;
  } finally {
    await fh.close();
  }
}

/**
 * Pull-based line reader. `next()` returns the next line (without its terminator) or `null` at
 * the end of the file; `lineNumber` is the 1-based number of the line last returned.
 */
export class LineReader {
  readonly file: string;
  lineNumber = 0;
  private readonly maxLineBytes: number;
  private readonly stream: Readable;
  private readonly iterator: AsyncIterator<Buffer>;
  private lines: string[] = [];
  private index = 0;
  private rest: Buffer = Buffer.alloc(0);
  private done = false;

  private constructor(file: string, stream: Readable, maxLineBytes: number) {
    this.file = file;
    this.stream = stream;
    this.maxLineBytes = maxLineBytes;
    this.iterator = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  }

  static async open(path: string, options: LineReaderOptions = {}): Promise<LineReader> {
    const maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
    const chunkBytes = options.chunkBytes ?? 1 << 20;
    let gz: boolean;
    try {
      gz = await isGzipFile(path);
    } catch (err) {
      throw new FileFormatError(path, undefined, `a readable file (${(err as Error).message})`);
    }
    const raw = createReadStream(path, { highWaterMark: chunkBytes });
    const stream: Readable = gz ? raw.pipe(createGunzip({ chunkSize: 1 << 20 })) : raw;
    if (gz) raw.on("error", (err) => stream.destroy(err));
    return new LineReader(path, stream, maxLineBytes);
  }

  /** The next line, or null at the end of the file. */
  async next(): Promise<string | null> {
    while (this.index >= this.lines.length) {
      if (this.done) return null;
      await this.fill();
    }
    this.lineNumber++;
    return this.lines[this.index++]!;
  }

  /** Lines already split and waiting (lets parsers take a synchronous fast path). */
  nextBuffered(): string | undefined {
    if (this.index >= this.lines.length) return undefined;
    this.lineNumber++;
    return this.lines[this.index++]!;
  }

  /** Stops reading and releases the file. */
  close(): void {
    this.done = true;
    this.lines = [];
    this.index = 0;
    this.stream.destroy();
  }

  private async fill(): Promise<void> {
    let result: IteratorResult<Buffer>;
    try {
      result = await this.iterator.next();
    } catch (err) {
      this.done = true;
      const msg = (err as Error).message;
      throw new FileFormatError(
        this.file,
        this.lineNumber + 1,
        `readable ${/gzip|header check|unexpected end|invalid/i.test(msg) ? "gzip data" : "data"} (${msg})`,
      );
    }
    this.lines = [];
    this.index = 0;
    if (result.done) {
      this.done = true;
      if (this.rest.length > 0) this.lines.push(decode(this.rest, 0, this.rest.length));
      this.rest = Buffer.alloc(0);
      return;
    }
    const chunk = result.value;
    let buf = this.rest.length > 0 ? Buffer.concat([this.rest, chunk]) : chunk;
    let start = 0;
    let nl = buf.indexOf(NEWLINE, start);
    while (nl >= 0) {
      if (nl - start > this.maxLineBytes) this.tooLong();
      this.lines.push(decode(buf, start, nl));
      start = nl + 1;
      nl = buf.indexOf(NEWLINE, start);
    }
    if (buf.length - start > this.maxLineBytes) this.tooLong();
    // Copy the unfinished tail so the big chunk can be collected.
    this.rest = start < buf.length ? Buffer.from(buf.subarray(start)) : Buffer.alloc(0);
    buf = Buffer.alloc(0);
  }

  /** fill() only runs once every earlier line was handed out, so the long line comes next. */
  private tooLong(): never {
    const line = this.lineNumber + this.lines.length + 1;
    this.close();
    throw new FileFormatError(
      this.file,
      line,
      `a line of at most ${this.maxLineBytes} bytes (this line is longer; not a text event file, or a corrupted one)`,
    );
  }
}

function decode(buf: Buffer, start: number, end: number): string {
  if (end > start && buf[end - 1] === CR) end--;
  return buf.toString("utf8", start, end);
}
