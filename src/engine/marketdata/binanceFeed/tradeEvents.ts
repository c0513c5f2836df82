import { err, ok, type Result, type Symbol, type VenueEvent, type VenueId } from '../../core';
import { toLots, toTicks, type BookScale } from '../sync';
import { idField, isRecord, stringField } from '../sync/wireFields';

export type TradeEvent = Extract<VenueEvent, { type: 'trade' }>;

/**
 * A Binance `trade` (spot) or `aggTrade` (USD-M) stream event as our canonical trade. `m` is "the
 * buyer is the maker", so the aggressor is the seller when it is true. Prices and quantities must be
 * whole ticks and lots of the instrument, as the depth levels are; anything else is refused.
 */
export function tradeEvent(msg: unknown, venue: VenueId, symbol: Symbol, scale: BookScale): Result<TradeEvent> {
  if (!isRecord(msg)) return err('INVALID_INPUT', 'trade event is not a JSON object');
  const aggregated = msg.e === 'aggTrade';
  if (!aggregated && msg.e !== 'trade') return err('INVALID_INPUT', `expected a trade or aggTrade event, got "${String(msg.e)}"`);
  const id = idField(msg, aggregated ? 'a' : 't');
  if (!id.ok) return err('INVALID_INPUT', id.reason);
  const ts = idField(msg, 'T');
  if (!ts.ok) return err('INVALID_INPUT', ts.reason);
  const p = stringField(msg, 'p');
  if (!p.ok) return err('INVALID_INPUT', p.reason);
  const q = stringField(msg, 'q');
  if (!q.ok) return err('INVALID_INPUT', q.reason);
  if (typeof msg.m !== 'boolean') return err('INVALID_INPUT', `field "m" must be a boolean, got ${JSON.stringify(msg.m)}`);
  const price = toTicks(scale, p.value);
  if (!price.ok) return err('INVALID_INPUT', price.reason);
  const qty = toLots(scale, q.value);
  if (!qty.ok) return err('INVALID_INPUT', qty.reason);
  if (qty.value <= 0) return err('INVALID_INPUT', `trade quantity "${q.value}" must be greater than zero`);
  return ok({
    type: 'trade',
    venue,
    symbol,
    ts: ts.value,
    price: price.value,
    qty: qty.value,
    aggressor: msg.m ? 'sell' : 'buy',
    tradeId: String(id.value),
  });
}
