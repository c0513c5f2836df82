/**
 * Our order request as Kite's order form (POST /orders/:variety), refused before sending with a clear
 * reason when Kite could not take it as asked: Kite has no GTC, FOK, post-only or reduce-only; it
 * needs a product on every order; our GTD becomes its TTL validity, in whole minutes.
 */
import { formatPrice, type Instrument } from '../../../instruments';
import type { VenueOrderRequest } from '../../types';
import { exchangeAndTradingSymbol, kiteOrderType, transactionType, unitsOf, type Parsed } from './kiteWire';

export type KiteVariety = 'regular' | 'amo';

export interface KiteOrderForm {
  variety: KiteVariety;
  params: Record<string, string | number>;
}

/**
 * Kite's "auto" market protection (-1): a MARKET or SL-M order fills only within the exchange's
 * protection band, which Kite requires of API market orders.
 */
export const AUTO_MARKET_PROTECTION = -1;

/** `marketProtection`: Kite's parameter as the trader's setting makes it (default: auto). */
export function kiteOrderForm(inst: Instrument, req: VenueOrderRequest, tag: string, now: number, marketProtection: string | number = AUTO_MARKET_PROTECTION): Parsed<KiteOrderForm> {
  const no = (reason: string): Parsed<KiteOrderForm> => ({ ok: false, reason });
  if (!req.product) return no('a Kite order needs a product: CNC (delivery), MIS (intraday) or NRML (carried F&O and commodity)');
  if (req.postOnly) return no('Kite has no post-only orders');
  if (req.reduceOnly) return no('Kite has no reduce-only orders: place the closing order with the position\'s product');
  if (req.qty <= 0 || !Number.isSafeInteger(req.qty)) return no('the quantity must be a whole number of lots above zero');
  const { exchange, tradingsymbol } = exchangeAndTradingSymbol(inst);
  const params: Record<string, string | number> = {
    exchange,
    tradingsymbol,
    transaction_type: transactionType(req.side),
    order_type: kiteOrderType(req.type),
    quantity: unitsOf(inst, req.qty),
    product: req.product,
    tag,
  };
  if (req.type === 'limit' || req.type === 'stop_limit') {
    if (req.price === undefined) return no(`a ${req.type === 'limit' ? 'LIMIT' : 'SL'} order needs a price`);
    params['price'] = formatPrice(inst, req.price);
  }
  if (req.type === 'stop_limit' || req.type === 'stop_market') {
    if (req.stopPrice === undefined) return no(`a ${req.type === 'stop_limit' ? 'SL' : 'SL-M'} order needs a trigger price`);
    params['trigger_price'] = formatPrice(inst, req.stopPrice);
  }
  if (req.type === 'market' || req.type === 'stop_market') params['market_protection'] = marketProtection;
  switch (req.tif) {
    case 'DAY':
      params['validity'] = 'DAY';
      break;
    case 'IOC':
      params['validity'] = 'IOC';
      break;
    case 'GTD': {
      if (req.expireAt === undefined) return no('a GTD (Kite TTL) order needs its expiry time');
      // TTL counts whole minutes; rounded down, so the order never outlives the time asked for.
      const minutes = Math.floor((req.expireAt - now) / 60_000);
      if (minutes < 1) return no('a Kite TTL order lives at least one minute: the expiry is too close');
      params['validity'] = 'TTL';
      params['validity_ttl'] = minutes;
      break;
    }
    default:
      return no(`Kite has no ${req.tif} validity: use DAY, IOC or GTD (Kite's TTL), or a GTT for a standing order`);
  }
  return { ok: true, value: { variety: req.afterMarket ? 'amo' : 'regular', params } };
}
