import fs from 'node:fs';
import path from 'node:path';
import { crc32c } from './crc32c';
import { readU32, readU64, writeU32, writeU64 } from './format';
import { fsyncDirectory, snapshotName, TMP_SUFFIX, type NamedFile } from './segmentFiles';

/**
 * Snapshot file `snapshot-<seq>.snap`: the caller's state after applying every record up to `seq`.
 *   u32 crc32c over bytes [4, end) | u32 magic "SQJS" | u16 version | u16 reserved | u64 seq | u32 length | bytes
 * The content is opaque here; the CRC and length make a half-written or rotted file detectable.
 */
const SNAPSHOT_MAGIC = 0x534a5153; // "SQJS" as a little-endian u32
const SNAPSHOT_VERSION = 1;
const SNAPSHOT_HEADER_BYTES = 24;

export interface Snapshot {
  seq: number;
  file: string;
  bytes: Buffer;
}

export function encodeSnapshot(seq: number, bytes: Uint8Array): Buffer {
  const out = Buffer.allocUnsafe(SNAPSHOT_HEADER_BYTES + bytes.length);
  writeU32(out, 4, SNAPSHOT_MAGIC);
  out[8] = SNAPSHOT_VERSION;
  out[9] = 0;
  out[10] = 0;
  out[11] = 0;
  writeU64(out, 12, seq);
  writeU32(out, 20, bytes.length);
  out.set(bytes, SNAPSHOT_HEADER_BYTES);
  writeU32(out, 0, crc32c(out, 4));
  return out;
}

/**
 * Atomic: the bytes go to a temporary file that is fsynced, renamed over the final name, and the
 * directory fsynced. A crash at any point leaves either no snapshot for `seq` or a complete one,
 * never a partial file under the final name (the leftover .tmp is removed at the next open).
 */
export function writeSnapshotFile(dir: string, seq: number, bytes: Uint8Array): string {
  const file = path.join(dir, snapshotName(seq));
  const tmp = file + TMP_SUFFIX;
  const fd = fs.openSync(tmp, 'w');
  try {
    const data = encodeSnapshot(seq, bytes);
    let written = 0;
    while (written < data.length) written += fs.writeSync(fd, data, written, data.length - written);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
  fsyncDirectory(dir);
  return file;
}

export type SnapshotRead = { ok: true; snapshot: Snapshot } | { ok: false; reason: string };

export function readSnapshotFile(named: NamedFile): SnapshotRead {
  const data = fs.readFileSync(named.file);
  if (data.length < SNAPSHOT_HEADER_BYTES) return { ok: false, reason: `file too short (${data.length} bytes)` };
  if (readU32(data, 4) !== SNAPSHOT_MAGIC) return { ok: false, reason: 'not a snapshot (bad magic)' };
  if (data[8] !== SNAPSHOT_VERSION) return { ok: false, reason: `snapshot format version ${data[8]}; this build reads ${SNAPSHOT_VERSION}` };
  const length = readU32(data, 20);
  if (SNAPSHOT_HEADER_BYTES + length !== data.length) {
    return { ok: false, reason: `length field says ${length} bytes, file holds ${data.length - SNAPSHOT_HEADER_BYTES}` };
  }
  if (crc32c(data, 4) !== readU32(data, 0)) return { ok: false, reason: 'CRC mismatch' };
  const seq = readU64(data, 12);
  if (seq !== named.seq) return { ok: false, reason: `file says seq ${seq}, its name says ${named.seq}` };
  return { ok: true, snapshot: { seq, file: named.file, bytes: data.subarray(SNAPSHOT_HEADER_BYTES) } };
}

export interface SnapshotChoice {
  latest?: Snapshot;
  /** Snapshots that failed verification; renamed to `<name>.corrupt` so they are kept but never used. */
  corrupt: { file: string; reason: string }[];
}

/** The newest snapshot that verifies. Newer ones that do not verify are set aside and reported. */
export function chooseLatestSnapshot(snapshots: readonly NamedFile[]): SnapshotChoice {
  const corrupt: SnapshotChoice['corrupt'] = [];
  for (let i = snapshots.length - 1; i >= 0; i--) {
    const named = snapshots[i]!;
    const read = readSnapshotFile(named);
    if (read.ok) return { latest: read.snapshot, corrupt };
    corrupt.push({ file: named.file, reason: read.reason });
    fs.renameSync(named.file, `${named.file}.corrupt`);
  }
  return { corrupt };
}
