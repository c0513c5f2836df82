import type { Clock, EventBus, Logger } from '../core';
import { WriteAhead, type EngineRecord, type Journal } from '../storage';
import type { ContingentOrders } from './contingent';
import type { Applied, OrderLedger, VenueCommand } from './orderLedger';
import type { StoreProjection } from './storeProjection';
import type { OmsEvents, Order } from './types';

export interface OrderRecorderOptions {
  journal: Journal;
  ledger: OrderLedger;
  projection: StoreProjection;
  events: EventBus<OmsEvents>;
  contingent: ContingentOrders;
  /** Hands a command to its venue. */
  send: (command: VenueCommand) => void;
  clock: Clock;
  log: Logger;
  /** A snapshot is written after this many records (when nothing is in flight). */
  snapshotEvery: number;
  /** The journal failed: nothing more can be made durable, so trading must stop (kill switch). */
  onJournalFailure?: (error: Error) => void;
}

/**
 * The write-ahead path of every order change: a record is journaled, applied to the ledger at once
 * (so the next decision sees it), and only once durable does anything leave: SQLite, the views, the
 * venue, then the bracket/OCO rules. Also keeps the journal's snapshots and, after a journal failure,
 * the in-memory path that keeps cancels going out.
 */
export class OrderRecorder {
  private readonly wal: WriteAhead;
  private readonly journal: Journal;
  private readonly ledger: OrderLedger;
  private readonly projection: StoreProjection;
  private readonly events: EventBus<OmsEvents>;
  private readonly contingent: ContingentOrders;
  private readonly send: (command: VenueCommand) => void;
  private readonly clock: Clock;
  private readonly log: Logger;
  private readonly snapshotEvery: number;
  private inFlight = 0;
  private sinceSnapshot = 0;
  /** Orders that left memory with a record not yet durable: SQLite may not hold their last change yet. */
  private readonly leaving = new Map<string, Order>();
  private idleWaiters: (() => void)[] = [];

  constructor(options: OrderRecorderOptions) {
    this.journal = options.journal;
    this.ledger = options.ledger;
    this.projection = options.projection;
    this.events = options.events;
    this.contingent = options.contingent;
    this.send = options.send;
    this.clock = options.clock;
    this.log = options.log;
    this.snapshotEvery = options.snapshotEvery;
    this.wal = new WriteAhead(this.journal, {
      onFailure: (error) => {
        this.log.error({ error: error.message }, 'journal failed: no order change can be made durable; trading stops');
        // The effects waiting on the journal will never run: nobody may wait on them either.
        this.inFlight = 0;
        this.onIdle();
        options.onJournalFailure?.(error);
      },
      onEffectError: (error, seq) => this.log.error({ seq, error: String(error) }, 'OMS effect threw'),
    });
  }

  /** The journal's failure, once it has failed: from then on nothing can be made durable. */
  get failed(): Error | undefined {
    return this.wal.failed;
  }

  /** An order that has left memory while its last change is not yet durable (so not yet in SQLite). */
  leavingOrder(clientOrderId: string): Order | undefined {
    return this.leaving.get(clientOrderId);
  }

  /** Journals a record, applies it now, and schedules its effects for when it is durable. */
  record(record: EngineRecord): Applied {
    if (this.wal.failed) return this.recordInMemory(record);
    let applied: Applied | undefined;
    this.inFlight++;
    const seq = this.wal.record(record, () => this.takeEffect(applied!, seq));
    applied = this.apply(record, seq);
    return applied;
  }

  /** Resolves once every record made so far has taken effect (durable, stored, published, sent). */
  settled(): Promise<void> {
    if (this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /**
   * Writes a journal snapshot of the orders held in memory now (SQLite made durable first, so it is
   * never behind the snapshot after a power cut); false when it cannot (journal or SQLite failed).
   * Its cost is bounded by the hot set (working + recently finished orders), not by history.
   */
  checkpoint(): boolean {
    if (this.wal.failed || !this.projection.healthy || this.journal.lastSeq === 0) return false;
    if (!this.projection.flush({ durable: true })) return false;
    this.journal.writeSnapshot(this.journal.lastSeq, this.ledger.snapshot());
    return true;
  }

  /** Lets everything in flight take effect, snapshots and closes the journal. */
  async close(): Promise<void> {
    if (!this.wal.failed) await this.settled();
    // Durable first: the snapshot must never be ahead of what SQLite holds after a power cut.
    const stored = this.projection.flush({ durable: true });
    if (!this.wal.failed && this.journal.lastSeq > 0 && stored) this.journal.writeSnapshot(this.journal.lastSeq, this.ledger.snapshot());
    try {
      await this.journal.close();
    } catch (error) {
      // A disk that failed may fail the close too: the rest of the shutdown must still happen.
      if (!this.wal.failed) throw error;
      this.log.error({ error: String(error) }, 'journal close failed after the journal failed');
    }
  }

  private apply(record: EngineRecord, seq: number): Applied {
    const applied = this.ledger.apply(record, seq);
    if (applied.ignored) {
      const { reason, level, error } = applied.ignored;
      this.log[level]({ seq, kind: record.kind, ...(error ? { from: error.from, to: error.to } : {}) }, reason);
    }
    if (applied.notice) this.log[applied.notice.level]({ seq }, applied.notice.reason);
    for (const order of applied.orders) this.events.emit('applied', order);
    for (const order of applied.evicted ?? []) this.leaving.set(order.clientOrderId, order);
    return applied;
  }

  /** Runs once the record is durable: store, publish, send, then the bracket/OCO rules. */
  private takeEffect(applied: Applied, seq: number): void {
    try {
      this.projection.add(applied, seq);
      // Their last change was added to the projection with an earlier record: it has them now.
      for (const order of applied.evicted ?? []) if (this.leaving.get(order.clientOrderId) === order) this.leaving.delete(order.clientOrderId);
      this.publish(applied);
      if (applied.cancelRejected) {
        const { order, reason } = applied.cancelRejected;
        this.events.emit('cancelRejected', { venue: order.venue, clientOrderId: order.clientOrderId, reason, ts: this.clock.now() });
      }
      for (const command of applied.sends) this.send(command);
      this.contingent.onChanged(applied.orders);
    } finally {
      this.inFlight--;
      this.sinceSnapshot++;
      if (this.inFlight === 0) this.onIdle();
    }
  }

  /**
   * The journal failed, so nothing can be made durable, and yet what the venues say must still be
   * seen and a cancel must still go out (the kill switch depends on it). Applied in memory and shown;
   * only cancels are sent; nothing reaches SQLite, which stays the journal's projection. The next
   * start reconciles with the venues, which are the truth about what happened meanwhile.
   */
  private recordInMemory(record: EngineRecord): Applied {
    const applied = this.apply(record, 0);
    this.log.error({ kind: record.kind, ...('clientOrderId' in record ? { clientOrderId: record.clientOrderId } : {}) }, 'journal failed: applied in memory only');
    this.publish(applied);
    for (const command of applied.sends) {
      if (command.kind === 'cancel') this.send(command);
      else this.log.error({ clientOrderId: command.order.clientOrderId, command: command.kind }, 'journal failed: not sent');
    }
    this.contingent.onChanged(applied.orders);
    return applied;
  }

  /** Shows the views what a record did: orders, then fills, then audit entries. */
  private publish(applied: Applied): void {
    for (const order of applied.orders) this.events.emit('order', order);
    for (const fill of applied.fills) this.events.emit('fill', fill);
    for (const entry of applied.audit) this.events.emit('audit', entry);
  }

  private onIdle(): void {
    if (this.sinceSnapshot >= this.snapshotEvery && this.projection.healthy && !this.wal.failed) {
      this.checkpoint();
      this.sinceSnapshot = 0;
    }
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }
}
