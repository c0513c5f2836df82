import { describe, expect, it } from 'vitest';
import { BookEngine } from './bookEngine';
import { BookReader, TOP_ASK_COUNT, TOP_BID_COUNT, TOP_LEVELS, TOP_STATUS, topAskOffset, topBufferLength } from './bookReader';
import { abandonSlot, BookViews, createBookBuffer, I_LOCK, layoutFor, readLayout, SlotStatus } from './layout';
import { DeltaBatch, packLevels } from './protocol';

function books(depth = 5) {
  const sab = createBookBuffer(3, depth);
  const slots = new Map([
    ['SIM:BTCUSDT', 0],
    ['SIM:ETHUSDT', 1],
  ]);
  const engine = new BookEngine(sab, () => {});
  const reader = new BookReader(sab, (key) => slots.get(key));
  const snapshot = (slot: number, seq: number, bids: [number, number][], asks: [number, number][]) =>
    engine.handle({ type: 'snapshot', slot, seq, bids: packLevels(bids), asks: packLevels(asks) });
  return { sab, engine, reader, snapshot };
}

describe('book reader', () => {
  it('reads the best levels of the book asked for, best first', () => {
    const { reader, snapshot } = books();
    snapshot(0, 1, [[100, 1], [102, 2], [101, 3]], [[105, 4], [103, 5]]);
    snapshot(1, 1, [[7, 7]], [[9, 9]]);
    expect(reader.readTop('SIM:BTCUSDT', 2)).toMatchObject({ bids: [[102, 2], [101, 3]], asks: [[103, 5], [105, 4]] });
    expect(reader.readTop('SIM:ETHUSDT', 2)).toMatchObject({ bids: [[7, 7]], asks: [[9, 9]] });
    expect(reader.readTop('SIM:NOPE', 2)).toBeUndefined();
  });

  it('caps a request deeper than the shared depth at that depth', () => {
    const { reader, snapshot } = books(3);
    snapshot(0, 1, [[1, 1], [2, 1], [3, 1], [4, 1]], []);
    const top = reader.readTop('SIM:BTCUSDT', 10)!;
    expect(top.bids.map(([price]) => price)).toEqual([4, 3, 2]);
    expect(top.bidLevels).toBe(4);
  });

  it('fills a caller-owned buffer for hot paths', () => {
    const { reader, snapshot } = books();
    snapshot(0, 1, [[100, 1], [99, 2]], [[101, 3]]);
    const out = new Float64Array(topBufferLength(2));
    expect(reader.readTopInto(0, 2, out)).toBe(true);
    expect(out[TOP_BID_COUNT]).toBe(2);
    expect(out[TOP_ASK_COUNT]).toBe(1);
    expect([...out.subarray(TOP_LEVELS, TOP_LEVELS + 4)]).toEqual([100, 1, 99, 2]);
    expect([...out.subarray(topAskOffset(2), topAskOffset(2) + 2)]).toEqual([101, 3]);
  });

  it('gives best bid, best ask and mid of a live book, exact at half a tick', () => {
    const { reader, snapshot } = books();
    snapshot(0, 1, [[100, 4]], [[101, 6]]);
    expect(reader.bestBid('SIM:BTCUSDT')).toEqual([100, 4]);
    expect(reader.bestAsk('SIM:BTCUSDT')).toEqual([101, 6]);
    expect(reader.mid('SIM:BTCUSDT')).toBe(100.5);
  });

  it('gives no best price or mid for a stale, empty or one-sided book', () => {
    const { engine, reader, snapshot } = books();
    snapshot(0, 1, [[100, 4]], [[101, 6]]);
    const batch = new DeltaBatch();
    batch.add(0, 5, []); // 2..4 missing
    const { data, length } = batch.take();
    engine.handle({ type: 'deltas', data, length });
    expect(reader.readTop('SIM:BTCUSDT', 1)).toMatchObject({ stale: true, bids: [[100, 4]] });
    expect(reader.bestBid('SIM:BTCUSDT')).toBeUndefined();
    expect(reader.mid('SIM:BTCUSDT')).toBeUndefined();

    expect(reader.bestAsk('SIM:ETHUSDT')).toBeUndefined(); // never synced
    snapshot(1, 1, [[7, 7]], []);
    expect(reader.bestBid('SIM:ETHUSDT')).toEqual([7, 7]);
    expect(reader.bestAsk('SIM:ETHUSDT')).toBeUndefined();
    expect(reader.mid('SIM:ETHUSDT')).toBeUndefined();
  });

  it('gives up on a slot whose writer died mid-write instead of spinning forever, and reads it stale once abandoned', () => {
    const { sab, reader, snapshot } = books();
    snapshot(0, 1, [[100, 4]], [[101, 6]]);
    const views = new BookViews(sab);
    Atomics.add(views.i32, views.i32Base(0) + I_LOCK, 1); // a writer that never finished
    const out = new Float64Array(topBufferLength(1));
    expect(reader.readTopInto(0, 1, out)).toBe(false);
    expect([out[TOP_STATUS], out[TOP_BID_COUNT], out[TOP_ASK_COUNT]]).toEqual([SlotStatus.STALE, 0, 0]);
    expect(reader.readTop('SIM:BTCUSDT', 1)).toBeUndefined();

    abandonSlot(views, 0);
    expect(reader.readTop('SIM:BTCUSDT', 1)).toMatchObject({ stale: true, status: SlotStatus.STALE, bids: [], asks: [] });
  });

  it('counts versions: each publish of a slot moves it by one', () => {
    const { reader, snapshot } = books();
    expect(reader.versionOf('SIM:BTCUSDT')).toBe(0);
    snapshot(0, 1, [], []);
    snapshot(0, 2, [], []);
    expect(reader.versionOf('SIM:BTCUSDT')).toBe(2);
    expect(reader.readTop('SIM:BTCUSDT', 1)!.version).toBe(2);
  });
});

describe('book buffer layout', () => {
  it('starts every slot on its own cache line and round-trips its header', () => {
    const layout = layoutFor(64, 50);
    expect(layout.strideBytes % 64).toBe(0);
    expect(readLayout(createBookBuffer(64, 50))).toEqual(layout);
  });

  it('refuses a buffer it did not make', () => {
    expect(() => new BookReader(new SharedArrayBuffer(4096))).toThrow(/magic/);
  });
});
