/**
 * The shared memory layout of the books: one SharedArrayBuffer written by the book worker and read
 * by the main thread. This file is the single place that knows byte offsets; the writer
 * (writeSlot, markSlot) lives here too so that the layout and the seqlock protocol cannot drift apart.
 *
 * ```
 * Buffer header (64 bytes, Int32 words)
 *   [0] MAGIC 0x53514231 ('SQB1')   [1] LAYOUT_VERSION   [2] capacity (slots)   [3] depth K
 *   [4] slot stride in bytes        [5..15] reserved
 *
 * Slot i starts at byte 64 + i * stride; stride is a multiple of 64 so that every slot's seqlock
 * word starts a cache line and a write to one instrument never invalidates a reader of another.
 *   +0   Int32   seqlock word: even = stable, odd = write in progress. It grows by 2 per write, so
 *                word/2 is the slot's version (how many times it was written).
 *   +4   Int32   status: 0 EMPTY (never synced or reset), 1 LIVE, 2 STALE (sequence gap)
 *   +8   Int32   bid levels present in this slot (<= K)
 *   +12  Int32   ask levels present in this slot (<= K)
 *   +16  Int32   bid levels in the worker's full book (may exceed K)
 *   +20  Int32   ask levels in the worker's full book
 *   +24  Float64 venue sequence of the last applied event (exact up to 2^53)
 *   +32  Float64 bids: K pairs [priceTicks, qtyLots], best first
 *   +32 + 16K    Float64 asks: K pairs [priceTicks, qtyLots], best first
 * ```
 *
 * Only the worker writes slots while it is alive (single writer); the main thread only reads, except
 * when the worker has died (BookService then marks every slot stale itself). Prices and quantities are
 * integers stored in Float64, which is exact for every integer up to 2^53.
 */

export const BOOK_MAGIC = 0x53514231;
export const LAYOUT_VERSION = 1;
export const HEADER_BYTES = 64;
export const CACHE_LINE = 64;
export const DEFAULT_CAPACITY = 64;
export const DEFAULT_DEPTH = 50;

/** Slot status values as stored in the status word. */
export const SlotStatus = { EMPTY: 0, LIVE: 1, STALE: 2 } as const;
export type SlotStatus = (typeof SlotStatus)[keyof typeof SlotStatus];

// Header words (Int32 index).
const H_MAGIC = 0;
const H_VERSION = 1;
const H_CAPACITY = 2;
const H_DEPTH = 3;
const H_STRIDE = 4;

// Slot fields as Int32 offsets from the slot's first Int32 word.
export const I_LOCK = 0;
export const I_STATUS = 1;
export const I_BID_COUNT = 2;
export const I_ASK_COUNT = 3;
export const I_BID_TOTAL = 4;
export const I_ASK_TOTAL = 5;
// Slot fields as Float64 offsets from the slot's first Float64 word.
export const F_SEQ = 3;
export const F_LEVELS = 4;

export interface BookLayout {
  readonly capacity: number;
  readonly depth: number;
  readonly strideBytes: number;
}

export function layoutFor(capacity: number, depth: number): BookLayout {
  if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`capacity must be a positive integer, got ${capacity}`);
  if (!Number.isInteger(depth) || depth < 1) throw new RangeError(`depth must be a positive integer, got ${depth}`);
  const raw = F_LEVELS * 8 + depth * 2 * 2 * 8;
  const strideBytes = Math.ceil(raw / CACHE_LINE) * CACHE_LINE;
  return { capacity, depth, strideBytes };
}

export function bufferBytes(layout: BookLayout): number {
  return HEADER_BYTES + layout.capacity * layout.strideBytes;
}

/** Allocates and stamps a zeroed buffer: every slot starts EMPTY with version 0. */
export function createBookBuffer(capacity = DEFAULT_CAPACITY, depth = DEFAULT_DEPTH): SharedArrayBuffer {
  const layout = layoutFor(capacity, depth);
  const sab = new SharedArrayBuffer(bufferBytes(layout));
  const header = new Int32Array(sab, 0, HEADER_BYTES / 4);
  header[H_MAGIC] = BOOK_MAGIC;
  header[H_VERSION] = LAYOUT_VERSION;
  header[H_CAPACITY] = capacity;
  header[H_DEPTH] = depth;
  header[H_STRIDE] = layout.strideBytes;
  return sab;
}

/** Reads the layout back from a buffer, refusing one that was not made by createBookBuffer. */
export function readLayout(sab: SharedArrayBuffer): BookLayout {
  const header = new Int32Array(sab, 0, HEADER_BYTES / 4);
  if (header[H_MAGIC] !== BOOK_MAGIC) throw new Error('not a book buffer (bad magic)');
  if (header[H_VERSION] !== LAYOUT_VERSION) throw new Error(`book buffer layout ${header[H_VERSION]} is not ${LAYOUT_VERSION}`);
  const layout = layoutFor(header[H_CAPACITY]!, header[H_DEPTH]!);
  if (layout.strideBytes !== header[H_STRIDE]) throw new Error('book buffer stride does not match its depth');
  return layout;
}

/**
 * Typed views over the whole buffer plus the base index of every slot, computed once so that the
 * hot paths do no arithmetic beyond an add.
 */
export class BookViews {
  readonly layout: BookLayout;
  readonly i32: Int32Array;
  readonly f64: Float64Array;
  private readonly i32PerSlot: number;
  private readonly f64PerSlot: number;

  constructor(readonly sab: SharedArrayBuffer) {
    this.layout = readLayout(sab);
    this.i32 = new Int32Array(sab);
    this.f64 = new Float64Array(sab);
    this.i32PerSlot = this.layout.strideBytes / 4;
    this.f64PerSlot = this.layout.strideBytes / 8;
  }

  /** Int32 index of the slot's lock word. */
  i32Base(slot: number): number {
    return HEADER_BYTES / 4 + slot * this.i32PerSlot;
  }

  /** Float64 index of the slot's first Float64 word. */
  f64Base(slot: number): number {
    return HEADER_BYTES / 8 + slot * this.f64PerSlot;
  }

  /** How many times the slot has been written (its lock word / 2). */
  versionOf(slot: number): number {
    return Atomics.load(this.i32, this.i32Base(slot) + I_LOCK) >>> 1;
  }

  checkSlot(slot: number): void {
    if (!Number.isInteger(slot) || slot < 0 || slot >= this.layout.capacity) {
      throw new RangeError(`slot ${slot} outside 0..${this.layout.capacity - 1}`);
    }
  }
}

/**
 * What the writer needs from a book to publish it: its size per side and a way to copy its best
 * `k` levels as [price, qty] pairs into a Float64Array. The worker's book implements this.
 */
export interface TopSource {
  readonly bidCount: number;
  readonly askCount: number;
  /** Copies up to k best levels of one side into dst at offset as [price, qty] pairs; returns how many. */
  copyTop(side: 'bid' | 'ask', k: number, dst: Float64Array, offset: number): number;
}

/** Which sides of a book changed since its slot was last written (a bit mask). */
export const SIDES_NONE = 0;
export const SIDE_BIDS_CHANGED = 1;
export const SIDE_ASKS_CHANGED = 2;
export const SIDES_BOTH = 3;

/**
 * Publishes one slot under its seqlock: the lock word goes odd, the fields are written, the word goes
 * even. A reader that saw the same even word before and after its copy therefore copied one write.
 *
 * `changed` says which sides to copy: a side that did not change since the slot's last write is
 * already there, and the copy is most of a write's cost (and of the worker-to-reader latency). It is
 * only safe from the slot's single writer, which knows what it last wrote; when unsure, pass SIDES_BOTH.
 */
export function writeSlot(
  views: BookViews,
  slot: number,
  status: SlotStatus,
  seq: number,
  book: TopSource,
  changed: number = SIDES_BOTH,
): void {
  const i = views.i32Base(slot);
  const f = views.f64Base(slot);
  const k = views.layout.depth;
  const { i32, f64 } = views;
  Atomics.add(i32, i + I_LOCK, 1);
  // Levels first, then every header field in one burst: the header shares its cache line with the
  // lock word readers poll, so each separate write to it can cost a cache-line transfer.
  const nb = changed & SIDE_BIDS_CHANGED ? book.copyTop('bid', k, f64, f + F_LEVELS) : -1;
  const na = changed & SIDE_ASKS_CHANGED ? book.copyTop('ask', k, f64, f + F_LEVELS + 2 * k) : -1;
  i32[i + I_STATUS] = status;
  if (nb >= 0) i32[i + I_BID_COUNT] = nb;
  if (na >= 0) i32[i + I_ASK_COUNT] = na;
  i32[i + I_BID_TOTAL] = book.bidCount;
  i32[i + I_ASK_TOTAL] = book.askCount;
  f64[f + F_SEQ] = seq;
  Atomics.add(i32, i + I_LOCK, 1);
}

/** Changes only the status of a slot (levels stay as they were), under the seqlock. */
export function markSlot(views: BookViews, slot: number, status: SlotStatus): void {
  const i = views.i32Base(slot);
  Atomics.add(views.i32, i + I_LOCK, 1);
  views.i32[i + I_STATUS] = status;
  Atomics.add(views.i32, i + I_LOCK, 1);
}

/**
 * For the main thread after the worker died: the dead writer may have left the word odd in the middle
 * of a write, so the levels cannot be trusted. Clears them, marks the slot STALE and leaves the word
 * even (rounded up) so readers stop retrying. Must never run while a worker is writing.
 */
export function abandonSlot(views: BookViews, slot: number): void {
  const i = views.i32Base(slot);
  const odd = Atomics.load(views.i32, i + I_LOCK) | 1;
  Atomics.store(views.i32, i + I_LOCK, odd);
  views.i32[i + I_STATUS] = SlotStatus.STALE;
  views.i32[i + I_BID_COUNT] = 0;
  views.i32[i + I_ASK_COUNT] = 0;
  views.i32[i + I_BID_TOTAL] = 0;
  views.i32[i + I_ASK_TOTAL] = 0;
  Atomics.store(views.i32, i + I_LOCK, odd + 1);
}
