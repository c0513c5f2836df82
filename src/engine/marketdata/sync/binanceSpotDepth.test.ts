import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BinanceSpotDepthSync } from './binanceSpotDepth';
import { must, planArb, renderBinanceJson, renderBinanceLaggedStart, replayLines } from './testSupport';
import type { SyncOutcome } from './types';

const newSync = () => new BinanceSpotDepthSync({ venue: 'binance', symbol: 'BTC-USDT' });
const snapshot = (lastUpdateId: number, bids: [string, string][] = [['100.00', '1.000']], asks: [string, string][] = [['101.00', '2.000']]) => ({
  lastUpdateId,
  bids,
  asks,
});
const update = (U: number, u: number, b: [string, string][] = [], a: [string, string][] = []) => ({ e: 'depthUpdate', E: 1, s: 'BTCUSDT', U, u, b, a });
const kinds = (outcomes: SyncOutcome[]) => outcomes.map((o) => (o.kind === 'apply' ? o.event.type : o.kind === 'skip' ? `skip:${o.reason}` : 'gap'));

describe('Binance spot diff-depth sync', () => {
  it('drops events with u <= lastUpdateId and applies the one containing lastUpdateId + 1', () => {
    const sync = newSync();
    expect(kinds(must(sync.push(snapshot(100))))).toEqual(['bookSnapshot']);
    expect(kinds(must(sync.push(update(95, 100))))).toEqual(['skip:superseded']);
    const applied = must(sync.push(update(99, 103, [['100.00', '0']])));
    expect(kinds(applied)).toEqual(['bookDelta']);
    expect(applied[0]).toMatchObject({ event: { seq: 2, changes: [{ side: 'buy', price: 10000, qty: 0 }] } });
    expect(kinds(must(sync.push(update(104, 104))))).toEqual(['bookDelta']);
    expect(sync.state).toBe('live');
  });

  it('reports a gap when the first event starts after lastUpdateId + 1, and applies nothing after it', () => {
    const sync = newSync();
    must(sync.push(snapshot(100)));
    const out = must(sync.push(update(102, 105, [['99.00', '1.000']])));
    expect(out).toEqual([
      {
        kind: 'gap',
        gap: expect.objectContaining({ venue: 'binance', symbol: 'BTC-USDT', expected: 101, got: 102 }),
      },
    ]);
    expect(sync.needsSnapshot).toBe(true);
    expect(sync.state).toBe('stale');
    expect(kinds(must(sync.push(update(106, 107))))).toEqual(['skip:buffered']);
  });

  it('requires each event to start at the previous u + 1, skipping one wholly older than the book', () => {
    const sync = newSync();
    must(sync.push(snapshot(100)));
    must(sync.push(update(101, 110)));
    expect(kinds(must(sync.push(update(105, 110))))).toEqual(['skip:superseded']);
    const out = must(sync.push(update(112, 115)));
    expect(out).toEqual([{ kind: 'gap', gap: expect.objectContaining({ expected: 111, got: 112 }) }]);
    expect(out[0]!.kind === 'gap' && out[0]!.gap.reason).toMatch(/U=112 u=115 does not continue from u=110/);
  });

  it('buffers events until the snapshot, then bridges them; after a gap a new snapshot bridges the buffer again', () => {
    const sync = newSync();
    expect(kinds(must(sync.push(update(90, 99))))).toEqual(['skip:buffered']);
    expect(kinds(must(sync.push(update(100, 104, [['100.00', '3.000']]))))).toEqual(['skip:buffered']);
    expect(sync.buffered).toBe(2);
    expect(kinds(must(sync.push(snapshot(101))))).toEqual(['bookSnapshot', 'skip:superseded', 'bookDelta']);
    expect(sync.state).toBe('live');
    // Lost 105..107: gap; the following events are held for the next snapshot.
    expect(kinds(must(sync.push(update(108, 110))))).toEqual(['gap']);
    expect(kinds(must(sync.push(update(111, 112))))).toEqual(['skip:buffered']);
    const resync = must(sync.push(snapshot(109)));
    expect(kinds(resync)).toEqual(['bookSnapshot', 'bookDelta', 'bookDelta']);
    expect(resync.map((o) => (o.kind === 'apply' ? o.event.seq : 0))).toEqual([3, 4, 5]);
    expect(sync.state).toBe('live');
  });

  it('keeps only the most recent buffered events', () => {
    const sync = new BinanceSpotDepthSync({ venue: 'binance', symbol: 'BTC-USDT', maxBuffered: 3 });
    for (let i = 0; i < 10; i++) must(sync.push(update(100 + i, 100 + i)));
    expect(sync.buffered).toBe(3);
    expect(kinds(must(sync.push(snapshot(106))))).toEqual(['bookSnapshot', 'bookDelta', 'bookDelta', 'bookDelta']);
  });

  it('accepts the combined-stream wrapper', () => {
    const sync = newSync();
    must(sync.push(snapshot(100)));
    expect(kinds(must(sync.push({ stream: 'btcusdt@depth', data: update(101, 101) })))).toEqual(['bookDelta']);
  });

  it('refuses malformed messages with a reason, and a live book becomes stale', () => {
    const cases: [unknown, RegExp][] = [
      [{ lastUpdateId: 5, bids: [['abc', '1']], asks: [] }, /bids\[0\]: price "abc" is not a decimal number/],
      [{ lastUpdateId: 5, bids: [['1.00', '-1']], asks: [] }, /bids\[0\]: quantity "-1" is negative/],
      [{ lastUpdateId: 5, bids: [[1, '1']], asks: [] }, /bids\[0\] must be a \[price, qty\] pair of decimal strings/],
      [{ lastUpdateId: '5', bids: [], asks: [] }, /field "lastUpdateId" must be an integer/],
      [{ e: 'depthUpdate', s: 'BTCUSDT', u: 7, b: [], a: [] }, /missing field "U"/],
      [{ e: 'depthUpdate', s: 'BTCUSDT', U: 8, u: 7, b: [], a: [] }, /U=8 is after the last u=7/],
      [{ e: 'depthUpdate', s: 'ETHUSDT', U: 101, u: 101, b: [], a: [] }, /symbol ETHUSDT but this book is BTCUSDT/],
      [{ e: 'trade' }, /expected a depthUpdate event, got "trade"/],
      [[1, 2], /expected a JSON object/],
      [{ e: 'depthUpdate', s: 'BTCUSDT', U: 101, u: 101, b: [['100.001', '1']], a: [] }, /price "100.001" does not fit the book's scale: at most 2 decimals/],
      [{ e: 'depthUpdate', s: 'BTCUSDT', U: 2 ** 60, u: 2 ** 60, b: [], a: [] }, /beyond 2\^53/],
    ];
    for (const [message, reason] of cases) {
      const sync = newSync();
      must(sync.push(snapshot(100)));
      must(sync.push(update(101, 101)));
      const r = sync.push(message);
      expect(r.ok, JSON.stringify(message)).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('INVALID_INPUT');
        expect(r.error.message).toMatch(reason);
      }
      expect(sync.state).toBe('stale');
    }
  });

  it('converts prices and quantities exactly with the instrument scale', () => {
    const sync = new BinanceSpotDepthSync({
      venue: 'binance',
      symbol: 'BTC-USDT',
      scale: { priceDecimals: 2, qtyDecimals: 5, tickSize: 10, lotSize: 1 },
    });
    const out = must(sync.push({ lastUpdateId: 1, bids: [['64123.40', '0.00001']], asks: [['64123.50', '12.34567']] }));
    expect(out[0]).toMatchObject({ event: { bids: [[641234, 1]], asks: [[641235, 1234567]] } });
    const off = sync.push(update(2, 2, [['64123.45', '1']]));
    expect(!off.ok && off.error.message).toMatch(/not a multiple of the tick 0.10/);
  });

  it('ends with the venue book, or the last good book marked stale, on random streams with random losses', () => {
    fc.assert(
      fc.property(planArb({ drops: true }), (plan) => {
        const { lines, expected } = renderBinanceJson(plan, 'spot');
        const sync = newSync();
        const replay = replayLines(lines, (line) => sync.push(JSON.parse(line)));
        expect(replay.book).toEqual(expected.book);
        expect({ updates: replay.updates, gaps: replay.gaps, stale: sync.needsSnapshot }).toEqual({
          updates: expected.updates,
          gaps: expected.gaps,
          stale: expected.stale,
        });
      }),
      { numRuns: 300 },
    );
  });

  it('bridges a late first snapshot over buffered events wherever it lands in the stream', () => {
    const arb = planArb({ drops: false }).chain((plan) =>
      fc.record({ plan: fc.constant(plan), j: fc.nat({ max: plan.events.length - 1 }), p: fc.integer({ min: -1, max: plan.events.length - 1 }) }),
    );
    fc.assert(
      fc.property(arb, ({ plan, j, p }) => {
        const { lines, expected } = renderBinanceLaggedStart(plan, 'spot', j, p);
        const sync = newSync();
        const replay = replayLines(lines, (line) => sync.push(JSON.parse(line)));
        expect(replay.book).toEqual(expected.book);
        expect([replay.updates, replay.gaps, sync.state]).toEqual([expected.updates, 0, 'live']);
      }),
      { numRuns: 200 },
    );
  });
});
