import { describe, expect, it } from 'vitest';
import { averageRanks, hitRate, pearson, spearman } from './metrics';

describe('order-flow metrics, against hand-computed cases', () => {
  it('ranks with ties sharing the average rank', () => {
    expect(Array.from(averageRanks([10, 30, 20, 30]))).toEqual([1, 3.5, 2, 3.5]);
  });

  it('Spearman IC: perfect, reversed and a small mixed case', () => {
    expect(spearman([0.1, 0.2, 0.3, 0.4], [-2, -1, 1, 5])).toBeCloseTo(1, 12);
    expect(spearman([0.1, 0.2, 0.3, 0.4], [5, 1, -1, -2])).toBeCloseTo(-1, 12);
    // ranks of score 1,2,3,4,5; of move 2,1,4,3,5: Σd² = 4, rho = 1 − 6·4/(5·24) = 0.8
    expect(spearman([0.1, 0.2, 0.3, 0.4, 0.5], [0, -1, 3, 2, 7])).toBeCloseTo(0.8, 12);
    // with ties in the moves (flats): ranks of move [1.5, 1.5, 3] vs score [1, 2, 3]
    // Pearson of (1,2,3) and (1.5,1.5,3): Σab = 1.5, Σa² = 2, Σb² = 1.5 → 1.5/√3 = √3/2
    expect(spearman([0.2, 0.4, 0.9], [0, 0, 4])).toBeCloseTo(Math.sqrt(3) / 2, 12);
    expect(Number.isNaN(spearman([0.5, 0.5], [1, 2]))).toBe(true);
    expect(Number.isNaN(pearson([1], [1]))).toBe(true);
  });

  it('hit rate skips flat and unknown moves, counts p = 1/2 as a miss, and gives the binomial standard error', () => {
    const p = [0.6, 0.4, 0.7, 0.5, 0.9, 0.2];
    const m = [2, -1, -3, 1, 0, NaN];
    const h = hitRate(p, m);
    expect(h.n).toBe(4);
    expect(h.hits).toBe(2);
    expect(h.rate).toBe(0.5);
    expect(h.se).toBeCloseTo(Math.sqrt(0.25 / 4), 15);
    const none = hitRate([0.9], [0]);
    expect(none.n).toBe(0);
    expect(Number.isNaN(none.rate)).toBe(true);
  });
});
