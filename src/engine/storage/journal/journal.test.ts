import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Rng, SimulatedClock } from '../../core';
import { openJournal } from './journal';
import { JournalFailedError } from './journalWriter';
import { flipBit, journalDirOf, openOk, recordEnds, removeTempDirs, replayAll, segmentFiles, tempDataDir } from './testSupport';

afterEach(removeTempDirs);

const payloadOf = (seq: number, size = 20): Buffer => Buffer.alloc(size, `event ${seq};`);

describe('journal: append and replay', () => {
  it('numbers records from 1 and gives back exactly what was appended, across a reopen', async () => {
    const dataDir = tempDataDir();
    const { journal, recovery } = openOk(dataDir);
    expect(recovery).toMatchObject({ lastSeq: 0, records: 0, segments: [] });
    expect(journal.append(7, payloadOf(1))).toBe(1);
    expect(journal.append(8, Buffer.alloc(0))).toBe(2);
    expect(journal.append(255, payloadOf(3, 500))).toBe(3);
    expect(await journal.commit()).toBe(3);
    await journal.close();

    const reopened = openOk(dataDir);
    expect(reopened.recovery).toMatchObject({ lastSeq: 3, records: 3 });
    expect(reopened.recovery.truncated).toBeUndefined();
    expect(replayAll(reopened.journal)).toEqual([
      { seq: 1, type: 7, payload: [...payloadOf(1)] },
      { seq: 2, type: 8, payload: [] },
      { seq: 3, type: 255, payload: [...payloadOf(3, 500)] },
    ]);
    // Appending continues the sequence in the same segment.
    expect(reopened.journal.append(1, payloadOf(4))).toBe(4);
    await reopened.journal.close();
    expect(segmentFiles(dataDir)).toHaveLength(1);
    expect(replayAll(openOk(dataDir).journal).map((r) => r.seq)).toEqual([1, 2, 3, 4]);
  });

  it('copies the payload at append, so the caller may reuse its buffer at once', async () => {
    const { journal } = openOk(tempDataDir());
    const scratch = Buffer.from('first');
    journal.append(1, scratch);
    scratch.write('XXXXX');
    journal.append(1, scratch);
    expect(replayAll(journal).map((r) => Buffer.from(r.payload).toString())).toEqual(['first', 'XXXXX']);
    await journal.close();
  });

  it('replays from a given sequence, including records not yet committed', async () => {
    const { journal } = openOk(tempDataDir(), { segmentBytes: 200 });
    for (let seq = 1; seq <= 30; seq++) journal.append(1, payloadOf(seq));
    expect(replayAll(journal, 17).map((r) => r.seq)).toEqual(Array.from({ length: 14 }, (_, i) => 17 + i));
    await journal.close();
  });

  it('keeps the write-ahead promise order: commit resolves with the last sequence appended before it', async () => {
    const { journal } = openOk(tempDataDir());
    journal.append(1, payloadOf(1));
    const first = journal.commit();
    journal.append(1, payloadOf(2));
    const second = journal.appendDurable(1, payloadOf(3));
    expect(await first).toBe(1);
    expect(await second).toBe(3);
    await journal.close();
  });

  it('throws when the files were damaged under the running journal (never hands out a bad record)', async () => {
    const dataDir = tempDataDir();
    const { journal } = openOk(dataDir);
    for (let seq = 1; seq <= 3; seq++) journal.append(1, payloadOf(seq));
    await journal.commit();
    const file = segmentFiles(dataDir)[0]!;
    const [, second] = recordEnds(file);
    flipBit(file, second! - 1, 0); // last payload byte of record 2
    expect(() => journal.replay(() => {}, { verifyCrc: true })).toThrow(/damaged at byte 53 \(CRC mismatch\)/);
    fs.truncateSync(file, second! + 5); // record 3 cut inside its header
    expect(() => journal.replay(() => {})).toThrow(/ends inside a record header/);
    await journal.close();
  });

  it('refuses a type outside 1..255 (type 0 marks unwritten bytes on disk)', async () => {
    const { journal } = openOk(tempDataDir());
    expect(() => journal.append(0, payloadOf(1))).toThrow(RangeError);
    expect(() => journal.append(256, payloadOf(1))).toThrow(RangeError);
    await journal.close();
  });

  it('after close, append throws and commit rejects: nothing is silently dropped', async () => {
    const { journal } = openOk(tempDataDir());
    journal.append(1, payloadOf(1));
    await journal.close();
    expect(() => journal.append(1, payloadOf(2))).toThrow(JournalFailedError);
    await expect(journal.commit()).rejects.toThrow(JournalFailedError);
  });

  it('takes a record larger than the group buffer and the segment size', async () => {
    const dataDir = tempDataDir();
    const { journal } = openOk(dataDir, { bufferBytes: 64, segmentBytes: 256 });
    journal.append(1, payloadOf(1));
    journal.append(2, payloadOf(2, 5000));
    journal.append(3, payloadOf(3));
    await journal.close();
    expect(replayAll(openOk(dataDir).journal).map((r) => [r.seq, r.payload.length])).toEqual([
      [1, 20],
      [2, 5000],
      [3, 20],
    ]);
  });
});

describe('journal: when the disk fails', () => {
  it('stops for good: waiting commits reject, later appends and commits throw', async () => {
    const dataDir = tempDataDir();
    const { journal } = openOk(dataDir, { fsync: { mode: 'always' } });
    // Something already occupies the first segment's name: creating it fails like a full or broken disk would.
    fs.mkdirSync(path.join(journalDirOf(dataDir), 'journal-00000000000000000001.log'));
    journal.append(1, payloadOf(1));
    await expect(journal.commit()).rejects.toThrow(JournalFailedError);
    expect(journal.failed).toBeInstanceOf(JournalFailedError);
    expect(() => journal.append(1, payloadOf(2))).toThrow(JournalFailedError);
    expect(() => journal.commitSync()).toThrow(JournalFailedError);
    await expect(journal.sync()).rejects.toThrow(JournalFailedError);
    await journal.close();
  });
});

describe('journal: segments', () => {
  it('starts a new segment named after its first record before one would pass the size limit', async () => {
    const dataDir = tempDataDir();
    const { journal } = openOk(dataDir, { segmentBytes: 16 + 5 * 37 }); // header + 5 records of 17 + 20 bytes
    for (let seq = 1; seq <= 23; seq++) journal.append(1, payloadOf(seq));
    await journal.close();
    const files = segmentFiles(dataDir);
    expect(files.map((f) => path.basename(f))).toEqual([1, 6, 11, 16, 21].map((s) => `journal-${String(s).padStart(20, '0')}.log`));
    for (const f of files.slice(0, -1)) expect(fs.statSync(f).size).toBe(16 + 5 * 37);
    expect(recordEnds(files[4]!)).toHaveLength(3);

    const { journal: reopened, recovery } = openOk(dataDir, { segmentBytes: 16 + 5 * 37 });
    expect(recovery.segments.map((s) => [s.firstSeq, s.lastSeq])).toEqual([
      [1, 5],
      [6, 10],
      [11, 15],
      [16, 20],
      [21, 23],
    ]);
    expect(replayAll(reopened).map((r) => r.seq)).toEqual(Array.from({ length: 23 }, (_, i) => i + 1));
    // The last segment has room for two more before the next one starts.
    for (let seq = 24; seq <= 26; seq++) reopened.append(1, payloadOf(seq));
    await reopened.close();
    expect(segmentFiles(dataDir).map((f) => path.basename(f)).at(-1)).toBe(`journal-${String(26).padStart(20, '0')}.log`);
  });
});

describe('journal: segments bigger than the 4 MiB read chunk', () => {
  it('verifies, truncates and replays records that straddle chunk boundaries, and one bigger than a chunk', async () => {
    const dataDir = tempDataDir();
    const rng = new Rng(11);
    const sizes = Array.from({ length: 20_000 }, () => rng.int(0, 400));
    sizes.splice(12_000, 0, 5 * 1024 * 1024);
    const { journal } = openOk(dataDir);
    sizes.forEach((size, i) => journal.append(1 + (i % 255), Buffer.alloc(size, i % 251)));
    await journal.close();
    const file = segmentFiles(dataDir)[0]!;
    expect(fs.statSync(file).size).toBeGreaterThan(8 * 1024 * 1024);
    fs.truncateSync(file, fs.statSync(file).size - 1); // the last record loses its last byte

    const { journal: reopened, recovery } = openOk(dataDir);
    expect(recovery.lastSeq).toBe(sizes.length - 1);
    expect(recovery.truncated).toMatchObject({ reason: 'incomplete', lastGoodSeq: sizes.length - 1 });
    for (const verifyCrc of [false, true]) {
      let seen = 0;
      reopened.replay(
        (seq, type, payload) => {
          const i = seq - 1;
          if (type !== 1 + (i % 255) || payload.length !== sizes[i] || (payload.length > 0 && payload[payload.length - 1] !== i % 251)) {
            throw new Error(`record ${seq} came back wrong`);
          }
          seen++;
        },
        { verifyCrc },
      );
      expect(seen).toBe(sizes.length - 1);
    }
    await reopened.close();
  });
});

describe('journal: a long garbage tail', () => {
  it('is recognised as a tail (no intact record in it) and cut, megabytes of it', async () => {
    const dataDir = tempDataDir();
    const { journal } = openOk(dataDir);
    for (let seq = 1; seq <= 100; seq++) journal.append(1, payloadOf(seq));
    await journal.close();
    const file = segmentFiles(dataDir)[0]!;
    const rng = new Rng(5);
    const garbage = Buffer.alloc(2 * 1024 * 1024);
    for (let i = 0; i < garbage.length; i++) garbage[i] = rng.int(0, 255);
    fs.appendFileSync(file, garbage);
    const { journal: reopened, recovery } = openOk(dataDir);
    expect(recovery.lastSeq).toBe(100);
    expect(recovery.truncated).toMatchObject({ bytes: garbage.length, lastGoodSeq: 100 });
    await reopened.close();
  });
});

describe('journal: snapshots', () => {
  it('recovery = latest snapshot + the records after it', async () => {
    const dataDir = tempDataDir();
    const { journal } = openOk(dataDir, { segmentBytes: 200 });
    for (let seq = 1; seq <= 10; seq++) journal.append(1, payloadOf(seq));
    journal.writeSnapshot(10, Buffer.from('state after 10'));
    for (let seq = 11; seq <= 14; seq++) journal.append(1, payloadOf(seq));
    await journal.close();

    const { journal: reopened, recovery } = openOk(dataDir, { segmentBytes: 200 });
    expect(recovery.snapshot?.seq).toBe(10);
    expect(recovery.snapshot?.bytes.toString()).toBe('state after 10');
    expect(replayAll(reopened).map((r) => r.seq)).toEqual([11, 12, 13, 14]);
    expect(reopened.lastSeq).toBe(14);
    await reopened.close();
  });

  it('fsyncs the journal up to the snapshot even under policy none', async () => {
    const { journal } = openOk(tempDataDir());
    journal.append(1, payloadOf(1));
    journal.append(1, payloadOf(2));
    journal.writeSnapshot(2, Buffer.from('s'));
    expect(journal.stats().syncedSeq).toBe(2);
    await journal.close();
  });

  it('keeps every segment by default: the history replays from record 1, verified as it is read', async () => {
    const dataDir = tempDataDir();
    const segmentBytes = 16 + 5 * 37;
    const { journal } = openOk(dataDir, { segmentBytes });
    while (journal.lastSeq < 23) journal.append(1, payloadOf(journal.lastSeq + 1));
    journal.writeSnapshot(12, Buffer.from('a'));
    const written = journal.writeSnapshot(21, Buffer.from('b'));
    expect(written.removedSegments).toEqual([]);
    await journal.close();
    expect(segmentFiles(dataDir)).toHaveLength(5); // 1-5, 6-10, 11-15, 16-20, 21-23

    const { journal: reopened, recovery } = openOk(dataDir, { segmentBytes });
    expect(recovery.snapshot?.seq).toBe(21);
    // Segments wholly covered by the snapshot are history: not scanned at open, still replayable.
    expect(recovery.verifiedFrom).toBe(21);
    expect(recovery.records).toBe(3);
    expect(reopened.firstSeq).toBe(1);
    expect(replayAll(reopened).map((r) => r.seq)).toEqual([22, 23]);
    expect(replayAll(reopened, 1).map((r) => r.seq)).toEqual(Array.from({ length: 23 }, (_, i) => i + 1));
    await reopened.close();

    // Damage in the history is not looked for at open, but a replay through it refuses the record.
    flipBit(segmentFiles(dataDir)[1]!, recordEnds(segmentFiles(dataDir)[1]!)[1]! - 1, 0); // record 7's last byte
    const { journal: damaged } = openOk(dataDir, { segmentBytes });
    expect(() => damaged.replay(() => {}, { fromSeq: 1 })).toThrow(/CRC/);
    expect(damaged.replay(() => {})).toBe(2);
    await damaged.close();
  });

  it('a history segment with a damaged header is refused at open', async () => {
    const dataDir = tempDataDir();
    const segmentBytes = 16 + 5 * 37;
    const { journal } = openOk(dataDir, { segmentBytes });
    while (journal.lastSeq < 12) journal.append(1, payloadOf(journal.lastSeq + 1));
    journal.writeSnapshot(12, Buffer.from('a'));
    await journal.close();
    flipBit(segmentFiles(dataDir)[0]!, 0, 0);
    const opened = openJournal(dataDir, { clock: new SimulatedClock(0), fsync: { mode: 'none' }, segmentBytes });
    expect(opened.ok).toBe(false);
    if (!opened.ok) expect(opened.error).toMatchObject({ code: 'JOURNAL_CORRUPT', message: /journal-00000000000000000001\.log: not a journal segment/ });
  });

  it('with pruneSegments, removes segments only once the oldest kept snapshot covers them', async () => {
    const dataDir = tempDataDir();
    const segmentBytes = 16 + 5 * 37;
    const { journal } = openOk(dataDir, { segmentBytes, keepSnapshots: 2, pruneSegments: true });
    const fill = (to: number): void => {
      while (journal.lastSeq < to) journal.append(1, payloadOf(journal.lastSeq + 1));
    };
    fill(12); // segments 1-5, 6-10, 11-12
    const first = journal.writeSnapshot(12, Buffer.from('a'));
    expect(first.removedSegments).toEqual([]); // one snapshot of two kept: if it turns out unreadable, replay needs record 1
    fill(27); // ..., 11-15, 16-20, 21-25, 26-27
    const second = journal.writeSnapshot(27, Buffer.from('b'));
    // The oldest kept snapshot (12) covers segments 1-5 and 6-10; 11-15 holds 13..15, still needed by it.
    expect(second.removedSegments.map((f) => path.basename(f))).toEqual(['journal-00000000000000000001.log', 'journal-00000000000000000006.log']);
    expect(second.removedSnapshots).toEqual([]);
    fill(31);
    const third = journal.writeSnapshot(31, Buffer.from('c'));
    expect(third.removedSnapshots.map((f) => path.basename(f))).toEqual(['snapshot-00000000000000000012.snap']);
    expect(third.removedSegments.map((f) => path.basename(f))).toEqual(['journal-00000000000000000011.log', 'journal-00000000000000000016.log', 'journal-00000000000000000021.log']);
    await journal.close();

    const { journal: reopened, recovery } = openOk(dataDir, { segmentBytes });
    expect(recovery.snapshot?.seq).toBe(31);
    expect(replayAll(reopened)).toEqual([]);
    expect(reopened.append(1, payloadOf(32))).toBe(32);
    await reopened.close();
  });

  it('falls back to the previous snapshot when the newest does not verify, and says so', async () => {
    const dataDir = tempDataDir();
    const { journal } = openOk(dataDir);
    for (let seq = 1; seq <= 6; seq++) journal.append(1, payloadOf(seq));
    journal.writeSnapshot(3, Buffer.from('three'));
    const newest = journal.writeSnapshot(6, Buffer.from('six')).file;
    await journal.close();
    const bytes = fs.readFileSync(newest);
    bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 0x01;
    fs.writeFileSync(newest, bytes);

    const { journal: reopened, recovery } = openOk(dataDir);
    expect(recovery.snapshot?.seq).toBe(3);
    expect(recovery.corruptSnapshots).toEqual([{ file: newest, reason: 'CRC mismatch' }]);
    expect(fs.existsSync(`${newest}.corrupt`)).toBe(true);
    expect(replayAll(reopened).map((r) => r.seq)).toEqual([4, 5, 6]);
    await reopened.close();
  });

  it('discards a snapshot write interrupted before its rename', async () => {
    const dataDir = tempDataDir();
    const { journal } = openOk(dataDir);
    journal.append(1, payloadOf(1));
    await journal.close();
    const leftover = path.join(journalDirOf(dataDir), 'snapshot-00000000000000000001.snap.tmp');
    fs.writeFileSync(leftover, 'half a snap');
    const { recovery } = openOk(dataDir);
    expect(recovery.removedTemporaries).toEqual([leftover]);
    expect(recovery.snapshot).toBeUndefined();
    expect(fs.existsSync(leftover)).toBe(false);
  });

  it('refuses a snapshot for a sequence the journal does not hold', async () => {
    const { journal } = openOk(tempDataDir());
    journal.append(1, payloadOf(1));
    expect(() => journal.writeSnapshot(2, Buffer.from('x'))).toThrow(RangeError);
    expect(() => journal.writeSnapshot(0, Buffer.from('x'))).toThrow(RangeError);
    await journal.close();
  });
});

describe('journal: open errors', () => {
  it('reports a missing segment in the middle as a gap', async () => {
    const dataDir = tempDataDir();
    const { journal } = openOk(dataDir, { segmentBytes: 16 + 5 * 37 });
    for (let seq = 1; seq <= 12; seq++) journal.append(1, payloadOf(seq));
    await journal.close();
    fs.rmSync(segmentFiles(dataDir)[1]!);
    const opened = openJournal(dataDir, { clock: new SimulatedClock(0) });
    expect(opened.ok).toBe(false);
    if (!opened.ok) expect(opened.error).toMatchObject({ code: 'JOURNAL_GAP', message: expect.stringContaining('previous segment ends at 5') });
  });

  it('refuses a segment written by a newer format version', async () => {
    const dataDir = tempDataDir();
    const { journal } = openOk(dataDir);
    journal.append(1, payloadOf(1));
    await journal.close();
    const file = segmentFiles(dataDir)[0]!;
    const bytes = fs.readFileSync(file);
    bytes[4] = 2;
    fs.writeFileSync(file, bytes);
    const opened = openJournal(dataDir, { clock: new SimulatedClock(0) });
    expect(opened.ok ? undefined : opened.error.code).toBe('JOURNAL_UNSUPPORTED');
  });
});
