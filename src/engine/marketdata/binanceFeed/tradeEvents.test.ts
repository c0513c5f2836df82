import { describe, expect, it } from 'vitest';
import { tradeEvent } from './tradeEvents';

const scale = { priceDecimals: 2, qtyDecimals: 3, tickSize: 10, lotSize: 1 }; // USD-M BTCUSDT: tick 0.10, step 0.001
const aggTrade = { e: 'aggTrade', E: 2, a: 26129, s: 'BTCUSDT', p: '20377.10', q: '0.250', f: 100, l: 105, T: 1, m: true };

describe('tradeEvent', () => {
  it('turns an aggTrade into a trade in ticks and lots, the seller aggressing when the buyer is the maker', () => {
    const r = tradeEvent(aggTrade, 'binance-usdm', 'BTC-USDT-PERP', scale);
    expect(r).toEqual({
      ok: true,
      value: { type: 'trade', venue: 'binance-usdm', symbol: 'BTC-USDT-PERP', ts: 1, price: 203_771, qty: 250, aggressor: 'sell', tradeId: '26129' },
    });
  });

  it('reads a spot trade by its trade id, the buyer aggressing when the buyer is the taker', () => {
    const spot = { e: 'trade', E: 2, s: 'BTCUSDT', t: 12345, p: '20000.00000000', q: '0.00100000', T: 3, m: false, M: true };
    const r = tradeEvent(spot, 'binance', 'BTC-USDT', { priceDecimals: 2, qtyDecimals: 5, tickSize: 1, lotSize: 1 });
    expect(r.ok && r.value).toMatchObject({ tradeId: '12345', price: 2_000_000, qty: 100, aggressor: 'buy', ts: 3 });
  });

  it.each([
    ['another event', { ...aggTrade, e: 'depthUpdate' }, /expected a trade or aggTrade/],
    ['no id', { ...aggTrade, a: undefined }, /missing field "a"/],
    ['a price off the tick', { ...aggTrade, p: '20377.15' }, /not a multiple of the tick/],
    ['a numeric price', { ...aggTrade, p: 20377.1 }, /field "p" must be a string/],
    ['no maker flag', { ...aggTrade, m: 'yes' }, /field "m" must be a boolean/],
    ['a zero quantity', { ...aggTrade, q: '0.000' }, /must be greater than zero/],
  ])('refuses %s with a reason', (_, msg, reason) => {
    const r = tradeEvent(msg, 'binance-usdm', 'BTC-USDT-PERP', scale);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.message).toMatch(reason);
  });
});
