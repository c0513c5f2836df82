import { describe, expect, it } from 'vitest';
import type { Instrument } from '../../contract/api';
import { localInputValue } from './expiry';
import { checkTicket, failureText, retarget, type TicketFields, tifChoices, usesPrice } from './ticket';
import { btc } from './testing';

/** Ticks of 0.05 and lots of 0.5: steps that are not a power of ten. */
const coarse: Instrument = { ...btc, symbol: 'X-USDT', priceDecimals: 2, tickSize: 5, qtyDecimals: 1, lotSize: 5, minNotional: 0 };

const NOW = Date.UTC(2030, 0, 2, 12, 0, 0);
/** Bid 94999.0, ask 95001.0. */
const touch = { bid: 949_990, ask: 950_010 };
const ctx = { touch, now: NOW };
const noBook = { touch: {}, now: NOW };

const blank: TicketFields = {
  mode: 'single',
  type: 'limit',
  price: '',
  stopPrice: '',
  stopLimitPrice: '',
  takeProfit: '',
  stopLoss: '',
  stopLossLimit: '',
  qty: '',
  tif: 'GTC',
  expires: '',
  postOnly: false,
  reduceOnly: false,
  product: '',
  afterMarket: false,
  autoSlice: false,
};
const t = (over: Partial<TicketFields>): TicketFields => ({ ...blank, ...over });
const limit = (price: string, qty: string) => t({ price, qty });
const base = { venue: 'SIM', symbol: 'BTC-USDT', source: 'ticket' } as const;

describe('single orders: fields', () => {
  it('accepts a valid limit order, previews its value and builds the request in canonical decimals', () => {
    expect(checkTicket(btc, 'buy', limit('95000', '0.002'), ctx)).toEqual({
      errors: {},
      notional: 19_000_000,
      request: { call: 'orders.submit', input: { ...base, side: 'buy', type: 'limit', tif: 'GTC', price: '95000.0', qty: '0.0020' } },
    });
  });

  it.each([
    ['', 'required'],
    ['abc', 'not a number'],
    ['0', 'must be greater than zero'],
    ['-5', 'must be greater than zero'],
    ['95000.05', 'not a multiple of the tick size 0.1'],
  ])('refuses price %j: %s, and sends nothing', (price, reason) => {
    const c = checkTicket(btc, 'buy', limit(price, '0.002'), ctx);
    expect(c.errors.price).toBe(reason);
    expect(c.request).toBeUndefined();
  });

  it.each([
    ['', 'required'],
    ['1e3', 'not a number'],
    ['0', 'must be greater than zero'],
    ['0.00001', 'not a multiple of the lot size 0.0001'],
  ])('refuses quantity %j: %s', (qty, reason) => {
    expect(checkTicket(btc, 'sell', limit('95000', qty), ctx).errors.qty).toBe(reason);
  });

  it('refuses a price between ticks and a quantity between lots when the steps are not powers of ten', () => {
    const c = checkTicket(coarse, 'buy', limit('100.01', '1.2'), ctx);
    expect(c.errors.price).toBe('not a multiple of the tick size 0.05');
    expect(c.errors.qty).toBe('not a multiple of the lot size 0.5');
  });

  it('refuses an order worth less than the minimum notional, on the quantity', () => {
    const c = checkTicket(btc, 'buy', limit('10000', '0.0001'), ctx);
    expect(c.errors).toEqual({ qty: 'order value 1.00 USDT is below the minimum 5.00 USDT' });
  });
});

describe('single orders: types', () => {
  it('prices a market buy at the ask and a market sell at the bid, ignores the price field, and sends IOC', () => {
    const mkt = t({ type: 'market', price: 'garbage', qty: '0.01', tif: 'IOC' });
    expect(checkTicket(btc, 'buy', mkt, ctx).notional).toBe(950_010 * 100);
    const sell = checkTicket(btc, 'sell', mkt, ctx);
    expect(sell.notional).toBe(949_990 * 100);
    expect(sell.request).toEqual({ call: 'orders.submit', input: { ...base, side: 'sell', type: 'market', tif: 'IOC', qty: '0.0100' } });
  });

  it('leaves a market order without a book to the engine (no value, no minimum check)', () => {
    const c = checkTicket(btc, 'buy', t({ type: 'market', qty: '0.0001', tif: 'IOC' }), noBook);
    expect(c.errors).toEqual({});
    expect(c.notional).toBeUndefined();
  });

  it('a stop-market needs a stop price and no limit price, and is valued at its stop', () => {
    expect(checkTicket(btc, 'buy', t({ type: 'stop_market', qty: '0.01', price: 'x' }), ctx).errors).toEqual({ stopPrice: 'required' });
    const c = checkTicket(btc, 'buy', t({ type: 'stop_market', qty: '0.01', stopPrice: '96000' }), ctx);
    expect(c.notional).toBe(960_000 * 100);
    expect(c.request?.input).toEqual({ ...base, side: 'buy', type: 'stop_market', tif: 'GTC', stopPrice: '96000.0', qty: '0.0100' });
  });

  it('a stop-limit needs both prices on the tick', () => {
    const bad = checkTicket(btc, 'sell', t({ type: 'stop_limit', qty: '0.01', price: '93999.95', stopPrice: '' }), ctx);
    expect(bad.errors).toEqual({ price: 'not a multiple of the tick size 0.1', stopPrice: 'required' });
    const ok = checkTicket(btc, 'sell', t({ type: 'stop_limit', qty: '0.01', price: '93990', stopPrice: '94000' }), ctx);
    expect(ok.request?.input).toEqual({ ...base, side: 'sell', type: 'stop_limit', tif: 'GTC', price: '93990.0', stopPrice: '94000.0', qty: '0.0100' });
  });

  it('sends post-only and reduce-only only when ticked', () => {
    const c = checkTicket(btc, 'buy', t({ price: '95000', qty: '0.01', postOnly: true, reduceOnly: true }), ctx);
    expect(c.request?.input).toMatchObject({ postOnly: true, reduceOnly: true });
    const plain = checkTicket(btc, 'buy', limit('95000', '0.01'), ctx).request?.input;
    expect(plain).not.toHaveProperty('postOnly');
    expect(plain).not.toHaveProperty('reduceOnly');
  });

  it('refuses post-only on anything but a resting limit order', () => {
    expect(checkTicket(btc, 'buy', t({ type: 'stop_limit', price: '1', stopPrice: '1', qty: '1', postOnly: true }), ctx).errors.postOnly).toBe(
      'only a limit order can be post-only',
    );
    expect(checkTicket(btc, 'buy', t({ price: '95000', qty: '0.01', postOnly: true, tif: 'IOC' }), ctx).errors.postOnly).toBe(
      'a post-only order cannot be IOC: it would never rest',
    );
  });

  it('refuses a time in force the type cannot have (a market order that would rest)', () => {
    expect(checkTicket(btc, 'buy', t({ type: 'market', qty: '0.01', tif: 'GTC' }), ctx).errors.tif).toBe(
      'GTC is not available for a market order: choose IOC, FOK',
    );
  });
});

describe('single orders: GTD expiry', () => {
  const gtd = (expires: string) => t({ price: '95000', qty: '0.01', tif: 'GTD', expires });

  it('sends the local date and time the trader picked as ms since epoch', () => {
    const at = NOW + 3_600_000;
    const c = checkTicket(btc, 'buy', gtd(localInputValue(at)), ctx);
    expect(c.errors).toEqual({});
    expect(c.request?.input).toMatchObject({ tif: 'GTD', expireAt: at });
  });

  it('refuses an expiry that is missing, malformed, impossible or not in the future', () => {
    expect(checkTicket(btc, 'buy', gtd(''), ctx).errors.expires).toBe('required for GTD');
    expect(checkTicket(btc, 'buy', gtd('tomorrow'), ctx).errors.expires).toBe('not a date and time');
    expect(checkTicket(btc, 'buy', gtd('2031-02-30T10:00'), ctx).errors.expires).toBe('not a valid local date and time');
    expect(checkTicket(btc, 'buy', gtd(localInputValue(NOW - 60_000)), ctx).errors.expires).toBe('must be in the future');
    expect(checkTicket(btc, 'buy', gtd(localInputValue(NOW - 60_000)), ctx).request).toBeUndefined();
  });

  it('sends no expiry unless the order is GTD, whatever the field holds', () => {
    const c = checkTicket(btc, 'buy', t({ price: '95000', qty: '0.01', tif: 'DAY', expires: 'junk' }), ctx);
    expect(c.errors).toEqual({});
    expect(c.request?.input).not.toHaveProperty('expireAt');
    expect(c.request?.input).toMatchObject({ tif: 'DAY' });
  });
});

describe('bracket', () => {
  const bracket = (over: Partial<TicketFields>) => t({ mode: 'bracket', qty: '0.01', price: '95000', takeProfit: '96000', stopLoss: '94000', ...over });

  it('a buy bracket with a limit entry: take-profit above, stop-loss below, sent as one call', () => {
    const c = checkTicket(btc, 'buy', bracket({ stopLossLimit: '93900' }), ctx);
    expect(c.errors).toEqual({});
    expect(c.request).toEqual({
      call: 'orders.submitBracket',
      input: {
        ...base,
        side: 'buy',
        qty: '0.0100',
        entryType: 'limit',
        entryPrice: '95000.0',
        tif: 'GTC',
        takeProfitPrice: '96000.0',
        stopLossPrice: '94000.0',
        stopLossLimitPrice: '93900.0',
      },
    });
  });

  it('refuses a buy bracket whose exits are on the wrong side of the entry, each on its field', () => {
    const c = checkTicket(btc, 'buy', bracket({ takeProfit: '95000', stopLoss: '95100' }), ctx);
    expect(c.errors).toEqual({ takeProfit: 'must be above the entry 95000.0', stopLoss: 'must be below the entry 95000.0' });
    expect(c.request).toBeUndefined();
  });

  it('a sell bracket is the mirror image', () => {
    expect(checkTicket(btc, 'sell', bracket({}), ctx).errors).toEqual({
      takeProfit: 'must be below the entry 95000.0',
      stopLoss: 'must be above the entry 95000.0',
    });
    const ok = checkTicket(btc, 'sell', bracket({ takeProfit: '94000', stopLoss: '96000', stopLossLimit: '96100' }), ctx);
    expect(ok.errors).toEqual({});
    expect(ok.request?.input).toMatchObject({ side: 'sell', takeProfitPrice: '94000.0', stopLossPrice: '96000.0', stopLossLimitPrice: '96100.0' });
  });

  it('a market entry is checked against the touch it would trade at, and sends no entry price', () => {
    // A buy lifts the ask (95001.0): a take-profit at 95000.5 would be a loss.
    const c = checkTicket(btc, 'buy', bracket({ type: 'market', takeProfit: '95000.5', stopLoss: '94000' }), ctx);
    expect(c.errors).toEqual({ takeProfit: 'must be above the market (ask 95001.0)' });
    const ok = checkTicket(btc, 'buy', bracket({ type: 'market', price: 'ignored' }), ctx);
    expect(ok.notional).toBe(950_010 * 100);
    expect(ok.request?.input).toMatchObject({ entryType: 'market' });
    expect(ok.request?.input).not.toHaveProperty('entryPrice');
    // A sell hits the bid (94999.0).
    expect(checkTicket(btc, 'sell', bracket({ type: 'market', takeProfit: '94000', stopLoss: '94999' }), ctx).errors).toEqual({
      stopLoss: 'must be above the market (bid 94999.0)',
    });
  });

  it('refuses a market-entry bracket while there is no book to check the exits against', () => {
    expect(checkTicket(btc, 'buy', bracket({ type: 'market' }), noBook).errors).toEqual({
      form: 'no market price yet to check the take-profit and stop-loss against',
    });
  });

  it('refuses a stop-loss limit beyond its stop on the side where it may never fill', () => {
    expect(checkTicket(btc, 'buy', bracket({ stopLossLimit: '94100' }), ctx).errors).toEqual({
      stopLossLimit: 'must be at or below the stop loss 94000.0, or the stop may never fill',
    });
    expect(checkTicket(btc, 'sell', bracket({ takeProfit: '94000', stopLoss: '96000', stopLossLimit: '95900' }), ctx).errors).toEqual({
      stopLossLimit: 'must be at or above the stop loss 96000.0, or the stop may never fill',
    });
  });

  it('checks every price for the tick and the size for the lot and the minimum', () => {
    const c = checkTicket(btc, 'buy', bracket({ takeProfit: '96000.01', stopLoss: '', stopLossLimit: 'x', qty: '0.00001' }), ctx);
    expect(c.errors).toEqual({
      takeProfit: 'not a multiple of the tick size 0.1',
      stopLoss: 'required',
      stopLossLimit: 'not a number',
      qty: 'not a multiple of the lot size 0.0001',
    });
    const small = bracket({ qty: '0.0001', price: '40000', takeProfit: '41000', stopLoss: '39000' });
    expect(checkTicket(btc, 'buy', small, ctx).errors).toEqual({ qty: 'order value 4.00 USDT is below the minimum 5.00 USDT' });
  });

  it('takes only GTC or DAY, and sends DAY when chosen', () => {
    expect(checkTicket(btc, 'buy', bracket({ tif: 'IOC' }), ctx).errors.tif).toBe('IOC is not available for a bracket: choose GTC, DAY');
    expect(checkTicket(btc, 'buy', bracket({ tif: 'DAY' }), ctx).request?.input).toMatchObject({ tif: 'DAY' });
  });
});

describe('OCO', () => {
  const oco = (over: Partial<TicketFields>) => t({ mode: 'oco', qty: '0.01', price: '94000', stopPrice: '96000', ...over });

  it('a buy OCO: limit leg below the ask, stop leg above it', () => {
    const c = checkTicket(btc, 'buy', oco({ stopLimitPrice: '96100' }), ctx);
    expect(c.errors).toEqual({});
    expect(c.notional).toBe(940_000 * 100);
    expect(c.request).toEqual({
      call: 'orders.submitOco',
      input: { ...base, side: 'buy', qty: '0.0100', limitPrice: '94000.0', stopPrice: '96000.0', stopLimitPrice: '96100.0', tif: 'GTC' },
    });
  });

  it('refuses a buy OCO whose legs would trade or trigger at once', () => {
    // At the ask exactly is no longer below / above it.
    expect(checkTicket(btc, 'buy', oco({ price: '95001', stopPrice: '95001' }), ctx).errors).toEqual({
      price: 'a buy limit leg must be below the market (ask 95001.0)',
      stopPrice: 'a buy stop leg must be above the market (ask 95001.0)',
    });
  });

  it('a sell OCO is the mirror image, against the bid', () => {
    expect(checkTicket(btc, 'sell', oco({}), ctx).errors).toEqual({
      price: 'a sell limit leg must be above the market (bid 94999.0)',
      stopPrice: 'a sell stop leg must be below the market (bid 94999.0)',
    });
    const ok = checkTicket(btc, 'sell', oco({ price: '96000', stopPrice: '94000', stopLimitPrice: '93900' }), ctx);
    expect(ok.errors).toEqual({});
    expect(ok.request?.input).toMatchObject({ side: 'sell', limitPrice: '96000.0', stopPrice: '94000.0', stopLimitPrice: '93900.0' });
  });

  it('refuses a stop-limit on the side of its stop where it may never fill', () => {
    expect(checkTicket(btc, 'buy', oco({ stopLimitPrice: '95900' }), ctx).errors).toEqual({
      stopLimitPrice: 'must be at or above the stop 96000.0, or the stop may never fill',
    });
  });

  it('needs a book, both prices on the tick, and each leg worth the minimum', () => {
    expect(checkTicket(btc, 'buy', oco({}), noBook).errors).toEqual({ form: 'no market price yet to check the legs against' });
    expect(checkTicket(btc, 'buy', oco({ price: '94000.01', stopPrice: '' }), ctx).errors).toEqual({
      price: 'not a multiple of the tick size 0.1',
      stopPrice: 'required',
    });
    expect(checkTicket(btc, 'buy', oco({ qty: '0.0001', price: '40000' }), ctx).errors).toEqual({
      qty: 'order value 4.00 USDT is below the minimum 5.00 USDT',
    });
  });
});

describe('choices when the mode or type changes', () => {
  it('offers IOC/FOK for market, GTC/DAY for groups, everything for resting singles', () => {
    expect(tifChoices('single', 'market')).toEqual(['IOC', 'FOK']);
    expect(tifChoices('single', 'stop_limit')).toEqual(['GTC', 'IOC', 'FOK', 'GTD', 'DAY']);
    expect(tifChoices('bracket', 'limit')).toEqual(['GTC', 'DAY']);
    expect(tifChoices('oco', 'limit')).toEqual(['GTC', 'DAY']);
  });

  it('moves to IOC for market and back to GTC after it, so a limit chosen after a market still rests', () => {
    const s = { mode: 'single' as const, type: 'limit' as const, tif: 'GTC' as const, postOnly: true };
    const mkt = retarget(s, { type: 'market' });
    expect(mkt).toEqual({ mode: 'single', type: 'market', tif: 'IOC', postOnly: false });
    expect(retarget(mkt, { type: 'limit' })).toMatchObject({ type: 'limit', tif: 'GTC' });
  });

  it('keeps a chosen time in force that still applies', () => {
    expect(retarget({ mode: 'single', type: 'limit', tif: 'GTD', postOnly: false }, { type: 'stop_limit' }).tif).toBe('GTD');
    expect(retarget({ mode: 'single', type: 'limit', tif: 'DAY', postOnly: false }, { mode: 'bracket' }).tif).toBe('DAY');
  });

  it('a bracket entry is limit or market: a stop type becomes limit, and GTD becomes GTC', () => {
    expect(retarget({ mode: 'single', type: 'stop_market', tif: 'GTD', postOnly: false }, { mode: 'bracket' })).toEqual({
      mode: 'bracket',
      type: 'limit',
      tif: 'GTC',
      postOnly: false,
    });
  });

  it('shows and prefills a limit price only where the order has one', () => {
    expect(usesPrice({ mode: 'single', type: 'limit' })).toBe(true);
    expect(usesPrice({ mode: 'single', type: 'stop_market' })).toBe(false);
    expect(usesPrice({ mode: 'bracket', type: 'market' })).toBe(false);
    expect(usesPrice({ mode: 'oco', type: 'market' })).toBe(true);
  });
});

describe('failureText', () => {
  it('shows an engine refusal as rejected, with its reason', () => {
    expect(failureText({ code: 'KILL_SWITCH', message: 'kill switch engaged' })).toBe('Rejected: kill switch engaged');
  });

  it('tells an order that never left from one whose fate is unknown', () => {
    expect(failureText({ code: 'disconnected', message: 'not connected to the engine' })).toBe('Not sent: not connected to the engine');
    expect(failureText({ code: 'timeout', message: 'no reply from the engine within 15 s' })).toMatch(/^Outcome unknown: .*Check Open orders/);
  });
});

describe('Kite orders: product, after-market, validity', () => {
  /** An NSE share (ticks of 0.05 INR) and a NIFTY future (lots of 75): what Kite's instruments dump gives. */
  const reliance: Instrument = { ...btc, venue: 'kite-main', symbol: 'NSE:RELIANCE', venueSymbol: 'RELIANCE', base: 'RELIANCE', quote: 'INR', priceDecimals: 2, tickSize: 5, qtyDecimals: 0, lotSize: 1, minNotional: 0, exchange: 'NSE' };
  const niftyFut: Instrument = { ...reliance, symbol: 'NFO:NIFTY26DECFUT', venueSymbol: 'NIFTY26DECFUT', exchange: 'NFO', lotSize: 75, contract: { kind: 'future', expiry: NOW + 86_400_000 } };
  const kiteCtx = { touch: { bid: 25_000, ask: 25_010 }, now: NOW };

  it('offers delivery or intraday for shares, carry-forward or intraday for derivatives; no GTC or FOK', () => {
    expect(tifChoices('single', 'limit', reliance)).toEqual(['DAY', 'IOC', 'GTD']);
    expect(tifChoices('single', 'market', niftyFut)).toEqual(['IOC']);
    expect(retarget({ mode: 'single', type: 'market', tif: 'IOC', postOnly: false }, { type: 'limit' }, reliance).tif).toBe('DAY');
  });

  it('sends the product and the AMO variety, and never post-only or reduce-only, which Kite has not', () => {
    const c = checkTicket(reliance, 'buy', t({ price: '1250.05', qty: '3', tif: 'DAY', product: 'CNC', afterMarket: true, postOnly: true, reduceOnly: true }), kiteCtx);
    expect(c.errors).toEqual({});
    expect(c.request?.input).toEqual({ venue: 'kite-main', symbol: 'NSE:RELIANCE', side: 'buy', type: 'limit', tif: 'DAY', price: '1250.05', qty: '3', product: 'CNC', afterMarket: true, source: 'ticket' });
  });

  it('asks for a product the instrument takes, and refuses GTC', () => {
    expect(checkTicket(niftyFut, 'sell', t({ price: '250.00', qty: '75', tif: 'DAY', product: 'CNC' }), kiteCtx).errors).toEqual({ product: 'choose NRML or MIS' });
    expect(checkTicket(niftyFut, 'sell', t({ price: '250.00', qty: '75', tif: 'GTC', product: 'NRML' }), kiteCtx).errors.tif).toBe('GTC is not available for a limit order: choose DAY, IOC, GTD');
  });

  it('refuses brackets and OCO groups, whose other orders would go without a product', () => {
    expect(checkTicket(reliance, 'buy', t({ mode: 'oco', price: '1', stopPrice: '2', qty: '1', product: 'CNC' }), kiteCtx).errors).toEqual({ form: 'OCO orders are not available for kite-main: use single orders' });
  });
});
