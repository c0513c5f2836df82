import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InstrumentAnalytics } from './instrumentAnalytics';
import { KyleLambda, type KyleLambdaOptions } from './kyleLambda';
import { marketStream, midAsOf, relClose, replay, type StreamEvent } from './marketStream.fixture';

describe("Kyle's lambda (rolling OLS of mid change on signed volume)", () => {
  it('matches a regression worked by hand', () => {
    const k = new KyleLambda({ intervalMs: 1_000, intervals: 10 });
    k.onMid(100, 0); //            interval 0 has no mid at its start: no observation
    k.onTrade(5, 'buy', 500);
    k.onMid(100, 1_000); //        interval 1 starts at mid 100
    k.onTrade(4, 'buy', 1_200);
    k.onMid(102, 1_500);
    k.onTrade(2, 'sell', 2_000); // closes 1: S = +4, ΔM = 102 − 100 = +2
    expect(k.value()).toBeUndefined(); // one observation
    k.onMid(101, 2_600);
    k.onTrade(6, 'buy', 3_000); //  closes 2: S = −2, ΔM = 101 − 102 = −1
    // Two points (4, 2), (−2, −1): slope (2 − (−1)) / (4 − (−2)) = 1/2.
    expect(k.value()).toBe(0.5);
    k.onMid(105, 3_100);
    k.advance(4_000); //            closes 3: S = +6, ΔM = 105 − 101 = +4
    // n = 3, ΣS = 8, ΣΔM = 5, ΣS·ΔM = 8 + 2 + 24 = 34, ΣS² = 16 + 4 + 36 = 56
    // λ = (3·34 − 8·5) / (3·56 − 8²) = 62/104
    expect(k.value()).toBeCloseTo(62 / 104, 15);
    k.advance(6_000); //            two quiet intervals: (0, 0) twice → (5·34 − 40)/(5·56 − 64) = 130/216
    expect(k.value()).toBeCloseTo(130 / 216, 15);
  });

  it('skips intervals without a mid at either end', () => {
    const k = new KyleLambda({ intervalMs: 1_000, intervals: 10 });
    k.onMid(100, 0);
    k.onMid(101, 1_000);
    k.onTrade(3, 'buy', 1_100);
    k.onMid(undefined, 1_500); //  book emptied: interval 1 has no end mid
    k.onMid(104, 2_500); //        interval 2 has no start mid
    k.onTrade(1, 'buy', 2_600);
    k.advance(3_000);
    k.onTrade(2, 'sell', 3_100);
    k.onMid(103, 3_200);
    k.onTrade(4, 'buy', 4_000); // closes 3: (−2, −1)
    k.onMid(106, 4_100);
    k.advance(5_000); //           closes 4: (4, 3)
    expect(k.value()).toBeCloseTo((3 - -1) / (4 - -2), 15);
  });

  it('is absent when signed volume never varies, and a long silence is bounded work', () => {
    const k = new KyleLambda({ intervalMs: 1_000, intervals: 5 });
    k.onMid(100, 0);
    k.advance(1e15); // quiet intervals only: S = 0 throughout, no slope
    expect(k.value()).toBeUndefined();
  });

  /** Straightforward regression from the whole stream: every interval, mids as of its ends, centred OLS. */
  function naiveLambda(events: StreamEvent[], o: Required<KyleLambdaOptions>): number | undefined {
    const I = o.intervalMs;
    const first = Math.floor(events[0]!.ts / I);
    const now = Math.floor(Math.max(...events.map((e) => e.ts)) / I);
    const obs: [number, number][] = [];
    for (let k = first; k < now; k++) {
      const m0 = k === first ? undefined : midAsOf(events, k * I);
      const m1 = midAsOf(events, (k + 1) * I);
      let s = 0;
      for (const e of events) {
        if (e.kind === 'trade' && e.qty > 0 && Math.floor(e.ts / I) === k) s += e.aggressor === 'buy' ? e.qty : -e.qty;
      }
      if (m0 !== undefined && m1 !== undefined) obs.push([s, m1 - m0]);
    }
    const w = obs.slice(-o.intervals);
    if (w.length < 2) return undefined;
    const mx = w.reduce((a, [x]) => a + x, 0) / w.length;
    const my = w.reduce((a, [, y]) => a + y, 0) / w.length;
    const sxx = w.reduce((a, [x]) => a + (x - mx) ** 2, 0);
    const sxy = w.reduce((a, [x, y]) => a + (x - mx) * (y - my), 0);
    return sxx > 0 ? sxy / sxx : undefined;
  }

  it('equals a naive recomputation on random streams', () => {
    const o: Required<KyleLambdaOptions> = { intervalMs: 1_000, intervals: 6 };
    let defined = 0;
    fc.assert(
      fc.property(marketStream(150, 20), (events) => {
        const ia = new InstrumentAnalytics({ kyle: o, vpin: { bucketVolume: 10 } });
        replay(ia, events);
        const want = naiveLambda(events, o);
        if (want !== undefined) defined++;
        expect(relClose(ia.values().kyleLambda, want, 1e-9)).toBe(true);
      }),
      { numRuns: 200 },
    );
    expect(defined).toBeGreaterThan(50);
  });
});
