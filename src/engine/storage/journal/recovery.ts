import fs from 'node:fs';
import path from 'node:path';
import {
  checkRecord,
  checkSegmentHeader,
  FORMAT_VERSION,
  isPlausibleRecord,
  MAX_PAYLOAD_BYTES,
  readU32,
  RECORD_HEADER_BYTES,
  SEGMENT_HEADER_BYTES,
  type RecordFault,
} from './format';
import { fsyncDirectory, listJournalDir, type NamedFile } from './segmentFiles';
import { ChunkedFile } from './chunkedFile';
import { chooseLatestSnapshot, type Snapshot } from './snapshots';

/** What to do when damage is found with intact records after it (not a torn tail). */
export type MidCorruptionPolicy =
  /** Refuse to open (default): records after the damage exist and would be lost; a person decides. */
  | 'fail'
  /** Keep the intact prefix; move the damaged bytes and everything after into `quarantine/`. */
  | 'quarantine';

/** One verified segment as recovery left it. */
export interface SegmentState {
  firstSeq: number;
  file: string;
  /** Bytes on disk after any truncation. */
  size: number;
  /** Last record's sequence; firstSeq - 1 when the segment holds no record. */
  lastSeq: number;
}

export type DamageReason = RecordFault | 'header';

export interface Damage {
  file: string;
  /** Byte offset in `file` where the first bad record (or the bad header) starts. */
  offset: number;
  reason: DamageReason;
  /** The last intact record before the damage. */
  lastGoodSeq: number;
}

/** A torn or corrupt tail that recovery cut off. */
export interface TailTruncation extends Damage {
  /** Bytes removed from `file` (plus any later, record-less segments removed). */
  bytes: number;
  removedFiles: string[];
}

export interface Recovery {
  segments: SegmentState[];
  snapshot?: Snapshot;
  /** Sequence of the last intact record (or of the snapshot, if the journal holds nothing after it). */
  lastSeq: number;
  /** Records verified (CRC and sequence) at open. */
  records: number;
  /**
   * The first sequence verified at open. Segments wholly covered by the snapshot (history, needed only
   * to rebuild from record 1) had their header checked but not every record; replay verifies those.
   */
  verifiedFrom: number;
  truncated?: TailTruncation;
  /** Set when damage with intact records after it was quarantined (policy 'quarantine'). */
  quarantined?: Damage & { files: string[] };
  corruptSnapshots: { file: string; reason: string }[];
  removedTemporaries: string[];
}

export type JournalOpenErrorCode = 'JOURNAL_CORRUPT' | 'JOURNAL_GAP' | 'JOURNAL_UNSUPPORTED';

export interface JournalOpenError {
  code: JournalOpenErrorCode;
  message: string;
  damage?: Damage & { nextValidSeq: number };
}

export type RecoveryResult = { ok: true; value: Recovery } | { ok: false; error: JournalOpenError };

const REASON_TEXT: Record<DamageReason, string> = {
  incomplete: 'record cut short (torn write)',
  length: 'length field out of bounds',
  crc: 'CRC mismatch',
  type: 'record type 0 (zero-filled or unwritten bytes)',
  sequence: 'sequence does not follow the previous record',
  header: 'segment header damaged or incomplete',
};

export const describeDamage = (reason: DamageReason): string => REASON_TEXT[reason];

interface Scan {
  /** Offset after the last intact record. */
  end: number;
  lastSeq: number;
  records: number;
  fault?: { offset: number; reason: DamageReason };
}

/**
 * Verifies a segment front to back through the chunked reader (the common, clean case never holds
 * a whole segment in memory) and stops at the first record that does not verify.
 */
function scanSegment(chunk: ChunkedFile, named: NamedFile): Scan | JournalOpenError {
  chunk.open(named.file);
  try {
    const headerBytes = chunk.need(SEGMENT_HEADER_BYTES) ? SEGMENT_HEADER_BYTES : chunk.end - chunk.start;
    const header = checkSegmentHeader(chunk.buf.subarray(chunk.start, chunk.start + headerBytes), named.seq);
    if (!header.ok) {
      const version = headerBytes >= 6 ? chunk.buf[chunk.start + 4]! | (chunk.buf[chunk.start + 5]! << 8) : FORMAT_VERSION;
      if (version > FORMAT_VERSION && headerBytes === SEGMENT_HEADER_BYTES) {
        return { code: 'JOURNAL_UNSUPPORTED', message: `${path.basename(named.file)}: ${header.reason}` };
      }
      return { end: 0, lastSeq: named.seq - 1, records: 0, fault: { offset: 0, reason: 'header' } };
    }
    chunk.start += SEGMENT_HEADER_BYTES;
    let seq = named.seq;
    for (;;) {
      let fault: RecordFault | undefined;
      if (!chunk.need(RECORD_HEADER_BYTES)) {
        if (chunk.start === chunk.end) return { end: chunk.fileOffset(), lastSeq: seq - 1, records: seq - named.seq };
        fault = 'incomplete';
      } else {
        const length = readU32(chunk.buf, chunk.start + 4);
        if (length > MAX_PAYLOAD_BYTES) fault = 'length';
        else if (!chunk.need(RECORD_HEADER_BYTES + length)) fault = 'incomplete';
        else {
          const size = checkRecord(chunk.buf, chunk.start, chunk.end, seq);
          if (typeof size === 'number') {
            chunk.start += size;
            seq++;
            continue;
          }
          fault = size;
        }
      }
      const offset = chunk.fileOffset();
      return { end: offset, lastSeq: seq - 1, records: seq - named.seq, fault: { offset, reason: fault } };
    }
  } finally {
    chunk.close();
  }
}

/**
 * The sequence of the first CRC-valid record after `afterSeq` at or after `from`, if any.
 * `distance` is how many bytes past the damage `from` is: a record that many bytes on can be at most
 * distance / 17 sequences further (every record takes at least 17 bytes).
 */
function validRecordAfter(data: Buffer, from: number, afterSeq: number, distance: number): number | undefined {
  for (let at = from; at + RECORD_HEADER_BYTES <= data.length; at++) {
    const maxSeq = afterSeq + 1 + Math.floor((distance + at - from) / RECORD_HEADER_BYTES);
    if (isPlausibleRecord(data, at, data.length, afterSeq, maxSeq)) return data.readUInt32LE(at + 8) + data.readUInt32LE(at + 12) * 4294967296;
  }
  return undefined;
}

/**
 * Verifies the journal in `dir` and leaves it ready to append to: every record of every segment is
 * checked (length bounds, CRC, contiguous sequence, across segments too). A torn or corrupt TAIL (no
 * intact record anywhere after the damage) is cut off and reported: those bytes were a write the crash
 * interrupted. Damage followed by intact records is not a torn write; it is reported as an error (or,
 * with policy 'quarantine', the rest is moved aside and reported), never skipped over.
 * Throws only on I/O failure (the directory cannot be read or written).
 */
export function recoverJournal(dir: string, policy: MidCorruptionPolicy = 'fail'): RecoveryResult {
  const listing = listJournalDir(dir);
  for (const tmp of listing.temporaries) fs.rmSync(tmp, { force: true });
  const choice = chooseLatestSnapshot(listing.snapshots);
  if (listing.temporaries.length > 0 || choice.corrupt.length > 0) fsyncDirectory(dir);
  const snapshot = choice.latest;
  const baseSeq = snapshot?.seq ?? 0;
  const recovery: Recovery = {
    segments: [],
    lastSeq: baseSeq,
    records: 0,
    verifiedFrom: 1,
    corruptSnapshots: choice.corrupt,
    removedTemporaries: listing.temporaries,
  };
  if (snapshot) recovery.snapshot = snapshot;

  const segments = listing.segments;
  if (segments.length === 0) return { ok: true, value: recovery };
  if (segments[0]!.seq > baseSeq + 1) {
    const what = snapshot ? `the latest snapshot covers up to ${baseSeq}` : 'there is no snapshot';
    return gap(`journal starts at record ${segments[0]!.seq} but ${what}: records ${baseSeq + 1}..${segments[0]!.seq - 1} are missing`);
  }

  const chunk = new ChunkedFile();
  for (let i = 0; i < segments.length; i++) {
    const named = segments[i]!;
    const previous = recovery.segments[recovery.segments.length - 1];
    if (previous && named.seq !== previous.lastSeq + 1) {
      return gap(`${path.basename(named.file)} starts at ${named.seq} but the previous segment ends at ${previous.lastSeq}`);
    }
    const next = segments[i + 1];
    if (next && next.seq <= baseSeq + 1) {
      // History: every record is covered by the snapshot, and the segment was fsynced before the
      // next one started, so it cannot hold a torn write. A normal start never reads it; a rebuild
      // from record 1 verifies each record as it replays.
      const problem = historyHeaderProblem(named);
      if (problem) return { ok: false, error: { code: 'JOURNAL_CORRUPT', message: `${path.basename(named.file)}: ${problem}` } };
      recovery.segments.push({ firstSeq: named.seq, file: named.file, size: fs.statSync(named.file).size, lastSeq: next.seq - 1 });
      recovery.verifiedFrom = next.seq;
      continue;
    }
    const scan = scanSegment(chunk, named);
    if ('code' in scan) return { ok: false, error: scan };
    recovery.records += scan.records;
    if (!scan.fault) {
      recovery.segments.push({ firstSeq: named.seq, file: named.file, size: scan.end, lastSeq: scan.lastSeq });
      recovery.lastSeq = Math.max(recovery.lastSeq, scan.lastSeq);
      continue;
    }

    // Damage: now the whole file, to look for intact records past it (and to quarantine them).
    const data = fs.readFileSync(named.file);

    const damage: Damage = { file: named.file, offset: scan.fault.offset, reason: scan.fault.reason, lastGoodSeq: scan.lastSeq };
    const later = segments.slice(i + 1);
    const nextValidSeq = findValidAfter(data, damage, later);
    if (nextValidSeq !== undefined) {
      if (policy === 'fail') {
        return {
          ok: false,
          error: {
            code: 'JOURNAL_CORRUPT',
            message:
              `${path.basename(named.file)} is damaged at byte ${damage.offset} (${describeDamage(damage.reason)}) after record ` +
              `${damage.lastGoodSeq}, and intact records follow (from ${nextValidSeq}): not a torn tail, refusing to drop them`,
            damage: { ...damage, nextValidSeq },
          },
        };
      }
      recovery.quarantined = { ...damage, files: quarantine(dir, data, damage, later) };
    } else {
      recovery.truncated = { ...damage, bytes: data.length - damage.offset, removedFiles: later.map((s) => s.file) };
      for (const s of later) {
        recovery.truncated.bytes += fs.statSync(s.file).size;
        fs.rmSync(s.file);
      }
    }
    cutSegment(named.file, damage.offset);
    if (damage.offset > 0) {
      recovery.segments.push({ firstSeq: named.seq, file: named.file, size: damage.offset, lastSeq: scan.lastSeq });
    }
    recovery.lastSeq = Math.max(recovery.lastSeq, scan.lastSeq);
    fsyncDirectory(dir);
    break;
  }

  if (recovery.lastSeq > lastJournalSeq(recovery.segments, baseSeq)) {
    // Cannot happen through this module (a snapshot first makes the journal durable up to its seq).
    return gap(`the snapshot covers up to ${baseSeq} but the journal ends at ${lastJournalSeq(recovery.segments, baseSeq)}`);
  }
  return { ok: true, value: recovery };
}

/** Why a history segment's header cannot be trusted, if it cannot. */
function historyHeaderProblem(named: NamedFile): string | undefined {
  const header = Buffer.alloc(SEGMENT_HEADER_BYTES);
  const fd = fs.openSync(named.file, 'r');
  try {
    const read = fs.readSync(fd, header, 0, SEGMENT_HEADER_BYTES, 0);
    const check = checkSegmentHeader(header.subarray(0, read), named.seq);
    return check.ok ? undefined : check.reason;
  } finally {
    fs.closeSync(fd);
  }
}

const lastJournalSeq = (segments: SegmentState[], baseSeq: number): number =>
  segments.length === 0 ? baseSeq : segments[segments.length - 1]!.lastSeq;

const gap = (message: string): RecoveryResult => ({ ok: false, error: { code: 'JOURNAL_GAP', message } });

function findValidAfter(data: Buffer, damage: Damage, later: readonly NamedFile[]): number | undefined {
  const here = validRecordAfter(data, damage.offset + 1, damage.lastGoodSeq, 1);
  if (here !== undefined) return here;
  let distance = data.length - damage.offset;
  for (const s of later) {
    const bytes = fs.readFileSync(s.file);
    const found = validRecordAfter(bytes, 0, damage.lastGoodSeq, distance);
    if (found !== undefined) return found;
    distance += bytes.length;
  }
  return undefined;
}

/** Truncates at `offset` (removing the file when not even its header survives) and makes that durable. */
function cutSegment(file: string, offset: number): void {
  if (offset === 0) {
    fs.rmSync(file);
    return;
  }
  const fd = fs.openSync(file, 'r+');
  try {
    fs.ftruncateSync(fd, offset);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function quarantine(dir: string, data: Buffer, damage: Damage, later: readonly NamedFile[]): string[] {
  const target = path.join(dir, 'quarantine');
  fs.mkdirSync(target, { recursive: true });
  const files: string[] = [];
  const cut = path.join(target, `${path.basename(damage.file)}.from-${damage.offset}`);
  fs.writeFileSync(cut, data.subarray(damage.offset));
  files.push(cut);
  for (const s of later) {
    const moved = path.join(target, path.basename(s.file));
    fs.renameSync(s.file, moved);
    files.push(moved);
  }
  fsyncDirectory(target);
  return files;
}
