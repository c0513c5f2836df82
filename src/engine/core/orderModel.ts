import type { Liquidity, Lots, OrderType, Product, QuoteUnits, Side, Source, Symbol, Ticks, TimeInForce, VenueId } from './types';

// The order model shared by storage (journal codec, SQLite rows), risk (pre-trade checks, exposure),
// portfolio (fills) and the OMS that drives it. It lives in core, beneath all of them, so none of
// them imports another to learn what an order is. The OMS re-exports it (oms/types.ts).

/**
 * The order lifecycle; the legal moves are the table in oms/stateMachine.ts.
 * - initialized: known to the OMS, not yet sent (journaling, or a bracket child not yet armed);
 * - submitted: sent, no answer yet; accepted: live at the venue (an untriggered stop waits there);
 * - triggered: a stop that reached its price and is now a live market/limit order;
 * - pending_update / pending_cancel: an amend / cancel is on its way; the venue has the last word;
 * - terminal: filled, canceled, rejected, expired (by time in force: IOC/FOK remainder, GTD, DAY).
 */
export type OrderStatus =
  | 'initialized'
  | 'submitted'
  | 'accepted'
  | 'triggered'
  | 'partially_filled'
  | 'pending_update'
  | 'pending_cancel'
  | 'filled'
  | 'canceled'
  | 'rejected'
  | 'expired';

/** Where an order sits in a bracket or OCO group. */
export type OrderRole = 'entry' | 'take_profit' | 'stop_loss' | 'oco_leg';

export interface Order {
  clientOrderId: string;
  venueOrderId?: string;
  venue: VenueId;
  symbol: Symbol;
  side: Side;
  type: OrderType;
  tif: TimeInForce;
  postOnly: boolean;
  reduceOnly: boolean;
  price?: Ticks; // limit price: limit and stop_limit only
  stopPrice?: Ticks; // stop_market and stop_limit only
  expireAt?: number; // GTD only
  /** Kite's product (CNC, MIS, NRML); absent on venues without products. */
  product?: Product;
  /** Placed as an after-market order (Kite's AMO variety): queued by the broker for the next session. */
  afterMarket?: boolean;
  qty: Lots;
  filledQty: Lots;
  /** Sum of fill price * fill qty, in ticks*lots; average price = filledValue / filledQty. */
  filledValue: number;
  fees: QuoteUnits;
  status: OrderStatus;
  /** While pending_update or pending_cancel: the status to return to if the venue refuses. */
  priorStatus?: OrderStatus;
  /** While pending_update: what was asked for. */
  pendingAmend?: OrderChange;
  /** 1 at submission; +1 each time the venue confirms an amend. */
  version: number;
  triggeredAt?: number;
  rejectReason?: string;
  /** Why the order ended canceled or expired when it was not simply asked for. */
  cancelReason?: string;
  /**
   * Set while the venue's answer to the order's submission was lost: the order may or may not be live
   * there, and the views show it as "unknown" whatever its status says. Cleared by the venue's next
   * word about the order (found and accepted, filled, or "never placed": rejected).
   */
  unknownReason?: string;
  /** Bracket or OCO group this order belongs to (the entry's clientOrderId for a bracket). */
  groupId?: string;
  role?: OrderRole;
  /** A bracket child's entry order. */
  parentId?: string;
  source: Source;
  createdAt: number;
  updatedAt: number;
}

/** An amend: absent fields unchanged; qty is the new total quantity, filled part included. */
export interface OrderChange {
  price?: Ticks;
  stopPrice?: Ticks;
  qty?: Lots;
}

/** One version of an order's terms; version 1 is as submitted, each confirmed amend adds one. */
export interface OrderVersion {
  clientOrderId: string;
  version: number;
  price?: Ticks;
  stopPrice?: Ticks;
  qty: Lots;
  at: number;
  source: Source;
}

export interface Fill {
  fillId: string;
  clientOrderId: string;
  venue: VenueId;
  symbol: Symbol;
  side: Side;
  price: Ticks;
  qty: Lots;
  liquidity: Liquidity;
  fee: QuoteUnits;
  ts: number;
  /** The venue closed the position at a derivative's expiry (cash settlement at `price`), not a trade of ours. */
  settlement?: true;
}

/** What a caller asks for; prices and quantities already parsed to ticks and lots. */
export interface OrderRequest {
  clientOrderId?: string;
  venue: VenueId;
  symbol: Symbol;
  side: Side;
  type: OrderType;
  tif?: TimeInForce;
  postOnly?: boolean;
  reduceOnly?: boolean;
  price?: Ticks;
  stopPrice?: Ticks;
  expireAt?: number;
  product?: Product;
  afterMarket?: boolean;
  qty: Lots;
  /** An algo child's parent order (algos/): recorded on the order, so a restart finds the parent's children. */
  parentId?: string;
}

/** The terms and progress of an order that an audit entry shows before and after. */
export type AuditState = Pick<Order, 'status' | 'price' | 'stopPrice' | 'qty' | 'filledQty' | 'version'>;

/** What happened to an order. */
export type AuditAction =
  | 'submit'
  | 'send'
  | 'accept'
  | 'reject'
  | 'trigger'
  | 'fill'
  | 'amend_request'
  | 'amend'
  | 'amend_reject'
  | 'cancel_request'
  | 'cancel'
  | 'cancel_reject'
  | 'expire'
  | 'arm'
  | 'reconcile';

/** One order event: who, what, when, and the order before and after. */
export interface AuditEntry {
  /** Journal sequence of the record that caused it, and its position among that record's entries: the key. */
  seq: number;
  n: number;
  ts: number;
  clientOrderId: string;
  venue: VenueId;
  symbol: Symbol;
  action: AuditAction;
  source: Source;
  before?: AuditState;
  after: AuditState;
  /** Free text: a reason, a fill's price and size, a reconcile difference. */
  detail?: string;
}

export interface AuditQuery {
  clientOrderId?: string;
  source?: Source;
  from?: number;
  to?: number;
  limit?: number;
}

export const WORKING_STATUSES: readonly OrderStatus[] = [
  'initialized',
  'submitted',
  'accepted',
  'triggered',
  'partially_filled',
  'pending_update',
  'pending_cancel',
];
