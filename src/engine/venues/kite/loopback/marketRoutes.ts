/**
 * Market endpoints: GET /instruments and /instruments/:exchange (the CSV dump), GET /quote (quote.json:
 * full quote with five-level depth), GET /quote/ohlc and GET /quote/ltp (ltp.json), instruments named
 * by repeated `i=EXCHANGE:TRADINGSYMBOL` (or an instrument token); unknown names are left out, as at Kite.
 */
import type { InstrumentRow } from './instrumentsCsv';
import { instrumentsCsv } from './instrumentsCsv';
import { errors } from './kiteErrors';
import { DEPTH_LEVELS, type InstrumentMarket, type Level } from './market';
import { kiteTimestamp } from './marketHours';
import { data, route, type Route } from './routeKit';
import { rupees } from './units';
import type { KiteVenue } from './venue';

/** Kite answers at most 500 instruments per quote call. */
const MAX_QUOTE_INSTRUMENTS = 500;

const depthSide = (levels: readonly Level[]) =>
  Array.from({ length: DEPTH_LEVELS }, (_, i) => {
    const l = levels[i];
    return l ? { price: rupees(l.price), quantity: l.quantity, orders: l.orders } : { price: 0, quantity: 0, orders: 0 };
  });

const ohlcJson = (m: InstrumentMarket) => ({ open: rupees(m.ohlc.open), high: rupees(m.ohlc.high), low: rupees(m.ohlc.low), close: rupees(m.ohlc.close) });

function fullQuote(m: InstrumentMarket): Record<string, unknown> {
  const circuit = Math.round(m.ohlc.close * 0.1);
  return {
    instrument_token: m.instrument.token,
    timestamp: kiteTimestamp(m.timestamp),
    last_trade_time: kiteTimestamp(m.lastTradeTime),
    last_price: rupees(m.lastPrice),
    last_quantity: m.lastQuantity,
    buy_quantity: m.totalBuyQuantity,
    sell_quantity: m.totalSellQuantity,
    volume: m.volume,
    average_price: rupees(m.averagePrice),
    oi: m.oi,
    oi_day_high: 0,
    oi_day_low: 0,
    net_change: rupees(m.lastPrice - m.ohlc.close),
    lower_circuit_limit: rupees(m.ohlc.close - circuit),
    upper_circuit_limit: rupees(m.ohlc.close + circuit),
    ohlc: ohlcJson(m),
    depth: { buy: depthSide(m.buy), sell: depthSide(m.sell) },
  };
}

export function marketRoutes(venue: KiteVenue, rowsOf: () => readonly InstrumentRow[]): Route[] {
  const quoted = (names: string[], shape: (m: InstrumentMarket) => Record<string, unknown>) => {
    if (names.length === 0) return errors.missing('i');
    if (names.length > MAX_QUOTE_INSTRUMENTS) return errors.invalid('i');
    const out: Record<string, unknown> = {};
    for (const name of names) {
      const instrument = /^\d+$/.test(name) ? venue.instrument(Number(name)) : venue.instrument(name);
      const m = instrument && venue.markets.get(instrument.token);
      if (m) out[name] = shape(m);
    }
    return data(out);
  };
  return [
    route('GET', '/instruments', 'other', () => ({ kind: 'csv', text: instrumentsCsv(rowsOf()) })),
    route('GET', '/instruments/:exchange', 'other', ({ path }) => ({ kind: 'csv', text: instrumentsCsv(rowsOf().filter((r) => r.exchange === path.exchange)) })),
    route('GET', '/quote', 'quote', ({ params }) => quoted(instrumentNames(params), fullQuote)),
    route('GET', '/quote/ohlc', 'quote', ({ params }) =>
      quoted(instrumentNames(params), (m) => ({ instrument_token: m.instrument.token, last_price: rupees(m.lastPrice), ohlc: ohlcJson(m) })),
    ),
    route('GET', '/quote/ltp', 'quote', ({ params }) => quoted(instrumentNames(params), (m) => ({ instrument_token: m.instrument.token, last_price: rupees(m.lastPrice) }))),
  ];
}

/** `i=NSE:INFY&i=NSE:SBIN`, or the bracketed form some clients send. */
function instrumentNames(params: { getAll(name: string): string[] }): string[] {
  return [...params.getAll('i'), ...params.getAll('i[]')];
}
