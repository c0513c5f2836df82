/**
 * Binance spot's Order Amend Keep Priority on the wire (PUT /api/v3/order/amend/keepPriority): the
 * parameters for a new total quantity, and the answer read back. The order keeps its client order id
 * only if it is sent again as newClientOrderId (Binance otherwise gives the order a random one, and
 * every later request by our id would miss it), so it always is.
 *
 * The answer names the quantity `qty` (not `origQty` as the other order bodies do).
 */
import { formatQty, type Instrument } from '../../instruments';
import { orderAmounts, type OrderAmounts } from './orderAmounts';
import type { Wire } from './wire';

export const AMEND_PATH = '/api/v3/order/amend/keepPriority';

/** The parameters that lower `clientOrderId`'s total quantity (filled part included) to `qty` lots. */
export function amendParams(inst: Instrument, clientOrderId: string, qty: number): Wire<Record<string, string>> {
  if (!Number.isSafeInteger(qty) || qty <= 0) return { ok: false, reason: 'the new quantity must be a positive whole number of lots' };
  return { ok: true, value: { symbol: inst.venueSymbol, origClientOrderId: clientOrderId, newClientOrderId: clientOrderId, newQty: formatQty(inst, qty) } };
}

/** The answer to an amend, the fields read here. */
export interface WireAmendAnswer {
  transactTime?: number;
  amendedOrder?: {
    orderId?: unknown;
    origClientOrderId?: unknown;
    clientOrderId?: unknown;
    price?: unknown;
    qty?: unknown;
    executedQty?: unknown;
    status?: unknown;
  };
}

export interface AmendedOrder extends OrderAmounts {
  /** The id the order goes by at Binance now (ours, unless Binance gave it another). */
  clientOrderId: string;
  status: string;
  transactTime: number | undefined;
}

/** The amended order's terms in ticks and lots, or why the answer cannot be read. */
export function readAmendAnswer(inst: Instrument, body: WireAmendAnswer | undefined): Wire<AmendedOrder> {
  const o = body?.amendedOrder;
  if (!o || typeof o !== 'object') return { ok: false, reason: 'the amend answer has no amendedOrder' };
  const { clientOrderId, price, qty, executedQty, status } = o;
  if (typeof clientOrderId !== 'string' || typeof price !== 'string' || typeof qty !== 'string' || typeof executedQty !== 'string' || typeof status !== 'string') {
    return { ok: false, reason: 'the amend answer\'s amendedOrder lacks clientOrderId, price, qty, executedQty or status' };
  }
  const amounts = orderAmounts(inst, { clientOrderId, origQty: qty, executedQty, price });
  if (!amounts.ok) return amounts;
  return { ok: true, value: { ...amounts.value, clientOrderId, status, transactTime: typeof body?.transactTime === 'number' ? body.transactTime : undefined } };
}
