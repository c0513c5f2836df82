import { createL2Book, type L2Book } from './l2Book';
import { BookViews, markSlot, SIDE_ASKS_CHANGED, SIDE_BIDS_CHANGED, SIDES_BOTH, SIDES_NONE, SlotStatus, writeSlot } from './layout';
import { SIDE_BID, type FromWorker, type ToWorker } from './protocol';

/** changedSides value of a slot with nothing to publish (outside the SIDE_*_CHANGED bits). */
const NOT_DIRTY = 0x80;

interface SlotState {
  book: L2Book;
  status: SlotStatus;
  lastSeq: number;
  /** A gap is reported once per stale episode, not once per ignored delta. */
  gapReported: boolean;
}

/**
 * Everything the book worker does, minus the thread: applies snapshots and deltas to the full
 * books, enforces the sequence rule and publishes each changed slot's top K to shared memory.
 * Kept free of worker_threads so the same code runs in the worker and, synchronously, in tests.
 *
 * Sequence rule: a delta must carry seq = previous + 1. Anything else (a gap, a repeat, a delta
 * before the first snapshot) marks the book STALE, reports the gap once, and every later delta for
 * that book is ignored until a snapshot replaces it. Being strict is the safe side: a trader
 * would rather see a stale flag than a quietly wrong book.
 */
export class BookEngine {
  private readonly views: BookViews;
  private readonly slots: (SlotState | undefined)[];
  private readonly dirty: number[] = [];
  /** Per slot: NOT_DIRTY, or the sides (SIDE_*_CHANGED mask) to copy at the next publish. */
  private readonly changedSides: Uint8Array;

  constructor(
    sab: SharedArrayBuffer,
    private readonly post: (message: FromWorker, transfer?: ArrayBuffer[]) => void,
    private readonly newBook: () => L2Book = createL2Book,
  ) {
    this.views = new BookViews(sab);
    this.slots = new Array(this.views.layout.capacity);
    this.changedSides = new Uint8Array(this.views.layout.capacity).fill(NOT_DIRTY);
  }

  handle(message: ToWorker): void {
    switch (message.type) {
      case 'snapshot':
        return this.snapshot(message.slot, message.seq, message.bids, message.asks);
      case 'deltas':
        return this.deltas(message.data, message.length);
      case 'reset':
        return this.reset(message.slot);
      case 'stale':
        return this.markStale(message.slot);
      case 'depth':
        return this.depth(message.id, message.slot, message.n);
      case 'sync':
        return this.post({ type: 'synced', id: message.id });
      case 'init':
        throw new Error('book worker initialised twice');
    }
  }

  snapshot(slot: number, seq: number, bids: Float64Array, asks: Float64Array): void {
    const state = this.state(slot);
    const book = state.book;
    book.loadSide('bid', bids);
    book.loadSide('ask', asks);
    state.status = SlotStatus.LIVE;
    state.lastSeq = seq;
    state.gapReported = false;
    writeSlot(this.views, slot, state.status, state.lastSeq, book);
  }

  /** Applies a packed batch (see DeltaBatch), then publishes every slot it touched once. */
  deltas(data: Float64Array, length: number): void {
    let o = 0;
    while (o < length) {
      const slot = data[o]!;
      const seq = data[o + 1]!;
      const count = data[o + 2]!;
      const start = o + 3;
      o = start + 3 * count;
      const state = this.state(slot);
      if (state.status !== SlotStatus.LIVE) {
        if (state.status === SlotStatus.EMPTY && !state.gapReported) this.gap(slot, state, null, seq);
        continue;
      }
      if (seq !== state.lastSeq + 1) {
        this.gap(slot, state, state.lastSeq + 1, seq);
        continue;
      }
      const changed = applyChanges(state.book, data, start, o);
      state.lastSeq = seq;
      this.touch(slot, changed);
    }
    this.publishDirty();
  }

  reset(slot: number): void {
    const state = this.state(slot);
    state.book.clear();
    state.status = SlotStatus.EMPTY;
    state.lastSeq = 0;
    state.gapReported = false;
    writeSlot(this.views, slot, state.status, state.lastSeq, state.book);
  }

  /**
   * The venue's own sequencing found a gap that our seq check cannot see (e.g. a feed whose updates
   * carry first/last ids): flag the book STALE and ignore its deltas until the next snapshot. No gap
   * message comes back: the feed that noticed is the one resyncing. A book that never had a snapshot
   * stays EMPTY, which readers already treat as not live.
   */
  markStale(slot: number): void {
    const state = this.state(slot);
    state.gapReported = true;
    if (state.status !== SlotStatus.LIVE) return;
    state.status = SlotStatus.STALE;
    markSlot(this.views, slot, state.status);
  }

  /** Answers a depth query from the full book, which may hold more than the K shared levels. */
  depth(id: number, slot: number, n: number): void {
    const state = this.state(slot);
    const bids = new Float64Array(2 * Math.min(n, state.book.bidCount));
    const asks = new Float64Array(2 * Math.min(n, state.book.askCount));
    state.book.copyTop('bid', n, bids, 0);
    state.book.copyTop('ask', n, asks, 0);
    const { bidCount: bidLevels, askCount: askLevels } = state.book;
    const version = this.views.versionOf(slot);
    this.post({ type: 'depth', id, slot, seq: state.lastSeq, status: state.status, version, bids, asks, bidLevels, askLevels }, [
      bids.buffer,
      asks.buffer,
    ]);
  }

  private gap(slot: number, state: SlotState, expected: number | null, got: number): void {
    if (state.status === SlotStatus.LIVE) {
      state.status = SlotStatus.STALE;
      this.touch(slot, SIDES_NONE);
    }
    if (!state.gapReported) {
      state.gapReported = true;
      this.post({ type: 'gap', slot, expected, got });
    }
  }

  /** Marks a slot to publish at the end of the batch; `changed` = the sides to copy (SIDES_NONE: status only). */
  private touch(slot: number, changed: number): void {
    if (this.changedSides[slot] === NOT_DIRTY) this.dirty.push(slot);
    this.changedSides[slot] = (this.changedSides[slot]! & SIDES_BOTH) | changed;
  }

  private publishDirty(): void {
    for (const slot of this.dirty) {
      const state = this.slots[slot]!;
      writeSlot(this.views, slot, state.status, state.lastSeq, state.book, this.changedSides[slot]!);
      this.changedSides[slot] = NOT_DIRTY;
    }
    this.dirty.length = 0;
  }

  private state(slot: number): SlotState {
    let state = this.slots[slot];
    if (!state) {
      this.views.checkSlot(slot);
      state = { book: this.newBook(), status: SlotStatus.EMPTY, lastSeq: 0, gapReported: false };
      this.slots[slot] = state;
    }
    return state;
  }
}

/**
 * Applies the changes packed in data[from, to) as (side, price, qty) triples (see DeltaBatch) to a
 * book: the worker's whole per-delta work, kept separate so the benchmark runs exactly this loop.
 * Returns which sides it touched (SIDE_*_CHANGED bits), so an untouched side is not re-published.
 */
export function applyChanges(book: L2Book, data: Float64Array, from: number, to: number): number {
  let changed = 0;
  for (let c = from; c < to; c += 3) {
    const bid = data[c] === SIDE_BID;
    changed |= bid ? SIDE_BIDS_CHANGED : SIDE_ASKS_CHANGED;
    book.set(bid ? 'bid' : 'ask', data[c + 1]!, data[c + 2]!);
  }
  return changed;
}
