import { describe, expect, it } from 'vitest';
import { LadderSide } from './ladderSide';

const topOf = (side: LadderSide, k: number): number[] => {
  const dst = new Float64Array(2 * k);
  return [...dst.subarray(0, 2 * side.copyTop(k, dst, 0))];
};

describe('ladder side window', () => {
  it('anchors on the first price with room above it for better prices', () => {
    const bids = new LadderSide(1, { initialWindow: 128 });
    bids.set(10_000, 1);
    const { base, width } = bids.window;
    expect(base % 32).toBe(0);
    expect(10_000 - base).toBeGreaterThanOrEqual(width - width / 4);
    expect(10_000 - base).toBeLessThan(width);
  });

  it('slides up for a better price, moving the deepest levels to the overflow without losing them', () => {
    const asks = new LadderSide(-1, { initialWindow: 128 });
    for (let p = 1_000; p < 1_100; p++) asks.set(p, p);
    asks.set(900, 1); // 100 ticks better than the best ask: the window must move towards it
    expect(asks.window.overflow).toBeGreaterThan(0);
    expect(asks.count).toBe(101);
    expect(topOf(asks, 2)).toEqual([900, 1, 1_000, 1_000]);
    expect(asks.qtyAt(1_099)).toBe(1_099);
  });

  it('slides back down and pulls levels in from the overflow when the touch walks away', () => {
    const bids = new LadderSide(1, { initialWindow: 128 });
    for (let p = 0; p < 400; p++) bids.set(p, 1);
    const deep = bids.window.overflow;
    expect(deep).toBeGreaterThan(0);
    for (let p = 399; p >= 200; p--) bids.set(p, 0); // the touch walks 200 ticks down
    expect(bids.window.overflow).toBeLessThan(deep);
    expect(topOf(bids, 1)).toEqual([199, 1]);
    expect(bids.count).toBe(200);
  });

  it('doubles its window, up to the maximum, when updates keep landing in the overflow', () => {
    const bids = new LadderSide(1, { initialWindow: 128, maxWindow: 1024 });
    // A snapshot load is a one-off: it never counts as a busy overflow.
    bids.load(Float64Array.from({ length: 4_000 }, (_, i) => (i % 2 ? 1 : 10_000 - i / 2)));
    expect(bids.window.width).toBe(128);
    expect(bids.window.overflow).toBeGreaterThan(1_800);
    expect(bids.count).toBe(2_000);
    for (let round = 0; round < 20; round++) for (let p = 0; p < 2_000; p += 7) bids.set(10_000 - p, round + 2);
    expect(bids.window.width).toBe(1024);
    expect(bids.count).toBe(2_000);
    expect(bids.qtyAt(10_000 - 1_995)).toBe(21);
    expect(topOf(bids, 2)).toEqual([10_000, 21, 9_999, 1]);
  });

  it('does not grow for busy quotes far beyond what any window could hold', () => {
    const bids = new LadderSide(1, { initialWindow: 128, maxWindow: 1024 });
    for (let p = 0; p < 50; p++) bids.set(10_000_000 - p, 1);
    for (let round = 0; round < 5_000; round++) bids.set(round % 10, round + 1); // junk bids near price 0
    expect(bids.window.width).toBe(128);
    expect(bids.count).toBe(60);
    expect(bids.qtyAt(9)).toBe(5_000);
  });
});
