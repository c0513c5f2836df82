import { afterEach, describe, expect, it } from 'vitest';
import { SimulatedClock, type Ticks } from '../core';
import { parsePrice } from '../instruments';
import { optionPrice, yearsBetween } from '../options';
import { newApiKey, startBinanceLoopback, type LoopbackOptionContract } from '../venues/binance/testSupport';
import { ccxtInstruments, createCcxtExchange, type CcxtMarketLike } from '../venues';
import { OptionChains } from './options';

/**
 * Binance's European BTC options through ccxt (ccxt's binance class with the account's market types
 * ['option'], pointed at the loopback Binance venue's /eapi/v1) in the option chain: the option markets as
 * instruments, their books read through ccxt, and the chain's IV and Greeks on USDT premiums. The account
 * lists no spot (at Binance it trades on another API), so the chain prices from put-call parity.
 */
const NOW = Date.UTC(2026, 11, 7, 12);
const DEC = Date.UTC(2026, 11, 25, 8);
const VOL = 0.5;
const FORWARD = 100_000;
const STRIKES = [90_000, 95_000, 100_000, 105_000, 110_000];
const VENUE = 'my-binance-options';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

/** Each option quoted a 5 USDT tick either side of its Black-76 value at VOL on FORWARD (rate 0). */
function contracts(): LoopbackOptionContract[] {
  const years = yearsBetween(NOW, DEC);
  return STRIKES.flatMap((strike) =>
    (['call', 'put'] as const).map((right) => {
      const fair = optionPrice({ model: 'black76', right, spot: FORWARD, strike, years, rate: 0, dividend: 0, sigma: VOL });
      return { symbol: `BTC-261225-${strike}-${right === 'call' ? 'C' : 'P'}`, side: right === 'call' ? 'CALL' : 'PUT', strikePrice: `${strike}.00000000`, expiryDate: DEC, bid: String(Math.floor(fair / 5) * 5 - 5), ask: String(Math.ceil(fair / 5) * 5 + 5), bidQty: '1.5', askQty: '2.25' } as const;
    }),
  );
}

describe("Binance's European options through ccxt in the option chain", () => {
  it('lists them as instruments with their contracts, reads their books through ccxt, and shows the chain with IV and Greeks', async () => {
    const key = { apiKey: newApiKey(), hmacSecret: newApiKey() };
    const loopback = await startBinanceLoopback({ market: 'usdm', accounts: [{ name: 'alice', keys: [key], balances: { USDT: '1000' } }], options: { underlying: 'BTCUSDT', baseAsset: 'BTC', indexPrice: '99950', tickSize: '5', stepSize: '0.01', contracts: contracts() } });
    cleanup.push(() => loopback.stop());
    const ex = createCcxtExchange({ exchangeId: 'binance', environment: 'production', restUrl: loopback.restUrl, streamUrl: loopback.wsUrl, marketTypes: ['option'], exchangeOptions: { fetchCurrencies: false, fetchMargins: false } });
    cleanup.push(() => ex.close());
    const markets = Object.values(await ex.loadMarkets()) as unknown as CcxtMarketLike[];
    const { instruments, skipped } = ccxtInstruments(VENUE, markets, ex.precisionMode ?? 4, ['option'], ['linear']);
    expect(skipped).toEqual([]);
    expect(instruments).toHaveLength(10);
    const call = instruments.find((i) => i.symbol === 'BTC-USDT-261225-100000-C')!;
    expect(call).toMatchObject({ venueSymbol: 'BTC/USDT:USDT-261225-100000-C', quote: 'USDT', priceDecimals: 0, tickSize: 5, qtyDecimals: 2, lotSize: 1, name: 'BTC-USDT', displayName: 'BTC 25DEC26 100000 Call' });
    expect(call.contract).toEqual({ kind: 'call', expiry: DEC, strike: 100_000, premiumIn: 'quote' });

    // The books, read through ccxt (GET /eapi/v1/depth), in ticks.
    const top = new Map<string, { bid?: Ticks; ask?: Ticks }>();
    for (const inst of instruments) {
      const book = await ex.fetchOrderBook(inst.venueSymbol);
      const tick = (p: number | undefined) => (p === undefined ? undefined : (parsePrice(inst, String(p)) as { ok: true; value: Ticks }).value);
      top.set(inst.symbol, { bid: tick(book.bids[0]?.[0]), ask: tick(book.asks[0]?.[0]) });
    }
    const ticker = await ex.fetchTicker(call.venueSymbol);
    expect([ticker.bid, ticker.ask]).toEqual([Number(contracts()[4]!.bid), Number(contracts()[4]!.ask)]);

    const byKey = new Map(instruments.map((i) => [i.symbol, i]));
    const chains = new OptionChains({ clock: new SimulatedClock(NOW), instruments: () => instruments, instrument: (_v, s) => byKey.get(s), market: { touch: (_v, s) => top.get(s) ?? {}, last: () => undefined, openInterest: () => undefined }, rate: () => 0 });
    expect(chains.underlyings()).toEqual([{ venue: VENUE, underlying: 'BTC-USDT', expiries: [DEC] }]);
    const chain = chains.chain({ venue: VENUE, underlying: 'BTC-USDT' })!;
    expect(chain.problem).toBeUndefined();
    expect([chain.underlyingPriceFrom, chain.model]).toEqual(['parity', 'black76']);
    // The parity forward from the ATM pair's mids, each within 5 USDT of fair: within 10 of FORWARD.
    expect(Math.abs(chain.forward! - FORWARD)).toBeLessThanOrEqual(10);
    expect(chain.atmStrike).toBe(100_000);
    expect(chain.rows.map((r) => r.strike)).toEqual(STRIKES);
    for (const row of chain.rows) {
      for (const side of [row.call!, row.put!]) {
        expect(Math.abs(side.iv! - VOL)).toBeLessThan(0.01);
        expect(side.bidIv!).toBeLessThan(side.iv!);
        expect(side.askIv!).toBeGreaterThan(side.iv!);
        expect(side.gamma!).toBeGreaterThan(0);
        expect(side.vega!).toBeGreaterThan(0);
        expect(side.theta!).toBeLessThan(0);
      }
      expect(row.call!.delta! - row.put!.delta!).toBeCloseTo(1, 12);
    }
  });

  it('answers an option order with "No such endpoint": the loopback serves option market data only', async () => {
    const loopback = await startBinanceLoopback({ market: 'spot', accounts: [], options: { underlying: 'BTCUSDT', baseAsset: 'BTC', indexPrice: '99950', tickSize: '5', stepSize: '0.01', contracts: contracts() } });
    cleanup.push(() => loopback.stop());
    const res = await fetch(`${loopback.restUrl}/eapi/v1/order?symbol=BTC-261225-100000-C`, { method: 'POST' });
    expect(res.status).toBe(404);
    const index = (await (await fetch(`${loopback.restUrl}/eapi/v1/index?underlying=BTCUSDT`)).json()) as { indexPrice: string };
    expect(index.indexPrice).toBe('99950');
  });
});
