/**
 * The amounts of an order as Binance writes them (spot and USD-M alike: origQty, executedQty, price,
 * stopPrice as decimal strings) in the instrument's ticks and lots. Binance writes a zero ("0",
 * "0.00000000") where an order has no price or has filled nothing. An amount that does not fit the
 * instrument's scale makes the whole order unreadable, with why, never rounded.
 */
import { parsePrice, parseQty, type Instrument } from '../../instruments';
import type { Wire } from './wire';

export interface WireOrderAmounts {
  clientOrderId: string;
  origQty: string;
  executedQty: string;
  price: string;
  stopPrice?: string | undefined;
}

export interface OrderAmounts {
  price?: number;
  stopPrice?: number;
  qty: number;
  filledQty: number;
}

/** Binance writes a zero ("0", "0.00") where an order has no price. */
export const isZero = (text: string | undefined): boolean => text === undefined || /^-?0*(\.0*)?$/.test(text);

function optionalPrice(inst: Instrument, text: string | undefined): Wire<number | undefined> {
  return isZero(text) ? { ok: true, value: undefined } : parsePrice(inst, text!);
}

export function orderAmounts(inst: Instrument, o: WireOrderAmounts): Wire<OrderAmounts> {
  const qty = parseQty(inst, o.origQty);
  const filled = isZero(o.executedQty) ? ({ ok: true, value: 0 } as const) : parseQty(inst, o.executedQty);
  const price = optionalPrice(inst, o.price);
  const stopPrice = optionalPrice(inst, o.stopPrice);
  if (!qty.ok) return { ok: false, reason: `order ${o.clientOrderId}: origQty does not fit ${inst.symbol}: ${qty.reason}` };
  if (!filled.ok) return { ok: false, reason: `order ${o.clientOrderId}: executedQty does not fit ${inst.symbol}: ${filled.reason}` };
  if (!price.ok) return { ok: false, reason: `order ${o.clientOrderId}: price does not fit ${inst.symbol}: ${price.reason}` };
  if (!stopPrice.ok) return { ok: false, reason: `order ${o.clientOrderId}: stopPrice does not fit ${inst.symbol}: ${stopPrice.reason}` };
  return {
    ok: true,
    value: {
      ...(price.value !== undefined ? { price: price.value } : {}),
      ...(stopPrice.value !== undefined ? { stopPrice: stopPrice.value } : {}),
      qty: qty.value,
      filledQty: filled.value,
    },
  };
}
