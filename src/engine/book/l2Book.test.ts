import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rng } from '../core';
import { createL2Book, type BookSide, type L2Book, type L2BookOptions } from './l2Book';

type Op = { side: BookSide; price: number; qty: number };
type Model = Record<BookSide, Map<number, number>>;

/** The obviously-correct model: a Map per side, sorted only when read. */
function applyToModel(model: Model, { side, price, qty }: Op): void {
  if (qty > 0) model[side].set(price, qty);
  else model[side].delete(price);
}

function bestFirst(side: BookSide, levels: Map<number, number>): number[] {
  return [...levels.entries()].sort((a, b) => (side === 'bid' ? b[0] - a[0] : a[0] - b[0])).flat();
}

/** Everything a reader of the book can observe, compared with the model. */
function expectSame(book: L2Book, model: Model, k: number, prices: Iterable<number>): void {
  for (const side of ['bid', 'ask'] as const) {
    expect(side === 'bid' ? book.bidCount : book.askCount).toBe(model[side].size);
    const dst = new Float64Array(2 * k);
    const n = book.copyTop(side, k, dst, 0);
    const expected = bestFirst(side, model[side]).slice(0, 2 * k);
    expect(n).toBe(expected.length / 2);
    expect([...dst.subarray(0, 2 * n)]).toEqual(expected);
    for (const price of prices) expect(book.qtyAt(side, price)).toBe(model[side].get(price) ?? 0);
  }
}

function run(ops: Op[], options: L2BookOptions, k: number, checkEvery = Infinity): void {
  const book = createL2Book(options);
  const model: Model = { bid: new Map(), ask: new Map() };
  const prices = new Set<number>();
  ops.forEach((op, i) => {
    book.set(op.side, op.price, op.qty);
    applyToModel(model, op);
    prices.add(op.price);
    if ((i + 1) % checkEvery === 0) expectSame(book, model, k, []);
  });
  expectSame(book, model, k, prices);
}

const side = fc.constantFrom<BookSide>('bid', 'ask');
// 0 and negative quantities delete; a delete of a level that is not there must change nothing.
const qty = fc.oneof(fc.constant(0), fc.constant(-5), fc.integer({ min: 1, max: 2 ** 40 }));

/**
 * Prices as a walk: each op moves a centre by a step (mostly none, sometimes a few windows, sometimes
 * astronomically far, either way) and lands a few ticks around it, or jumps far off on its own. With a
 * 128-slot window this slides the window up and down, fills and drains the overflow and makes it grow.
 */
const walkOps = fc
  .tuple(
    fc.integer({ min: -1_000_000, max: 2 ** 45 }),
    fc.array(
      fc.record({
        side,
        qty,
        step: fc.oneof(
          { weight: 6, arbitrary: fc.constant(0) },
          { weight: 3, arbitrary: fc.integer({ min: -400, max: 400 }) },
          { weight: 1, arbitrary: fc.integer({ min: -(2 ** 40), max: 2 ** 40 }) },
        ),
        offset: fc.integer({ min: -300, max: 300 }),
        far: fc.option(fc.integer({ min: -(2 ** 50), max: 2 ** 50 }), { freq: 8 }),
      }),
      { maxLength: 400 },
    ),
  )
  .map(([start, steps]) => {
    let centre = start;
    return steps.map(({ side, qty, step, offset, far }): Op => {
      centre += step;
      return { side, qty, price: far ?? centre + offset };
    });
  });

describe('L2 book (price ladder) against a naive Map', () => {
  it('holds exactly the levels of a Map after any sequence of updates on a narrow price range', () => {
    const op = fc.record({ side, price: fc.integer({ min: 1, max: 60 }), qty });
    fc.assert(
      fc.property(fc.array(op, { maxLength: 400 }), fc.integer({ min: 1, max: 80 }), (ops, k) => run(ops, {}, k)),
      { numRuns: 300 },
    );
  });

  it('holds exactly the levels of a Map when prices walk and jump far outside a small window, both ways', () => {
    fc.assert(
      fc.property(walkOps, fc.integer({ min: 1, max: 300 }), (ops, k) => run(ops, { initialWindow: 128, maxWindow: 512 }, k, 25)),
      { numRuns: 300 },
    );
  });

  it('holds exactly the levels of a Map with the default window for the same walks', () => {
    fc.assert(
      fc.property(walkOps, fc.integer({ min: 1, max: 300 }), (ops, k) => run(ops, {}, k, 50)),
      { numRuns: 100 },
    );
  });

  it('loads a snapshot side exactly as clearing it and setting each level would, in any order', () => {
    const level = fc.tuple(fc.integer({ min: -5_000, max: 50_000 }), qty);
    const sortedOrNot = fc.oneof(
      fc.array(level, { maxLength: 300 }),
      // Strictly best first, as venues send them: bids descending, asks ascending.
      fc.uniqueArray(level, { selector: ([price]) => price, maxLength: 300 }).map((levels) => levels.sort((a, b) => b[0] - a[0])),
      fc.uniqueArray(level, { selector: ([price]) => price, maxLength: 300 }).map((levels) => levels.sort((a, b) => a[0] - b[0])),
    );
    fc.assert(
      fc.property(fc.array(fc.record({ side, price: fc.integer({ min: 0, max: 40_000 }), qty }), { maxLength: 50 }), side, sortedOrNot, (before, s, levels) => {
        const options = { initialWindow: 128, maxWindow: 1024 };
        const loaded = createL2Book(options);
        const model: Model = { bid: new Map(), ask: new Map() };
        for (const op of before) {
          loaded.set(op.side, op.price, op.qty);
          applyToModel(model, op);
        }
        loaded.loadSide(s, Float64Array.from(levels.flat()));
        model[s].clear();
        for (const [price, q] of levels) applyToModel(model, { side: s, price, qty: q });
        expectSame(loaded, model, 400, levels.map(([price]) => price));
      }),
      { numRuns: 300 },
    );
  });

  it('follows a long random walk of the mid, near-touch updates and deletes, like a live feed', () => {
    // 60,000 updates; the mid wanders thousands of ticks each way, so a 256-slot window slides often.
    const rng = new Rng(42);
    const ops: Op[] = [];
    let mid = 5_000_000;
    for (let i = 0; i < 60_000; i++) {
      if (rng.next() < 0.02) mid += rng.int(-40, 40);
      const s: BookSide = rng.next() < 0.5 ? 'bid' : 'ask';
      const depth = Math.floor(rng.exponential(30));
      const price = s === 'bid' ? mid - depth : mid + 1 + depth;
      ops.push({ side: s, price, qty: rng.next() < 0.25 ? 0 : rng.int(1, 1_000) });
    }
    run(ops, { initialWindow: 256, maxWindow: 1024 }, 60, 1000);
  });
});

describe('L2 book semantics', () => {
  it('holds 6,000 levels per side with the best first and the deepest still there', () => {
    const book = createL2Book();
    for (let i = 0; i < 6_000; i++) {
      book.set('bid', 1_000_000 - 2 * i, i + 1);
      book.set('ask', 1_000_001 + 2 * i, i + 1);
    }
    const top = new Float64Array(4);
    book.copyTop('bid', 2, top, 0);
    expect([...top]).toEqual([1_000_000, 1, 999_998, 2]);
    book.copyTop('ask', 2, top, 0);
    expect([...top]).toEqual([1_000_001, 1, 1_000_003, 2]);
    expect([book.bidCount, book.askCount]).toEqual([6_000, 6_000]);
    expect(book.qtyAt('bid', 1_000_000 - 2 * 5_999)).toBe(6_000);
    expect(book.qtyAt('ask', 1_000_001 + 2 * 5_999)).toBe(6_000);
    const all = new Float64Array(2 * 6_000);
    expect(book.copyTop('bid', 6_000, all, 0)).toBe(6_000);
    expect(all[2 * 5_999]).toBe(1_000_000 - 2 * 5_999);
  });

  it('finds the next level after the touch is deleted, however far below it is', () => {
    const book = createL2Book();
    book.set('bid', 100_000, 1);
    book.set('bid', 100_000 - 5_000, 2);
    book.set('bid', 100_000 - 900_000, 3); // deep enough to sit outside any window
    book.set('bid', 100_000, 0);
    const top = new Float64Array(2);
    book.copyTop('bid', 1, top, 0);
    expect([...top]).toEqual([95_000, 2]);
    book.set('bid', 95_000, 0);
    book.copyTop('bid', 1, top, 0);
    expect([...top]).toEqual([-800_000, 3]);
    expect(book.bidCount).toBe(1);
  });

  it('ignores deletes of levels that do not exist, inside, above and below the window, and on an empty book', () => {
    const book = createL2Book({ initialWindow: 128 });
    book.set('ask', 7, 0);
    expect(book.askCount).toBe(0);
    book.set('bid', 100, 5);
    book.set('bid', -10_000, 6);
    for (const price of [101, 99, 100_000, -9_999, -1_000_000]) book.set('bid', price, 0);
    expect(book.bidCount).toBe(2);
    expect([book.qtyAt('bid', 100), book.qtyAt('bid', -10_000)]).toEqual([5, 6]);
  });

  it('treats a quantity of 0 or less as a delete and replaces a quantity in place', () => {
    const book = createL2Book();
    book.set('ask', 200, 5);
    book.set('ask', 200, 9);
    expect([book.askCount, book.qtyAt('ask', 200)]).toEqual([1, 9]);
    book.set('ask', 200, -1);
    expect([book.askCount, book.qtyAt('ask', 200)]).toEqual([0, 0]);
  });

  it('starts over after clear, anywhere on the price axis', () => {
    const book = createL2Book();
    book.set('bid', 1_000, 1);
    book.set('ask', 1_001, 1);
    book.clear();
    expect([book.bidCount, book.askCount]).toEqual([0, 0]);
    expect(book.qtyAt('bid', 1_000)).toBe(0);
    book.set('bid', 2 ** 52, 3);
    const top = new Float64Array(2);
    book.copyTop('bid', 1, top, 0);
    expect([...top]).toEqual([2 ** 52, 3]);
  });

  it('refuses a price that is not a whole number of ticks: a normaliser bug, not a book state', () => {
    const book = createL2Book();
    book.set('bid', 100, 1);
    expect(() => book.set('bid', 100.5, 1)).toThrow(RangeError);
    expect(() => book.set('ask', Number.NaN, 1)).toThrow(RangeError);
    expect(book.bidCount).toBe(1);
  });

  it('rejects a window that is not a power of two', () => {
    expect(() => createL2Book({ initialWindow: 1000 })).toThrow(RangeError);
    expect(() => createL2Book({ initialWindow: 64 })).toThrow(RangeError);
  });
});
