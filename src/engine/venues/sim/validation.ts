import type { Ticks } from '../../core';
import { formatQuote, notional, type Instrument } from '../../instruments';
import type { VenueOrderRequest } from '../types';

/**
 * The exchange's own order checks, with the reasons a trader reads on a rejection. The matching
 * engine repeats the structural ones as a safety net; these are the user-facing versions.
 * `reference` is the price a market order is valued at (the contra touch), if there is one.
 */
export function validateOrder(inst: Instrument, req: VenueOrderRequest, reference: Ticks | undefined): string | undefined {
  if (req.side !== 'buy' && req.side !== 'sell') return `unknown side ${String(req.side)}`;
  if (req.type !== 'limit' && req.type !== 'market') return `unknown order type ${String(req.type)}`;
  if (req.tif !== 'GTC' && req.tif !== 'IOC') return `unknown time in force ${String(req.tif)}`;
  if (!Number.isSafeInteger(req.qty) || req.qty <= 0) return 'quantity must be a positive whole number of lots';
  if (req.type === 'limit') {
    if (req.price === undefined) return 'a limit order needs a price';
    if (!Number.isSafeInteger(req.price) || req.price <= 0) return 'price must be a positive whole number of ticks';
  }
  if (req.type === 'market' && req.postOnly) return 'a market order cannot be post-only';
  const valuedAt = req.type === 'limit' ? req.price : reference;
  if (valuedAt !== undefined && notional(inst, valuedAt, req.qty) < inst.minNotional) {
    return `order value below the minimum notional of ${formatQuote(inst, inst.minNotional)} ${inst.quote}`;
  }
  return undefined;
}
