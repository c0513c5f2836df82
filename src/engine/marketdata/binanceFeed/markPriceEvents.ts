import { err, ok, type Result, type Symbol, type Ticks, type VenueEvent, type VenueId } from '../../core';
import type { BookScale } from '../sync';
import { idField, isRecord, stringField } from '../sync/wireFields';

export type MarkPriceEvent = Extract<VenueEvent, { type: 'markPrice' }>;

const UNSIGNED_DECIMAL = /^(\d+)(?:\.(\d+))?$/;
const SIGNED_DECIMAL = /^-?\d+(?:\.\d+)?$/;

/**
 * A USD-M `markPriceUpdate` (`<symbol>@markPrice@1s`) as our markPrice event: `p` mark price and `i`
 * index price in the instrument's ticks, `r` the funding rate as the venue's decimal text, `T` the next
 * funding time, `E` the event time.
 *
 * Mark and index prices are averages computed by the venue and written with more decimals than the
 * tick ("11784.62659091" on a 0.10 tick): they are reference prices, never order prices, so they are
 * rounded to the nearest tick (halves away from zero) in exact integer arithmetic instead of refused.
 */
export function markPriceEvent(msg: unknown, venue: VenueId, symbol: Symbol, scale: BookScale): Result<MarkPriceEvent> {
  if (!isRecord(msg)) return err('INVALID_INPUT', 'mark price event is not a JSON object');
  if (msg.e !== 'markPriceUpdate') return err('INVALID_INPUT', `expected a markPriceUpdate event, got "${String(msg.e)}"`);
  const ts = idField(msg, 'E');
  if (!ts.ok) return err('INVALID_INPUT', ts.reason);
  const p = stringField(msg, 'p');
  if (!p.ok) return err('INVALID_INPUT', p.reason);
  const mark = nearestTicks(scale, p.value);
  if (!mark.ok) return err('INVALID_INPUT', `mark price: ${mark.reason}`);
  const event: MarkPriceEvent = { type: 'markPrice', venue, symbol, ts: ts.value, markPrice: mark.value };
  if (msg.i !== undefined) {
    const i = stringField(msg, 'i');
    if (!i.ok) return err('INVALID_INPUT', i.reason);
    const index = nearestTicks(scale, i.value);
    if (!index.ok) return err('INVALID_INPUT', `index price: ${index.reason}`);
    event.indexPrice = index.value;
  }
  // Binance sends "" for the funding rate and 0 for the next funding time of a contract without funding.
  if (msg.r !== undefined && msg.r !== '') {
    const r = stringField(msg, 'r');
    if (!r.ok) return err('INVALID_INPUT', r.reason);
    if (!SIGNED_DECIMAL.test(r.value)) return err('INVALID_INPUT', `funding rate "${r.value}" is not a decimal number`);
    event.fundingRate = r.value;
  }
  if (msg.T !== undefined && msg.T !== 0) {
    const t = idField(msg, 'T');
    if (!t.ok) return err('INVALID_INPUT', t.reason);
    event.nextFundingTime = t.value;
  }
  return ok(event);
}

/** A positive decimal price rounded to the nearest whole tick, halves away from zero, exactly (bigint). */
export function nearestTicks(scale: BookScale, text: string): { ok: true; value: Ticks } | { ok: false; reason: string } {
  const m = UNSIGNED_DECIMAL.exec(text);
  if (!m) return { ok: false, reason: `"${text}" is not a decimal number` };
  const frac = m[2] ?? '';
  const decimals = Math.max(frac.length, scale.priceDecimals);
  const value = BigInt(m[1]! + frac.padEnd(decimals, '0'));
  // One tick in units of 10^-decimals.
  const unit = BigInt(scale.tickSize) * 10n ** BigInt(decimals - scale.priceDecimals);
  const ticks = (2n * value + unit) / (2n * unit);
  if (ticks <= 0n) return { ok: false, reason: `"${text}" is not above zero at the instrument's tick` };
  if (ticks > BigInt(Number.MAX_SAFE_INTEGER)) return { ok: false, reason: `"${text}" is too large` };
  return { ok: true, value: Number(ticks) };
}
