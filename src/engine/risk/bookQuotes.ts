import type { Symbol, Ticks, VenueId } from '../core';
import { BookReader, BookViews, I_LOCK, SlotStatus, TOP_ASK_COUNT, TOP_BID_COUNT, TOP_LEVELS, TOP_STATUS, TOP_VERSION, topAskOffset, topBufferLength } from '../book';
import { instrumentRef, type InstrumentRef, type MarketQuote } from './riskContext';

const ASK_AT = topAskOffset(1);

// Per instrument id: the Int32 index of its slot's lock word (-1 = none known) and the lock word the
// cached copy was taken at (-1 = none: a real word is even), as Int32s since both are compared and
// indexed as integers; and [best bid, best ask] of the copy at 2 * id.
const NONE = -1;

/**
 * Best bid / best ask straight from the book worker's shared memory, plus the last trade price the
 * wiring reports. Implements RiskContext.quote.
 *
 * Why a cache, and why it is exact: a full seqlock read of the top level costs three Atomics calls
 * (V8 in Node 20 does not inline them) plus a Map lookup of the slot, and the risk check reads on
 * every order a book that usually has not changed since the previous order. The worker moves a slot's
 * lock word on EVERY write, status changes included (writeSlot, markSlot, reset all go through it), so
 * a copy taken by a consistent read at lock word W is still exactly the slot's content for as long as
 * the word still reads W. Each quote therefore costs one load of the word when nothing changed,
 * and a full read under the seqlock when anything did. (The word is 32 bits: a stale copy would need
 * exactly k * 2^31 writes between two looks at one instrument, the same wrap every seqlock accepts.)
 *
 * The slot of an instrument is remembered with the copy. A slot freed by BookService.release is reset
 * by the worker, and taken by another instrument only through a new snapshot: both move the word, so
 * the next quote reads again and asks BookService for the slot afresh.
 */
export class BookQuotes {
  /** Last trade per instrument id; NaN = none seen. */
  private last = new Float64Array(64).fill(NaN);
  private lockAt = new Int32Array(64).fill(NONE);
  private word = new Int32Array(64).fill(NONE);
  private prices = new Float64Array(128).fill(NaN);
  private readonly reader: BookReader;
  private readonly views: BookViews;
  private readonly i32: Int32Array;
  private readonly top = new Float64Array(topBufferLength(1));

  /**
   * `sab` is the book service's shared buffer; `slotOf` its slotOf (keys as bookKey: "SIM-A:BTC-USDT"),
   * asked again whenever the remembered slot's word has moved.
   */
  constructor(
    sab: SharedArrayBuffer,
    private readonly slotOf: (key: string) => number | undefined,
  ) {
    this.reader = new BookReader(sab);
    this.views = new BookViews(sab);
    this.i32 = this.views.i32;
  }

  quote(i: InstrumentRef, into: MarketQuote): void {
    const id = i.id;
    const lockAt = id < this.lockAt.length ? this.lockAt[id]! : NONE;
    // Nothing written to the slot since the cached copy: it is still the book. A plain (unordered)
    // read of the word is enough here: an aligned Int32Array element is read tear-free, and nothing
    // shared is read after it, only our own copy. At worst it shows a write a moment late, the same as
    // checking a moment earlier. (Atomics.load is a call V8 does not inline on Node 20: ~20 ns a check.)
    if (lockAt !== NONE && this.i32[lockAt] === this.word[id]) {
      into.bid = this.prices[2 * id]!;
      into.ask = this.prices[2 * id + 1]!;
      into.last = this.last[id]!;
      return;
    }
    this.read(i, into);
  }

  /** The price of the latest trade on the instrument (for a collar measured from the last trade). */
  onTrade(venue: VenueId, symbol: Symbol, price: Ticks): void {
    const id = instrumentRef(venue, symbol).id;
    if (id >= this.last.length) this.grow(id);
    this.last[id] = price;
  }

  /** The full read under the seqlock; remembers the copy with the lock word it was consistent at. */
  private read(i: InstrumentRef, into: MarketQuote): void {
    const id = i.id;
    if (id >= this.last.length) this.grow(id);
    into.last = this.last[id]!;
    into.bid = NaN;
    into.ask = NaN;
    this.lockAt[id] = NONE;
    const slot = this.slotOf(i.key);
    if (slot === undefined) return; // no book (yet): asked again next time
    const top = this.top;
    if (!this.reader.readTopInto(slot, 1, top)) return; // unreadable (writer died): nothing to trust or keep
    if (top[TOP_STATUS] === SlotStatus.LIVE) {
      if (top[TOP_BID_COUNT]! > 0) into.bid = top[TOP_LEVELS]!;
      if (top[TOP_ASK_COUNT]! > 0) into.ask = top[ASK_AT]!;
    }
    // Not LIVE is cached too, as "no price": it stays so until the worker writes the slot again.
    this.prices[2 * id] = into.bid;
    this.prices[2 * id + 1] = into.ask;
    this.word[id] = (top[TOP_VERSION]! * 2) | 0; // back to the Int32 word an atomic load returns
    this.lockAt[id] = this.views.i32Base(slot) + I_LOCK;
  }

  /** Room for instrument `id` in every per-instrument array. */
  private grow(id: number): void {
    const n = Math.max(id + 1, this.last.length * 2);
    const widen = <T extends Float64Array | Int32Array>(old: T, make: (n: number) => T, per: number, fill: number): T => {
      const grown = make(n * per).fill(fill) as T;
      grown.set(old);
      return grown;
    };
    this.last = widen(this.last, (k) => new Float64Array(k), 1, NaN);
    this.lockAt = widen(this.lockAt, (k) => new Int32Array(k), 1, NONE);
    this.word = widen(this.word, (k) => new Int32Array(k), 1, NONE);
    this.prices = widen(this.prices, (k) => new Float64Array(k), 2, NaN);
  }
}
