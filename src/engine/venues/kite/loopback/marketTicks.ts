/**
 * A loopback market's state as KiteTicker's wire fields: prices from units (1/10,000 rupee) to the
 * segment's wire integers, times to epoch seconds, the five-level book.
 */
import type { InstrumentMarket, Level } from './market';
import { wireDivisor, type WireLevel, type WireTick } from './tickEncoder';
import { UNITS_PER_RUPEE } from './units';

export function wireTickOf(m: InstrumentMarket): WireTick {
  const token = m.instrument.token;
  const d = wireDivisor(token);
  const p = (units: number) => Math.round((units * d) / UNITS_PER_RUPEE);
  const lvl = (l: Level): WireLevel => ({ quantity: l.quantity, price: p(l.price), orders: l.orders });
  return {
    token,
    lastPrice: p(m.lastPrice),
    lastQuantity: m.lastQuantity,
    averagePrice: p(m.averagePrice),
    volume: m.volume,
    buyQuantity: m.totalBuyQuantity,
    sellQuantity: m.totalSellQuantity,
    open: p(m.ohlc.open),
    high: p(m.ohlc.high),
    low: p(m.ohlc.low),
    close: p(m.ohlc.close),
    lastTradeTime: Math.floor(m.lastTradeTime / 1000),
    oi: m.oi,
    oiDayHigh: m.oiDayHigh,
    oiDayLow: m.oiDayLow,
    timestamp: Math.floor(m.timestamp / 1000),
    buy: m.buy.map(lvl),
    sell: m.sell.map(lvl),
  };
}
