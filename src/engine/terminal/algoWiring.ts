import type { Clock, Logger } from '../core';
import { AlgoEngine, type AlgoQuote, type BookSource, type ParentView, type RouteMarket } from '../algos';
import { bookKey, type BookService } from '../book';
import type { OrderManager } from '../oms';
import type { CircuitBreakers, KillSwitch } from '../risk';
import type { FsyncPolicy } from '../storage';

export interface AlgoWiring {
  clock: Clock;
  oms: OrderManager;
  books: BookService;
  killSwitch: KillSwitch;
  dataDir: string;
  fsync: FsyncPolicy | undefined;
  logger: Logger;
  /** Recorded prints of an instrument for a VWAP on recorded volume (the archived one-minute candles). */
  recordedVolume(venue: string, symbol: string): Iterable<{ ts: number; qty: number }>;
  emit(view: ParentView): void;
  /** The venues' depth, feed times, fees and latency for smart routing (algoViews.ts routeMarket). */
  market: RouteMarket;
  /** Risk's circuit breakers: smart routing leaves a halted venue out up front (not planned, then refused). */
  breakers: CircuitBreakers | undefined;
}

/**
 * The terminal's AlgoEngine: books read from the book worker's shared memory (a book that is not LIVE
 * is stale, and pauses the algos on it), parents journaled next to the order journal. Built right
 * after the OMS, so that its kill-switch listener comes before the cancel-all bound at boot.
 */
export function createAlgoEngine(w: AlgoWiring): AlgoEngine {
  const books: BookSource = {
    quote: (venue, symbol): AlgoQuote | undefined => {
      const top = w.books.reader.readTop(bookKey(venue, symbol), 1);
      if (!top) return undefined;
      const bid = top.bids[0];
      const ask = top.asks[0];
      return { bid: bid?.[0] ?? NaN, bidQty: bid?.[1] ?? 0, ask: ask?.[0] ?? NaN, askQty: ask?.[1] ?? 0, stale: top.stale };
    },
  };
  const engine = new AlgoEngine({
    clock: w.clock,
    oms: w.oms,
    books,
    killSwitch: w.killSwitch,
    dataDir: w.dataDir,
    logger: w.logger,
    recordedVolume: (venue, symbol) => w.recordedVolume(venue, symbol),
    market: w.market,
    ...(w.breakers ? { breakers: w.breakers } : {}),
    ...(w.fsync ? { fsync: w.fsync } : {}),
  });
  engine.events.on('algo', (view) => w.emit(view));
  return engine;
}
