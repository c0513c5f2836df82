import type { Instrument } from '../../contract/api';

/**
 * The terms of an Indian broker's order (Kite): a product, and the after-market variety. Only a venue
 * that reaches several exchanges names the instrument's exchange, and today that is Kite alone; its
 * orders must carry a product, and it has no GTC, post-only, reduce-only or engine-side brackets.
 */
export type Product = 'CNC' | 'MIS' | 'NRML';

export const hasProducts = (inst: Instrument): boolean => inst.exchange !== undefined;

/** Exchanges whose cash instruments are bought for delivery (CNC); derivatives and commodities carry forward as NRML. */
const CASH_EXCHANGES = new Set(['NSE', 'BSE']);

/** The products an order for `inst` may name, the usual one first; none for venues without products. */
export function productChoices(inst: Instrument): readonly Product[] {
  if (!hasProducts(inst)) return [];
  return CASH_EXCHANGES.has(inst.exchange!) && inst.contract === undefined ? ['CNC', 'MIS'] : ['NRML', 'MIS'];
}

export const productTitles: Record<Product, string> = {
  CNC: 'Delivery: the shares are held in your demat account',
  MIS: 'Intraday: the broker squares the position off before the close',
  NRML: 'Carry forward: futures, options and commodities held overnight',
};
