import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InstrumentAnalytics } from './instrumentAnalytics';
import { marketStream, midAsOf, relClose, replay, type StreamEvent } from './marketStream.fixture';
import { RealisedVolatility, type RealisedVolatilityOptions } from './realisedVolatility';

describe('realised volatility of mid log returns', () => {
  it('matches a hand-worked example', () => {
    // A "year" of 4 s makes the annualisation factor year/Δ = 4.
    const rv = new RealisedVolatility({ intervalMs: 1_000, returns: 3, yearMs: 4_000 });
    rv.onMid(100, 0);
    rv.onMid(110, 1_500); //   sample at 1 s: 100 (first sample, no return yet)
    expect(rv.value()).toBeUndefined();
    rv.onMid(99, 2_500); //    sample at 2 s: 110 → r₁ = ln(110/100) = ln 1.1
    rv.advance(3_000); //      sample at 3 s: 99  → r₂ = ln(99/110) = ln 0.9
    const r1 = Math.log(1.1);
    const r2 = Math.log(0.9);
    expect(rv.value()).toBeCloseTo(Math.sqrt(((r1 * r1 + r2 * r2) / 2) * 4), 14);
    rv.advance(5_000); //      samples at 4 s and 5 s: the mid did not move, two zero returns
    // Window of 3 returns: r₂, 0, 0.
    expect(rv.value()).toBeCloseTo(Math.sqrt(((r2 * r2) / 3) * 4), 14);
  });

  it('annualises over a 365-day year by default', () => {
    const rv = new RealisedVolatility({ intervalMs: 10_000, returns: 10 });
    // Mid alternating ±1% every 10 s: r² ≈ 1e-4 per 10 s, 3,153,600 intervals a year → ≈ 1767%.
    let m = 10_000;
    for (let i = 0; i <= 10; i++) rv.onMid((m = i % 2 ? m * 1.01 : m / 1.01), i * 10_000 + 1);
    rv.advance(11 * 10_000 + 1);
    const r = Math.log(1.01);
    expect(rv.value()).toBeCloseTo(Math.sqrt(r * r * 3_153_600), 6);
  });

  it('a grid point without a mid breaks the chain of returns', () => {
    const rv = new RealisedVolatility({ intervalMs: 1_000, returns: 10, yearMs: 1_000 });
    rv.onMid(100, 0);
    rv.onMid(undefined, 1_500); // sample at 1 s: 100; at 2 s: none
    rv.onMid(200, 2_500); //       sample at 3 s: 200 — no return across the hole
    rv.advance(4_000); //          sample at 4 s: 200 → one zero return
    expect(rv.value()).toBe(0);
  });

  /** Straightforward RV from the whole stream: every grid point's as-of mid, all returns, last n. */
  function naiveRv(events: StreamEvent[], o: Required<RealisedVolatilityOptions>): number | undefined {
    const I = o.intervalMs;
    const first = Math.floor(events[0]!.ts / I);
    const now = Math.floor(Math.max(...events.map((e) => e.ts)) / I);
    const samples: (number | undefined)[] = [];
    for (let k = first + 1; k <= now; k++) samples.push(midAsOf(events, k * I));
    const r: number[] = [];
    for (let i = 1; i < samples.length; i++) {
      const [a, b] = [samples[i - 1], samples[i]];
      if (a !== undefined && b !== undefined) r.push(Math.log(b / a));
    }
    const w = r.slice(-o.returns);
    if (w.length === 0) return undefined;
    return Math.sqrt((w.reduce((s, x) => s + x * x, 0) / w.length) * (o.yearMs / I));
  }

  it('equals a naive recomputation on random streams', () => {
    const o: Required<RealisedVolatilityOptions> = { intervalMs: 1_000, returns: 5, yearMs: 365 * 86_400_000 };
    let defined = 0;
    fc.assert(
      fc.property(marketStream(150, 20), (events) => {
        const ia = new InstrumentAnalytics({ realisedVol: o, vpin: { bucketVolume: 10 } });
        replay(ia, events);
        const want = naiveRv(events, o);
        if (want !== undefined) defined++;
        const got = ia.values().realisedVol;
        // Compared as variances: the rolling sum may keep ~1e-16 of an evicted return's square, which
        // the square root would blow up into a visible-looking 1e-9 when the true variance is exactly 0.
        expect(relClose(got === undefined ? undefined : got * got, want === undefined ? undefined : want * want, 1e-9)).toBe(true);
      }),
      { numRuns: 200 },
    );
    expect(defined).toBeGreaterThan(50);
  });
});
