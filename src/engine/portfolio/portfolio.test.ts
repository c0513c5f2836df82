import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InstrumentRegistry, notional, type Instrument } from '../instruments';
import type { Fill } from '../core';
import { Portfolio, type Position } from './portfolio';

// Ticks of 0.5 USDT and lots of 0.01 ETH: one tick*lot is 0.005 USDT = 50 QuoteUnits (4 decimals),
// so the conversion from ticks*lots to QuoteUnits is exercised, not a multiplication by 1.
const ETH: Instrument = {
  venue: 'SIM',
  symbol: 'ETH-USDT',
  venueSymbol: 'ETHUSDT',
  base: 'ETH',
  quote: 'USDT',
  priceDecimals: 2,
  qtyDecimals: 2,
  tickSize: 50,
  lotSize: 1,
  minNotional: 0,
};
const registry = (): InstrumentRegistry => {
  const r = new InstrumentRegistry();
  r.add(ETH);
  return r;
};

let seq = 0;
const fill = (side: 'buy' | 'sell', price: number, qty: number, fee = 0): Fill => ({
  fillId: `f${++seq}`,
  clientOrderId: 'o',
  venue: 'SIM',
  symbol: 'ETH-USDT',
  side,
  price,
  qty,
  liquidity: 'taker',
  fee,
  ts: seq,
});
const usdt = (amount: number): number => amount * 10_000; // QuoteUnits

describe('Portfolio', () => {
  it('long then partial close: realised on the closed part, unrealised on the rest, fees apart', () => {
    const pf = new Portfolio(registry());
    pf.applyFill(fill('buy', 6_000, 200, usdt(1.2))); // buy 2 ETH @ 3000, fee 1.2
    pf.applyFill(fill('sell', 6_200, 50, usdt(0.31))); // sell 0.5 @ 3100, fee 0.31
    const [row] = pf.positions(() => 6_400); // mark 3200
    expect(row).toEqual({
      venue: 'SIM',
      symbol: 'ETH-USDT',
      qty: 150,
      cost: 900_000,
      avgPrice: 6_000,
      realisedPnl: usdt(50), // 0.5 * (3100 - 3000)
      unrealisedPnl: usdt(300), // 1.5 * (3200 - 3000)
      fees: usdt(1.51),
    });
  });

  it('flip long to short in one fill', () => {
    const pf = new Portfolio(registry());
    pf.applyFill(fill('buy', 6_000, 100));
    const flipped = pf.applyFill(fill('sell', 5_800, 300));
    expect(flipped.ok && flipped.value).toMatchObject({ qty: -200, avgPrice: 5_800, realisedPnl: usdt(-100) });
    expect(pf.positions(() => 5_600)[0]?.unrealisedPnl).toBe(usdt(200)); // short 2 from 2900 marked 2800
  });

  it('leaves unrealised unknown without a mark, and zero when flat', () => {
    const pf = new Portfolio(registry());
    pf.applyFill(fill('sell', 6_000, 100));
    expect(pf.positions()[0]?.unrealisedPnl).toBeUndefined();
    pf.applyFill(fill('buy', 5_000, 100));
    expect(pf.positions()[0]).toMatchObject({ qty: 0, avgPrice: undefined, realisedPnl: usdt(500), unrealisedPnl: 0 });
  });

  it('emits the position after each fill and refuses fills of unknown instruments', () => {
    const pf = new Portfolio(registry());
    const seen: Position[] = [];
    pf.events.on('position', (p) => seen.push(p));
    pf.applyFill(fill('buy', 6_000, 100));
    expect(seen.map((p) => p.qty)).toEqual([100]);
    const r = pf.applyFill({ ...fill('buy', 1, 1), symbol: 'DOGE-USDT' });
    expect(r.ok).toBe(false);
    expect(seen).toHaveLength(1);
  });

  it('rebuilds the same positions from the same fills', () => {
    const fills = [fill('buy', 6_000, 100, 7), fill('sell', 6_100, 40, 3), fill('sell', 5_900, 200, 9)];
    const live = new Portfolio(registry());
    for (const f of fills) live.applyFill(f);
    const rebuilt = new Portfolio(registry());
    rebuilt.applyFill(fill('buy', 1, 1)); // state from before is discarded
    expect(rebuilt.rebuild(fills).ok).toBe(true);
    expect(rebuilt.positions(() => 6_000)).toEqual(live.positions(() => 6_000));
  });

  it('realised + unrealised equals sells - buys + position * mark in QuoteUnits, for any fills', () => {
    const arb = fc.record({
      side: fc.constantFrom<'buy' | 'sell'>('buy', 'sell'),
      price: fc.integer({ min: 1, max: 1_000_000 }),
      qty: fc.integer({ min: 1, max: 10_000 }),
    });
    fc.assert(
      fc.property(fc.array(arb, { minLength: 1, maxLength: 30 }), fc.integer({ min: 1, max: 1_000_000 }), (fs, mark) => {
        const pf = new Portfolio(registry());
        let cash = 0;
        let pos = 0;
        for (const f of fs) {
          pf.applyFill(fill(f.side, f.price, f.qty));
          const value = notional(ETH, f.price, f.qty);
          cash += f.side === 'sell' ? value : -value;
          pos += f.side === 'buy' ? f.qty : -f.qty;
        }
        const [row] = pf.positions(() => mark);
        expect(row!.realisedPnl + row!.unrealisedPnl!).toBe(cash + notional(ETH, mark, pos));
      }),
      { numRuns: 300 },
    );
  });
});
