import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MatchingEngine } from './matchingEngine';

type Op =
  | { kind: 'submit'; side: 'buy' | 'sell'; type: 'limit' | 'market'; tif: 'GTC' | 'IOC'; postOnly: boolean; price: number; qty: number }
  | { kind: 'cancel'; pick: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('submit' as const),
      side: fc.constantFrom('buy' as const, 'sell' as const),
      type: fc.constantFrom('limit' as const, 'limit' as const, 'market' as const),
      tif: fc.constantFrom('GTC' as const, 'IOC' as const),
      postOnly: fc.boolean(),
      price: fc.integer({ min: 90, max: 110 }),
      qty: fc.integer({ min: 1, max: 20 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat() }) },
);

interface Ledger {
  submitted: number;
  filled: number;
  canceled: number;
}

describe('MatchingEngine properties', () => {
  it('never leaves a crossed book and conserves every order quantity', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 200 }), (ops) => {
        const e = new MatchingEngine();
        const ledgers = new Map<number, Ledger>();
        const ids: number[] = [];
        // A consumer's copy of the book, kept only from the published level changes.
        const mirror = { buy: new Map<number, number>(), sell: new Map<number, number>() };

        for (const op of ops) {
          if (op.kind === 'submit') {
            const r = e.submit({ owner: 0, ...op, postOnly: op.type === 'limit' && op.postOnly });
            if (r.ok) {
              ledgers.set(r.id, { submitted: op.qty, filled: r.filled, canceled: r.canceled });
              ids.push(r.id);
              for (const f of r.fills) ledgers.get(f.makerId)!.filled += f.qty;
              expect(r.fills.reduce((s, f) => s + f.qty, 0)).toBe(r.filled);
            }
          } else if (ids.length > 0) {
            const id = ids[op.pick % ids.length]!;
            const qty = e.cancel(id);
            if (qty !== undefined) ledgers.get(id)!.canceled += qty;
          }

          const bid = e.bestBid();
          const ask = e.bestAsk();
          if (bid !== undefined && ask !== undefined) expect(bid).toBeLessThan(ask);
          for (const c of e.drainChanges()) {
            if (c.qty === 0) mirror[c.side].delete(c.price);
            else mirror[c.side].set(c.price, c.qty);
          }
        }

        for (const [id, l] of ledgers) {
          const resting = e.order(id)?.remaining ?? 0;
          expect(l.filled + resting + l.canceled).toBe(l.submitted);
        }
        for (const side of ['buy', 'sell'] as const) {
          const levels = e.levels(side);
          expect(new Map(levels)).toEqual(mirror[side]);
          for (const [price, qty] of levels) {
            expect(e.ordersAt(side, price).reduce((s, o) => s + o.remaining, 0)).toBe(qty);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
