import fs from 'node:fs';
import path from 'node:path';
import type { Clock, TimerId } from '../../core';
import { MAX_PAYLOAD_BYTES, readU32, RECORD_HEADER_BYTES, SEGMENT_HEADER_BYTES, sealRecord, segmentHeader } from './format';
import type { FsyncPolicy } from './fsyncPolicy';
import { fsyncDirectory, segmentName } from './segmentFiles';

/** The journal can no longer promise durability (a write or fsync failed, or it was closed). */
export class JournalFailedError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'JournalFailedError';
  }
}

export interface SegmentRef {
  firstSeq: number;
  file: string;
}

export interface JournalWriterOptions {
  dir: string;
  clock: Clock;
  fsync: FsyncPolicy;
  /** A segment is closed and a new one started before it would grow past this many bytes. */
  segmentBytes: number;
  /** Size of the preallocated group buffer; a group bigger than this is written in several calls. */
  bufferBytes: number;
  /** Sequence of the first record this writer will append. */
  nextSeq: number;
  /** The segment to continue appending to (recovery's last one), with its current size. */
  tail?: SegmentRef & { size: number };
  /** Called with each segment this writer creates. */
  onSegment?: (segment: SegmentRef) => void;
}

export interface JournalWriterStats {
  /** Last sequence appended (0 when none). */
  appendedSeq: number;
  /** Last sequence handed to the operating system (survives a process crash). */
  writtenSeq: number;
  /** Last sequence fsynced (survives a power cut). */
  syncedSeq: number;
  writeCalls: number;
  fsyncCalls: number;
  bytesWritten: number;
  /** An fsync is running on the thread pool right now. */
  syncing: boolean;
}

interface Waiter {
  seq: number;
  resolve: (seq: number) => void;
  reject: (error: Error) => void;
}

/**
 * Appends records to segment files with group commit.
 *
 * append() only encodes into a preallocated buffer. The buffer goes to the OS in one write per group:
 * at the end of the current synchronous run of code (a microtask; no timer, so nothing depends on
 * time), when commit() asks, or when it fills up. What a commit then waits for depends on the policy:
 * see FsyncPolicy. The fsync itself runs on libuv's thread pool so the engine keeps working while the
 * disk flushes, and everything appended meanwhile rides on the next fsync.
 */
export class JournalWriter {
  private readonly dir: string;
  private readonly clock: Clock;
  private readonly policy: FsyncPolicy;
  private readonly segmentBytes: number;
  private readonly onSegment: ((segment: SegmentRef) => void) | undefined;

  private buf: Buffer;
  private used = 0;
  /** Sequence of the first record in `buf`. */
  private bufFirstSeq: number;
  private nextSeq: number;
  private writtenSeq: number;
  private syncedSeq: number;

  private fd: number | undefined;
  private segmentSize = 0;

  private flushQueued = false;
  private syncRunning = false;
  /** Another fsync is wanted as soon as the running one ends. */
  private syncAgain = false;
  /** File descriptors of closed segments, closed once the fsync running on them ends. */
  private retired: number[] = [];
  /** Under 'none': closed segments not fsynced yet, and whether a new directory entry is unsynced. */
  private unsyncedOld: number[] = [];
  private directoryDirty = false;
  /** Resolved when the running fsync ends (close waits on it). */
  private idleWaiters: (() => void)[] = [];
  private lastSyncStart = 0;
  private timer: TimerId | undefined;

  /** Waiting for the policy's acknowledgement level; and waiting for an fsync. Both in sequence order. */
  private ackWaiters: Waiter[] = [];
  private syncWaiters: Waiter[] = [];
  private failure: JournalFailedError | undefined;
  private closing = false;

  private writeCalls = 0;
  private fsyncCalls = 0;
  private bytesWritten = 0;

  constructor(options: JournalWriterOptions) {
    this.dir = options.dir;
    this.clock = options.clock;
    this.policy = options.fsync;
    this.segmentBytes = options.segmentBytes;
    this.onSegment = options.onSegment;
    this.buf = Buffer.allocUnsafe(options.bufferBytes);
    this.nextSeq = options.nextSeq;
    this.bufFirstSeq = options.nextSeq;
    this.writtenSeq = options.nextSeq - 1;
    // What recovery found is on the disk already (it was read back from there).
    this.syncedSeq = options.nextSeq - 1;
    if (options.tail && options.tail.size < this.segmentBytes) {
      this.fd = fs.openSync(options.tail.file, 'r+');
      this.segmentSize = options.tail.size;
    }
  }

  /** Last sequence appended (0 when none). */
  get lastSeq(): number {
    return this.nextSeq - 1;
  }

  /**
   * Appends one record and returns its sequence. Nothing is durable yet: call commit() (or
   * commitSync()) and act on the record only after it resolves. `payload` is copied; reuse it freely.
   * Throws JournalFailedError once the journal has failed or is closing.
   */
  append(type: number, payload: Uint8Array): number {
    if (this.failure) throw this.failure;
    if (this.closing) throw new JournalFailedError('journal is closed');
    if (!Number.isInteger(type) || type < 1 || type > 255) throw new RangeError(`record type must be 1..255, got ${type}`);
    const length = payload.length;
    if (length > MAX_PAYLOAD_BYTES) throw new RangeError(`record payload of ${length} bytes exceeds ${MAX_PAYLOAD_BYTES}`);
    const size = RECORD_HEADER_BYTES + length;
    if (this.used + size > this.buf.length) {
      this.guard(() => this.writeBuffered());
      if (this.failure) throw this.failure;
      if (size > this.buf.length) this.buf = Buffer.allocUnsafe(size);
    }
    if (this.used === 0) this.bufFirstSeq = this.nextSeq;
    const seq = this.nextSeq++;
    this.buf.set(payload, this.used + RECORD_HEADER_BYTES);
    this.used = sealRecord(this.buf, this.used, seq, type, length);
    if (!this.flushQueued) {
      this.flushQueued = true;
      queueMicrotask(this.flushFromQueue);
    }
    if (this.policy.mode === 'interval' && this.timer === undefined && !this.syncRunning) this.armTimer(this.policy.ms);
    return seq;
  }

  /**
   * Resolves with the last sequence appended before the call once every record up to it is as durable
   * as the policy promises ('always': fsynced; otherwise written to the OS). Rejects with
   * JournalFailedError if a write or fsync fails: the engine must then stop acting on new records.
   */
  commit(): Promise<number> {
    return this.waitFor(this.ackWaiters, this.policy.mode === 'always');
  }

  /** Like commit() but always waits for an fsync, whatever the policy. */
  sync(): Promise<number> {
    return this.waitFor(this.syncWaiters, true);
  }

  /**
   * commit() without leaving the current call: writes the group and, under 'always', fsyncs it on
   * this thread (blocking the event loop for the disk's flush time). Returns the sequence covered.
   */
  commitSync(): number {
    this.assertUsable();
    this.guard(() => {
      this.writeBuffered();
      if (this.policy.mode === 'always') this.syncNow();
    });
    if (this.failure) throw this.failure;
    this.settle();
    return this.writtenSeq;
  }

  /** Writes and fsyncs everything appended so far on this thread, whatever the policy. */
  syncSync(): number {
    this.assertUsable();
    this.guard(() => {
      this.writeBuffered();
      this.syncNow();
    });
    if (this.failure) throw this.failure;
    this.settle();
    return this.syncedSeq;
  }

  /** Writes (not fsyncs) the buffered group now, so that readers of the files see every record. */
  flushToOs(): void {
    this.assertUsable();
    this.guard(() => this.writeBuffered());
    if (this.failure) throw this.failure;
    this.settle();
  }

  stats(): JournalWriterStats {
    return {
      appendedSeq: this.nextSeq - 1,
      writtenSeq: this.writtenSeq,
      syncedSeq: this.syncedSeq,
      writeCalls: this.writeCalls,
      fsyncCalls: this.fsyncCalls,
      bytesWritten: this.bytesWritten,
      syncing: this.syncRunning,
    };
  }

  /** The error that stopped the journal, if any. */
  get failed(): JournalFailedError | undefined {
    return this.failure;
  }

  /**
   * Writes what is buffered, fsyncs it (except under 'none') and closes the files. Appending after
   * close() throws; waiting commits resolve or reject first.
   */
  async close(): Promise<void> {
    if (this.closing) return;
    if (!this.failure) {
      this.guard(() => {
        this.writeBuffered();
        if (this.policy.mode !== 'none') this.syncNow();
      });
      this.settle();
    }
    this.closing = true;
    if (this.timer !== undefined) this.clock.clearTimer(this.timer);
    this.timer = undefined;
    while (this.syncRunning) await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
    this.rejectAll(this.failure ?? new JournalFailedError('journal closed'));
    for (const fd of [...this.retired.splice(0), ...this.unsyncedOld.splice(0)]) fs.closeSync(fd);
    if (this.fd !== undefined) fs.closeSync(this.fd);
    this.fd = undefined;
  }

  // --- internals ------------------------------------------------------------------------------

  private readonly flushFromQueue = (): void => {
    this.flushQueued = false;
    if (this.failure || this.closing) return;
    this.pump(this.policy.mode === 'always');
  };

  private waitFor(queue: Waiter[], needsSync: boolean): Promise<number> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.closing) return Promise.reject(new JournalFailedError('journal is closed'));
    const seq = this.nextSeq - 1;
    const covered = needsSync ? this.syncedSeq : this.writtenSeq;
    if (seq <= covered) return Promise.resolve(seq);
    const promise = new Promise<number>((resolve, reject) => queue.push({ seq, resolve, reject }));
    this.pump(needsSync);
    return promise;
  }

  /** Writes the group to the OS and, when asked, starts (or queues) an fsync covering it. */
  private pump(wantSync: boolean): void {
    this.guard(() => {
      this.writeBuffered();
      if (wantSync && this.syncedSeq < this.writtenSeq) this.startSync();
    });
    if (this.failure) return;
    this.settle();
  }

  private startSync(): void {
    if (this.syncRunning) {
      this.syncAgain = true;
      return;
    }
    const fd = this.fd;
    if (fd === undefined) return;
    // Rare ('none' plus an explicit sync after a rotation): the older files first, on this thread.
    if (this.unsyncedOld.length > 0 || this.directoryDirty) this.syncOlderFiles();
    this.syncRunning = true;
    this.syncAgain = false;
    this.lastSyncStart = this.clock.now();
    const target = this.writtenSeq;
    this.fsyncCalls++;
    fs.fdatasync(fd, (error) => {
      this.syncRunning = false;
      for (const idle of this.idleWaiters.splice(0)) idle();
      if (error) {
        this.fail(error);
        return;
      }
      this.guard(() => {
        for (const old of this.retired.splice(0)) fs.closeSync(old);
      });
      this.syncedSeq = Math.max(this.syncedSeq, target);
      this.settle();
      if (this.closing || this.failure) return;
      if (this.syncAgain || (this.syncWaiters.length > 0 && this.syncedSeq < this.nextSeq - 1)) {
        this.pump(true);
      } else if (this.policy.mode === 'interval' && this.syncedSeq < this.nextSeq - 1 && this.timer === undefined) {
        this.armTimer(Math.max(0, this.lastSyncStart + this.policy.ms - this.clock.now()));
      }
    });
  }

  private armTimer(delay: number): void {
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      if (this.failure || this.closing) return;
      this.pump(true);
    }, delay);
  }

  /** fsync on this thread; covers everything written so far. */
  private syncNow(): void {
    if (this.fd === undefined) return;
    this.syncOlderFiles();
    this.fsyncCalls++;
    fs.fdatasyncSync(this.fd);
    this.syncedSeq = this.writtenSeq;
  }

  /** Segments that 'none' rotated away from without an fsync, and their directory entries. */
  private syncOlderFiles(): void {
    for (const fd of this.unsyncedOld.splice(0)) {
      this.fsyncCalls++;
      fs.fdatasyncSync(fd);
      fs.closeSync(fd);
    }
    if (this.directoryDirty) {
      fsyncDirectory(this.dir);
      this.directoryDirty = false;
    }
  }

  /** Resolves every waiter whose records are now covered. */
  private settle(): void {
    const acked = this.policy.mode === 'always' ? this.syncedSeq : this.writtenSeq;
    release(this.ackWaiters, acked);
    release(this.syncWaiters, this.syncedSeq);
  }

  /**
   * Hands the buffered records to the OS, starting new segments where one would outgrow segmentBytes.
   * Splits only at record boundaries, so every segment holds whole records and a reader can verify
   * each segment on its own.
   */
  private writeBuffered(): void {
    let start = 0;
    let seq = this.bufFirstSeq;
    while (start < this.used) {
      if (this.fd === undefined) this.startSegment(seq);
      const room = this.segmentBytes - this.segmentSize;
      let end = start;
      let count = 0;
      if (this.used - start <= room) {
        end = this.used;
        count = this.nextSeq - seq;
      } else {
        // Whole records that fit; a fresh segment always takes at least one (an oversized record).
        while (end < this.used) {
          const size = RECORD_HEADER_BYTES + readU32(this.buf, end + 4);
          if (end - start + size > room && !(count === 0 && this.segmentSize === SEGMENT_HEADER_BYTES)) break;
          end += size;
          count++;
        }
      }
      if (end > start) {
        this.writeAll(this.buf, start, end, this.segmentSize);
        this.segmentSize += end - start;
        seq += count;
        this.writtenSeq = seq - 1;
        start = end;
      }
      if (start < this.used) this.rotate(seq);
    }
    this.used = 0;
    this.bufFirstSeq = this.nextSeq;
  }

  private writeAll(data: Buffer, from: number, to: number, position: number): void {
    let offset = from;
    while (offset < to) {
      const n = fs.writeSync(this.fd!, data, offset, to - offset, position + (offset - from));
      this.writeCalls++;
      offset += n;
    }
    this.bytesWritten += to - from;
  }

  /**
   * Seals the current segment and opens the next. Under any policy but 'none' the old segment is
   * fsynced first, so a later segment never survives a power cut that an earlier one's tail did not.
   * Under 'none' it stays open, unsynced, until an explicit sync covers it.
   */
  private rotate(firstSeq: number): void {
    const old = this.fd!;
    if (this.policy.mode === 'none') {
      this.unsyncedOld.push(old);
    } else {
      this.syncNow();
      // A running fsync still uses the old descriptor: close it when that one ends.
      if (this.syncRunning) this.retired.push(old);
      else fs.closeSync(old);
    }
    this.fd = undefined;
    this.startSegment(firstSeq);
  }

  private startSegment(firstSeq: number): void {
    const file = path.join(this.dir, segmentName(firstSeq));
    // 'wx': never reuse an existing file; a leftover with this name means recovery was skipped.
    this.fd = fs.openSync(file, 'wx');
    this.segmentSize = 0;
    this.writeAll(segmentHeader(firstSeq), 0, SEGMENT_HEADER_BYTES, 0);
    this.segmentSize = SEGMENT_HEADER_BYTES;
    if (this.policy.mode !== 'none') {
      fs.fdatasyncSync(this.fd);
      this.fsyncCalls++;
      // The file's directory entry must be durable before any record in it is acknowledged.
      fsyncDirectory(this.dir);
    } else {
      this.directoryDirty = true;
    }
    this.onSegment?.({ firstSeq, file });
  }

  private guard(step: () => void): void {
    if (this.failure) return;
    try {
      step();
    } catch (error) {
      this.fail(error);
    }
  }

  private fail(error: unknown): void {
    if (!this.failure) {
      // After a failed write or fsync the file's state is unknown (the kernel may have dropped the
      // dirty pages), so nothing after it can be promised: the journal stops for good.
      this.failure = new JournalFailedError(`journal write failed: ${String(error)}`, { cause: error });
      if (this.timer !== undefined) this.clock.clearTimer(this.timer);
      this.timer = undefined;
    }
    this.rejectAll(this.failure);
  }

  private rejectAll(error: Error): void {
    for (const w of this.ackWaiters.splice(0)) w.reject(error);
    for (const w of this.syncWaiters.splice(0)) w.reject(error);
  }

  private assertUsable(): void {
    if (this.failure) throw this.failure;
    if (this.closing) throw new JournalFailedError('journal is closed');
  }
}

function release(waiters: Waiter[], upTo: number): void {
  let n = 0;
  while (n < waiters.length && waiters[n]!.seq <= upTo) n++;
  if (n === 0) return;
  for (const w of waiters.splice(0, n)) w.resolve(w.seq);
}
