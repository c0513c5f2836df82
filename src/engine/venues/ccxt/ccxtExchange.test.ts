import { describe, expect, it } from 'vitest';
import { SqError } from '../../core';
import { ccxtExchangeId, createCcxtExchange, extraCredentialsNeeded } from './ccxtExchange';
import { createOrderArgs } from './ccxtOrderWire';
import { classifyFailure, venueWords } from './venueErrors';
import ccxt from 'ccxt';

const creds = { apiKey: 'k'.repeat(64), secret: 's'.repeat(64) };

describe('the ccxt client of an account', () => {
  it('replaces the origin of every REST and stream endpoint with the account\'s URLs, keeping the paths', () => {
    const ex = createCcxtExchange({ exchangeId: 'binance', environment: 'production', restUrl: 'http://127.0.0.1:4000', streamUrl: 'ws://127.0.0.1:4001' }, creds);
    const api = ex.urls['api'] as Record<string, any>;
    expect(api['public']).toBe('http://127.0.0.1:4000/api/v3');
    expect(api['sapi']).toBe('http://127.0.0.1:4000/sapi/v1');
    expect(api['ws']['spot']).toBe('ws://127.0.0.1:4001/ws');
    expect(api['ws']['ws-api']['spot']).toBe('ws://127.0.0.1:4001/ws-api/v3');
  });

  it('uses the sandbox for a testnet account, and loads only the market types asked for', () => {
    const ex = createCcxtExchange({ exchangeId: 'binance', environment: 'testnet', marketTypes: ['spot'] }, creds);
    expect((ex.urls['api'] as Record<string, string>)['public']).toContain('testnet.binance.vision');
    expect((ex.options['fetchMarkets'] as { types: string[] }).types).toEqual(['spot']);
    const fut = createCcxtExchange({ exchangeId: 'binance', environment: 'production', marketTypes: ['swap'] }, creds);
    expect((fut.options['fetchMarkets'] as { types: string[] }).types).toEqual(['linear', 'inverse']);
  });

  it('refuses an exchange ccxt pro lacks, a testnet it does not offer, and an account without a credential its exchange needs', () => {
    expect(() => createCcxtExchange({ exchangeId: 'nosuchvenue', environment: 'production' })).toThrow(SqError);
    expect(() => createCcxtExchange({ exchangeId: 'bitvavo', environment: 'testnet' }, creds)).toThrow('bitvavo has no testnet (sandbox) in ccxt');
    expect(() => createCcxtExchange({ exchangeId: 'okx', environment: 'production' }, creds)).toThrow('okx also needs password (add the account with its API passphrase)');
    // With the account's API passphrase, ccxt signs with it.
    expect(createCcxtExchange({ exchangeId: 'okx', environment: 'production' }, { ...creds, password: 'api-passphrase' }).password).toBe('api-passphrase');
    expect(() => createCcxtExchange({ exchangeId: 'woo', environment: 'production' }, { ...creds, password: 'p' })).toThrow('woo also needs uid (which accounts cannot hold yet)');
    expect(ccxtExchangeId('ccxt:bybit')).toBe('bybit');
    expect(ccxtExchangeId('binance-spot')).toBeUndefined();
    expect(extraCredentialsNeeded()).toMatchObject({ okx: ['password'], kucoin: ['password'], bitget: ['password'] });
  });
});

describe('our orders as ccxt createOrder arguments', () => {
  const inst = { venue: 'a', symbol: 'BTC-USDT', venueSymbol: 'BTC/USDT', base: 'BTC', quote: 'USDT', priceDecimals: 2, qtyDecimals: 5, tickSize: 1, lotSize: 1, minNotional: 0 };
  const req = { clientOrderId: 'c-1', symbol: 'BTC-USDT', side: 'buy', type: 'limit', tif: 'IOC', postOnly: false, reduceOnly: false, price: 2_000_050, qty: 1234 } as const;

  it('sends our clientOrderId, exact decimal price and amount, and the time in force', () => {
    expect(createOrderArgs(inst, req, true)).toEqual({ ok: true, value: { symbol: 'BTC/USDT', type: 'limit', side: 'buy', amount: 0.01234, price: 20000.5, params: { clientOrderId: 'c-1', timeInForce: 'IOC' } } });
    expect(createOrderArgs(inst, { ...req, tif: 'GTC', postOnly: true }, true)).toMatchObject({ ok: true, value: { params: { clientOrderId: 'c-1', postOnly: true } } });
    expect(createOrderArgs(inst, { ...req, type: 'stop_market', stopPrice: 2_100_000, price: undefined }, false)).toMatchObject({ ok: true, value: { type: 'market', params: { triggerPrice: 21000 } } });
  });

  it('refuses what cannot be sent as asked, before sending', () => {
    expect(createOrderArgs(inst, { ...req, reduceOnly: true }, true)).toEqual({ ok: false, reason: 'reduce-only orders do not exist on a spot market' });
    expect(createOrderArgs(inst, { ...req, tif: 'DAY' }, true)).toMatchObject({ ok: false });
    expect(createOrderArgs(inst, { ...req, type: 'market', postOnly: true }, true)).toEqual({ ok: false, reason: 'a market order cannot be post-only' });
  });
});

describe("a venue's error in its own words", () => {
  it('takes the message field of the JSON the venue answered, and tells a refusal from a lost answer', () => {
    const refused = new ccxt.InsufficientFunds('binance {"code":-2010,"msg":"Account has insufficient balance for requested action."}');
    expect(venueWords('binance', refused)).toBe('Account has insufficient balance for requested action.');
    expect(classifyFailure('binance', refused)).toEqual({ kind: 'refused', reason: 'Account has insufficient balance for requested action.', notFound: false });
    expect(classifyFailure('binance', new ccxt.OrderNotFound('binance Order does not exist.'))).toEqual({ kind: 'refused', reason: 'Order does not exist.', notFound: true });
    expect(classifyFailure('binance', new ccxt.RateLimitExceeded('binance 429 Too Many Requests'))).toMatchObject({ kind: 'refused' });
    expect(classifyFailure('binance', new ccxt.RequestTimeout('binance GET https://api.binance.com/api/v3/order request timed out'))).toMatchObject({ kind: 'unknown' });
    expect(classifyFailure('binance', new TypeError('fetch failed'))).toEqual({ kind: 'unknown', reason: 'fetch failed' });
  });
});
