import { err, ok, type FlatLevelChanges, type Lots, type Result, type Symbol, type Ticks, type VenueId } from '../../core';
import type { LevelChange } from '../../venues';
import { inferScale, LevelConverter, type BookScale, type IntLevels } from './scale';
import type { BookDeltaEvent, DecimalLevel, SequenceGap, SkipReason, SyncOutcome, SyncState } from './types';

export interface BookSyncOptions {
  /** Our venue id, stamped on every canonical event. */
  venue: VenueId;
  /** Our canonical symbol, stamped on every canonical event. */
  symbol: Symbol;
  /** The venue's own symbol (e.g. BTCUSDT); messages for another symbol are refused. Default: the first one seen. */
  venueSymbol?: string;
  /**
   * Price/qty scale, normally scaleOf(instrument) so events are in the instrument's ticks and lots.
   * Without it the scale is inferred from the first levels seen (see inferScale) and then fixed.
   */
  scale?: BookScale;
}

/**
 * What every normaliser shares: the canonical side (own contiguous seq, ticks/lots conversion,
 * one-symbol check) and the sync state. Subclasses implement only their venue's sequence rule.
 *
 * Canonical seq: every emitted event (snapshot or delta) takes the next integer, starting at 1, so
 * the book worker's rule "a delta carries previous seq + 1" holds across snapshots and resyncs.
 */
export abstract class BookSyncBase {
  readonly venue: VenueId;
  readonly symbol: Symbol;
  private venueSymbol: string | undefined;
  private converter: LevelConverter | undefined;
  private seq = 0;
  private syncState: SyncState = 'awaitingSnapshot';
  private gap: SequenceGap | undefined;

  protected constructor(options: BookSyncOptions) {
    this.venue = options.venue;
    this.symbol = options.symbol;
    this.venueSymbol = options.venueSymbol;
    if (options.scale) this.converter = new LevelConverter(options.scale);
  }

  get state(): SyncState {
    return this.syncState;
  }

  /** True until a snapshot makes the book live again: the live path requests one (REST / resubscribe). */
  get needsSnapshot(): boolean {
    return this.syncState !== 'live';
  }

  /** The last gap seen (kept after a resync, for diagnostics). */
  get lastGap(): SequenceGap | undefined {
    return this.gap;
  }

  /** The scale events are expressed in; undefined until known (inferred scale, no levels seen yet). */
  get scale(): BookScale | undefined {
    return this.converter?.scale;
  }

  /** Last canonical seq emitted (0 before the first snapshot). */
  get lastSeq(): number {
    return this.seq;
  }

  /**
   * The connection dropped (or anything else lost messages): the book is stale until a new snapshot.
   * Messages buffered for bridging are kept: the venue's bridging rule decides whether they still fit.
   */
  invalidate(): void {
    if (this.syncState === 'live') this.syncState = 'stale';
  }

  /** Refuses a message for another symbol than the book's (a normaliser holds exactly one book). */
  protected checkSymbol(venueSymbol: string): string | undefined {
    if (this.venueSymbol === undefined) {
      this.venueSymbol = venueSymbol;
      return undefined;
    }
    if (venueSymbol === this.venueSymbol) return undefined;
    return `message is for symbol ${venueSymbol} but this book is ${this.venueSymbol}`;
  }

  /** Decimal levels -> integer levels in the book's scale (fixing an inferred scale on first use). */
  protected convert(bids: readonly DecimalLevel[], asks: readonly DecimalLevel[]): Result<IntLevels> {
    if (!this.converter) {
      const inferred = inferScale([bids, asks]);
      // No scale yet means no levels either: nothing to convert.
      if (!inferred) return ok({ bids: [], asks: [] });
      this.converter = new LevelConverter(inferred);
    }
    const c = this.converter.convert(bids, asks);
    return c.ok ? ok(c.value) : this.invalid(c.reason);
  }

  /**
   * A message that cannot be read. If the book was live it is now stale: the message may have
   * carried an update, and a book missing an update is wrong without anyone knowing.
   */
  protected invalid(reason: string): Result<never> {
    if (this.syncState === 'live') this.syncState = 'stale';
    return err('INVALID_INPUT', reason);
  }

  /** The book is replaced: zero quantities are absent levels, not entries. */
  protected emitSnapshot(levels: IntLevels): SyncOutcome {
    this.syncState = 'live';
    return {
      kind: 'apply',
      event: {
        type: 'bookSnapshot',
        venue: this.venue,
        symbol: this.symbol,
        seq: ++this.seq,
        bids: levels.bids.filter(positive),
        asks: levels.asks.filter(positive),
      },
    };
  }

  protected emitDelta(levels: IntLevels): SyncOutcome {
    const changes: LevelChange[] = new Array(levels.bids.length + levels.asks.length);
    let i = 0;
    for (const [price, qty] of levels.bids) changes[i++] = { side: 'buy', price, qty };
    for (const [price, qty] of levels.asks) changes[i++] = { side: 'sell', price, qty };
    return { kind: 'apply', event: { type: 'bookDelta', venue: this.venue, symbol: this.symbol, seq: ++this.seq, changes } };
  }

  /** A delta whose levels are already flat triples in the book's scale (a feed that reads them off the wire). */
  protected emitFlatDelta(flat: FlatLevelChanges): BookDeltaEvent {
    return { type: 'bookDelta', venue: this.venue, symbol: this.symbol, seq: ++this.seq, flat };
  }

  protected emitGap(expected: number, got: number, reason: string): SyncOutcome {
    this.syncState = 'stale';
    this.gap = { venue: this.venue, symbol: this.symbol, expected, got, reason };
    return { kind: 'gap', gap: this.gap };
  }

  protected skip(reason: SkipReason, detail: string): SyncOutcome {
    return { kind: 'skip', reason, detail };
  }
}

const positive = (level: [Ticks, Lots]): boolean => level[1] > 0;
