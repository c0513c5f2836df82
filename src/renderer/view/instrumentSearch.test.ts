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
