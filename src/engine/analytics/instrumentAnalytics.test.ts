import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AnalyticsValues } from './analyticsValues';
import { InstrumentAnalytics, type InstrumentAnalyticsOptions } from './instrumentAnalytics';
import { marketStream, replay } from './marketStream.fixture';

const small: InstrumentAnalyticsOptions = {
  imbalanceLevels: 2,
  ofiWindow: { events: 10 },
  vpin: { bucketVolume: 10, buckets: 3, barMs: 1_000, sigmaBars: 5 },
  kyle: { intervalMs: 1_000, intervals: 5 },
  realisedVol: { intervalMs: 1_000, returns: 5, yearMs: 1_000 },
  pin: { periodMs: 10_000, periods: 6, minPeriods: 3 },
};

describe('InstrumentAnalytics', () => {
  it('reports nothing but the configuration before any data', () => {
    expect(new InstrumentAnalytics(small).values()).toEqual({ imbalanceLevels: 2 });
  });

  it('reports the book shape of the latest picture', () => {
    const a = new InstrumentAnalytics(small);
    a.onBook([[100, 3], [99, 5], [98, 50]], [[102, 1], [103, 4]], 0);
    // No flow yet, but a known book: OFI is 0 rather than unknown.
    expect(a.values()).toEqual({ imbalanceLevels: 2, spread: 2, mid: 101, microprice: 101.5, imbalance: 3 / 13, ofi: 0 });
    // Second picture: bid queue grows by 2 at the same price → OFI = +2.
    a.onBook([[100, 5], [99, 5]], [[102, 1], [103, 4]], 100);
    expect(a.values().ofi).toBe(2);
  });

  it('a one-sided or empty book leaves keys absent, never NaN', () => {
    const a = new InstrumentAnalytics(small);
    a.onBook([[100, 3]], [], 0);
    expect(a.values()).toEqual({ imbalanceLevels: 2, imbalance: 1 });
    a.onBook([], [], 1);
    expect(a.values()).toEqual({ imbalanceLevels: 2 });
  });

  it('a zero-volume trade changes nothing', () => {
    const a = new InstrumentAnalytics(small);
    a.onBook([[100, 3]], [[101, 3]], 0);
    a.onTrade(101, 4, 'buy', 10);
    const before = a.values();
    a.onTrade(101, 0, 'buy', 10);
    expect(a.values()).toEqual(before);
  });

  it('a timestamp from the past is treated as now, not as time travel', () => {
    const a = new InstrumentAnalytics(small);
    const b = new InstrumentAnalytics(small);
    for (const x of [a, b]) {
      x.onBook([[100, 3]], [[102, 3]], 5_000);
      x.onBook([[101, 3]], [[103, 3]], 6_500);
    }
    a.onTrade(103, 2, 'buy', 1_000); // late
    b.onTrade(103, 2, 'buy', 6_500);
    for (const x of [a, b]) x.onBook([[101, 3]], [[103, 3]], 9_000);
    expect(a.values()).toEqual(b.values());
  });

  it('rejects nonsensical configuration as a programming error', () => {
    expect(() => new InstrumentAnalytics({ ...small, imbalanceLevels: 0 })).toThrow(RangeError);
    expect(() => new InstrumentAnalytics({ ...small, vpin: { bucketVolume: 0 } })).toThrow(RangeError);
    expect(() => new InstrumentAnalytics({ ...small, ofiWindow: { ms: -1 } })).toThrow(RangeError);
    expect(() => new InstrumentAnalytics({ ...small, pin: { periods: 5, minPeriods: 9 } })).toThrow(RangeError);
  });

  const inRange = (v: AnalyticsValues): void => {
    for (const [key, x] of Object.entries(v)) {
      expect(typeof x, key).toBe('number');
      expect(Number.isFinite(x), key).toBe(true);
    }
    if (v.imbalance !== undefined) expect(Math.abs(v.imbalance)).toBeLessThanOrEqual(1);
    for (const p of [v.vpin, v.pin]) {
      if (p === undefined) continue;
      expect(p).toBeGreaterThanOrEqual(0);
      expect(p).toBeLessThanOrEqual(1);
    }
    if (v.realisedVol !== undefined) expect(v.realisedVol).toBeGreaterThanOrEqual(0);
  };

  it('never lets NaN or ±∞ escape, and keeps bounded values in range, on any stream', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(marketStream(200, 30), (events) => {
        const a = new InstrumentAnalytics(small);
        for (const e of events) {
          replay(a, [e]);
          const v = a.values();
          inRange(v);
          Object.keys(v).forEach((k) => seen.add(k));
        }
      }),
      { numRuns: 60 },
    );
    // Every statistic was produced at some point, so the property covered them all.
    expect([...seen].sort()).toEqual(
      ['imbalance', 'imbalanceLevels', 'kyleLambda', 'microprice', 'mid', 'ofi', 'pin', 'realisedVol', 'spread', 'vpin'].sort(),
    );
  });

  it('survives extreme inputs: huge gaps, huge sizes, price 1 tick', () => {
    const a = new InstrumentAnalytics(small);
    a.onBook([[1, 1e12]], [[2, 1]], 0);
    a.onTrade(2, 1e12, 'buy', 1);
    a.onTrade(1, 1, 'sell', 1e13);
    a.onBook([[1, 1]], [[2, 1e12]], 2e13);
    a.onTrade(2, 5, 'buy', 9e15);
    inRange(a.values());
  });
});
