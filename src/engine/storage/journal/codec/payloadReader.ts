/** Thrown when a payload does not decode: a CRC-valid record we cannot read is a bug or a version skew. */
export class PayloadDecodeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PayloadDecodeError';
  }
}

/** Reads what PayloadWriter wrote. One reader is reused: reset() it with each payload. */
export class PayloadReader {
  private buf: Buffer = Buffer.alloc(0);
  private pos = 0;
  private end = 0;
  /** A Buffer over the whole memory replay's views point into, made once per segment, not per record. */
  private whole: Buffer = Buffer.alloc(0);
  private wholeOf: ArrayBufferLike | undefined;

  reset(payload: Uint8Array): this {
    if (Buffer.isBuffer(payload)) {
      this.buf = payload;
      this.pos = 0;
      this.end = payload.byteLength;
      return this;
    }
    if (payload.buffer !== this.wholeOf) {
      this.whole = Buffer.from(payload.buffer);
      this.wholeOf = payload.buffer;
    }
    this.buf = this.whole;
    this.pos = payload.byteOffset;
    this.end = payload.byteOffset + payload.byteLength;
    return this;
  }

  /** True when every byte was consumed (a decoder checks this to catch layout mismatches). */
  get done(): boolean {
    return this.pos === this.end;
  }

  u8(): number {
    if (this.pos >= this.end) throw new PayloadDecodeError('payload ended early');
    return this.buf[this.pos++]!;
  }

  uint(): number {
    let result = 0;
    let scale = 1;
    for (let i = 0; i < 8; i++) {
      const b = this.u8();
      result += (b & 0x7f) * scale;
      if ((b & 0x80) === 0) {
        if (!Number.isSafeInteger(result)) break;
        return result;
      }
      scale *= 128;
    }
    throw new PayloadDecodeError('varint out of range');
  }

  int(): number {
    const first = this.u8();
    let magnitude = first & 0x3f;
    if (first & 0x80) magnitude += this.uint() * 64;
    if (!Number.isSafeInteger(magnitude)) throw new PayloadDecodeError('signed varint out of range');
    return first & 0x40 ? -magnitude : magnitude;
  }

  str(): string {
    const prefix = this.uint();
    const length = Math.floor(prefix / 2);
    const start = this.pos;
    if (start + length > this.end) throw new PayloadDecodeError('string runs past the payload');
    this.pos = start + length;
    // The writer flags ASCII strings (bit 0): latin1 decoding is exact for them and much cheaper.
    return this.buf.toString(prefix & 1 ? 'latin1' : 'utf8', start, start + length);
  }
}
