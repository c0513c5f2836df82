import { describe, expect, it } from 'vitest';
import { balanceRows, kiteColumnsShown } from './balances';

describe('the Balances panel rows', () => {
  it("lists every account (by name) and asset with the venue's digits (its zero padding dropped) and the value in quote where known", () => {
    const rows = balanceRows({
      main: { venue: 'main', updatedAt: 1, balances: [{ asset: 'BTC', free: '0.00100000', locked: '0.00000000', valueInQuote: '95.00', quoteAsset: 'USDT' }, { asset: 'USDT', free: '900.5', locked: '100' }] },
      alt: { venue: 'alt', updatedAt: 1, balances: [{ asset: 'ETH', free: '2', locked: '0', valueInQuote: '6800' }] },
    });
    expect(rows).toEqual([
      { id: 'alt:ETH', account: 'alt', asset: 'ETH', free: '2', locked: '0', value: '6800.00', t1: '—', collateral: '—', margin: false },
      { id: 'main:BTC', account: 'main', asset: 'BTC', free: '0.001', locked: '0', value: '95.00 USDT', t1: '—', collateral: '—', margin: false },
      { id: 'main:USDT', account: 'main', asset: 'USDT', free: '900.5', locked: '100', value: '—', t1: '—', collateral: '—', margin: false },
    ]);
    expect(balanceRows({})).toEqual([]);
    const [usdt] = balanceRows({ main: { venue: 'main', updatedAt: 1, balances: [{ asset: 'USDT', free: '9600.09500000', locked: '199.90000000', valueInQuote: '9799.99500000', quoteAsset: 'USDT' }] } });
    expect(usdt).toMatchObject({ free: '9600.095', locked: '199.9', value: '9799.99 USDT' });
  });

  it('Kite: margins read in rupees (free = available, locked = used) with their collateral; holdings show T1 and pledged shares; the columns appear only then', () => {
    const rows = balanceRows({
      zerodha: {
        venue: 'zerodha',
        updatedAt: 1,
        balances: [
          { asset: 'INR equity', free: '98765.40', locked: '1234.60', collateral: '5000.00', margin: true },
          { asset: 'NSE:INFY', free: '8', locked: '2', t1: '5', collateral: '3' },
        ],
      },
    });
    expect(rows).toEqual([
      { id: 'zerodha:INR equity', account: 'zerodha', asset: 'INR equity', free: '₹98765.40', locked: '₹1234.60', value: '—', t1: '—', collateral: '₹5000.00', margin: true },
      { id: 'zerodha:NSE:INFY', account: 'zerodha', asset: 'NSE:INFY', free: '8', locked: '2', value: '—', t1: '5', collateral: '3', margin: false },
    ]);
    expect(kiteColumnsShown(rows)).toEqual({ t1: true, collateral: true });
    expect(kiteColumnsShown(balanceRows({ main: { venue: 'main', updatedAt: 1, balances: [{ asset: 'USDT', free: '1', locked: '0' }] } }))).toEqual({ t1: false, collateral: false });
  });
});
