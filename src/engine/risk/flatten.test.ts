import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BTC_95000, marketOrder, rig, TempStore, verdict } from './testSupport';

let temp: TempStore;
beforeEach(() => {
  temp = new TempStore();
});
afterEach(() => temp.cleanup());

const ids = (): (() => string) => {
  let n = 0;
  return () => `flat-${++n}`;
};

/** The flatten order as the wiring submits it: its planned id, reduce-only. */
const flattenOrder = (venue: string, symbol: string, side: 'buy' | 'sell', qty: number, clientOrderId: string) => ({
  ...marketOrder(venue, symbol, side, qty),
  reduceOnly: true,
  clientOrderId,
});

describe('flatten through the engaged kill switch', () => {
  it('plans one closing reduce-only market order per open position, on every venue, each with its own id', () => {
    const r = rig(temp);
    r.ctx.setPosition('SIM-A', 'BTC-USDT', 1_500);
    r.ctx.setPosition('SIM-B', 'SOL-USDT', -40);
    r.ctx.setPosition('SIM-B', 'ETH-USDT', 0);
    expect(r.risk.planFlatten(ids())).toEqual([
      { clientOrderId: 'flat-1', venue: 'SIM-A', symbol: 'BTC-USDT', side: 'sell', type: 'market', reduceOnly: true, qty: 1_500 },
      { clientOrderId: 'flat-2', venue: 'SIM-B', symbol: 'SOL-USDT', side: 'buy', type: 'market', reduceOnly: true, qty: 40 },
    ]);
  });

  it('lets exactly each planned order through once, under its own id, and only for 30 s', () => {
    const r = rig(temp, { defaults: { maxOrderQty: '0.0001' } }); // limits do not hold back a flatten
    r.ctx.setBook('SIM-A', 'BTC-USDT', BTC_95000, BTC_95000 + 1);
    r.ctx.setPosition('SIM-A', 'BTC-USDT', 1_500);
    r.ctx.setPosition('SIM-B', 'BTC-USDT', 700);
    r.killSwitch.engage('hotkey', 'flatten');
    r.risk.planFlatten(ids());
    expect(verdict(r.risk.check(flattenOrder('SIM-A', 'BTC-USDT', 'sell', 1_500, 'flat-1')))).toBe('ok');
    expect(verdict(r.risk.check(flattenOrder('SIM-A', 'BTC-USDT', 'sell', 1_500, 'flat-1')))).toBe('kill switch engaged');
    r.clock.advance(30_000);
    expect(verdict(r.risk.check(flattenOrder('SIM-B', 'BTC-USDT', 'sell', 700, 'flat-2')))).toBe('kill switch engaged');
  });

  it('a permit is bound to its order: same terms under another id, or without reduce-only, are refused', () => {
    const r = rig(temp);
    r.ctx.setBook('SIM-A', 'BTC-USDT', BTC_95000, BTC_95000 + 1);
    r.ctx.setPosition('SIM-A', 'BTC-USDT', 1_500);
    r.killSwitch.engage('hotkey', 'flatten');
    r.risk.planFlatten(ids());
    // Same venue, symbol, side and quantity, but not the planned order.
    expect(verdict(r.risk.check(marketOrder('SIM-A', 'BTC-USDT', 'sell', 1_500)))).toBe('kill switch engaged');
    expect(verdict(r.risk.check(flattenOrder('SIM-A', 'BTC-USDT', 'sell', 1_500, 'other-id')))).toBe('kill switch engaged');
    expect(verdict(r.risk.check({ ...marketOrder('SIM-A', 'BTC-USDT', 'sell', 1_500), clientOrderId: 'flat-1' }))).toBe('kill switch engaged');
    // A wrong attempt under its id used the permit up: the planned order cannot then be slipped through.
    expect(verdict(r.risk.check(flattenOrder('SIM-A', 'BTC-USDT', 'sell', 1_500, 'flat-1')))).toBe('kill switch engaged');
  });

  it('a revoked permit (its order refused elsewhere) lets nothing through', () => {
    const r = rig(temp);
    r.ctx.setBook('SIM-A', 'BTC-USDT', BTC_95000, BTC_95000 + 1);
    r.ctx.setPosition('SIM-A', 'BTC-USDT', 1_500);
    r.killSwitch.engage('hotkey', 'flatten');
    const [planned] = r.risk.planFlatten(ids());
    r.risk.revokeFlatten(planned!.clientOrderId);
    expect(verdict(r.risk.check(flattenOrder('SIM-A', 'BTC-USDT', 'sell', 1_500, 'flat-1')))).toBe('kill switch engaged');
  });
});
