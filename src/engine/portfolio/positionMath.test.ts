import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyTrade, averagePrice, FLAT, mulDivRound, unrealised, type PositionBook } from './positionMath';

const trades = (steps: [side: 'buy' | 'sell', price: number, qty: number][]): PositionBook =>
  steps.reduce((p, [side, price, qty]) => applyTrade(p, side, price, qty), FLAT);

describe('applyTrade', () => {
  it('averages the entry of a long built in two buys', () => {
    const p = trades([
      ['buy', 100, 2],
      ['buy', 110, 1],
    ]);
    expect(p).toEqual({ qty: 3, cost: 310, realised: 0 });
    expect(averagePrice(p)).toBe(103); // 103.33 rounds to 103; exact is cost / qty = 310 / 3
  });

  it('realises a partial close of a long against the average entry', () => {
    const p = trades([
      ['buy', 100, 4],
      ['sell', 120, 1],
    ]);
    expect(p).toEqual({ qty: 3, cost: 300, realised: 20 });
    expect(unrealised(p, 130)).toBe(90);
  });

  it('flips long to short in one fill: closes at the trade price and opens the rest there', () => {
    const p = trades([
      ['buy', 100, 2],
      ['sell', 90, 5],
    ]);
    expect(p).toEqual({ qty: -3, cost: -270, realised: -20 });
    expect(averagePrice(p)).toBe(90);
  });

  it('profits on a short when the price falls', () => {
    const p = trades([
      ['sell', 100, 2],
      ['sell', 106, 1],
    ]);
    expect(p).toEqual({ qty: -3, cost: -306, realised: 0 });
    expect(unrealised(p, 100)).toBe(6);
    const closed = applyTrade(p, 'buy', 95, 3);
    expect(closed).toEqual({ qty: 0, cost: 0, realised: 21 });
    expect(averagePrice(closed)).toBeUndefined();
  });

  it('keeps the rounding of a partial close inside cost, so the full close realises exactly', () => {
    // avg = 310/3; selling 1 removes round(103.33) = 103 of cost, the 0.33 stays in the 2 left.
    const afterOne = trades([
      ['buy', 100, 2],
      ['buy', 110, 1],
      ['sell', 200, 1],
    ]);
    expect(afterOne).toEqual({ qty: 2, cost: 207, realised: 97 });
    const flat = applyTrade(afterOne, 'sell', 200, 2);
    expect(flat.realised).toBe(3 * 200 - 310);
  });
});

describe('mulDivRound', () => {
  it('rounds half away from zero and stays exact beyond 2^53 in the product', () => {
    expect(mulDivRound(5, 1, 2)).toBe(3);
    expect(mulDivRound(-5, 1, 2)).toBe(-3);
    expect(mulDivRound(7, 1, -2)).toBe(-4);
    expect(mulDivRound(4, 1, 3)).toBe(1);
    expect(mulDivRound(9_000_000_000_000_001, 3, 3)).toBe(9_000_000_000_000_001);
  });
});

describe('P&L property', () => {
  const fill = fc.record({
    side: fc.constantFrom<'buy' | 'sell'>('buy', 'sell'),
    price: fc.integer({ min: 1, max: 10_000_000 }),
    qty: fc.integer({ min: 1, max: 100_000 }),
  });

  it('realised + unrealised = sells - buys + position * mark, for any fills', () => {
    fc.assert(
      fc.property(fc.array(fill, { maxLength: 40 }), fc.integer({ min: 1, max: 10_000_000 }), (fills, mark) => {
        let p = FLAT;
        let cash = 0;
        let position = 0;
        for (const f of fills) {
          p = applyTrade(p, f.side, f.price, f.qty);
          cash += f.side === 'sell' ? f.price * f.qty : -f.price * f.qty;
          position += f.side === 'buy' ? f.qty : -f.qty;
        }
        expect(p.qty).toBe(position);
        expect(p.realised + unrealised(p, mark)).toBe(cash + position * mark);
        // The average entry of an open position is a real price: positive cost per lot.
        if (p.qty !== 0) expect(p.cost / p.qty).toBeGreaterThan(0);
        else expect(p.cost).toBe(0);
      }),
      { numRuns: 500 },
    );
  });
});
