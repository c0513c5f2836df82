import type { Lots, Ticks } from '../core';
import { BookViews, F_LEVELS, F_SEQ, I_ASK_COUNT, I_ASK_TOTAL, I_BID_COUNT, I_BID_TOTAL, I_LOCK, I_STATUS, SlotStatus } from './layout';

/**
 * readTopInto's output layout, for a request of n levels:
 *   [TOP_VERSION]  write count of the slot (changes on every publish)
 *   [TOP_SEQ]      venue sequence of the last applied event
 *   [TOP_STATUS]   SlotStatus (EMPTY / LIVE / STALE)
 *   [TOP_BID_COUNT], [TOP_ASK_COUNT]  levels copied per side (<= n)
 *   [TOP_BID_TOTAL], [TOP_ASK_TOTAL]  levels in the worker's full book
 *   [TOP_LEVELS ..)            bids: n pairs [priceTicks, qtyLots], best first
 *   [topAskOffset(n) ..)       asks: n pairs, best first
 */
export const TOP_VERSION = 0;
export const TOP_SEQ = 1;
export const TOP_STATUS = 2;
export const TOP_BID_COUNT = 3;
export const TOP_ASK_COUNT = 4;
export const TOP_BID_TOTAL = 5;
export const TOP_ASK_TOTAL = 6;
export const TOP_LEVELS = 7;

export const topBufferLength = (n: number): number => TOP_LEVELS + 4 * n;
export const topAskOffset = (n: number): number => TOP_LEVELS + 2 * n;

/** One consistent picture of the best levels of a book. */
export interface TopOfBook {
  bids: [Ticks, Lots][];
  asks: [Ticks, Lots][];
  /** Venue sequence of the last applied event. */
  seq: number;
  /** True unless the book is LIVE: a stale (sequence gap) or never-synced book must not be trusted. */
  stale: boolean;
  status: SlotStatus;
  /** How many times the slot has been written; changes whenever anything in it changes. */
  version: number;
  /** Levels per side in the worker's full book (the shared slot holds at most `depth`). */
  bidLevels: number;
  askLevels: number;
}

/**
 * How many times a read retries before giving up. A live writer holds a slot for about a
 * microsecond, so this is only reached when the writer died mid-write (BookService then abandons the
 * slot) — better to return "unreadable" than to spin the main thread forever.
 */
const MAX_ATTEMPTS = 1_000_000;

/**
 * Reads books from the shared buffer under each slot's seqlock: note the lock word, copy, and keep
 * the copy only if the word was even and unchanged. Never blocks, never sends a message.
 */
export class BookReader {
  readonly depth: number;
  readonly capacity: number;
  private readonly views: BookViews;
  private readonly i32: Int32Array;
  private readonly f64: Float64Array;
  private readonly scratch: Float64Array;
  /**
   * A word only this reader touches. JavaScript has no load-load fence, so an atomic read-modify-write
   * here, just before re-reading the lock word, keeps the level loads from being satisfied after that
   * re-read on weakly ordered CPUs (arm64). On x64 it is a cheap locked add on a private cache line.
   */
  private readonly fence = new Int32Array(new SharedArrayBuffer(64));

  constructor(
    sab: SharedArrayBuffer,
    private readonly slotOf: (key: string) => number | undefined = () => undefined,
  ) {
    this.views = new BookViews(sab);
    this.depth = this.views.layout.depth;
    this.capacity = this.views.layout.capacity;
    this.i32 = this.views.i32;
    this.f64 = this.views.f64;
    this.scratch = new Float64Array(topBufferLength(this.depth));
  }

  /**
   * Copies the best n levels per side (n capped at the buffer's depth) of a slot into `out`, laid out
   * as described at TOP_VERSION; `out` needs topBufferLength(n) entries. Allocates nothing. Returns
   * false if no consistent copy could be made (writer dead mid-write); `out` then reads as an empty
   * STALE book.
   */
  readTopInto(slot: number, n: number, out: Float64Array): boolean {
    this.views.checkSlot(slot);
    const i = this.views.i32Base(slot);
    const f = this.views.f64Base(slot);
    const k = n < this.depth ? n : this.depth;
    const bidsFrom = f + F_LEVELS;
    const asksFrom = f + F_LEVELS + 2 * this.depth;
    const asksTo = TOP_LEVELS + 2 * n;
    const i32 = this.i32;
    const f64 = this.f64;
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const before = Atomics.load(i32, i + I_LOCK);
      if ((before & 1) !== 0) continue; // a write is in progress
      const nb = Math.max(0, Math.min(i32[i + I_BID_COUNT]!, k));
      const na = Math.max(0, Math.min(i32[i + I_ASK_COUNT]!, k));
      out[TOP_SEQ] = f64[f + F_SEQ]!;
      out[TOP_STATUS] = i32[i + I_STATUS]!;
      out[TOP_BID_COUNT] = nb;
      out[TOP_ASK_COUNT] = na;
      out[TOP_BID_TOTAL] = i32[i + I_BID_TOTAL]!;
      out[TOP_ASK_TOTAL] = i32[i + I_ASK_TOTAL]!;
      for (let j = 0; j < 2 * nb; j++) out[TOP_LEVELS + j] = f64[bidsFrom + j]!;
      for (let j = 0; j < 2 * na; j++) out[asksTo + j] = f64[asksFrom + j]!;
      Atomics.add(this.fence, 0, 1);
      if (Atomics.load(i32, i + I_LOCK) === before) {
        out[TOP_VERSION] = before >>> 1;
        return true;
      }
    }
    out[TOP_STATUS] = SlotStatus.STALE;
    out[TOP_BID_COUNT] = 0;
    out[TOP_ASK_COUNT] = 0;
    return false;
  }

  /** Top n levels of the book for `venue:symbol`, or undefined for an unknown key or an unreadable slot. */
  readTop(key: string, n: number): TopOfBook | undefined {
    const slot = this.slotOf(key);
    return slot === undefined ? undefined : this.readTopSlot(slot, n);
  }

  readTopSlot(slot: number, n: number): TopOfBook | undefined {
    const k = Math.max(0, Math.min(n, this.depth));
    const out = this.scratch;
    if (!this.readTopInto(slot, k, out)) return undefined;
    const nb = out[TOP_BID_COUNT]!;
    const na = out[TOP_ASK_COUNT]!;
    const askAt = topAskOffset(k);
    const bids: [Ticks, Lots][] = new Array(nb);
    const asks: [Ticks, Lots][] = new Array(na);
    for (let j = 0; j < nb; j++) bids[j] = [out[TOP_LEVELS + 2 * j]!, out[TOP_LEVELS + 2 * j + 1]!];
    for (let j = 0; j < na; j++) asks[j] = [out[askAt + 2 * j]!, out[askAt + 2 * j + 1]!];
    const status = out[TOP_STATUS]! as SlotStatus;
    return {
      bids,
      asks,
      seq: out[TOP_SEQ]!,
      stale: status !== SlotStatus.LIVE,
      status,
      version: out[TOP_VERSION]!,
      bidLevels: out[TOP_BID_TOTAL]!,
      askLevels: out[TOP_ASK_TOTAL]!,
    };
  }

  /**
   * The slot's write count without copying anything: a cheap "did it change?" test. Mid-write it
   * still returns the previous count, so a change is simply seen on the next look.
   */
  versionOf(key: string): number | undefined {
    const slot = this.slotOf(key);
    if (slot === undefined) return undefined;
    this.views.checkSlot(slot);
    return this.views.versionOf(slot);
  }

  /**
   * Best bid as [ticks, lots], or undefined when there is none or the book is not LIVE: a price from
   * a stale book is exactly what risk checks and algos must not act on.
   */
  bestBid(key: string): [Ticks, Lots] | undefined {
    return this.best(key, TOP_LEVELS, TOP_BID_COUNT);
  }

  bestAsk(key: string): [Ticks, Lots] | undefined {
    return this.best(key, topAskOffset(1), TOP_ASK_COUNT);
  }

  /**
   * (best bid + best ask) / 2 in ticks, from one consistent read; undefined unless the book is LIVE
   * with both sides. It can end in .5: that is exact in binary floating point (not a rounding
   * error), and it is a reference value, not an order price — round it with divRound to trade at it.
   */
  mid(key: string): number | undefined {
    const out = this.readBest(key);
    if (!out || out[TOP_BID_COUNT] === 0 || out[TOP_ASK_COUNT] === 0) return undefined;
    return (out[TOP_LEVELS]! + out[topAskOffset(1)]!) / 2;
  }

  private best(key: string, at: number, countAt: number): [Ticks, Lots] | undefined {
    const out = this.readBest(key);
    if (!out || out[countAt] === 0) return undefined;
    return [out[at]!, out[at + 1]!];
  }

  private readBest(key: string): Float64Array | undefined {
    const slot = this.slotOf(key);
    if (slot === undefined) return undefined;
    const out = this.scratch;
    if (!this.readTopInto(slot, 1, out) || out[TOP_STATUS] !== SlotStatus.LIVE) return undefined;
    return out;
  }
}
