import { FLAT_ASK, FLAT_BID, type FlatLevelChanges } from '../core';
import type { LevelChange } from '../venues';

/**
 * Messages between the main thread and the book worker. Levels travel as packed Float64Arrays
 * (transferred, not cloned): structured-cloning one object per level would cost the main thread far
 * more than the books themselves.
 */
export type ToWorker =
  | { type: 'init'; sab: SharedArrayBuffer }
  /** Replaces a book. bids/asks are [price, qty] pairs packed flat; order does not matter. */
  | { type: 'snapshot'; slot: number; seq: number; bids: Float64Array; asks: Float64Array }
  /** Several delta events, possibly for several slots, packed by DeltaBatch (see below). */
  | { type: 'deltas'; data: Float64Array; length: number }
  /** Empties a book and marks its slot EMPTY (instrument released or venue disconnected). */
  | { type: 'reset'; slot: number }
  /** Marks a LIVE book STALE and ignores its deltas until the next snapshot (gap seen by the venue feed). */
  | { type: 'stale'; slot: number }
  /** Full-depth query answered by message (for depth beyond the K levels in shared memory). */
  | { type: 'depth'; id: number; slot: number; n: number }
  /** Answered with 'synced' once every earlier message has been applied. */
  | { type: 'sync'; id: number };

export type FromWorker =
  /** A delta whose seq was not previous+1. expected is null when the book never had a snapshot. */
  | { type: 'gap'; slot: number; expected: number | null; got: number }
  | {
      type: 'depth';
      id: number;
      slot: number;
      seq: number;
      status: number;
      version: number;
      bids: Float64Array;
      asks: Float64Array;
      bidLevels: number;
      askLevels: number;
    }
  | { type: 'synced'; id: number };

/** The sides as a batch encodes them: the codes of FlatLevelChanges, so a flat delta is copied as it is. */
export const SIDE_BID = FLAT_BID;
export const SIDE_ASK = FLAT_ASK;

/**
 * Accumulates delta events into one flat Float64Array:
 *   per event  [slot, seq, changeCount, then changeCount x (side, price, qty)]
 * with side SIDE_BID / SIDE_ASK. take() hands the filled buffer over (to be transferred) and starts
 * a fresh one, so a batch is never written after it was sent.
 */
export class DeltaBatch {
  private data: Float64Array<ArrayBuffer>;
  private length = 0;
  private events = 0;

  constructor(private initialCapacity = 1024) {
    this.data = new Float64Array(initialCapacity);
  }

  get eventCount(): number {
    return this.events;
  }

  add(slot: number, seq: number, changes: readonly LevelChange[]): void {
    this.reserve(3 + 3 * changes.length);
    const d = this.data;
    let o = this.length;
    d[o++] = slot;
    d[o++] = seq;
    d[o++] = changes.length;
    for (const c of changes) {
      d[o++] = c.side === 'buy' ? SIDE_BID : SIDE_ASK;
      d[o++] = c.price;
      d[o++] = c.qty;
    }
    this.length = o;
    this.events++;
  }

  /** The same for changes already in the flat (side, price, qty) form: a straight copy. */
  addFlat(slot: number, seq: number, flat: FlatLevelChanges): void {
    const n = flat.length;
    this.reserve(3 + n);
    const d = this.data;
    let o = this.length;
    d[o++] = slot;
    d[o++] = seq;
    d[o++] = n / 3;
    for (let i = 0; i < n; i++) d[o++] = flat[i]!;
    this.length = o;
    this.events++;
  }

  take(): { data: Float64Array<ArrayBuffer>; length: number } {
    const out = { data: this.data, length: this.length };
    // Size the next buffer like this one so a steady stream settles without regrowing.
    this.data = new Float64Array(Math.max(this.initialCapacity, this.length));
    this.length = 0;
    this.events = 0;
    return out;
  }

  private reserve(extra: number): void {
    if (this.length + extra <= this.data.length) return;
    let size = this.data.length * 2;
    while (size < this.length + extra) size *= 2;
    const next = new Float64Array(size);
    next.set(this.data.subarray(0, this.length));
    this.data = next;
  }
}

/** [price, qty][] -> flat Float64Array of pairs. */
export function packLevels(levels: readonly (readonly [number, number])[]): Float64Array<ArrayBuffer> {
  const out = new Float64Array(levels.length * 2);
  for (let i = 0; i < levels.length; i++) {
    const level = levels[i]!;
    out[2 * i] = level[0];
    out[2 * i + 1] = level[1];
  }
  return out;
}

/** Flat pairs -> [price, qty][]; the inverse of packLevels for `count` pairs. */
export function unpackLevels(flat: Float64Array, count = flat.length / 2, offset = 0): [number, number][] {
  const out: [number, number][] = new Array(count);
  for (let i = 0; i < count; i++) out[i] = [flat[offset + 2 * i]!, flat[offset + 2 * i + 1]!];
  return out;
}
