import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createL2Book, type BookSide } from './l2Book';

type Op = { side: BookSide; price: number; qty: number };

const op = fc.record({
  side: fc.constantFrom<BookSide>('bid', 'ask'),
  // A narrow price range so the same levels are hit, replaced and deleted often.
  price: fc.integer({ min: 1, max: 60 }),
  qty: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 1_000_000 })),
});

/** The obviously-correct model: a Map per side, sorted only when read. */
function reference(ops: Op[]): Record<BookSide, Map<number, number>> {
  const sides = { bid: new Map<number, number>(), ask: new Map<number, number>() };
  for (const { side, price, qty } of ops) {
    if (qty > 0) sides[side].set(price, qty);
    else sides[side].delete(price);
  }
  return sides;
}

function bestFirst(side: BookSide, levels: Map<number, number>): number[] {
  const sorted = [...levels.entries()].sort((a, b) => (side === 'bid' ? b[0] - a[0] : a[0] - b[0]));
  return sorted.flat();
}

describe('L2 book (sorted arrays)', () => {
  it('holds exactly the levels a naive Map holds after any sequence of absolute updates', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 400 }), fc.integer({ min: 1, max: 80 }), (ops, k) => {
        const book = createL2Book();
        for (const { side, price, qty } of ops) book.set(side, price, qty);
        const model = reference(ops);
        for (const side of ['bid', 'ask'] as const) {
          expect(side === 'bid' ? book.bidCount : book.askCount).toBe(model[side].size);
          const dst = new Float64Array(2 * k);
          const n = book.copyTop(side, k, dst, 0);
          const expected = bestFirst(side, model[side]).slice(0, 2 * k);
          expect(n).toBe(expected.length / 2);
          expect([...dst.subarray(0, 2 * n)]).toEqual(expected);
          for (let price = 1; price <= 60; price++) expect(book.qtyAt(side, price)).toBe(model[side].get(price) ?? 0);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('grows past its initial capacity and keeps the best level first on both sides', () => {
    const book = createL2Book();
    for (let i = 1; i <= 1000; i++) {
      book.set('bid', 10_000 - i, i);
      book.set('ask', 10_000 + i, i);
    }
    const top = new Float64Array(4);
    book.copyTop('bid', 2, top, 0);
    expect([...top]).toEqual([9_999, 1, 9_998, 2]);
    book.copyTop('ask', 2, top, 0);
    expect([...top]).toEqual([10_001, 1, 10_002, 2]);
    expect(book.bidCount).toBe(1000);
    book.clear();
    expect(book.bidCount + book.askCount).toBe(0);
  });

  it('ignores the deletion of a level that does not exist', () => {
    const book = createL2Book();
    book.set('bid', 100, 5);
    book.set('bid', 101, 0);
    expect(book.bidCount).toBe(1);
    expect(book.qtyAt('bid', 100)).toBe(5);
  });
});
