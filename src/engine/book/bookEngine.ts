import { createL2Book, type L2Book } from './l2Book';
import { BookViews, SlotStatus, writeSlot } from './layout';
import { SIDE_BID, type FromWorker, type ToWorker } from './protocol';

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
  private readonly isDirty: Uint8Array;

  constructor(
    sab: SharedArrayBuffer,
    private readonly post: (message: FromWorker, transfer?: ArrayBuffer[]) => void,
    private readonly newBook: () => L2Book = createL2Book,
  ) {
    this.views = new BookViews(sab);
    this.slots = new Array(this.views.layout.capacity);
    this.isDirty = new Uint8Array(this.views.layout.capacity);
  }

  handle(message: ToWorker): void {
    switch (message.type) {
      case 'snapshot':
        return this.snapshot(message.slot, message.seq, message.bids, message.asks);
      case 'deltas':
        return this.deltas(message.data, message.length);
      case 'reset':
        return this.reset(message.slot);
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
    book.clear();
    for (let i = 0; i + 1 < bids.length; i += 2) book.set('bid', bids[i]!, bids[i + 1]!);
    for (let i = 0; i + 1 < asks.length; i += 2) book.set('ask', asks[i]!, asks[i + 1]!);
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
      const book = state.book;
      for (let c = start; c < o; c += 3) book.set(data[c] === SIDE_BID ? 'bid' : 'ask', data[c + 1]!, data[c + 2]!);
      state.lastSeq = seq;
      this.touch(slot);
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
      this.touch(slot);
    }
    if (!state.gapReported) {
      state.gapReported = true;
      this.post({ type: 'gap', slot, expected, got });
    }
  }

  private touch(slot: number): void {
    if (this.isDirty[slot]) return;
    this.isDirty[slot] = 1;
    this.dirty.push(slot);
  }

  private publishDirty(): void {
    for (const slot of this.dirty) {
      const state = this.slots[slot]!;
      writeSlot(this.views, slot, state.status, state.lastSeq, state.book);
      this.isDirty[slot] = 0;
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
