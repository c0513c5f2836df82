import fs from 'node:fs';

/**
 * Read size. Small enough that a chunk is still in the CPU cache while its records are parsed (a whole
 * 64 MiB segment would stream through memory twice), big enough that read calls cost nothing.
 */
const CHUNK_BYTES = 4 * 1024 * 1024;

/** A file read front to back through one reusable buffer; bytes [start, end) are read, not yet used. */
export class ChunkedFile {
  buf: Buffer;
  start = 0;
  end = 0;
  private fd: number | undefined;
  /** File offset of buf[0]. */
  private base = 0;
  private size = 0;

  constructor(chunkBytes = CHUNK_BYTES) {
    this.buf = Buffer.allocUnsafe(chunkBytes);
  }

  open(file: string): void {
    this.fd = fs.openSync(file, 'r');
    this.size = fs.fstatSync(this.fd).size;
    this.base = 0;
    this.start = 0;
    this.end = 0;
  }

  close(): void {
    if (this.fd !== undefined) fs.closeSync(this.fd);
    this.fd = undefined;
  }

  fileOffset(): number {
    return this.base + this.start;
  }

  /** Makes at least `bytes` unread bytes available; false if the file ends first. */
  need(bytes: number): boolean {
    if (this.end - this.start >= bytes) return true;
    // Move the unread tail to the front (it is at most one record), grow for a record bigger than
    // the buffer, and read on.
    const unread = this.end - this.start;
    if (bytes > this.buf.length) {
      const grown = Buffer.allocUnsafe(bytes);
      this.buf.copy(grown, 0, this.start, this.end);
      this.buf = grown;
    } else {
      this.buf.copy(this.buf, 0, this.start, this.end);
    }
    this.base += this.start;
    this.start = 0;
    this.end = unread;
    while (this.end < bytes && this.base + this.end < this.size) {
      const n = fs.readSync(this.fd!, this.buf, this.end, this.buf.length - this.end, this.base + this.end);
      if (n === 0) break;
      this.end += n;
    }
    return this.end - this.start >= bytes;
  }
}
