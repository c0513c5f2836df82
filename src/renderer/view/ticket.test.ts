import { describe, expect, it } from 'vitest';
import type { Instrument } from '../../contract/api';
import { checkTicket, failureText, ticketRequest } from './ticket';

const btc: Instrument = {
  venue: 'SIM',
  symbol: 'BTC-USDT',
  venueSymbol: 'BTCUSDT',
  base: 'BTC',
  quote: 'USDT',
  priceDecimals: 1,
  qtyDecimals: 4,
  tickSize: 1,
  lotSize: 1,
  minNotional: 500_000, // 5 USDT
};
/** Ticks of 0.05 and lots of 0.5: steps that are not a power of ten. */
const coarse: Instrument = { ...btc, symbol: 'X-USDT', priceDecimals: 2, tickSize: 5, qtyDecimals: 1, lotSize: 5, minNotional: 0 };

const limit = (price: string, qty: string) => ({ type: 'limit' as const, price, qty });
const noTouch = {};

describe('checkTicket', () => {
  it('accepts a valid limit order and previews its value', () => {
    expect(checkTicket(btc, 'buy', limit('95000.0', '0.002'), noTouch)).toEqual({ notional: 19_000_000 });
  });

  it.each([
    ['', 'required'],
    ['abc', 'not a number'],
    ['0', 'must be greater than zero'],
    ['-5', 'must be greater than zero'],
    ['95000.05', 'not a multiple of the tick size 0.1'],
  ])('refuses price %j: %s', (price, reason) => {
    expect(checkTicket(btc, 'buy', limit(price, '0.002'), noTouch).priceError).toBe(reason);
  });

  it.each([
    ['', 'required'],
    ['1e3', 'not a number'],
    ['0', 'must be greater than zero'],
    ['0.00001', 'not a multiple of the lot size 0.0001'],
  ])('refuses quantity %j: %s', (qty, reason) => {
    expect(checkTicket(btc, 'sell', limit('95000', qty), noTouch).qtyError).toBe(reason);
  });

  it('refuses a price between ticks and a quantity between lots when the steps are not powers of ten', () => {
    const c = checkTicket(coarse, 'buy', limit('100.01', '1.2'), noTouch);
    expect(c.priceError).toBe('not a multiple of the tick size 0.05');
    expect(c.qtyError).toBe('not a multiple of the lot size 0.5');
  });

  it('refuses an order worth less than the minimum notional, on the quantity', () => {
    const c = checkTicket(btc, 'buy', limit('10000', '0.0001'), noTouch);
    expect(c.priceError).toBeUndefined();
    expect(c.qtyError).toBe('order value 1.00 USDT is below the minimum 5.00 USDT');
  });

  it('prices a market buy at the ask and a market sell at the bid, and ignores the price field', () => {
    const touch = { bid: 949_990, ask: 950_010 };
    const mkt = { type: 'market' as const, price: 'garbage', qty: '0.01' };
    expect(checkTicket(btc, 'buy', mkt, touch)).toEqual({ notional: 950_010 * 100 });
    expect(checkTicket(btc, 'sell', mkt, touch)).toEqual({ notional: 949_990 * 100 });
  });

  it('leaves a market order without a book to the engine (no value, no minimum check)', () => {
    expect(checkTicket(btc, 'buy', { type: 'market', price: '', qty: '0.0001' }, noTouch)).toEqual({});
  });
});

describe('ticketRequest', () => {
  it('sends prices and quantities in the instrument canonical decimals', () => {
    expect(ticketRequest(btc, 'buy', limit('95000', '0.002'))).toEqual({
      venue: 'SIM',
      symbol: 'BTC-USDT',
      side: 'buy',
      type: 'limit',
      price: '95000.0',
      qty: '0.0020',
      source: 'ticket',
    });
  });

  it('sends no price for a market order', () => {
    expect(ticketRequest(btc, 'sell', { type: 'market', price: '95000', qty: '1' })).toEqual({
      venue: 'SIM',
      symbol: 'BTC-USDT',
      side: 'sell',
      type: 'market',
      qty: '1.0000',
      source: 'ticket',
    });
  });

  it('builds nothing from an invalid ticket', () => {
    expect(ticketRequest(btc, 'buy', limit('abc', '1'))).toBeUndefined();
  });
});

describe('failureText', () => {
  it('shows an engine refusal as rejected, with its reason', () => {
    expect(failureText({ code: 'KILL_SWITCH', message: 'kill switch engaged' })).toBe('Rejected: kill switch engaged');
  });

  it('tells an order that never left from one whose fate is unknown', () => {
    expect(failureText({ code: 'disconnected', message: 'not connected to the engine' })).toBe(
      'Not sent: not connected to the engine',
    );
    expect(failureText({ code: 'timeout', message: 'no reply from the engine within 15 s' })).toMatch(
      /^Outcome unknown: .*Check Open orders/,
    );
  });
});
