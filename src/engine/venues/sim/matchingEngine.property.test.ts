import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MatchingEngine } from './matchingEngine';

type Op =
  | { kind: 'submit'; side: 'buy' | 'sell'; type: 'limit' | 'market'; tif: 'GTC' | 'IOC' | 'FOK'; postOnly: boolean; price: number; qty: number }
  | { kind: 'cancel'; pick: number }
  | { kind: 'reduce'; pick: number; by: number }
  | { kind: 'replace'; pick: number; price: number; qty: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('submit' as const),
      side: fc.constantFrom('buy' as const, 'sell' as const),
      type: fc.constantFrom('limit' as const, 'limit' as const, 'market' as const),
      tif: fc.constantFrom('GTC' as const, 'IOC' as const, 'FOK' as const),
      postOnly: fc.boolean(),
      price: fc.integer({ min: 90, max: 110 }),
      qty: fc.integer({ min: 1, max: 20 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('reduce' as const), pick: fc.nat(), by: fc.integer({ min: 1, max: 5 }) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('replace' as const),
      pick: fc.nat(),
      price: fc.integer({ min: 90, max: 110 }),
      qty: fc.integer({ min: 1, max: 20 }),
    }),
  },
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
            const postOnly = op.type === 'limit' && op.tif === 'GTC' && op.postOnly;
            const r = e.submit({ owner: 0, ...op, postOnly });
            if (r.ok) {
              ledgers.set(r.id, { submitted: op.qty, filled: r.filled, canceled: r.canceled });
              ids.push(r.id);
              for (const f of r.fills) ledgers.get(f.makerId)!.filled += f.qty;
              expect(r.fills.reduce((s, f) => s + f.qty, 0)).toBe(r.filled);
              // Fill-or-kill: all of it or none of it.
              if (op.tif === 'FOK') expect([0, op.qty]).toContain(r.filled);
            }
          } else if (op.kind === 'reduce' || op.kind === 'replace') {
            const id = ids.length > 0 ? ids[op.pick % ids.length]! : undefined;
            const before = id === undefined ? undefined : e.order(id)?.remaining;
            if (id !== undefined && before !== undefined) {
              // An amend changes what the order asks for by the difference in its remaining size.
              if (op.kind === 'reduce') {
                const to = before - op.by;
                if (e.reduce(id, to)) ledgers.get(id)!.submitted -= before - to;
                else expect(to).toBeLessThanOrEqual(0);
              } else {
                const r = e.replace(id, op.price, op.qty);
                expect(r.ok).toBe(true);
                if (r.ok) {
                  const l = ledgers.get(id)!;
                  l.submitted += op.qty - before;
                  l.filled += r.filled;
                  for (const f of r.fills) ledgers.get(f.makerId)!.filled += f.qty;
                }
              }
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
