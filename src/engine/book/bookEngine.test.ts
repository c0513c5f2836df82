import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FLAT_ASK, FLAT_BID } from '../core';
import type { LevelChange } from '../venues';
import { BookEngine } from './bookEngine';
import { BookReader } from './bookReader';
import { createBookBuffer, SlotStatus } from './layout';
import { DeltaBatch, packLevels, type FromWorker } from './protocol';

const DEPTH = 8;

interface DeltaEvent {
  slot: number;
  seq: number;
  changes: LevelChange[];
  /** Batched from the flat form of the same changes (DeltaBatch.addFlat), as a scanned feed's deltas are. */
  flat?: boolean;
}

const flatOf = (changes: LevelChange[]): number[] => changes.flatMap((c) => [c.side === 'buy' ? FLAT_BID : FLAT_ASK, c.price, c.qty]);

/** The worker's logic on this thread, writing a real shared buffer that a real reader reads. */
function harness(capacity = 4) {
  const sab = createBookBuffer(capacity, DEPTH);
  const posted: FromWorker[] = [];
  const engine = new BookEngine(sab, (message) => posted.push(message));
  const reader = new BookReader(sab);
  const snapshot = (slot: number, seq: number, bids: [number, number][], asks: [number, number][]) =>
    engine.handle({ type: 'snapshot', slot, seq, bids: packLevels(bids), asks: packLevels(asks) });
  const deltas = (events: DeltaEvent[]) => {
    const batch = new DeltaBatch(4); // tiny on purpose, so batches have to grow
    for (const e of events) {
      if (e.flat) batch.addFlat(e.slot, e.seq, flatOf(e.changes));
      else batch.add(e.slot, e.seq, e.changes);
    }
    const { data, length } = batch.take();
    engine.handle({ type: 'deltas', data, length });
  };
  const gaps = () => posted.filter((m) => m.type === 'gap');
  return { engine, reader, posted, snapshot, deltas, gaps };
}

type Model = { bids: Map<number, number>; asks: Map<number, number> };

function topOf(model: Model, n: number): { bids: [number, number][]; asks: [number, number][] } {
  const bids = [...model.bids.entries()].sort((a, b) => b[0] - a[0]).slice(0, n);
  const asks = [...model.asks.entries()].sort((a, b) => a[0] - b[0]).slice(0, n);
  return { bids, asks };
}

const change = fc.record({
  side: fc.constantFrom<'buy' | 'sell'>('buy', 'sell'),
  price: fc.integer({ min: 1, max: 40 }),
  qty: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 10_000 })),
});
const level = fc.tuple(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 10_000 }));

describe('book engine: applying snapshots and deltas', () => {
  it('publishes the same top K as a naive Map for any snapshot and any batched delta stream, in either form', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ bids: fc.array(level, { maxLength: 30 }), asks: fc.array(level, { maxLength: 30 }) }), {
          minLength: 2,
          maxLength: 2,
        }),
        fc.array(fc.record({ slot: fc.integer({ min: 0, max: 1 }), changes: fc.array(change, { maxLength: 6 }), flat: fc.boolean() }), {
          maxLength: 120,
        }),
        fc.array(fc.integer({ min: 1, max: 10 }), { minLength: 1, maxLength: 30 }),
        (snapshots, stream, batchSizes) => {
          const h = harness();
          const models: Model[] = [];
          const seqs = [1000, 5];
          snapshots.forEach((snap, slot) => {
            h.snapshot(slot, seqs[slot]!, snap.bids, snap.asks);
            // A snapshot with a repeated price keeps the last quantity, as a Map would.
            models.push({ bids: new Map(snap.bids), asks: new Map(snap.asks) });
          });
          // Each delta in either form: a batch may mix them (feeds of both kinds share the service).
          const events: DeltaEvent[] = stream.map(({ slot, changes, flat }) => ({ slot, seq: ++seqs[slot]!, changes, flat }));
          for (let i = 0, b = 0; i < events.length; b++) {
            const size = batchSizes[b % batchSizes.length]!;
            h.deltas(events.slice(i, i + size));
            i += size;
          }
          for (const e of events) {
            const model = models[e.slot]!;
            for (const c of e.changes) {
              const side = c.side === 'buy' ? model.bids : model.asks;
              if (c.qty > 0) side.set(c.price, c.qty);
              else side.delete(c.price);
            }
          }
          for (let slot = 0; slot < 2; slot++) {
            const top = h.reader.readTopSlot(slot, DEPTH)!;
            const model = models[slot]!;
            expect({ bids: top.bids, asks: top.asks }).toEqual(topOf(model, DEPTH));
            expect([top.bidLevels, top.askLevels]).toEqual([model.bids.size, model.asks.size]);
            expect(top.seq).toBe(seqs[slot]);
            expect(top.stale).toBe(false);
          }
          expect(h.gaps()).toEqual([]);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('loads a deep snapshot the same whether it comes best first, worst first or shuffled', () => {
    // 6,000 levels 25 ticks apart: 150,000 ticks deep, far more than the ladder's window.
    const bestFirst: [number, number][] = Array.from({ length: 6_000 }, (_, i) => [10_000_000 - 25 * i, i + 1]);
    const shuffled = bestFirst.map((level, i) => [level, (i * 7919) % 6_000] as const).sort((a, b) => a[1] - b[1]).map(([level]) => level);
    for (const bids of [bestFirst, [...bestFirst].reverse(), shuffled]) {
      const h = harness();
      h.snapshot(0, 1, bids, []);
      h.engine.handle({ type: 'depth', id: 1, slot: 0, n: 6_000 });
      const reply = h.posted.find((m) => m.type === 'depth');
      expect(reply?.type === 'depth' && [...reply.bids]).toEqual(bestFirst.flat());
    }
  });

  it('replaces the whole book on a snapshot', () => {
    const h = harness();
    h.snapshot(0, 10, [[99, 1], [98, 2]], [[101, 3]]);
    h.snapshot(0, 20, [[97, 4]], [[102, 5], [103, 6]]);
    expect(h.reader.readTopSlot(0, 5)).toMatchObject({ bids: [[97, 4]], asks: [[102, 5], [103, 6]], seq: 20, stale: false });
  });
});

describe('book engine: sequence gaps', () => {
  const bids: [number, number][] = [[99, 10]];
  const asks: [number, number][] = [[101, 10]];
  const bid = (price: number, qty: number): LevelChange => ({ side: 'buy', price, qty });

  it('marks the book STALE, reports the gap once and applies nothing more until a snapshot', () => {
    const h = harness();
    h.snapshot(1, 100, bids, asks);
    h.deltas([
      { slot: 1, seq: 101, changes: [bid(99, 11)] },
      { slot: 1, seq: 103, changes: [bid(99, 13)] }, // 102 is missing
      { slot: 1, seq: 104, changes: [bid(99, 14)] },
    ]);
    expect(h.gaps()).toEqual([{ type: 'gap', slot: 1, expected: 102, got: 103 }]);
    const stale = h.reader.readTopSlot(1, 5)!;
    // The book stays as it was at the last good sequence, flagged.
    expect(stale).toMatchObject({ stale: true, status: SlotStatus.STALE, seq: 101, bids: [[99, 11]] });

    h.deltas([{ slot: 1, seq: 105, changes: [bid(99, 15)] }]);
    expect(h.reader.readTopSlot(1, 5)).toMatchObject({ stale: true, seq: 101, bids: [[99, 11]] });
    expect(h.gaps()).toHaveLength(1);

    h.snapshot(1, 200, [[98, 7]], asks);
    h.deltas([{ slot: 1, seq: 201, changes: [bid(98, 8)] }]);
    expect(h.reader.readTopSlot(1, 5)).toMatchObject({ stale: false, status: SlotStatus.LIVE, seq: 201, bids: [[98, 8]] });
  });

  it('treats a repeated sequence number as a gap too', () => {
    const h = harness();
    h.snapshot(0, 7, bids, asks);
    h.deltas([{ slot: 0, seq: 8, changes: [] }, { slot: 0, seq: 8, changes: [bid(99, 1)] }]);
    expect(h.gaps()).toEqual([{ type: 'gap', slot: 0, expected: 9, got: 8 }]);
    expect(h.reader.readTopSlot(0, 1)).toMatchObject({ stale: true, bids: [[99, 10]] });
  });

  it('reports deltas for a book that never had a snapshot, with no expected sequence', () => {
    const h = harness();
    h.deltas([{ slot: 2, seq: 50, changes: [bid(99, 1)] }, { slot: 2, seq: 51, changes: [bid(99, 2)] }]);
    expect(h.gaps()).toEqual([{ type: 'gap', slot: 2, expected: null, got: 50 }]);
    expect(h.reader.readTopSlot(2, 1)).toMatchObject({ stale: true, status: SlotStatus.EMPTY, bids: [] });
  });

  it('keeps other books in the same batch live when one of them gaps', () => {
    const h = harness();
    h.snapshot(0, 1, bids, asks);
    h.snapshot(1, 1, bids, asks);
    h.deltas([
      { slot: 0, seq: 3, changes: [bid(99, 3)] },
      { slot: 1, seq: 2, changes: [bid(99, 2)] },
    ]);
    expect(h.reader.readTopSlot(0, 1)).toMatchObject({ stale: true });
    expect(h.reader.readTopSlot(1, 1)).toMatchObject({ stale: false, seq: 2, bids: [[99, 2]] });
  });
});

describe('book engine: books marked stale by their feed', () => {
  const bid = (price: number, qty: number): LevelChange => ({ side: 'buy', price, qty });

  it('flags a live book STALE at once and applies none of its deltas until a snapshot, reporting no gap', () => {
    const h = harness();
    h.snapshot(0, 10, [[99, 1]], [[101, 1]]);
    const before = h.reader.readTopSlot(0, 1)!.version;
    h.engine.handle({ type: 'stale', slot: 0 });
    expect(h.reader.readTopSlot(0, 1)).toMatchObject({ stale: true, status: SlotStatus.STALE, seq: 10, bids: [[99, 1]], version: before + 1 });
    h.deltas([{ slot: 0, seq: 11, changes: [bid(99, 2)] }, { slot: 0, seq: 13, changes: [bid(99, 3)] }]);
    expect(h.reader.readTopSlot(0, 1)).toMatchObject({ stale: true, seq: 10, bids: [[99, 1]] });
    expect(h.gaps()).toEqual([]);

    h.snapshot(0, 20, [[98, 1]], [[101, 1]]);
    h.deltas([{ slot: 0, seq: 21, changes: [bid(98, 2)] }]);
    expect(h.reader.readTopSlot(0, 1)).toMatchObject({ stale: false, seq: 21, bids: [[98, 2]] });
  });

  it('leaves a book that never had a snapshot EMPTY', () => {
    const h = harness();
    h.engine.handle({ type: 'stale', slot: 3 });
    h.deltas([{ slot: 3, seq: 1, changes: [bid(99, 2)] }]);
    expect(h.reader.readTopSlot(3, 1)).toMatchObject({ status: SlotStatus.EMPTY, bids: [] });
    expect(h.gaps()).toEqual([]);
  });
});

describe('book engine: reset and depth queries', () => {
  it('empties a book on reset and marks it EMPTY', () => {
    const h = harness();
    h.snapshot(0, 1, [[99, 1]], [[101, 1]]);
    h.engine.handle({ type: 'reset', slot: 0 });
    expect(h.reader.readTopSlot(0, 5)).toMatchObject({ bids: [], asks: [], stale: true, status: SlotStatus.EMPTY });
  });

  it('answers a depth query beyond the K levels kept in shared memory', () => {
    const h = harness();
    const bids: [number, number][] = Array.from({ length: 30 }, (_, i) => [1000 - i, i + 1]);
    h.snapshot(0, 9, bids, []);
    h.engine.handle({ type: 'depth', id: 7, slot: 0, n: 25 });
    const reply = h.posted.find((m) => m.type === 'depth');
    expect(reply).toMatchObject({ id: 7, seq: 9, status: SlotStatus.LIVE, bidLevels: 30, askLevels: 0 });
    expect(reply?.type === 'depth' && reply.bids.length).toBe(50);
    expect(h.reader.readTopSlot(0, 25)!.bids).toHaveLength(DEPTH);
  });

  it('writes a published slot exactly once per batch, however many of its events the batch holds', () => {
    const h = harness();
    h.snapshot(0, 0, [], []);
    const before = h.reader.readTopSlot(0, 1)!.version;
    h.deltas(Array.from({ length: 50 }, (_, i) => ({ slot: 0, seq: i + 1, changes: [{ side: 'buy' as const, price: 10 + i, qty: 1 }] })));
    expect(h.reader.readTopSlot(0, 1)!.version).toBe(before + 1);
  });
});
