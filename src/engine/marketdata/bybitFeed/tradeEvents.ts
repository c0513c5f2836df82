import { err, ok, type Result, type Symbol, type VenueEvent, type VenueId } from '../../core';
import { toLots, toTicks, type BookScale } from '../sync';
import { idField, isRecord, stringField } from '../sync/wireFields';

export type TradeEvent = Extract<VenueEvent, { type: 'trade' }>;

/**
 * A Bybit v5 `publicTrade.{symbol}` message as our canonical trades, oldest first (Bybit sorts the
 * array by match time). `S` is the taker's side, which is the aggressor. Prices and sizes are decimal
 * text converted exactly to the instrument's ticks and lots; a value that is not a whole number of
 * them refuses the whole message (one unreadable trade means the message cannot be trusted).
 */
export function bybitTradeEvents(msg: Record<string, unknown>, venue: VenueId, symbol: Symbol, venueSymbol: string, scale: BookScale): Result<TradeEvent[]> {
  const data = msg.data;
  if (!Array.isArray(data)) return err('INVALID_INPUT', 'field "data" must be an array of trades');
  const out: TradeEvent[] = [];
  for (let i = 0; i < data.length; i++) {
    const t = tradeEvent(data[i], venue, symbol, venueSymbol, scale);
    if (!t.ok) return err('INVALID_INPUT', `data[${i}]: ${t.error.message}`);
    out.push(t.value);
  }
  return ok(out);
}

function tradeEvent(row: unknown, venue: VenueId, symbol: Symbol, venueSymbol: string, scale: BookScale): Result<TradeEvent> {
  if (!isRecord(row)) return err('INVALID_INPUT', 'trade is not a JSON object');
  const s = stringField(row, 's');
  if (!s.ok) return err('INVALID_INPUT', s.reason);
  if (s.value !== venueSymbol) return err('INVALID_INPUT', `trade is for symbol ${s.value}, expected ${venueSymbol}`);
  const ts = idField(row, 'T');
  if (!ts.ok) return err('INVALID_INPUT', ts.reason);
  const id = stringField(row, 'i');
  if (!id.ok) return err('INVALID_INPUT', id.reason);
  if (id.value === '') return err('INVALID_INPUT', 'field "i" (trade id) is empty');
  const side = row.S;
  if (side !== 'Buy' && side !== 'Sell') return err('INVALID_INPUT', `field "S" must be "Buy" or "Sell", got ${JSON.stringify(side)}`);
  const p = stringField(row, 'p');
  if (!p.ok) return err('INVALID_INPUT', p.reason);
  const v = stringField(row, 'v');
  if (!v.ok) return err('INVALID_INPUT', v.reason);
  const price = toTicks(scale, p.value);
  if (!price.ok) return err('INVALID_INPUT', price.reason);
  const qty = toLots(scale, v.value);
  if (!qty.ok) return err('INVALID_INPUT', qty.reason);
  if (qty.value <= 0) return err('INVALID_INPUT', `trade size "${v.value}" must be greater than zero`);
  return ok({ type: 'trade', venue, symbol, ts: ts.value, price: price.value, qty: qty.value, aggressor: side === 'Buy' ? 'buy' : 'sell', tradeId: id.value });
}
