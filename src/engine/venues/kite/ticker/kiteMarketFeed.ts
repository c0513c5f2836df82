import { ListenerSet, type BackoffPolicy, type Clock, type ConnectionState, type Logger, type Lots, type Symbol, type Ticks, type VenueEvent, type VenueId } from '../../../core';
import type { VenueMarketFeed } from '../../types';
import { KiteFrameDecoder } from './frameDecoder';
import type { KiteInstrumentMap } from './instrumentMap';
import { KiteBooks } from './kiteBooks';
import { readTextMessage, type KiteOrderUpdate } from './textMessages';
import { KiteTickerSocket, type KiteCredentials, type KiteTickerState } from './tickerSocket';

export interface KiteMarketFeedOptions {
  venue: VenueId;
  instruments: KiteInstrumentMap;
  /** Read at every (re)connect: the account's api key and today's access token; undefined when not logged in. */
  credentials(): KiteCredentials | undefined;
  /** The account's stream URL (`--stream-url`); default wss://ws.kite.trade. */
  streamUrl?: string;
  /** The symbols to stream from the start (then `watch` changes the set). Default none. */
  watch?: readonly Symbol[];
  clock: Clock;
  random: () => number;
  logger: Logger;
  backoff?: BackoffPolicy;
  /** No frame for this long (Kite's heartbeat is every second) drops the socket; default 5 s. */
  silenceMs?: number;
}

/**
 * Kite's market data for the watched instruments as our canonical VenueEvents, from one KiteTicker
 * socket in `full` mode: each instrument's five-level depth as `bookSnapshot` then `bookDelta`s, trades
 * from the rise of the traded volume, `connection` events, and `onStale` for every book while the
 * socket is down (until its next full tick). The same socket carries the account's order updates
 * (`onOrderUpdate`, for the adapter) and Kite's error notices (logged). An expired access token stops
 * the feed with "Kite session expired: log in again" (`onSessionExpired`, for the account layer);
 * `start` after a new login resumes it. Malformed frames and messages are logged and dropped.
 *
 * Unlike Binance's feed it stays connected with nothing watched: the account's order updates come on
 * this socket too.
 */
export class KiteMarketFeed implements VenueMarketFeed {
  private readonly decoder = new KiteFrameDecoder();
  private readonly books: KiteBooks;
  private readonly socket: KiteTickerSocket;
  private readonly eventListeners: ListenerSet<[VenueEvent]>;
  private readonly staleListeners: ListenerSet<[Symbol, string]>;
  private readonly orderListeners: ListenerSet<[KiteOrderUpdate]>;
  private readonly expiredListeners: ListenerSet<[string]>;
  private running = false;

  constructor(private readonly options: KiteMarketFeedOptions) {
    const { venue, logger } = options;
    const listenerThrew = (what: string) => (e: Error) => logger.error({ venue, error: e.message }, `${what} listener threw`);
    this.eventListeners = new ListenerSet<[VenueEvent]>(listenerThrew('market data'));
    this.staleListeners = new ListenerSet<[Symbol, string]>(listenerThrew('stale'));
    this.orderListeners = new ListenerSet<[KiteOrderUpdate]>(listenerThrew('order update'));
    this.expiredListeners = new ListenerSet<[string]>(listenerThrew('session expired'));
    this.books = new KiteBooks({
      venue,
      clock: options.clock,
      logger,
      instruments: options.instruments,
      emit: (event) => this.eventListeners.emit(event),
      stale: (symbol, reason) => this.staleListeners.emit(symbol, reason),
    });
    this.socket = new KiteTickerSocket(
      { venue, streamUrl: options.streamUrl, credentials: options.credentials, clock: options.clock, random: options.random, logger, backoff: options.backoff, silenceMs: options.silenceMs },
      {
        opened: () => this.connection('connected'),
        binary: (bytes) => this.onBinary(bytes),
        text: (text) => this.onText(text),
        down: (reason, delay) => {
          this.books.down(reason);
          this.connection('disconnected', `${reason}; reconnecting in ${delay} ms`);
        },
        expired: (reason) => {
          this.running = false;
          this.books.down(reason);
          this.connection('disconnected', reason);
          this.expiredListeners.emit(reason);
        },
      },
    );
    this.books.watch(options.watch ?? []);
    this.socket.want(this.books.tokens());
  }

  /** The socket's state: 'expired' until a new login and `start`. */
  get status(): KiteTickerState {
    return this.socket.state;
  }

  get watched(): Symbol[] {
    return this.books.symbols;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.connection('connecting');
    this.socket.start();
  }

  stop(): void {
    if (!this.running) return;
    this.running = false;
    this.socket.stop();
    this.books.down('stopped by the owner');
    this.connection('disconnected', 'stopped by the owner');
  }

  watch(symbols: readonly Symbol[]): void {
    this.books.watch(symbols);
    this.socket.want(this.books.tokens());
  }

  requestBookSnapshot(symbol: Symbol): void {
    this.books.resendSnapshot(symbol);
  }

  /**
   * A watched instrument's last price in ticks as the last tick on the open socket stated it: for an
   * index (no book, no trades) its level. Undefined before a tick, when unwatched or while the socket is down.
   */
  lastPrice(symbol: Symbol): Ticks | undefined {
    return this.books.lastPrice(symbol);
  }

  /** A watched derivative's open interest in lots (Kite states units: divided by the lot size), as for `lastPrice`. */
  openInterest(symbol: Symbol): Lots | undefined {
    return this.books.openInterest(symbol);
  }

  onEvent(listener: (event: VenueEvent) => void): () => void {
    return this.eventListeners.add(listener);
  }

  onStale(listener: (symbol: Symbol, reason: string) => void): () => void {
    return this.staleListeners.add(listener);
  }

  /** The account's order updates pushed on the ticker socket (validated postback payloads), for the adapter. */
  onOrderUpdate(listener: (update: KiteOrderUpdate) => void): () => void {
    return this.orderListeners.add(listener);
  }

  /** Kite refused the access token: the account layer asks the trader to log in, then calls `start`. */
  onSessionExpired(listener: (reason: string) => void): () => void {
    return this.expiredListeners.add(listener);
  }

  private onBinary(bytes: Buffer): void {
    try {
      this.decoder.decode(bytes, this.books);
    } catch (e) {
      // The decoder never throws on bad input; this is a bug of ours, and must not take the socket down.
      this.options.logger.error({ venue: this.options.venue, error: (e as Error).message }, 'KiteTicker frame handling failed: frame dropped');
    }
  }

  private onText(text: string): void {
    const log = { venue: this.options.venue };
    const msg = readTextMessage(text);
    switch (msg.kind) {
      case 'order':
        return this.orderListeners.emit(msg.update);
      case 'error':
        return this.options.logger.warn({ ...log, error: msg.message }, 'Kite ticker error message');
      case 'message':
        return this.options.logger.info({ ...log, message: msg.message }, 'Kite ticker notice');
      case 'malformed':
        return this.options.logger.warn({ ...log, reason: msg.reason, frame: text.slice(0, 120) }, 'malformed KiteTicker text message dropped');
    }
  }

  private connection(state: ConnectionState, reason?: string): void {
    this.eventListeners.emit({ type: 'connection', venue: this.options.venue, state, ...(reason === undefined ? {} : { reason }) });
  }
}
