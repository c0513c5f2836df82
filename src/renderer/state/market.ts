import { create } from 'zustand';
import type { BookView, Candle, Instrument, MarketSnapshot, PartialInstrumentList, Timeframe, Trade } from '../../contract/api';
import { applyCandle, instrumentKey, pushTrades } from './reducers';

export interface Focus {
  venue: string;
  symbol: string;
}

interface MarketState {
  instruments: Instrument[];
  /** Venues too large to list whole: `instruments` holds what matters of them, the picker searches the engine for the rest. */
  partial: PartialInstrumentList[];
  focus: Focus;
  timeframe: Timeframe;
  book: BookView | null;
  candles: Candle[];
  /** Bumped whenever candles are replaced wholesale (new focus, timeframe or reconnect), not per update. */
  candlesEpoch: number;
  trades: Trade[];
}

export const useMarket = create<MarketState>()(() => ({
  instruments: [],
  partial: [],
  focus: { venue: 'SIM', symbol: 'BTC-USDT' },
  timeframe: '1m',
  book: null,
  candles: [],
  candlesEpoch: 0,
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
  setTimeframe(timeframe: Timeframe): void {
    if (useMarket.getState().timeframe !== timeframe) useMarket.setState({ timeframe });
  },
  /** Empties the market panels while a new focus loads, so they never show the old instrument. */
  clear(): void {
    useMarket.setState((s) => ({ book: null, candles: [], trades: [], candlesEpoch: s.candlesEpoch + 1 }));
  },
  loadSnapshot(snapshot: MarketSnapshot): void {
    useMarket.setState((s) => ({
      book: snapshot.book ?? null,
      candles: [...snapshot.candles].sort((a, b) => a.time - b.time),
      trades: pushTrades([], snapshot.trades),
      candlesEpoch: s.candlesEpoch + 1,
    }));
  },
  setBook(book: BookView): void {
    useMarket.setState({ book });
  },
  addCandle(candle: Candle): void {
    useMarket.setState((s) => ({ candles: applyCandle(s.candles, candle) }));
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
