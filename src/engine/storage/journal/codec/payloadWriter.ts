/**
 * Encodes one record's payload into a reusable buffer: varints for integers (compact for the small
 * numbers that dominate: quantities, sizes, enum codes) and length-prefixed UTF-8 for strings.
 * One writer is reused for every record, so encoding allocates nothing once the buffer has grown.
 */
export class PayloadWriter {
  private buf: Buffer;
  private pos = 0;

  constructor(initialBytes = 256) {
    this.buf = Buffer.allocUnsafe(initialBytes);
  }

  /** Starts a new payload. */
  reset(): this {
    this.pos = 0;
    return this;
  }

  /** The payload so far: a view valid until the next reset() (Journal.append copies it). */
  view(): Buffer {
    return this.buf.subarray(0, this.pos);
  }

  u8(value: number): this {
    this.room(1);
    this.buf[this.pos++] = value;
    return this;
  }

  /** A non-negative safe integer, 1 byte per 7 bits. */
  uint(value: number): this {
    if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`not a non-negative safe integer: ${value}`);
    this.room(8);
    this.writeUint(value);
    return this;
  }

  /**
   * Any safe integer (prices in ticks can be negative, fees can be rebates). The first byte carries
   * the sign and the low 6 bits, so the whole ±2^53 range fits (zigzag would overflow at 2^52).
   */
  int(value: number): this {
    if (!Number.isSafeInteger(value)) throw new RangeError(`not a safe integer: ${value}`);
    this.room(9);
    const sign = value < 0 ? 0x40 : 0;
    const magnitude = value < 0 ? -value : value;
    if (magnitude < 64) {
      this.buf[this.pos++] = magnitude | sign;
    } else if (magnitude <= 0x7fffffff) {
      // Bitwise is exact below 2^31 and much cheaper than the division below.
      this.buf[this.pos++] = (magnitude & 63) | sign | 0x80;
      this.writeUint(magnitude >>> 6);
    } else {
      const low = magnitude % 64;
      this.buf[this.pos++] = low | sign | 0x80;
      this.writeUint((magnitude - low) / 64);
    }
    return this;
  }

  /**
   * Length-prefixed string. The prefix is (byteLength << 1) | ascii: ids, symbols and venue names are
   * ASCII, which this writes with a plain loop and the reader decodes as latin1, both several times
   * cheaper than a UTF-8 round trip through native code for strings this short.
   */
  str(value: string): this {
    const n = value.length;
    this.room(n * 3 + 9);
    const buf = this.buf;
    // ASCII fast path, assuming a 1-byte prefix (n < 64); anything else takes the general path.
    if (n < 64) {
      const start = this.pos + 1;
      let i = 0;
      for (; i < n; i++) {
        const c = value.charCodeAt(i);
        if (c >= 0x80) break;
        buf[start + i] = c;
      }
      if (i === n) {
        buf[this.pos] = (n << 1) | 1;
        this.pos = start + n;
        return this;
      }
    }
    let ascii = true;
    for (let i = 0; i < n && ascii; i++) ascii = value.charCodeAt(i) < 0x80;
    // Write the bytes after the largest possible prefix, then move them next to the real one.
    const start = this.pos;
    const bytesAt = start + 9;
    const length = buf.write(value, bytesAt, ascii ? 'latin1' : 'utf8');
    this.writeUint(length * 2 + (ascii ? 1 : 0));
    buf.copyWithin(this.pos, bytesAt, bytesAt + length);
    this.pos += length;
    return this;
  }

  private writeUint(value: number): void {
    const buf = this.buf;
    let v = value;
    // Above 2^31 bitwise operators would wrap: divide until it is small enough for the fast loop.
    while (v > 0x7fffffff) {
      const low = v % 128;
      buf[this.pos++] = low | 0x80;
      v = (v - low) / 128;
    }
    while (v >= 0x80) {
      buf[this.pos++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    buf[this.pos++] = v;
  }

  private room(bytes: number): void {
    if (this.pos + bytes <= this.buf.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + bytes));
    this.buf.copy(grown, 0, 0, this.pos);
    this.buf = grown;
  }
}
