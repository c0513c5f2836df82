import type { Store } from '../storage';
import type { Applied } from './orderLedger';
import type { AuditEntry, Fill, Order, OrderVersion } from './types';

/**
 * Feeds SQLite (the queryable copy: blotter history, fills, audit, versions) from what journal
 * records did. Writes are batched into one transaction per turn of the event loop, and every write
 * is idempotent (upsert, or insert-or-ignore by key), so re-projecting a replayed record is harmless.
 * Each transaction also moves the store's watermark to the last record it covers, so whatever SQLite
 * loses (a power cut rolling back its last commits, an older copy, a deleted file) is rolled back
 * together with the watermark, and the next start re-projects from there. The journal, not SQLite,
 * is the truth.
 */
export class StoreProjection {
  private orders = new Map<string, Order>();
  private fills: Fill[] = [];
  private versions: OrderVersion[] = [];
  private audit: AuditEntry[] = [];
  private scheduled = false;
  /** The last journal record added (effects arrive in journal order, so every one before it is added too). */
  private seq = 0;
  /** The watermark the store holds (as of the last successful flush). */
  private stored = 0;
  /** False once a write failed: a snapshot must not be taken then, or the replay that repairs SQLite is lost. */
  healthy = true;

  constructor(
    private readonly store: Store,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** Records up to `seq` are already in the store: projection goes on after it. */
  resumeAfter(seq: number): void {
    this.seq = seq;
    this.stored = seq;
  }

  /** What journal record `seq` did; records that changed nothing still move the watermark. */
  add(applied: Applied, seq: number): void {
    for (const o of applied.orders) this.orders.set(o.clientOrderId, o);
    for (const f of applied.fills) this.fills.push(f);
    for (const v of applied.versions) this.versions.push(v);
    for (const a of applied.audit) this.audit.push(a);
    if (seq > this.seq) this.seq = seq;
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
  }

  /** The order as last added and not yet written, if any. */
  pending(clientOrderId: string): Order | undefined {
    return this.orders.get(clientOrderId);
  }

  /**
   * Writes whatever is pending now; false if the write failed. `durable`: the commit is fsynced before
   * this returns (before a journal snapshot, so the snapshot never gets ahead of what SQLite holds).
   */
  flush(options: { durable?: boolean } = {}): boolean {
    this.scheduled = false;
    const nothing = this.orders.size + this.fills.length + this.audit.length + this.versions.length === 0;
    if (nothing && this.seq === this.stored && !options.durable) return true;
    const { orders, fills, versions, audit, seq } = this;
    this.orders = new Map();
    this.fills = [];
    this.versions = [];
    this.audit = [];
    try {
      this.store.transaction(
        () => {
          // Orders first: fills reference them.
          for (const o of orders.values()) this.store.saveOrder(o);
          for (const f of fills) this.store.insertFill(f);
          for (const v of versions) this.store.insertVersion(v);
          if (audit.length > 0) this.store.insertAudit(audit);
          // After a failed write the watermark stays where it was: the records of the lost batch must be re-projected.
          if (this.healthy) this.store.setProjectedSeq(seq);
        },
        { durable: options.durable === true },
      );
      if (this.healthy) this.stored = seq;
      return this.healthy;
    } catch (error) {
      // The journal still holds it all; the watermark did not move, so the next start re-projects from there.
      this.healthy = false;
      this.onError(error);
      return false;
    }
  }
}
