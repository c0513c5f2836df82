import type { Lots, Side, Ticks } from '../../core';

/** Reasons a trader reads when the venue's order rules refuse or end an order. */
export const STOP_ALREADY_REACHED = 'stop price already reached: the order would trigger immediately';
export const REDUCE_ONLY_WOULD_INCREASE = 'reduce-only order would increase the position';
export const REDUCE_ONLY_REDUCED = 'reduce-only: position already reduced';

/**
 * Whether a stop's trigger condition holds on the current book: a buy stop fires once the best ask
 * reaches its stop price, a sell stop once the best bid does (an empty side never fires one).
 */
export function stopReached(side: Side, stopPrice: Ticks, bestBid: Ticks | undefined, bestAsk: Ticks | undefined): boolean {
  return side === 'buy' ? bestAsk !== undefined && bestAsk >= stopPrice : bestBid !== undefined && bestBid <= stopPrice;
}

/** A fill's effect on the net position: buys add, sells subtract. */
export const signedQty = (side: Side, qty: Lots): Lots => (side === 'buy' ? qty : -qty);

/**
 * How much an order on `side` can still trade without opening or increasing a position, given the
 * net position: a sell can reduce a long, a buy a short.
 */
export const reducibleQty = (side: Side, position: Lots): Lots => Math.max(0, side === 'buy' ? -position : position);
