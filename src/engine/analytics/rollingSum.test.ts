import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RollingSum } from './rollingSum';

describe('RollingSum', () => {
  it('sums the last `capacity` values', () => {
    const r = new RollingSum(3);
    for (const x of [1, 2, 3, 4, 5]) r.push(x);
    expect(r.count).toBe(3);
    expect(r.sum).toBe(12); // 3 + 4 + 5
  });

  it('equals a direct sum of the window for any stream, without drift', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20 }), fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { maxLength: 300 }), (cap, xs) => {
        const r = new RollingSum(cap);
        xs.forEach((x) => r.push(x));
        const want = xs.slice(-cap).reduce((a, b) => a + b, 0);
        expect(Math.abs(r.sum - want)).toBeLessThanOrEqual(1e-6);
      }),
    );
  });

  it('a tiny value after huge ones is not lost to accumulated rounding', () => {
    const r = new RollingSum(2);
    for (let i = 0; i < 1000; i++) r.push(i % 2 ? 1e17 : -1e17 + 0.1);
    r.push(0.25);
    r.push(0.5);
    expect(r.sum).toBe(0.75);
  });
});
