import { describe, expect, it } from 'vitest';
import { SimulatedClock, type Ticks } from '../../core';
import type { Instrument } from '../../instruments';
import { greeks, optionPrice, yearsBetween } from '../../options';
import { CHAIN_VIEW_TTL_MS, ChainViewers } from './chainViewers';
import { OptionChains } from './optionChains';
import { OptionIndex } from './underlyings';

/**
 * The chain's pieces on instruments as venues describe them: which instrument an option group is
 * priced from (the rule in underlyings.ts), IV and Greeks per strike from the top of book, a coin-settled
 * premium, what is said when something is missing, and which chains keep streaming.
 */
const NOW = Date.UTC(2026, 11, 7, 4, 30);
const DEC = Date.UTC(2026, 11, 29, 10, 0);
const JAN = Date.UTC(2027, 0, 26, 10, 0);

const base = { quote: 'INR', qtyDecimals: 0, lotSize: 75, minNotional: 0, priceDecimals: 2, tickSize: 5 } as const;
const kiteOption = (strike: number, kind: 'call' | 'put', expiry = DEC): Instrument => ({
  ...base,
  venue: 'kite',
  symbol: `NFO:NIFTY${expiry === DEC ? '26DEC' : '27JAN'}${strike}${kind === 'call' ? 'CE' : 'PE'}`,
  venueSymbol: `NIFTY${strike}`,
  base: 'NIFTY',
  name: 'NIFTY',
  exchange: 'NFO',
  contract: { kind, expiry, strike: strike * 100 },
});
const kiteFuture: Instrument = { ...base, venue: 'kite', symbol: 'NFO:NIFTY26DECFUT', venueSymbol: 'NIFTY26DECFUT', base: 'NIFTY', name: 'NIFTY', exchange: 'NFO', contract: { kind: 'future', expiry: DEC } };
const kiteIndex: Instrument = { ...base, lotSize: 1, venue: 'kite', symbol: 'NSE:NIFTY 50', venueSymbol: 'NIFTY 50', base: 'NIFTY 50', name: 'NIFTY 50', exchange: 'NSE', segment: 'INDICES' };
/** A coin-settled option (Deribit's style): its premium in BTC, priced from the BTC index it names. */
const btcIndex: Instrument = { venue: 'deribit', symbol: 'BTC-USD', venueSymbol: 'btc_usd', base: 'BTC', quote: 'USD', priceDecimals: 2, qtyDecimals: 1, tickSize: 1, lotSize: 1, minNotional: 0 };
const btcCall: Instrument = {
  venue: 'deribit',
  symbol: 'BTC-29DEC26-100000-C',
  venueSymbol: 'BTC-29DEC26-100000-C',
  base: 'BTC',
  quote: 'BTC',
  priceDecimals: 4,
  qtyDecimals: 1,
  tickSize: 5,
  lotSize: 1,
  minNotional: 0,
  contract: { kind: 'call', expiry: DEC, strike: 100_000 * 10_000, underlying: 'BTC-USD', underlyingKind: 'index', premiumIn: 'underlying' },
};

/** Top of book and last trades as the book worker and the tape would give them, in ticks. */
function marketOf(quotes: Record<string, { bid?: Ticks; ask?: Ticks; last?: Ticks }>) {
  return {
    touch: (_v: string, s: string) => {
      const q = quotes[s];
      return { ...(q?.bid !== undefined ? { bid: q.bid } : {}), ...(q?.ask !== undefined ? { ask: q.ask } : {}) };
    },
    last: (_v: string, s: string) => quotes[s]?.last,
    openInterest: (_v: string, s: string) => (s.endsWith('CE') ? 40 : undefined),
  };
}

function chainsOver(instruments: Instrument[], quotes: Record<string, { bid?: Ticks; ask?: Ticks; last?: Ticks }>, clock = new SimulatedClock(NOW)) {
  const byKey = new Map(instruments.map((i) => [`${i.venue}:${i.symbol}`, i]));
  return new OptionChains({ clock, instruments: () => instruments, instrument: (v, s) => byKey.get(`${v}:${s}`), market: marketOf(quotes), rate: () => 0 });
}

describe('which instrument an option group is priced from', () => {
  it('the named underlying first, else the same-expiry future, else the index or spot of that name', () => {
    const index = new OptionIndex([kiteOption(24000, 'call'), kiteOption(24000, 'call', JAN), kiteFuture, kiteIndex, btcCall, btcIndex]);
    const nifty = index.group('kite', 'NIFTY')!;
    expect([...nifty.byExpiry.keys()].sort()).toEqual([DEC, JAN]);
    expect(index.underlyingOf(nifty, DEC)).toEqual({ symbol: 'NFO:NIFTY26DECFUT', kind: 'future' });
    // No January future listed: the index Kite names "NIFTY 50".
    expect(index.underlyingOf(nifty, JAN)).toEqual({ symbol: 'NSE:NIFTY 50', kind: 'index' });
    expect(index.underlyingOf(index.group('deribit', 'BTC-USD')!, DEC)).toEqual({ symbol: 'BTC-USD', kind: 'index' });
    // An equity's options: the stock of the same name.
    const stock: Instrument = { ...base, lotSize: 1, venue: 'kite', symbol: 'NSE:INFY', venueSymbol: 'INFY', base: 'INFY', name: 'INFOSYS' };
    const infyCall: Instrument = { ...kiteOption(1600, 'call'), symbol: 'NFO:INFY26DEC1600CE', base: 'INFY', name: 'INFY' };
    const eq = new OptionIndex([stock, infyCall]);
    expect(eq.underlyingOf(eq.group('kite', 'INFY')!, DEC)).toEqual({ symbol: 'NSE:INFY', kind: 'spot' });
    expect(new OptionIndex([infyCall]).underlyingOf(new OptionIndex([infyCall]).group('kite', 'INFY')!, DEC)).toBeUndefined();
  });

  it('finds groups by name across venues and what a bare symbol is listed as (the put-call ratio asks so)', () => {
    const index = new OptionIndex([kiteOption(24000, 'call'), kiteOption(24000, 'call', JAN), kiteFuture, kiteIndex, btcCall, btcIndex]);
    expect(index.named('NIFTY').map((g) => g.venue)).toEqual(['kite']);
    expect(index.named('NFO:NIFTY26DECFUT')).toEqual([]);
    expect(index.listedAs('NFO:NIFTY26DECFUT')).toEqual([kiteFuture]);
    expect(index.listedAs('NSE:NIFTY 50')).toEqual([kiteIndex]);
    // An option is found through its group, never as a listing of its own.
    expect(index.listedAs(btcCall.symbol)).toEqual([]);
  });
});

describe('an option chain', () => {
  const F = 24150;
  const years = yearsBetween(NOW, DEC);
  /** Quotes of calls and puts at 15% vol on the future, a tick either side of the price. */
  const quotes: Record<string, { bid?: Ticks; ask?: Ticks; last?: Ticks }> = { 'NFO:NIFTY26DECFUT': { bid: F * 20 - 1, ask: F * 20 + 1 } };
  const strikes = [24200, 23900, 24000, 24100];
  for (const k of strikes) {
    for (const right of ['call', 'put'] as const) {
      const p = optionPrice({ model: 'black76', right, spot: F, strike: k, years, rate: 0, dividend: 0, sigma: 0.15 });
      const ticks = Math.round(p * 20);
      quotes[kiteOption(k, right).symbol] = { bid: ticks - 1, ask: ticks + 1 };
    }
  }
  const instruments = [...strikes.flatMap((k) => [kiteOption(k, 'put'), kiteOption(k, 'call')]), kiteFuture, kiteIndex];

  it('has strikes ascending, IVs that reprice the marks, Greeks at those IVs, the ATM strike and OI', () => {
    const chain = chainsOver(instruments, quotes).chain({ venue: 'kite', underlying: 'NIFTY' })!;
    expect(chain.rows.map((r) => r.strike)).toEqual([23900, 24000, 24100, 24200]);
    expect(chain).toMatchObject({ expiry: DEC, expiries: [DEC], model: 'black76', underlyingSymbol: 'NFO:NIFTY26DECFUT', underlyingPrice: F, forward: F, atmStrike: 24100, rate: 0 });
    expect(chain.years).toBe(years);
    for (const row of chain.rows) {
      for (const right of ['call', 'put'] as const) {
        const side = row[right]!;
        const inputs = { model: 'black76' as const, right, spot: F, strike: row.strike, years, rate: 0, dividend: 0 };
        expect(optionPrice({ ...inputs, sigma: side.iv! }) / side.mark!).toBeCloseTo(1, 10);
        const g = greeks({ ...inputs, sigma: side.iv! });
        expect([side.delta, side.gamma, side.vega, side.theta]).toEqual([g.delta, g.gamma, g.vega, g.theta]);
        expect(side.bidIv!).toBeLessThan(side.iv!);
        expect(side.askIv!).toBeGreaterThan(side.iv!);
        expect(Math.abs(side.iv! - 0.15)).toBeLessThan(0.002);
      }
      expect(row.call!.oi).toBe(40);
      expect(row.put!.oi).toBeUndefined();
    }
  });

  it('says why there is no IV: no quote, a price under intrinsic, no price for the future, expired', () => {
    const thin = { ...quotes, [kiteOption(23900, 'call').symbol]: {}, [kiteOption(24200, 'put').symbol]: { bid: 1, ask: 3 } };
    const chain = chainsOver(instruments, thin).chain({ venue: 'kite', underlying: 'NIFTY' })!;
    expect(chain.rows[0]!.call).toMatchObject({ ivProblem: 'no quote' });
    expect(chain.rows[0]!.call!.iv).toBeUndefined();
    expect(chain.rows[3]!.put).toMatchObject({ ivProblem: 'below intrinsic value' });
    // A last trade stands in for a missing quote.
    const traded = chainsOver(instruments, { ...quotes, [kiteOption(23900, 'call').symbol]: { last: quotes[kiteOption(23900, 'call').symbol]!.ask } }).chain({ venue: 'kite', underlying: 'NIFTY' })!;
    expect(traded.rows[0]!.call).toMatchObject({ markFrom: 'last' });
    expect(traded.rows[0]!.call!.iv).toBeGreaterThan(0);

    // No price for the future, no strike with both sides quoted: quotes without IV, and why.
    const callsOnly = Object.fromEntries(Object.entries(quotes).filter(([k]) => k.endsWith('CE')));
    const noFuture = chainsOver(instruments, callsOnly).chain({ venue: 'kite', underlying: 'NIFTY' })!;
    expect(noFuture.problem).toBe('no price for NFO:NIFTY26DECFUT yet');
    expect(noFuture.rows[1]!.call).toMatchObject({ bid: quotes[kiteOption(24000, 'call').symbol]!.bid, ivProblem: 'no price for NFO:NIFTY26DECFUT yet' });
    expect(noFuture.rows[1]!.call!.iv).toBeUndefined();
    expect(noFuture.atmStrike).toBeUndefined();

    const clock = new SimulatedClock(NOW);
    const chains = chainsOver(instruments, quotes, clock);
    clock.advance(DEC - NOW);
    // At the expiry instant it is no longer listed.
    expect(chains.underlyings()).toEqual([]);
    expect(chains.chain({ venue: 'kite', underlying: 'NIFTY' })).toBeUndefined();
    expect(chains.chain({ venue: 'kite', underlying: 'NIFTY', expiry: DEC })!.problem).toBe('expired');
  });

  it("without a price for the underlying, prices on the forward the options' put-call parity implies (Black-76)", () => {
    const chain = chainsOver(instruments, { ...quotes, 'NFO:NIFTY26DECFUT': {} }).chain({ venue: 'kite', underlying: 'NIFTY' })!;
    expect(chain).toMatchObject({ model: 'black76', underlyingPriceFrom: 'parity', underlyingSymbol: 'NFO:NIFTY26DECFUT', atmStrike: 24100 });
    expect(chain.problem).toBeUndefined();
    // The quotes are a tick (0.05) around 15%-vol prices on 24150: the parity forward is within a few ticks of it.
    expect(Math.abs(chain.forward! - F)).toBeLessThan(0.5);
    expect(chain.underlyingPrice).toBe(chain.forward);
    for (const row of chain.rows) expect(Math.abs(row.call!.iv! - 0.15)).toBeLessThan(0.003);
    // With nothing listed to price from at all (an index without its instrument), the same.
    const bare = chainsOver(instruments.filter((i) => !i.symbol.endsWith('FUT') && i.segment !== 'INDICES'), quotes).chain({ venue: 'kite', underlying: 'NIFTY' })!;
    expect(bare).toMatchObject({ underlyingPriceFrom: 'parity', model: 'black76' });
    expect(bare.underlyingSymbol).toBeUndefined();
  });

  it("prices options no future expires with from the index's level (its last price: an index has no book), BSM at the chain's rate", () => {
    const S = 24102.35;
    const janYears = yearsBetween(NOW, JAN);
    const jan: Record<string, { bid?: Ticks; ask?: Ticks; last?: Ticks }> = { 'NSE:NIFTY 50': { last: Math.round(S * 20) } };
    for (const k of strikes) {
      for (const right of ['call', 'put'] as const) {
        const ticks = Math.round(optionPrice({ model: 'bsm', right, spot: S, strike: k, years: janYears, rate: 0.065, dividend: 0, sigma: 0.14 }) * 20);
        jan[kiteOption(k, right, JAN).symbol] = { bid: ticks - 1, ask: ticks + 1 };
      }
    }
    const janInstruments = [...strikes.flatMap((k) => [kiteOption(k, 'put', JAN), kiteOption(k, 'call', JAN)]), kiteFuture, kiteIndex];
    const chain = chainsOver(janInstruments, jan).chain({ venue: 'kite', underlying: 'NIFTY', rate: 0.065 })!;
    expect(chain).toMatchObject({ expiry: JAN, model: 'bsm', underlyingSymbol: 'NSE:NIFTY 50', underlyingKind: 'index', underlyingPriceFrom: 'last', underlyingPrice: S, rate: 0.065 });
    expect(chain.forward).toBeCloseTo(S * Math.exp(0.065 * janYears), 9);
    for (const row of chain.rows) {
      for (const right of ['call', 'put'] as const) {
        const side = row[right]!;
        expect(optionPrice({ model: 'bsm', right, spot: S, strike: row.strike, years: janYears, rate: 0.065, dividend: 0, sigma: side.iv! }) / side.mark!).toBeCloseTo(1, 10);
        expect(Math.abs(side.iv! - 0.14)).toBeLessThan(0.002);
      }
    }
    // Without the index's level (not streamed yet), the same chain falls back on put-call parity.
    const noLevel = chainsOver(janInstruments, { ...jan, 'NSE:NIFTY 50': {} }).chain({ venue: 'kite', underlying: 'NIFTY', rate: 0.065 })!;
    expect(noLevel).toMatchObject({ underlyingPriceFrom: 'parity', model: 'black76' });
  });

  it("prices a coin-settled premium in the quote currency (premium x index) under BSM at the chain's rate", () => {
    const S = 95_000;
    const T = yearsBetween(NOW, DEC);
    const usd = optionPrice({ model: 'bsm', right: 'call', spot: S, strike: 100_000, years: T, rate: 0.03, dividend: 0, sigma: 0.5 });
    const inBtc = Math.round((usd / S) * 2000); // ticks of 0.0005 BTC
    const chains = chainsOver([btcCall, btcIndex], { 'BTC-USD': { last: S * 100 }, [btcCall.symbol]: { bid: inBtc - 1, ask: inBtc + 1 } });
    const chain = chains.chain({ venue: 'deribit', underlying: 'BTC-USD', rate: 0.03 })!;
    expect(chain).toMatchObject({ model: 'bsm', underlyingKind: 'index', underlyingPrice: S, underlyingPriceFrom: 'last', rate: 0.03 });
    expect(chain.forward).toBeCloseTo(S * Math.exp(0.03 * T), 8);
    const call = chain.rows[0]!.call!;
    expect(optionPrice({ model: 'bsm', right: 'call', spot: S, strike: 100_000, years: T, rate: 0.03, dividend: 0, sigma: call.iv! })).toBeCloseTo(call.mark! * S, 6);
    expect(Math.abs(call.iv! - 0.5)).toBeLessThan(0.005);
  });

  it("gives a held option's Greeks, and nothing for what is not an option or cannot be priced", () => {
    const chains = chainsOver(instruments, quotes);
    const chain = chains.chain({ venue: 'kite', underlying: 'NIFTY' })!;
    const held = chains.greeksOf('kite', kiteOption(24000, 'put').symbol)!;
    expect(held).toMatchObject({ underlying: 'NIFTY', underlyingSymbol: 'NFO:NIFTY26DECFUT', underlyingPrice: F, model: 'black76', iv: chain.rows[1]!.put!.iv, delta: chain.rows[1]!.put!.delta });
    expect(chains.greeksOf('kite', 'NFO:NIFTY26DECFUT')).toBeUndefined();
    expect(chains.greeksOf('kite', 'NFO:NOPE')).toBeUndefined();
    expect(chainsOver(instruments, { 'NFO:NIFTY26DECFUT': {} }).greeksOf('kite', kiteOption(24000, 'put').symbol)).toBeUndefined();
  });

  it("lists each underlying's live expiries, and the instruments a chain streams (its options and the future)", () => {
    const chains = chainsOver([...instruments, kiteOption(24000, 'call', JAN)], quotes);
    expect(chains.underlyings('kite')).toEqual([{ venue: 'kite', underlying: 'NIFTY', expiries: [DEC, JAN] }]);
    expect(chains.instrumentsOf({ venue: 'kite', underlying: 'NIFTY', expiry: DEC }).map((r) => r.symbol).sort()).toEqual([...strikes.flatMap((k) => [kiteOption(k, 'put').symbol, kiteOption(k, 'call').symbol]), 'NFO:NIFTY26DECFUT'].sort());
    expect(chains.instrumentsOf({ venue: 'kite', underlying: 'NIFTY', expiry: JAN }).map((r) => r.symbol)).toEqual(['NFO:NIFTY27JAN24000CE', 'NSE:NIFTY 50']);
  });
});

describe('chains on screen', () => {
  it('stream while asked for; closing or going quiet for the TTL stops them', () => {
    const clock = new SimulatedClock(NOW);
    const viewers = new ChainViewers(clock, (req) => [{ venue: req.venue, symbol: `${req.underlying}-${req.expiry}` }]);
    expect(viewers.show('a', { venue: 'kite', underlying: 'NIFTY', expiry: DEC })).toBe(true);
    expect(viewers.show('a', { venue: 'kite', underlying: 'NIFTY', expiry: DEC })).toBe(false);
    expect(viewers.show('b', { venue: 'kite', underlying: 'NIFTY', expiry: JAN })).toBe(true);
    expect([...viewers.instruments()].map((r) => r.symbol)).toEqual([`NIFTY-${DEC}`, `NIFTY-${JAN}`]);
    expect(viewers.close('b')).toBe(true);
    clock.advance(CHAIN_VIEW_TTL_MS);
    expect(viewers.expire()).toBe(false);
    clock.advance(1);
    expect(viewers.expire()).toBe(true);
    expect([...viewers.instruments()]).toEqual([]);
  });
});
