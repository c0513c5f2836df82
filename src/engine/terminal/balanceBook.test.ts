import { describe, expect, it } from 'vitest';
import type { VenueBalance } from '../core';
import { BalanceBook } from './balanceBook';

const report = (balances: VenueBalance[], complete: boolean, ts = 1) =>
  ({ type: 'balances', venue: 'main', ts, balances, complete }) as const;

describe('BalanceBook', () => {
  it('a partial report changes only the assets it names; a complete one replaces them all', () => {
    const book = new BalanceBook();
    book.apply(report([{ asset: 'USDT', free: '1000.5', locked: '0' }, { asset: 'BTC', free: '0.1', locked: '0' }], true));
    const after = book.apply(report([{ asset: 'USDT', free: '900.5', locked: '100' }], false, 2));
    expect(after).toEqual({
      venue: 'main',
      updatedAt: 2,
      balances: [{ asset: 'BTC', free: '0.1', locked: '0' }, { asset: 'USDT', free: '900.5', locked: '100' }],
    });
    expect(book.apply(report([{ asset: 'ETH', free: '2', locked: '0' }], true, 3)).balances).toEqual([{ asset: 'ETH', free: '2', locked: '0' }]);
  });

  it('an asset at zero, however the venue writes it, is dropped; the venue text is kept exactly', () => {
    const book = new BalanceBook();
    book.apply(report([{ asset: 'BNB', free: '0.00000000', locked: '0.00000000' }, { asset: 'BTC', free: '0.00100000', locked: '0.00000000' }], true));
    expect(book.views()).toEqual([{ venue: 'main', updatedAt: 1, balances: [{ asset: 'BTC', free: '0.00100000', locked: '0.00000000' }] }]);
    book.forget('main');
    expect(book.views()).toEqual([]);
  });

  it('Kite: margins come first and stay at zero; holdings keep T1 and collateral, and one only on its way (T1) is kept', () => {
    const book = new BalanceBook();
    const view = book.apply(
      report(
        [
          { asset: 'NSE:INFY', free: '0', locked: '0', t1: '5', collateral: '0' },
          { asset: 'NSE:TCS', free: '0', locked: '0', t1: '0', collateral: '0' },
          { asset: 'NSE:RELIANCE', free: '8', locked: '2', t1: '0', collateral: '3' },
          { asset: 'INR equity', free: '0.00', locked: '0.00', margin: true },
          { asset: 'INR commodity', free: '1500.50', locked: '250.00', collateral: '1000.00', margin: true },
        ],
        true,
      ),
    );
    expect(view.balances).toEqual([
      { asset: 'INR commodity', free: '1500.50', locked: '250.00', collateral: '1000.00', margin: true },
      { asset: 'INR equity', free: '0.00', locked: '0.00', margin: true },
      { asset: 'NSE:INFY', free: '0', locked: '0', t1: '5', collateral: '0' },
      { asset: 'NSE:RELIANCE', free: '8', locked: '2', t1: '0', collateral: '3' },
    ]);
  });
});
