import type { RawData } from 'ws';
import { DEFAULT_RECONNECT_BACKOFF, ListenerSet, type BackoffPolicy, type Clock, type ConnectionState, type Logger, type Symbol, type VenueEvent, type VenueId } from '../../core';
import type { VenueMarketFeed } from '../../venues';
import type { FeedSymbol } from '../binanceFeed';
import { StreamSocket, WatchedBooks } from '../streamFeed';
import { BybitOrderbookSync } from '../sync';
import { isRecord } from '../sync/wireFields';
import { BYBIT_BOOK_DEPTHS, defaultPublicUrl, symbolTopics, type BybitBookDepth, type BybitCategory } from './endpoints';
import { bybitTradeEvents } from './tradeEvents';
import { TopicSubscriptions } from './topicSubscriptions';

export interface BybitMarketFeedOptions {
  /** Our venue id (the account's name), stamped on every event. */
  venue: VenueId;
  /** The product category the account trades: it picks the public endpoint. */
  category: BybitCategory;
  /**
   * Every symbol the feed may be asked to stream (the account's instruments), with Bybit's name for it
   * (BTCUSDT) and the instrument's scale (scaleOf(instrument)): events are in its ticks and lots.
   */
  symbols: readonly FeedSymbol[];
  /** The symbols to stream from the start (then `watch` changes the set). Default: none. */
  watch?: readonly Symbol[];
  /** Bybit's testnet endpoint instead of production (ignored when `streamUrl` is given). */
  testnet?: boolean;
  /** The full public stream URL for the category (a proxy, a regional host, a test server). */
  streamUrl?: string;
  /** Levels per side of `orderbook.{depth}.{symbol}`: 50 (default, every 20 ms), 200 or 1000. */
  depth?: BybitBookDepth;
  clock: Clock;
  /** Uniform in [0, 1): the jitter of every backoff (e.g. a seeded Rng's next). */
  random: () => number;
  logger: Logger;
  /** Between reconnect attempts. */
  backoff?: BackoffPolicy;
  /**
   * How often `{"op":"ping"}` is sent (default 20 s, as Bybit asks). A ping still unanswered when the
   * next one is due means the socket is dead (a half-open TCP connection never closes by itself, and a
   * book frozen behind one would look live): it is dropped and reconnected.
   */
  pingIntervalMs?: number;
}

/** `idle`: started, but nothing is watched, so no connection is open. */
export type BybitFeedStatus = 'stopped' | 'idle' | 'connecting' | 'connected' | 'waitingToReconnect';

interface Book {
  spec: FeedSymbol;
  sync: BybitOrderbookSync;
  bookTopic: string;
  tradeTopic: string;
}

const DEFAULT_DEPTH: BybitBookDepth = 50;
const DEFAULT_PING_MS = 20_000;

/**
 * Bybit's v5 public market data for the symbols watched now, as our canonical VenueEvents: one
 * WebSocket on the category's endpoint carries every watched symbol's `orderbook.{depth}.{symbol}` and
 * `publicTrade.{symbol}`; the set changes at run time with subscribe/unsubscribe (TopicSubscriptions).
 *
 * Books go through BybitOrderbookSync: Bybit sends the snapshot on the socket right after a subscribe,
 * then deltas whose `u` must follow one by one. A gap (or an unreadable book message) makes the book
 * stale (`onStale`) and is recovered by unsubscribing and subscribing that topic, which brings a fresh
 * snapshot; a snapshot Bybit sends by itself (u = 1 after a restart of its book service) replaces the
 * book. Each book's events carry a contiguous seq of its own, kept across resubscribes, reconnects and
 * unwatch/watch, so the book worker's "previous seq + 1" rule holds throughout.
 *
 * A dropped socket (or one whose ping goes unanswered) is reopened after an exponential, jittered
 * backoff on the injected clock and the current set subscribed again; every book is stale until its
 * new snapshot. Malformed messages are logged and dropped.
 */
export class BybitMarketFeed implements VenueMarketFeed {
  /**
   * The watched symbols' books and the topics routed to them; books watched before and not now are
   * kept so that a symbol watched again continues its seq.
   */
  private readonly books: WatchedBooks<FeedSymbol, Book, 'book' | 'trades'>;
  private readonly eventListeners = new ListenerSet<[VenueEvent]>((e, event) =>
    this.options.logger.error({ venue: this.options.venue, type: event.type, error: e.message }, 'market data listener threw'),
  );
  private readonly staleListeners = new ListenerSet<[Symbol, string]>((e, symbol) =>
    this.options.logger.error({ venue: this.options.venue, symbol, error: e.message }, 'stale listener threw'),
  );
  private readonly subscriptions: TopicSubscriptions;
  private readonly backoff: BackoffPolicy;
  private readonly depth: number;
  private readonly pingMs: number;
  private readonly socket: StreamSocket;
  private pingId = 0;
  private state: BybitFeedStatus = 'stopped';

  constructor(private readonly options: BybitMarketFeedOptions) {
    this.backoff = options.backoff ?? DEFAULT_RECONNECT_BACKOFF;
    this.depth = options.depth ?? DEFAULT_DEPTH;
    this.pingMs = options.pingIntervalMs ?? DEFAULT_PING_MS;
    // Configuration errors are said here, not found later inside a reconnect timer.
    if (!(['spot', 'linear', 'inverse'] as const).includes(options.category)) throw new RangeError(`Bybit category must be spot, linear or inverse, got ${String(options.category)}`);
    if (!(BYBIT_BOOK_DEPTHS as readonly number[]).includes(this.depth)) throw new RangeError(`Bybit book depth must be one of ${BYBIT_BOOK_DEPTHS.join(', ')}, got ${this.depth}`);
    if (!Number.isFinite(this.pingMs) || this.pingMs <= 0) throw new RangeError(`ping interval must be a positive number of ms, got ${this.pingMs}`);
    const url = options.streamUrl ?? defaultPublicUrl(options.category, options.testnet ?? false);
    if (!/^wss?:\/\/[^/]/.test(url)) throw new RangeError(`stream URL must be ws:// or wss://, got ${url}`);
    this.subscriptions = new TopicSubscriptions({
      venue: options.venue,
      clock: options.clock,
      logger: options.logger,
      refused: (topics, reason) => this.refused(topics, reason),
      unanswered: (reason) => this.socket.drop(reason),
    });
    this.socket = new StreamSocket({
      venue: options.venue,
      url,
      clock: options.clock,
      random: options.random,
      logger: options.logger,
      backoff: this.backoff,
      heartbeat: {
        intervalMs: this.pingMs,
        proof: 'pong',
        ping: (ws) => ws.send(JSON.stringify({ op: 'ping', req_id: `ping-${++this.pingId}` })),
        silent: `no pong to the ping sent ${this.pingMs} ms ago`,
      },
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
        this.allStale(reason);
        this.state = 'waitingToReconnect';
        this.options.logger.warn({ venue: this.options.venue, reason, delay }, 'market data stream down: reconnecting');
        this.connection('disconnected', `${reason}; reconnecting in ${delay} ms`);
      },
      reopen: () => {
        if (this.books.size === 0) this.state = 'idle'; // nothing watched any more: no connection needed
        else this.open();
      },
      openFailed: (reason) => {
        this.state = 'stopped';
        this.connection('disconnected', reason);
      },
    });
    this.books = new WatchedBooks<FeedSymbol, Book, 'book' | 'trades'>({
      venue: options.venue,
      logger: options.logger,
      symbols: options.symbols,
      create: (spec) => this.newBook(spec),
      streams: (book) => [
        { name: book.bookTopic, kind: 'book' },
        { name: book.tradeTopic, kind: 'trades' },
      ],
      // Watched again before its unsubscribe went out: the topic never stopped, so no snapshot would
      // come to anchor the book; it is asked for one.
      added: (book) => {
        if (this.subscriptions.isSent(book.bookTopic)) this.subscriptions.resubscribe(book.bookTopic);
      },
      // No more updates will come: a book still shown somewhere must not look live.
      removed: (book, reason) => this.bookStale(book, reason),
    });
    this.books.set(options.watch ?? []);
  }

  get status(): BybitFeedStatus {
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

  /** Opens the stream if anything is watched; otherwise no connection until `watch` asks for a symbol. */
  start(): void {
    if (this.state !== 'stopped') return;
    this.socket.resetBackoff();
    if (this.books.size === 0) this.state = 'idle';
    else this.open();
  }

  /** Closes the stream and cancels every timer; the books are stale until started again. */
  stop(): void {
    if (this.state === 'stopped') return;
    if (this.state === 'idle') return void (this.state = 'stopped');
    this.socket.close();
    this.allStale('stopped by the owner');
    this.state = 'stopped';
    this.connection('disconnected', 'stopped by the owner');
  }

  /**
   * The whole set of symbols to stream now: new ones are subscribed (Bybit answers with a snapshot),
   * the others unsubscribed and reported stale. Symbols the feed does not carry are logged and ignored.
   */
  watch(symbols: readonly Symbol[]): void {
    this.books.set(symbols);
    if (this.state === 'connected') this.subscriptions.want(this.books.streamNames());
    else if (this.state === 'idle' && this.books.size > 0) this.open();
  }

  /**
   * The owner's copy of the book cannot be trusted: unsubscribe and subscribe its orderbook topic, so
   * that Bybit sends a fresh snapshot. While the stream is down the reconnect does the same anyway.
   */
  requestBookSnapshot(symbol: Symbol): void {
    const book = this.books.forSnapshot(symbol);
    if (!book || this.state !== 'connected') return;
    // From here on the book waits for the new snapshot: deltas of the old subscription are not applied.
    book.sync.invalidate();
    this.subscriptions.resubscribe(book.bookTopic);
  }

  private newBook(spec: FeedSymbol): Book {
    const [bookTopic, tradeTopic] = symbolTopics(this.depth, spec.venueSymbol);
    const sync = new BybitOrderbookSync({ venue: this.options.venue, symbol: spec.symbol, venueSymbol: spec.venueSymbol, scale: spec.scale });
    return { spec, sync, bookTopic, tradeTopic };
  }

  private refused(topics: readonly string[], reason: string): void {
    for (const book of this.books.booksOf(topics)) {
      this.options.logger.error({ venue: this.options.venue, symbol: book.spec.symbol, reason }, "venue refused the symbol's topics: not watched");
      this.books.unwatch(book, `venue refused the subscription: ${reason}`);
    }
    if (this.state === 'connected') this.subscriptions.want(this.books.streamNames());
  }

  private open(): void {
    this.state = 'connecting';
    this.connection('connecting');
    this.socket.open();
  }

  private onFrame(data: RawData): void {
    const log = { venue: this.options.venue };
    const text = data.toString();
    let msg: unknown;
    try {
      msg = JSON.parse(text);
    } catch {
      return this.options.logger.warn({ ...log, frame: text.slice(0, 120) }, 'unparseable stream message dropped');
    }
    if (!isRecord(msg)) return this.options.logger.warn({ ...log, frame: text.slice(0, 120) }, 'stream message that is not a JSON object dropped');
    if (typeof msg.topic !== 'string') {
      if (this.isPong(msg)) return;
      if (this.subscriptions.onAnswer(msg)) return;
      return this.options.logger.warn({ ...log, frame: text.slice(0, 120) }, 'stream message without a topic dropped');
    }
    const route = this.books.route(msg.topic);
    if (!route) {
      if (this.books.isLeaving(msg.topic)) return; // sent before Bybit had our unsubscribe
      return this.options.logger.warn({ ...log, topic: msg.topic }, 'message for a topic this feed did not subscribe dropped');
    }
    if (route.kind === 'book') return this.onBook(route.book, msg);
    const { spec } = route.book;
    const trades = bybitTradeEvents(msg, this.options.venue, spec.symbol, spec.venueSymbol, spec.scale);
    if (!trades.ok) return this.options.logger.warn({ ...log, topic: msg.topic, error: trades.error.message }, 'malformed trade message dropped');
    for (const trade of trades.value) this.emit(trade);
  }

  /**
   * Bybit answers a ping with `{"op":"pong",...}` on the derivatives endpoints and with
   * `{"op":"ping","ret_msg":"pong","success":true,...}` on spot.
   */
  private isPong(msg: Record<string, unknown>): boolean {
    if (msg.op !== 'pong' && !(msg.op === 'ping' && msg.ret_msg === 'pong')) return false;
    this.socket.alive(); // the next drop starts the backoff over
    return true;
  }

  private onBook(book: Book, msg: Record<string, unknown>): void {
    const wasLive = book.sync.state === 'live';
    const result = book.sync.push(msg);
    if (!result.ok) {
      this.options.logger.warn({ venue: this.options.venue, symbol: book.spec.symbol, error: result.error.message }, 'malformed orderbook message dropped');
      // A dropped delta may have carried a change: a live book is now stale and needs a new snapshot.
      if (wasLive && book.sync.needsSnapshot) this.recover(book, `unreadable orderbook message: ${result.error.message}`);
      return;
    }
    for (const outcome of result.value) {
      if (outcome.kind === 'apply') this.emit(outcome.event);
      else if (outcome.kind === 'gap') this.recover(book, outcome.gap.reason);
    }
  }

  /** Stale until the next snapshot, which a resubscribe brings. */
  private recover(book: Book, reason: string): void {
    this.options.logger.warn({ venue: this.options.venue, symbol: book.spec.symbol, reason }, 'book stale: resubscribing for a fresh snapshot');
    this.emitStale(book.spec.symbol, reason);
    this.subscriptions.resubscribe(book.bookTopic);
  }

  private allStale(reason: string): void {
    for (const book of this.books.values()) this.bookStale(book, reason);
  }

  private bookStale(book: Book, reason: string): void {
    const wasLive = book.sync.state === 'live';
    book.sync.invalidate();
    if (wasLive) this.emitStale(book.spec.symbol, reason);
  }

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
