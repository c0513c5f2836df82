import { describe, expect, it } from 'vitest';
import type { Instrument } from '../../instruments';
import { orderAmounts } from './orderAmounts';

const BTC_USDT: Instrument = { venue: 'binance-test', symbol: 'BTC-USDT', venueSymbol: 'BTCUSDT', base: 'BTC', quote: 'USDT', priceDecimals: 2, qtyDecimals: 5, tickSize: 1, lotSize: 1, minNotional: 50_000_000 };

describe('Binance order amounts', () => {
  it('reads quantities in lots and prices in ticks, a zero price or stop as none', () => {
    expect(orderAmounts(BTC_USDT, { clientOrderId: 'c1', origQty: '0.01000000', executedQty: '0.00000000', price: '65000.10000000', stopPrice: '0.00000000' })).toEqual({
      ok: true,
      value: { price: 6_500_010, qty: 1000, filledQty: 0 },
    });
    expect(orderAmounts(BTC_USDT, { clientOrderId: 'c2', origQty: '0.002', executedQty: '0.001', price: '0', stopPrice: '64000.5' })).toEqual({
      ok: true,
      value: { stopPrice: 6_400_050, qty: 200, filledQty: 100 },
    });
  });

  it('refuses an order whose amount does not fit the instrument, naming the order and the field', () => {
    const r = orderAmounts(BTC_USDT, { clientOrderId: 'c3', origQty: '0.01', executedQty: '0', price: '65000.123' });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toMatch(/^order c3: price does not fit BTC-USDT/);
  });
});
