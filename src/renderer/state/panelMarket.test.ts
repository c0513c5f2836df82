import { beforeEach, describe, expect, it } from 'vitest';
import type { BookView, Candle, MarketSnapshot } from '../../contract/api';
import { candleSeries, useCandleSeries } from './candleSeries';
import { chartTimeframe, chartTimeframes, DEFAULT_TIMEFRAME, readChartTimeframes, useChartTimeframes } from './chartTimeframes';
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
 * store of watched instruments), never the other's; each chart the candles of its own timeframe; and what a
 * saved workspace brings back of the links and the charts' timeframes.
 */
describe('a panel’s market', () => {
  beforeEach(() => {
    useLinking.setState({ groupOf: {}, groups: {}, own: {} });
    useChartTimeframes.setState({ byPanel: {} });
    instrumentMarkets.clearAll();
    candleSeries.clearAll();
    market.setFocus(BTC);
    market.loadSnapshot(snapshot('BTC-USDT', 9500));
    candleSeries.open('SIM', 'BTC-USDT', '1m');
    candleSeries.load('SIM', 'BTC-USDT', '1m', snapshot('BTC-USDT', 9500).candles);
  });

  it('is the focus market for a panel of the focus group, and its group’s instrument’s for a green one', () => {
    expect(marketView('chart')).toMatchObject({ focus: BTC, timeframe: '1m', book: useMarket.getState().book, trades: useMarket.getState().trades });
    expect(marketView('chart').candles.map((c) => c.time)).toEqual([60, 120]);
    linking.setGroup('chart-2', 'green');
    linking.setInstrument('chart-2', ETH);
    expect(useMarket.getState().focus).toEqual(BTC);
    // Not loaded yet: empty, never the focus's book under ETH's name.
    expect(marketView('chart-2')).toMatchObject({ focus: ETH, book: null, candles: [] });
    instrumentMarkets.open('SIM', 'ETH-USDT');
    instrumentMarkets.loadSnapshot('SIM', 'ETH-USDT', snapshot('ETH-USDT', 340));
    candleSeries.open('SIM', 'ETH-USDT', '1m');
    candleSeries.load('SIM', 'ETH-USDT', '1m', snapshot('ETH-USDT', 340).candles);
    const green = marketView('chart-2');
    expect(green.book?.symbol).toBe('ETH-USDT');
    expect(green.candles.map((c) => [c.time, c.close])).toEqual([
      [60, 340],
      [120, 340],
    ]);
    expect(green.candlesEpoch).not.toBe(marketView('chart').candlesEpoch);
    // The same inputs give the same view (drawing code compares views to skip work).
    expect(marketView('chart-2')).toBe(green);
    expect(marketView('chart').book?.symbol).toBe('BTC-USDT');
  });

  it('gives two charts of one instrument each the candles of its own timeframe, the same book', () => {
    chartTimeframes.set('chart-2', '5m');
    const fiveMinute = marketView('chart-2');
    // The 5m series is not streamed yet: no bars, never the 1m chart's under a 5m label.
    expect(fiveMinute).toMatchObject({ focus: BTC, timeframe: '5m', candles: [] });
    expect(fiveMinute.book).toBe(marketView('chart').book);
    candleSeries.open('SIM', 'BTC-USDT', '5m');
    candleSeries.load('SIM', 'BTC-USDT', '5m', [candle(300, 9400), candle(0, 9300)]);
    candleSeries.add('SIM', 'BTC-USDT', '1m', candle(180, 9501));
    expect(marketView('chart').candles.map((c) => c.time)).toEqual([60, 120, 180]);
    expect(marketView('chart-2').candles.map((c) => c.time)).toEqual([0, 300]);
    expect(marketView('chart-2').timeframe).toBe('5m');
    expect(marketView('chart').timeframe).toBe('1m');
    // Back on 1m, the second chart reads the shared 1m series (a new epoch: it reloads its bars).
    const was = marketView('chart-2').candlesEpoch;
    chartTimeframes.set('chart-2', '1m');
    expect(marketView('chart-2').candles).toBe(marketView('chart').candles);
    expect(marketView('chart-2').candlesEpoch).not.toBe(was);
  });

  it('tells a green chart of its own book and candles only, not of the focus’s many updates', () => {
    linking.setGroup('chart-2', 'green');
    linking.setInstrument('chart-2', ETH);
    instrumentMarkets.open('SIM', 'ETH-USDT');
    candleSeries.open('SIM', 'ETH-USDT', '1m');
    const seen: MarketView[] = [];
    const off = subscribeMarketView('chart-2', (v) => seen.push(v));
    market.setBook(book('BTC-USDT', 9501));
    candleSeries.add('SIM', 'BTC-USDT', '1m', candle(180, 9501));
    expect(seen).toEqual([]);
    instrumentMarkets.setBook(book('ETH-USDT', 341));
    candleSeries.add('SIM', 'ETH-USDT', '1m', candle(180, 341));
    // Another timeframe of ETH than the chart's: nothing for it.
    candleSeries.open('SIM', 'ETH-USDT', '5m');
    candleSeries.add('SIM', 'ETH-USDT', '5m', candle(300, 341));
    expect(seen.map((v) => [v.book?.bids[0]?.[0], v.candles.length])).toEqual([
      [341, 0],
      [341, 1],
    ]);
    // Back to red: the chart draws the focus again.
    linking.setGroup('chart-2', 'red');
    expect(seen.at(-1)).toMatchObject({ focus: BTC, book: useMarket.getState().book });
    off();
  });

  it('drops events of an instrument or a series no longer watched', () => {
    instrumentMarkets.setBook(book('ETH-USDT', 341));
    expect(useInstrumentMarkets.getState().byKey).toEqual({});
    instrumentMarkets.open('SIM', 'ETH-USDT');
    instrumentMarkets.close('SIM', 'ETH-USDT');
    instrumentMarkets.addTrades('SIM', 'ETH-USDT', [{ price: 1, qty: 1, ts: 1, aggressor: 'buy' } as never]);
    expect(useInstrumentMarkets.getState().byKey).toEqual({});
    candleSeries.add('SIM', 'ETH-USDT', '1h', candle(3600, 1));
    candleSeries.open('SIM', 'ETH-USDT', '5m');
    candleSeries.close('SIM', 'ETH-USDT', '5m');
    candleSeries.add('SIM', 'ETH-USDT', '5m', candle(300, 1));
    expect(Object.keys(useCandleSeries.getState().byKey)).toEqual(['SIM:BTC-USDT:1m']);
  });
});

describe('chart timeframes kept with a workspace', () => {
  beforeEach(() => useChartTimeframes.setState({ byPanel: {} }));

  it('come back as saved, each chart its own; a chart not named is on 1m', () => {
    chartTimeframes.set('chart', '5m');
    chartTimeframes.set('chart-2', '1h');
    chartTimeframes.set('chart-3', '1m');
    const saved = JSON.parse(JSON.stringify(chartTimeframes.snapshot())) as unknown;
    expect(saved).toEqual({ chart: '5m', 'chart-2': '1h' });
    chartTimeframes.restore(undefined);
    expect([chartTimeframe('chart'), chartTimeframe('chart-2')]).toEqual([DEFAULT_TIMEFRAME, '1m']);
    chartTimeframes.restore(saved);
    expect([chartTimeframe('chart'), chartTimeframe('chart-2'), chartTimeframe('chart-3')]).toEqual(['5m', '1h', '1m']);
    // A closed chart is forgotten: a new chart of that id opens on 1m.
    chartTimeframes.forget('chart-2');
    expect(chartTimeframe('chart-2')).toBe('1m');
  });

  it('drop what is malformed: an unknown timeframe or panel id, a list', () => {
    expect(readChartTimeframes({ chart: '2m', 'chart-2': '15m', 'Chart 3': '5m', 'chart-4': 5, ['x'.repeat(60)]: '5m' })).toEqual({ 'chart-2': '15m' });
    expect(readChartTimeframes(['5m'])).toEqual({});
    expect(readChartTimeframes(null)).toEqual({});
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
