import { describe, expect, it } from 'vitest';
import { requestTerms } from './confirmTerms';
import { btc } from './testing';

const base = { venue: 'main', symbol: 'BTC-USDT', source: 'ticket' } as const;

describe('the terms a production order is confirmed on', () => {
  it('says side, size, symbol, type, prices and flags exactly as they will be sent', () => {
    expect(requestTerms(btc, { call: 'orders.submit', input: { ...base, side: 'buy', type: 'limit', tif: 'GTC', price: '95000.0', qty: '0.0020', postOnly: true } })).toEqual([
      'Buy 0.0020 BTC BTC-USDT · Limit · at 95000.0 USDT · GTC · post-only',
    ]);
    expect(requestTerms(btc, { call: 'orders.submit', input: { ...base, side: 'sell', type: 'stop_limit', stopPrice: '94000.0', price: '93990.0', qty: '1.0000', reduceOnly: true } })).toEqual([
      'Sell 1.0000 BTC BTC-USDT · Stop limit · stop 94000.0 USDT · at 93990.0 USDT · reduce-only',
    ]);
  });

  it('lists every leg of a bracket and of an OCO', () => {
    expect(
      requestTerms(btc, {
        call: 'orders.submitBracket',
        input: { ...base, side: 'buy', qty: '0.0100', entryType: 'market', takeProfitPrice: '96000.0', stopLossPrice: '94000.0' },
      }),
    ).toEqual(['Buy 0.0100 BTC BTC-USDT · Market', 'then Sell take-profit at 96000.0 USDT', 'and Sell stop-loss at 94000.0 USDT']);
    expect(
      requestTerms(btc, {
        call: 'orders.submitOco',
        input: { ...base, side: 'sell', qty: '0.0100', limitPrice: '96000.0', stopPrice: '94000.0', stopLimitPrice: '93900.0' },
      }),
    ).toEqual(['Sell 0.0100 BTC BTC-USDT · OCO', 'Limit at 96000.0 USDT', 'or Stop at 94000.0 USDT (limit 93900.0 USDT)']);
  });
});
