import { describe, expect, it } from 'vitest';
import type { Instrument } from '../../contract/api';
import { quickOrder } from './quickOrder';
import { btc } from './testing';

const ctx = { touch: { bid: 950_000, ask: 950_010 }, now: 1_700_000_000_000 };
const reliance: Instrument = { ...btc, venue: 'KITE', symbol: 'RELIANCE', venueSymbol: 'RELIANCE', base: 'RELIANCE', quote: 'INR', exchange: 'NSE', priceDecimals: 2, qtyDecimals: 0, tickSize: 5, lotSize: 1, minNotional: 0 };

describe('quickOrder (one-click and hotkey orders, checked like the ticket)', () => {
  it('builds a resting limit at the clicked price, marked with where it came from', () => {
    expect(quickOrder(btc, 'buy', { kind: 'limit', price: 950_000 }, '0.01', 'ladder', ctx)).toEqual({
      ok: true,
      input: { venue: 'SIM', symbol: 'BTC-USDT', side: 'buy', type: 'limit', price: '95000.0', qty: '0.0100', tif: 'GTC', source: 'ladder' },
    });
  });

  it('sends a market order as IOC and a flatten as reduce-only', () => {
    const r = quickOrder(btc, 'sell', { kind: 'market' }, '0.5', 'hotkey', { ...ctx, reduceOnly: true });
    expect(r).toEqual({ ok: true, input: { venue: 'SIM', symbol: 'BTC-USDT', side: 'sell', type: 'market', qty: '0.5000', tif: 'IOC', reduceOnly: true, source: 'hotkey' } });
  });

  it('refuses what the ticket refuses, saying which part: below the minimum value, off the lot size', () => {
    const small = quickOrder(btc, 'buy', { kind: 'limit', price: 10_000 }, '0.0001', 'ladder', ctx);
    expect(small.ok).toBe(false);
    expect(!small.ok && small.error).toMatch(/^Quantity: /);
    const odd = quickOrder(btc, 'buy', { kind: 'limit', price: 950_000 }, '0.00001', 'ladder', ctx);
    expect(!odd.ok && odd.error).toMatch(/^Quantity: /);
  });

  it('gives a Kite order a product it takes and a validity Kite has (DAY), never GTC', () => {
    const r = quickOrder(reliance, 'buy', { kind: 'limit', price: 50_000 }, '1', 'ladder', { ...ctx, touch: {}, product: 'MIS' });
    expect(r).toEqual({ ok: true, input: expect.objectContaining({ product: 'MIS', tif: 'DAY', price: '2500.00' }) });
    const fallback = quickOrder(reliance, 'buy', { kind: 'limit', price: 50_000 }, '1', 'ladder', { ...ctx, touch: {}, product: 'NRML' });
    expect(fallback).toEqual({ ok: true, input: expect.objectContaining({ product: 'CNC' }) });
  });
});
