import type { Instrument, Product } from '../../contract/api';
import { qtyText as formatQty } from './numbers';
import { qtyField } from './fields';

/**
 * The terms of an Indian broker's order (Kite): a product, and the after-market variety. Only a venue
 * that reaches several exchanges names the instrument's exchange, and today that is Kite alone; its
 * orders must carry a product, and it has no GTC, post-only, reduce-only or engine-side brackets.
 */

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

/** Zerodha's cap on the slices of one order (SEBI's retail-algo rules); the engine refuses more too. */
export const MAX_SLICES = 10;

/**
 * What the ticket says about an order above the instrument's freeze quantity (the most one exchange
 * order may carry): "Above the freeze quantity (1800 = 24 lots): sent as 2 orders", and, when the
 * trader has not chosen to slice it or it needs more than 10 orders, why it cannot go as it is.
 * Undefined when the order fits (or the instrument has no freeze quantity).
 */
export interface FreezeNote {
  line: string;
  /** How many orders it would go as: full freeze-size ones, the remainder last. */
  orders: number;
  /** Set when the ticket must refuse it: Auto-slice is off, or it needs more than MAX_SLICES orders. */
  refusal?: string;
}

export function freezeNote(inst: Instrument, lots: number, autoSlice: boolean): FreezeNote | undefined {
  const freeze = inst.freezeLots;
  if (freeze === undefined || freeze <= 0 || !(lots > freeze)) return undefined;
  const units = formatQty(inst, freeze);
  const orders = Math.ceil(lots / freeze);
  const line = `Above the freeze quantity (${units} = ${freeze} lots): sent as ${orders} orders`;
  if (orders > MAX_SLICES) {
    return { line, orders, refusal: `${orders} orders needed: at most ${MAX_SLICES} slices are allowed per order; enter at most ${formatQty(inst, freeze * MAX_SLICES)}` };
  }
  if (!autoSlice) return { line, orders, refusal: `above the freeze quantity of ${units} (${freeze} lots) per order: tick Auto-slice to send it as ${orders} orders, or enter at most ${units}` };
  return { line, orders };
}

/** freezeNote for the quantity as typed: undefined while it is not a valid quantity (its own error shows then). */
export function freezeNoteForText(inst: Instrument, qty: string, autoSlice: boolean): FreezeNote | undefined {
  const parsed = qtyField(inst, qty);
  return parsed.ok ? freezeNote(inst, parsed.value, autoSlice) : undefined;
}
