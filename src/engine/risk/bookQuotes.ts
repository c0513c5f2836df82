import type { Symbol, Ticks, VenueId } from '../core';
import { SlotStatus, TOP_ASK_COUNT, TOP_BID_COUNT, TOP_LEVELS, TOP_STATUS, topAskOffset, topBufferLength, type BookReader } from '../book';
import { instrumentRef, type InstrumentRef, type MarketQuote } from './riskContext';

const ASK_AT = topAskOffset(1);

/**
 * Best bid / best ask straight from the book worker's shared memory (one seqlock read of the top
 * level), plus the last trade price the wiring reports. Implements RiskContext.quote.
 */
export class BookQuotes {
  /** Last trade per instrument id; NaN = none seen. */
  private last = new Float64Array(64).fill(NaN);
  private readonly top = new Float64Array(topBufferLength(1));

  /**
   * `slotOf` is BookService.slotOf, asked on every read with the ref's key (the same key format as
   * bookKey): a slot released for one instrument can be reused for another, so it is never cached.
   */
  constructor(
    private readonly reader: BookReader,
    private readonly slotOf: (key: string) => number | undefined,
  ) {}

  quote(i: InstrumentRef, into: MarketQuote): void {
    into.last = i.id < this.last.length ? this.last[i.id]! : NaN;
    into.bid = NaN;
    into.ask = NaN;
    const slot = this.slotOf(i.key);
    const top = this.top;
    if (slot === undefined || !this.reader.readTopInto(slot, 1, top) || top[TOP_STATUS] !== SlotStatus.LIVE) return;
    if (top[TOP_BID_COUNT]! > 0) into.bid = top[TOP_LEVELS]!;
    if (top[TOP_ASK_COUNT]! > 0) into.ask = top[ASK_AT]!;
  }

  /** The price of the latest trade on the instrument (for a collar measured from the last trade). */
  onTrade(venue: VenueId, symbol: Symbol, price: Ticks): void {
    const id = instrumentRef(venue, symbol).id;
    if (id >= this.last.length) {
      const grown = new Float64Array(Math.max(id + 1, this.last.length * 2)).fill(NaN);
      grown.set(this.last);
      this.last = grown;
    }
    this.last[id] = price;
  }
}
