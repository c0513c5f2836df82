import { hasLimitPrice, isStopType, type OrderType, type Ticks } from '../../core';
import { formatQuote, notional, type Instrument } from '../../instruments';
import type { VenueAmend, VenueOrderRequest } from '../types';
import type { SimOrder } from './simOrder';

const ORDER_TYPES: readonly OrderType[] = ['limit', 'market', 'stop_market', 'stop_limit'];
const TIFS: readonly string[] = ['GTC', 'IOC', 'FOK', 'GTD', 'DAY'];
const TYPE_NAME: Record<OrderType, string> = {
  limit: 'a limit order',
  market: 'a market order',
  stop_market: 'a stop-market order',
  stop_limit: 'a stop-limit order',
};

const isTicks = (n: unknown): boolean => Number.isSafeInteger(n) && (n as number) > 0;

/**
 * The exchange's own order checks, with the reasons a trader reads on a rejection. The matching
 * engine repeats the structural ones as a safety net; these are the user-facing versions.
 * `reference` is the price a market order is valued at (the contra touch), if there is one; `now`
 * is the venue's time, which a GTD expiry must lie after.
 */
export function validateOrder(inst: Instrument, req: VenueOrderRequest, reference: Ticks | undefined, now: number): string | undefined {
  if (req.side !== 'buy' && req.side !== 'sell') return `unknown side ${String(req.side)}`;
  if (!ORDER_TYPES.includes(req.type)) return `unknown order type ${String(req.type)}`;
  if (!TIFS.includes(req.tif)) return `unknown time in force ${String(req.tif)}`;
  if (!Number.isSafeInteger(req.qty) || req.qty <= 0) return 'quantity must be a positive whole number of lots';
  const name = TYPE_NAME[req.type];
  if (hasLimitPrice(req.type)) {
    if (req.price === undefined) return `${name} needs a price`;
    if (!isTicks(req.price)) return 'price must be a positive whole number of ticks';
  } else if (req.price !== undefined) {
    return `${name} takes no limit price`;
  }
  if (isStopType(req.type)) {
    if (req.stopPrice === undefined) return `${name} needs a stop price`;
    if (!isTicks(req.stopPrice)) return 'stop price must be a positive whole number of ticks';
  } else if (req.stopPrice !== undefined) {
    return 'only stop orders take a stop price';
  }
  if (req.postOnly && !hasLimitPrice(req.type)) return `${name} cannot be post-only`;
  // Post-only means "only ever a maker": an order that may not rest could never be one.
  if (req.postOnly && (req.tif === 'IOC' || req.tif === 'FOK')) return 'a post-only order must be able to rest: use GTC, GTD or DAY';
  // A plain market order never rests, so a time in force that ends a resting order means nothing;
  // a stop-market's GTD/DAY bounds how long the untriggered stop waits.
  if (req.type === 'market' && (req.tif === 'GTD' || req.tif === 'DAY')) return `a market order cannot be ${req.tif}: it never rests`;
  if (req.tif === 'GTD') {
    if (req.expireAt === undefined) return 'a GTD order needs an expiry time';
    if (!Number.isSafeInteger(req.expireAt) || req.expireAt <= now) return 'the expiry time of a GTD order must be in the future';
  } else if (req.expireAt !== undefined) {
    return 'an expiry time is only for GTD orders';
  }
  // A stop-market is valued where it triggers; a market order at the touch it would take.
  const valuedAt = hasLimitPrice(req.type) ? req.price : isStopType(req.type) ? req.stopPrice : reference;
  if (valuedAt !== undefined && notional(inst, valuedAt, req.qty) < inst.minNotional) {
    return `order value below the minimum notional of ${formatQuote(inst, inst.minNotional)} ${inst.quote}`;
  }
  return undefined;
}

/** An amend's checks against the working order; on success, the order's terms after the amend. */
export type AmendCheck = { ok: true; price: Ticks | undefined; stopPrice: Ticks | undefined; qty: number } | { ok: false; reason: string };

/**
 * Checks an amend the way a new order is checked (the amended terms must make a valid order), plus
 * what only an amend can get wrong: a field the order does not have, a stop that has already
 * triggered, a total quantity not above what has already filled.
 */
export function validateAmend(inst: Instrument, order: SimOrder, change: VenueAmend, reference: Ticks | undefined, now: number): AmendCheck {
  const fail = (reason: string): AmendCheck => ({ ok: false, reason });
  if (change.price === undefined && change.stopPrice === undefined && change.qty === undefined) return fail('nothing to amend');
  if (change.price !== undefined && !hasLimitPrice(order.type)) return fail('only limit and stop-limit orders have a price to amend');
  if (change.stopPrice !== undefined) {
    if (!isStopType(order.type)) return fail('only stop orders have a stop price to amend');
    if (order.triggered) return fail('the stop has already triggered');
  }
  const price = change.price ?? order.price;
  const stopPrice = change.stopPrice ?? order.stopPrice;
  const qty = change.qty ?? order.qty;
  if (!Number.isSafeInteger(qty) || qty <= 0) return fail('quantity must be a positive whole number of lots');
  if (qty <= order.filledQty) return fail(`the new quantity must be above the filled quantity (${order.filledQty} lots)`);
  const invalid = validateOrder(
    inst,
    {
      clientOrderId: order.clientOrderId,
      symbol: order.symbol,
      side: order.side,
      type: order.type,
      tif: order.tif,
      postOnly: order.postOnly,
      reduceOnly: order.reduceOnly,
      ...(price === undefined ? {} : { price }),
      ...(stopPrice === undefined ? {} : { stopPrice }),
      ...(order.tif === 'GTD' ? { expireAt: order.expireAt } : {}),
      qty,
    },
    reference,
    now,
  );
  return invalid ? fail(invalid) : { ok: true, price, stopPrice, qty };
}
