import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sparklinePath } from './sparkline';

/** The [x, y] vertices of a path as drawn, one array per unbroken run. */
function runs(d: string): [number, number][][] {
  return d
    .split('M')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((run) => run.split('L').map((p) => p.trim().split(' ').map(Number) as [number, number]));
}

describe('sparklinePath', () => {
  it('draws nothing without a value', () => {
    expect(sparklinePath([], 100, 20).d).toBe('');
    expect(sparklinePath([Number.NaN, Number.NaN], 100, 20).d).toBe('');
  });

  it('spans the box: the highest value at the top, the lowest at the bottom, the newest at the right edge', () => {
    const s = sparklinePath([1, 3, 2], 100, 20, { pad: 0 });
    expect(runs(s.d)).toEqual([
      [
        [0, 20],
        [50, 0],
        [100, 10],
      ],
    ]);
    expect(s.last).toEqual({ x: 100, y: 10 });
  });

  it('breaks the line at a gap instead of drawing a slope across it', () => {
    const s = sparklinePath([1, Number.NaN, 3, 4], 30, 10, { pad: 0 });
    expect(runs(s.d).map((r) => r.length)).toEqual([1, 2]);
  });

  it('fills in from the right while the history is shorter than its capacity', () => {
    const s = sparklinePath([5, 6], 100, 10, { pad: 0, capacity: 11 });
    expect(runs(s.d)[0]!.map((p) => p[0])).toEqual([90, 100]);
  });

  it('draws a flat series through the middle', () => {
    const s = sparklinePath([7, 7, 7], 10, 20, { pad: 0 });
    expect(runs(s.d)[0]!.every((p) => p[1] === 10)).toBe(true);
  });

  it('puts the zero baseline of a signed series inside the box, between its extremes', () => {
    const s = sparklinePath([-1, 3], 10, 40, { pad: 0, zeroLine: true });
    expect(s.zeroY).toBe(30);
    const allPositive = sparklinePath([2, 4], 10, 40, { pad: 0, zeroLine: true });
    expect(allPositive.zeroY).toBe(40); // zero is pulled into the scale, at the bottom
  });

  it('never draws outside its box', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.double({ min: -1e9, max: 1e9, noNaN: true }), fc.constant(Number.NaN)), { maxLength: 130 }), (xs) => {
        for (const run of runs(sparklinePath(xs, 80, 16, { capacity: 120, zeroLine: true }).d)) {
          for (const [x, y] of run) {
            expect(x).toBeGreaterThanOrEqual(0);
            expect(x).toBeLessThanOrEqual(80);
            expect(y).toBeGreaterThanOrEqual(0);
            expect(y).toBeLessThanOrEqual(16);
          }
        }
      }),
    );
  });
});

describe('sparklinePath on a fixed range', () => {
  it('places values on the given scale rather than their own, clamping what lies outside', () => {
    const s = sparklinePath([0, 0.5, 2], 100, 20, { pad: 0, range: [-1, 1] });
    expect(s.d).toBe('M0 10L50 5L100 0');
  });
});
