import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatScaled } from '../core';
import { describePrice, trimDecimal } from './limits';
import { RiskCode } from './riskCodes';
import {
  BTC_1,
  BTC_95000,
  inst,
  limitOrder,
  marketOrder,
  rig,
  TempStore,
  verdict,
  type Rig,
} from './testSupport';

/*
 * Every pre-trade limit at its boundary: just inside passes, exactly at the limit passes (every
 * limit here is a ceiling that may be reached), one unit over fails with the exact reason.
 */

let temp: TempStore;
beforeEach(() => {
  temp = new TempStore();
});
afterEach(() => temp.cleanup());

const btc = (lots: number): string => `${trimDecimal(formatScaled(lots, 4))} BTC`;
const usdt5 = (units: number): string => `${trimDecimal(formatScaled(units, 5))} USDT`;
const buyBtc = (price: number, qty: number) => limitOrder('SIM-A', 'BTC-USDT', 'buy', price, qty);
const sellBtc = (price: number, qty: number) => limitOrder('SIM-A', 'BTC-USDT', 'sell', price, qty);
const RUNS = { numRuns: 60 };

function withBook(r: Rig): Rig {
  r.ctx.setBook('SIM-A', 'BTC-USDT', BTC_95000 - 1, BTC_95000 + 1);
  return r;
}

describe('max order quantity and notional', () => {
  it('allows a quantity up to the limit and names both amounts one lot over', () => {
    const r = rig(temp);
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 200_000 }), (limit) => {
        expect(r.risk.setDefaultLimits({ maxOrderQty: formatScaled(limit, 4) }).ok).toBe(true);
        expect(verdict(r.risk.check(buyBtc(BTC_95000, limit - 1)))).toBe('ok');
        expect(verdict(r.risk.check(buyBtc(BTC_95000, limit)))).toBe('ok');
        expect(verdict(r.risk.check(buyBtc(BTC_95000, limit + 1)))).toBe(
          `quantity ${btc(limit + 1)} exceeds the max order quantity ${btc(limit)} for SIM-A:BTC-USDT`,
        );
      }),
      RUNS,
    );
  });

  it('allows a notional up to the limit and names both values one QuoteUnit over', () => {
    const r = rig(temp);
    fc.assert(
      fc.property(fc.integer({ min: 100_000, max: 2_000_000 }), fc.integer({ min: 10, max: 50_000 }), (price, qty) => {
        const value = price * qty; // BTC-USDT: one QuoteUnit (1e-5 USDT) per tick*lot
        expect(r.risk.setDefaultLimits({ maxOrderNotional: formatScaled(value, 5) }).ok).toBe(true);
        expect(verdict(r.risk.check(buyBtc(price, qty)))).toBe('ok');
        expect(r.risk.setDefaultLimits({ maxOrderNotional: formatScaled(value - 1, 5) }).ok).toBe(true);
        expect(verdict(r.risk.check(buyBtc(price, qty)))).toBe(
          `notional ${usdt5(value)} exceeds the max order notional ${usdt5(value - 1)} for SIM-A:BTC-USDT`,
        );
      }),
      RUNS,
    );
  });

  it('refuses below the minimum notional and allows exactly the minimum', () => {
    const r = rig(temp);
    // 0.0001 BTC at 50000.0 = 5 USDT, the SIM minimum.
    expect(verdict(r.risk.check(buyBtc(500_000, 1)))).toBe('ok');
    expect(verdict(r.risk.check(buyBtc(499_999, 1)))).toBe(
      'notional 4.99999 USDT is below the minimum notional 5 USDT for SIM-A:BTC-USDT',
    );
  });

  it('values a market order at the touch and refuses one with no touch to value it at', () => {
    const r = withBook(rig(temp, { defaults: { maxOrderNotional: '95000' } }));
    expect(verdict(r.risk.check(marketOrder('SIM-A', 'BTC-USDT', 'buy', BTC_1)))).toBe(
      'notional 95000.1 USDT exceeds the max order notional 95000 USDT for SIM-A:BTC-USDT',
    );
    expect(verdict(r.risk.check(marketOrder('SIM-A', 'BTC-USDT', 'sell', BTC_1)))).toBe('ok');
    r.ctx.setBook('SIM-A', 'BTC-USDT', BTC_95000, undefined);
    expect(verdict(r.risk.check(marketOrder('SIM-A', 'BTC-USDT', 'buy', 1)))).toBe(
      'no reference price for a market buy on SIM-A:BTC-USDT',
    );
  });
});

describe('price collar', () => {
  it('allows a limit price up to the collar on both sides of the mid and refuses one tick beyond', () => {
    const r = rig(temp);
    fc.assert(
      fc.property(
        fc.integer({ min: 100_000, max: 2_000_000 }),
        fc.integer({ min: 1, max: 2 }), // spread 1 tick (mid on half a tick) or 2
        fc.integer({ min: 1, max: 2_000 }), // collar in hundredths of a percent
        (bid, spread, hundredths) => {
          const ask = bid + spread;
          r.ctx.setBook('SIM-A', 'BTC-USDT', bid, ask);
          const pct = trimDecimal(formatScaled(hundredths, 2));
          expect(r.risk.setDefaultLimits({ priceCollarPct: pct }).ok).toBe(true);
          // Largest / smallest prices within ppm of the mid, in exact integers (mid*2 is whole).
          const mid2 = BigInt(bid + ask);
          const ppm = BigInt(hundredths * 100);
          const highest = Number((mid2 * (1_000_000n + ppm)) / 2_000_000n);
          const lowest = Number((mid2 * (1_000_000n - ppm) + 1_999_999n) / 2_000_000n);
          const mid = describePrice(inst(r.registry, 'SIM-A', 'BTC-USDT'), (bid + ask) / 2);
          expect(verdict(r.risk.check(buyBtc(highest, 100)))).toBe('ok');
          expect(verdict(r.risk.check(sellBtc(lowest, 100)))).toBe('ok');
          const above = verdict(r.risk.check(buyBtc(highest + 1, 100)));
          const below = verdict(r.risk.check(sellBtc(lowest - 1, 100)));
          const escaped = (s: string): string => s.replace(/[.]/g, '\\.');
          expect(above).toMatch(
            new RegExp(`^price ${escaped(describePrice(inst(r.registry, 'SIM-A', 'BTC-USDT'), highest + 1))} is [\\d.]+% above the mid ${escaped(mid)}, outside the ${escaped(pct)}% price collar for SIM-A:BTC-USDT$`),
          );
          expect(below).toMatch(new RegExp(`^price .* is [\\d.]+% below the mid ${escaped(mid)}, outside the ${escaped(pct)}% price collar`));
        },
      ),
      RUNS,
    );
  });

  it('states the deviation rounded up, so it always reads as more than the collar', () => {
    const r = rig(temp, { defaults: { priceCollarPct: '5' } });
    r.ctx.setBook('SIM-A', 'BTC-USDT', 1_000_000, 1_000_001); // mid 100000.05
    // 105000.1 is 5.00000499...% above 100000.05: shown as 5.0001%, never as "5%".
    expect(verdict(r.risk.check(buyBtc(1_050_001, 100)))).toBe(
      'price 105000.1 is 5.0001% above the mid 100000.05, outside the 5% price collar for SIM-A:BTC-USDT',
    );
  });

  it('can measure from the last trade, and refuses when its reference is unknown', () => {
    const r = rig(temp, { defaults: { priceCollarPct: '1', priceCollarReference: 'last' } });
    r.ctx.setBook('SIM-A', 'BTC-USDT', BTC_95000 - 1, BTC_95000 + 1);
    expect(verdict(r.risk.check(buyBtc(BTC_95000, 100)))).toBe(
      'no last trade price on SIM-A:BTC-USDT to check the 1% price collar against',
    );
    r.ctx.setBook('SIM-A', 'BTC-USDT', BTC_95000 - 1, BTC_95000 + 1, 900_000);
    expect(verdict(r.risk.check(buyBtc(909_000, 100)))).toBe('ok'); // 90900.0 = last + 1%
    expect(verdict(r.risk.check(buyBtc(909_001, 100)))).toBe(
      'price 90900.1 is 1.0002% above the last trade 90000, outside the 1% price collar for SIM-A:BTC-USDT',
    );
    r.risk.setDefaultLimits({ priceCollarPct: '1' });
    r.ctx.setBook('SIM-A', 'BTC-USDT', undefined, BTC_95000);
    expect(verdict(r.risk.check(buyBtc(BTC_95000, 100)))).toBe('no mid price on SIM-A:BTC-USDT to check the 1% price collar against');
  });

  it('does not collar a market order (it has no price of its own)', () => {
    const r = withBook(rig(temp, { defaults: { priceCollarPct: '0' } }));
    expect(verdict(r.risk.check(marketOrder('SIM-A', 'BTC-USDT', 'buy', 100)))).toBe('ok');
  });
});

describe('max long / short position', () => {
  it('counts the position, the working orders on that side and this order, and allows exactly the limit', () => {
    const r = rig(temp);
    fc.assert(
      fc.property(
        fc.integer({ min: -5 * BTC_1, max: 5 * BTC_1 }),
        fc.array(fc.integer({ min: 1, max: 2_000 }), { maxLength: 4 }),
        fc.integer({ min: 1, max: BTC_1 }),
        fc.constantFrom('buy' as const, 'sell' as const),
        (position, working, qty, side) => {
          const t = rig(temp);
          t.ctx.setPosition('SIM-A', 'BTC-USDT', position);
          // Same-side orders count; the other side's do not.
          for (const lots of working) t.ctx.addWorking('SIM-A', 'BTC-USDT', side, side === 'buy' ? 900_000 : 1_000_000, lots);
          t.ctx.addWorking('SIM-A', 'BTC-USDT', side === 'buy' ? 'sell' : 'buy', side === 'buy' ? 1_000_000 : 900_000, 7_777);
          const sameSide = working.reduce((a, b) => a + b, 0);
          const worst = (side === 'buy' ? position : -position) + sameSide + qty;
          if (worst < 1) return; // a limit cannot be negative: nothing to test at the boundary
          const field = side === 'buy' ? 'maxLongPosition' : 'maxShortPosition';
          const order = limitOrder('SIM-A', 'BTC-USDT', side, BTC_95000, qty);
          expect(t.risk.setDefaultLimits({ [field]: formatScaled(worst, 4) }).ok).toBe(true);
          expect(verdict(t.risk.check(order))).toBe('ok');
          expect(t.risk.setDefaultLimits({ [field]: formatScaled(worst - 1, 4) }).ok).toBe(true);
          const expected =
            side === 'buy'
              ? `long position could reach ${btc(worst)} (position ${btc(position)} + working buys ${btc(sameSide)} + this order ${btc(qty)}), above the max long position ${btc(worst - 1)} for SIM-A:BTC-USDT`
              : `short position could reach ${btc(worst)} (short now ${btc(-position)} + working sells ${btc(sameSide)} + this order ${btc(qty)}), above the max short position ${btc(worst - 1)} for SIM-A:BTC-USDT`;
          expect(verdict(t.risk.check(order))).toBe(expected);
        },
      ),
      { numRuns: 25 },
    );
    expect(r.risk.check(buyBtc(BTC_95000, 1)).ok).toBe(true);
  });

  it('counts only the unfilled part of a partly filled working order', () => {
    const r = rig(temp, { defaults: { maxLongPosition: '1' } });
    r.ctx.setPosition('SIM-A', 'BTC-USDT', 4_000); // the 4,000 filled lots are in the position
    r.ctx.addWorking('SIM-A', 'BTC-USDT', 'buy', 900_000, 10_000, 4_000); // 6,000 still working
    expect(verdict(r.risk.check(buyBtc(BTC_95000, 1)))).toMatch(/^long position could reach 1\.0001 BTC/);
  });
});

describe('max open orders', () => {
  it('per instrument, per venue and in total, each allowing exactly its maximum', () => {
    const r = rig(temp, {
      defaults: { maxOpenOrders: 3 },
      venueDefaults: { maxOpenOrders: 4 },
      account: { maxOpenOrders: 6 },
    });
    const add = (venue: string, symbol: string) => r.ctx.addWorking(venue, symbol, 'buy', 100, 1);
    add('SIM-A', 'BTC-USDT');
    add('SIM-A', 'BTC-USDT');
    expect(verdict(r.risk.check(buyBtc(BTC_95000, 1)))).toBe('ok'); // would be the 3rd
    add('SIM-A', 'BTC-USDT');
    expect(verdict(r.risk.check(buyBtc(BTC_95000, 1)))).toBe('open orders on SIM-A:BTC-USDT would be 4, above the max 3');
    const eth = limitOrder('SIM-A', 'ETH-USDT', 'buy', 340_000, 100);
    expect(verdict(r.risk.check(eth))).toBe('ok'); // 4th on SIM-A
    add('SIM-A', 'ETH-USDT');
    expect(verdict(r.risk.check(eth))).toBe('open orders on venue SIM-A would be 5, above the max 4');
    const onB = limitOrder('SIM-B', 'ETH-USDT', 'buy', 340_000, 100);
    add('SIM-B', 'BTC-USDT');
    expect(verdict(r.risk.check(onB))).toBe('ok'); // 6th in total
    add('SIM-B', 'BTC-USDT');
    expect(verdict(r.risk.check(onB))).toBe('open orders across all venues would be 7, above the max 6');
  });

  it('stops counting an order once it is done', () => {
    const r = rig(temp, { defaults: { maxOpenOrders: 1 } });
    const o = r.ctx.addWorking('SIM-A', 'BTC-USDT', 'buy', 100, 1);
    expect(r.risk.check(buyBtc(BTC_95000, 1)).ok).toBe(false);
    r.ctx.tracker.applyOrder({ ...o, status: 'canceled' });
    expect(r.risk.check(buyBtc(BTC_95000, 1)).ok).toBe(true);
  });
});

describe('self-trade prevention', () => {
  it('refuses a buy at or above our own working sell and a sell at or below our own working buy', () => {
    const r = rig(temp, { defaults: { selfTradePrevention: true } });
    const ask = r.ctx.addWorking('SIM-A', 'BTC-USDT', 'sell', 950_100, 10);
    r.ctx.addWorking('SIM-A', 'BTC-USDT', 'sell', 950_300, 10);
    const bid = r.ctx.addWorking('SIM-A', 'BTC-USDT', 'buy', 949_900, 10);
    expect(verdict(r.risk.check(buyBtc(950_099, 10)))).toBe('ok');
    expect(verdict(r.risk.check(buyBtc(950_100, 10)))).toBe(
      `buy at 95010 would cross our own working sell order ${ask.clientOrderId} at 95010 on SIM-A:BTC-USDT (self-trade prevention)`,
    );
    expect(verdict(r.risk.check(sellBtc(949_901, 10)))).toBe('ok');
    expect(verdict(r.risk.check(sellBtc(949_800, 10)))).toBe(
      `sell at 94980 would cross our own working buy order ${bid.clientOrderId} at 94990 on SIM-A:BTC-USDT (self-trade prevention)`,
    );
    // Another venue's or instrument's orders are not ours to cross here.
    expect(verdict(r.risk.check(limitOrder('SIM-B', 'BTC-USDT', 'buy', 960_000, 10)))).toBe('ok');
  });

  it('refuses a market order while we have any working order on the other side', () => {
    const r = withBook(rig(temp, { defaults: { selfTradePrevention: true } }));
    const ask = r.ctx.addWorking('SIM-A', 'BTC-USDT', 'sell', 990_000, 10);
    expect(verdict(r.risk.check(marketOrder('SIM-A', 'BTC-USDT', 'buy', 10)))).toBe(
      `market buy would trade against our own working sell order ${ask.clientOrderId} at 99000 on SIM-A:BTC-USDT (self-trade prevention)`,
    );
    expect(verdict(r.risk.check(marketOrder('SIM-A', 'BTC-USDT', 'sell', 10)))).toBe('ok');
  });

  it('is off unless configured', () => {
    const r = rig(temp);
    r.ctx.addWorking('SIM-A', 'BTC-USDT', 'sell', 950_100, 10);
    expect(verdict(r.risk.check(buyBtc(950_200, 10)))).toBe('ok');
  });
});

describe('duplicate-order guard', () => {
  it('refuses the same order within the window and allows it once the window has passed', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5_000 }), (windowMs) => {
        const r = rig(temp, { defaults: { duplicateWindowMs: windowMs } });
        expect(verdict(r.risk.check(buyBtc(BTC_95000, 5_000)))).toBe('ok');
        r.clock.advance(windowMs - 1);
        expect(verdict(r.risk.check(buyBtc(BTC_95000, 5_000)))).toBe(
          `duplicate: the same buy 0.5 BTC at 95000 on SIM-A:BTC-USDT was sent ${windowMs - 1} ms ago; repeats within ${windowMs} ms are refused`,
        );
        // Any difference in side, price, quantity or instrument is a different order.
        expect(verdict(r.risk.check(buyBtc(BTC_95000 - 1, 5_000)))).toBe('ok');
        expect(verdict(r.risk.check(buyBtc(BTC_95000, 5_001)))).toBe('ok');
        expect(verdict(r.risk.check(sellBtc(BTC_95000, 5_000)))).toBe('ok');
        expect(verdict(r.risk.check(limitOrder('SIM-B', 'BTC-USDT', 'buy', BTC_95000, 5_000)))).toBe('ok');
        r.clock.advance(1);
        expect(verdict(r.risk.check(buyBtc(BTC_95000, 5_000)))).toBe('ok');
        temp.closeLatest();
      }),
      { numRuns: 20 },
    );
  });

  it('does not remember an order that was refused for another reason', () => {
    const r = rig(temp, { defaults: { duplicateWindowMs: 1_000, maxOrderQty: '0.1' } });
    expect(r.risk.check(buyBtc(BTC_95000, 5_000)).ok).toBe(false);
    r.risk.setDefaultLimits({ duplicateWindowMs: 1_000 }); // the trader raises the limit and resends
    expect(verdict(r.risk.check(buyBtc(BTC_95000, 5_000)))).toBe('ok');
  });
});

describe('order rate', () => {
  it('lets a burst through, then one order per 1/rate seconds, per venue; refused orders use no token', () => {
    const r = rig(temp, { venueDefaults: { ordersPerSecond: 5, orderBurst: 3 } });
    for (let i = 0; i < 3; i++) expect(verdict(r.risk.check(buyBtc(BTC_95000, 100 + i)))).toBe('ok');
    expect(verdict(r.risk.check(buyBtc(BTC_95000, 200)))).toBe(
      'order rate on venue SIM-A is above 5 orders/s (burst 3); next order possible in 200 ms',
    );
    // SIM-B has its own bucket.
    expect(verdict(r.risk.check(limitOrder('SIM-B', 'BTC-USDT', 'buy', BTC_95000, 100)))).toBe('ok');
    r.clock.advance(199);
    expect(verdict(r.risk.check(buyBtc(BTC_95000, 201)))).toMatch(/next order possible in 1 ms$/);
    r.clock.advance(1);
    expect(verdict(r.risk.check(buyBtc(BTC_95000, 202)))).toBe('ok');
    expect(r.risk.check(buyBtc(BTC_95000, 203)).ok).toBe(false);
    // An order refused by another check does not spend the token that accrues next.
    r.clock.advance(200);
    expect(r.risk.check(buyBtc(1, 1)).ok).toBe(false); // below the minimum notional
    expect(verdict(r.risk.check(buyBtc(BTC_95000, 204)))).toBe('ok');
  });

  it('has an account-wide bucket across venues', () => {
    const r = rig(temp, { account: { ordersPerSecond: 2 } });
    expect(verdict(r.risk.check(buyBtc(BTC_95000, 100)))).toBe('ok');
    expect(verdict(r.risk.check(limitOrder('SIM-B', 'ETH-USDT', 'buy', 340_000, 100)))).toBe('ok');
    expect(verdict(r.risk.check(limitOrder('SIM-B', 'BTC-USDT', 'buy', BTC_95000, 100)))).toBe(
      'order rate across all venues is above 2 orders/s (burst 2); next order possible in 500 ms',
    );
  });

  it('keeps the tokens already spent when the limit is edited', () => {
    const r = rig(temp, { venueDefaults: { ordersPerSecond: 2 } });
    r.risk.check(buyBtc(BTC_95000, 100));
    r.risk.check(buyBtc(BTC_95000, 101));
    expect(r.risk.setVenueDefaults({ ordersPerSecond: 10 }).ok).toBe(true);
    expect(r.risk.check(buyBtc(BTC_95000, 102)).ok).toBe(false);
    r.clock.advance(100);
    expect(r.risk.check(buyBtc(BTC_95000, 102)).ok).toBe(true);
  });
});

describe('gross exposure', () => {
  // BTC-USDT and ETH-USDT count QuoteUnits of 1e-5 USDT, SOL-USDT of 1e-4: summed at 1e-5.
  it('sums |positions| at their marks and working orders across venues, in the finest units, up to the limit', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -3 * BTC_1, max: 3 * BTC_1 }),
        fc.integer({ min: -20_000, max: 20_000 }), // SOL lots (0.01)
        fc.integer({ min: 0, max: 5_000 }),
        fc.integer({ min: 1, max: BTC_1 }),
        (btcPosition, solPosition, workingLots, qty) => {
          const r = rig(temp);
          r.ctx.setBook('SIM-A', 'BTC-USDT', 949_999, 950_000); // mid 94999.95
          r.ctx.setBook('SIM-B', 'SOL-USDT', 18_000, 18_002); // mid 180.01
          r.ctx.setPosition('SIM-A', 'BTC-USDT', btcPosition);
          r.ctx.setPosition('SIM-B', 'SOL-USDT', solPosition);
          if (workingLots > 0) r.ctx.addWorking('SIM-B', 'BTC-USDT', 'sell', 960_000, workingLots);
          const held =
            Math.ceil(Math.abs(btcPosition) * 949_999.5) + Math.abs(solPosition) * 18_001 * 10 + 960_000 * workingLots;
          const order = buyBtc(BTC_95000, qty);
          const mine = BTC_95000 * qty;
          if (held + mine < 1) return;
          expect(r.risk.setAccountLimits({ maxGrossExposure: { USDT: formatScaled(held + mine, 5) } }).ok).toBe(true);
          expect(verdict(r.risk.check(order))).toBe('ok');
          expect(r.risk.setAccountLimits({ maxGrossExposure: { USDT: formatScaled(held + mine - 1, 5) } }).ok).toBe(true);
          expect(verdict(r.risk.check(order))).toBe(
            `gross exposure would be ${usdt5(held + mine)} (positions and working orders ${usdt5(held)} + this order ${usdt5(mine)}), above the max gross exposure ${usdt5(held + mine - 1)}`,
          );
          temp.closeLatest();
        },
      ),
      { numRuns: 25 },
    );
  });

  it('refuses when a position cannot be valued, naming it', () => {
    const r = rig(temp, { account: { maxGrossExposure: { USDT: '1000000' } } });
    r.ctx.setBook('SIM-A', 'BTC-USDT', BTC_95000 - 1, BTC_95000 + 1);
    r.ctx.setPosition('SIM-B', 'ETH-USDT', 1_000);
    expect(verdict(r.risk.check(buyBtc(BTC_95000, 100)))).toBe(
      'cannot value the SIM-B:ETH-USDT position for the USDT gross exposure limit: no mid or last price',
    );
    r.ctx.setBook('SIM-B', 'ETH-USDT', undefined, undefined, 340_000); // a last trade will do
    expect(verdict(r.risk.check(buyBtc(BTC_95000, 100)))).toBe('ok');
  });

  it("values other instruments at a mark at most exposureMarkMaxAgeMs old, the ordered one at its live book", () => {
    const r = rig(temp, { account: { maxGrossExposure: { USDT: '100000' }, exposureMarkMaxAgeMs: 1_000 } });
    r.ctx.setBook('SIM-A', 'BTC-USDT', BTC_95000 - 1, BTC_95000 + 1);
    r.ctx.setBook('SIM-B', 'BTC-USDT', BTC_95000 - 1, BTC_95000 + 1);
    r.ctx.setPosition('SIM-B', 'BTC-USDT', BTC_1); // 95,000 USDT
    const order = buyBtc(BTC_95000, 50); // 475 USDT
    expect(verdict(r.risk.check(order))).toBe('ok');
    r.ctx.setBook('SIM-B', 'BTC-USDT', 1_000_000 - 1, 1_000_000 + 1); // SIM-B's BTC now at 100,000
    r.clock.advance(999);
    expect(verdict(r.risk.check({ ...order, qty: 51 }))).toBe('ok'); // still valued at the 999 ms old mark
    r.clock.advance(1);
    expect(verdict(r.risk.check({ ...order, qty: 52 }))).toMatch(/^gross exposure would be 100494 USDT/);
  });
});

describe('the check itself', () => {
  it('puts the kill switch first, then the instrument, then the order itself', () => {
    const r = rig(temp, { defaults: { maxOrderQty: '0' } });
    expect(verdict(r.risk.check(limitOrder('SIM-C', 'BTC-USDT', 'buy', 1, 1)))).toBe('unknown instrument SIM-C:BTC-USDT');
    expect(r.risk.check(buyBtc(BTC_95000, 0))).toEqual({
      ok: false,
      error: { code: 'INVALID_INPUT', message: 'quantity must be a positive whole number of lots for SIM-A:BTC-USDT' },
    });
    r.killSwitch.engage('hotkey', 'test');
    expect(r.risk.check(buyBtc(BTC_95000, 0))).toEqual({ ok: false, error: { code: 'KILL_SWITCH', message: 'kill switch engaged' } });
  });

  it('checkCode gives the same verdict as check, and describeRejection the same reason', () => {
    const r = rig(temp, { defaults: { maxOrderQty: '1' } });
    expect(r.risk.checkCode(buyBtc(BTC_95000, BTC_1))).toBe(RiskCode.PASS);
    const over = buyBtc(BTC_95000, BTC_1 + 1);
    expect(r.risk.checkCode(over)).toBe(RiskCode.MAX_ORDER_QTY);
    expect(r.risk.describeRejection(RiskCode.MAX_ORDER_QTY, over)).toEqual({
      code: 'RISK_REJECTED',
      message: verdict(r.risk.check(over)),
    });
  });

  it('returns one shared, frozen ok for every passing order', () => {
    const r = rig(temp);
    const a = r.risk.check(buyBtc(BTC_95000, 1));
    expect(a).toBe(r.risk.check(buyBtc(BTC_95000, 2)));
    expect(Object.isFrozen(a)).toBe(true);
  });

  it('knows an instrument listed after it started', () => {
    const r = rig(temp, { defaults: { maxOrderQty: '1' } });
    r.registry.add({ ...inst(r.registry, 'SIM-A', 'BTC-USDT'), venue: 'SIM-C' });
    expect(verdict(r.risk.check(limitOrder('SIM-C', 'BTC-USDT', 'buy', BTC_95000, BTC_1 + 1)))).toBe(
      'quantity 1.0001 BTC exceeds the max order quantity 1 BTC for SIM-C:BTC-USDT',
    );
  });
});
