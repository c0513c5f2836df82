import { create } from 'zustand';
import type { BookView, Instrument, MarketSnapshot, PartialInstrumentList, Timeframe, Trade } from '../../contract/api';
import { instrumentKey, pushTrades } from './reducers';

export interface Focus {
  venue: string;
  symbol: string;
}

/**
 * The timeframe `market.focus` asks for. Charts keep their own timeframes (state/chartTimeframes.ts) and stream
 * their candles through watches (state/linkedWatches.ts), so the focus's own candles are not drawn: changing a
 * chart's timeframe never reloads the focus's book and trades.
 */
export const FOCUS_TIMEFRAME: Timeframe = '1m';

interface MarketState {
  instruments: Instrument[];
  /** Venues too large to list whole: `instruments` holds what matters of them, the picker searches the engine for the rest. */
  partial: PartialInstrumentList[];
  focus: Focus;
  /** The focused instrument's book and trades (the candles are per chart: state/candleSeries.ts). */
  book: BookView | null;
  trades: Trade[];
}

export const useMarket = create<MarketState>()(() => ({
  instruments: [],
  partial: [],
  focus: { venue: 'SIM', symbol: 'BTC-USDT' },
  book: null,
  trades: [],
}));

export const market = {
  setInstruments(instruments: Instrument[]): void {
    useMarket.setState({ instruments });
  },
  setPartial(partial: PartialInstrumentList[]): void {
    useMarket.setState({ partial });
  },
  /** An instrument the engine's search found (a large venue's): held until the engine's list carries it. */
  addInstrument(inst: Instrument): void {
    const { instruments } = useMarket.getState();
    if (!findInstrument(instruments, inst.venue, inst.symbol)) useMarket.setState({ instruments: [...instruments, inst] });
  },
  setFocus(focus: Focus): void {
    const cur = useMarket.getState().focus;
    if (cur.venue !== focus.venue || cur.symbol !== focus.symbol) useMarket.setState({ focus });
  },
  /** Empties the market panels while a new focus loads, so they never show the old instrument. */
  clear(): void {
    useMarket.setState({ book: null, trades: [] });
  },
  loadSnapshot(snapshot: MarketSnapshot): void {
    useMarket.setState({ book: snapshot.book ?? null, trades: pushTrades([], snapshot.trades) });
  },
  setBook(book: BookView): void {
    useMarket.setState({ book });
  },
  addTrades(trades: Trade[]): void {
    useMarket.setState((s) => ({ trades: pushTrades(s.trades, trades) }));
  },
};

export function findInstrument(instruments: readonly Instrument[], venue: string, symbol: string): Instrument | undefined {
  return instruments.find((i) => i.venue === venue && i.symbol === symbol);
}

/** The focused instrument's definition, once instruments are loaded. */
export function useFocusedInstrument(): Instrument | undefined {
  return useMarket((s) => findInstrument(s.instruments, s.focus.venue, s.focus.symbol));
}

/** Instruments by "VENUE:SYMBOL", for formatting rows of any instrument. */
export function useInstrumentIndex(): Map<string, Instrument> {
  const instruments = useMarket((s) => s.instruments);
  return indexCache(instruments);
}

let lastList: Instrument[] | null = null;
let lastIndex = new Map<string, Instrument>();
function indexCache(list: Instrument[]): Map<string, Instrument> {
  if (list !== lastList) {
    lastList = list;
    lastIndex = new Map(list.map((i) => [instrumentKey(i.venue, i.symbol), i]));
  }
  return lastIndex;
}
