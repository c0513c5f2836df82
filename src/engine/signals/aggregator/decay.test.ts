import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DecayedSeries } from './decay';

const H = 3_600_000;

describe('DecayedSeries', () => {
  it('weighs a point one half-life old exactly half as much as a point now', () => {
    const s = new DecayedSeries();
    s.add(0, -1);
    s.add(H, 1);
    // weights 0.5 and 1: (−0.5 + 1) / 1.5
    expect(s.mean(H, H)).toBeCloseTo(1 / 3, 14);
    // two half-lives: weights 0.25 and 1
    s.add(2 * H, 1);
    expect(s.mean(2 * H, H)).toBeCloseTo((-0.25 + 0.5 + 1) / 1.75, 14);
  });

  it('is exact whatever the insertion order, and ignores points after the asked time', () => {
    const a = new DecayedSeries();
    const b = new DecayedSeries();
    const pts: [number, number][] = [[0, 0.2], [1000, -0.6], [5000, 0.9], [2500, 0.1]];
    for (const [t, v] of pts) a.add(t, v);
    for (const [t, v] of [...pts].reverse()) b.add(t, v);
    const expected = pts.filter(([t]) => t <= 3000).reduce((acc, [t, v]) => {
      const w = 2 ** (-(3000 - t) / 2000);
      return { sw: acc.sw + w, swv: acc.swv + w * v };
    }, { sw: 0, swv: 0 });
    expect(a.mean(3000, 2000)).toBeCloseTo(expected.swv / expected.sw, 14);
    expect(b.mean(3000, 2000)).toBeCloseTo(expected.swv / expected.sw, 14);
    expect(a.newest()).toBe(5000);
  });

  it('stays within the range of its values (so compound scores give a level in [-1, 1])', () => {
    fc.assert(fc.property(
      fc.array(fc.tuple(fc.integer({ min: 0, max: 1e9 }), fc.double({ min: -1, max: 1, noNaN: true })), { minLength: 1, maxLength: 50 }),
      fc.integer({ min: 1, max: 1e8 }),
      (pts, hl) => {
        const s = new DecayedSeries();
        for (const [t, v] of pts) s.add(t, v);
        const m = s.mean(1e9, hl);
        return m === undefined || (m >= -1 - 1e-12 && m <= 1 + 1e-12);
      },
    ));
  });

  it('keeps at most maxPoints newest points, and prunes points ~30 half-lives old', () => {
    const s = new DecayedSeries(3);
    for (let i = 0; i < 5; i++) s.add(i, i);
    expect(s.size).toBe(3);
    expect(s.mean(4, 1e12)).toBeCloseTo(3, 9);
    s.prune(4 + 30 * 1 + 0.5, 1);
    expect(s.size).toBe(0);
    expect(s.mean(100, 1)).toBeUndefined();
  });
});
