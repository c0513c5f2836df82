import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Instrument } from './instrument';
import { InstrumentSearch, queryRank, queryWords, searchKeys } from './search';

function inst(venue: string, symbol: string, base: string, extra: Partial<Instrument> = {}): Instrument {
  return { venue, symbol, venueSymbol: symbol.replace(/^[A-Z]+:/, '').replace('-', ''), base, quote: 'INR', priceDecimals: 2, qtyDecimals: 0, tickSize: 5, lotSize: 1, minNotional: 0, ...extra };
}
const option = (sym: string, display: string): Instrument => inst('kite', `NFO:${sym}`, display.split(' ')[0]!, { displayName: display, name: display.split(' ')[0]!, lotSize: 75 });

const list: Instrument[] = [
  inst('kite', 'NSE:RELIANCE', 'RELIANCE', { displayName: 'RELIANCE', name: 'RELIANCE INDUSTRIES' }),
  inst('kite', 'NSE:RELINFRA', 'RELINFRA', { displayName: 'RELINFRA', name: 'RELIANCE INFRASTRUCTURE' }),
  option('NIFTY26DEC24000CE', 'NIFTY 26DEC 24000 CE'),
  option('NIFTY26DEC24000PE', 'NIFTY 26DEC 24000 PE'),
  option('NIFTY26D2224000CE', 'NIFTY 22DEC26 24000 CE'),
  option('BANKNIFTY26DEC54000CE', 'BANKNIFTY 26DEC 54000 CE'),
  inst('main', 'BTC-USDT', 'BTC'),
  inst('main', 'STETH-USDT', 'STETH'),
  inst('main', 'ETH-USDT', 'ETH'),
];

const symbols = (r: { instruments: Instrument[] }) => r.instruments.map((i) => i.symbol);

describe('the engine-side instrument search', () => {
  const index = new InstrumentSearch(list);

  it('ranks exact names, then the underlying or a whole word, then prefixes, then text inside', () => {
    expect(symbols(index.search('NIFTY 26DEC 24000 CE', { limit: 10 }))).toEqual(['NFO:NIFTY26DEC24000CE']);
    expect(symbols(index.search('nifty 24000 ce', { limit: 10 }))).toEqual(['NFO:NIFTY26DEC24000CE', 'NFO:NIFTY26D2224000CE']);
    expect(symbols(index.search('reliance', { limit: 10 }))).toEqual(['NSE:RELIANCE', 'NSE:RELINFRA']);
    expect(symbols(index.search('reliance infra', { limit: 10 }))).toEqual(['NSE:RELINFRA']);
    expect(symbols(index.search('eth', { limit: 10 }))).toEqual(['ETH-USDT', 'STETH-USDT']);
    expect(symbols(index.search('usdt', { limit: 10 }))).toEqual(['BTC-USDT', 'STETH-USDT', 'ETH-USDT']);
  });

  it('filters by venue, keeps the limit and counts every match', () => {
    expect(index.search('', { limit: 3 })).toEqual({ instruments: list.slice(0, 3), total: list.length });
    expect(index.search('', { limit: 100, venue: 'main' }).total).toBe(3);
    const r = index.search('nifty', { limit: 2 });
    expect(r.total).toBe(4);
    expect(r.instruments).toHaveLength(2);
    expect(index.search('zzz', { limit: 5 })).toEqual({ instruments: [], total: 0 });
  });

  it('property: finds exactly what a rank-every-instrument scan finds, in the same order', () => {
    const word = fc.constantFrom('NIFTY', 'nifty', '24000', 'ce', 'pe', '26dec', 'rel', 'reliance', 'industries', 'usdt', 'eth', 'e', 'n', '2', 'bank', 'x', 'nse:');
    fc.assert(
      fc.property(fc.array(word, { maxLength: 3 }), fc.integer({ min: 1, max: 12 }), (words, limit) => {
        const query = words.join(' ');
        const qw = queryWords(query);
        const brute = list
          .map((i, at) => ({ i, at, rank: qw.length === 0 ? 0 : queryRank(searchKeys(i), qw, qw.join('')) }))
          .filter((x) => x.rank >= 0)
          .sort((a, b) => a.rank - b.rank || a.at - b.at);
        const r = index.search(query, { limit });
        expect(r.total).toBe(brute.length);
        expect(symbols(r)).toEqual(brute.slice(0, limit).map((x) => x.i.symbol));
      }),
    );
  });
});
