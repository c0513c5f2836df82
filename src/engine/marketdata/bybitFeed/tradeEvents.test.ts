import { describe, expect, it } from 'vitest';
import { bybitTradeEvents } from './tradeEvents';

const SCALE = { priceDecimals: 2, qtyDecimals: 6, tickSize: 10, lotSize: 1 };
const row = (over: Record<string, unknown> = {}) => ({ T: 1672304486865, s: 'BTCUSDT', S: 'Buy', v: '0.001000', p: '16578.50', L: 'PlusTick', i: '20f43950-d8dd-5b31-9112-a178eb6023af', BT: false, ...over });
const read = (data: unknown) => bybitTradeEvents({ topic: 'publicTrade.BTCUSDT', type: 'snapshot', ts: 1, data }, 'bybit-main', 'BTC-USDT', 'BTCUSDT', SCALE);

describe('Bybit publicTrade -> trade events', () => {
  it('turns each trade into exact ticks and lots, the taker side as aggressor, oldest first', () => {
    const r = read([row(), row({ S: 'Sell', v: '2', p: '16578.6', i: '2', T: 1672304486866 })]);
    expect(r).toEqual({
      ok: true,
      value: [
        { type: 'trade', venue: 'bybit-main', symbol: 'BTC-USDT', ts: 1672304486865, price: 165_785, qty: 1_000, aggressor: 'buy', tradeId: '20f43950-d8dd-5b31-9112-a178eb6023af' },
        { type: 'trade', venue: 'bybit-main', symbol: 'BTC-USDT', ts: 1672304486866, price: 165_786, qty: 2_000_000, aggressor: 'sell', tradeId: '2' },
      ],
    });
  });

  it('refuses the whole message when one trade cannot be read exactly', () => {
    const cases: [unknown, RegExp][] = [
      [{}, /field "data" must be an array/],
      [[row({ p: '16578.55' })], /data\[0\]: price "16578.55" is not a multiple of the tick 0.10/],
      [[row(), row({ v: '0.0000001' })], /data\[1\]: quantity "0.0000001" does not fit/],
      [[row({ v: '0' })], /size "0" must be greater than zero/],
      [[row({ S: 'buy' })], /field "S" must be "Buy" or "Sell"/],
      [[row({ s: 'ETHUSDT' })], /trade is for symbol ETHUSDT, expected BTCUSDT/],
      [[row({ T: '1' })], /field "T" must be an integer/],
      [[row({ i: '' })], /trade id\) is empty/],
      [[7], /trade is not a JSON object/],
    ];
    for (const [data, reason] of cases) {
      const r = read(data);
      expect(!r.ok && r.error.message, JSON.stringify(data)).toMatch(reason);
    }
  });
});
