import { Worker } from 'node:worker_threads';
import { type Clock, err, LiveClock, ok, type Result, type SqErrorInfo, type TimerId } from '../core';
import type { VenueEvent } from '../venues';
import { BookReader, type TopOfBook } from './bookReader';
import { abandonSlot, BookViews, createBookBuffer, DEFAULT_CAPACITY, DEFAULT_DEPTH, SlotStatus } from './layout';
import { DeltaBatch, packLevels, unpackLevels, type FromWorker, type ToWorker } from './protocol';
import { ResyncScheduler, type ResyncPolicy } from './resyncScheduler';
import { resolveBookWorker, type BookWorkerEntry } from './workerPath';

export const bookKey = (venue: string, symbol: string): string => `${venue}:${symbol}`;

/** Why a book needs a fresh snapshot from its venue. */
export type ResyncReason = { reason: 'gap'; expected: number | null; got: number } | { reason: 'workerRestarted' };

/**
 * Ask `venue` for a snapshot of `symbol` now (VenueAdapter.requestBookSnapshot). `attempt` counts the
 * requests of this episode: above 1, the earlier ones went unanswered.
 */
export type ResyncRequest = ResyncReason & { key: string; venue: string; symbol: string; slot: number; attempt: number };

export interface BookServiceOptions {
  /** Instruments that can be held at once (slots in shared memory). Default 64. */
  capacity?: number;
  /** Levels per side kept in shared memory (K). Default 50. */
  depth?: number;
  /** Where the worker code is; default resolveBookWorker(). */
  worker?: BookWorkerEntry;
  /** Times the resync requests and the worker's restarts; default a LiveClock. The terminal passes its own. */
  clock?: Clock;
  /** Spacing and answer timeout of snapshot requests per book (see ResyncScheduler). */
  resync?: Partial<ResyncPolicy>;
  /** Wait before restarting a worker that crashed again soon after its start (default 500 ms)... */
  restartDelayMs?: number;
  /** ...doubled on each such crash up to this (default 10,000 ms)... */
  maxRestartDelayMs?: number;
  /** ...and back to an immediate restart once a worker has run this long (default 60,000 ms). */
  stableAfterMs?: number;
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
 * A book that cannot be trusted (a sequence gap, a worker restart) is STALE until its venue sends a
 * snapshot; the service asks for one through onResyncNeeded, at most one request outstanding per book,
 * again after a timeout, spaced out if the book keeps needing them (ResyncScheduler).
 *
 * A worker that crashes is isolated: every book is marked stale and a new worker is started on the
 * same shared buffer, so every reader (BookReader, BookQuotes, the publisher) stays valid and simply
 * sees STALE until the book's snapshot arrives; then a snapshot is requested for every book, because
 * the new worker starts empty. The first crash (or one after a healthy run) restarts at once; a worker
 * that crashes again soon after its start is restarted after a delay that doubles up to a cap. It
 * never gives up, since a service that stopped restarting would leave every book stale until the app
 * restarts: each crash and restart is reported through onError instead.
 */
export class BookService {
  readonly reader: BookReader;
  readonly sab: SharedArrayBuffer;
  private readonly views: BookViews;
  private readonly entry: BookWorkerEntry;
  private readonly clock: Clock;
  private readonly resyncs: ResyncScheduler<ResyncReason>;
  private readonly restartPolicy: { delayMs: number; maxDelayMs: number; stableAfterMs: number };
  private worker: Worker | undefined;
  private workerStartedAt = 0;
  private restarts = 0;
  private restartDelayMs = 0;
  private restartTimer: TimerId | undefined;
  private closed = false;
  private readonly slots = new Map<string, number>();
  private readonly instruments = new Map<string, { venue: string; symbol: string }>();
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
    this.clock = options.clock ?? new LiveClock();
    this.resyncs = new ResyncScheduler(this.clock, (key, reason, attempt) => this.notifyResync(key, reason, attempt), options.resync);
    this.restartPolicy = {
      delayMs: options.restartDelayMs ?? 500,
      maxDelayMs: options.maxRestartDelayMs ?? 10_000,
      stableAfterMs: options.stableAfterMs ?? 60_000,
    };
    this.worker = this.startWorker();
  }

  /** Feeds one venue event; everything but bookSnapshot / bookDelta is ignored. */
  onVenueEvent(event: VenueEvent): Result<void> {
    if (event.type !== 'bookSnapshot' && event.type !== 'bookDelta') return ok(undefined);
    if (!this.worker) return err('INTERNAL', this.closed ? 'book service is closed' : 'book worker is down');
    const key = bookKey(event.venue, event.symbol);
    const slot = this.slotFor(key, event.venue, event.symbol);
    if (slot === undefined) {
      return err('INVALID_INPUT', `cannot hold a book for ${key}: all ${this.views.layout.capacity} book slots are in use`);
    }
    if (event.type === 'bookSnapshot') {
      this.flush();
      this.staleReasons.delete(key);
      const bids = packLevels(event.bids);
      const asks = packLevels(event.asks);
      this.send({ type: 'snapshot', slot, seq: event.seq, bids, asks }, [bids.buffer, asks.buffer]);
      this.resyncs.satisfied(key);
    } else {
      if (event.flat !== undefined) this.batch.addFlat(slot, event.seq, event.flat);
      else this.batch.add(slot, event.seq, event.changes);
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

  /**
   * For monitoring: traffic to the worker (delta events vs the messages that carried them), worker
   * restarts, and the books waiting for a snapshot.
   */
  stats(): { messagesToWorker: number; deltaEvents: number; deltaMessages: number; restarts: number; resyncsWaiting: string[] } {
    return { ...this.counters, restarts: this.restarts, resyncsWaiting: this.resyncs.waiting() };
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
    this.instruments.delete(key);
    this.staleReasons.delete(key);
    this.resyncs.forget(key);
    this.keysBySlot[slot] = undefined;
    this.freeSlots.push(slot);
  }

  /**
   * Called when a book's venue should be asked for a snapshot now (after a sequence gap or a worker
   * restart; again if it does not come in time). Already rate-limited per book: route it, do not delay it.
   */
  onResyncNeeded(listener: (request: ResyncRequest) => void): () => void {
    this.resyncListeners.add(listener);
    return () => this.resyncListeners.delete(listener);
  }

  /** Called when the worker crashed, and when it is restarted: one call each, for the log. */
  onError(listener: (error: SqErrorInfo) => void): () => void {
    this.errorListeners.add(listener);
    return () => this.errorListeners.delete(listener);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.resyncs.dispose();
    if (this.restartTimer !== undefined) this.clock.clearTimer(this.restartTimer);
    this.restartTimer = undefined;
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
    this.workerStartedAt = this.clock.now();
    return worker;
  }

  private onWorkerMessage(message: FromWorker): void {
    switch (message.type) {
      case 'gap': {
        const key = this.keysBySlot[message.slot];
        if (key !== undefined) this.resyncs.need(key, { reason: 'gap', expected: message.expected, got: message.got });
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
    if (this.flushScheduled) clearImmediate(this.flushScheduled);
    this.flushScheduled = undefined;
    this.batch = new DeltaBatch();
    this.failPending(new Error(`book worker exited with code ${code}`));
    // Released slots too: the dead writer may have left any word it wrote odd, and the next writer
    // of a reused slot must start from an even one.
    for (let slot = 0; slot < this.nextSlot; slot++) abandonSlot(this.views, slot);
    // A snapshot on its way went to the dead worker: asked again once the new one runs.
    for (const key of this.slots.keys()) this.resyncs.abandon(key);
    const ranMs = this.clock.now() - this.workerStartedAt;
    // The first crash, or one after a long healthy run, restarts at once. A worker that dies soon after
    // its start will likely die again (a bug that the start or the resync snapshots trigger): restarting
    // it in a tight loop would only burn the CPU and flood the log, so it waits, longer each time.
    const firstOrAfterHealthyRun = this.restarts === 0 || ranMs >= this.restartPolicy.stableAfterMs;
    this.restartDelayMs = firstOrAfterHealthyRun ? 0 : this.nextRestartDelay();
    const when = this.restartDelayMs === 0 ? 'now' : `in ${this.restartDelayMs} ms`;
    this.notifyError(`book worker exited with code ${code} after ${ranMs} ms; every book is stale until it restarts (${when}) and its snapshot arrives`);
    if (this.restartDelayMs === 0) this.restart();
    else this.restartTimer = this.clock.setTimeout(() => this.restart(), this.restartDelayMs);
  }

  /** Starts a new worker on the same buffer and asks every book's venue for a snapshot. */
  private restart(): void {
    this.restartTimer = undefined;
    if (this.closed || this.worker) return;
    try {
      this.worker = this.startWorker();
    } catch (error) {
      this.restartDelayMs = this.nextRestartDelay();
      this.notifyError(`book worker could not be started (${String(error)}); trying again in ${this.restartDelayMs} ms`);
      this.restartTimer = this.clock.setTimeout(() => this.restart(), this.restartDelayMs);
      return;
    }
    this.restarts++;
    this.notifyError(`book worker restarted (restart ${this.restarts}); asking for a snapshot of ${this.slots.size} book(s)`);
    for (const key of this.slots.keys()) this.resyncs.need(key, { reason: 'workerRestarted' });
  }

  private nextRestartDelay(): number {
    const { delayMs, maxDelayMs } = this.restartPolicy;
    return Math.min(maxDelayMs, Math.max(delayMs, this.restartDelayMs * 2));
  }

  private slotFor(key: string, venue: string, symbol: string): number | undefined {
    const known = this.slots.get(key);
    if (known !== undefined) return known;
    const slot = this.freeSlots.pop() ?? (this.nextSlot < this.views.layout.capacity ? this.nextSlot++ : undefined);
    if (slot === undefined) return undefined;
    this.slots.set(key, slot);
    this.instruments.set(key, { venue, symbol });
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

  private notifyResync(key: string, reason: ResyncReason, attempt: number): void {
    const slot = this.slots.get(key);
    const instrument = this.instruments.get(key);
    if (slot === undefined || !instrument) return;
    const request: ResyncRequest = { ...reason, key, venue: instrument.venue, symbol: instrument.symbol, slot, attempt };
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
