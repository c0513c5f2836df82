import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InstrumentAnalytics } from './instrumentAnalytics';
import { marketStream, relClose, replay, type StreamEvent } from './marketStream.fixture';
import { normalCdf } from '../options';
import { Vpin, type VpinOptions } from './vpin';

describe('VPIN (Easley, López de Prado & O’Hara 2012)', () => {
  it('matches a hand-worked example of bulk classification and bucket spill-over', () => {
    // V = 10 lots per bucket, n = 2 buckets, 1 s bars.
    const v = new Vpin({ bucketVolume: 10, buckets: 2, barMs: 1_000, sigmaBars: 10 });
    v.onTrade(100, 5, 0); //        bar 0: close 100 — the reference, not classified
    v.onTrade(102, 4, 1_000); //    bar 1: ΔP = +2; one change known, σ undefined — not classified
    v.onTrade(101, 6, 2_000); //    bar 2: ΔP = −1; changes {2, −1}: σ = √4.5 = 2.1213
    //                              buy share Φ(−1/2.1213) = Φ(−0.4714) = 0.318676; bucket 1 holds 6 lots
    expect(v.value()).toBeUndefined();
    v.onTrade(104, 9, 3_000); //    bar 3: ΔP = +3; {2, −1, 3}: σ = √(13/3) = 2.0817, Φ(3/2.0817) = 0.925229
    //                              4 lots complete bucket 1, 5 lots start bucket 2
    expect(v.value()).toBeUndefined(); // bar 3 is still open
    v.onTrade(104, 15, 4_100); //   closes bar 3. Bucket 1: V^B = 6·0.318676 + 4·0.925229 = 5.612973
    const f2 = normalCdf(-1 / Math.sqrt(4.5));
    const f3 = normalCdf(3 / Math.sqrt(13 / 3));
    const b1 = 6 * f2 + 4 * f3;
    expect(b1).toBeCloseTo(5.612972955532581, 12);
    expect(v.value()).toBeCloseTo(Math.abs(2 * b1 - 10) / 10, 12); // |V^B − V^S|/V = 0.122595
    expect(v.completedBuckets).toBe(1);
    // Bar 4: ΔP = 0 → Φ(0) = ½. Its 15 lots: 5 complete bucket 2 (V^B = 5·0.925229 + 5·½ = 7.126147),
    // then a whole bucket 3 split evenly (|V^B − V^S| = 0). n = 2: VPIN = (|2·7.126147 − 10| + 0)/20.
    v.advance(5_000);
    const b2 = 5 * f3 + 5 * 0.5;
    expect(v.value()).toBeCloseTo((Math.abs(2 * b2 - 10) + 0) / 20, 12); // 0.212615
    expect(v.completedBuckets).toBe(2);
  });

  it('one-directional price moves drive VPIN towards 1', () => {
    const v = new Vpin({ bucketVolume: 10, buckets: 5, barMs: 1_000, sigmaBars: 20 });
    // Alternating small noise first so σ is small, then a one-way run of big up-moves.
    let p = 1_000;
    let t = 0;
    for (let i = 0; i < 10; i++) v.onTrade((p += i % 2 ? 1 : -1), 1, (t += 1_000));
    for (let i = 0; i < 10; i++) v.onTrade((p += 20), 10, (t += 1_000));
    v.advance((t += 1_000));
    expect(v.value()!).toBeGreaterThan(0.9);
  });

  it('ignores zero-volume trades and stays absent without buckets', () => {
    const v = new Vpin({ bucketVolume: 10 });
    v.onTrade(100, 0, 0);
    v.advance(1e9);
    expect(v.value()).toBeUndefined();
  });

  it('a single huge bar fills at most n buckets of work and keeps VPIN in [0, 1]', () => {
    const v = new Vpin({ bucketVolume: 1, buckets: 3, barMs: 1_000, sigmaBars: 2 });
    v.onTrade(100, 1, 0);
    v.onTrade(101, 1, 1_000);
    v.onTrade(103, 1, 2_000);
    v.onTrade(110, 1e12, 3_000);
    v.advance(4_000);
    expect(v.completedBuckets).toBe(3);
    expect(v.value()!).toBeGreaterThanOrEqual(0);
    expect(v.value()!).toBeLessThanOrEqual(1);
  });

  /**
   * Straightforward VPIN from the whole stream: build every closed bar, classify each with σ from a
   * two-pass standard deviation, lay the bars end to end on a cumulative-volume axis and integrate each
   * of the last n complete buckets' buy share by interval overlap (no pouring loop).
   */
  function naiveVpin(events: StreamEvent[], o: Required<VpinOptions>): number | undefined {
    const now = Math.max(...events.map((e) => e.ts));
    const bars: { idx: number; close: number; volume: number }[] = [];
    for (const e of events) {
      if (e.kind !== 'trade' || e.qty <= 0) continue;
      const idx = Math.floor(e.ts / o.barMs);
      const last = bars[bars.length - 1];
      if (last && last.idx === idx) {
        last.close = e.price;
        last.volume += e.qty;
      } else bars.push({ idx, close: e.price, volume: e.qty });
    }
    const closed = bars.filter((b) => b.idx < Math.floor(now / o.barMs));
    const dps: number[] = [];
    const classified: { volume: number; buy: number }[] = [];
    for (let j = 1; j < closed.length; j++) {
      dps.push(closed[j]!.close - closed[j - 1]!.close);
      const win = dps.slice(-o.sigmaBars);
      if (win.length < 2) continue;
      const mean = win.reduce((a, b) => a + b, 0) / win.length;
      const sd = Math.sqrt(win.reduce((a, b) => a + (b - mean) ** 2, 0) / (win.length - 1));
      const dp = dps[dps.length - 1]!;
      classified.push({ volume: closed[j]!.volume, buy: sd > 0 ? normalCdf(dp / sd) : 0.5 });
    }
    const total = classified.reduce((a, c) => a + c.volume, 0);
    const complete = Math.floor(total / o.bucketVolume);
    if (complete === 0) return undefined;
    const used: number[] = [];
    for (let t = Math.max(0, complete - o.buckets); t < complete; t++) {
      const [lo, hi] = [t * o.bucketVolume, (t + 1) * o.bucketVolume];
      let start = 0;
      let buy = 0;
      for (const c of classified) {
        const overlap = Math.max(0, Math.min(hi, start + c.volume) - Math.max(lo, start));
        buy += overlap * c.buy;
        start += c.volume;
      }
      used.push(Math.abs(2 * buy - o.bucketVolume) / o.bucketVolume);
    }
    return used.reduce((a, b) => a + b, 0) / used.length;
  }

  it('equals a naive recomputation on random streams', () => {
    const o: Required<VpinOptions> = { bucketVolume: 12, buckets: 4, barMs: 1_000, sigmaBars: 5 };
    let defined = 0;
    fc.assert(
      fc.property(marketStream(200, 20), (events) => {
        const ia = new InstrumentAnalytics({ vpin: o });
        replay(ia, events);
        const got = ia.values().vpin;
        const want = naiveVpin(events, o);
        if (want !== undefined) defined++;
        expect(relClose(got, want, 1e-9)).toBe(true);
      }),
      { numRuns: 200 },
    );
    expect(defined).toBeGreaterThan(50); // the comparison is not vacuous
  });
});
