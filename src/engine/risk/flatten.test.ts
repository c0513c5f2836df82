import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BTC_95000, marketOrder, rig, TempStore, verdict } from './testSupport';

let temp: TempStore;
beforeEach(() => {
  temp = new TempStore();
});
afterEach(() => temp.cleanup());

describe('flatten through the engaged kill switch', () => {
  it('plans one closing market order per open position, on every venue', () => {
    const r = rig(temp);
    r.ctx.setPosition('SIM-A', 'BTC-USDT', 1_500);
    r.ctx.setPosition('SIM-B', 'SOL-USDT', -40);
    r.ctx.setPosition('SIM-B', 'ETH-USDT', 0);
    expect(r.risk.planFlatten()).toEqual([
      { venue: 'SIM-A', symbol: 'BTC-USDT', side: 'sell', type: 'market', qty: 1_500 },
      { venue: 'SIM-B', symbol: 'SOL-USDT', side: 'buy', type: 'market', qty: 40 },
    ]);
  });

  it('lets exactly the planned orders through once each, and only for 30 s', () => {
    const r = rig(temp, { defaults: { maxOrderQty: '0.0001' } }); // limits do not hold back a flatten
    r.ctx.setBook('SIM-A', 'BTC-USDT', BTC_95000, BTC_95000 + 1);
    r.ctx.setPosition('SIM-A', 'BTC-USDT', 1_500);
    r.ctx.setPosition('SIM-B', 'BTC-USDT', 700);
    r.killSwitch.engage('hotkey', 'flatten');
    r.risk.planFlatten();
    expect(verdict(r.risk.check(marketOrder('SIM-A', 'BTC-USDT', 'sell', 1_499)))).toBe('kill switch engaged');
    expect(verdict(r.risk.check(marketOrder('SIM-A', 'BTC-USDT', 'buy', 1_500)))).toBe('kill switch engaged');
    expect(verdict(r.risk.check({ ...marketOrder('SIM-A', 'BTC-USDT', 'sell', 1_500), type: 'limit', price: 1 }))).toBe('kill switch engaged');
    expect(verdict(r.risk.check(marketOrder('SIM-A', 'BTC-USDT', 'sell', 1_500)))).toBe('ok');
    expect(verdict(r.risk.check(marketOrder('SIM-A', 'BTC-USDT', 'sell', 1_500)))).toBe('kill switch engaged');
    r.clock.advance(30_000);
    expect(verdict(r.risk.check(marketOrder('SIM-B', 'BTC-USDT', 'sell', 700)))).toBe('kill switch engaged');
  });
});
