import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { crc32c } from './crc32c';

/** Bit-at-a-time CRC-32C straight from the definition, to check the table-driven one against. */
function referenceCrc32c(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0x82f63b78 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

const filled = (n: number, f: (i: number) => number): Uint8Array => Uint8Array.from({ length: n }, (_, i) => f(i));

describe('crc32c', () => {
  it('matches the published check value and the RFC 3720 (iSCSI) test vectors', () => {
    expect(crc32c(Buffer.from('123456789', 'ascii'))).toBe(0xe3069283);
    expect(crc32c(new Uint8Array(0))).toBe(0);
    expect(crc32c(filled(32, () => 0))).toBe(0x8a9136aa);
    expect(crc32c(filled(32, () => 0xff))).toBe(0x62a8ab43);
    expect(crc32c(filled(32, (i) => i))).toBe(0x46dd794e);
    expect(crc32c(filled(32, (i) => 31 - i))).toBe(0x113fdb5c);
  });

  it('equals the bit-at-a-time definition for any bytes, range and continuation', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.nat(), fc.nat(), (bytes, a, b) => {
        const start = bytes.length === 0 ? 0 : a % (bytes.length + 1);
        const end = start + (b % (bytes.length - start + 1));
        const slice = bytes.subarray(start, end);
        expect(crc32c(bytes, start, end)).toBe(referenceCrc32c(slice));
        // Continuing over a split gives the CRC of the whole, wherever the split is.
        const split = start + ((a + b) % (end - start + 1));
        expect(crc32c(bytes, split, end, crc32c(bytes, start, split))).toBe(crc32c(bytes, start, end));
      }),
      { numRuns: 300 },
    );
  });

  it('detects every single-bit error in a record-sized buffer', () => {
    const bytes = filled(160, (i) => (i * 37 + 11) & 0xff);
    const good = crc32c(bytes);
    for (let bit = 0; bit < bytes.length * 8; bit++) {
      bytes[bit >> 3] = bytes[bit >> 3]! ^ (1 << (bit & 7));
      expect(crc32c(bytes)).not.toBe(good);
      bytes[bit >> 3] = bytes[bit >> 3]! ^ (1 << (bit & 7));
    }
  });
});
