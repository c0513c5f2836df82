import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InstrumentAnalytics } from './instrumentAnalytics';
import { marketStream, replay, type StreamEvent } from './marketStream.fixture';
import { ofiContribution, OrderFlowImbalance, type OfiWindow } from './orderFlowImbalance';

describe('order-flow imbalance (Cont, Kukanov & Stoikov 2014)', () => {
  /*
   * Worked by hand. e_n = 1{Pb≥Pb'}·qb − 1{Pb≤Pb'}·qb' − 1{Pa≤Pa'}·qa + 1{Pa≥Pa'}·qa'  (' = previous)
   *   t=0     bid 100×5, ask 101×4   reference, no contribution
   *   t=1000  bid 100×7, ask 101×4   bid price same: +7 − 5 = +2; ask same: −4 + 4 = 0      → e1 = +2
   *   t=2000  bid 101×3, ask 102×6   bid up: +3 (old queue not removed); ask up: +4 (old ask
   *                                  queue gone, supply removed); new ask size not counted  → e2 = +7
   *   t=3000  bid 100×8, ask 101×2   bid down: −3 (old bid queue gone); ask down: −2          → e3 = −5
   *   Σ = 4.
   */
  const pictures: [number, number, number, number, number][] = [
    [0, 100, 5, 101, 4],
    [1000, 100, 7, 101, 4],
    [2000, 101, 3, 102, 6],
    [3000, 100, 8, 101, 2],
  ];
  const run = (window: OfiWindow) => {
    const ofi = new OrderFlowImbalance(window);
    for (const [ts, b, bq, a, aq] of pictures) ofi.onTop(b, bq, a, aq, ts);
    return ofi;
  };

  it('matches the hand-worked contributions', () => {
    expect(ofiContribution(100, 5, 101, 4, 100, 7, 101, 4)).toBe(2);
    expect(ofiContribution(100, 7, 101, 4, 101, 3, 102, 6)).toBe(7);
    expect(ofiContribution(101, 3, 102, 6, 100, 8, 101, 2)).toBe(-5);
    expect(run({ events: 100 }).value()).toBe(4);
  });

  it('sums only the last N events, or the last T ms', () => {
    expect(run({ events: 2 }).value()).toBe(2); // e2 + e3
    expect(run({ ms: 2_500 }).value()).toBe(4); // (500, 3000]: e1, e2, e3
    expect(run({ ms: 1_500 }).value()).toBe(2); // (1500, 3000]: e2, e3
    const ofi = run({ ms: 1_500 });
    ofi.advance(4_400); // a trade later: (2900, 4400] keeps only e3
    expect(ofi.value()).toBe(-5);
    ofi.advance(10_000);
    expect(ofi.value()).toBe(0); // no flow, but the book is known: zero, not unknown
  });

  it('a one-sided or empty book breaks the chain instead of inventing flow', () => {
    const ofi = new OrderFlowImbalance({ events: 10 });
    expect(ofi.value()).toBeUndefined();
    ofi.onTop(100, 5, 101, 4, 0);
    ofi.onTop(100, 5, undefined, 0, 1);
    expect(ofi.value()).toBeUndefined(); // no flow seen and no two-sided book: unknown, not zero
    ofi.onTop(90, 50, 91, 1, 2); // new reference after the gap, no contribution
    expect(ofi.value()).toBe(0);
    ofi.onTop(90, 51, 91, 1, 3);
    expect(ofi.value()).toBe(1);
    ofi.onTop(undefined, 0, undefined, 0, 4);
    expect(ofi.value()).toBe(1); // the flow already seen stays in the window
  });

  it('keeps exact sums while its ring grows and wraps (long windows)', () => {
    for (const window of [{ events: 700 }, { ms: 50_000 }] as OfiWindow[]) {
      const ofi = new OrderFlowImbalance(window);
      const all: { ts: number; e: number }[] = [];
      let prevQty = 10;
      for (let i = 0; i < 3_000; i++) {
        const qty = 1 + ((i * 7919) % 50); // same prices throughout: e_n = Δ bid size
        ofi.onTop(100, qty, 101, 5, i * 37);
        if (i > 0) all.push({ ts: i * 37, e: qty - prevQty });
        prevQty = qty;
      }
      const now = 2_999 * 37;
      const kept = 'events' in window ? all.slice(-window.events) : all.filter((c) => c.ts > now - window.ms);
      expect(ofi.value()).toBe(kept.reduce((s, c) => s + c.e, 0));
    }
  });

  /** Straightforward OFI from the whole stream: all contributions, then filter by window. */
  function naiveOfi(events: StreamEvent[], window: OfiWindow): number | undefined {
    const contributions: { ts: number; e: number }[] = [];
    let prev: { b: number; bq: number; a: number; aq: number } | undefined;
    let now = -Infinity;
    for (const ev of events) {
      now = Math.max(now, ev.ts);
      if (ev.kind !== 'book') continue;
      const [b, a] = [ev.bids[0], ev.asks[0]];
      if (!b || !a) {
        prev = undefined;
        continue;
      }
      const cur = { b: b[0], bq: b[1], a: a[0], aq: a[1] };
      if (prev) {
        let e = 0;
        if (cur.b > prev.b) e = cur.bq;
        else if (cur.b === prev.b) e = cur.bq - prev.bq;
        else e = -prev.bq;
        if (cur.a < prev.a) e -= cur.aq;
        else if (cur.a === prev.a) e -= cur.aq - prev.aq;
        else e += prev.aq;
        contributions.push({ ts: now, e });
      }
      prev = cur;
    }
    const inWindow = 'events' in window ? contributions.slice(-window.events) : contributions.filter((c) => c.ts > now - window.ms);
    if (inWindow.length > 0) return inWindow.reduce((s, c) => s + c.e, 0);
    return prev ? 0 : undefined;
  }

  it.each<[string, OfiWindow]>([
    ['event', { events: 7 }],
    ['time', { ms: 3_000 }],
  ])('equals a naive recomputation on random streams (%s window)', (_, window) => {
    fc.assert(
      fc.property(marketStream(), (events) => {
        const ia = new InstrumentAnalytics({ ofiWindow: window, vpin: { bucketVolume: 10 } });
        replay(ia, events);
        expect(ia.values().ofi).toBe(naiveOfi(events, window));
      }),
      { numRuns: 200 },
    );
  });
});
