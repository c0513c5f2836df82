import { describe, expect, it } from 'vitest';
import { balanceRows } from './balances';

describe('the Balances panel rows', () => {
  it("lists every account (by name) and asset with the venue's digits (its zero padding dropped) and the value in quote where known", () => {
    const rows = balanceRows({
      main: { venue: 'main', updatedAt: 1, balances: [{ asset: 'BTC', free: '0.00100000', locked: '0.00000000', valueInQuote: '95.00', quoteAsset: 'USDT' }, { asset: 'USDT', free: '900.5', locked: '100' }] },
      alt: { venue: 'alt', updatedAt: 1, balances: [{ asset: 'ETH', free: '2', locked: '0', valueInQuote: '6800' }] },
    });
    expect(rows).toEqual([
      { id: 'alt:ETH', account: 'alt', asset: 'ETH', free: '2', locked: '0', value: '6800.00' },
      { id: 'main:BTC', account: 'main', asset: 'BTC', free: '0.001', locked: '0', value: '95.00 USDT' },
      { id: 'main:USDT', account: 'main', asset: 'USDT', free: '900.5', locked: '100', value: '—' },
    ]);
    expect(balanceRows({})).toEqual([]);
    const [usdt] = balanceRows({ main: { venue: 'main', updatedAt: 1, balances: [{ asset: 'USDT', free: '9600.09500000', locked: '199.90000000', valueInQuote: '9799.99500000', quoteAsset: 'USDT' }] } });
    expect(usdt).toMatchObject({ free: '9600.095', locked: '199.9', value: '9799.99 USDT' });
  });
});
