import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatScaled, type OrderRequest } from '../core';
import { describePrice, trimDecimal } from './limits';
import {
  BTC_1,
  BTC_95000,
  inst,
  limitOrder,
  marketOrder,
  rig,
  stopLimitOrder,
  stopMarketOrder,
  TempStore,
  verdict,
  type Rig,
} from './testSupport';

/*
 * Every check for stop-market and stop-limit orders and reduce-only orders, at its boundaries: what an
 * order is valued at, which of its prices the collar looks at, when a reduce-only order may exceed the
 * position limits, and what makes two orders the same for the duplicate guard.
 */

let temp: TempStore;
beforeEach(() => {
  temp = new TempStore();
});
afterEach(() => temp.cleanup());

const btc = (lots: number): string => `${trimDecimal(formatScaled(lots, 4))} BTC`;
const usdt5 = (units: number): string => `${trimDecimal(formatScaled(units, 5))} USDT`;
const RUNS = { numRuns: 50 };
const escaped = (s: string): string => s.replace(/[.]/g, '\\.');
const price = (r: Rig, ticks: number): string => describePrice(inst(r.registry, 'SIM-A', 'BTC-USDT'), ticks);

describe('order type conformity', () => {
  const r = (): Rig => rig(temp);
  const refused = (req: OrderRequest) => r().risk.check(req);

  it.each<[string, OrderRequest, string]>([
    ['a stop-market order without a stop price', { ...stopMarketOrder('SIM-A', 'BTC-USDT', 'sell', 1, 100), stopPrice: undefined }, 'a stop-market order needs a stop price for SIM-A:BTC-USDT'],
    ['a stop-limit order without a limit price', { ...stopLimitOrder('SIM-A', 'BTC-USDT', 'sell', 940_000, 1, 100), price: undefined }, 'a stop-limit order needs a price for SIM-A:BTC-USDT'],
    ['a stop-limit order without a stop price', { ...stopLimitOrder('SIM-A', 'BTC-USDT', 'sell', 1, 940_000, 100), stopPrice: undefined }, 'a stop-limit order needs a stop price for SIM-A:BTC-USDT'],
    ['a stop price that is not whole ticks', stopMarketOrder('SIM-A', 'BTC-USDT', 'sell', 940_000.5, 100), 'stop price must be a positive whole number of ticks for SIM-A:BTC-USDT'],
    ['a zero stop price', stopMarketOrder('SIM-A', 'BTC-USDT', 'sell', 0, 100), 'stop price must be a positive whole number of ticks for SIM-A:BTC-USDT'],
    ['a market order with a price', { ...marketOrder('SIM-A', 'BTC-USDT', 'buy', 100), price: BTC_95000 }, 'a market order takes no limit price for SIM-A:BTC-USDT'],
    ['a stop-market order with a price', { ...stopMarketOrder('SIM-A', 'BTC-USDT', 'buy', BTC_95000, 100), price: BTC_95000 }, 'a stop-market order takes no limit price for SIM-A:BTC-USDT'],
    ['a limit order with a stop price', { ...limitOrder('SIM-A', 'BTC-USDT', 'buy', BTC_95000, 100), stopPrice: BTC_95000 }, 'a limit order takes no stop price for SIM-A:BTC-USDT'],
    ['an order type risk does not know', { ...marketOrder('SIM-A', 'BTC-USDT', 'buy', 100), type: 'trailing_stop' as never }, 'unknown order type "trailing_stop" for SIM-A:BTC-USDT'],
  ])('refuses %s with the reason, as bad input', (_what, req, message) => {
    expect(refused(req)).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message } });
  });
});

describe('value of stop and market orders', () => {
  it('values a stop-market order at its stop price, with no book needed, up to the max notional', () => {
    const r = rig(temp); // no book at all: the stop price is the value
    fc.assert(
      fc.property(fc.integer({ min: 100_000, max: 2_000_000 }), fc.integer({ min: 10, max: 50_000 }), fc.constantFrom('buy' as const, 'sell' as const), (stop, qty, side) => {
        const order = stopMarketOrder('SIM-A', 'BTC-USDT', side, stop, qty);
        const value = stop * qty;
        expect(r.risk.setDefaultLimits({ maxOrderNotional: formatScaled(value, 5) }).ok).toBe(true);
        expect(verdict(r.risk.check(order))).toBe('ok');
        expect(r.risk.setDefaultLimits({ maxOrderNotional: formatScaled(value - 1, 5) }).ok).toBe(true);
        expect(verdict(r.risk.check(order))).toBe(
          `notional ${usdt5(value)} exceeds the max order notional ${usdt5(value - 1)} for SIM-A:BTC-USDT`,
        );
      }),
      RUNS,
    );
  });

  it('values a stop-limit order at its limit price, and applies the minimum notional there', () => {
    const r = rig(temp, { defaults: { maxOrderNotional: '95000' } });
    // Stop 95000.1, limit 95000: worth 95000 USDT per BTC, at the limit.
    expect(verdict(r.risk.check(stopLimitOrder('SIM-A', 'BTC-USDT', 'buy', 950_001, BTC_95000, BTC_1)))).toBe('ok');
    expect(verdict(r.risk.check(stopLimitOrder('SIM-A', 'BTC-USDT', 'buy', 949_999, 950_001, BTC_1)))).toBe(
      'notional 95000.1 USDT exceeds the max order notional 95000 USDT for SIM-A:BTC-USDT',
    );
    expect(verdict(r.risk.check(stopMarketOrder('SIM-A', 'BTC-USDT', 'sell', 500_000, 1)))).toBe('ok'); // 5 USDT
    expect(verdict(r.risk.check(stopMarketOrder('SIM-A', 'BTC-USDT', 'sell', 499_999, 1)))).toBe(
      'notional 4.99999 USDT is below the minimum notional 5 USDT for SIM-A:BTC-USDT',
    );
  });

  it('values a market order at the touch it would take, and cannot value one with no touch', () => {
    const r = rig(temp);
    fc.assert(
      fc.property(fc.integer({ min: 100_000, max: 2_000_000 }), fc.integer({ min: 1, max: 50 }), fc.integer({ min: 10, max: 50_000 }), (bid, spread, qty) => {
        r.ctx.setBook('SIM-A', 'BTC-USDT', bid, bid + spread);
        const buyValue = (bid + spread) * qty;
        expect(r.risk.setDefaultLimits({ maxOrderNotional: formatScaled(buyValue, 5) }).ok).toBe(true);
        expect(verdict(r.risk.check(marketOrder('SIM-A', 'BTC-USDT', 'buy', qty)))).toBe('ok');
        expect(r.risk.setDefaultLimits({ maxOrderNotional: formatScaled(bid * qty - 1, 5) }).ok).toBe(true);
        expect(verdict(r.risk.check(marketOrder('SIM-A', 'BTC-USDT', 'sell', qty)))).toBe(
          `notional ${usdt5(bid * qty)} exceeds the max order notional ${usdt5(bid * qty - 1)} for SIM-A:BTC-USDT`,
        );
      }),
      RUNS,
    );
    r.ctx.setBook('SIM-A', 'BTC-USDT', undefined, undefined);
    expect(verdict(r.risk.check(marketOrder('SIM-A', 'BTC-USDT', 'sell', 10)))).toBe('no reference price for a market sell on SIM-A:BTC-USDT');
  });
});

describe('price collar on stop orders', () => {
  /** Largest and smallest prices within `hundredths` hundredths of a percent of the mid, exactly. */
  const band = (bid: number, ask: number, hundredths: number): { highest: number; lowest: number } => {
    const mid2 = BigInt(bid + ask);
    const ppm = BigInt(hundredths * 100);
    return {
      highest: Number((mid2 * (1_000_000n + ppm)) / 2_000_000n),
      lowest: Number((mid2 * (1_000_000n - ppm) + 1_999_999n) / 2_000_000n),
    };
  };

  it('collars the stop price of a stop-market order like a limit price: up to the band passes, one tick out fails', () => {
    const r = rig(temp);
    fc.assert(
      fc.property(fc.integer({ min: 100_000, max: 2_000_000 }), fc.integer({ min: 1, max: 2 }), fc.integer({ min: 1, max: 2_000 }), (bid, spread, hundredths) => {
        const ask = bid + spread;
        r.ctx.setBook('SIM-A', 'BTC-USDT', bid, ask);
        const pct = trimDecimal(formatScaled(hundredths, 2));
        expect(r.risk.setDefaultLimits({ priceCollarPct: pct }).ok).toBe(true);
        const { highest, lowest } = band(bid, ask, hundredths);
        const mid = price(r, (bid + ask) / 2);
        expect(verdict(r.risk.check(stopMarketOrder('SIM-A', 'BTC-USDT', 'buy', highest, 100)))).toBe('ok');
        expect(verdict(r.risk.check(stopMarketOrder('SIM-A', 'BTC-USDT', 'sell', lowest, 100)))).toBe('ok');
        expect(verdict(r.risk.check(stopMarketOrder('SIM-A', 'BTC-USDT', 'buy', highest + 1, 100)))).toMatch(
          new RegExp(`^stop price ${escaped(price(r, highest + 1))} is [\\d.]+% above the mid ${escaped(mid)}, outside the ${escaped(pct)}% price collar for SIM-A:BTC-USDT$`),
        );
        expect(verdict(r.risk.check(stopMarketOrder('SIM-A', 'BTC-USDT', 'sell', lowest - 1, 100)))).toMatch(
          new RegExp(`^stop price ${escaped(price(r, lowest - 1))} is [\\d.]+% below the mid ${escaped(mid)}, outside the ${escaped(pct)}% price collar`),
        );
      }),
      RUNS,
    );
  });

  it('collars both prices of a stop-limit order, each at its own boundary', () => {
    const r = rig(temp);
    fc.assert(
      fc.property(fc.integer({ min: 100_000, max: 2_000_000 }), fc.integer({ min: 1, max: 2_000 }), (bid, hundredths) => {
        const ask = bid + 1;
        r.ctx.setBook('SIM-A', 'BTC-USDT', bid, ask);
        expect(r.risk.setDefaultLimits({ priceCollarPct: trimDecimal(formatScaled(hundredths, 2)) }).ok).toBe(true);
        const { highest, lowest } = band(bid, ask, hundredths);
        // A buy stop-limit: stop and limit both at the top of the band pass.
        expect(verdict(r.risk.check(stopLimitOrder('SIM-A', 'BTC-USDT', 'buy', highest, highest, 100)))).toBe('ok');
        expect(verdict(r.risk.check(stopLimitOrder('SIM-A', 'BTC-USDT', 'buy', highest, highest + 1, 100)))).toMatch(/^price .* above the mid/);
        expect(verdict(r.risk.check(stopLimitOrder('SIM-A', 'BTC-USDT', 'buy', highest + 1, highest, 100)))).toMatch(/^stop price .* above the mid/);
        expect(verdict(r.risk.check(stopLimitOrder('SIM-A', 'BTC-USDT', 'sell', lowest, lowest, 100)))).toBe('ok');
        expect(verdict(r.risk.check(stopLimitOrder('SIM-A', 'BTC-USDT', 'sell', lowest - 1, lowest, 100)))).toMatch(/^stop price .* below the mid/);
      }),
      RUNS,
    );
  });

  it('needs a collar reference for a stop order, and measures from the last trade when told to', () => {
    const r = rig(temp, { defaults: { priceCollarPct: '1' } });
    expect(verdict(r.risk.check(stopMarketOrder('SIM-A', 'BTC-USDT', 'sell', 940_000, 100)))).toBe(
      'no mid price on SIM-A:BTC-USDT to check the 1% price collar against',
    );
    r.risk.setDefaultLimits({ priceCollarPct: '1', priceCollarReference: 'last' });
    r.ctx.setBook('SIM-A', 'BTC-USDT', undefined, undefined, 900_000);
    expect(verdict(r.risk.check(stopMarketOrder('SIM-A', 'BTC-USDT', 'sell', 891_000, 100)))).toBe('ok'); // last - 1%
    expect(verdict(r.risk.check(stopMarketOrder('SIM-A', 'BTC-USDT', 'sell', 890_999, 100)))).toBe(
      'stop price 89099.9 is 1.0002% below the last trade 90000, outside the 1% price collar for SIM-A:BTC-USDT',
    );
  });

  it('does not collar a market order, which has no price of its own', () => {
    const r = rig(temp, { defaults: { priceCollarPct: '0' } });
    r.ctx.setBook('SIM-A', 'BTC-USDT', BTC_95000 - 1, BTC_95000 + 1);
    expect(verdict(r.risk.check(marketOrder('SIM-A', 'BTC-USDT', 'buy', 100)))).toBe('ok');
    expect(verdict(r.risk.check(stopMarketOrder('SIM-A', 'BTC-USDT', 'buy', BTC_95000 + 1, 100)))).toMatch(/^stop price 95000\.1 is/);
  });
});

describe('reduce-only orders and the position limits', () => {
  it('never refuses a reduce-only order that reduces the position, however far the worst case goes', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 * BTC_1 }), // |position|
        fc.integer({ min: 0, max: 3 * BTC_1 }), // working orders on the reducing side
        fc.integer({ min: 1, max: 2 * BTC_1 }), // this order
        fc.constantFrom('long' as const, 'short' as const),
        fc.constantFrom('limit' as const, 'market' as const, 'stop_market' as const, 'stop_limit' as const),
        (size, working, qty, held, type) => {
          const r = rig(temp);
          r.ctx.setBook('SIM-A', 'BTC-USDT', BTC_95000 - 1, BTC_95000 + 1);
          const side = held === 'long' ? 'sell' : 'buy';
          r.ctx.setPosition('SIM-A', 'BTC-USDT', held === 'long' ? size : -size);
          if (working > 0) r.ctx.addWorking('SIM-A', 'BTC-USDT', side, side === 'sell' ? 1_000_000 : 900_000, working);
          const worst = -size + working + qty; // on the side the order is on
          const field = side === 'sell' ? 'maxShortPosition' : 'maxLongPosition';
          const order: OrderRequest =
            type === 'limit'
              ? limitOrder('SIM-A', 'BTC-USDT', side, BTC_95000, qty)
              : type === 'market'
                ? marketOrder('SIM-A', 'BTC-USDT', side, qty)
                : type === 'stop_market'
                  ? stopMarketOrder('SIM-A', 'BTC-USDT', side, BTC_95000, qty)
                  : stopLimitOrder('SIM-A', 'BTC-USDT', side, BTC_95000, BTC_95000, qty);
          // The tightest limit there is: not one lot on that side.
          expect(r.risk.setDefaultLimits({ [field]: '0' }).ok).toBe(true);
          expect(verdict(r.risk.check({ ...order, reduceOnly: true }))).toBe('ok');
          // The same order without reduce-only is checked as always.
          expect(r.risk.check(order).ok).toBe(worst <= 0);
          temp.closeLatest();
        },
      ),
      { numRuns: 40 },
    );
  });

  it('checks a reduce-only order like any other when there is nothing on the other side to reduce', () => {
    const r = rig(temp, { defaults: { maxShortPosition: '0.5', maxLongPosition: '1' } });
    const sell = { ...limitOrder('SIM-A', 'BTC-USDT', 'sell', BTC_95000, 5_001), reduceOnly: true };
    // Flat: a reduce-only sell reduces nothing, and one lot over the short limit is refused.
    expect(verdict(r.risk.check(sell))).toBe(
      `short position could reach ${btc(5_001)} (short now 0 BTC + working sells 0 BTC + this order ${btc(5_001)}), above the max short position ${btc(5_000)} for SIM-A:BTC-USDT`,
    );
    expect(verdict(r.risk.check({ ...sell, qty: 5_000 }))).toBe('ok'); // at the limit
    // Short already: a reduce-only sell would add to it.
    r.ctx.setPosition('SIM-A', 'BTC-USDT', -1);
    expect(r.risk.check({ ...sell, qty: 5_000 }).ok).toBe(false);
    // Long: a reduce-only buy would add to it; at the limit exactly it passes, one lot over it does not.
    r.ctx.setPosition('SIM-A', 'BTC-USDT', 1);
    const buy = { ...limitOrder('SIM-A', 'BTC-USDT', 'buy', BTC_95000, BTC_1 - 1), reduceOnly: true };
    expect(verdict(r.risk.check(buy))).toBe('ok');
    expect(r.risk.check({ ...buy, qty: BTC_1 }).ok).toBe(false);
  });
});

describe('working reduce-only orders and the position limits', () => {
  it('counts a working reduce-only order only as far as it can close the position, up to the limit exactly', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -3 * BTC_1, max: 3 * BTC_1 }), // position
        fc.integer({ min: 0, max: 3 * BTC_1 }), // working reduce-only sells
        fc.integer({ min: 0, max: 2 * BTC_1 }), // working plain sells
        fc.integer({ min: 1, max: BTC_1 }), // this plain sell
        (position, reducing, plain, qty) => {
          const r = rig(temp);
          r.ctx.setPosition('SIM-A', 'BTC-USDT', position);
          if (reducing > 0) {
            const exit = r.ctx.addWorking('SIM-A', 'BTC-USDT', 'sell', 1_000_000, reducing);
            r.ctx.tracker.applyOrder({ ...exit, reduceOnly: true });
          }
          if (plain > 0) r.ctx.addWorking('SIM-A', 'BTC-USDT', 'sell', 1_000_000, plain);
          // Reduce-only sells can close at most the long there is, and nothing of a short.
          const counted = plain + Math.min(reducing, Math.max(position, 0));
          const worst = -position + counted + qty;
          if (worst < 1) return;
          const order = limitOrder('SIM-A', 'BTC-USDT', 'sell', BTC_95000, qty);
          expect(r.risk.setDefaultLimits({ maxShortPosition: formatScaled(worst, 4) }).ok).toBe(true);
          expect(verdict(r.risk.check(order))).toBe('ok');
          expect(r.risk.setDefaultLimits({ maxShortPosition: formatScaled(worst - 1, 4) }).ok).toBe(true);
          expect(verdict(r.risk.check(order))).toBe(
            `short position could reach ${btc(worst)} (short now ${btc(-position)} + working sells ${btc(counted)} + this order ${btc(qty)}), above the max short position ${btc(worst - 1)} for SIM-A:BTC-USDT`,
          );
          temp.closeLatest();
        },
      ),
      { numRuns: 40 },
    );
  });

  it('lets a trader with a bracket on a long still sell what the limit allows', () => {
    const r = rig(temp, { defaults: { maxShortPosition: '0.5' } });
    r.ctx.setPosition('SIM-A', 'BTC-USDT', BTC_1); // the entry filled: long 1 BTC
    for (const price of [1_000_000, 900_000]) {
      // Its take-profit and stop-loss: each closes the whole long, and only one of them can.
      r.ctx.tracker.applyOrder({ ...r.ctx.addWorking('SIM-A', 'BTC-USDT', 'sell', price, BTC_1), reduceOnly: true });
    }
    expect(verdict(r.risk.check(limitOrder('SIM-A', 'BTC-USDT', 'sell', BTC_95000, 5_000)))).toBe('ok');
    expect(verdict(r.risk.check(limitOrder('SIM-A', 'BTC-USDT', 'sell', BTC_95000, 5_001)))).toMatch(/^short position could reach 0\.5001 BTC/);
    expect(r.risk.utilisation().instruments.find((i) => i.venue === 'SIM-A' && i.symbol === 'BTC-USDT')!.short).toEqual({
      used: '0 BTC', // -1 long + 1 of exits that can close it
      limit: '0.5 BTC',
      fraction: 0,
    });
  });
});

describe('duplicate guard with stop prices', () => {
  it('counts the stop price among the terms: the same stop again is refused, a moved stop is a new order', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 5_000 }), fc.integer({ min: 800_000, max: 940_000 }), (windowMs, stop) => {
        const r = rig(temp, { defaults: { duplicateWindowMs: windowMs } });
        r.ctx.setBook('SIM-A', 'BTC-USDT', BTC_95000 - 1, BTC_95000 + 1);
        const order = stopMarketOrder('SIM-A', 'BTC-USDT', 'sell', stop, 5_000);
        expect(verdict(r.risk.check(order))).toBe('ok');
        r.clock.advance(windowMs - 1);
        expect(verdict(r.risk.check(order))).toBe(
          `duplicate: the same stop-market sell 0.5 BTC with stop ${price(r, stop)} on SIM-A:BTC-USDT was sent ${windowMs - 1} ms ago; repeats within ${windowMs} ms are refused`,
        );
        expect(verdict(r.risk.check({ ...order, stopPrice: stop - 1 }))).toBe('ok'); // a stop moved one tick
        expect(verdict(r.risk.check(marketOrder('SIM-A', 'BTC-USDT', 'sell', 5_000)))).toBe('ok'); // a market order is not a stop
        r.clock.advance(1);
        expect(verdict(r.risk.check(order))).toBe('ok');
        temp.closeLatest();
      }),
      { numRuns: 20 },
    );
  });

  it('tells stop-limit orders apart by stop price and by limit price, and from plain limits', () => {
    const r = rig(temp, { defaults: { duplicateWindowMs: 1_000 } });
    const order = stopLimitOrder('SIM-A', 'BTC-USDT', 'buy', 951_000, 952_000, 100);
    expect(verdict(r.risk.check(order))).toBe('ok');
    expect(verdict(r.risk.check(order))).toBe(
      'duplicate: the same stop-limit buy 0.01 BTC at 95200 with stop 95100 on SIM-A:BTC-USDT was sent 0 ms ago; repeats within 1000 ms are refused',
    );
    expect(verdict(r.risk.check({ ...order, stopPrice: 951_001 }))).toBe('ok');
    expect(verdict(r.risk.check({ ...order, price: 952_001 }))).toBe('ok');
    expect(verdict(r.risk.check(limitOrder('SIM-A', 'BTC-USDT', 'buy', 952_000, 100)))).toBe('ok');
  });
});

describe('self-trade prevention with stop orders', () => {
  it('treats a stop-market order as the market order it becomes, a stop-limit as a limit at its limit price', () => {
    const r = rig(temp, { defaults: { selfTradePrevention: true } });
    const own = r.ctx.addWorking('SIM-A', 'BTC-USDT', 'sell', 960_000, 10);
    expect(verdict(r.risk.check(stopMarketOrder('SIM-A', 'BTC-USDT', 'buy', 955_000, 10)))).toBe(
      `stop-market buy would trade against our own working sell order ${own.clientOrderId} at 96000 on SIM-A:BTC-USDT (self-trade prevention)`,
    );
    expect(verdict(r.risk.check(stopLimitOrder('SIM-A', 'BTC-USDT', 'buy', 955_000, 959_999, 10)))).toBe('ok');
    expect(verdict(r.risk.check(stopLimitOrder('SIM-A', 'BTC-USDT', 'buy', 955_000, 960_000, 10)))).toBe(
      `stop-limit buy at 96000 would cross our own working sell order ${own.clientOrderId} at 96000 on SIM-A:BTC-USDT (self-trade prevention)`,
    );
    expect(verdict(r.risk.check(stopMarketOrder('SIM-A', 'BTC-USDT', 'sell', 940_000, 10)))).toBe('ok'); // nothing of ours to buy from
  });
});

describe('gross exposure with stop orders', () => {
  it('counts a working stop-market order at its stop price, up to the limit', () => {
    fc.assert(
      fc.property(fc.integer({ min: 800_000, max: 1_000_000 }), fc.integer({ min: 1, max: 5_000 }), fc.integer({ min: 1, max: 5_000 }), (stop, workingQty, qty) => {
        const r = rig(temp);
        r.ctx.setBook('SIM-A', 'BTC-USDT', BTC_95000 - 1, BTC_95000 + 1);
        // Working on SIM-B: an untriggered stop-market sell, as the OMS reports it.
        const working = { ...r.ctx.addWorking('SIM-B', 'BTC-USDT', 'sell', 1, workingQty), type: 'stop_market' as const, price: undefined, stopPrice: stop };
        r.ctx.tracker.applyOrder(working);
        const held = stop * workingQty;
        const mine = stop * qty;
        const order = stopMarketOrder('SIM-A', 'BTC-USDT', 'sell', stop, qty);
        expect(r.risk.setAccountLimits({ maxGrossExposure: { USDT: formatScaled(held + mine, 5) } }).ok).toBe(true);
        expect(verdict(r.risk.check(order))).toBe('ok');
        expect(r.risk.setAccountLimits({ maxGrossExposure: { USDT: formatScaled(held + mine - 1, 5) } }).ok).toBe(true);
        expect(verdict(r.risk.check(order))).toBe(
          `gross exposure would be ${usdt5(held + mine)} (positions and working orders ${usdt5(held)} + this order ${usdt5(mine)}), above the max gross exposure ${usdt5(held + mine - 1)}`,
        );
        temp.closeLatest();
      }),
      { numRuns: 25 },
    );
  });
});
