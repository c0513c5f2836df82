/**
 * The public market data of a ccxt venue as our VenueEvents, through ccxt pro: watchOrderBook and
 * watchTrades per watched symbol. ccxt keeps each book in sync with the venue; each update is diffed
 * against what was last emitted and sent as a `bookDelta` with a contiguous seq of our own, and the
 * first update after (re)subscribing is a `bookSnapshot`. A failed watch marks the book stale (onStale)
 * until that next snapshot; the watch is asked again after a jittered backoff on the injected clock,
 * and the feed reports `connection` disconnected / connected once per outage.
 *
 * Only the symbols given to `watch` are streamed (a venue lists thousands); `unWatchOrderBook` /
 * `unWatchTrades` end a symbol's subscriptions where ccxt has them.
 */
import type { Exchange, OrderBook, Trade } from 'ccxt';
import { ListenerSet, type BackoffPolicy, type Clock, type Logger, type Symbol, type VenueEvent, type VenueId } from '../../core';
import { parsePrice, parseQty, type Instrument } from '../../instruments';
import { createCcxtExchange, decimalText, quietPendingFutures, WatchLoops, type CcxtConnectionSettings, type VenueMarketFeed } from '../../venues';
import { diffLevels, levelsOf, sortedLevels, type Levels } from './bookLevels';

export interface CcxtMarketFeedOptions {
  venue: VenueId;
  /** The account's venue settings (exchange id, testnet, URL overrides, market types); no credentials needed. */
  settings: CcxtConnectionSettings;
  instruments: readonly Instrument[];
  clock: Clock;
  /** Uniform in [0, 1): the jitter of every backoff. */
  random: () => number;
  logger: Logger;
  backoff?: BackoffPolicy;
  /** Levels per side kept and streamed (ccxt's limit). Default: ccxt's default for the venue. */
  depth?: number;
  /** Symbols streamed from start() until the first watch(); default every instrument if there are at most 10, else none. */
  initialSymbols?: readonly Symbol[];
}

interface SymbolState {
  inst: Instrument;
  seq: number;
  /** What was last emitted; undefined until the first snapshot after (re)subscribing. */
  bids: Levels | undefined;
  asks: Levels | undefined;
  lastTradeIds: Set<string>;
}

const MAX_DEFAULT_WATCHED = 10;
/** Trade ids remembered per symbol: ccxt hands over recent trades again after a resubscribe. */
const TRADE_IDS_KEPT = 1000;

export class CcxtMarketFeed implements VenueMarketFeed {
  private readonly bySymbol: ReadonlyMap<Symbol, Instrument>;
  private readonly watched = new Map<Symbol, SymbolState>();
  /** Each symbol's last seq, kept across unwatch/watch so that its seq never goes back. */
  private readonly seqs = new Map<Symbol, number>();
  private readonly eventListeners = new ListenerSet<[VenueEvent]>((e, event) =>
    this.options.logger.error({ venue: this.options.venue, event: event.type, error: e.message }, 'a market data listener threw'),
  );
  private readonly staleListeners = new ListenerSet<[Symbol, string]>((e, symbol) =>
    this.options.logger.error({ venue: this.options.venue, symbol, error: e.message }, 'a stale listener threw'),
  );
  private exchange: Exchange | undefined;
  private loops: WatchLoops | undefined;
  private wanted: readonly Symbol[];

  constructor(private readonly options: CcxtMarketFeedOptions) {
    this.bySymbol = new Map(options.instruments.map((i) => [i.symbol, i]));
    this.wanted = options.initialSymbols ?? (options.instruments.length <= MAX_DEFAULT_WATCHED ? options.instruments.map((i) => i.symbol) : []);
  }

  start(): void {
    if (this.exchange) return;
    const { venue, clock, random, logger } = this.options;
    let ex: Exchange;
    try {
      ex = createCcxtExchange(this.options.settings);
    } catch (e) {
      this.emit({ type: 'connection', venue, state: 'disconnected', reason: (e as Error).message });
      return;
    }
    this.exchange = ex;
    this.loops = new WatchLoops({
      exchange: ex,
      clock,
      random,
      logger,
      backoff: this.options.backoff,
      venue,
      down: (reason) => this.emit({ type: 'connection', venue, state: 'disconnected', reason }),
      up: () => this.emit({ type: 'connection', venue, state: 'connected' }),
    });
    // ccxt pro needs an http agent to dial plain ws:// URLs (a loopback or a local proxy).
    const ready = this.options.settings.streamUrl?.startsWith('ws://') ? ex.loadHttpProxyAgent() : Promise.resolve();
    void ready.then(() => this.apply(this.wanted));
  }

  stop(): void {
    const ex = this.exchange;
    this.exchange = undefined;
    this.loops?.stopAll();
    this.loops = undefined;
    this.watched.clear();
    if (!ex) return;
    quietPendingFutures(ex);
    ex.close().catch((e: unknown) => this.options.logger.warn({ venue: this.options.venue, reason: (e as Error).message }, 'closing the ccxt market data client failed'));
  }

  watch(symbols: readonly Symbol[]): void {
    this.wanted = [...symbols];
    if (this.exchange) this.apply(this.wanted);
  }

  requestBookSnapshot(symbol: Symbol): void {
    const s = this.watched.get(symbol);
    // Not synced yet (or not watched): the next update is a snapshot anyway.
    if (!s || !s.bids || !s.asks) return;
    this.emitSnapshot(symbol, s, s.bids, s.asks);
  }

  onEvent(listener: (event: VenueEvent) => void): () => void {
    return this.eventListeners.add(listener);
  }

  onStale(listener: (symbol: Symbol, reason: string) => void): () => void {
    return this.staleListeners.add(listener);
  }

  // ---- subscriptions ----

  private apply(symbols: readonly Symbol[]): void {
    const ex = this.exchange;
    const loops = this.loops;
    if (!ex || !loops) return;
    const next = new Set<Symbol>();
    for (const symbol of symbols) {
      if (this.bySymbol.has(symbol)) next.add(symbol);
      else this.options.logger.warn({ venue: this.options.venue, symbol }, 'asked to stream a symbol this venue does not list here: ignored');
    }
    for (const symbol of [...this.watched.keys()]) if (!next.has(symbol)) this.unwatch(ex, loops, symbol);
    for (const symbol of next) if (!this.watched.has(symbol)) this.subscribe(ex, loops, symbol);
  }

  private subscribe(ex: Exchange, loops: WatchLoops, symbol: Symbol): void {
    const inst = this.bySymbol.get(symbol)!;
    const state: SymbolState = { inst, seq: this.seqs.get(symbol) ?? 0, bids: undefined, asks: undefined, lastTradeIds: new Set() };
    this.watched.set(symbol, state);
    loops.start<OrderBook>({
      name: `watchOrderBook ${inst.venueSymbol}`,
      watch: () => ex.watchOrderBook(inst.venueSymbol, this.options.depth),
      handle: (book) => this.onBook(symbol, state, book),
      failed: (reason) => this.resync(symbol, state, reason),
    });
    if (ex.has['watchTrades'] === true) {
      loops.start<Trade[]>({ name: `watchTrades ${inst.venueSymbol}`, watch: () => ex.watchTrades(inst.venueSymbol), handle: (trades) => this.onTrades(symbol, state, trades) });
    }
  }

  private unwatch(ex: Exchange, loops: WatchLoops, symbol: Symbol): void {
    const state = this.watched.get(symbol)!;
    this.watched.delete(symbol);
    const venueSymbol = state.inst.venueSymbol;
    loops.stopLoop(`watchOrderBook ${venueSymbol}`);
    loops.stopLoop(`watchTrades ${venueSymbol}`);
    const quietly = (what: string, p: Promise<unknown>) =>
      p.catch((e: unknown) => this.options.logger.warn({ venue: this.options.venue, symbol, reason: (e as Error).message }, `${what} failed: the venue keeps sending, and it is ignored`));
    if (ex.has['unWatchOrderBook'] === true) void quietly('unWatchOrderBook', ex.unWatchOrderBook(venueSymbol));
    if (ex.has['unWatchTrades'] === true) void quietly('unWatchTrades', ex.unWatchTrades(venueSymbol));
  }

  // ---- updates ----

  private onBook(symbol: Symbol, state: SymbolState, book: OrderBook): void {
    if (this.watched.get(symbol) !== state) return;
    const { inst } = state;
    const bids = levelsOf(inst, 'buy', book.bids as unknown as number[][]);
    const asks = levelsOf(inst, 'sell', book.asks as unknown as number[][]);
    if (!bids.ok || !asks.ok) {
      const reason = (!bids.ok ? bids.reason : '') || (!asks.ok ? asks.reason : '');
      this.options.logger.error({ venue: this.options.venue, symbol, reason }, 'a book update could not be read: dropped, the book is stale until the next snapshot');
      return this.resync(symbol, state, reason);
    }
    if (!state.bids || !state.asks) return this.emitSnapshot(symbol, state, bids.levels, asks.levels);
    const changes = [...diffLevels('buy', state.bids, bids.levels), ...diffLevels('sell', state.asks, asks.levels)];
    state.bids = bids.levels;
    state.asks = asks.levels;
    if (changes.length === 0) return;
    state.seq += 1;
    this.seqs.set(symbol, state.seq);
    this.emit({ type: 'bookDelta', venue: this.options.venue, symbol, seq: state.seq, changes });
  }

  private onTrades(symbol: Symbol, state: SymbolState, trades: Trade[]): void {
    if (this.watched.get(symbol) !== state) return;
    const { inst } = state;
    for (const t of trades) {
      const id = t.id === undefined ? undefined : String(t.id);
      if (id === undefined || state.lastTradeIds.has(id)) continue;
      state.lastTradeIds.add(id);
      if (state.lastTradeIds.size > TRADE_IDS_KEPT) state.lastTradeIds.delete(state.lastTradeIds.values().next().value!);
      const p = t.price === undefined ? undefined : decimalText(t.price);
      const q = t.amount === undefined ? undefined : decimalText(t.amount);
      const price = p === undefined ? undefined : parsePrice(inst, p);
      const qty = q === undefined ? undefined : parseQty(inst, q);
      if (!price?.ok || !qty?.ok) {
        this.options.logger.warn({ venue: this.options.venue, symbol, tradeId: id, price: t.price, amount: t.amount }, 'a trade that does not fit the tick and lot: dropped');
        continue;
      }
      this.emit({ type: 'trade', venue: this.options.venue, symbol, ts: t.timestamp ?? this.options.clock.now(), price: price.value, qty: qty.value, aggressor: t.side === 'sell' ? 'sell' : 'buy', tradeId: id });
    }
  }

  private emitSnapshot(symbol: Symbol, state: SymbolState, bids: Levels, asks: Levels): void {
    state.bids = bids;
    state.asks = asks;
    state.seq += 1;
    this.seqs.set(symbol, state.seq);
    this.emit({ type: 'bookSnapshot', venue: this.options.venue, symbol, seq: state.seq, bids: sortedLevels('buy', bids), asks: sortedLevels('sell', asks) });
  }

  /** The book cannot be trusted until the next update, which is then sent as a snapshot. */
  private resync(symbol: Symbol, state: SymbolState, reason: string): void {
    if (this.watched.get(symbol) !== state) return;
    const wasSynced = state.bids !== undefined;
    state.bids = undefined;
    state.asks = undefined;
    if (!wasSynced) return;
    this.staleListeners.emit(symbol, reason);
  }

  private emit(event: VenueEvent): void {
    this.eventListeners.emit(event);
  }
}
