import type { Order, OrderChange } from '../../../core';
import { checkFlags, code, decoded, ORDER_TYPES, PRODUCT_CODES, ROLES, SIDES, SOURCES, STATUSES, TIFS } from './enumCodes';
import { PayloadDecodeError, type PayloadReader } from './payloadReader';
import type { PayloadWriter } from './payloadWriter';

/**
 * The binary layout of an Order and of an OrderChange, shared by every record that carries one.
 *
 * Order:
 *   flags (uint: which optional fields follow, plus the two booleans)
 *   clientOrderId, venue, symbol (str)
 *   side | type << 1 | tif << 4 (u8), status (u8), source (u8)
 *   qty, filledQty, filledValue, fees (int), version (uint), createdAt, updatedAt (int)
 *   then each optional field whose flag is set, in flag order.
 */
const OrderFlag = {
  VenueOrderId: 1 << 0,
  Price: 1 << 1,
  RejectReason: 1 << 2,
  CancelReason: 1 << 3,
  PostOnly: 1 << 4,
  ReduceOnly: 1 << 5,
  StopPrice: 1 << 6,
  ExpireAt: 1 << 7,
  PriorStatus: 1 << 8,
  PendingAmend: 1 << 9,
  TriggeredAt: 1 << 10,
  GroupId: 1 << 11,
  Role: 1 << 12,
  ParentId: 1 << 13,
  /** Added later: journals written before it never set the bit, so they read as before. */
  UnknownReason: 1 << 14,
  Product: 1 << 15,
  AfterMarket: 1 << 16,
} as const;
const ORDER_FLAGS = Object.values(OrderFlag).reduce((a, b) => a | b, 0);

// side, type and tif share one byte: 1 + 3 + 3 bits. Appending to a list past its bits would make
// the packed byte ambiguous, so that is caught when the module loads, not on a trader's order.
const TYPE_SHIFT = 1;
const TIF_SHIFT = 4;
if (SIDES.length > 2 || ORDER_TYPES.length > 8 || TIFS.length > 8) {
  throw new Error('an enum outgrew its bits in the packed order byte: give the order record a new layout');
}

const ChangeFlag = { Price: 1, StopPrice: 2, Qty: 4 } as const;
const CHANGE_FLAGS = ChangeFlag.Price | ChangeFlag.StopPrice | ChangeFlag.Qty;

const has = (value: unknown, flag: number): number => (value !== undefined ? flag : 0);

export function writeOrder(w: PayloadWriter, o: Order): void {
  const flags =
    has(o.venueOrderId, OrderFlag.VenueOrderId) |
    has(o.price, OrderFlag.Price) |
    has(o.rejectReason, OrderFlag.RejectReason) |
    has(o.cancelReason, OrderFlag.CancelReason) |
    (o.postOnly ? OrderFlag.PostOnly : 0) |
    (o.reduceOnly ? OrderFlag.ReduceOnly : 0) |
    has(o.stopPrice, OrderFlag.StopPrice) |
    has(o.expireAt, OrderFlag.ExpireAt) |
    has(o.priorStatus, OrderFlag.PriorStatus) |
    has(o.pendingAmend, OrderFlag.PendingAmend) |
    has(o.triggeredAt, OrderFlag.TriggeredAt) |
    has(o.groupId, OrderFlag.GroupId) |
    has(o.role, OrderFlag.Role) |
    has(o.parentId, OrderFlag.ParentId) |
    has(o.unknownReason, OrderFlag.UnknownReason) |
    has(o.product, OrderFlag.Product) |
    (o.afterMarket === true ? OrderFlag.AfterMarket : 0);
  w.uint(flags).str(o.clientOrderId).str(o.venue).str(o.symbol);
  w.u8(
    code(SIDES, o.side, 'side') |
      (code(ORDER_TYPES, o.type, 'order type') << TYPE_SHIFT) |
      (code(TIFS, o.tif, 'time in force') << TIF_SHIFT),
  );
  w.u8(code(STATUSES, o.status, 'status')).u8(code(SOURCES, o.source, 'source'));
  w.int(o.qty).int(o.filledQty).int(o.filledValue).int(o.fees).uint(o.version).int(o.createdAt).int(o.updatedAt);
  if (o.venueOrderId !== undefined) w.str(o.venueOrderId);
  if (o.price !== undefined) w.int(o.price);
  if (o.rejectReason !== undefined) w.str(o.rejectReason);
  if (o.cancelReason !== undefined) w.str(o.cancelReason);
  if (o.stopPrice !== undefined) w.int(o.stopPrice);
  if (o.expireAt !== undefined) w.int(o.expireAt);
  if (o.priorStatus !== undefined) w.u8(code(STATUSES, o.priorStatus, 'prior status'));
  if (o.pendingAmend !== undefined) writeChange(w, o.pendingAmend);
  if (o.triggeredAt !== undefined) w.int(o.triggeredAt);
  if (o.groupId !== undefined) w.str(o.groupId);
  if (o.role !== undefined) w.u8(code(ROLES, o.role, 'role'));
  if (o.parentId !== undefined) w.str(o.parentId);
  if (o.unknownReason !== undefined) w.str(o.unknownReason);
  if (o.product !== undefined) w.u8(code(PRODUCT_CODES, o.product, 'product'));
}

export function readOrder(r: PayloadReader): Order {
  const flags = checkFlags(r.uint(), ORDER_FLAGS, 'order');
  const clientOrderId = r.str();
  const venue = r.str();
  const symbol = r.str();
  const packed = r.u8();
  if (packed >> 7 !== 0) throw new PayloadDecodeError(`order: unknown high bit in the side/type/tif byte ${packed}`);
  const order: Order = {
    clientOrderId,
    venue,
    symbol,
    side: decoded(SIDES, packed & 1, 'side'),
    type: decoded(ORDER_TYPES, (packed >> TYPE_SHIFT) & 7, 'order type'),
    tif: decoded(TIFS, (packed >> TIF_SHIFT) & 7, 'time in force'),
    postOnly: (flags & OrderFlag.PostOnly) !== 0,
    reduceOnly: (flags & OrderFlag.ReduceOnly) !== 0,
    status: decoded(STATUSES, r.u8(), 'status'),
    source: decoded(SOURCES, r.u8(), 'source'),
    qty: r.int(),
    filledQty: r.int(),
    filledValue: r.int(),
    fees: r.int(),
    version: r.uint(),
    createdAt: r.int(),
    updatedAt: r.int(),
  };
  // Absent optional fields stay absent, so a decoded order deep-equals the one encoded.
  if (flags & OrderFlag.VenueOrderId) order.venueOrderId = r.str();
  if (flags & OrderFlag.Price) order.price = r.int();
  if (flags & OrderFlag.RejectReason) order.rejectReason = r.str();
  if (flags & OrderFlag.CancelReason) order.cancelReason = r.str();
  if (flags & OrderFlag.StopPrice) order.stopPrice = r.int();
  if (flags & OrderFlag.ExpireAt) order.expireAt = r.int();
  if (flags & OrderFlag.PriorStatus) order.priorStatus = decoded(STATUSES, r.u8(), 'prior status');
  if (flags & OrderFlag.PendingAmend) order.pendingAmend = readChange(r);
  if (flags & OrderFlag.TriggeredAt) order.triggeredAt = r.int();
  if (flags & OrderFlag.GroupId) order.groupId = r.str();
  if (flags & OrderFlag.Role) order.role = decoded(ROLES, r.u8(), 'role');
  if (flags & OrderFlag.ParentId) order.parentId = r.str();
  if (flags & OrderFlag.UnknownReason) order.unknownReason = r.str();
  if (flags & OrderFlag.Product) order.product = decoded(PRODUCT_CODES, r.u8(), 'product');
  if (flags & OrderFlag.AfterMarket) order.afterMarket = true;
  return order;
}

/** OrderChange: flags (u8), then price, stopPrice, qty (int) for each flag set. */
export function writeChange(w: PayloadWriter, c: OrderChange): void {
  w.u8(has(c.price, ChangeFlag.Price) | has(c.stopPrice, ChangeFlag.StopPrice) | has(c.qty, ChangeFlag.Qty));
  if (c.price !== undefined) w.int(c.price);
  if (c.stopPrice !== undefined) w.int(c.stopPrice);
  if (c.qty !== undefined) w.int(c.qty);
}

export function readChange(r: PayloadReader): OrderChange {
  const flags = checkFlags(r.u8(), CHANGE_FLAGS, 'order change');
  const change: OrderChange = {};
  if (flags & ChangeFlag.Price) change.price = r.int();
  if (flags & ChangeFlag.StopPrice) change.stopPrice = r.int();
  if (flags & ChangeFlag.Qty) change.qty = r.int();
  return change;
}
