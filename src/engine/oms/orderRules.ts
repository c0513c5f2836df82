import { hasLimitPrice, isStopType } from '../core';
import { isTerminal } from './stateMachine';
import type { Order, OrderChange, OrderRequest } from './types';

/**
 * Whether a request is a well-formed order of its type, whatever the venue: the fields each type and
 * time in force need, and only those, in whole ticks and lots. Returns the reason, or undefined.
 * (Risk limits are the risk manager's; this is about the order making sense at all.)
 */
export function orderRequestProblem(req: OrderRequest, now: number): string | undefined {
  if (hasLimitPrice(req.type)) {
    if (req.price === undefined) return `a ${typeName(req)} order needs a price`;
  } else if (req.price !== undefined) return `a ${typeName(req)} order takes no price`;
  if (isStopType(req.type)) {
    if (req.stopPrice === undefined) return `a ${typeName(req)} order needs a stop price`;
  } else if (req.stopPrice !== undefined) return `only a stop order takes a stop price`;
  const tif = req.tif ?? defaultTif(req);
  if ((tif === 'GTD') !== (req.expireAt !== undefined)) return 'GTD needs an expiry time, and only GTD takes one';
  if (req.expireAt !== undefined && req.expireAt <= now) return 'the expiry time is already past';
  if (req.postOnly && req.type !== 'limit') return 'only a limit order can be post-only';
  if (req.postOnly && (tif === 'IOC' || tif === 'FOK')) return `a post-only order cannot be ${tif}: it would never rest`;
  if (req.type === 'market' && (tif === 'GTC' || tif === 'GTD' || tif === 'DAY')) return `a market order cannot be ${tif}`;
  return termsProblem(req.price, req.stopPrice, req.qty);
}

/** Whether an amend can be asked for now, and makes sense for the order. */
export function amendProblem(order: Order, change: OrderChange): string | undefined {
  if (isTerminal(order.status)) return `order ${order.clientOrderId} is ${order.status}; only a working order can be amended`;
  if (order.status === 'pending_update') return `order ${order.clientOrderId} is already being amended; wait for the venue's answer`;
  if (order.status === 'pending_cancel') return `order ${order.clientOrderId} is being canceled`;
  if (change.price !== undefined && !hasLimitPrice(order.type)) return `a ${order.type.replace('_', '-')} order has no limit price to change`;
  if (change.stopPrice !== undefined && !isStopType(order.type)) return 'only a stop order has a stop price';
  if (change.stopPrice !== undefined && order.triggeredAt !== undefined) return 'the stop has already triggered';
  if (change.qty !== undefined && change.qty <= order.filledQty) {
    return `the new quantity must be more than the ${order.filledQty} lots already filled`;
  }
  const same =
    (change.price === undefined || change.price === order.price) &&
    (change.stopPrice === undefined || change.stopPrice === order.stopPrice) &&
    (change.qty === undefined || change.qty === order.qty);
  if (same) return 'the amend changes nothing';
  return termsProblem(change.price, change.stopPrice, change.qty);
}

/** Market orders are IOC; everything else rests until canceled unless told otherwise. */
export const defaultTif = (req: Pick<OrderRequest, 'type' | 'tif'>): NonNullable<OrderRequest['tif']> =>
  req.tif ?? (req.type === 'market' ? 'IOC' : 'GTC');

function termsProblem(price?: number, stopPrice?: number, qty?: number): string | undefined {
  if (price !== undefined && !(Number.isSafeInteger(price) && price > 0)) return 'price must be a positive whole number of ticks';
  if (stopPrice !== undefined && !(Number.isSafeInteger(stopPrice) && stopPrice > 0)) return 'stop price must be a positive whole number of ticks';
  if (qty !== undefined && !(Number.isSafeInteger(qty) && qty > 0)) return 'quantity must be a positive whole number of lots';
  return undefined;
}

const typeName = (req: OrderRequest): string => req.type.replace('_', '-');
