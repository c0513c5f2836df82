import type { VenuePosition } from '../core';
import type { PositionView } from './views';

/**
 * What the Positions panel shows of a venue's own report beside the quantity: Kite's position per
 * product (net, today's, carried) and the day's M2M. Nothing for venues that report neither (Binance),
 * so their rows carry no empty fields and the panel adds no columns for them.
 */
export function venuePositionDetail(p: VenuePosition | undefined): Pick<PositionView, 'venueProducts' | 'venueM2m'> {
  if (!p) return {};
  const out: Pick<PositionView, 'venueProducts' | 'venueM2m'> = {};
  if (p.products && p.products.length > 0) {
    out.venueProducts = p.products.map(({ product, netQty, dayQty, overnightQty, m2m }) => ({ product, netQty, dayQty, overnightQty, m2m }));
  }
  if (p.m2m !== undefined) out.venueM2m = p.m2m;
  return out;
}
