import { WebSocket, type RawData } from 'ws';
import type { Clock, ConnectionState, Logger, Symbol, TimerId, VenueEvent, VenueId } from '../../core';
import type { VenueMarketFeed } from '../../venues';
import { readCombinedFrame } from './combinedFrame';
import { DepthSnapshotClient } from './depthSnapshotClient';
import { combinedStreamUrl, DEFAULT_REST_URL, DEFAULT_STREAM_URL, depthStreamName, isDepthStream, tradeStreamName, type BinanceMarketKind } from './endpoints';
import { backoffDelayMs, DEFAULT_RECONNECT_BACKOFF, type BackoffPolicy } from './reconnectBackoff';
import { SymbolBook, type FeedSymbol } from './symbolBook';
import { tradeEvent } from './tradeEvents';

export interface BinanceMarketFeedOptions {
  venue: VenueId;
  market: BinanceMarketKind;
  symbols: readonly FeedSymbol[];
  /** The account's REST base URL; default Binance's production URL for the market. */
  restUrl?: string;
  /** The account's stream base URL; default Binance's production URL for the market. */
  streamUrl?: string;
  clock: Clock;
  /** Uniform in [0, 1): the jitter of every backoff (e.g. a seeded Rng's next). */
  random: () => number;
  logger: Logger;
  /** Between reconnect attempts; also between snapshot attempts that failed. */
  backoff?: BackoffPolicy;
  /** Levels in each REST snapshot. Default 1000, Binance's deepest at the lower request weight. */
  depthLimit?: number;
  /**
   * How often the stream is checked for life (default 30 s): a socket that brought nothing (no message,
   * no pong) since the last check is treated as dropped; otherwise it is pinged. A half-open TCP
   * connection never closes by itself, and a book frozen behind one would look live.
   */
  heartbeatMs?: number;
}

export type FeedStatus = 'stopped' | 'connecting' | 'connected' | 'waitingToReconnect' | 'banned';

/**
 * Binance's public market data for a set of symbols, as our canonical VenueEvents: one combined
 * WebSocket carries every symbol's diff depth and trades; each book is anchored on a REST depth
 * snapshot through the market's sync rule (SymbolBook) and re-anchored after a gap, a reconnect or
 * `requestBookSnapshot`. A dropped socket is reopened after an exponential, jittered backoff on the
 * injected clock, and every book is resynced on it. A 418 (IP ban) stops the feed: it says why in a
 * `connection` event and stays down until started again. Malformed messages are logged and dropped.
 *
 * Gaps are not VenueEvents: `onStale` tells the owner (who calls BookService.markStale) that a book
 * cannot be trusted until its next `bookSnapshot`.
 */
export class BinanceMarketFeed implements VenueMarketFeed {
  private readonly books = new Map<string, SymbolBook>();
  private readonly booksBySymbol = new Map<Symbol, SymbolBook>();
  private readonly eventListeners = new Set<(event: VenueEvent) => void>();
  private readonly staleListeners = new Set<(symbol: Symbol, reason: string) => void>();
  private readonly snapshots: DepthSnapshotClient;
  private readonly backoff: BackoffPolicy;
  private readonly url: string;
  private ws: WebSocket | undefined;
  private reconnectTimer: TimerId | undefined;
  private heartbeatTimer: TimerId | undefined;
  /** Anything (open, message, pong) arrived on the socket since the last heartbeat check. */
  private heard = false;
  private attempt = 0;
  private state: FeedStatus = 'stopped';

  constructor(private readonly options: BinanceMarketFeedOptions) {
    const { market, clock } = options;
    this.backoff = options.backoff ?? DEFAULT_RECONNECT_BACKOFF;
    this.snapshots = new DepthSnapshotClient(options.restUrl ?? DEFAULT_REST_URL[market], market, clock, options.depthLimit ?? 1000);
    this.url = combinedStreamUrl(options.streamUrl ?? DEFAULT_STREAM_URL[market], market, options.symbols.map((s) => s.venueSymbol));
    // A wrong URL is a configuration error: said here, not found later inside a reconnect timer.
    if (!/^wss?:\/\/[^/]/.test(this.url)) throw new RangeError(`stream URL must be ws:// or wss://, got ${options.streamUrl ?? ''}`);
    if (!/^https?:\/\/[^/]/.test(options.restUrl ?? DEFAULT_REST_URL[market])) throw new RangeError(`REST URL must be http:// or https://, got ${options.restUrl ?? ''}`);
    if (options.symbols.length === 0) throw new RangeError('a market data feed needs at least one symbol');
    for (const spec of options.symbols) {
      const book = new SymbolBook(spec, {
        venue: options.venue,
        market,
        clock,
        logger: options.logger,
        random: options.random,
        retry: this.backoff,
        fetchSnapshot: (venueSymbol) => this.snapshots.fetch(venueSymbol),
        emit: (event) => this.emit(event),
        stale: (symbol, reason) => this.emitStale(symbol, reason),
        banned: (reason) => this.halt(reason),
      });
      this.books.set(depthStreamName(spec.venueSymbol), book);
      this.books.set(tradeStreamName(market, spec.venueSymbol), book);
      this.booksBySymbol.set(spec.symbol, book);
    }
  }

  get status(): FeedStatus {
    return this.state;
  }

  onEvent(listener: (event: VenueEvent) => void): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  onStale(listener: (symbol: Symbol, reason: string) => void): () => void {
    this.staleListeners.add(listener);
    return () => this.staleListeners.delete(listener);
  }

  /** Opens the stream (and fetches every snapshot once it is open). A banned feed stays down and says so again. */
  start(): void {
    if (this.state === 'banned') return this.connection('disconnected', this.snapshots.banned);
    if (this.state !== 'stopped') return;
    this.attempt = 0;
    this.open();
  }

  /** Closes the stream and cancels every pending fetch and timer. */
  stop(): void {
    if (this.state === 'stopped') return;
    this.shutDown('stopped', 'stopped by the owner');
  }

  /**
   * The owner's book cannot be trusted (book service resync): fetch a fresh snapshot, unless one is
   * already on its way. Dropped while the stream is not open: the (re)connect fetches every snapshot.
   */
  requestBookSnapshot(symbol: Symbol): void {
    const book = this.booksBySymbol.get(symbol);
    if (!book) return this.options.logger.warn({ venue: this.options.venue, symbol }, 'snapshot requested for a symbol this feed does not carry');
    if (this.state !== 'connected') return;
    // The book service asks because its copy is stale: from here on it waits for a new snapshot.
    book.sync.invalidate();
    book.requestSnapshot('requested by the book service');
  }

  private open(): void {
    this.state = 'connecting';
    this.connection('connecting');
    let ws: WebSocket;
    try {
      ws = new WebSocket(this.url);
    } catch (e) {
      // The URL was checked in the constructor; anything else here must not escape a timer callback.
      this.options.logger.error({ venue: this.options.venue, error: (e as Error).message }, 'market data stream could not be opened');
      return this.shutDown('stopped', `stream could not be opened: ${(e as Error).message}`);
    }
    this.ws = ws;
    ws.on('open', () => {
      if (this.ws !== ws) return;
      this.state = 'connected';
      this.heard = true;
      this.heartbeatTimer = this.options.clock.setInterval(() => this.checkHeartbeat(ws), this.options.heartbeatMs ?? 30_000);
      this.connection('connected');
      for (const book of this.booksBySymbol.values()) book.requestSnapshot('stream (re)connected');
    });
    ws.on('message', (data: RawData) => {
      if (this.ws !== ws) return;
      this.heard = true;
      this.onFrame(data);
    });
    ws.on('pong', () => (this.heard = true));
    ws.on('ping', () => (this.heard = true)); // ws answers Binance's pings itself
    ws.on('close', (code: number, reason: Buffer) => this.socketDown(ws, `stream closed (code ${code}${reason.length ? `: ${reason.toString()}` : ''})`));
    ws.on('error', (e: Error) => this.socketDown(ws, `stream error: ${e.message}`));
  }

  private checkHeartbeat(ws: WebSocket): void {
    if (this.ws !== ws) return;
    if (!this.heard) return this.socketDown(ws, `stream silent for ${this.options.heartbeatMs ?? 30_000} ms (no message, no pong)`);
    // Alive for a whole check: the next drop starts the backoff over. (Not on open: a venue that
    // accepts and drops at once must see the backoff grow.)
    this.attempt = 0;
    this.heard = false;
    ws.ping();
  }

  private socketDown(ws: WebSocket, reason: string): void {
    if (this.ws !== ws) return;
    this.release(ws);
    for (const book of this.booksBySymbol.values()) book.disconnected(reason);
    this.state = 'waitingToReconnect';
    const delay = backoffDelayMs(this.attempt++, this.backoff, this.options.random);
    this.connection('disconnected', `${reason}; reconnecting in ${delay} ms`);
    this.reconnectTimer = this.options.clock.setTimeout(() => {
      this.reconnectTimer = undefined;
      this.open();
    }, delay);
  }

  /** A 418: nothing more may be sent; the feed stops and says why. */
  private halt(reason: string): void {
    if (this.state === 'stopped' || this.state === 'banned') return;
    this.options.logger.error({ venue: this.options.venue, reason }, 'market data feed stopped: IP banned by the venue');
    this.shutDown('banned', reason);
  }

  private shutDown(state: 'stopped' | 'banned', reason: string): void {
    if (this.reconnectTimer !== undefined) this.options.clock.clearTimer(this.reconnectTimer);
    this.reconnectTimer = undefined;
    if (this.ws) this.release(this.ws);
    for (const book of this.booksBySymbol.values()) book.disconnected(reason);
    this.state = state;
    this.connection('disconnected', reason);
  }

  /** Forgets a socket: its later events are ignored, and an error from it cannot crash the process. */
  private release(ws: WebSocket): void {
    this.ws = undefined;
    if (this.heartbeatTimer !== undefined) this.options.clock.clearTimer(this.heartbeatTimer);
    this.heartbeatTimer = undefined;
    ws.removeAllListeners();
    ws.on('error', () => {});
    ws.terminate();
  }

  private onFrame(data: RawData): void {
    const log = { venue: this.options.venue };
    const frame = readCombinedFrame(data.toString());
    if (!frame.ok) {
      return frame.reason === 'unparseable'
        ? this.options.logger.warn({ ...log, frame: frame.text.slice(0, 120) }, 'unparseable stream message dropped')
        : this.options.logger.warn({ ...log, frame: JSON.stringify(frame.msg)?.slice(0, 120) }, 'stream message without a stream name dropped');
    }
    const book = this.books.get(frame.stream);
    if (!book) return this.options.logger.warn({ ...log, stream: frame.stream }, 'message for a stream this feed did not subscribe dropped');
    if (isDepthStream(frame.stream)) return book.onDepth(frame.data);
    const trade = tradeEvent(frame.data, this.options.venue, book.spec.symbol, book.spec.scale);
    if (!trade.ok) return this.options.logger.warn({ ...log, stream: frame.stream, error: trade.error.message }, 'malformed trade dropped');
    this.emit(trade.value);
  }

  private connection(state: ConnectionState, reason?: string): void {
    this.emit({ type: 'connection', venue: this.options.venue, state, ...(reason === undefined ? {} : { reason }) });
  }

  private emit(event: VenueEvent): void {
    for (const listener of this.eventListeners) {
      try {
        listener(event);
      } catch (e) {
        this.options.logger.error({ venue: this.options.venue, type: event.type, error: (e as Error).message }, 'market data listener threw');
      }
    }
  }

  private emitStale(symbol: Symbol, reason: string): void {
    for (const listener of this.staleListeners) {
      try {
        listener(symbol, reason);
      } catch (e) {
        this.options.logger.error({ venue: this.options.venue, symbol, error: (e as Error).message }, 'stale listener threw');
      }
    }
  }
}
