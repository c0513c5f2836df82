import { describe, expect, it } from 'vitest';
import { ccxtInstruments, PRECISION_MODE, type CcxtMarketLike } from './ccxtInstruments';

/** Markets shaped as ccxt 4.5's binance.parseMarket (eapi exchangeInfo) and deribit.fetchMarkets produce them. */
const DEC26 = Date.UTC(2026, 11, 25, 8);
const JAN27 = Date.UTC(2027, 0, 29, 8);
const binanceOption = (strike: number, right: 'call' | 'put', expiry = DEC26): CcxtMarketLike => ({
  id: `BTC-${expiry === DEC26 ? '261225' : '270129'}-${strike}-${right === 'call' ? 'C' : 'P'}`,
  symbol: `BTC/USDT:USDT-${expiry === DEC26 ? '261225' : '270129'}-${strike}-${right === 'call' ? 'C' : 'P'}`,
  base: 'BTC',
  quote: 'USDT',
  settle: 'USDT',
  type: 'option',
  active: undefined,
  linear: true,
  inverse: false,
  contractSize: 1,
  expiry,
  strike,
  optionType: right,
  precision: { price: 5, amount: 0.01 },
  limits: { cost: { min: undefined } },
});
const deribit = (over: Partial<CcxtMarketLike>): CcxtMarketLike => ({
  id: 'BTC-PERPETUAL',
  symbol: 'BTC/USD:BTC',
  base: 'BTC',
  quote: 'USD',
  settle: 'BTC',
  type: 'swap',
  active: true,
  linear: false,
  inverse: true,
  contractSize: 10,
  precision: { price: 0.5, amount: 10 },
  limits: { cost: { min: undefined } },
  ...over,
});
const deribitOption = (strike: number, right: 'call' | 'put', expiry: number, day: string) =>
  deribit({ id: `BTC-${day}-${strike}-${right === 'call' ? 'C' : 'P'}`, symbol: `BTC/USD:BTC-x-${strike}-${right}`, type: 'option', contractSize: 1, expiry, strike, optionType: right, precision: { price: 0.0005, amount: 0.1 } });
const deribitMarkets = [
  deribit({}),
  deribit({ id: 'BTC-25DEC26', symbol: 'BTC/USD:BTC-261225', type: 'future', expiry: DEC26 }),
  deribit({ id: 'ETH-PERPETUAL', symbol: 'ETH/USD:ETH', base: 'ETH', settle: 'ETH', precision: { price: 0.05, amount: 1 } }),
  deribitOption(95000, 'call', DEC26, '25DEC26'),
  deribitOption(95000, 'put', DEC26, '25DEC26'),
  deribitOption(100000, 'call', JAN27, '29JAN27'),
];

describe('ccxt option markets as option instruments', () => {
  it("names Binance's USDT options BTC-USDT-yymmdd-strike-C/P, premium in the quote, strike in price units, no underlying it does not list", () => {
    const { instruments, skipped } = ccxtInstruments('bn', [binanceOption(95000, 'call'), binanceOption(90000, 'put')], PRECISION_MODE.TICK_SIZE, ['option'], ['linear']);
    expect(skipped).toEqual([]);
    expect(instruments[0]).toEqual({
      venue: 'bn',
      symbol: 'BTC-USDT-261225-95000-C',
      venueSymbol: 'BTC/USDT:USDT-261225-95000-C',
      base: 'BTC',
      quote: 'USDT',
      priceDecimals: 0,
      qtyDecimals: 2,
      tickSize: 5,
      lotSize: 1,
      minNotional: 0,
      name: 'BTC-USDT',
      displayName: 'BTC 25DEC26 95000 Call',
      contract: { kind: 'call', expiry: DEC26, strike: 95000, premiumIn: 'quote' },
    });
    expect(instruments[1]!.contract).toEqual({ kind: 'put', expiry: DEC26, strike: 90000, premiumIn: 'quote' });
  });

  it('prices a Binance option from the spot of its pair when the account lists it', () => {
    const spot: CcxtMarketLike = { id: 'BTCUSDT', symbol: 'BTC/USDT', base: 'BTC', quote: 'USDT', type: 'spot', active: true, precision: { price: 0.01, amount: 0.00001 } };
    const { instruments } = ccxtInstruments('bn', [spot, binanceOption(95000, 'call')], PRECISION_MODE.TICK_SIZE, ['spot', 'option']);
    expect(instruments[1]!.contract).toMatchObject({ underlying: 'BTC-USDT', underlyingKind: 'spot' });
  });

  it("names Deribit's coin-settled options as Deribit does, premium in the underlying, grouped by their coin and loaded with the futures and perpetual that price them", () => {
    const { instruments, skipped } = ccxtInstruments('dr', deribitMarkets, PRECISION_MODE.TICK_SIZE, ['option'], ['linear']);
    expect(skipped).toEqual([]);
    // The inverse perpetual and future come with the options (they price them) although the account's kinds are linear; ETH's do not.
    expect(instruments.map((i) => i.symbol)).toEqual(['BTC-USD-PERP-BTC', 'BTC-USD-261225-BTC', 'BTC-25DEC26-95000-C', 'BTC-25DEC26-95000-P', 'BTC-29JAN27-100000-C']);
    expect(instruments[0]!.contract).toBeUndefined();
    expect(instruments[1]!.contract).toEqual({ kind: 'future', expiry: DEC26 });
    const call = instruments[2]!;
    // The tick is 0.0005 BTC: 5 units of 4 decimals; the strike 95000 USD in those units.
    expect([call.tickSize, call.priceDecimals, call.lotSize, call.qtyDecimals]).toEqual([5, 4, 1, 1]);
    // No named underlying: the chain groups them under BTC and prices each expiry from its future, else the perpetual.
    expect(call.contract).toEqual({ kind: 'call', expiry: DEC26, strike: 950_000_000, premiumIn: 'underlying' });
    expect([call.name, call.displayName]).toEqual(['BTC', 'BTC 25DEC26 95000 Call']);
    // Its premium is in BTC, not the USD ccxt names as the quote (the strike's currency): so is the instrument's quote.
    expect(call.quote).toBe('BTC');
    expect(instruments[4]!.contract).toEqual({ kind: 'call', expiry: JAN27, strike: 1_000_000_000, premiumIn: 'underlying' });
  });

  it("keeps Deribit's USDC-settled BTC options apart from its coin-settled ones: their own name, premium in USDC", () => {
    const usdc = deribit({ id: 'BTC_USDC-25DEC26-95000-C', symbol: 'BTC/USDC:USDC-261225-95000-C', quote: 'USDC', settle: 'USDC', linear: true, inverse: false, type: 'option', contractSize: 1, expiry: DEC26, strike: 95000, optionType: 'call', precision: { price: 5, amount: 0.01 } });
    const { instruments } = ccxtInstruments('dr', [...deribitMarkets, usdc], PRECISION_MODE.TICK_SIZE, ['option'], ['linear']);
    const both = instruments.filter((i) => i.contract?.strike !== undefined && i.contract.expiry === DEC26 && i.contract.kind === 'call');
    expect(both.map((i) => [i.symbol, i.name, i.quote, i.contract!.premiumIn])).toEqual([
      ['BTC-25DEC26-95000-C', 'BTC', 'BTC', 'underlying'],
      ['BTC-USDC-261225-95000-C', 'BTC-USDC', 'USDC', 'quote'],
    ]);
  });

  it('leaves options out of a spot or futures account, and an option whose strike is finer than its tick decimals out with why', () => {
    expect(ccxtInstruments('dr', deribitMarkets, PRECISION_MODE.TICK_SIZE, ['swap'], ['inverse']).instruments.map((i) => i.symbol)).toEqual(['BTC-USD-PERP-BTC', 'ETH-USD-PERP-ETH']);
    const odd = { ...binanceOption(95000, 'call'), strike: 95000.5 };
    const { instruments, skipped } = ccxtInstruments('bn', [odd], PRECISION_MODE.TICK_SIZE, ['option']);
    expect(instruments).toEqual([]);
    expect(skipped).toEqual([{ symbol: odd.symbol, reason: 'strike 95000.5 is not a positive decimal of at most 0 places' }]);
  });
});
