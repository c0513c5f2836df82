/**
 * A symbol's trading rules applied to an order, in the order Binance lists its filters (price, then
 * quantity, then notional). Spot answers every failure with -1013 "Filter failure: <FILTER>"; USD-M
 * has a code per rule (-4013/-4014/-4016 price, -4003/-4004/-4005 quantity, -1111 too many decimals,
 * -4164 notional).
 */
import { formatPlain, mul } from './amounts';
import { errors, type VenueError } from './binanceErrors';
import type { BinanceMarket, SymbolSpec } from './config';
import type { OrderRequest } from './orders';

/** Significant decimals of a decimal text ("0.0010" has 3). */
function decimalsOf(text: string): number {
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.slice(dot + 1).replace(/0+$/, '').length;
}

const offTick = (v: bigint, min: bigint, step: bigint): boolean => (v - min) % step !== 0n;

function spotFilters(r: OrderRequest, s: SymbolSpec, refPrice: bigint | undefined): VenueError | undefined {
  if (r.type !== 'MARKET' && (r.price < s.minPrice || r.price > s.maxPrice || offTick(r.price, s.minPrice, s.tickSize))) {
    return errors.filterFailure('PRICE_FILTER');
  }
  if (r.quantity < s.minQty || r.quantity > s.maxQty || offTick(r.quantity, s.minQty, s.stepSize)) return errors.filterFailure('LOT_SIZE');
  // A market order's notional is judged at the price it would trade at (Binance: the recent average price).
  const price = r.type === 'MARKET' ? refPrice : r.price;
  if (price !== undefined && mul(price, r.quantity) < s.minNotional) return errors.filterFailure(s.notionalFilter);
  return undefined;
}

function futuresFilters(r: OrderRequest, s: SymbolSpec, refPrice: bigint | undefined): VenueError | undefined {
  if (r.type !== 'MARKET') {
    if (decimalsOf(r.priceText ?? '') > s.pricePrecision) return errors.futuresTooMuchPrecision();
    if (r.price < s.minPrice) return errors.futuresPriceBelowMin();
    if (r.price > s.maxPrice) return errors.futuresPriceAboveMax(formatPlain(s.maxPrice));
    if (offTick(r.price, s.minPrice, s.tickSize)) return errors.futuresPriceNotOnTick();
  }
  if (decimalsOf(r.quantityText) > s.quantityPrecision) return errors.futuresTooMuchPrecision();
  if (r.quantity <= 0n) return errors.futuresQtyNotPositive();
  if (r.quantity < s.minQty) return errors.futuresQtyBelowMin();
  if (r.quantity > s.maxQty) return errors.futuresQtyAboveMax();
  if (offTick(r.quantity, s.minQty, s.stepSize)) return errors.filterFailure('LOT_SIZE');
  const price = r.type === 'MARKET' ? refPrice : r.price;
  if (!r.reduceOnly && price !== undefined && mul(price, r.quantity) < s.minNotional) return errors.futuresMinNotional(formatPlain(s.minNotional));
  return undefined;
}

/** `refPrice`: what a market order is judged at (spot: where it would trade; USD-M: the mark price). */
export function checkFilters(market: BinanceMarket, r: OrderRequest, s: SymbolSpec, refPrice: bigint | undefined): VenueError | undefined {
  return market === 'spot' ? spotFilters(r, s, refPrice) : futuresFilters(r, s, refPrice);
}
