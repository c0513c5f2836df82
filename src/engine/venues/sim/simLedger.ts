import { z } from 'zod';
import type { Lots, Symbol } from '../../core';
import type { VenueFill } from '../types';
import type { LedgerRecord } from './ledgerRecords';
import { simOrderSchema, venueFillSchema } from './ledgerRecords';
import { signedQty } from './orderRules';
import { isWorking, type SimOrder } from './simOrder';

/** How many closed orders queryOrder (and a late cancel's "already closed") can still name. */
export const CLOSED_MEMORY = 10_000;
/**
 * How many of the user's fills the venue's trade history keeps (a real exchange also bounds it).
 * Far more than any reconciliation gap needs; it bounds the snapshot's size.
 */
export const FILL_HISTORY = 100_000;

export class LedgerError extends Error {}

const snapshotSchema = z.object({
  version: z.literal(1),
  working: z.array(simOrderSchema),
  closed: z.array(simOrderSchema),
  fills: z.array(venueFillSchema),
  positions: z.record(z.string(), z.number().int()),
  lastOrderNo: z.number().int().nonnegative(),
  lastFillNo: z.number().int().nonnegative(),
  queueNo: z.number().int().nonnegative(),
});

export type LedgerSnapshot = z.infer<typeof snapshotSchema>;

/**
 * Everything the simulated exchange knows about the user: working orders (untriggered stops
 * included), recently closed orders, the trade history, net positions and id counters. It changes
 * only through apply(), the same function live and on replay, so what is rebuilt after a crash is
 * exactly what was there.
 */
export class SimLedger {
  private readonly working = new Map<string, SimOrder>();
  private readonly workingBySymbol = new Map<Symbol, Map<string, SimOrder>>();
  /** Insertion-ordered: the oldest closed order is forgotten first. */
  private readonly closed = new Map<string, SimOrder>();
  private fills: VenueFill[] = [];
  private readonly positions = new Map<Symbol, Lots>();
  /** Highest order and fill numbers used (0 = none yet). */
  lastOrderNo = 0;
  lastFillNo = 0;
  private queueNo = 0;

  get isEmpty(): boolean {
    return this.working.size === 0 && this.closed.size === 0 && this.fills.length === 0 && this.lastOrderNo === 0;
  }

  workingOrder(clientOrderId: string): SimOrder | undefined {
    return this.working.get(clientOrderId);
  }

  closedOrder(clientOrderId: string): SimOrder | undefined {
    return this.closed.get(clientOrderId);
  }

  /** Working orders, oldest first. */
  workingOrders(): SimOrder[] {
    return [...this.working.values()];
  }

  /** Working orders of one symbol, oldest first. */
  workingOn(symbol: Symbol): IterableIterator<SimOrder> {
    return (this.workingBySymbol.get(symbol) ?? new Map<string, SimOrder>()).values();
  }

  position(symbol: Symbol): Lots {
    return this.positions.get(symbol) ?? 0;
  }

  /** Net positions by symbol, flat ones left out. */
  allPositions(): Record<Symbol, Lots> {
    const out: Record<Symbol, Lots> = {};
    for (const [symbol, qty] of this.positions) if (qty !== 0) out[symbol] = qty;
    return out;
  }

  /** The user's fills with ts >= sinceTs, oldest first. */
  fillsSince(sinceTs: number): VenueFill[] {
    // Fills are appended in time order: binary search for the first one at or after sinceTs.
    let lo = 0;
    let hi = this.fills.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.fills[mid]!.ts < sinceTs) lo = mid + 1;
      else hi = mid;
    }
    return this.fills.slice(lo);
  }

  /** The next queue number: an order joining the back of a queue now. */
  private enqueue(order: SimOrder): void {
    order.queueNo = ++this.queueNo;
  }

  apply(record: LedgerRecord): void {
    switch (record.k) {
      case 'accepted': {
        const order = { ...record.order };
        if (this.working.has(order.clientOrderId)) throw new LedgerError(`order ${order.clientOrderId} accepted twice`);
        this.closed.delete(order.clientOrderId); // a reused id now names this new order
        if (order.status === 'open') this.enqueue(order);
        this.addWorking(order);
        this.lastOrderNo = Math.max(this.lastOrderNo, order.orderNo);
        return;
      }
      case 'triggered': {
        const order = this.mustWork(record.id);
        order.triggered = true;
        order.status = 'open';
        order.updatedAt = record.ts;
        this.enqueue(order);
        return;
      }
      case 'fill': {
        const { fill } = record;
        const order = this.mustWork(fill.clientOrderId);
        if (order.filledQty + fill.qty > order.qty) throw new LedgerError(`fill ${fill.fillId} overfills ${order.clientOrderId}`);
        order.filledQty += fill.qty;
        order.updatedAt = fill.ts;
        this.positions.set(fill.symbol, this.position(fill.symbol) + signedQty(fill.side, fill.qty));
        this.fills.push(fill);
        // Trimmed in batches so the array is not shifted on every fill.
        if (this.fills.length > FILL_HISTORY + FILL_HISTORY / 10) this.fills = this.fills.slice(-FILL_HISTORY);
        this.lastFillNo = Math.max(this.lastFillNo, record.no);
        if (order.filledQty === order.qty) {
          order.status = 'filled';
          this.removeWorking(order);
          this.close(order);
        }
        return;
      }
      case 'amended': {
        const order = this.mustWork(record.id);
        if (record.price !== undefined) order.price = record.price;
        if (record.stopPrice !== undefined) order.stopPrice = record.stopPrice;
        order.qty = record.qty;
        order.updatedAt = record.ts;
        if (record.requeued) this.enqueue(order);
        return;
      }
      case 'ended': {
        const order = this.mustWork(record.id);
        order.status = record.status;
        order.updatedAt = record.ts;
        if (record.reason !== undefined) order.reason = record.reason;
        this.removeWorking(order);
        this.close(order);
        return;
      }
      case 'imported': {
        for (const o of record.orders) this.apply({ k: 'accepted', order: o });
        this.lastOrderNo = Math.max(this.lastOrderNo, record.nextOrderNo - 1);
        this.lastFillNo = Math.max(this.lastFillNo, record.nextFillNo - 1);
        return;
      }
    }
  }

  snapshot(): LedgerSnapshot {
    return {
      version: 1,
      working: this.workingOrders(),
      closed: [...this.closed.values()],
      fills: this.fills.slice(-FILL_HISTORY),
      positions: this.allPositions(),
      lastOrderNo: this.lastOrderNo,
      lastFillNo: this.lastFillNo,
      queueNo: this.queueNo,
    };
  }

  /** Replaces everything with a snapshot's content (validated: a snapshot is never trusted blindly). */
  restore(json: unknown): void {
    const parsed = snapshotSchema.safeParse(json);
    if (!parsed.success) throw new LedgerError(`snapshot has an unexpected shape: ${parsed.error.issues[0]?.message ?? ''}`);
    const s = parsed.data;
    this.working.clear();
    this.workingBySymbol.clear();
    this.closed.clear();
    this.positions.clear();
    for (const o of s.working as SimOrder[]) {
      if (!isWorking(o.status)) throw new LedgerError(`snapshot lists ${o.clientOrderId} as working with status ${o.status}`);
      this.addWorking({ ...o });
    }
    for (const o of s.closed as SimOrder[]) this.close({ ...o });
    this.fills = s.fills.map((f) => ({ ...f }));
    for (const [symbol, qty] of Object.entries(s.positions)) this.positions.set(symbol, qty);
    this.lastOrderNo = s.lastOrderNo;
    this.lastFillNo = s.lastFillNo;
    this.queueNo = s.queueNo;
  }

  private mustWork(clientOrderId: string): SimOrder {
    const order = this.working.get(clientOrderId);
    if (!order) throw new LedgerError(`record for ${clientOrderId}, which is not working`);
    return order;
  }

  private addWorking(order: SimOrder): void {
    this.working.set(order.clientOrderId, order);
    let bySymbol = this.workingBySymbol.get(order.symbol);
    if (!bySymbol) this.workingBySymbol.set(order.symbol, (bySymbol = new Map()));
    bySymbol.set(order.clientOrderId, order);
  }

  private removeWorking(order: SimOrder): void {
    this.working.delete(order.clientOrderId);
    this.workingBySymbol.get(order.symbol)?.delete(order.clientOrderId);
  }

  private close(order: SimOrder): void {
    this.closed.delete(order.clientOrderId); // re-inserted at the end: the newest closed order
    this.closed.set(order.clientOrderId, order);
    if (this.closed.size > CLOSED_MEMORY) this.closed.delete(this.closed.keys().next().value!);
  }
}
