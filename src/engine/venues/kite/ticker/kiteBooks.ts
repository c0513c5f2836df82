import type { Symbol } from '../../../core';
import type { TickSink } from './frameDecoder';
import { validScale, type KiteInstrumentMap } from './instrumentMap';
import type { KiteTick } from './kiteTick';
import { KiteSymbolBook, type KiteSymbolBookDeps } from './symbolBook';

/** Kite's limit: one ticker connection carries at most 3,000 instruments. */
export const MAX_TOKENS_PER_CONNECTION = 3000;

export interface KiteBooksDeps extends KiteSymbolBookDeps {
  instruments: KiteInstrumentMap;
  maxTokens?: number;
}

/**
 * The watched instruments' books, and the decoder's sink: each tick goes to its instrument's book by
 * token. Books of symbols no longer watched are kept idle, so that one watched again carries on with
 * its seq instead of starting over. Ticks of tokens not watched (sent before Kite had our unsubscribe)
 * are dropped quietly.
 */
export class KiteBooks implements TickSink {
  private readonly byToken = new Map<number, KiteSymbolBook>();
  private readonly bySymbol = new Map<Symbol, KiteSymbolBook>();
  private readonly dormant = new Map<Symbol, KiteSymbolBook>();
  /** Most frames are ticks of a few busy instruments: the last one's book is kept at hand. */
  private last: KiteSymbolBook | undefined;

  constructor(private readonly deps: KiteBooksDeps) {}

  /** The tokens to subscribe now. */
  tokens(): Set<number> {
    return new Set(this.byToken.keys());
  }

  get symbols(): Symbol[] {
    return [...this.bySymbol.keys()];
  }

  /**
   * The whole set to watch now. Symbols Kite's instruments do not know (or whose scale is unusable) are
   * logged and left out, those past Kite's 3,000 per connection refused with an error; books no
   * longer wanted go idle and are reported stale.
   */
  watch(symbols: readonly Symbol[]): void {
    const { logger, venue, instruments } = this.deps;
    const max = this.deps.maxTokens ?? MAX_TOKENS_PER_CONNECTION;
    const next = new Map<Symbol, KiteSymbolBook>();
    const unknown: string[] = [];
    const over: Symbol[] = [];
    for (const symbol of symbols) {
      if (next.has(symbol)) continue;
      const book = this.bySymbol.get(symbol) ?? this.dormant.get(symbol) ?? this.newBook(symbol, unknown);
      if (!book) continue;
      if (next.size >= max) over.push(symbol);
      else next.set(symbol, book);
    }
    if (unknown.length) logger.warn({ venue, symbols: unknown.slice(0, 20), count: unknown.length }, 'asked to watch symbols Kite\'s ticker cannot stream: ignored');
    if (over.length) logger.error({ venue, max, left: over.slice(0, 20), count: over.length }, `Kite streams at most ${max} instruments on one connection: the rest are not watched`);
    for (const [symbol, book] of this.bySymbol) {
      if (next.has(symbol)) continue;
      book.down('no longer watched');
      this.dormant.set(symbol, book);
    }
    this.bySymbol.clear();
    this.byToken.clear();
    this.last = undefined;
    for (const [symbol, book] of next) {
      this.dormant.delete(symbol);
      this.bySymbol.set(symbol, book);
      this.byToken.set(book.token, book);
    }
  }

  /** A watched instrument's last price as the venue stated it on this connection, in ticks (an index's level). */
  lastPrice(symbol: Symbol): number | undefined {
    return this.bySymbol.get(symbol)?.statedLastPrice;
  }

  /** A watched derivative's open interest in lots, from its last full tick on this connection. */
  openInterest(symbol: Symbol): number | undefined {
    return this.bySymbol.get(symbol)?.openInterest;
  }

  tick(t: KiteTick): void {
    const last = this.last;
    const book = last !== undefined && last.token === t.instrumentToken ? last : this.byToken.get(t.instrumentToken);
    if (book === undefined) return;
    this.last = book;
    book.onTick(t);
  }

  malformed(reason: string, packet: number): void {
    this.deps.logger.warn({ venue: this.deps.venue, reason, ...(packet >= 0 ? { packet: packet + 1 } : {}) }, 'malformed KiteTicker frame: the unreadable part dropped');
  }

  /** The socket is down: every watched book is stale until its next full tick. */
  down(reason: string): void {
    for (const book of this.bySymbol.values()) book.down(reason);
  }

  /** As VenueMarketFeed.requestBookSnapshot: the last full tick again, if the book is anchored. */
  resendSnapshot(symbol: Symbol): void {
    const book = this.bySymbol.get(symbol);
    const log = { venue: this.deps.venue, symbol };
    if (!book) return this.deps.logger.debug(log, 'snapshot requested for a symbol not watched: ignored');
    // Not anchored (no full tick since the socket opened): the next full tick sends the snapshot.
    if (!book.resendSnapshot()) this.deps.logger.debug(log, 'snapshot requested before the first full tick: the next tick anchors the book');
  }

  private newBook(symbol: Symbol, unknown: string[]): KiteSymbolBook | undefined {
    const { instruments } = this.deps;
    const token = instruments.tokenOf(symbol);
    const scale = instruments.priceScale(symbol);
    if (token === undefined || !Number.isSafeInteger(token) || token < 0 || token > 0xffffffff) return void unknown.push(`${symbol}: no instrument token`);
    if (!scale) return void unknown.push(`${symbol}: no price scale`);
    const bad = validScale(scale);
    if (bad) return void unknown.push(`${symbol}: ${bad}`);
    return new KiteSymbolBook(symbol, token, scale, this.deps);
  }
}
