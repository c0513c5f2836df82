import { create } from 'zustand';
import type { Candle, Timeframe } from '../../contract/api';
import { applyCandle, instrumentKey } from './reducers';

/** One instrument's candles of one timeframe, as the charts drawing them read them. */
export interface Series {
  candles: Candle[];
  /** Bumped (from one counter for all series) whenever the candles are replaced wholesale: a chart reloads its bars. */
  candlesEpoch: number;
}

export const EMPTY_SERIES: Series = { candles: [], candlesEpoch: 0 };

export const seriesKey = (venue: string, symbol: string, timeframe: Timeframe): string => `${instrumentKey(venue, symbol)}:${timeframe}`;

/**
 * The candles of every (instrument, timeframe) a chart on screen draws, keyed "VENUE:SYMBOL:TF": two charts of
 * one instrument on 1m and 5m read two series, two charts on the same timeframe share one. Entries are opened
 * and closed with the engine's streams (state/linkedWatches.ts); candles of a series not open are dropped.
 */
export const useCandleSeries = create<{ byKey: Record<string, Series> }>()(() => ({ byKey: {} }));

let epochs = 0;

function update(key: string, change: (s: Series) => Partial<Series>, create = false): void {
  useCandleSeries.setState((s) => {
    const cur = s.byKey[key];
    // Candles in flight when a series was let go are dropped.
    if (!cur && !create) return s;
    return { byKey: { ...s.byKey, [key]: { ...(cur ?? EMPTY_SERIES), ...change(cur ?? EMPTY_SERIES) } } };
  });
}

export const candleSeries = {
  /** A new stream: empty until its snapshot (the chart says "waiting", never shows another timeframe's bars). */
  open(venue: string, symbol: string, timeframe: Timeframe): void {
    update(seriesKey(venue, symbol, timeframe), () => ({ candles: [], candlesEpoch: ++epochs }), true);
  },
  load(venue: string, symbol: string, timeframe: Timeframe, candles: readonly Candle[]): void {
    update(seriesKey(venue, symbol, timeframe), () => ({ candles: [...candles].sort((a, b) => a.time - b.time), candlesEpoch: ++epochs }));
  },
  add(venue: string, symbol: string, timeframe: Timeframe, candle: Candle): void {
    update(seriesKey(venue, symbol, timeframe), (s) => ({ candles: applyCandle(s.candles, candle) }));
  },
  close(venue: string, symbol: string, timeframe: Timeframe): void {
    const key = seriesKey(venue, symbol, timeframe);
    useCandleSeries.setState((s) => {
      if (!(key in s.byKey)) return s;
      const byKey = { ...s.byKey };
      delete byKey[key];
      return { byKey };
    });
  },
  clearAll(): void {
    useCandleSeries.setState({ byKey: {} });
  },
};
