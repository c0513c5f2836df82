import { create } from 'zustand';
import type { BookView, MarketSnapshot, Trade } from '../../contract/api';
import { instrumentKey, pushTrades } from './reducers';

/** One watched instrument's book and trades, as the focus's are kept in state/market.ts (candles: state/candleSeries.ts). */
export interface InstrumentMarket {
  book: BookView | null;
  trades: Trade[];
}

/**
 * The markets of the instruments shown by linked panels besides the focus (a green-group chart and
 * ladder), keyed by "VENUE:SYMBOL". The focus keeps its own store (state/market.ts): a panel showing the
 * focus reads that one, so with every panel in the focus group nothing here is used.
 */
export const useInstrumentMarkets = create<{ byKey: Record<string, InstrumentMarket> }>()(() => ({ byKey: {} }));

export const EMPTY_MARKET: InstrumentMarket = { book: null, trades: [] };

function update(venue: string, symbol: string, change: (m: InstrumentMarket) => Partial<InstrumentMarket>, create = false): void {
  const key = instrumentKey(venue, symbol);
  useInstrumentMarkets.setState((s) => {
    const cur = s.byKey[key];
    // Events of an instrument no longer watched (in flight when it was let go) are dropped.
    if (!cur && !create) return s;
    return { byKey: { ...s.byKey, [key]: { ...(cur ?? EMPTY_MARKET), ...change(cur ?? EMPTY_MARKET) } } };
  });
}

export const instrumentMarkets = {
  /** Starts an entry (empty: panels say "waiting" rather than show another instrument) for a new watch. */
  open(venue: string, symbol: string): void {
    update(venue, symbol, () => ({ book: null, trades: [] }), true);
  },
  loadSnapshot(venue: string, symbol: string, snapshot: MarketSnapshot): void {
    update(venue, symbol, () => ({ book: snapshot.book ?? null, trades: pushTrades([], snapshot.trades) }));
  },
  setBook(book: BookView): void {
    update(book.venue, book.symbol, () => ({ book }));
  },
  addTrades(venue: string, symbol: string, trades: Trade[]): void {
    update(venue, symbol, (m) => ({ trades: pushTrades(m.trades, trades) }));
  },
  has(venue: string, symbol: string): boolean {
    return instrumentKey(venue, symbol) in useInstrumentMarkets.getState().byKey;
  },
  /** A watch ended: its market goes. */
  close(venue: string, symbol: string): void {
    const key = instrumentKey(venue, symbol);
    useInstrumentMarkets.setState((s) => {
      if (!(key in s.byKey)) return s;
      const byKey = { ...s.byKey };
      delete byKey[key];
      return { byKey };
    });
  },
  clearAll(): void {
    useInstrumentMarkets.setState({ byKey: {} });
  },
};
