import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SimulatedClock } from '../../../core';
import type { Instrument } from '../../../instruments';
import { optionPrice } from '../../../options';
import { MatchingEngine } from '../matchingEngine';
import { saveSimState } from '../persistence';
import { createSimVenue, OPTION_EXPIRED } from '../simVenue';
import { EXPIRED_LISTING_MS } from './listing';
import { SyntheticMarket, STEP_MS } from '../syntheticMarket';
import { SIM_INSTRUMENT_SPECS } from '../instruments';
import { ofType, settle } from '../testSupport';
import type { VenueEvent as VenueEventOf } from '../../types';
import { simOptionExpiries } from './expiries';
import { OptionMaker } from './optionMaker';
import { modelQuote } from './quote';
import { listSeries, SIM_OPTION_UNDERLYINGS } from './series';
import { baseSmile, smileVol, volScale } from './surface';
import { UnderlyingFeed } from './underlyingFeed';
import { emptyGreeks } from '../../../options';

// Monday 7 December 2026, 14:00 UTC.
const MONDAY = Date.UTC(2026, 11, 7, 14, 0);
const BTC_SPEC = SIM_OPTION_UNDERLYINGS[0]!;
const options = (v: { instruments(): Instrument[] }): Instrument[] => v.instruments().filter((i) => i.contract);

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
const tempDir = (): string => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'sim-options-'));
  dirs.push(d);
  return d;
};

function venue(clock = new SimulatedClock(MONDAY), extra: { dataDir?: string; seed?: number } = {}) {
  const v = createSimVenue({ clock, seed: 7, options: true, ...extra });
  const events: ReturnType<typeof ofType>[number][] = [];
  v.onEvent((e) => events.push(e));
  return { clock, v, events };
}

/** The BTC-USDT option of this expiry index, right and strike nearest to the spot. */
function atm(v: ReturnType<typeof createSimVenue>, right: 'call' | 'put', expiryIndex = 1): Instrument {
  const spot = v.fairValue('BTC-USDT')!;
  const expiry = [...new Set(options(v).map((i) => i.contract!.expiry))].sort((a, b) => a - b)[expiryIndex]!;
  const series = options(v).filter((i) => i.contract!.underlying === 'BTC-USDT' && i.contract!.expiry === expiry && i.contract!.kind === right);
  return series.reduce((best, i) => (Math.abs(i.contract!.strike! - spot) < Math.abs(best.contract!.strike! - spot) ? i : best));
}

describe('SIM options: the listing', () => {
  it('computes daily, weekly, month-end and quarter-end expiries at 08:00 UTC from the clock', () => {
    expect(simOptionExpiries(MONDAY).map((t) => new Date(t).toISOString())).toEqual([
      '2026-12-08T08:00:00.000Z', // next daily
      '2026-12-11T08:00:00.000Z', // Friday
      '2026-12-25T08:00:00.000Z', // the last Friday of December
      '2027-03-26T08:00:00.000Z', // December's is taken by the monthly: the next quarter's last Friday
    ]);
    // Friday 07:30: today's 08:00 is too close to list; the weekly is the next Friday.
    expect(simOptionExpiries(Date.UTC(2026, 11, 11, 7, 30)).slice(0, 2).map((t) => new Date(t).toISOString())).toEqual([
      '2026-12-12T08:00:00.000Z',
      '2026-12-18T08:00:00.000Z',
    ]);
  });

  it('lists calls and puts on BTC-USDT and ETH-USDT, 11 strikes around the spot per expiry, named like Binance options', () => {
    const { v } = venue();
    const all = v.instruments();
    expect(all.slice(0, 3).map((i) => i.symbol)).toEqual(['BTC-USDT', 'ETH-USDT', 'SOL-USDT']);
    const opts = options(v);
    expect(opts).toHaveLength(2 * 4 * 11 * 2);
    const spot = v.fairValue('BTC-USDT')!;
    for (const underlying of ['BTC-USDT', 'ETH-USDT']) {
      const mine = opts.filter((i) => i.contract!.underlying === underlying);
      const expiries = [...new Set(mine.map((i) => i.contract!.expiry))];
      expect(expiries).toEqual(simOptionExpiries(MONDAY));
      for (const expiry of expiries) {
        const calls = mine.filter((i) => i.contract!.expiry === expiry && i.contract!.kind === 'call').map((i) => i.contract!.strike);
        const puts = mine.filter((i) => i.contract!.expiry === expiry && i.contract!.kind === 'put').map((i) => i.contract!.strike);
        expect(calls).toHaveLength(11);
        expect(puts).toEqual(calls);
        const fv = v.fairValue(underlying)! * 10 ** mine[0]!.priceDecimals;
        expect(Math.min(...calls.map((k) => k!))).toBeLessThan(fv);
        expect(Math.max(...calls.map((k) => k!))).toBeGreaterThan(fv);
      }
    }
    const call = opts.find((i) => i.symbol === 'BTC-261225-95000-C') ?? atm(v, 'call', 2);
    expect(call.symbol).toMatch(/^BTC-261225-\d+-C$/);
    expect(call.displayName).toBe(`BTC 25DEC26 ${call.contract!.strike} C`);
    expect(call).toMatchObject({
      venue: 'SIM',
      base: 'BTC',
      quote: 'USDT',
      priceDecimals: 0,
      tickSize: 5,
      qtyDecimals: 2,
      lotSize: 1,
      minNotional: 0,
      contract: { kind: 'call', expiry: Date.UTC(2026, 11, 25, 8), underlying: 'BTC-USDT', underlyingKind: 'spot', premiumIn: 'quote' },
    });
    expect(Math.abs(call.contract!.strike! - spot)).toBeLessThan(0.02 * spot);
    const eth = opts.find((i) => i.base === 'ETH')!;
    expect(eth).toMatchObject({ priceDecimals: 1, tickSize: 1, qtyDecimals: 2 });
    // Strikes are in units of 10^-priceDecimals: the symbol's strike times 10.
    expect(eth.contract!.strike).toBe(Number(eth.symbol.split('-')[2]) * 10);
  });
});

describe('SIM options: the market maker', () => {
  /** A real BTC-USDT synthetic market, an option book and its maker, outside the venue. */
  function board(seed = 11) {
    const spec = SIM_INSTRUMENT_SPECS[0]!;
    const market = new SyntheticMarket(new MatchingEngine(), spec.market, { seed });
    const feed = new UnderlyingFeed(market, 0.1, spec.market.volPerSqrtSec);
    const expiry = Date.UTC(2026, 11, 25, 8);
    const listing = listSeries('SIM', BTC_SPEC, expiry, [95_000])[0]!; // the call
    const engine = new MatchingEngine();
    const maker = new OptionMaker(engine, listing, feed, { seed, oi: 100 });
    maker.seedBook(MONDAY);
    return { market, feed, engine, maker, listing, expiry };
  }

  it('quotes a few levels a side that straddle the BSM value of its smile vol (r = q = 0)', () => {
    const { feed, engine, listing } = board();
    const years = (listing.expiry - MONDAY) / (365 * 86_400_000);
    const sigma = smileVol(baseSmile(feed.baseVol, years), feed.spot, 95_000, years, volScale(feed.volRatio, years));
    const value = optionPrice({ model: 'bsm', right: 'call', spot: feed.spot, strike: 95_000, years, rate: 0, dividend: 0, sigma });
    const bids = engine.levels('buy');
    const asks = engine.levels('sell');
    expect(bids).toHaveLength(3);
    expect(asks).toHaveLength(3);
    expect(bids[0]![0] * 5).toBeLessThan(value);
    expect(asks[0]![0] * 5).toBeGreaterThan(value);
    // Not absurdly wide either: within 15% of the value.
    expect((asks[0]![0] - bids[0]![0]) * 5).toBeLessThan(0.15 * value);
  });

  it('moves its quotes with the spot: the call is bid up when the underlying rises', () => {
    const { market, feed, engine, maker } = board(5);
    const mid = (): number => (engine.bestBid()! + engine.bestAsk()!) / 2;
    const start = { spot: feed.spot, mid: mid() };
    let ts = MONDAY;
    // Runs the underlying until it has moved by a visible amount, stepping the maker each step as the venue does.
    for (let i = 0; i < 200_000 && Math.abs(feed.spot - start.spot) < 400; i++) {
      ts += STEP_MS;
      market.step(ts);
      maker.step(ts);
    }
    const moved = feed.spot - start.spot;
    expect(Math.abs(moved)).toBeGreaterThanOrEqual(400);
    // A call's delta is about a half at the money: the mid follows the spot's direction.
    expect(Math.sign(mid() - start.mid)).toBe(Math.sign(moved));
  });

  it('widens and lifts the quote when volatility rises, for a short expiry more than a long one', () => {
    const g = emptyGreeks();
    const quoteAt = (ratio: number, years: number) => {
      const scale = volScale(ratio, years);
      const sigma = smileVol(baseSmile(0.17, years), 95_000, 95_000, years, scale);
      return modelQuote({ model: 'bsm', right: 'call', spot: 95_000, strike: 95_000, years, rate: 0, dividend: 0, sigma }, scale, 5, g, { price: 0, half: 0, sigma: 0 });
    };
    const day = 1 / 365;
    const calm = { ...quoteAt(1, day) };
    const busy = { ...quoteAt(4, day) };
    expect(busy.sigma).toBeGreaterThan(1.5 * calm.sigma);
    expect(busy.price).toBeGreaterThan(calm.price);
    expect(busy.half).toBeGreaterThan(calm.half);
    expect(volScale(4, 90 / 365)).toBeLessThan(volScale(4, day));
    expect(volScale(1, day)).toBe(1);
  });
});

describe('SIM options: trading, open interest and expiry', () => {
  it('a user buys a call at the ask: filled at the ask, fee charged, position and open interest up by what was bought', async () => {
    const { v, events } = venue();
    await v.connect();
    const call = atm(v, 'call');
    const oiBefore = v.openInterest(call.symbol)!;
    expect(oiBefore).toBeGreaterThan(0);
    const [askPrice, askQty] = v.book(call.symbol, 1)!.asks[0]!;
    const qty = Math.min(askQty, 5);
    v.submit({ clientOrderId: 'buy-call', symbol: call.symbol, side: 'buy', type: 'limit', tif: 'IOC', postOnly: false, reduceOnly: false, price: askPrice, qty });
    await settle();
    const fills = ofType(events, 'orderFilled').filter((f) => f.clientOrderId === 'buy-call');
    expect(fills.map((f) => [f.price, f.qty, f.liquidity])).toEqual([[askPrice, qty, 'taker']]);
    // The spot fee schedule on the premium: notional in 0.01 USDT (priceDecimals 0 + qtyDecimals 2) = askPrice * 5 * qty; taker 5 bps, rounded up.
    expect(fills[0]!.fee).toBe(Math.ceil((askPrice * 5 * qty * 5) / 10_000));
    expect(v.positions()[call.symbol]).toBe(qty);
    expect(v.openInterest(call.symbol)).toBe(oiBefore + qty);
    expect(ofType(events, 'trade').some((t) => t.symbol === call.symbol && t.price === askPrice)).toBe(true);

    // Selling it back closes the position: open interest falls back.
    const bid = v.book(call.symbol, 1)!.bids[0]![0];
    v.submit({ clientOrderId: 'sell-call', symbol: call.symbol, side: 'sell', type: 'limit', tif: 'IOC', postOnly: false, reduceOnly: false, price: bid, qty });
    await settle();
    expect(v.positions()[call.symbol]).toBeUndefined();
    expect(v.openInterest(call.symbol)).toBe(oiBefore);
    expect(v.openInterest('BTC-USDT')).toBeUndefined();
  });

  it('synthetic takers trade the option books, so the tape moves', async () => {
    const { v, clock, events } = venue();
    await v.connect();
    clock.advance(60_000);
    await settle();
    const optionTrades = ofType(events, 'trade').filter((t) => /-[CP]$/.test(t.symbol));
    expect(optionTrades.length).toBeGreaterThan(10);
  });

  it('at expiry: stops quoting, cancels resting orders, refuses new ones and settles the position at intrinsic value', async () => {
    const clock = new SimulatedClock(MONDAY);
    const dataDir = tempDir();
    const { v, events } = venue(clock, { dataDir });
    await v.connect();
    const call = atm(v, 'call', 0); // the daily
    const put = atm(v, 'put', 0);
    const ask = v.book(call.symbol, 1)!.asks[0]![0];
    v.submit({ clientOrderId: 'long-call', symbol: call.symbol, side: 'buy', type: 'limit', tif: 'IOC', postOnly: false, reduceOnly: false, price: ask + 20, qty: 3 });
    const bid = v.book(put.symbol, 1)!.bids[0]![0];
    v.submit({ clientOrderId: 'resting-put', symbol: put.symbol, side: 'buy', type: 'limit', tif: 'GTC', postOnly: false, reduceOnly: false, price: Math.max(1, bid - 5), qty: 2 });
    await settle();
    expect(v.positions()[call.symbol]).toBe(3);
    await v.disconnect();

    // The venue is down across the expiry: it settles when it comes back, against the fair value then.
    clock.set(call.contract!.expiry + 60_000);
    const again = createSimVenue({ clock, seed: 7, options: true, dataDir });
    const after: typeof events = [];
    again.onEvent((e) => after.push(e));
    expect(again.instruments().some((i) => i.symbol === call.symbol)).toBe(true); // still listed: it must settle
    await again.connect();
    await settle();
    const spot = again.fairValue('BTC-USDT')!;
    const intrinsicTicks = Math.round(Math.max(0, spot - call.contract!.strike!) / 5);
    const settlement = ofType(after, 'positionSettled').find((f) => f.clientOrderId === `SETTLE-${call.symbol}`)!;
    expect(settlement).toMatchObject({ symbol: call.symbol, side: 'sell', price: intrinsicTicks, qty: 3 });
    expect(ofType(after, 'orderFilled').find((f) => f.clientOrderId === `SETTLE-${call.symbol}`)).toBeUndefined(); // not a fill of an order of ours
    expect(again.positions()[call.symbol]).toBeUndefined();
    expect((await again.fillsSince(0, [call.symbol])).map((f) => [f.side, f.price, f.qty])).toContainEqual(['sell', intrinsicTicks, 3]);
    expect(ofType(after, 'orderCanceled').find((c) => c.clientOrderId === 'resting-put')).toMatchObject({ reason: OPTION_EXPIRED });
    expect(again.book(call.symbol)).toEqual({ bids: [], asks: [] });
    expect(again.openInterest(call.symbol)).toBe(0);

    again.submit({ clientOrderId: 'too-late', symbol: call.symbol, side: 'buy', type: 'limit', tif: 'GTC', postOnly: false, reduceOnly: false, price: 10, qty: 1 });
    await settle();
    expect(ofType(after, 'orderRejected').find((r) => r.clientOrderId === 'too-late')).toMatchObject({ reason: OPTION_EXPIRED });
    // The later series still trade, and the next start lists the next daily.
    expect(again.book(atm(again, 'call', 1).symbol, 1)!.asks).toHaveLength(1);
    await again.disconnect();
    const third = createSimVenue({ clock, seed: 7, options: true, dataDir });
    // Settled and flat: still listed for a week (its fills keep naming it), expired.
    expect(third.instruments().some((i) => i.symbol === call.symbol)).toBe(true);
    expect(options(third).some((i) => i.contract!.expiry === Date.UTC(2026, 11, 9, 8))).toBe(true);
    const thirdEvents: typeof events = [];
    third.onEvent((e) => thirdEvents.push(e));
    await third.connect();
    third.submit({ clientOrderId: 'still-too-late', symbol: call.symbol, side: 'buy', type: 'limit', tif: 'GTC', postOnly: false, reduceOnly: false, price: 10, qty: 1 });
    await settle();
    expect(ofType(thirdEvents, 'orderRejected').find((r) => r.clientOrderId === 'still-too-late')).toMatchObject({ reason: OPTION_EXPIRED });
    await third.disconnect();
    clock.set(call.contract!.expiry + EXPIRED_LISTING_MS + 60_000);
    const later = createSimVenue({ clock, seed: 7, options: true, dataDir });
    expect(later.instruments().some((i) => i.symbol === call.symbol)).toBe(false); // a week on: delisted
  });
});

describe('SIM options: expiry while running', () => {
  it('the daily expires on the venue clock: quotes withdrawn, resting order canceled, position settled at intrinsic against the fair value then', async () => {
    // Tuesday 06:59 UTC: the daily is today's 08:00, 61 minutes away.
    const clock = new SimulatedClock(Date.UTC(2026, 11, 8, 6, 59));
    const v = createSimVenue({ clock, seed: 9, options: true });
    const seen: VenueEventOf[] = [];
    await v.connect();
    const put = atm(v, 'put', 0);
    const call = atm(v, 'call', 0);
    const expiry = put.contract!.expiry;
    expect(expiry).toBe(Date.UTC(2026, 11, 8, 8));
    v.onEvent((e) => {
      if ('symbol' in e ? e.symbol === put.symbol || e.symbol === call.symbol : 'clientOrderId' in e) seen.push(e);
    });
    const ask = v.book(put.symbol, 1)!.asks[0]![0];
    v.submit({ clientOrderId: 'long-put', symbol: put.symbol, side: 'buy', type: 'limit', tif: 'IOC', postOnly: false, reduceOnly: false, price: ask + 20, qty: 2 });
    v.submit({ clientOrderId: 'resting-call', symbol: call.symbol, side: 'buy', type: 'limit', tif: 'GTC', postOnly: false, reduceOnly: false, price: 1, qty: 4 });
    await settle();
    expect(v.positions()[put.symbol]).toBe(2);
    // Run the market to one step before the expiry, a minute at a time.
    while (clock.now() + 60_000 < expiry - STEP_MS) {
      clock.advance(60_000);
      await settle();
    }
    clock.set(expiry - STEP_MS);
    await settle();
    expect(v.book(call.symbol)!.asks.length).toBeGreaterThan(0);
    const spot = v.fairValue('BTC-USDT')!;
    clock.advance(STEP_MS); // the step at the expiry settles before the spot moves again
    await settle();
    const intrinsicTicks = Math.round(Math.max(0, put.contract!.strike! - spot) / 5);
    expect(ofType(seen, 'positionSettled').find((f) => f.clientOrderId === `SETTLE-${put.symbol}`)).toMatchObject({ symbol: put.symbol, side: 'sell', price: intrinsicTicks, qty: 2 });
    expect(v.positions()[put.symbol]).toBeUndefined();
    expect(ofType(seen, 'orderCanceled').find((c) => c.clientOrderId === 'resting-call')).toMatchObject({ reason: OPTION_EXPIRED });
    expect(v.book(call.symbol)).toEqual({ bids: [], asks: [] });
    clock.advance(5_000);
    await settle();
    expect(v.book(call.symbol)).toEqual({ bids: [], asks: [] }); // and it stays empty
    v.amend(call.symbol, 'resting-call', { price: 2 });
    v.submit({ clientOrderId: 'after', symbol: call.symbol, side: 'buy', type: 'market', tif: 'IOC', postOnly: false, reduceOnly: false, qty: 1 });
    await settle();
    expect(ofType(seen, 'orderRejected').find((r) => r.clientOrderId === 'after')).toMatchObject({ reason: OPTION_EXPIRED });
  });
});

describe('SIM options: determinism and saved state', () => {
  it('the same seed and clock give the same option quotes and trades', async () => {
    const run = async () => {
      const { v, clock, events } = venue();
      await v.connect();
      clock.advance(20_000);
      await settle();
      return { books: options(v).map((i) => v.book(i.symbol, 3)), trades: ofType(events, 'trade').filter((t) => /-[CP]$/.test(t.symbol)).map((t) => [t.symbol, t.price, t.qty]) };
    };
    const a = await run();
    expect(await run()).toEqual(a);
  });

  it('the spot markets are the same with or without options (options draw their seeds after them)', () => {
    const clock = new SimulatedClock(MONDAY);
    const with_ = createSimVenue({ clock, seed: 7, options: true });
    const without = createSimVenue({ clock, seed: 7 });
    expect(with_.book('BTC-USDT', 20)).toEqual(without.book('BTC-USDT', 20));
  });

  it('loads a sim-venue.json saved before options were listed, and keeps the listed symbols across a restart', async () => {
    const dataDir = tempDir();
    const clock = new SimulatedClock(MONDAY);
    // What a build without options saved: the three spot markets only.
    const markets = Object.fromEntries(SIM_INSTRUMENT_SPECS.map((s, i) => [s.instrument.symbol, { fair: { value: s.market.startTicks * 1.01, variance: 1e-12 }, rng: 1234 + i }]));
    saveSimState(dataDir, { version: 2, savedAt: MONDAY - 1000, nextTradeNo: 42, markets });
    const v = createSimVenue({ clock, seed: 7, options: true, dataDir });
    expect(v.resumed).toBe(true);
    expect(v.restoreProblem).toBeUndefined();
    expect(v.fairValue('BTC-USDT')).toBeCloseTo(95_000 * 1.01, 6);
    const listed = options(v).map((i) => i.symbol);
    expect(listed).toHaveLength(176);
    await v.connect();
    await v.disconnect();
    // An hour later the spot has moved, but the series are the saved ones: the same symbols.
    clock.advance(3_600_000);
    const again = createSimVenue({ clock, seed: 7, options: true, dataDir });
    expect(again.restoreProblem).toBeUndefined();
    expect(options(again).map((i) => i.symbol)).toEqual(listed);
  });
});
