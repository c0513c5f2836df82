import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatScaled, type Order, type OrderRequest } from '../core';
import { trimDecimal } from './limits';
import { BTC_1, BTC_95000, limitOrder, rig, TempStore, verdict } from './testSupport';

/*
 * An amend (new price, stop price or quantity for a working order) must pass the limits a new order
 * with those terms would, counted with the order's present terms REPLACED: the order is already among
 * the working orders, so counting it again would refuse amends a trader is entitled to.
 */

let temp: TempStore;
beforeEach(() => {
  temp = new TempStore();
});
afterEach(() => temp.cleanup());

const btc = (lots: number): string => `${trimDecimal(formatScaled(lots, 4))} BTC`;
/** The request the OMS checks for an amend: the order's terms with the change applied. */
const amended = (o: Order, change: { price?: number; qty?: number }): OrderRequest => ({
  venue: o.venue,
  symbol: o.symbol,
  side: o.side,
  type: o.type,
  price: change.price ?? o.price,
  qty: change.qty ?? o.qty,
});

describe('amend checks', () => {
  it('counts the amended order in place of the order, up to the max long position exactly', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -2 * BTC_1, max: 2 * BTC_1 }), // position
        fc.integer({ min: 0, max: BTC_1 }), // other working buys
        fc.integer({ min: 1, max: BTC_1 }), // the order's quantity
        fc.integer({ min: 0, max: 100 }), // percent of it filled
        fc.integer({ min: 1, max: BTC_1 }), // what the amend adds on top of the filled part
        (position, others, qty, filledPct, unfilledAfter) => {
          const r = rig(temp);
          const filled = Math.min(qty - 1, Math.floor((qty * filledPct) / 100));
          r.ctx.setPosition('SIM-A', 'BTC-USDT', position);
          if (others > 0) r.ctx.addWorking('SIM-A', 'BTC-USDT', 'buy', 900_000, others);
          const order = r.ctx.addWorking('SIM-A', 'BTC-USDT', 'buy', 900_000, qty, filled);
          const worst = position + others + unfilledAfter;
          if (worst < 1) return;
          const req = amended(order, { qty: filled + unfilledAfter });
          expect(r.risk.setDefaultLimits({ maxLongPosition: formatScaled(worst, 4) }).ok).toBe(true);
          expect(verdict(r.risk.checkAmend(order, req))).toBe('ok');
          expect(r.risk.setDefaultLimits({ maxLongPosition: formatScaled(worst - 1, 4) }).ok).toBe(true);
          expect(verdict(r.risk.checkAmend(order, req))).toBe(
            `long position could reach ${btc(worst)} (position ${btc(position)} + working buys ${btc(others)} + this order ${btc(unfilledAfter)}), above the max long position ${btc(worst - 1)} for SIM-A:BTC-USDT`,
          );
          temp.closeLatest();
        },
      ),
      { numRuns: 40 },
    );
  });

  it('does not count the order again among the open orders', () => {
    const r = rig(temp, { defaults: { maxOpenOrders: 1 }, venueDefaults: { maxOpenOrders: 1 }, account: { maxOpenOrders: 1 } });
    const order = r.ctx.addWorking('SIM-A', 'BTC-USDT', 'buy', 900_000, 100);
    expect(verdict(r.risk.check(limitOrder('SIM-A', 'BTC-USDT', 'buy', 900_100, 100)))).toBe('open orders on SIM-A:BTC-USDT would be 2, above the max 1');
    expect(verdict(r.risk.checkAmend(order, amended(order, { price: 900_100 })))).toBe('ok');
  });

  it('applies the collar, the order size and notional limits to the amended terms', () => {
    const r = rig(temp, { defaults: { priceCollarPct: '1', maxOrderQty: '1' } });
    r.ctx.setBook('SIM-A', 'BTC-USDT', BTC_95000 - 1, BTC_95000 + 1);
    const order = r.ctx.addWorking('SIM-A', 'BTC-USDT', 'buy', BTC_95000, 100);
    expect(verdict(r.risk.checkAmend(order, amended(order, { price: 959_500 })))).toBe('ok'); // mid + 1%
    expect(verdict(r.risk.checkAmend(order, amended(order, { price: 959_501 })))).toBe(
      'price 95950.1 is 1.0002% above the mid 95000, outside the 1% price collar for SIM-A:BTC-USDT',
    );
    expect(verdict(r.risk.checkAmend(order, amended(order, { qty: BTC_1 + 1 })))).toBe(
      'quantity 1.0001 BTC exceeds the max order quantity 1 BTC for SIM-A:BTC-USDT',
    );
  });

  it('counts the amended value in place of the present one for the gross exposure, up to the limit', () => {
    const r = rig(temp, { account: { maxGrossExposure: { USDT: '10000' } } }); // 10,000 USDT
    const order = r.ctx.addWorking('SIM-A', 'BTC-USDT', 'buy', 900_000, 1_000); // 0.1 BTC at 90,000 = 9,000 USDT
    r.ctx.addWorking('SIM-B', 'BTC-USDT', 'sell', 900_000, 1); // 0.0001 BTC at 90,000 = 9 USDT
    // 0.1 BTC at 99,910 = 9,991 USDT: with the other 9 USDT exactly the limit.
    expect(verdict(r.risk.checkAmend(order, amended(order, { price: 999_100 })))).toBe('ok');
    expect(verdict(r.risk.checkAmend(order, amended(order, { price: 999_101 })))).toBe(
      'gross exposure would be 10000.01 USDT (positions and working orders 9 USDT + this order 9991.01 USDT), above the max gross exposure 10000 USDT',
    );
  });

  it('is not a new order for the duplicate guard: neither refused as one nor remembered as one', () => {
    const r = rig(temp, { defaults: { duplicateWindowMs: 1_000 } });
    expect(verdict(r.risk.check(limitOrder('SIM-A', 'BTC-USDT', 'buy', 950_000, 100)))).toBe('ok');
    const order = r.ctx.addWorking('SIM-A', 'BTC-USDT', 'buy', 949_000, 100);
    expect(verdict(r.risk.checkAmend(order, amended(order, { price: 950_000 })))).toBe('ok');
    expect(verdict(r.risk.checkAmend(order, amended(order, { price: 949_500 })))).toBe('ok');
    expect(verdict(r.risk.check(limitOrder('SIM-A', 'BTC-USDT', 'buy', 949_500, 100)))).toBe('ok');
  });

  it('goes to a venue only through CLOSED breakers, and never takes the probe', () => {
    const r = rig(temp, { breakers: { defaults: { maxErrors: 0 } } });
    const order = r.ctx.addWorking('SIM-A', 'BTC-USDT', 'buy', 949_000, 100);
    r.risk.onVenueError('SIM-A', 'timeout');
    r.clock.advance(1_000); // HALF_OPEN: the next new order is the probe
    expect(verdict(r.risk.checkAmend(order, amended(order, { price: 949_100 })))).toBe(
      'circuit breaker HALF_OPEN for venue SIM-A: 1 venue error within 10 s, above 0; last: timeout; an amend waits until a probe order has closed it',
    );
    expect(verdict(r.risk.check({ ...limitOrder('SIM-A', 'BTC-USDT', 'buy', 949_200, 100), clientOrderId: 'probe' }))).toBe('ok');
  });
});
