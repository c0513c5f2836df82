import { useEffect, useSyncExternalStore } from 'react';
import type { BookView, Candle, Instrument, Timeframe, Trade } from '../../contract/api';
import { EMPTY_MARKET, useInstrumentMarkets } from './instrumentMarkets';
import { panelInstrument, useLinking } from './linking';
import { type Focus, findInstrument, useMarket } from './market';
import { instrumentKey } from './reducers';

/**
 * What a panel that shows one instrument draws from: the fields of the market store, for the panel's
 * instrument (its link group's). `focus` is the panel's instrument. For a panel showing the market focus
 * this IS the focus store's state; for another instrument, that instrument's watched market.
 */
export interface MarketView {
  instruments: Instrument[];
  focus: Focus;
  timeframe: Timeframe;
  book: BookView | null;
  candles: Candle[];
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
  if (same(inst, m.focus)) return m;
  const e = useInstrumentMarkets.getState().byKey[instrumentKey(inst.venue, inst.symbol)] ?? EMPTY_MARKET;
  const prev = views.get(panel);
  if (
    prev &&
    same(prev.focus, inst) &&
    prev.instruments === m.instruments &&
    prev.timeframe === m.timeframe &&
    prev.book === e.book &&
    prev.candles === e.candles &&
    prev.candlesEpoch === e.candlesEpoch &&
    prev.trades === e.trades
  ) {
    return prev;
  }
  const view: MarketView = { instruments: m.instruments, focus: prev && same(prev.focus, inst) ? prev.focus : inst, timeframe: m.timeframe, ...e };
  views.set(panel, view);
  return view;
}

/** Told of any change that may change some panel's view (the caller compares what it draws). */
function subscribeAll(listener: () => void): () => void {
  const offs = [useMarket.subscribe(listener), useLinking.subscribe(listener), useInstrumentMarkets.subscribe(listener)];
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

// ---- which panels are on screen: their instruments (other than the focus) are watched ----

const shown = new Map<string, number>();
const shownListeners = new Set<() => void>();

export function shownPanels(): string[] {
  return [...shown.keys()];
}

export function onShownPanelsChange(listener: () => void): () => void {
  shownListeners.add(listener);
  return () => shownListeners.delete(listener);
}

/** Called by every panel that shows one instrument's market: while it is mounted, its instrument streams. */
export function useShowsMarket(panel: string): void {
  useEffect(() => {
    shown.set(panel, (shown.get(panel) ?? 0) + 1);
    shownListeners.forEach((l) => l());
    return () => {
      const n = (shown.get(panel) ?? 1) - 1;
      if (n <= 0) shown.delete(panel);
      else shown.set(panel, n);
      shownListeners.forEach((l) => l());
    };
  }, [panel]);
}
