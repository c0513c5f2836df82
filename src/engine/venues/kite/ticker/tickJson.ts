import { formatScaled } from '../../../core';
import { DEPTH_LEVELS, type KiteTick } from './kiteTick';

/**
 * A tick as JSON, every field the packet carries under the name kiteconnect's parser gives it; prices
 * as exact decimal strings in rupees (from the integers, never through a float), times as ISO-8601 UTC
 * (null when the exchange sent 0). For `sq kite ticks` and for reading a tick in a test or a log; the
 * feed itself never builds this (it allocates).
 *
 * Where we differ from kiteconnect: its `change` is a percentage it computes (a float); here an index
 * packet's `change` is the price change the packet carries, and quote/full packets have none.
 */
export function tickJson(t: KiteTick): Record<string, unknown> {
  const price = (p: number): string => formatScaled(p, t.priceDecimals);
  const time = (s: number): string | null => (s === 0 ? null : new Date(s * 1000).toISOString());
  const out: Record<string, unknown> = { instrument_token: t.instrumentToken, mode: t.mode, tradable: t.tradable, last_price: price(t.lastPrice) };
  if (t.kind === 'ltp') return out;
  if (t.kind === 'indexQuote' || t.kind === 'indexFull') {
    out.ohlc = { open: price(t.open), high: price(t.high), low: price(t.low), close: price(t.close) };
    out.change = price(t.change);
    if (t.kind === 'indexFull') out.exchange_timestamp = time(t.exchangeTimestamp);
    return out;
  }
  out.last_traded_quantity = t.lastTradedQuantity;
  out.average_traded_price = price(t.averageTradedPrice);
  out.volume_traded = t.volumeTraded;
  out.total_buy_quantity = t.totalBuyQuantity;
  out.total_sell_quantity = t.totalSellQuantity;
  out.ohlc = { open: price(t.open), high: price(t.high), low: price(t.low), close: price(t.close) };
  if (t.kind === 'quote') return out;
  out.last_trade_time = time(t.lastTradeTime);
  out.exchange_timestamp = time(t.exchangeTimestamp);
  out.oi = t.oi;
  out.oi_day_high = t.oiDayHigh;
  out.oi_day_low = t.oiDayLow;
  const buy: unknown[] = [];
  const sell: unknown[] = [];
  for (let i = 0; i < DEPTH_LEVELS; i++) {
    buy.push({ quantity: t.bidQuantity[i], price: price(t.bidPrice[i]!), orders: t.bidOrders[i] });
    sell.push({ quantity: t.askQuantity[i], price: price(t.askPrice[i]!), orders: t.askOrders[i] });
  }
  out.depth = { buy, sell };
  return out;
}
