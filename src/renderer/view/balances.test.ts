import { describe, expect, it } from 'vitest';
import { balanceRows } from './balances';

describe('the Balances panel rows', () => {
  it('lists every account (by name) and asset with the venue text as reported and the value in quote where known', () => {
    const rows = balanceRows({
      main: { venue: 'main', updatedAt: 1, balances: [{ asset: 'BTC', free: '0.00100000', locked: '0.00000000', valueInQuote: '95.00', quoteAsset: 'USDT' }, { asset: 'USDT', free: '900.5', locked: '100' }] },
      alt: { venue: 'alt', updatedAt: 1, balances: [{ asset: 'ETH', free: '2', locked: '0', valueInQuote: '6800' }] },
    });
    expect(rows).toEqual([
      { id: 'alt:ETH', account: 'alt', asset: 'ETH', free: '2', locked: '0', value: '6800' },
      { id: 'main:BTC', account: 'main', asset: 'BTC', free: '0.00100000', locked: '0.00000000', value: '95.00 USDT' },
      { id: 'main:USDT', account: 'main', asset: 'USDT', free: '900.5', locked: '100', value: '—' },
    ]);
    expect(balanceRows({})).toEqual([]);
  });
});
