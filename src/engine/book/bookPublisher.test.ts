import { describe, expect, it } from 'vitest';
import { SimulatedClock } from '../core';
import { BookEngine } from './bookEngine';
import { BookPublisher } from './bookPublisher';
import { BookReader, type TopOfBook } from './bookReader';
import { createBookBuffer } from './layout';
import { DeltaBatch, packLevels } from './protocol';

const BTC = 'SIM:BTCUSDT';
const ETH = 'SIM:ETHUSDT';

/** The worker's logic writing a real shared buffer on this thread, so time is the simulated clock's alone. */
function setup(hz?: number) {
  const sab = createBookBuffer(4, 10);
  const slots = new Map([
    [BTC, 0],
    [ETH, 1],
  ]);
  const engine = new BookEngine(sab, () => {});
  const reader = new BookReader(sab, (key) => slots.get(key));
  const clock = new SimulatedClock(1_000_000);
  const published: { key: string; at: number; top: TopOfBook }[] = [];
  const publisher = new BookPublisher(reader, clock, (key, top) => published.push({ key, at: clock.now(), top }), hz ? { hz } : {});
  const seqs = [0, 0];
  const snapshot = (slot: number, bidQty = 1) => {
    seqs[slot] = 100;
    engine.handle({ type: 'snapshot', slot, seq: 100, bids: packLevels([[99, bidQty], [98, 1], [97, 1]]), asks: packLevels([[101, 1]]) });
  };
  const bidUpdate = (slot: number, qty: number, seq = ++seqs[slot]!) => {
    const batch = new DeltaBatch();
    batch.add(slot, seq, [{ side: 'buy', price: 99, qty }]);
    const { data, length } = batch.take();
    engine.handle({ type: 'deltas', data, length });
  };
  return { clock, publisher, published, snapshot, bidUpdate };
}

describe('book publisher', () => {
  it('publishes a busy book at most once per 50 ms at 20 Hz, with the latest picture', () => {
    const { clock, publisher, published, snapshot, bidUpdate } = setup();
    snapshot(0);
    publisher.subscribe(BTC, 2);
    for (let ms = 0; ms < 200; ms++) {
      bidUpdate(0, ms + 1); // 1000 updates per second
      clock.advance(1);
    }
    expect(published.map((p) => p.at - 1_000_000)).toEqual([50, 100, 150, 200]);
    expect(published.at(-1)!.top).toMatchObject({ bids: [[99, 200], [98, 1]], seq: 300, stale: false });
    expect(published[0]!.top.bids).toEqual([[99, 50], [98, 1]]);
  });

  it('publishes nothing while a book does not change', () => {
    const { clock, publisher, published, snapshot, bidUpdate } = setup();
    snapshot(0);
    publisher.subscribe(BTC, 3);
    clock.advance(1000);
    expect(published).toHaveLength(1); // the first picture only
    bidUpdate(0, 7);
    clock.advance(1000);
    expect(published).toHaveLength(2);
    expect(published[1]!.top.bids[0]).toEqual([99, 7]);
  });

  it('publishes a book going stale even though its seq did not move', () => {
    const { clock, publisher, published, snapshot, bidUpdate } = setup();
    snapshot(0);
    publisher.subscribe(BTC, 1);
    clock.advance(50);
    bidUpdate(0, 5, 150); // gap: 101 expected
    clock.advance(50);
    expect(published.map((p) => [p.top.seq, p.top.stale])).toEqual([
      [100, false],
      [100, true],
    ]);
  });

  it('keeps each book on its own schedule of changes and honours each depth', () => {
    const { clock, publisher, published, snapshot, bidUpdate } = setup(10);
    snapshot(0);
    snapshot(1);
    publisher.subscribe(BTC, 1);
    publisher.subscribe(ETH, 3);
    clock.advance(100);
    bidUpdate(1, 9);
    clock.advance(100);
    expect(published.map((p) => [p.at - 1_000_000, p.key, p.top.bids.length])).toEqual([
      [100, BTC, 1],
      [100, ETH, 3],
      [200, ETH, 3],
    ]);
  });

  it('waits for a book that does not exist yet, and stops after unsubscribe or stop', () => {
    const { clock, publisher, published, snapshot, bidUpdate } = setup();
    publisher.subscribe('SIM:NOTYET', 1);
    publisher.subscribe(BTC, 1);
    clock.advance(100);
    expect(published).toHaveLength(0); // BTC has a slot, but nothing was ever written to it
    snapshot(0);
    clock.advance(50);
    expect(published).toHaveLength(1);
    publisher.unsubscribe(BTC);
    bidUpdate(0, 3);
    clock.advance(100);
    expect(published).toHaveLength(1);
    publisher.subscribe(BTC, 1);
    publisher.stop();
    bidUpdate(0, 4);
    clock.advance(100);
    expect(published).toHaveLength(1);
  });

  it('republishes at once at a new depth when a subscription changes depth', () => {
    const { clock, publisher, published, snapshot } = setup();
    snapshot(0);
    publisher.subscribe(BTC, 1);
    clock.advance(50);
    publisher.subscribe(BTC, 3);
    clock.advance(50);
    expect(published.map((p) => p.top.bids.length)).toEqual([1, 3]);
  });

  it('keeps publishing other books when one callback throws', () => {
    const sab = createBookBuffer(2, 4);
    const engine = new BookEngine(sab, () => {});
    const reader = new BookReader(sab, (key) => (key === BTC ? 0 : key === ETH ? 1 : undefined));
    const clock = new SimulatedClock();
    const seen: string[] = [];
    const failures: string[] = [];
    const publisher = new BookPublisher(
      reader,
      clock,
      (key) => {
        if (key === BTC) throw new Error('panel closed');
        seen.push(key);
      },
      { onError: (key) => failures.push(key) },
    );
    engine.handle({ type: 'snapshot', slot: 0, seq: 1, bids: packLevels([[1, 1]]), asks: packLevels([]) });
    engine.handle({ type: 'snapshot', slot: 1, seq: 1, bids: packLevels([[1, 1]]), asks: packLevels([]) });
    publisher.subscribe(BTC, 1);
    publisher.subscribe(ETH, 1);
    clock.advance(50);
    expect(seen).toEqual([ETH]);
    expect(failures).toEqual([BTC]);
  });
});
