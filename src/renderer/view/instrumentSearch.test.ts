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
  });

  it('toggles a symbol in a watchlist, keeping the starring order', () => {
    expect(toggled(['BTCUSDT'], 'ETHUSDT')).toEqual(['BTCUSDT', 'ETHUSDT']);
    expect(toggled(['BTCUSDT', 'ETHUSDT'], 'BTCUSDT')).toEqual(['ETHUSDT']);
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
