import type { Logger, Symbol, VenueId } from '../../core';

/** One stream (Binance) or topic (Bybit) of a watched symbol, and what it carries. */
export interface StreamRoute<B, K extends string> {
  name: string;
  kind: K;
  book: B;
}

export interface WatchedBooksDeps<S extends { symbol: Symbol }, B extends { spec: S }, K extends string> {
  venue: VenueId;
  logger: Logger;
  /** Every symbol the feed may be asked to stream, with what the venue's streams need to know of it. */
  symbols: readonly S[];
  /** A book for a symbol watched for the first time (a symbol watched again gets its old book back). */
  create(spec: S): B;
  /** The streams that carry `book`'s data; the same names every time for the same book. */
  streams(book: B): readonly { name: string; kind: K }[];
  /**
   * One connection's limit: past this many symbols the rest are refused with an error in the log
   * (`limit` says which venue rule it is). None by default.
   */
  maxSymbols?: number;
  limit?: string;
  /** A book (new or back from dormant) is watched now; its streams are routed to it. */
  added(book: B): void;
  /** A book is no longer watched: it gets no more updates, so it must not look live. */
  removed(book: B, reason: string): void;
}

/**
 * The bookkeeping of a live feed's watched set, the same for every venue: which symbols the feed
 * carries (the catalogue), which are watched now (their books, and each stream routed to its book),
 * and books of symbols watched before and not now. Those dormant books are kept (idle) so that a
 * symbol watched again continues its canonical seq instead of starting over at 1. The streams of a
 * book no longer watched stay known as "leaving" until the next connection: their last messages,
 * sent before the venue had our unsubscribe, are dropped quietly instead of being logged as strays.
 */
export class WatchedBooks<S extends { symbol: Symbol }, B extends { spec: S }, K extends string> {
  private readonly catalogue = new Map<Symbol, S>();
  private readonly books = new Map<Symbol, B>();
  private readonly dormant = new Map<Symbol, B>();
  private readonly routes = new Map<string, StreamRoute<B, K>>();
  private readonly leaving = new Set<string>();

  constructor(private readonly deps: WatchedBooksDeps<S, B, K>) {
    for (const spec of deps.symbols) this.catalogue.set(spec.symbol, spec);
  }

  /** The symbols watched now. */
  get symbols(): Symbol[] {
    return [...this.books.keys()];
  }

  get size(): number {
    return this.books.size;
  }

  /** The watched books. */
  values(): IterableIterator<B> {
    return this.books.values();
  }

  /** The watched book `name` feeds, if any. */
  route(name: string): StreamRoute<B, K> | undefined {
    return this.routes.get(name);
  }

  /** Whether `name` belongs to a symbol no longer watched (its last messages may still arrive). */
  isLeaving(name: string): boolean {
    return this.leaving.has(name);
  }

  /** A new connection: nothing subscribed on the old one arrives on it. */
  connected(): void {
    this.leaving.clear();
  }

  /** Every stream the watched books need. */
  streamNames(): Set<string> {
    const names = new Set<string>();
    for (const book of this.books.values()) for (const { name } of this.deps.streams(book)) names.add(name);
    return names;
  }

  /** The watched books that `names` feed, each once. */
  booksOf(names: readonly string[]): Set<B> {
    return new Set(names.flatMap((name) => this.routes.get(name)?.book ?? []));
  }

  /**
   * The watched book of `symbol`, for a snapshot request; undefined (and logged: quietly if it was
   * watched before, as a warning if the feed never streamed it) if it is not watched now.
   */
  forSnapshot(symbol: Symbol): B | undefined {
    const book = this.books.get(symbol);
    if (book) return book;
    const log = { venue: this.deps.venue, symbol };
    // No longer watched: it stays stale (as reported) until it is watched again, which anchors it anew.
    if (this.dormant.has(symbol)) this.deps.logger.debug(log, 'snapshot requested for a symbol no longer watched: ignored');
    else this.deps.logger.warn(log, 'snapshot requested for a symbol this feed does not stream');
    return undefined;
  }

  /**
   * The whole set to watch now: symbols the feed does not carry are logged and ignored, those past
   * `maxSymbols` refused with an error; books no longer wanted go dormant, new ones are added.
   */
  set(symbols: readonly Symbol[]): void {
    const { logger, maxSymbols } = this.deps;
    const log = { venue: this.deps.venue };
    const next: S[] = [];
    const seen = new Set<Symbol>();
    const unknown: Symbol[] = [];
    for (const symbol of symbols) {
      if (seen.has(symbol)) continue;
      seen.add(symbol);
      const spec = this.catalogue.get(symbol);
      if (spec) next.push(spec);
      else unknown.push(symbol);
    }
    if (unknown.length) logger.warn({ ...log, symbols: unknown.slice(0, 20), count: unknown.length }, 'asked to watch symbols this feed does not carry: ignored');
    if (maxSymbols !== undefined && next.length > maxSymbols) {
      const left = next.splice(maxSymbols);
      logger.error(
        { ...log, max: maxSymbols, left: left.slice(0, 20).map((s) => s.symbol), count: left.length },
        `asked to watch more symbols than one connection may stream (${this.deps.limit ?? `${maxSymbols} symbols`}): the rest are not streamed`,
      );
    }
    const keep = new Set(next.map((s) => s.symbol));
    for (const [symbol, book] of this.books) if (!keep.has(symbol)) this.unwatch(book, 'no longer watched');
    for (const spec of next) if (!this.books.has(spec.symbol)) this.add(spec);
  }

  /** `book` is no longer watched (the owner's set changed, or the venue refused its streams). */
  unwatch(book: B, reason: string): void {
    this.books.delete(book.spec.symbol);
    this.dormant.set(book.spec.symbol, book);
    for (const { name } of this.deps.streams(book)) {
      this.routes.delete(name);
      this.leaving.add(name);
    }
    this.deps.removed(book, reason);
  }

  private add(spec: S): void {
    const book = this.dormant.get(spec.symbol) ?? this.deps.create(spec);
    this.dormant.delete(spec.symbol);
    this.books.set(spec.symbol, book);
    for (const { name, kind } of this.deps.streams(book)) {
      this.routes.set(name, { name, kind, book });
      this.leaving.delete(name);
    }
    this.deps.added(book);
  }
}
