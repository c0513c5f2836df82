import { err, ok, type Clock, type Result, type Source } from '../core';
import { CLIENT_ORDER_ID } from './clientOrderIds';
import { defaultTif, orderRequestProblem } from './orderRules';
import type { Order, OrderRequest } from './types';

/**
 * A well-formed Order from a request, or why not. Nothing is recorded. `nextId` is asked for a
 * generated clientOrderId only when the request brings none and is well-formed.
 */
export function orderFromRequest(req: OrderRequest, source: Source, clock: Clock, nextId: () => string): Result<Order> {
  if (req.clientOrderId !== undefined && !CLIENT_ORDER_ID.test(req.clientOrderId)) {
    return err('INVALID_INPUT', `clientOrderId must be 1-36 characters of A-Z a-z 0-9 . _ : / -`);
  }
  const now = clock.now();
  const problem = orderRequestProblem(req, now);
  if (problem) return err('INVALID_INPUT', problem);
  const order: Order = {
    clientOrderId: req.clientOrderId ?? nextId(),
    venue: req.venue,
    symbol: req.symbol,
    side: req.side,
    type: req.type,
    tif: defaultTif(req),
    postOnly: req.postOnly ?? false,
    reduceOnly: req.reduceOnly ?? false,
    qty: req.qty,
    filledQty: 0,
    filledValue: 0,
    fees: 0,
    status: 'initialized',
    version: 1,
    source,
    createdAt: now,
    updatedAt: now,
  };
  if (req.price !== undefined) order.price = req.price;
  if (req.stopPrice !== undefined) order.stopPrice = req.stopPrice;
  if (req.expireAt !== undefined) order.expireAt = req.expireAt;
  if (req.product !== undefined) order.product = req.product;
  if (req.afterMarket === true) order.afterMarket = true;
  if (req.parentId !== undefined) order.parentId = req.parentId;
  return ok(order);
}

/** What makes two orders the same order: a resubmitted clientOrderId must agree on all of them. */
const TERMS = ['venue', 'symbol', 'side', 'type', 'qty', 'price', 'stopPrice', 'tif', 'postOnly', 'reduceOnly', 'expireAt', 'product', 'afterMarket'] as const;

/** The first term in which two orders differ, if any. */
export function termsDiffer(a: Order, b: Order): (typeof TERMS)[number] | undefined {
  return TERMS.find((term) => a[term] !== b[term]);
}
