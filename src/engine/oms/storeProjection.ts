import type { Store } from '../storage';
import type { Applied } from './orderLedger';
import type { AuditEntry, Fill, Order, OrderVersion } from './types';

/**
 * Feeds SQLite (the queryable copy: blotter history, fills, audit, versions) from what journal
 * records did. Writes are batched into one transaction per turn of the event loop, and every write
 * is idempotent (upsert, or insert-or-ignore by key), so re-projecting a replayed record is harmless.
 * The journal, not SQLite, is the truth: a crash between the two loses nothing.
 */
export class StoreProjection {
  private orders = new Map<string, Order>();
  private fills: Fill[] = [];
  private versions: OrderVersion[] = [];
  private audit: AuditEntry[] = [];
  private scheduled = false;
  /** False once a write failed: a snapshot must not be taken then, or the replay that repairs SQLite is lost. */
  healthy = true;

  constructor(
    private readonly store: Store,
    private readonly onError: (error: unknown) => void,
  ) {}

  add(applied: Applied): void {
    for (const o of applied.orders) this.orders.set(o.clientOrderId, o);
    for (const f of applied.fills) this.fills.push(f);
    for (const v of applied.versions) this.versions.push(v);
    for (const a of applied.audit) this.audit.push(a);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
  }

  /** Writes whatever is pending now. */
  flush(): void {
    this.scheduled = false;
    if (this.orders.size + this.fills.length + this.audit.length + this.versions.length === 0) return;
    const { orders, fills, versions, audit } = this;
    this.orders = new Map();
    this.fills = [];
    this.versions = [];
    this.audit = [];
    try {
      this.store.transaction(() => {
        // Orders first: fills reference them.
        for (const o of orders.values()) this.store.saveOrder(o);
        for (const f of fills) this.store.insertFill(f);
        for (const v of versions) this.store.insertVersion(v);
        this.store.insertAudit(audit);
      });
    } catch (error) {
      // The journal still holds it all; the next start re-projects from there.
      this.healthy = false;
      this.onError(error);
    }
  }
}
