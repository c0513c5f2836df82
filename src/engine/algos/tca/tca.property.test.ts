import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyseParent, type TcaInput, type TcaReport } from './tca';

const T = 1_800_000_000_000;
const fillArb = fc.record({
  dt: fc.integer({ min: 0, max: 60_000 }),
  price: fc.integer({ min: 9_000, max: 11_000 }),
  qty: fc.integer({ min: 1, max: 50 }),
  fee: fc.integer({ min: -5, max: 50 }),
  maker: fc.boolean(),
});
const inputArb = fc
  .record({
    children: fc.array(fc.array(fillArb, { maxLength: 5 }), { minLength: 1, maxLength: 5 }),
    others: fc.array(fc.record({ dt: fc.integer({ min: -10_000, max: 70_000 }), price: fc.integer({ min: 9_000, max: 11_000 }), qty: fc.integer({ min: 1, max: 100 }) }), { maxLength: 20 }),
    spare: fc.integer({ min: 0, max: 100 }),
    arrival: fc.integer({ min: 19_000, max: 21_000 }).map((x) => x / 2),
    end: fc.integer({ min: 9_000, max: 11_000 }),
  })
  .map((r): TcaInput => {
    const children = r.children.map((fills, i) => ({
      childId: `c${i}`,
      venue: i % 2 ? 'SIM-B' : 'SIM-A',
      sentAt: T,
      qty: fills.reduce((s, f) => s + f.qty, 0) + 1,
      fills: fills.map((f) => ({ ts: T + f.dt, price: f.price, qty: f.qty, fee: f.fee, liquidity: f.maker ? ('maker' as const) : ('taker' as const) })),
    }));
    const ours = children.flatMap((c) => c.fills.map((f) => ({ ts: f.ts, price: f.price, qty: f.qty })));
    return {
      parentId: 'p',
      symbol: 'X',
      side: 'buy',
      parentQty: children.reduce((s, c) => s + c.qty, 0) + r.spare,
      startedAt: T,
      endedAt: T + 60_000,
      arrivalPrice: r.arrival,
      endPrice: r.end,
      // The venue's tape: everyone's trades, ours among them.
      marketTrades: [...r.others.map((o) => ({ ts: T + o.dt, price: o.price, qty: o.qty })), ...ours],
      children,
      quotePerTickLot: 3,
    };
  });

function analyse(input: TcaInput): TcaReport {
  const r = analyseParent(input);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe('TCA properties', () => {
  it('adds up: quantities, fees, the shortfall\'s parts, an average within the fills, participation within 0..1', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const r = analyse(input);
        const fills = input.children.flatMap((c) => c.fills);
        expect(r.filledQty).toBe(fills.reduce((s, f) => s + f.qty, 0));
        expect(r.filledQty + r.unfilledQty).toBe(input.parentQty);
        expect(r.makerQty + r.takerQty).toBe(r.filledQty);
        expect(r.fees).toBe(fills.reduce((s, f) => s + f.fee, 0));
        expect(r.children.reduce((s, c) => s + c.filledQty, 0)).toBe(r.filledQty);
        const is = r.shortfall;
        expect(is.total).toBeCloseTo(is.execution + (is.opportunity ?? 0) + is.fees, 6);
        if (r.avgFillPrice !== undefined) {
          expect(r.avgFillPrice).toBeGreaterThanOrEqual(Math.min(...fills.map((f) => f.price)) - 1e-9);
          expect(r.avgFillPrice).toBeLessThanOrEqual(Math.max(...fills.map((f) => f.price)) + 1e-9);
        }
        if (r.participation !== undefined) {
          expect(r.participation).toBeGreaterThanOrEqual(0);
          expect(r.participation).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('turns every slippage and shortfall of a buy into the opposite for a sell of the same fills (fees aside)', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const noFees = { ...input, children: input.children.map((c) => ({ ...c, fills: c.fills.map((f) => ({ ...f, fee: 0 })) })) };
        const buy = analyse(noFees);
        const sell = analyse({ ...noFees, side: 'sell' });
        const opposite = (a: number | undefined, b: number | undefined) => (a === undefined ? expect(b).toBeUndefined() : expect(a + b!).toBeCloseTo(0, 6));
        opposite(buy.slippageVsArrivalBps, sell.slippageVsArrivalBps);
        opposite(buy.slippageVsVwapBps, sell.slippageVsVwapBps);
        opposite(buy.shortfall.total, sell.shortfall.total);
        buy.children.forEach((c, i) => opposite(c.slippageVsArrivalBps, sell.children[i]!.slippageVsArrivalBps));
      }),
      { numRuns: 300 },
    );
  });
});
