import { describe, expect, it } from 'vitest';
import type { GttView, Instrument } from '../../contract/api';
import { checkGttForm, emptyGttForm, gttFormOf, gttRows, gttVenues, type GttFormFields } from './gtt';
import { btc } from './testing';

const infy: Instrument = { ...btc, venue: 'zerodha', symbol: 'NSE:INFY', venueSymbol: 'INFY', base: 'INFY', quote: 'INR', exchange: 'NSE', priceDecimals: 2, tickSize: 5, qtyDecimals: 0, lotSize: 1 };
const nifty: Instrument = { ...infy, symbol: 'NFO:NIFTY26DECFUT', venueSymbol: 'NIFTY26DECFUT', base: 'NIFTY', exchange: 'NFO', tickSize: 10, lotSize: 75 };

const form = (over: Partial<GttFormFields> = {}): GttFormFields => ({
  kind: 'single',
  lastPrice: '',
  legs: [
    { trigger: '1500', side: 'buy', qty: '2', price: '1501.05', product: 'CNC' },
    { trigger: '', side: 'sell', qty: '', price: '', product: 'CNC' },
  ],
  ...over,
});

describe('GTT view logic', () => {
  it('offers GTTs only on accounts with exchange-listed (Kite) instruments', () => {
    expect(gttVenues([btc, infy, nifty, { ...infy, venue: 'zerodha2' }])).toEqual(['zerodha', 'zerodha2']);
    expect(gttVenues([btc])).toEqual([]);
  });

  it('a single trigger sends its one leg as typed; the unused second leg is not checked', () => {
    expect(checkGttForm(infy, form())).toEqual({
      ok: true,
      input: { venue: 'zerodha', symbol: 'NSE:INFY', kind: 'single', legs: [{ trigger: '1500', side: 'buy', qty: '2', price: '1501.05', product: 'CNC' }] },
    });
    const withLast = checkGttForm(infy, form({ lastPrice: ' 1573.70 ' }));
    expect(withLast.ok && withLast.input.lastPrice).toBe('1573.70');
  });

  it('says what is wrong beside each field: empty, off the tick, not whole lots, zero, bad last price', () => {
    const bad = checkGttForm(nifty, form({ lastPrice: 'x', legs: [{ trigger: '24000.05', side: 'sell', qty: '100', price: '0', product: 'NRML' }, form().legs[1]] }));
    expect(bad).toEqual({
      ok: false,
      errors: {
        'legs.0.trigger': 'not a multiple of the tick size 0.10',
        'legs.0.qty': 'not a multiple of the lot size 75',
        'legs.0.price': 'must be greater than zero',
        lastPrice: 'not a number',
      },
    });
    expect(checkGttForm(infy, form({ legs: [{ trigger: '', side: 'buy', qty: '', price: '', product: 'CNC' }, form().legs[1]] }))).toEqual({
      ok: false,
      errors: { 'legs.0.trigger': 'required', 'legs.0.qty': 'required', 'legs.0.price': 'required' },
    });
  });

  it('an OCO needs both legs, the target trigger above the stop-loss', () => {
    const legs: GttFormFields['legs'] = [
      { trigger: '23800', side: 'sell', qty: '75', price: '23790', product: 'NRML' },
      { trigger: '23700', side: 'sell', qty: '75', price: '23710', product: 'NRML' },
    ];
    expect(checkGttForm(nifty, form({ kind: 'oco', legs }))).toEqual({ ok: false, errors: { 'legs.1.trigger': 'must be above the stop-loss trigger' } });
    legs[1] = { ...legs[1], trigger: '24300', price: '24310.5' };
    const ok = checkGttForm(nifty, form({ kind: 'oco', legs }));
    expect(ok.ok && ok.input.legs.map((l) => l.trigger)).toEqual(['23800', '24300']);
    expect(checkGttForm(nifty, form({ kind: 'oco', legs: [legs[0], { ...legs[1], qty: '' }] }))).toEqual({ ok: false, errors: { 'legs.1.qty': 'required' } });
  });

  it('the fresh form defaults to CNC on a cash-market instrument and NRML on F&O', () => {
    expect(emptyGttForm(infy).legs[0].product).toBe('CNC');
    expect(emptyGttForm(nifty).legs[1].product).toBe('NRML');
  });

  it('rows: triggers and orders in the instrument decimals and units, active first, only active deletable', () => {
    const gtts: GttView[] = [
      { venue: 'zerodha', id: 1000, symbol: 'NSE:INFY', kind: 'single', lastPrice: 31474, status: 'triggered', legs: [{ trigger: 30000, side: 'buy', qty: 2, price: 30021, product: 'CNC' }], createdAt: '2026-12-07 10:00:00' },
      {
        venue: 'zerodha',
        id: 1001,
        symbol: 'NFO:NIFTY26DECFUT',
        kind: 'oco',
        lastPrice: 240000,
        status: 'active',
        legs: [
          { trigger: 238000, side: 'sell', qty: 1, price: 237900, product: 'NRML' },
          { trigger: 243000, side: 'sell', qty: 1, price: 243105, product: 'NRML' },
        ],
        expiresAt: '2027-12-07 10:00:00',
      },
    ];
    const find = (venue: string, symbol: string) => [infy, nifty].find((i) => i.venue === venue && i.symbol === symbol);
    const rows = gttRows(gtts, find);
    expect(rows.map((r) => r.id)).toEqual([1001, 1000]);
    expect(rows[0]).toMatchObject({
      name: 'OCO GTT 1001 on NFO:NIFTY26DECFUT',
      type: 'OCO',
      triggers: '23800.00 / 24300.00',
      orders: 'Sell 75 @ 23790.00 NRML; Sell 75 @ 24310.50 NRML',
      status: 'active',
      created: '',
      expires: '2027-12-07 10:00',
      deletable: true,
    });
    expect(rows[0]!.legLines).toEqual([
      { trigger: '23800.00', order: 'Sell 75 @ 23790.00 NRML' },
      { trigger: '24300.00', order: 'Sell 75 @ 24310.50 NRML' },
    ]);
    expect(rows[1]).toMatchObject({ type: 'Single', triggers: '1500.00', orders: 'Buy 2 @ 1501.05 CNC', deletable: false, created: '2026-12-07 10:00' });
  });

  it("Edit fills the form with the GTT's terms as Kite holds them, and the form sends them back unchanged", () => {
    const oco: GttView = {
      venue: 'zerodha',
      id: 7,
      symbol: nifty.symbol,
      kind: 'oco',
      status: 'active',
      lastPrice: 240_000,
      legs: [
        { trigger: 238_000, side: 'sell', qty: 1, price: 237_900, product: 'NRML' },
        { trigger: 243_000, side: 'sell', qty: 1, price: 243_105, product: 'NRML' },
      ],
    };
    const fields = gttFormOf(oco, nifty);
    expect(fields.legs.map((l) => [l.trigger, l.qty, l.price])).toEqual([
      ['23800.00', '75', '23790.00'],
      ['24300.00', '75', '24310.50'],
    ]);
    const check = checkGttForm(nifty, fields);
    expect(check.ok && check.input.legs.map((l) => l.trigger)).toEqual(['23800.00', '24300.00']);
  });
});
