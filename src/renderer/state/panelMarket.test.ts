import { beforeEach, describe, expect, it } from 'vitest';
import type { BookView, Candle, MarketSnapshot } from '../../contract/api';
import { instrumentMarkets, useInstrumentMarkets } from './instrumentMarkets';
import { linking, readLinkingSnapshot, useLinking } from './linking';
import { market, useMarket } from './market';
import { type MarketView, marketView, subscribeMarketView } from './panelMarket';

const BTC = { venue: 'SIM', symbol: 'BTC-USDT' };
const ETH = { venue: 'SIM', symbol: 'ETH-USDT' };
const book = (symbol: string, bid: number): BookView => ({ venue: 'SIM', symbol, seq: bid, stale: false, bids: [[bid, 1]], asks: [[bid + 1, 1]] });
const candle = (time: number, close: number): Candle => ({ time, open: close, high: close, low: close, close, volume: 1 });
const snapshot = (symbol: string, bid: number): MarketSnapshot => ({ book: book(symbol, bid), candles: [candle(120, bid), candle(60, bid)], trades: [] });

/**
 * What each panel draws: a red panel the focus's market, a green one its group's instrument's market (the
 * store of watched instruments), never the other's; and what a saved workspace brings back of the links.
 */
describe('a panel’s market', () => {
  beforeEach(() => {
    useLinking.setState({ groupOf: {}, groups: {}, own: {} });
    instrumentMarkets.clearAll();
    market.setFocus(BTC);
    market.loadSnapshot(snapshot('BTC-USDT', 9500));
  });

  it('is the focus market for a panel of the focus group, and its group’s instrument’s for a green one', () => {
    expect(marketView('chart')).toBe(useMarket.getState());
    linking.setGroup('chart-2', 'green');
    linking.setInstrument('chart-2', ETH);
    expect(useMarket.getState().focus).toEqual(BTC);
    // Not loaded yet: empty, never the focus's book under ETH's name.
    expect(marketView('chart-2')).toMatchObject({ focus: ETH, book: null, candles: [] });
    instrumentMarkets.open('SIM', 'ETH-USDT');
    instrumentMarkets.loadSnapshot('SIM', 'ETH-USDT', snapshot('ETH-USDT', 340));
    const green = marketView('chart-2');
    expect(green.book?.symbol).toBe('ETH-USDT');
    expect(green.candles.map((c) => c.time)).toEqual([60, 120]);
    expect(green.candlesEpoch).not.toBe(useMarket.getState().candlesEpoch);
    // The same inputs give the same view (drawing code compares views to skip work).
    expect(marketView('chart-2')).toBe(green);
    expect(marketView('chart').book?.symbol).toBe('BTC-USDT');
  });

  it('tells a green chart of its own book and candles only, not of the focus’s many updates', () => {
    linking.setGroup('chart-2', 'green');
    linking.setInstrument('chart-2', ETH);
    instrumentMarkets.open('SIM', 'ETH-USDT');
    const seen: MarketView[] = [];
    const off = subscribeMarketView('chart-2', (v) => seen.push(v));
    market.setBook(book('BTC-USDT', 9501));
    market.addCandle(candle(180, 9501));
    expect(seen).toEqual([]);
    instrumentMarkets.setBook(book('ETH-USDT', 341));
    instrumentMarkets.addCandle('SIM', 'ETH-USDT', candle(180, 341));
    expect(seen.map((v) => [v.book?.bids[0]?.[0], v.candles.length])).toEqual([
      [341, 0],
      [341, 1],
    ]);
    // Back to red: the chart draws the focus again.
    linking.setGroup('chart-2', 'red');
    expect(seen.at(-1)).toBe(useMarket.getState());
    off();
  });

  it('drops events of an instrument no longer watched', () => {
    instrumentMarkets.setBook(book('ETH-USDT', 341));
    expect(useInstrumentMarkets.getState().byKey).toEqual({});
    instrumentMarkets.open('SIM', 'ETH-USDT');
    instrumentMarkets.close('SIM', 'ETH-USDT');
    instrumentMarkets.addTrades('SIM', 'ETH-USDT', [{ price: 1, qty: 1, ts: 1, aggressor: 'buy' } as never]);
    expect(useInstrumentMarkets.getState().byKey).toEqual({});
  });
});

describe('links kept with a workspace', () => {
  beforeEach(() => {
    useLinking.setState({ groupOf: {}, groups: {}, own: {} });
    market.setFocus(BTC);
  });

  it('come back as saved: each panel’s group, each group’s instrument, the focus', () => {
    linking.setGroup('chart-2', 'green');
    linking.setInstrument('chart-2', ETH);
    linking.setGroup('book-3', null);
    const saved = JSON.parse(JSON.stringify(linking.snapshot())) as unknown;
    useLinking.setState({ groupOf: {}, groups: {}, own: {} });
    market.setFocus({ venue: 'SIM', symbol: 'SOL-USDT' });
    linking.restore(saved);
    expect(useLinking.getState()).toMatchObject({ groupOf: { 'chart-2': 'green', 'book-3': null }, groups: { green: ETH }, own: { 'book-3': BTC } });
    expect(useMarket.getState().focus).toEqual(BTC);
  });

  it('drop what is malformed instead of failing: that panel follows the focus', () => {
    expect(
      readLinkingSnapshot({
        groupOf: { a: 'purple', b: 'red', c: null, d: 'blue', e: 7 },
        groups: { blue: { venue: 'SIM', symbol: 'ETH-USDT' }, red: ETH, green: { venue: 1 } },
        own: { c: 'x' },
        focus: 'BTC',
      }),
    ).toEqual({ groupOf: { d: 'blue' }, groups: { blue: ETH }, own: {} });
    expect(readLinkingSnapshot(undefined)).toEqual({ groupOf: {}, groups: {}, own: {} });
    expect(readLinkingSnapshot([1, 2])).toEqual({ groupOf: {}, groups: {}, own: {} });
  });

  it('forget a closed instance, keeping its group’s instrument for the others', () => {
    linking.setGroup('chart-2', 'green');
    linking.setInstrument('chart-2', ETH);
    linking.forget('chart-2');
    expect(useLinking.getState()).toMatchObject({ groupOf: {}, groups: { green: ETH } });
  });
});
