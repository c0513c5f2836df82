import type { Instrument } from '../../contract/api';
import { formatScaled, parsePrice, parseQty } from '../../contract/format';

/**
 * Price and quantity text as the trader types it, parsed with the engine's own exact parsers: the
 * ticket and an amend typed into the grid refuse the same inputs, with the same words.
 */

export type Parsed = { ok: true; value: number } | { ok: false; error: string };

/**
 * The engine's parse reason, said the way a trader reads it: too many decimals for a price is "not a
 * multiple of the tick size" (the tick is what the venue enforces), likewise the lot for a quantity.
 */
function fieldReason(reason: string, step: string, unit: 'tick' | 'lot'): string {
  if (reason.startsWith('at most')) return `not a multiple of the ${unit} size ${step}`;
  return reason;
}

/** A price field: integer ticks, or why not ("required" when empty). */
export function priceField(inst: Instrument, text: string): Parsed {
  if (text.trim() === '') return { ok: false, error: 'required' };
  const p = parsePrice(inst, text);
  if (p.ok) return { ok: true, value: p.value };
  return { ok: false, error: fieldReason(p.reason, formatScaled(inst.tickSize, inst.priceDecimals), 'tick') };
}

/** A quantity field: integer lots, or why not. */
export function qtyField(inst: Instrument, text: string): Parsed {
  if (text.trim() === '') return { ok: false, error: 'required' };
  const q = parseQty(inst, text);
  if (q.ok) return { ok: true, value: q.value };
  return { ok: false, error: fieldReason(q.reason, formatScaled(inst.lotSize, inst.qtyDecimals), 'lot') };
}

/** An optional price field: empty is "not given", anything else must be a valid price. */
export function optionalPriceField(inst: Instrument, text: string): Parsed | undefined {
  return text.trim() === '' ? undefined : priceField(inst, text);
}
