import { Worker } from 'node:worker_threads';
import { err, ok, type Result, type SqErrorInfo } from '../core';
import type { VenueEvent } from '../venues';
import { BookReader, type TopOfBook } from './bookReader';
import { abandonSlot, BookViews, createBookBuffer, DEFAULT_CAPACITY, DEFAULT_DEPTH, SlotStatus } from './layout';
import { DeltaBatch, packLevels, unpackLevels, type FromWorker, type ToWorker } from './protocol';
import { resolveBookWorker, type BookWorkerEntry } from './workerPath';

export const bookKey = (venue: string, symbol: string): string => `${venue}:${symbol}`;

/** Why a book needs a fresh snapshot from its venue. */
export type ResyncRequest =
  | { reason: 'gap'; key: string; slot: number; expected: number | null; got: number }
  | { reason: 'workerRestarted'; key: string; slot: number };

export interface BookServiceOptions {
  /** Instruments that can be held at once (slots in shared memory). Default 64. */
  capacity?: number;
  /** Levels per side kept in shared memory (K). Default 50. */
  depth?: number;
  /** Where the worker code is; default resolveBookWorker(). */
  worker?: BookWorkerEntry;
  /** How many times a crashed worker is restarted before the service gives up. Default 3. */
  maxRestarts?: number;
}

interface Pending<T> {
  resolve: (value: T) => void;
  reject: (error: Error) => void;
}

/**
 * The main thread's side of the books: owns the worker and the shared buffer, gives every
 * `venue:symbol` a slot, and forwards venue book events to the worker. Deltas are batched and sent
 * once per macrotask (setImmediate), never one message per delta; snapshots and resets flush the
 * pending batch first so the worker sees events in the order the venue sent them.
 *
 * A worker that crashes is isolated: every book is marked stale, the worker is restarted (up to
 * maxRestarts) and a resync is requested for every book, because the new worker starts empty.
 */
export class BookService {
  readonly reader: BookReader;
  readonly sab: SharedArrayBuffer;
  private readonly views: BookViews;
  private readonly entry: BookWorkerEntry;
  private readonly maxRestarts: number;
  private worker: Worker | undefined;
  private restarts = 0;
  private closed = false;
  private readonly slots = new Map<string, number>();
  private readonly keysBySlot: (string | undefined)[];
  private readonly freeSlots: number[] = [];
  private readonly staleReasons = new Map<string, string>();
  private nextSlot = 0;
  private batch = new DeltaBatch();
  private flushScheduled: NodeJS.Immediate | undefined;
  private nextRequestId = 1;
  private readonly pendingSyncs = new Map<number, Pending<void>>();
  private readonly pendingDepths = new Map<number, Pending<TopOfBook>>();
  private readonly resyncListeners = new Set<(request: ResyncRequest) => void>();
  private readonly errorListeners = new Set<(error: SqErrorInfo) => void>();
  private readonly counters = { messagesToWorker: 0, deltaEvents: 0, deltaMessages: 0 };

  constructor(options: BookServiceOptions = {}) {
    this.sab = createBookBuffer(options.capacity ?? DEFAULT_CAPACITY, options.depth ?? DEFAULT_DEPTH);
    this.views = new BookViews(this.sab);
    this.keysBySlot = new Array(this.views.layout.capacity);
    this.reader = new BookReader(this.sab, (key) => this.slots.get(key));
    this.entry = options.worker ?? resolveBookWorker();
    this.maxRestarts = options.maxRestarts ?? 3;
    this.worker = this.startWorker();
  }

  /** Feeds one venue event; everything but bookSnapshot / bookDelta is ignored. */
  onVenueEvent(event: VenueEvent): Result<void> {
    if (event.type !== 'bookSnapshot' && event.type !== 'bookDelta') return ok(undefined);
    if (!this.worker) return err('INTERNAL', this.closed ? 'book service is closed' : 'book worker is down');
    const key = bookKey(event.venue, event.symbol);
    const slot = this.slotFor(key);
    if (slot === undefined) {
      return err('INVALID_INPUT', `cannot hold a book for ${key}: all ${this.views.layout.capacity} book slots are in use`);
    }
    if (event.type === 'bookSnapshot') {
      this.flush();
      this.staleReasons.delete(key);
      const bids = packLevels(event.bids);
      const asks = packLevels(event.asks);
      this.send({ type: 'snapshot', slot, seq: event.seq, bids, asks }, [bids.buffer, asks.buffer]);
    } else {
      this.batch.add(slot, event.seq, event.changes);
      this.flushScheduled ??= setImmediate(() => this.flush());
    }
    return ok(undefined);
  }

  /** Sends the pending delta batch now instead of at the end of the macrotask. */
  flush(): void {
    if (this.flushScheduled) {
      clearImmediate(this.flushScheduled);
      this.flushScheduled = undefined;
    }
    if (this.batch.eventCount === 0 || !this.worker) return;
    this.counters.deltaEvents += this.batch.eventCount;
    this.counters.deltaMessages++;
    const { data, length } = this.batch.take();
    this.send({ type: 'deltas', data, length }, [data.buffer]);
  }

  /** Resolves once the worker has applied (and published) everything fed so far. */
  whenApplied(): Promise<void> {
    this.flush();
    return this.request(this.pendingSyncs, (id) => ({ type: 'sync', id }));
  }

  /**
   * Top n levels from the worker's full book by message round trip: for depth beyond the K levels
   * kept in shared memory (a ladder scrolled deep). Hot paths use the reader instead.
   */
  queryDepth(key: string, n: number): Promise<TopOfBook | undefined> {
    const slot = this.slots.get(key);
    if (slot === undefined) return Promise.resolve(undefined);
    this.flush();
    return this.request(this.pendingDepths, (id) => ({ type: 'depth', id, slot, n }));
  }

  /** Traffic to the worker, for monitoring: delta events vs the messages that carried them. */
  stats(): { messagesToWorker: number; deltaEvents: number; deltaMessages: number; restarts: number } {
    return { ...this.counters, restarts: this.restarts };
  }

  slotOf(key: string): number | undefined {
    return this.slots.get(key);
  }

  keys(): string[] {
    return [...this.slots.keys()];
  }

  /**
   * For venue feeds whose own sequencing detected a gap (one our per-event seq check cannot see): the
   * worker marks the book STALE after applying every delta fed before this call, and ignores its deltas
   * until the next snapshot. No resync request is raised — the caller found the gap and fetches the
   * snapshot; `reason` is kept for monitoring until then (staleReason).
   */
  markStale(key: string, reason: string): Result<void> {
    const slot = this.slots.get(key);
    if (slot === undefined) return err('INVALID_INPUT', `no book for ${key} to mark stale`);
    if (!this.worker) return err('INTERNAL', this.closed ? 'book service is closed' : 'book worker is down');
    this.flush();
    this.send({ type: 'stale', slot });
    this.staleReasons.set(key, reason);
    return ok(undefined);
  }

  /** Why the book was marked stale by markStale, until its next snapshot; undefined otherwise. */
  staleReason(key: string): string | undefined {
    return this.staleReasons.get(key);
  }

  /** Forgets a book (instrument unsubscribed): its slot is emptied and can be reused. */
  release(key: string): void {
    const slot = this.slots.get(key);
    if (slot === undefined) return;
    this.flush();
    this.send({ type: 'reset', slot });
    this.slots.delete(key);
    this.staleReasons.delete(key);
    this.keysBySlot[slot] = undefined;
    this.freeSlots.push(slot);
  }

  /** Called with every book that needs a fresh snapshot (sequence gap, worker restart). */
  onResyncNeeded(listener: (request: ResyncRequest) => void): () => void {
    this.resyncListeners.add(listener);
    return () => this.resyncListeners.delete(listener);
  }

  /** Called when the worker crashed (and whether it was restarted). */
  onError(listener: (error: SqErrorInfo) => void): () => void {
    this.errorListeners.add(listener);
    return () => this.errorListeners.delete(listener);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.flushScheduled) clearImmediate(this.flushScheduled);
    this.flushScheduled = undefined;
    const worker = this.worker;
    this.worker = undefined;
    this.failPending(new Error('book service closed'));
    if (worker) await worker.terminate();
  }

  private startWorker(): Worker {
    const worker = new Worker(this.entry.url, { execArgv: this.entry.execArgv });
    worker.on('message', (message: FromWorker) => this.onWorkerMessage(message));
    worker.on('error', (error) => this.notifyError(`book worker crashed: ${error.message}`));
    worker.on('exit', (code) => this.onWorkerExit(worker, code));
    worker.postMessage({ type: 'init', sab: this.sab } satisfies ToWorker);
    return worker;
  }

  private onWorkerMessage(message: FromWorker): void {
    switch (message.type) {
      case 'gap': {
        const key = this.keysBySlot[message.slot];
        if (key !== undefined) {
          this.notifyResync({ reason: 'gap', key, slot: message.slot, expected: message.expected, got: message.got });
        }
        return;
      }
      case 'synced':
        return this.settle(this.pendingSyncs, message.id, undefined);
      case 'depth': {
        const status = message.status as SlotStatus;
        const top: TopOfBook = {
          bids: unpackLevels(message.bids),
          asks: unpackLevels(message.asks),
          seq: message.seq,
          stale: status !== SlotStatus.LIVE,
          status,
          version: message.version,
          bidLevels: message.bidLevels,
          askLevels: message.askLevels,
        };
        return this.settle(this.pendingDepths, message.id, top);
      }
    }
  }

  private onWorkerExit(worker: Worker, code: number): void {
    if (this.closed || worker !== this.worker) return;
    // The worker is gone, so no one else writes the buffer: safe to stamp every book stale from here.
    this.worker = undefined;
    this.batch = new DeltaBatch();
    this.failPending(new Error(`book worker exited with code ${code}`));
    for (let slot = 0; slot < this.nextSlot; slot++) abandonSlot(this.views, slot);
    if (this.restarts >= this.maxRestarts) {
      this.notifyError(`book worker exited (code ${code}) and was restarted ${this.restarts} times already; books stay stale`);
      return;
    }
    this.restarts++;
    this.worker = this.startWorker();
    this.notifyError(`book worker exited (code ${code}); restarted (restart ${this.restarts} of ${this.maxRestarts})`);
    for (const [key, slot] of this.slots) this.notifyResync({ reason: 'workerRestarted', key, slot });
  }

  private slotFor(key: string): number | undefined {
    const known = this.slots.get(key);
    if (known !== undefined) return known;
    const slot = this.freeSlots.pop() ?? (this.nextSlot < this.views.layout.capacity ? this.nextSlot++ : undefined);
    if (slot === undefined) return undefined;
    this.slots.set(key, slot);
    this.keysBySlot[slot] = key;
    return slot;
  }

  private send(message: ToWorker, transfer: ArrayBuffer[] = []): void {
    if (!this.worker) return;
    this.counters.messagesToWorker++;
    this.worker.postMessage(message, transfer);
  }

  private request<T>(pending: Map<number, Pending<T>>, make: (id: number) => ToWorker): Promise<T> {
    if (!this.worker) return Promise.reject(new Error(this.closed ? 'book service is closed' : 'book worker is down'));
    const id = this.nextRequestId++;
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve, reject });
      this.send(make(id));
    });
  }

  private settle<T>(pending: Map<number, Pending<T>>, id: number, value: T): void {
    const waiter = pending.get(id);
    pending.delete(id);
    waiter?.resolve(value);
  }

  private failPending(error: Error): void {
    for (const waiter of this.pendingSyncs.values()) waiter.reject(error);
    for (const waiter of this.pendingDepths.values()) waiter.reject(error);
    this.pendingSyncs.clear();
    this.pendingDepths.clear();
  }

  private notifyResync(request: ResyncRequest): void {
    for (const listener of this.resyncListeners) {
      try {
        listener(request);
      } catch (error) {
        this.notifyError(`resync listener threw: ${String(error)}`);
      }
    }
  }

  private notifyError(message: string): void {
    for (const listener of this.errorListeners) {
      try {
        listener({ code: 'INTERNAL', message });
      } catch {
        // A failing error listener has nowhere left to report to; the others still run.
      }
    }
  }
}
