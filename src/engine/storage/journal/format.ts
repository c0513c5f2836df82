import { crc32c } from './crc32c';

/**
 * On-disk layout of the journal. Everything is little-endian.
 *
 * Segment file `journal-<firstSeq, 20 digits>.log`:
 *   header (16 bytes): magic "SQJL" | u16 format version | u16 reserved (0) | u64 first sequence
 *   then records back to back, no padding.
 *
 * Record (17-byte header + payload):
 *   u32 crc32c   over bytes [4, 17 + length): the length, sequence, type and payload
 *   u32 length   payload bytes, at most MAX_PAYLOAD_BYTES
 *   u64 sequence exactly one more than the previous record's, across segments
 *   u8  type     1..255 (0 is never written, so a zero-filled tail can never pass as a record)
 *   payload
 *
 * The CRC comes first so that it covers one contiguous range that includes the length: a corrupted
 * length can never make the reader accept a record of the wrong size.
 */
export const SEGMENT_MAGIC = 0x4c4a5153; // "SQJL" read as a little-endian u32
export const FORMAT_VERSION = 1;
export const SEGMENT_HEADER_BYTES = 16;
export const RECORD_HEADER_BYTES = 17;
/** A record bigger than this is a bug (large state belongs in a snapshot); the reader uses it as a bound. */
export const MAX_PAYLOAD_BYTES = 16 * 1024 * 1024;

const TWO_32 = 4294967296;

export function writeU64(buf: Uint8Array, offset: number, value: number): void {
  writeU32(buf, offset, value >>> 0);
  writeU32(buf, offset + 4, Math.floor(value / TWO_32));
}

export function readU64(buf: Uint8Array, offset: number): number {
  return readU32(buf, offset) + readU32(buf, offset + 4) * TWO_32;
}

export function writeU32(buf: Uint8Array, offset: number, value: number): void {
  buf[offset] = value;
  buf[offset + 1] = value >>> 8;
  buf[offset + 2] = value >>> 16;
  buf[offset + 3] = value >>> 24;
}

export function readU32(buf: Uint8Array, offset: number): number {
  return (buf[offset]! | (buf[offset + 1]! << 8) | (buf[offset + 2]! << 16) | (buf[offset + 3]! << 24)) >>> 0;
}

export function segmentHeader(firstSeq: number): Buffer {
  const header = Buffer.alloc(SEGMENT_HEADER_BYTES);
  writeU32(header, 0, SEGMENT_MAGIC);
  header[4] = FORMAT_VERSION;
  header[5] = FORMAT_VERSION >>> 8;
  writeU64(header, 8, firstSeq);
  return header;
}

export type HeaderCheck = { ok: true } | { ok: false; reason: string };

export function checkSegmentHeader(buf: Uint8Array, firstSeq: number): HeaderCheck {
  if (buf.length < SEGMENT_HEADER_BYTES) return { ok: false, reason: `segment header incomplete (${buf.length} of ${SEGMENT_HEADER_BYTES} bytes)` };
  if (readU32(buf, 0) !== SEGMENT_MAGIC) return { ok: false, reason: 'not a journal segment (bad magic)' };
  const version = buf[4]! | (buf[5]! << 8);
  if (version !== FORMAT_VERSION) return { ok: false, reason: `segment format version ${version}; this build reads ${FORMAT_VERSION}` };
  const headerSeq = readU64(buf, 8);
  if (headerSeq !== firstSeq) return { ok: false, reason: `segment header says it starts at ${headerSeq}, its name says ${firstSeq}` };
  return { ok: true };
}

/**
 * Writes one complete record (header + CRC) at `offset`, the payload already copied to
 * offset + RECORD_HEADER_BYTES. Returns the offset after the record.
 */
export function sealRecord(buf: Uint8Array, offset: number, seq: number, type: number, length: number): number {
  writeU32(buf, offset + 4, length);
  writeU64(buf, offset + 8, seq);
  buf[offset + 16] = type;
  const end = offset + RECORD_HEADER_BYTES + length;
  writeU32(buf, offset, crc32c(buf, offset + 4, end));
  return end;
}

/** Why bytes at some offset are not the next record. */
export type RecordFault = 'incomplete' | 'length' | 'crc' | 'type' | 'sequence';

/**
 * Checks the record at `offset` (bytes up to `end` are available) and returns its total size,
 * or a fault. `expectedSeq` is the only sequence accepted there. With `verifyCrc` false only the
 * framing is checked (bounds, type, sequence): for bytes this process already verified.
 */
export function checkRecord(buf: Uint8Array, offset: number, end: number, expectedSeq: number, verifyCrc = true): number | RecordFault {
  if (end - offset < RECORD_HEADER_BYTES) return 'incomplete';
  const length = readU32(buf, offset + 4);
  if (length > MAX_PAYLOAD_BYTES) return 'length';
  const recordEnd = offset + RECORD_HEADER_BYTES + length;
  if (recordEnd > end) return 'incomplete';
  if (verifyCrc && crc32c(buf, offset + 4, recordEnd) !== readU32(buf, offset)) return 'crc';
  if (buf[offset + 16] === 0) return 'type';
  if (readU64(buf, offset + 8) !== expectedSeq) return 'sequence';
  return RECORD_HEADER_BYTES + length;
}

/**
 * Whether a CRC-valid record with afterSeq < seq <= maxSeq starts at `offset`: the test for "is this
 * damage in the middle of the journal, with good records after it?". The cheap checks come first so
 * that scanning garbage byte by byte rarely computes a CRC.
 */
export function isPlausibleRecord(buf: Uint8Array, offset: number, end: number, afterSeq: number, maxSeq: number): boolean {
  if (end - offset < RECORD_HEADER_BYTES) return false;
  if (buf[offset + 16] === 0) return false;
  const length = readU32(buf, offset + 4);
  if (length > MAX_PAYLOAD_BYTES || offset + RECORD_HEADER_BYTES + length > end) return false;
  const seq = readU64(buf, offset + 8);
  if (seq <= afterSeq || seq > maxSeq) return false;
  return crc32c(buf, offset + 4, offset + RECORD_HEADER_BYTES + length) === readU32(buf, offset);
}
