/**
 * When and at what price an order trades against an instrument's market: a marketable order takes
 * the touch when it arrives; a resting LIMIT fills at its own price once the market crosses it; a
 * MARKET order with market protection takes the touch only within the band around the last price;
 * SL / SL-M orders wait for the last price to cross their trigger.
 */
import type { InstrumentMarket } from './market';
import type { KiteOrder } from './orderRecord';
import { roundToTick } from './units';

export function triggerCrossed(order: KiteOrder, last: number): boolean {
  const t = order.terms.triggerPrice;
  return order.terms.side === 'BUY' ? last >= t : last <= t;
}

export type FillDecision = { price: number } | { outsideProtection: number } | undefined;

/**
 * The price `order` trades at now, if it trades. `arriving` is true when the order was just
 * placed, modified or triggered (it takes the touch), false when it rests and the market moved.
 */
export function fillDecision(order: KiteOrder, market: InstrumentMarket, arriving: boolean, autoProtectionPercent: number): FillDecision {
  const buy = order.terms.side === 'BUY';
  const touch = buy ? market.bestAsk : market.bestBid;
  if (touch === undefined) return undefined;
  const market_ = order.terms.orderType === 'MARKET' || order.terms.orderType === 'SL-M';
  if (market_) {
    const mp = order.terms.marketProtection === -1 ? autoProtectionPercent : order.terms.marketProtection;
    if (mp > 0) {
      const tick = market.instrument.tick;
      const band = buy
        ? roundToTick(market.lastPrice * (1 + mp / 100), tick, 'down')
        : roundToTick(market.lastPrice * (1 - mp / 100), tick, 'up');
      if (buy ? touch > band : touch < band) return { outsideProtection: band };
    }
    return { price: touch };
  }
  const limit = order.terms.price;
  const crosses = buy ? touch <= limit : touch >= limit;
  if (!crosses) return undefined;
  return { price: arriving ? touch : limit };
}
