import type { Order, OrderChange, OrderRole, OrderStatus, OrderType, Product, Side, Source, TimeInForce } from '../core';

/** An orders row (schema v6) and its mapping to and from Order. */
export interface OrderRow {
  client_order_id: string;
  venue_order_id: string | null;
  venue: string;
  symbol: string;
  side: Side;
  type: OrderType;
  tif: TimeInForce;
  post_only: number;
  reduce_only: number;
  price: number | null;
  stop_price: number | null;
  expire_at: number | null;
  qty: number;
  filled_qty: number;
  filled_value: number;
  fees: number;
  status: OrderStatus;
  prior_status: OrderStatus | null;
  pending_amend: string | null;
  version: number;
  triggered_at: number | null;
  reject_reason: string | null;
  cancel_reason: string | null;
  group_id: string | null;
  role: OrderRole | null;
  parent_id: string | null;
  source: Source;
  created_at: number;
  updated_at: number;
  product: Product | null;
  after_market: number;
}

/** Every column, in table order: the upsert's column list, named parameters and update set come from it. */
export const ORDER_COLUMNS: readonly (keyof OrderRow)[] = [
  'client_order_id',
  'venue_order_id',
  'venue',
  'symbol',
  'side',
  'type',
  'tif',
  'post_only',
  'reduce_only',
  'price',
  'stop_price',
  'expire_at',
  'qty',
  'filled_qty',
  'filled_value',
  'fees',
  'status',
  'prior_status',
  'pending_amend',
  'version',
  'triggered_at',
  'reject_reason',
  'cancel_reason',
  'group_id',
  'role',
  'parent_id',
  'source',
  'created_at',
  'updated_at',
  'product',
  'after_market',
];

/** Only the change's own fields, so nothing else a caller's object carries ends up on disk. */
export function changeJson(c: OrderChange): string {
  const picked: OrderChange = {};
  if (c.price !== undefined) picked.price = c.price;
  if (c.stopPrice !== undefined) picked.stopPrice = c.stopPrice;
  if (c.qty !== undefined) picked.qty = c.qty;
  return JSON.stringify(picked);
}

export const toOrderRow = (o: Order): OrderRow => ({
  client_order_id: o.clientOrderId,
  venue_order_id: o.venueOrderId ?? null,
  venue: o.venue,
  symbol: o.symbol,
  side: o.side,
  type: o.type,
  tif: o.tif,
  post_only: o.postOnly ? 1 : 0,
  reduce_only: o.reduceOnly ? 1 : 0,
  price: o.price ?? null,
  stop_price: o.stopPrice ?? null,
  expire_at: o.expireAt ?? null,
  qty: o.qty,
  filled_qty: o.filledQty,
  filled_value: o.filledValue,
  fees: o.fees,
  status: o.status,
  prior_status: o.priorStatus ?? null,
  pending_amend: o.pendingAmend === undefined ? null : changeJson(o.pendingAmend),
  version: o.version,
  triggered_at: o.triggeredAt ?? null,
  reject_reason: o.rejectReason ?? null,
  cancel_reason: o.cancelReason ?? null,
  group_id: o.groupId ?? null,
  role: o.role ?? null,
  parent_id: o.parentId ?? null,
  source: o.source,
  created_at: o.createdAt,
  updated_at: o.updatedAt,
  product: o.product ?? null,
  after_market: o.afterMarket === true ? 1 : 0,
});

export function fromOrderRow(r: OrderRow): Order {
  const order: Order = {
    clientOrderId: r.client_order_id,
    venue: r.venue,
    symbol: r.symbol,
    side: r.side,
    type: r.type,
    tif: r.tif,
    postOnly: r.post_only === 1,
    reduceOnly: r.reduce_only === 1,
    qty: r.qty,
    filledQty: r.filled_qty,
    filledValue: r.filled_value,
    fees: r.fees,
    status: r.status,
    version: r.version,
    source: r.source,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
  // Optional fields stay absent (not undefined-valued) so a restored order equals the one saved.
  if (r.venue_order_id !== null) order.venueOrderId = r.venue_order_id;
  if (r.price !== null) order.price = r.price;
  if (r.stop_price !== null) order.stopPrice = r.stop_price;
  if (r.expire_at !== null) order.expireAt = r.expire_at;
  if (r.prior_status !== null) order.priorStatus = r.prior_status;
  if (r.pending_amend !== null) order.pendingAmend = JSON.parse(r.pending_amend) as OrderChange;
  if (r.triggered_at !== null) order.triggeredAt = r.triggered_at;
  if (r.reject_reason !== null) order.rejectReason = r.reject_reason;
  if (r.cancel_reason !== null) order.cancelReason = r.cancel_reason;
  if (r.group_id !== null) order.groupId = r.group_id;
  if (r.role !== null) order.role = r.role;
  if (r.parent_id !== null) order.parentId = r.parent_id;
  if (r.product !== null) order.product = r.product;
  if (r.after_market === 1) order.afterMarket = true;
  return order;
}
