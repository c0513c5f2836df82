import type { Ticks } from '../core';
import { WORKING_STATUSES, type AuditEntry, type AuditState, type Fill, type Order, type OrderRequest, type VenueId } from '../core';

// The order model itself (Order, OrderChange, Fill, OrderRequest, audit entries, WORKING_STATUSES)
// lives in core/orderModel.ts, beneath storage and risk, which need it too; re-exported here
// unchanged so importers of the OMS keep finding it where they always did.
export type {
  AuditAction,
  AuditEntry,
  AuditQuery,
  AuditState,
  Fill,
  Order,
  OrderChange,
  OrderRequest,
  OrderRole,
  OrderStatus,
  OrderVersion,
} from '../core';
export { WORKING_STATUSES } from '../core';

/** Entry plus take-profit (limit) and stop-loss (stop_market, or stop_limit with a price); children armed when the entry fills. */
export interface BracketRequest {
  entry: OrderRequest;
  takeProfit: { price: Ticks };
  stopLoss: { stopPrice: Ticks; price?: Ticks };
}

/** Two orders on one instrument, one side and size; a fill on either cancels the other. */
export interface OcoRequest {
  legs: [OrderRequest, OrderRequest];
}

export interface CancelRejected {
  venue: VenueId;
  clientOrderId: string;
  reason: string;
  ts: number;
}

/** What the OMS publishes on its event bus. */
export type OmsEvents = {
  /** An order after a change, once the change is durable. */
  order: Order;
  /** A new fill (never a duplicate), once durable. */
  fill: Fill;
  audit: AuditEntry;
  cancelRejected: CancelRejected;
  /**
   * An order the instant the OMS decides it, before it is durable: for in-process trackers that must
   * count an order from the moment it exists (risk's open orders). Views use `order`.
   */
  applied: Order;
};

/** Working = not terminal: it may still trade, so risk counts it and the kill switch cancels it. */
export const isWorking = (o: Order): boolean => WORKING_STATUSES.includes(o.status);

export const auditState = (o: Order): AuditState => {
  const s: AuditState = { status: o.status, qty: o.qty, filledQty: o.filledQty, version: o.version };
  if (o.price !== undefined) s.price = o.price;
  if (o.stopPrice !== undefined) s.stopPrice = o.stopPrice;
  return s;
};
