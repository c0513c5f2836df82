import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { SimulatedClock } from '../../core';
import { openJournal } from './journal';
import { flipBit, openOk, recordEnds, removeTempDirs, replayAll, segmentFiles, tempDataDir } from './testSupport';

afterEach(removeTempDirs);

interface Rec {
  type: number;
  payload: Uint8Array;
}

const rec: fc.Arbitrary<Rec> = fc.record({ type: fc.integer({ min: 1, max: 255 }), payload: fc.uint8Array({ maxLength: 300 }) });
const records = fc.array(rec, { minLength: 1, maxLength: 40 });
/** One big segment, or small ones so that damage also lands in a journal of several segments. */
const segmentBytes = fc.constantFrom(1 << 20, 700);

/** Writes the records, closes, and returns the data dir. */
async function written(recs: readonly Rec[], segBytes: number): Promise<string> {
  const dataDir = tempDataDir();
  const { journal } = openOk(dataDir, { segmentBytes: segBytes });
  for (const r of recs) journal.append(r.type, r.payload);
  await journal.close();
  return dataDir;
}

const expected = (recs: readonly Rec[]) => recs.map((r, i) => ({ seq: i + 1, type: r.type, payload: [...r.payload] }));

/** First sequence of a segment file, from its name. */
const firstSeqOf = (file: string): number => Number(/journal-(\d+)\.log$/.exec(file)![1]);

describe('recovery of a damaged tail (property)', () => {
  it('a cut anywhere in the last segment recovers exactly the records wholly before the cut, and reports it', async () => {
    await fc.assert(
      fc.asyncProperty(records, segmentBytes, fc.double({ min: 0, max: 1, noNaN: true }), async (recs, segBytes, where) => {
        const dataDir = await written(recs, segBytes);
        const last = segmentFiles(dataDir).at(-1)!;
        const size = fs.statSync(last).size;
        const cut = Math.floor(where * size);
        fs.truncateSync(last, cut);

        const ends = recordEnds(last); // of what is left: complete records only
        const intact = firstSeqOf(last) - 1 + (cut >= 16 ? ends.length : 0);
        const goodEnd = cut >= 16 ? (ends.at(-1) ?? 16) : 0;
        const { journal, recovery } = openOk(dataDir, { segmentBytes: segBytes });
        expect(replayAll(journal)).toEqual(expected(recs.slice(0, intact)));
        expect(recovery.lastSeq).toBe(intact);
        if (cut >= 16 && cut === goodEnd) {
          expect(recovery.truncated).toBeUndefined();
        } else {
          expect(recovery.truncated).toMatchObject({ file: last, offset: goodEnd, bytes: cut - goodEnd, lastGoodSeq: intact });
        }
        // The journal carries on from the intact prefix, and the next open is clean.
        expect(journal.append(9, Uint8Array.of(1, 2, 3))).toBe(intact + 1);
        await journal.close();
        const again = openOk(dataDir, { segmentBytes: segBytes });
        expect(again.recovery.truncated).toBeUndefined();
        expect(replayAll(again.journal).map((r) => r.seq)).toEqual(Array.from({ length: intact + 1 }, (_, i) => i + 1));
        await again.journal.close();
      }),
      { numRuns: 60 },
    );
  });

  it('a flipped bit in the last record, or garbage after it, loses only that record (or nothing) and is reported', async () => {
    const damage = fc.oneof(
      fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }),
      fc.record({ kind: fc.constant('garbage' as const), bytes: fc.uint8Array({ minLength: 1, maxLength: 100 }), zeros: fc.boolean() }),
    );
    await fc.assert(
      fc.asyncProperty(records, segmentBytes, damage, async (recs, segBytes, d) => {
        const dataDir = await written(recs, segBytes);
        const last = segmentFiles(dataDir).at(-1)!;
        const ends = recordEnds(last);
        const lastStart = ends.length > 1 ? ends.at(-2)! : 16;
        const lastEnd = ends.at(-1)!;
        let intact: number;
        let damagedAt: number;
        if (d.kind === 'flip') {
          flipBit(last, lastStart + (d.at % (lastEnd - lastStart)), d.bit);
          intact = recs.length - 1;
          damagedAt = lastStart;
        } else {
          fs.appendFileSync(last, d.zeros ? Buffer.alloc(d.bytes.length) : d.bytes);
          intact = recs.length;
          damagedAt = lastEnd;
        }
        const { journal, recovery } = openOk(dataDir, { segmentBytes: segBytes });
        expect(replayAll(journal)).toEqual(expected(recs.slice(0, intact)));
        expect(recovery.truncated).toMatchObject({ file: last, offset: damagedAt, lastGoodSeq: intact });
        expect(fs.statSync(last).size).toBe(damagedAt);
        await journal.close();
      }),
      { numRuns: 80 },
    );
  });
});

describe('damage with intact records after it (property)', () => {
  it('is an error naming where it is, never a silent skip; quarantine keeps the prefix and sets the rest aside', async () => {
    const setup = fc
      .tuple(fc.array(rec, { minLength: 2, maxLength: 40 }), segmentBytes, fc.nat(), fc.nat(), fc.integer({ min: 0, max: 7 }))
      .map(([recs, segBytes, which, at, bit]) => ({ recs, segBytes, damaged: 1 + (which % (recs.length - 1)), at, bit }));
    await fc.assert(
      fc.asyncProperty(setup, async ({ recs, segBytes, damaged, at, bit }) => {
        const dataDir = await written(recs, segBytes);
        // Find the segment and byte range of record `damaged` (1-based; never the last record).
        const files = segmentFiles(dataDir);
        const file = files.filter((f) => firstSeqOf(f) <= damaged).at(-1)!;
        const ends = recordEnds(file);
        const index = damaged - firstSeqOf(file);
        const start = index === 0 ? 16 : ends[index - 1]!;
        flipBit(file, start + (at % (ends[index]! - start)), bit);

        const opened = openJournal(dataDir, { clock: new SimulatedClock(0) });
        expect(opened.ok).toBe(false);
        if (opened.ok) return;
        expect(opened.error.code).toBe('JOURNAL_CORRUPT');
        expect(opened.error.damage).toMatchObject({ file, offset: start, lastGoodSeq: damaged - 1, nextValidSeq: damaged + 1 });
        // Nothing was changed by the failed open.
        expect(segmentFiles(dataDir)).toEqual(files);

        const repaired = openJournal(dataDir, { clock: new SimulatedClock(0), fsync: { mode: 'none' }, onMidCorruption: 'quarantine' });
        if (!repaired.ok) throw new Error(repaired.error.message);
        const { journal, recovery } = repaired.value;
        expect(replayAll(journal)).toEqual(expected(recs.slice(0, damaged - 1)));
        expect(recovery.quarantined).toMatchObject({ file, offset: start, lastGoodSeq: damaged - 1 });
        const quarantined = recovery.quarantined!.files;
        expect(quarantined.every((f) => f.includes(`${path.sep}quarantine${path.sep}`) && fs.existsSync(f))).toBe(true);
        await journal.close();
        expect(openOk(dataDir).recovery.quarantined).toBeUndefined();
      }),
      { numRuns: 60 },
    );
  });
});
