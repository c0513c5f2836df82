import type { Instrument } from '../../contract/api';
import { formatScaled, parsePrice, parseQty } from '../../contract/format';
import { displayNumberFormat, numberText } from './numbers';
import type { NumberFormat } from './settings';

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

/**
 * A typed number in the engine's plain form, or why not. With the decimal comma on, "0,5" is 0.5 (a dot
 * still works: prices clicked in from the book and pasted ones use it). Grouping marks are refused, never
 * guessed: "1.000" or "1,000" could be one or a thousand depending on who typed it, and an order sized a
 * thousand times off is the one mistake this field must not make. So a number with both marks, or with
 * more than one, is an error that says how to type it.
 */
export function typedDecimal(text: string, f: NumberFormat = displayNumberFormat()): { ok: true; text: string } | { ok: false; error: string } {
  const t = text.trim();
  const commas = t.split(',').length - 1;
  const dots = t.split('.').length - 1;
  if (commas === 0) return { ok: true, text: t };
  if (!f.decimalComma) return { ok: false, error: 'use a dot for decimals, no thousands separators (Settings: decimal comma is off)' };
  if (commas > 1 || dots > 0) return { ok: false, error: 'one decimal mark only, no thousands separators' };
  return { ok: true, text: t.replace(',', '.') };
}

/** A price field: integer ticks, or why not ("required" when empty). */
export function priceField(inst: Instrument, typed: string): Parsed {
  if (typed.trim() === '') return { ok: false, error: 'required' };
  const plain = typedDecimal(typed);
  if (!plain.ok) return plain;
  const text = plain.text;
  const p = parsePrice(inst, text);
  if (p.ok) return { ok: true, value: p.value };
  return { ok: false, error: fieldReason(p.reason, numberText(formatScaled(inst.tickSize, inst.priceDecimals)), 'tick') };
}

/** A quantity field: integer lots, or why not. */
export function qtyField(inst: Instrument, typed: string): Parsed {
  if (typed.trim() === '') return { ok: false, error: 'required' };
  const plain = typedDecimal(typed);
  if (!plain.ok) return plain;
  const q = parseQty(inst, plain.text);
  if (q.ok) return { ok: true, value: q.value };
  return { ok: false, error: fieldReason(q.reason, numberText(formatScaled(inst.lotSize, inst.qtyDecimals)), 'lot') };
}

/** An optional price field: empty is "not given", anything else must be a valid price. */
export function optionalPriceField(inst: Instrument, text: string): Parsed | undefined {
  return text.trim() === '' ? undefined : priceField(inst, text);
}
