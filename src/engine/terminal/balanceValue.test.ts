import { describe, expect, it } from 'vitest';
import { valueBalances, type Touch } from './balanceValue';
import type { BalancesView } from './views';

const view: BalancesView = {
  venue: 'main',
  updatedAt: 1,
  balances: [
    { asset: 'BTC', free: '0.12345678', locked: '0.00000002' },
    { asset: 'ETH', free: '3', locked: '0' },
    { asset: 'USDT', free: '1000.5', locked: '20.25' },
    { asset: 'XRP', free: '10', locked: '0' },
  ],
};

// BTC-USDT 20000.00 / 20001.00 with a tick of 0.01 (ticks of 1 at 2 decimals); ETH-USDT quoted in ticks of 0.05.
const touches: Record<string, Touch> = {
  BTC: { bid: 2_000_000, ask: 2_000_100, tickSize: 1, priceDecimals: 2 },
  ETH: { bid: 30_000, ask: 30_001, tickSize: 5, priceDecimals: 2 },
};

describe('balances valued in the quote asset', () => {
  it('values each asset at the mid of ASSET/quote in exact integers, the quote at itself, and leaves the rest without a value', () => {
    const valued = valueBalances(view, 'USDT', (asset) => touches[asset]);
    expect(valued.balances).toEqual([
      // 0.1234568 BTC x 20000.50 = 2469.1977284 -> 2469.20
      { asset: 'BTC', free: '0.12345678', locked: '0.00000002', valueInQuote: '2469.20', quoteAsset: 'USDT' },
      // mid (1500.00 + 1500.05) / 2 = 1500.025; 3 ETH = 4500.075 -> 4500.08 (half up)
      { asset: 'ETH', free: '3', locked: '0', valueInQuote: '4500.08', quoteAsset: 'USDT' },
      { asset: 'USDT', free: '1000.5', locked: '20.25', valueInQuote: '1020.75', quoteAsset: 'USDT' },
      { asset: 'XRP', free: '10', locked: '0' },
    ]);
  });

  it('values nothing for an account whose quote asset is not known, and skips an amount it cannot read', () => {
    expect(valueBalances(view, undefined, (asset) => touches[asset])).toBe(view);
    const odd = valueBalances({ ...view, balances: [{ asset: 'BTC', free: '1e-3', locked: '0' }] }, 'USDT', (asset) => touches[asset]);
    expect(odd.balances).toEqual([{ asset: 'BTC', free: '1e-3', locked: '0' }]);
  });
});
