import fc from 'fast-check';
import type { Lots, Side, Ticks } from '../core';

/** One input event of a random market stream, as the analytics receive it. */
export type StreamEvent =
  | { kind: 'book'; ts: number; bids: [Ticks, Lots][]; asks: [Ticks, Lots][] }
  | { kind: 'trade'; ts: number; price: Ticks; qty: Lots; aggressor: Side };

const step = fc.record({
  dt: fc.oneof(fc.integer({ min: 0, max: 700 }), fc.integer({ min: 0, max: 4_000 })),
  kind: fc.constantFrom('book', 'book', 'book', 'trade', 'trade', 'oneSided', 'empty'),
  move: fc.integer({ min: -3, max: 3 }),
  halfSpread: fc.integer({ min: 1, max: 3 }),
  bidQty: fc.integer({ min: 1, max: 30 }),
  askQty: fc.integer({ min: 1, max: 30 }),
  depth: fc.integer({ min: 1, max: 4 }),
  qty: fc.oneof(fc.integer({ min: 1, max: 25 }), fc.constant(0)),
  aggressor: fc.constantFrom<Side>('buy', 'sell'),
});

/**
 * Random, time-ordered book pictures and trades around a random-walking price: two-sided books of 1-4
 * levels, some one-sided or empty pictures, trades (some of zero size), quiet gaps of a few seconds.
 */
export const marketStream = (maxLength = 150, minLength = 1): fc.Arbitrary<StreamEvent[]> =>
  fc.array(step, { minLength, maxLength }).map((steps) => {
    let ts = 1_700_000_000_000;
    let centre = 10_000;
    const out: StreamEvent[] = [];
    for (const s of steps) {
      ts += s.dt;
      centre += s.move;
      const bid = centre - s.halfSpread;
      const ask = centre + s.halfSpread;
      const side = (top: Ticks, dir: number, q: Lots): [Ticks, Lots][] =>
        Array.from({ length: s.depth }, (_, i) => [top + dir * i, q + i] as [Ticks, Lots]);
      switch (s.kind) {
        case 'book':
          out.push({ kind: 'book', ts, bids: side(bid, -1, s.bidQty), asks: side(ask, 1, s.askQty) });
          break;
        case 'oneSided':
          out.push({ kind: 'book', ts, bids: s.move >= 0 ? side(bid, -1, s.bidQty) : [], asks: s.move >= 0 ? [] : side(ask, 1, s.askQty) });
          break;
        case 'empty':
          out.push({ kind: 'book', ts, bids: [], asks: [] });
          break;
        case 'trade':
          out.push({ kind: 'trade', ts, price: s.aggressor === 'buy' ? ask : bid, qty: s.qty, aggressor: s.aggressor });
          break;
      }
    }
    return out;
  });

/** Mid of a picture, or undefined when it is not two-sided. */
export function midOf(e: { bids: [Ticks, Lots][]; asks: [Ticks, Lots][] }): number | undefined {
  const b = e.bids[0];
  const a = e.asks[0];
  return b && a ? (b[0] + a[0]) / 2 : undefined;
}

/** The mid "as of" time t: set by the last book picture stamped strictly before t (undefined if none). */
export function midAsOf(events: StreamEvent[], t: number): number | undefined {
  let mid: number | undefined;
  for (const e of events) {
    if (e.ts >= t) break;
    if (e.kind === 'book') mid = midOf(e);
  }
  return mid;
}

export function relClose(a: number | undefined, b: number | undefined, tol = 1e-9): boolean {
  if (a === undefined || b === undefined) return a === b;
  return Math.abs(a - b) <= tol * Math.max(1, Math.abs(a), Math.abs(b));
}

/** Feeds a stream into anything with the InstrumentAnalytics input methods. */
export function replay(
  target: { onBook(b: [Ticks, Lots][], a: [Ticks, Lots][], ts: number): void; onTrade(p: Ticks, q: Lots, s: Side, ts: number): void },
  events: StreamEvent[],
): void {
  for (const e of events) {
    if (e.kind === 'book') target.onBook(e.bids, e.asks, e.ts);
    else target.onTrade(e.price, e.qty, e.aggressor, e.ts);
  }
}
