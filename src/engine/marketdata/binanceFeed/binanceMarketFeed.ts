import type { RawData } from 'ws';
import { DEFAULT_RECONNECT_BACKOFF, ListenerSet, type BackoffPolicy, type Clock, type ConnectionState, type Logger, type Symbol, type VenueEvent, type VenueId } from '../../core';
import type { VenueMarketFeed } from '../../venues';
import { StreamSocket, WatchedBooks, type StreamRoute } from '../streamFeed';
import { isRecord } from '../sync/wireFields';
import { readCombinedFrame } from './combinedFrame';
import { DepthFrameScanner, sameAscii } from './depthFrameScanner';
import { DepthSnapshotClient } from './depthSnapshotClient';
import { combinedStreamUrl, DEFAULT_REST_URL, DEFAULT_STREAM_URL, depthStreamName, symbolStreams, type BinanceMarketKind, type StreamKind } from './endpoints';
import { markPriceEvent } from './markPriceEvents';
import { MAX_STREAMS_PER_CONNECTION, StreamSubscriptions } from './streamSubscriptions';
import { SymbolBook, type FeedSymbol } from './symbolBook';
import { tradeEvent } from './tradeEvents';

export interface BinanceMarketFeedOptions {
  venue: VenueId;
  market: BinanceMarketKind;
  /**
   * Every symbol the feed may be asked to stream (the account's instruments; may be thousands, or none),
   * with the scale its events are expressed in.
   */
  symbols: readonly FeedSymbol[];
  /**
   * The symbols to stream from the start (then `watch` changes the set). Default: every one of
   * `symbols`, which suits a short list; pass [] when `symbols` is a venue's whole list.
   */
  watch?: readonly Symbol[];
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

/** `idle`: started, but nothing is watched, so no connection is open. */
export type FeedStatus = 'stopped' | 'idle' | 'connecting' | 'connected' | 'waitingToReconnect' | 'banned';

type Route = StreamRoute<SymbolBook, StreamKind>;

/**
 * Binance's public market data for the symbols watched now, as our canonical VenueEvents: one combined
 * WebSocket carries every watched symbol's diff depth and trades (and, on USD-M, its mark price and
 * funding); the set changes at run time with SUBSCRIBE/UNSUBSCRIBE on the open connection
 * (StreamSubscriptions: batched, within Binance's message rate and its 1024 streams per connection).
 * Each book is anchored on a REST depth snapshot through the market's sync rule (SymbolBook), fetched
 * once the venue has confirmed the book's subscription, and re-anchored after a gap, a reconnect or
 * `requestBookSnapshot`. A dropped socket is reopened after an exponential, jittered backoff on the
 * injected clock and the current set subscribed again. A 418 (IP ban) stops the feed: it says why in a
 * `connection` event and stays down until started again. Malformed messages are logged and dropped.
 *
 * Depth frames are read by DepthFrameScanner (one pass, levels straight to ticks and lots); any frame
 * it does not take goes through JSON.parse and the same normaliser, so both paths give the same events.
 *
 * Gaps are not VenueEvents: `onStale` tells the owner (who calls BookService.markStale) that a book
 * cannot be trusted until its next `bookSnapshot`. A book that stops being watched is reported stale
 * too (it gets no more updates); watched again, it is anchored on a new snapshot and its seq goes on.
 */
export class BinanceMarketFeed implements VenueMarketFeed {
  /**
   * The watched symbols' books and the streams routed to them; books of symbols watched before and not
   * now are kept idle (no stream, no fetch, no timer) so that their seq goes on when watched again.
   */
  private readonly books: WatchedBooks<FeedSymbol, SymbolBook, StreamKind>;
  private readonly eventListeners = new ListenerSet<[VenueEvent]>((e, event) =>
    this.options.logger.error({ venue: this.options.venue, type: event.type, error: e.message }, 'market data listener threw'),
  );
  private readonly staleListeners = new ListenerSet<[Symbol, string]>((e, symbol) =>
    this.options.logger.error({ venue: this.options.venue, symbol, error: e.message }, 'stale listener threw'),
  );
  private readonly snapshots: DepthSnapshotClient;
  private readonly subscriptions: StreamSubscriptions;
  private readonly scanner: DepthFrameScanner;
  private readonly backoff: BackoffPolicy;
  private readonly socket: StreamSocket;
  private state: FeedStatus = 'stopped';
  /** The depth route of the last scanned frame: most frames are for the same few books. */
  private lastDepth: Route | undefined;

  constructor(private readonly options: BinanceMarketFeedOptions) {
    const { market, clock } = options;
    this.backoff = options.backoff ?? DEFAULT_RECONNECT_BACKOFF;
    this.snapshots = new DepthSnapshotClient(options.restUrl ?? DEFAULT_REST_URL[market], market, clock, options.depthLimit ?? 1000);
    const url = combinedStreamUrl(options.streamUrl ?? DEFAULT_STREAM_URL[market]);
    // A wrong URL is a configuration error: said here, not found later inside a reconnect timer.
    if (!/^wss?:\/\/[^/]/.test(url)) throw new RangeError(`stream URL must be ws:// or wss://, got ${options.streamUrl ?? ''}`);
    if (!/^https?:\/\/[^/]/.test(options.restUrl ?? DEFAULT_REST_URL[market])) throw new RangeError(`REST URL must be http:// or https://, got ${options.restUrl ?? ''}`);
    this.scanner = new DepthFrameScanner(market);
    this.subscriptions = new StreamSubscriptions({
      venue: options.venue,
      clock,
      logger: options.logger,
      subscribed: (streams) => this.subscribed(streams),
      refused: (streams, reason) => this.refused(streams, reason),
      unanswered: (reason) => this.socket.drop(reason),
    });
    const heartbeatMs = options.heartbeatMs ?? 30_000;
    this.socket = new StreamSocket({
      venue: options.venue,
      url,
      clock,
      random: options.random,
      logger: options.logger,
      backoff: this.backoff,
      heartbeat: { intervalMs: heartbeatMs, proof: 'any', ping: (ws) => ws.ping(), silent: `stream silent for ${heartbeatMs} ms (no message, no pong)` },
      opened: (send) => {
        this.state = 'connected';
        this.connection('connected');
        this.books.connected(); // nothing of the old connection arrives on this one
        this.subscriptions.attach(send);
        this.subscriptions.want(this.books.streamNames());
      },
      message: (data) => this.onFrame(data),
      released: () => this.subscriptions.detach(),
      down: (reason, delay) => {
        for (const book of this.books.values()) book.disconnected(reason);
        this.state = 'waitingToReconnect';
        this.connection('disconnected', `${reason}; reconnecting in ${delay} ms`);
      },
      reopen: () => {
        if (this.books.size === 0) this.state = 'idle'; // nothing watched any more: no connection needed
        else this.open();
      },
      openFailed: (reason) => this.shutDown('stopped', reason),
    });
    this.books = new WatchedBooks({
      venue: options.venue,
      logger: options.logger,
      symbols: options.symbols,
      create: (spec) => this.newBook(spec),
      streams: (book) => symbolStreams(market, book.spec.venueSymbol),
      maxSymbols: Math.floor(MAX_STREAMS_PER_CONNECTION / symbolStreams(market, 'X').length),
      limit: `${MAX_STREAMS_PER_CONNECTION} streams`,
      // Watched again before its UNSUBSCRIBE went out: the stream never stopped, so no confirmation
      // will come to anchor the new book; it is anchored now.
      added: (book) => {
        if (this.state === 'connected' && this.subscriptions.isConfirmed(depthStreamName(book.spec.venueSymbol))) book.requestSnapshot('watched again');
      },
      removed: (book, reason) => {
        // Both routing caches: the scanner's (the stream of the frames it last read) and depthRoute's.
        this.scanner.forget();
        this.lastDepth = undefined;
        // No more updates will come: a book still shown somewhere must not look live.
        book.disconnected(reason);
      },
    });
    this.books.set(options.watch ?? options.symbols.map((s) => s.symbol));
  }

  get status(): FeedStatus {
    return this.state;
  }

  /** The symbols streamed now. */
  get watched(): Symbol[] {
    return this.books.symbols;
  }

  onEvent(listener: (event: VenueEvent) => void): () => void {
    return this.eventListeners.add(listener);
  }

  onStale(listener: (symbol: Symbol, reason: string) => void): () => void {
    return this.staleListeners.add(listener);
  }

  /**
   * Opens the stream if anything is watched (each book fetches its snapshot once its subscription is
   * confirmed); with nothing watched no connection is opened until `watch` asks for a symbol. A banned
   * feed stays down and says so again.
   */
  start(): void {
    if (this.state === 'banned') return this.connection('disconnected', this.snapshots.banned);
    if (this.state !== 'stopped') return;
    this.socket.resetBackoff();
    if (this.books.size === 0) this.state = 'idle';
    else this.open();
  }

  /** Closes the stream and cancels every pending fetch and timer. */
  stop(): void {
    if (this.state === 'stopped') return;
    if (this.state === 'idle') return void (this.state = 'stopped');
    this.shutDown('stopped', 'stopped by the owner');
  }

  /**
   * The whole set of symbols to stream now: newly watched ones are subscribed (and anchored on a
   * snapshot once the venue confirms), the others unsubscribed and their books dropped. Symbols the
   * feed does not carry are logged and ignored; past Binance's 1024 streams per connection the rest
   * are refused with an error in the log.
   */
  watch(symbols: readonly Symbol[]): void {
    this.books.set(symbols);
    if (this.state === 'connected') this.subscriptions.want(this.books.streamNames());
    else if (this.state === 'idle' && this.books.size > 0) this.open();
  }

  /**
   * The owner's book cannot be trusted (book service resync): fetch a fresh snapshot, unless one is
   * already on its way. Dropped while the stream is not open or the symbol's subscription is not yet
   * confirmed: the (re)connect and the confirmation fetch one anyway.
   */
  requestBookSnapshot(symbol: Symbol): void {
    const book = this.books.forSnapshot(symbol);
    if (!book) return;
    if (this.state !== 'connected' || !this.subscriptions.isConfirmed(depthStreamName(book.spec.venueSymbol))) return;
    // The book service asks because its copy is stale: from here on it waits for a new snapshot.
    book.sync.invalidate();
    book.requestSnapshot('requested by the book service');
  }

  private newBook(spec: FeedSymbol): SymbolBook {
    const { options } = this;
    return new SymbolBook(spec, {
      venue: options.venue,
      market: options.market,
      clock: options.clock,
      logger: options.logger,
      random: options.random,
      retry: this.backoff,
      fetchSnapshot: (venueSymbol) => this.snapshots.fetch(venueSymbol),
      emit: (event) => this.emit(event),
      stale: (symbol, reason) => this.emitStale(symbol, reason),
      banned: (reason) => this.halt(reason),
    });
  }

  /** The venue confirmed these streams: the depth diffs are flowing, so each book can be anchored now. */
  private subscribed(streams: readonly string[]): void {
    for (const name of streams) {
      const route = this.books.route(name);
      if (route?.kind === 'depth' && route.book.sync.needsSnapshot) route.book.requestSnapshot('subscribed');
    }
  }

  private refused(streams: readonly string[], reason: string): void {
    for (const book of this.books.booksOf(streams)) {
      this.options.logger.error({ venue: this.options.venue, symbol: book.spec.symbol, reason }, 'venue refused the symbol\'s streams: not watched');
      this.books.unwatch(book, 'no longer watched');
    }
    if (this.state === 'connected') this.subscriptions.want(this.books.streamNames());
  }

  private open(): void {
    this.state = 'connecting';
    this.connection('connecting');
    this.socket.open();
  }

  /** A 418: nothing more may be sent; the feed stops and says why. */
  private halt(reason: string): void {
    if (this.state === 'stopped' || this.state === 'banned') return;
    this.options.logger.error({ venue: this.options.venue, reason }, 'market data feed stopped: IP banned by the venue');
    this.shutDown('banned', reason);
  }

  private shutDown(state: 'stopped' | 'banned', reason: string): void {
    this.socket.close();
    for (const book of this.books.values()) book.disconnected(reason);
    this.state = state;
    this.connection('disconnected', reason);
  }

  private onFrame(data: RawData): void {
    // The hot path: a depth frame of a watched book, read in one pass from the bytes ws hands over
    // (text frames arrive as one Buffer). Anything else is decoded and goes below.
    if (Buffer.isBuffer(data)) {
      const book = this.scanner.scan(data, this.depthRoute);
      if (book) return book.onScanned(this.scanner);
    }
    const text = data.toString();
    const log = { venue: this.options.venue };
    const frame = readCombinedFrame(text);
    if (!frame.ok) {
      if (frame.reason === 'unparseable') return this.options.logger.warn({ ...log, frame: frame.text.slice(0, 120) }, 'unparseable stream message dropped');
      if (isRecord(frame.msg) && this.subscriptions.onAnswer(frame.msg)) return;
      return this.options.logger.warn({ ...log, frame: JSON.stringify(frame.msg)?.slice(0, 120) }, 'stream message without a stream name dropped');
    }
    const route = this.books.route(frame.stream);
    if (!route) {
      if (this.books.isLeaving(frame.stream)) return; // sent before the venue had our UNSUBSCRIBE
      return this.options.logger.warn({ ...log, stream: frame.stream }, 'message for a stream this feed did not subscribe dropped');
    }
    const { spec } = route.book;
    switch (route.kind) {
      case 'depth':
        return route.book.onDepth(frame.data);
      case 'trade': {
        const trade = tradeEvent(frame.data, this.options.venue, spec.symbol, spec.scale);
        if (!trade.ok) return this.options.logger.warn({ ...log, stream: frame.stream, error: trade.error.message }, 'malformed trade dropped');
        return this.emit(trade.value);
      }
      case 'markPrice': {
        const mark = markPriceEvent(frame.data, this.options.venue, spec.symbol, spec.scale);
        if (!mark.ok) return this.options.logger.warn({ ...log, stream: frame.stream, error: mark.error.message }, 'malformed mark price dropped');
        return this.emit(mark.value);
      }
    }
  }

  /** The scanner's router: the watched book whose depth stream is bytes[start, end), without decoding the name when it is the last one's. */
  private readonly depthRoute = (bytes: Uint8Array, start: number, end: number): SymbolBook | undefined => {
    const last = this.lastDepth;
    if (last !== undefined && sameAscii(bytes, start, end, last.name)) return last.book;
    const route = this.books.route(Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString('latin1'));
    if (route?.kind !== 'depth') return undefined;
    this.lastDepth = route;
    return route.book;
  };

  private connection(state: ConnectionState, reason?: string): void {
    this.emit({ type: 'connection', venue: this.options.venue, state, ...(reason === undefined ? {} : { reason }) });
  }

  private emit(event: VenueEvent): void {
    this.eventListeners.emit(event);
  }

  private emitStale(symbol: Symbol, reason: string): void {
    this.staleListeners.emit(symbol, reason);
  }
}

