import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { levelChangesOf, recordingLogger, SimulatedClock, type Symbol, type VenueEvent } from '../../../core';
import { KiteFrameDecoder } from './frameDecoder';
import type { KiteInstrumentMap, KiteScale } from './instrumentMap';
import { KiteBooks } from './kiteBooks';
import { encodeFrame, encodePacket, recordedPacket, type PacketSpec } from './testSupport';

const RELIANCE = 408065; // the recorded packets' instrument (NSE equity, segment 1)
const NIFTY_FUT = (12_345 << 8) | 2; // an NSE F&O token
const NIFTY_50 = 256265; // the NIFTY 50 index (segment 9: indices)
/** Tick 0.05 INR = 5 paise; equity in shares, the future in lots of 75. */
const SCALES: Record<string, { token: number; scale: KiteScale }> = {
  RELIANCE: { token: RELIANCE, scale: { priceDecimals: 2, tickSize: 5, qtyDecimals: 0, lotSize: 1 } },
  NIFTY26DECFUT: { token: NIFTY_FUT, scale: { priceDecimals: 2, tickSize: 10, qtyDecimals: 0, lotSize: 75 } },
  'NIFTY 50': { token: NIFTY_50, scale: { priceDecimals: 2, tickSize: 5, qtyDecimals: 0, lotSize: 1 } },
};
const instruments: KiteInstrumentMap = {
  tokenOf: (s) => SCALES[s]?.token,
  symbolOf: (token) => Object.keys(SCALES).find((s) => SCALES[s]!.token === token),
  priceScale: (s) => SCALES[s]?.scale,
};

function books() {
  const events: VenueEvent[] = [];
  const stale: string[] = [];
  const logger = recordingLogger();
  const kite = new KiteBooks({ venue: 'kite', clock: new SimulatedClock(1_000), logger, instruments, emit: (e) => events.push(e), stale: (s, r) => stale.push(`${s}: ${r}`) });
  const decoder = new KiteFrameDecoder();
  const feed = (...packets: Uint8Array[]) => decoder.decode(encodeFrame(packets), kite);
  return { kite, events, stale, logger, feed };
}

/** The recorded full packet with some fields changed. */
function full(change: Partial<PacketSpec> = {}): Uint8Array {
  const p = recordedPacket('full');
  const v = new DataView(p.buffer, p.byteOffset, p.length);
  const base: PacketSpec = {
    kind: 'full',
    token: v.getUint32(0),
    lastPrice: v.getInt32(4),
    lastTradedQuantity: v.getUint32(8),
    averageTradedPrice: v.getInt32(12),
    volumeTraded: v.getUint32(16),
    lastTradeTime: v.getUint32(44),
    exchangeTimestamp: v.getUint32(60),
    bids: [0, 1, 2, 3, 4].map((i) => [v.getUint32(64 + 12 * i), v.getInt32(68 + 12 * i), v.getUint16(72 + 12 * i)]),
    asks: [5, 6, 7, 8, 9].map((i) => [v.getUint32(64 + 12 * i), v.getInt32(68 + 12 * i), v.getUint16(72 + 12 * i)]),
  };
  return encodePacket({ ...base, ...change });
}

describe('KiteBooks', () => {
  it('anchors the book on the first full tick, in ticks of 5 paise, then sends only the levels that changed', () => {
    const { kite, events, feed } = books();
    kite.watch(['RELIANCE' as Symbol]);
    expect([...kite.tokens()]).toEqual([RELIANCE]);
    feed(recordedPacket('full'));
    expect(events).toEqual([
      {
        type: 'bookSnapshot',
        venue: 'kite',
        symbol: 'RELIANCE',
        seq: 1,
        // 1573.40 = 157340 paise = 31468 ticks of 5 paise
        bids: [[31468, 5], [31460, 140], [31459, 2], [31458, 219], [31457, 50]],
        asks: [[31474, 172], [31475, 44], [31477, 302], [31478, 141], [31479, 724]],
      },
    ]);
    // The best bid is taken (its level gone), a new level at the back, one size changed.
    feed(full({ bids: [[140, 157300, 2], [2, 157295, 1], [219, 157290, 7], [50, 157285, 1], [10, 157280, 1]], asks: [[170, 157370, 3], [44, 157375, 3], [302, 157385, 3], [141, 157390, 2], [724, 157395, 5]] }));
    expect(events[1]).toEqual({
      type: 'bookDelta',
      venue: 'kite',
      symbol: 'RELIANCE',
      seq: 2,
      changes: [
        { side: 'buy', price: 31468, qty: 0 },
        { side: 'buy', price: 31456, qty: 10 },
        { side: 'sell', price: 31474, qty: 170 },
      ],
    });
    // The same depth again: no delta.
    feed(full({ bids: [[140, 157300, 2], [2, 157295, 1], [219, 157290, 7], [50, 157285, 1], [10, 157280, 1]], asks: [[170, 157370, 3], [44, 157375, 3], [302, 157385, 3], [141, 157390, 2], [724, 157395, 5]] }));
    expect(events).toHaveLength(2);
  });

  it('reports a rise of the traded volume as a trade at the last price, in lots, bought at or above the mid', () => {
    const { kite, events, feed } = books();
    kite.watch(['NIFTY26DECFUT' as Symbol]);
    const fut = (volume: number, lastPrice: number) =>
      encodePacket({ kind: 'full', token: NIFTY_FUT, lastPrice, volumeTraded: volume, lastTradeTime: 1_700_000_000, bids: [[150, 2_400_000, 2]], asks: [[75, 2_400_100, 1]] });
    feed(fut(7_500, 2_400_100));
    feed(fut(7_725, 2_400_100), fut(7_800, 2_400_000), fut(7_800, 2_400_000));
    const trades = events.filter((e) => e.type === 'trade');
    expect(trades).toEqual([
      { type: 'trade', venue: 'kite', symbol: 'NIFTY26DECFUT', ts: 1_700_000_000_000, price: 240_010, qty: 3, aggressor: 'buy', tradeId: `${NIFTY_FUT}-1700000000-7725` },
      { type: 'trade', venue: 'kite', symbol: 'NIFTY26DECFUT', ts: 1_700_000_000_000, price: 240_000, qty: 1, aggressor: 'sell', tradeId: `${NIFTY_FUT}-1700000000-7800` },
    ]);
  });

  it('does not report a volume rise that is not a whole number of lots, and says so once', () => {
    const { kite, events, logger, feed } = books();
    kite.watch(['NIFTY26DECFUT' as Symbol]);
    const fut = (volume: number) => encodePacket({ kind: 'quote', token: NIFTY_FUT, lastPrice: 2_400_000, volumeTraded: volume });
    feed(fut(7_500), fut(7_501), fut(7_502), fut(7_502 + 75));
    expect(events.filter((e) => e.type === 'trade').map((e) => e.type === 'trade' && e.qty)).toEqual([1]);
    expect(logger.lines.filter((l) => l.level === 'warn')).toHaveLength(1);
  });

  it('refuses a tick off the tick grid instead of rounding it, and says the book is stale until one fits', () => {
    const { kite, events, stale, logger, feed } = books();
    kite.watch(['RELIANCE' as Symbol]);
    feed(recordedPacket('full'));
    const offGrid = full({ bids: [[5, 157341, 1]] });
    feed(offGrid, offGrid);
    expect(stale).toEqual(["RELIANCE: Kite depth refused: depth price 157341 is not on the instrument's tick grid"]);
    expect(logger.lines.filter((l) => l.level === 'error')).toHaveLength(1); // once, not per tick
    feed(recordedPacket('full'));
    expect(events.map((e) => [e.type, 'seq' in e ? e.seq : undefined])).toEqual([
      ['bookSnapshot', 1],
      ['bookSnapshot', 2],
    ]);
  });

  it('goes stale on a drop and re-anchors with a snapshot continuing the seq; resends the snapshot on request only when anchored', () => {
    const { kite, events, stale, feed } = books();
    kite.watch(['RELIANCE' as Symbol]);
    kite.resendSnapshot('RELIANCE' as Symbol); // nothing yet: ignored
    feed(recordedPacket('full'));
    kite.resendSnapshot('RELIANCE' as Symbol);
    kite.down('socket closed');
    kite.resendSnapshot('RELIANCE' as Symbol); // stale: not resent
    expect(stale).toEqual(['RELIANCE: socket closed']);
    feed(full({ volumeTraded: 1_200_000 })); // the volume count started over: no trade for the gap
    expect(events.map((e) => `${e.type} ${'seq' in e ? e.seq : ''}`)).toEqual(['bookSnapshot 1', 'bookSnapshot 2', 'bookSnapshot 3']);
  });

  it('anchors an index (no depth on the wire) as an empty book on its first tick, makes up no trade, and resyncs it like any book', () => {
    const { kite, events, stale, feed } = books();
    expect(NIFTY_50 & 0xff).toBe(9);
    kite.watch(['NIFTY 50' as Symbol]);
    kite.resendSnapshot('NIFTY 50' as Symbol); // no tick yet: nothing to send
    feed(encodePacket({ kind: 'indexFull', token: NIFTY_50, lastPrice: 2_410_235, high: 2_415_080, low: 2_399_025, open: 2_405_010, close: 2_401_260, change: 9_000, exchangeTimestamp: 1_700_000_000 }));
    feed(encodePacket({ kind: 'indexFull', token: NIFTY_50, lastPrice: 2_410_500, exchangeTimestamp: 1_700_000_001 }));
    feed(encodePacket({ kind: 'ltp', token: NIFTY_50, lastPrice: 2_410_600 }));
    expect(events).toEqual([{ type: 'bookSnapshot', venue: 'kite', symbol: 'NIFTY 50', seq: 1, bids: [], asks: [] }]);
    // The book service asks again (a worker restart): the empty book is told again, under a new seq.
    kite.resendSnapshot('NIFTY 50' as Symbol);
    kite.down('socket closed');
    expect(stale).toEqual(['NIFTY 50: socket closed']);
    feed(encodePacket({ kind: 'indexQuote', token: NIFTY_50, lastPrice: 2_411_000 })); // the next connection's first tick
    expect(events.map((e) => `${e.type} ${'seq' in e ? e.seq : ''}`)).toEqual(['bookSnapshot 1', 'bookSnapshot 2', 'bookSnapshot 3']);
    expect(events.every((e) => e.type === 'bookSnapshot' && e.bids.length === 0 && e.asks.length === 0)).toBe(true);
  });

  it("states an index's level and a derivative's open interest in lots (Kite's OI is in units), until the ticks stop", () => {
    const { kite, logger, feed } = books();
    kite.watch(['NIFTY 50', 'NIFTY26DECFUT', 'RELIANCE'] as Symbol[]);
    expect(kite.lastPrice('NIFTY 50' as Symbol)).toBeUndefined();
    expect(kite.openInterest('NIFTY26DECFUT' as Symbol)).toBeUndefined();
    // The index's level on its 0.05 grid here: 24102.35 in ticks of 5 paise.
    feed(encodePacket({ kind: 'indexFull', token: NIFTY_50, lastPrice: 2_410_235, exchangeTimestamp: 1_700_000_000 }));
    expect(kite.lastPrice('NIFTY 50' as Symbol)).toBe(482_047);
    feed(encodePacket({ kind: 'ltp', token: NIFTY_50, lastPrice: 2_410_500 }));
    expect(kite.lastPrice('NIFTY 50' as Symbol)).toBe(482_100);
    // A full tick of the future: 1,500,000 units of OI are 20,000 lots of 75; the day's high and low do not count.
    const fut = (oi: number) => full({ token: NIFTY_FUT, lastPrice: 2_415_000, oi, oiDayHigh: 1_575_000, oiDayLow: 1_425_000, bids: [[750, 2_414_990, 3]], asks: [[1_500, 2_415_000, 4]] });
    feed(fut(1_500_000));
    expect(kite.openInterest('NIFTY26DECFUT' as Symbol)).toBe(20_000);
    expect(kite.lastPrice('NIFTY26DECFUT' as Symbol)).toBe(241_500);
    // A last price of 0 (a contract not traded yet) is no price.
    feed(encodePacket({ kind: 'ltp', token: NIFTY_FUT, lastPrice: 0 }));
    expect(kite.lastPrice('NIFTY26DECFUT' as Symbol)).toBeUndefined();
    // A quote tick carries no OI: the last full tick's stands.
    feed(encodePacket({ kind: 'quote', token: NIFTY_FUT, lastPrice: 2_415_100, volumeTraded: 7_500 }));
    expect(kite.openInterest('NIFTY26DECFUT' as Symbol)).toBe(20_000);
    // OI that is not a whole number of lots is not shown (never rounded), and said once.
    feed(fut(1_500_010), fut(1_500_020));
    expect(kite.openInterest('NIFTY26DECFUT' as Symbol)).toBeUndefined();
    expect(logger.lines.filter((l) => l.level === 'warn' && l.message?.includes('open interest'))).toHaveLength(1);
    feed(fut(1_507_500));
    expect(kite.openInterest('NIFTY26DECFUT' as Symbol)).toBe(20_100);
    // An equity states no OI (its full packets carry 0).
    feed(recordedPacket('full'));
    expect(kite.openInterest('RELIANCE' as Symbol)).toBeUndefined();
    // The socket drops: nothing stated stands until the next tick.
    kite.down('socket closed');
    expect(kite.lastPrice('NIFTY 50' as Symbol)).toBeUndefined();
    expect(kite.openInterest('NIFTY26DECFUT' as Symbol)).toBeUndefined();
    feed(fut(1_515_000));
    expect(kite.openInterest('NIFTY26DECFUT' as Symbol)).toBe(20_200);
    // Unwatched: not stated.
    kite.watch(['RELIANCE' as Symbol]);
    expect(kite.openInterest('NIFTY26DECFUT' as Symbol)).toBeUndefined();
  });

  it('stops a symbol no longer watched (stale, its ticks dropped) and continues its seq when watched again', () => {
    const { kite, events, stale, logger, feed } = books();
    kite.watch(['RELIANCE', 'NOPE'] as Symbol[]);
    expect(logger.lines[0]).toMatchObject({ level: 'warn', fields: { symbols: ['NOPE: no instrument token'] } });
    feed(recordedPacket('full'));
    kite.watch([]);
    expect(kite.tokens().size).toBe(0);
    feed(recordedPacket('full'));
    expect(stale).toEqual(['RELIANCE: no longer watched']);
    kite.watch(['RELIANCE' as Symbol]);
    feed(recordedPacket('full'));
    expect(events.map((e) => `${e.type} ${'seq' in e ? e.seq : ''}`)).toEqual(['bookSnapshot 1', 'bookSnapshot 2']);
  });

  it('keeps our book equal to the last tick\'s depth, with a contiguous seq, whatever the ticks', () => {
    const level = fc.tuple(fc.integer({ min: 0, max: 3 }).map((q) => q * 75), fc.integer({ min: 23_990, max: 24_010 }).map((p) => p * 100));
    const side = fc.uniqueArray(level, { maxLength: 5, selector: ([, p]) => p });
    fc.assert(
      fc.property(fc.array(fc.tuple(side, side), { minLength: 1, maxLength: 30 }), (ticks) => {
        const { kite, events, feed } = books();
        kite.watch(['NIFTY26DECFUT' as Symbol]);
        const book = { buy: new Map<number, number>(), sell: new Map<number, number>() };
        let seq = 0;
        for (const [bids, asks] of ticks) {
          feed(encodePacket({ kind: 'full', token: NIFTY_FUT, lastPrice: 2_400_000, bids: bids.map(([q, p]) => [q, p, 1]), asks: asks.map(([q, p]) => [q, p, 1]) }));
          for (const e of events.splice(0)) {
            if (e.type === 'bookSnapshot') {
              book.buy = new Map(e.bids);
              book.sell = new Map(e.asks);
            } else if (e.type === 'bookDelta') {
              expect(e.seq).toBe(seq + 1);
              for (const c of levelChangesOf(e)) (c.qty === 0 ? book[c.side].delete(c.price) : book[c.side].set(c.price, c.qty));
            } else continue;
            seq = e.seq;
          }
          const want = (levels: [number, number][]) => new Map(levels.filter(([q]) => q > 0).map(([q, p]) => [p / 10, q / 75]));
          expect(book.buy).toEqual(want(bids));
          expect(book.sell).toEqual(want(asks));
        }
      }),
      { numRuns: 200 },
    );
  });
});
