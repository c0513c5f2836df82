import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SimulatedClock, type OrderRequest, type Side, type Ticks } from '../core';
import { InstrumentRegistry, type Instrument } from '../instruments';
import { openStore, type Store } from '../storage';
import { KillSwitch } from './killSwitch';
import { RiskManager, type RiskManagerOptions } from './riskManager';

// BTC-USDT as the SIM lists it: price 0.1 USDT ticks, quantity 0.0001 BTC lots, min notional 5 USDT.
const BTC: Instrument = {
  venue: 'SIM',
  symbol: 'BTC-USDT',
  venueSymbol: 'BTCUSDT',
  base: 'BTC',
  quote: 'USDT',
  priceDecimals: 1,
  qtyDecimals: 4,
  tickSize: 1,
  lotSize: 1,
  minNotional: 5 * 10 ** 5,
};
const ETH: Instrument = { ...BTC, symbol: 'ETH-USDT', venueSymbol: 'ETHUSDT', base: 'ETH', priceDecimals: 2, qtyDecimals: 3 };
const btc = (lots: number, price?: Ticks): OrderRequest => ({
  venue: 'SIM',
  symbol: 'BTC-USDT',
  side: 'buy',
  type: price === undefined ? 'market' : 'limit',
  price,
  qty: lots,
});
const BTC_1 = 10_000; // lots in 1 BTC
const USDT_95000 = 950_000; // ticks

let dir: string;
let store: Store;
let instruments: InstrumentRegistry;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sq-risk-'));
  store = openStore(dir);
  instruments = new InstrumentRegistry();
  instruments.add(BTC);
  instruments.add(ETH);
});
afterEach(() => {
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function risk(over: Partial<RiskManagerOptions> = {}): RiskManager {
  const clock = new SimulatedClock();
  return new RiskManager({
    instruments,
    killSwitch: new KillSwitch({ clock, store }),
    referencePrice: () => undefined,
    store,
    ...over,
  });
}

const reason = (r: ReturnType<RiskManager['check']>): string | undefined => (r.ok ? undefined : r.error.message);

describe('RiskManager limits', () => {
  it('passes an order inside every limit', () => {
    const rm = risk({ defaults: { maxOrderQty: '2', maxOrderNotional: '200000' } });
    expect(rm.check(btc(BTC_1, USDT_95000))).toEqual({ ok: true, value: undefined });
  });

  it('names the quantity, the limit and the instrument in decimals', () => {
    const rm = risk({ defaults: { maxOrderQty: '2' } });
    const r = rm.check(btc(5 * BTC_1, USDT_95000));
    expect(r).toEqual({
      ok: false,
      error: { code: 'RISK_REJECTED', message: 'quantity 5 BTC exceeds the max order quantity 2 BTC for SIM:BTC-USDT' },
    });
    expect(rm.check(btc(2 * BTC_1, USDT_95000)).ok).toBe(true); // at the limit is allowed
    expect(reason(rm.check(btc(2 * BTC_1 + 1, USDT_95000)))).toBe(
      'quantity 2.0001 BTC exceeds the max order quantity 2 BTC for SIM:BTC-USDT',
    );
  });

  it('rejects a notional above the max, in the quote currency', () => {
    const rm = risk({ defaults: { maxOrderNotional: '100000' } });
    expect(reason(rm.check(btc(2 * BTC_1, USDT_95000)))).toBe(
      'notional 190000 USDT exceeds the max order notional 100000 USDT for SIM:BTC-USDT',
    );
  });

  it('lets a per-instrument override win field by field, and removing it restores the default', () => {
    const rm = risk({ defaults: { maxOrderQty: '2', maxOrderNotional: '100000' } });
    expect(rm.setInstrumentLimits('SIM', 'BTC-USDT', { maxOrderQty: '0.5' }).ok).toBe(true);
    expect(rm.limitsFor('SIM', 'BTC-USDT')).toEqual({ maxOrderQty: 5_000, maxOrderNotional: 100_000 * 10 ** 5 });
    expect(reason(rm.check(btc(BTC_1, USDT_95000)))).toBe(
      'quantity 1 BTC exceeds the max order quantity 0.5 BTC for SIM:BTC-USDT',
    );
    // ETH still has the default, converted to ETH's own lots and QuoteUnits.
    expect(rm.limitsFor('SIM', 'ETH-USDT')).toEqual({ maxOrderQty: 2_000, maxOrderNotional: 100_000 * 10 ** 5 });
    rm.setInstrumentLimits('SIM', 'BTC-USDT', undefined);
    expect(rm.check(btc(BTC_1, USDT_95000)).ok).toBe(true);
  });

  it('rounds a quantity limit finer than a lot down, never up', () => {
    const rm = risk({ defaults: { maxOrderQty: '0.00019' } });
    expect(rm.limitsFor('SIM', 'BTC-USDT')?.maxOrderQty).toBe(1);
  });

  it('refuses a malformed limit and an unknown instrument, keeping the old limits', () => {
    const rm = risk({ defaults: { maxOrderQty: '2' } });
    expect(rm.setDefaultLimits({ maxOrderQty: '-1' })).toEqual({
      ok: false,
      error: { code: 'INVALID_INPUT', message: 'maxOrderQty must be a non-negative decimal amount, got "-1"' },
    });
    expect(rm.setInstrumentLimits('SIM', 'DOGE-USDT', { maxOrderQty: '1' }).ok).toBe(false);
    expect(rm.limits().defaults).toEqual({ maxOrderQty: '2' });
  });

  it('keeps limits across a restart', () => {
    risk().setDefaultLimits({ maxOrderNotional: '50000' });
    const again = risk({ defaults: { maxOrderNotional: '1' } }); // stored limits win over start defaults
    expect(again.limits()).toEqual({ defaults: { maxOrderNotional: '50000' }, instruments: {} });
  });
});

describe('RiskManager conformity', () => {
  const rm = (): RiskManager => risk();

  it('requires a known instrument, a positive whole quantity and a price on a limit', () => {
    expect(rm().check({ ...btc(1, USDT_95000), symbol: 'DOGE-USDT' })).toEqual({
      ok: false,
      error: { code: 'UNKNOWN_INSTRUMENT', message: 'unknown instrument SIM:DOGE-USDT' },
    });
    expect(reason(rm().check(btc(0, USDT_95000)))).toBe('quantity must be a positive whole number of lots for SIM:BTC-USDT');
    expect(reason(rm().check(btc(1.5, USDT_95000)))).toBe('quantity must be a positive whole number of lots for SIM:BTC-USDT');
    expect(reason(rm().check({ ...btc(BTC_1), type: 'limit' }))).toBe('a limit order needs a price for SIM:BTC-USDT');
    expect(reason(rm().check(btc(BTC_1, -5)))).toBe('price must be a positive whole number of ticks for SIM:BTC-USDT');
  });

  it('rejects below the minimum notional', () => {
    // 0.0001 BTC at 47500.0 = 4.75 USDT < 5 USDT
    expect(reason(rm().check(btc(1, 475_000)))).toBe(
      'notional 4.75 USDT is below the minimum notional 5 USDT for SIM:BTC-USDT',
    );
    expect(rm().check(btc(1, 500_000)).ok).toBe(true);
  });

  it('values a market order at the best ask for a buy and the best bid for a sell', () => {
    // referencePrice(side) = the price an order of that side trades at: a buy pays the ask.
    const book = risk({
      defaults: { maxOrderNotional: '95000' },
      referencePrice: (_venue, _symbol, side: Side) => (side === 'buy' ? 950_010 : 949_990),
    });
    expect(reason(book.check(btc(BTC_1)))).toBe(
      'notional 95001 USDT exceeds the max order notional 95000 USDT for SIM:BTC-USDT',
    );
    expect(book.check({ ...btc(BTC_1), side: 'sell' }).ok).toBe(true);
  });

  it('rejects a market order when there is no reference price', () => {
    expect(reason(rm().check(btc(BTC_1)))).toBe('no reference price for a market buy on SIM:BTC-USDT');
  });
});

describe('RiskManager with the kill switch', () => {
  it('rejects every order with exactly "kill switch engaged" while engaged, and trades again after reset', () => {
    const clock = new SimulatedClock();
    const killSwitch = new KillSwitch({ clock, store });
    const rm = risk({ killSwitch });
    killSwitch.engage('hotkey', 'test');
    expect(rm.check(btc(BTC_1, USDT_95000))).toEqual({
      ok: false,
      error: { code: 'KILL_SWITCH', message: 'kill switch engaged' },
    });
    // Even an order that would fail other checks gets the kill switch reason first.
    expect(reason(rm.check({ ...btc(0), symbol: 'NOPE' }))).toBe('kill switch engaged');
    killSwitch.reset('ticket');
    expect(rm.check(btc(BTC_1, USDT_95000)).ok).toBe(true);
  });
});
