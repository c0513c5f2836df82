import type { Instrument, Product, Side } from '../../contract/api';
import { formatPrice } from '../../contract/format';
import { productChoices } from './brokerTerms';
import { checkTicket, type SubmitInput, type TicketFields, tifChoices } from './ticket';

/** Where a one-click or hotkey order goes: a limit at a price (ticks), or a market order. */
export type QuickPrice = { kind: 'limit'; price: number } | { kind: 'market' };

export interface QuickOrderOptions {
  /** The product the ticket has chosen (Kite); the instrument's first product when it does not apply. */
  product?: Product | '';
  /** A flatten: the order may only reduce the position (where the venue takes the flag). */
  reduceOnly?: boolean;
  touch: { bid?: number; ask?: number };
  now: number;
}

/**
 * A one-click (ladder, chart) or hotkey order, checked by exactly the rules the ticket uses (tick and
 * lot size, minimum value, price bands) and built into the same `orders.submit` request, so the engine's
 * risk checks see nothing different. A limit rests (GTC; DAY on Kite), a market order is IOC. The
 * refusal, when there is one, is the first of the ticket's errors, prefixed by what it concerns.
 */
export function quickOrder(
  inst: Instrument,
  side: Side,
  where: QuickPrice,
  qty: string,
  source: 'ladder' | 'hotkey',
  opts: QuickOrderOptions,
): { ok: true; input: SubmitInput } | { ok: false; error: string } {
  const type = where.kind;
  const products = productChoices(inst);
  const product: Product | '' = products.length === 0 ? '' : opts.product && products.includes(opts.product) ? opts.product : products[0]!;
  const fields: TicketFields = {
    mode: 'single',
    type,
    price: where.kind === 'limit' ? formatPrice(inst, where.price) : '',
    stopPrice: '',
    stopLimitPrice: '',
    takeProfit: '',
    stopLoss: '',
    stopLossLimit: '',
    qty,
    tif: tifChoices('single', type, inst).includes(type === 'market' ? 'IOC' : 'GTC') ? (type === 'market' ? 'IOC' : 'GTC') : tifChoices('single', type, inst)[0]!,
    expires: '',
    postOnly: false,
    reduceOnly: opts.reduceOnly === true && products.length === 0,
    product,
    afterMarket: false,
    autoSlice: false,
  };
  const check = checkTicket(inst, side, fields, { touch: opts.touch, now: opts.now });
  if (!check.request) {
    const [field, error] = Object.entries(check.errors).find(([, e]) => e !== undefined) ?? ['form', 'the order could not be built'];
    return { ok: false, error: field === 'form' ? String(error) : `${fieldWords[field] ?? field}: ${String(error)}` };
  }
  // An order above the freeze quantity would need the ticket's explicit Auto-slice: never sliced silently.
  if (check.request.call !== 'orders.submit') return { ok: false, error: 'Quantity: above the freeze quantity; use the ticket with Auto-slice' };
  return { ok: true, input: { ...check.request.input, source } };
}

const fieldWords: Record<string, string> = { price: 'Price', qty: 'Quantity', tif: 'Time in force', product: 'Product', postOnly: 'Post-only' };

/** The price a drag or click on a price axis means: the nearest whole tick, never below one tick. */
export function snapToTick(priceTicks: number): number {
  return Math.max(1, Math.round(priceTicks));
}
