import type { Lots } from '../../../core';

/**
 * At most this many children per sliced order: Zerodha's notice on SEBI's retail-algo rules (Kite forum,
 * "Preparing to comply with SEBI's retail algo rules") caps order slicing at 10 slices, in line with the
 * 10 orders-per-second limit. A larger order must be entered in parts by the trader.
 */
export const MAX_SLICES = 10;

export type Slices = { ok: true; slices: Lots[] } | { ok: false; reason: string };

/**
 * Splits `qty` lots into children of at most `maxLots` each, full-size children first and the
 * remainder last (the way Kite's autoslice does). The children always add up to `qty` exactly.
 */
export function sliceLots(qty: Lots, maxLots: Lots, maxSlices = MAX_SLICES): Slices {
  if (!Number.isSafeInteger(qty) || qty <= 0) return { ok: false, reason: 'Quantity must be a positive whole number of lots.' };
  if (!Number.isSafeInteger(maxLots) || maxLots <= 0) return { ok: false, reason: 'The freeze quantity is below one lot; this contract cannot be ordered.' };
  const full = Math.floor(qty / maxLots);
  const rest = qty - full * maxLots;
  const count = full + (rest > 0 ? 1 : 0);
  if (count > maxSlices) {
    return { ok: false, reason: `Quantity needs ${count} slices of at most ${maxLots} lots; at most ${maxSlices} slices are allowed per order.` };
  }
  const slices: Lots[] = new Array<Lots>(full).fill(maxLots);
  if (rest > 0) slices.push(rest);
  return { ok: true, slices };
}
