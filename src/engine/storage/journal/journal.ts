import fs from 'node:fs';
import path from 'node:path';
import type { Clock } from '../../core';
import { DEFAULT_FSYNC_POLICY, type FsyncPolicy } from './fsyncPolicy';
import { JournalWriter, type JournalWriterStats, type SegmentRef } from './journalWriter';
import { recoverJournal, type JournalOpenError, type MidCorruptionPolicy, type Recovery } from './recovery';
import { replaySegments, type RecordVisitor } from './replay';
import { fsyncDirectory, JOURNAL_DIR, listJournalDir } from './segmentFiles';
import { writeSnapshotFile, type Snapshot } from './snapshots';

export interface JournalOptions {
  clock: Clock;
  /** Default { mode: 'always' }: nothing is acknowledged before it is on the disk. */
  fsync?: FsyncPolicy;
  /** Default 64 MiB. */
  segmentBytes?: number;
  /** Group buffer, default 1 MiB. */
  bufferBytes?: number;
  /** Snapshots kept, default 2: the older one is the fallback if the newest turns out unreadable. */
  keepSnapshots?: number;
  /**
   * Default false: every segment is kept, so the whole history can be replayed from record 1 (what
   * rebuilds a lost or rolled-back SQLite projection, fills older than any snapshot included). True:
   * a segment is removed once the OLDEST kept snapshot covers it (bounded disk, no such rebuild).
   */
  pruneSegments?: boolean;
  /** Default 'fail'. See MidCorruptionPolicy. */
  onMidCorruption?: MidCorruptionPolicy;
}

export interface ReplayOptions {
  /** First sequence to visit; default the first after the latest snapshot. */
  fromSeq?: number;
  /** Recompute every record's CRC again (default false: open already verified it). */
  verifyCrc?: boolean;
}

export interface SnapshotWritten {
  file: string;
  removedSegments: string[];
  removedSnapshots: string[];
}

export interface JournalStats extends JournalWriterStats {
  segments: number;
}

export type OpenJournalResult = { ok: true; value: { journal: Journal; recovery: Recovery } } | { ok: false; error: JournalOpenError };

const MIB = 1024 * 1024;

/**
 * Opens (creating if needed) the journal in `<dataDir>/journal`, verifying and repairing it first
 * (see recoverJournal). Corruption that is not a torn tail comes back as an error value; the engine
 * must not start on it. Throws only when the directory cannot be used at all.
 *
 * Restart = the recovery's snapshot (if any) + journal.replay(snapshot.seq + 1, ...), then appends
 * continue after the last intact record.
 */
export function openJournal(dataDir: string, options: JournalOptions): OpenJournalResult {
  const dir = path.join(dataDir, JOURNAL_DIR);
  if (!fs.existsSync(dir)) {
    fs.mkdirSync(dir, { recursive: true });
    // The new directory's own entry must survive a power cut too, or every segment in it could vanish.
    fsyncDirectory(dataDir);
  }
  const recovered = recoverJournal(dir, options.onMidCorruption ?? 'fail');
  if (!recovered.ok) return recovered;
  const recovery = recovered.value;
  const journal = new Journal(dir, options, recovery);
  return { ok: true, value: { journal, recovery } };
}

/**
 * The engine's write-ahead journal: append, commit (group commit + the fsync policy), replay,
 * snapshots. Sequences start at 1 and are contiguous forever (across segments and snapshots).
 */
export class Journal {
  readonly dir: string;
  readonly policy: FsyncPolicy;
  private readonly writer: JournalWriter;
  private readonly segments: SegmentRef[];
  private readonly keepSnapshots: number;
  private readonly pruneSegments: boolean;
  /** Records before this were not CRC-verified at open (history): replay verifies them. */
  private readonly verifiedFrom: number;
  private snapshot: Snapshot | undefined;

  constructor(dir: string, options: JournalOptions, recovery: Recovery) {
    this.dir = dir;
    this.policy = options.fsync ?? DEFAULT_FSYNC_POLICY;
    if (this.policy.mode === 'interval' && !(this.policy.ms > 0)) throw new RangeError('fsync interval must be > 0 ms');
    this.keepSnapshots = Math.max(1, options.keepSnapshots ?? 2);
    this.pruneSegments = options.pruneSegments ?? false;
    this.verifiedFrom = recovery.verifiedFrom;
    const segmentBytes = options.segmentBytes ?? 64 * MIB;
    if (segmentBytes > 1024 * MIB) throw new RangeError('segmentBytes above 1 GiB: segments are read whole on replay');
    this.segments = recovery.segments.map(({ firstSeq, file }) => ({ firstSeq, file }));
    this.snapshot = recovery.snapshot;
    const last = recovery.segments[recovery.segments.length - 1];
    this.writer = new JournalWriter({
      dir,
      clock: options.clock,
      fsync: this.policy,
      segmentBytes,
      bufferBytes: options.bufferBytes ?? MIB,
      nextSeq: recovery.lastSeq + 1,
      ...(last && last.lastSeq === recovery.lastSeq ? { tail: last } : {}),
      onSegment: (segment) => this.segments.push(segment),
    });
  }

  /** The first record the journal holds (1 unless segments were pruned); lastSeq + 1 when it holds none. */
  get firstSeq(): number {
    return this.segments[0]?.firstSeq ?? this.writer.lastSeq + 1;
  }

  /** Last sequence appended (0 when the journal has never held a record). */
  get lastSeq(): number {
    return this.writer.lastSeq;
  }

  /** See JournalWriter.append: returns the record's sequence; durable only after commit(). */
  append(type: number, payload: Uint8Array): number {
    return this.writer.append(type, payload);
  }

  /** Resolves once everything appended so far is as durable as the policy promises. */
  commit(): Promise<number> {
    return this.writer.commit();
  }

  /** commit() on this thread (blocks for the fsync under 'always'). */
  commitSync(): number {
    return this.writer.commitSync();
  }

  /** append + commit: resolves with the record's sequence once it is durable per the policy. */
  appendDurable(type: number, payload: Uint8Array): Promise<number> {
    const seq = this.writer.append(type, payload);
    return this.writer.commit().then(() => seq);
  }

  /** Resolves once everything appended so far is fsynced, whatever the policy. */
  sync(): Promise<number> {
    return this.writer.sync();
  }

  /**
   * Visits records in sequence order, from `fromSeq` (default: the first after the latest snapshot)
   * to the last appended; returns how many. Records still in the group buffer are written to the OS
   * first so they are included. The CRC was verified at open (or the record was written by this
   * process), so by default only the framing is re-checked; `verifyCrc` recomputes it too. History
   * segments (wholly covered by the snapshot, not verified at open) are always CRC-checked.
   */
  replay(visit: RecordVisitor, options: ReplayOptions = {}): number {
    this.writer.flushToOs();
    const fromSeq = options.fromSeq ?? (this.snapshot?.seq ?? 0) + 1;
    const verifyCrc = options.verifyCrc ?? fromSeq < this.verifiedFrom;
    return replaySegments(this.segments, fromSeq, this.writer.lastSeq, visit, verifyCrc);
  }

  /** The newest snapshot (verified at open, or written since). Its bytes are the caller's state at `seq`. */
  latestSnapshot(): Snapshot | undefined {
    return this.snapshot;
  }

  /**
   * Stores `bytes` as the state after applying every record up to `seq`, atomically, then prunes
   * snapshots beyond `keepSnapshots` (and, with `pruneSegments`, the segments no kept snapshot needs). Everything appended up
   * to now is fsynced first, whatever the policy: a snapshot must never be newer than the durable
   * journal, or a restart would number new records below it.
   */
  writeSnapshot(seq: number, bytes: Uint8Array): SnapshotWritten {
    if (!Number.isInteger(seq) || seq < 1 || seq > this.writer.lastSeq) {
      throw new RangeError(`snapshot seq ${seq} is outside the journal (1..${this.writer.lastSeq})`);
    }
    this.writer.syncSync();
    const file = writeSnapshotFile(this.dir, seq, bytes);
    this.snapshot = { seq, file, bytes: Buffer.from(bytes) };
    return { file, ...this.prune() };
  }

  stats(): JournalStats {
    return { ...this.writer.stats(), segments: this.segments.length };
  }

  /** Set once a write or fsync failed: the engine must stop acting on new records. */
  get failed(): Error | undefined {
    return this.writer.failed;
  }

  close(): Promise<void> {
    return this.writer.close();
  }

  private prune(): Omit<SnapshotWritten, 'file'> {
    const snapshots = listJournalDir(this.dir).snapshots;
    const removedSnapshots = snapshots.slice(0, Math.max(0, snapshots.length - this.keepSnapshots)).map((s) => s.file);
    // With fewer snapshots than we keep, the last fallback is a replay from record 1: keep everything.
    const oldestKept = snapshots.length >= this.keepSnapshots ? snapshots[snapshots.length - this.keepSnapshots]!.seq : 0;
    const removedSegments: string[] = [];
    // A segment can go once the next one starts at or below oldestKept + 1: all its records are
    // covered. The last (active) segment always stays.
    while (this.pruneSegments && this.segments.length > 1 && this.segments[1]!.firstSeq <= oldestKept + 1) {
      removedSegments.push(this.segments.shift()!.file);
    }
    for (const file of [...removedSnapshots, ...removedSegments]) fs.rmSync(file, { force: true });
    if (removedSnapshots.length + removedSegments.length > 0) fsyncDirectory(this.dir);
    return { removedSegments, removedSnapshots };
  }
}
