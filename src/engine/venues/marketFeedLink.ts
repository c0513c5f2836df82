import type { Symbol, VenueEvent } from '../core';
import type { Instrument } from '../instruments';
import type { VenueMarketFeed } from './types';

type StaleListener = (symbol: Symbol, reason: string) => void;

/**
 * A venue adapter's hold on its public market feed (the feed itself lives in marketdata, above venues,
 * so the wiring layer hands the adapter a factory). It remembers what the terminal wants streamed
 * (watchMarket may come before the feed exists), passes the feed's events on as the adapter's, and
 * says a book is stale when its data stops: unwatched, the socket down, or the feed stopped.
 *
 * The feed's own `connection` events are not passed on: they would read as the account's. Its outages
 * reach the trader as stale books with their reason, while orders and fills still flow on the account's
 * own connection.
 */
export class MarketFeedLink {
  private feed: VenueMarketFeed | undefined;
  private detach: (() => void)[] = [];
  private watched: Symbol[] = [];
  private readonly staleListeners = new Set<StaleListener>();

  constructor(private readonly emit: (event: VenueEvent) => void) {}

  /** Builds and starts the feed for the account's instruments, streaming what is watched; none without a factory. */
  start(build: ((instruments: readonly Instrument[]) => VenueMarketFeed) | undefined, instruments: readonly Instrument[]): void {
    this.stop();
    if (!build || instruments.length === 0) return;
    const feed = build(instruments);
    this.feed = feed;
    this.detach = [
      feed.onEvent((e) => {
        if (e.type !== 'connection') this.emit(e);
      }),
      feed.onStale((symbol, reason) => this.stale(symbol, reason)),
    ];
    feed.watch(this.watched);
    feed.start();
  }

  /** The whole set of symbols to stream now. */
  watch(symbols: readonly Symbol[]): void {
    this.watched = [...new Set(symbols)].sort();
    this.feed?.watch(this.watched);
  }

  requestBookSnapshot(symbol: Symbol): void {
    this.feed?.requestBookSnapshot(symbol);
  }

  /** Stops the feed; the books it was streaming are stale until a feed snapshots them again. */
  stop(reason = 'market data stopped: the account is not connected'): void {
    const feed = this.feed;
    if (!feed) return;
    this.feed = undefined;
    for (const off of this.detach.splice(0)) off();
    feed.stop();
    for (const symbol of this.watched) this.stale(symbol, reason);
  }

  onStale(listener: StaleListener): () => void {
    this.staleListeners.add(listener);
    return () => this.staleListeners.delete(listener);
  }

  private stale(symbol: Symbol, reason: string): void {
    for (const l of this.staleListeners) l(symbol, reason);
  }
}
