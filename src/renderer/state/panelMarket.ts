import { useEffect, useSyncExternalStore } from 'react';
import type { BookView, Candle, Instrument, Timeframe, Trade } from '../../contract/api';
import { EMPTY_SERIES, seriesKey, useCandleSeries } from './candleSeries';
import { chartTimeframe, useChartTimeframes } from './chartTimeframes';
import { EMPTY_MARKET, useInstrumentMarkets } from './instrumentMarkets';
import { panelInstrument, useLinking } from './linking';
import { type Focus, findInstrument, useMarket } from './market';
import { instrumentKey } from './reducers';

/**
 * What a panel that shows one instrument draws from. `focus` is the panel's instrument (its link group's): its
 * book and trades are the focus store's for the market focus, else that instrument's watched market. `timeframe`
 * is the panel's own (a chart's; other panels are on the default and draw no candles) and `candles` the
 * instrument's series of that timeframe.
 */
export interface MarketView {
  instruments: Instrument[];
  focus: Focus;
  timeframe: Timeframe;
  book: BookView | null;
  candles: Candle[];
  /** Bumped whenever the candles are replaced wholesale (a new instrument, timeframe or reconnect), not per update. */
  candlesEpoch: number;
  trades: Trade[];
}

const same = (a: Focus, b: Focus) => a.venue === b.venue && a.symbol === b.symbol;

// One view object per panel, rebuilt only when something it holds changed: `(view, prev)` comparisons and
// React's external-store snapshots rely on the same inputs giving the same object.
const views = new Map<string, MarketView>();

/** The panel's market now. */
export function marketView(panel: string): MarketView {
  const m = useMarket.getState();
  const inst = panelInstrument(useLinking.getState(), m.focus, panel);
  const timeframe = chartTimeframe(panel);
  const e = same(inst, m.focus) ? m : (useInstrumentMarkets.getState().byKey[instrumentKey(inst.venue, inst.symbol)] ?? EMPTY_MARKET);
  const series = useCandleSeries.getState().byKey[seriesKey(inst.venue, inst.symbol, timeframe)] ?? EMPTY_SERIES;
  const prev = views.get(panel);
  if (
    prev &&
    same(prev.focus, inst) &&
    prev.instruments === m.instruments &&
    prev.timeframe === timeframe &&
    prev.book === e.book &&
    prev.candles === series.candles &&
    prev.candlesEpoch === series.candlesEpoch &&
    prev.trades === e.trades
  ) {
    return prev;
  }
  const view: MarketView = {
    instruments: m.instruments,
    focus: prev && same(prev.focus, inst) ? prev.focus : inst,
    timeframe,
    book: e.book,
    candles: series.candles,
    candlesEpoch: series.candlesEpoch,
    trades: e.trades,
  };
  views.set(panel, view);
  return view;
}

/** Told of any change that may change some panel's view (the caller compares what it draws). */
function subscribeAll(listener: () => void): () => void {
  const offs = [useMarket.subscribe(listener), useLinking.subscribe(listener), useInstrumentMarkets.subscribe(listener), useCandleSeries.subscribe(listener), useChartTimeframes.subscribe(listener)];
  return () => offs.forEach((off) => off());
}

/** Calls `listener(view, prev)` whenever the panel's view changes (drawing outside React: charts, canvases). */
export function subscribeMarketView(panel: string, listener: (view: MarketView, prev: MarketView) => void): () => void {
  let prev = marketView(panel);
  return subscribeAll(() => {
    const view = marketView(panel);
    if (view === prev) return;
    const was = prev;
    prev = view;
    listener(view, was);
  });
}

/** A part of the panel's market; re-renders when it changes. `pick` must return stored values (not new objects). */
export function usePanelMarket<T>(panel: string, pick: (view: MarketView) => T): T {
  return useSyncExternalStore(subscribeAll, () => pick(marketView(panel)));
}

/** The definition of the instrument the panel shows, once instruments are loaded. */
export function usePanelInstrumentDef(panel: string): Instrument | undefined {
  return usePanelMarket(panel, (v) => findInstrument(v.instruments, v.focus.venue, v.focus.symbol));
}

/** The panel's instrument now, as a definition (for actions: one-click orders, chart line moves). */
export function panelInstrumentDef(panel: string): Instrument | undefined {
  const v = marketView(panel);
  return findInstrument(v.instruments, v.focus.venue, v.focus.symbol);
}

// ---- which panels are on screen: their instruments (and the charts' timeframes) are streamed ----

/** Mounted copies of each panel on screen, and whether it draws candles (a chart). */
const shown = new Map<string, { count: number; candles: boolean }>();
const shownListeners = new Set<() => void>();

export function shownPanels(): string[] {
  return [...shown.keys()];
}

/** Whether the panel on screen draws candles (of its own timeframe): its instrument's series of that timeframe streams. */
export function drawsCandles(panel: string): boolean {
  return shown.get(panel)?.candles ?? false;
}

export function onShownPanelsChange(listener: () => void): () => void {
  shownListeners.add(listener);
  return () => shownListeners.delete(listener);
}

/**
 * Called by every panel that shows one instrument's market: while it is mounted, its instrument streams, and
 * with `candles` (a chart) its candles of the panel's timeframe too.
 */
export function useShowsMarket(panel: string, candles = false): void {
  useEffect(() => {
    const cur = shown.get(panel);
    shown.set(panel, { count: (cur?.count ?? 0) + 1, candles: (cur?.candles ?? false) || candles });
    shownListeners.forEach((l) => l());
    return () => {
      const now = shown.get(panel);
      const n = (now?.count ?? 1) - 1;
      if (n <= 0 || !now) shown.delete(panel);
      else shown.set(panel, { ...now, count: n });
      shownListeners.forEach((l) => l());
    };
  }, [panel, candles]);
}
