import { describe, expect, it } from 'vitest';
import { computeBookShape } from './bookShape';

describe('computeBookShape', () => {
  const bids: [number, number][] = [[100, 3], [99, 5], [98, 10]];
  const asks: [number, number][] = [[102, 1], [103, 4]];

  it('gives spread, mid, microprice and N-level imbalance, worked by hand', () => {
    const s = computeBookShape(bids, asks, 2, {});
    expect(s.spread).toBe(2); // 102 − 100
    expect(s.mid).toBe(101); // (100 + 102) / 2
    // (P^b·Q^a + P^a·Q^b)/(Q^b + Q^a) = (100·1 + 102·3)/4 = 406/4: the big bid pulls towards the ask.
    expect(s.microprice).toBe(101.5);
    // Two levels: bid depth 3+5 = 8, ask depth 1+4 = 5 → (8−5)/(8+5).
    expect(s.imbalance).toBeCloseTo(3 / 13, 15);
  });

  it('uses only the levels that exist when N exceeds the book', () => {
    // Bid depth 18, ask depth 5 → 13/23.
    expect(computeBookShape(bids, asks, 10, {}).imbalance).toBeCloseTo(13 / 23, 15);
  });

  it('top-level imbalance is 2I − 1 with Stoikov’s I = Q^b/(Q^b+Q^a)', () => {
    const s = computeBookShape(bids, asks, 1, {});
    expect(s.imbalance).toBeCloseTo(2 * (3 / 4) - 1, 15);
  });

  it('a one-sided book has an imbalance of ±1 but no spread, mid or microprice', () => {
    expect(computeBookShape(bids, [], 5, {})).toEqual({ imbalance: 1, spread: undefined, mid: undefined, microprice: undefined });
    expect(computeBookShape([], asks, 5, {}).imbalance).toBe(-1);
  });

  it('an empty book has nothing, and stale fields of a reused object are cleared', () => {
    const out = computeBookShape(bids, asks, 5, {});
    computeBookShape([], [], 5, out);
    expect(out).toEqual({ spread: undefined, mid: undefined, microprice: undefined, imbalance: undefined });
  });

  it('zero sizes at the touch leave microprice and imbalance undefined rather than NaN', () => {
    const s = computeBookShape([[100, 0]], [[101, 0]], 3, {});
    expect(s).toEqual({ spread: 1, mid: 100.5, microprice: undefined, imbalance: undefined });
  });

  it('reports a crossed book as it is (negative spread)', () => {
    expect(computeBookShape([[101, 1]], [[100, 1]], 1, {}).spread).toBe(-1);
  });
});
