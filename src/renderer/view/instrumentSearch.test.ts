import { describe, expect, it } from 'vitest';
import type { Instrument } from '../../contract/api';
import { focusOnAccount, optionLabel, searchIndex, searchInstruments, toggled } from './instrumentSearch';
import { btc } from './testing';

const inst = (venue: string, symbol: string, base: string, quote = 'USDT'): Instrument => ({ ...btc, venue, symbol, venueSymbol: symbol.replace('-', ''), base, quote });

const sim = [inst('SIM', 'BTC-USDT', 'BTC'), inst('SIM', 'ETH-USDT', 'ETH'), inst('SIM', 'SOL-USDT', 'SOL')];
const main = [inst('main', 'BTCUSDT', 'BTC'), inst('main', 'ETHBTC', 'ETH', 'BTC'), inst('main', 'STETHUSDT', 'STETH'), inst('main', 'ETHUSDT', 'ETH')];
const all = [...sim, ...main];
const labels = (r: { options: { label: string }[] }) => r.options.map((o) => o.label);

describe('the instrument picker search', () => {
  it('reads each option as SYMBOL · ACCOUNT', () => {
    expect(optionLabel(main[0]!)).toBe('BTCUSDT · main');
  });

  it('matches a symbol in either spelling, separators and case ignored, exact and base-asset matches first', () => {
    const index = searchIndex(all);
    expect(labels(searchInstruments(index, 'ethusdt', {}))).toEqual(['ETH-USDT · SIM', 'ETHUSDT · main', 'STETHUSDT · main']);
    expect(labels(searchInstruments(index, 'eth', {}))).toEqual(['ETH-USDT · SIM', 'ETHBTC · main', 'ETHUSDT · main', 'STETHUSDT · main']);
    expect(labels(searchInstruments(index, 'btc/usdt', {}))).toEqual(['BTC-USDT · SIM', 'BTCUSDT · main']);
  });

  it('narrows by account with a second word, and an account name alone lists that account', () => {
    const index = searchIndex(all);
    expect(labels(searchInstruments(index, 'btc main', {}))).toEqual(['BTCUSDT · main', 'ETHBTC · main']);
    expect(labels(searchInstruments(index, 'BTCUSDT · main', {}))).toEqual(['BTCUSDT · main']);
    expect(labels(searchInstruments(index, 'main', {}))).toEqual(main.map(optionLabel));
    expect(searchInstruments(index, 'doge', {})).toEqual({ options: [], total: 0 });
    const two = searchIndex([inst('SIM-A', 'BTC-USDT', 'BTC'), ...sim]);
    expect(labels(searchInstruments(two, 'BTC-USDT SIM', {}))).toEqual(['BTC-USDT · SIM', 'BTC-USDT · SIM-A']);
    expect(labels(searchInstruments(two, 'btc sim-a', {}))).toEqual(['BTC-USDT · SIM-A']);
  });

  it('lists the watchlists first when nothing is typed (the focused account first), then the rest in list order', () => {
    const index = searchIndex(all);
    const watchlists = { SIM: ['SOL-USDT'], main: ['ETHUSDT', 'BTCUSDT'] };
    const r = searchInstruments(index, '', watchlists, { focusAccount: 'main' });
    expect(labels(r).slice(0, 4)).toEqual(['ETHUSDT · main', 'BTCUSDT · main', 'SOL-USDT · SIM', 'BTC-USDT · SIM']);
    expect(r.options.map((o) => o.favourite).slice(0, 4)).toEqual([true, true, true, false]);
    // Typed: favourites lead among equally good matches only.
    expect(labels(searchInstruments(index, 'btcusdt', { main: ['BTCUSDT'] }))).toEqual(['BTCUSDT · main', 'BTC-USDT · SIM']);
  });

  it('renders at most the limit from thousands of instruments and says how many matched', () => {
    const many = Array.from({ length: 5000 }, (_, i) => inst('main', `C${i}USDT`, `C${i}`));
    const index = searchIndex(many);
    const r = searchInstruments(index, 'usdt', {});
    expect(r.total).toBe(5000);
    expect(r.options).toHaveLength(100);
    expect(labels(searchInstruments(index, 'c4999', {}))).toEqual(['C4999USDT · main']);
    // Favourites far down the list still lead their rank, in starring order, within the limit.
    const starred = searchInstruments(index, 'usdt', { main: ['C4998USDT', 'C10USDT'] });
    expect(labels(starred).slice(0, 3)).toEqual(['C4998USDT · main', 'C10USDT · main', 'C0USDT · main']);
    expect(starred.options).toHaveLength(100);
    expect(starred.total).toBe(5000);
    // A better rank (C1 is a base asset) beats a favourite of a worse one (C10USDT, a prefix match).
    expect(labels(searchInstruments(index, 'c1', { main: ['C4998USDT', 'C10USDT'] })).slice(0, 2)).toEqual(['C1USDT · main', 'C10USDT · main']);
  });

  it('toggles a symbol in a watchlist, keeping the starring order', () => {
    expect(toggled(['BTCUSDT'], 'ETHUSDT')).toEqual(['BTCUSDT', 'ETHUSDT']);
    expect(toggled(['BTCUSDT', 'ETHUSDT'], 'BTCUSDT')).toEqual(['ETHUSDT']);
  });
});

describe('searching Kite instruments by name', () => {
  const kite = (symbol: string, base: string, displayName: string, name: string): Instrument => ({
    ...btc,
    venue: 'kite',
    symbol,
    venueSymbol: symbol.split(':')[1]!,
    base,
    quote: 'INR',
    exchange: symbol.split(':')[0]!,
    displayName,
    name,
  });
  const list = [
    kite('NFO:NIFTY26DEC24000CE', 'NIFTY', 'NIFTY 26DEC 24000 CE', 'NIFTY'),
    kite('NFO:NIFTY26DEC24000PE', 'NIFTY', 'NIFTY 26DEC 24000 PE', 'NIFTY'),
    kite('NFO:NIFTY26D2224000CE', 'NIFTY', 'NIFTY 22DEC26 24000 CE', 'NIFTY'),
    kite('NFO:NIFTY26DEC24500CE', 'NIFTY', 'NIFTY 26DEC 24500 CE', 'NIFTY'),
    kite('NFO:BANKNIFTY26DEC54000CE', 'BANKNIFTY', 'BANKNIFTY 26DEC 54000 CE', 'BANKNIFTY'),
    kite('NSE:RELIANCE', 'RELIANCE', 'RELIANCE', 'RELIANCE INDUSTRIES'),
    kite('BSE:RELIANCE', 'RELIANCE', 'RELIANCE', 'RELIANCE INDUSTRIES'),
    kite('NSE:RELINFRA', 'RELINFRA', 'RELINFRA', 'RELIANCE INFRASTRUCTURE'),
  ];
  const index = searchIndex(list);
  const symbols = (q: string) => searchInstruments(index, q, {}).options.map((o) => o.inst.symbol);

  it('finds options word by word, in any case, exact display names first', () => {
    expect(symbols('nifty 24000 ce')).toEqual(['NFO:NIFTY26DEC24000CE', 'NFO:NIFTY26D2224000CE']);
    expect(symbols('NIFTY 26DEC 24000 CE')).toEqual(['NFO:NIFTY26DEC24000CE']);
    expect(symbols('nifty 22dec26')).toEqual(['NFO:NIFTY26D2224000CE']);
    // "nifty" is BANKNIFTY's suffix too, but the underlying itself ranks first.
    expect(symbols('nifty').at(-1)).toBe('NFO:BANKNIFTY26DEC54000CE');
  });

  it('finds equities by trading symbol, by exchange-qualified symbol and by company name', () => {
    expect(symbols('RELIANCE').slice(0, 2)).toEqual(['NSE:RELIANCE', 'BSE:RELIANCE']);
    expect(symbols('RELIANCE')).toContain('NSE:RELINFRA');
    expect(symbols('nse:reliance')).toEqual(['NSE:RELIANCE']);
    expect(symbols('reliance industries')).toEqual(['NSE:RELIANCE', 'BSE:RELIANCE']);
    expect(symbols('reliance infra')).toEqual(['NSE:RELINFRA']);
  });
});

describe('moving the focus to another account', () => {
  it('keeps the symbol when the account trades it (either spelling), else takes its first instrument', () => {
    expect(focusOnAccount(all, { symbol: 'BTC-USDT' }, 'main')?.symbol).toBe('BTCUSDT');
    expect(focusOnAccount(all, { symbol: 'ETHBTC' }, 'SIM')?.symbol).toBe('BTC-USDT');
    expect(focusOnAccount(all, { symbol: 'SOL-USDT' }, 'SIM')?.symbol).toBe('SOL-USDT');
    expect(focusOnAccount(all, { symbol: 'BTCUSDT' }, 'empty')).toBeUndefined();
  });
});

describe('searching a SIM account with its options listed', () => {
  // As the SIM venue lists them: three spot pairs, then European options per expiry, strike and right.
  const option = (venue: string, base: string, expiry: string, day: string, strike: number, right: 'C' | 'P'): Instrument => ({
    ...inst(venue, `${base}-${expiry}-${strike}-${right}`, base),
    displayName: `${base} ${day} ${strike} ${right}`,
    contract: { kind: right === 'C' ? 'call' : 'put', underlying: `${base}-USDT`, expiry: Date.UTC(2026, 11, Number(day.slice(0, 2)), 8), strike },
  });
  const account = (venue: string): Instrument[] => {
    const out = [inst(venue, 'BTC-USDT', 'BTC'), inst(venue, 'ETH-USDT', 'ETH'), inst(venue, 'SOL-USDT', 'SOL')];
    for (const [expiry, day] of [['261208', '08DEC26'], ['261211', '11DEC26'], ['261225', '25DEC26']] as const) {
      for (let strike = 80_000; strike <= 110_000; strike += 1_000) for (const right of ['C', 'P'] as const) out.push(option(venue, 'BTC', expiry, day, strike, right));
      for (let strike = 2_800; strike <= 3_600; strike += 50) for (const right of ['C', 'P'] as const) out.push(option(venue, 'ETH', expiry, day, strike, right));
    }
    return out;
  };
  const list = [...account('SIM-A'), ...account('SIM-B')];
  const index = searchIndex(list);
  const found = (q: string) => searchInstruments(index, q, {});

  it('lists every account\'s spot pairs first when nothing is typed, then the options', () => {
    const r = found('');
    expect(r.total).toBe(list.length);
    expect(r.options.slice(0, 6).map((o) => o.label)).toEqual(['BTC-USDT · SIM-A', 'ETH-USDT · SIM-A', 'SOL-USDT · SIM-A', 'BTC-USDT · SIM-B', 'ETH-USDT · SIM-B', 'SOL-USDT · SIM-B']);
    expect(r.options[6]!.inst.contract).toBeDefined();
  });

  it('finds options by underlying and expiry, by strike and right, and by the whole display name', () => {
    const dec25 = found('BTC 25DEC');
    expect(dec25.total).toBe(2 * 31 * 2);
    expect(dec25.options.every((o) => o.inst.displayName!.startsWith('BTC 25DEC26 '))).toBe(true);
    const calls = found('95000 C');
    expect(calls.options.map((o) => o.inst.symbol)).toEqual(['BTC-261208-95000-C', 'BTC-261211-95000-C', 'BTC-261225-95000-C', 'BTC-261208-95000-C', 'BTC-261211-95000-C', 'BTC-261225-95000-C']);
    expect(found('BTC 25DEC26 95000 P sim-b').options.map((o) => o.label)).toEqual(['BTC-261225-95000-P · SIM-B']);
    expect(found('eth 3400 p 11dec').options.map((o) => o.label)).toEqual(['ETH-261211-3400-P · SIM-A', 'ETH-261211-3400-P · SIM-B']);
    // The spot pair is still the first answer to its own name.
    expect(found('btc').options[0]!.label).toBe('BTC-USDT · SIM-A');
  });
});
