import type { BridgeError, CallInput, Instrument, Side } from '../../contract/api';
import { formatPrice, formatQty, formatScaled, notional, parsePrice, parseQty } from '../../contract/format';
import { quoteText } from './numbers';

export type OrderKind = 'limit' | 'market';

export interface TicketFields {
  type: OrderKind;
  price: string;
  qty: string;
}

export interface TicketCheck {
  priceError?: string;
  qtyError?: string;
  /** Order value in QuoteUnits at the limit price, or at the touch for a market order; absent if unknown. */
  notional?: number;
}

/**
 * The engine's parse reason, said the way a trader reads it: too many decimals for a price is "not a
 * multiple of the tick size" (the tick is what the venue enforces), likewise the lot for a quantity.
 */
function fieldReason(reason: string, step: string, unit: 'tick' | 'lot'): string {
  if (reason.startsWith('at most')) return `not a multiple of the ${unit} size ${step}`;
  return reason;
}

function checkPrice(inst: Instrument, text: string): { ticks?: number; error?: string } {
  if (text.trim() === '') return { error: 'required' };
  const p = parsePrice(inst, text);
  if (p.ok) return { ticks: p.value };
  return { error: fieldReason(p.reason, formatScaled(inst.tickSize, inst.priceDecimals), 'tick') };
}

function checkQty(inst: Instrument, text: string): { lots?: number; error?: string } {
  if (text.trim() === '') return { error: 'required' };
  const q = parseQty(inst, text);
  if (q.ok) return { lots: q.value };
  return { error: fieldReason(q.reason, formatScaled(inst.lotSize, inst.qtyDecimals), 'lot') };
}

/**
 * Checks the ticket the way the engine will, before anything is sent: a field that would be refused
 * gets its reason, and an order worth less than the venue minimum is refused on the quantity.
 * `touch` prices a market order (a buy lifts the ask, a sell hits the bid).
 */
export function checkTicket(inst: Instrument, side: Side, fields: TicketFields, touch: { bid?: number; ask?: number }): TicketCheck {
  const check: TicketCheck = {};
  const qty = checkQty(inst, fields.qty);
  if (qty.error) check.qtyError = qty.error;
  let ticks: number | undefined;
  if (fields.type === 'limit') {
    const price = checkPrice(inst, fields.price);
    if (price.error) check.priceError = price.error;
    ticks = price.ticks;
  } else {
    ticks = side === 'buy' ? touch.ask : touch.bid;
  }
  if (ticks !== undefined && qty.lots !== undefined) {
    check.notional = notional(inst, ticks, qty.lots);
    if (check.notional < inst.minNotional) {
      check.qtyError = `order value ${quoteText(inst, check.notional)} ${inst.quote} is below the minimum ${quoteText(inst, inst.minNotional)} ${inst.quote}`;
    }
  }
  return check;
}

export type SubmitInput = CallInput<'orders.submit'>;

/** The request for a ticket that passed checkTicket; prices and quantities in canonical decimal form. */
export function ticketRequest(inst: Instrument, side: Side, fields: TicketFields): SubmitInput | undefined {
  const qty = checkQty(inst, fields.qty);
  if (qty.lots === undefined) return undefined;
  const base = { venue: inst.venue, symbol: inst.symbol, side, qty: formatQty(inst, qty.lots), source: 'ticket' as const };
  if (fields.type === 'market') return { ...base, type: 'market' };
  const price = checkPrice(inst, fields.price);
  if (price.ticks === undefined) return undefined;
  return { ...base, type: 'limit', price: formatPrice(inst, price.ticks) };
}

/**
 * Why an order did not go through, worded for what the trader should do next: not sent (safe to
 * retry), outcome unknown (sent, no answer: check before resending), or refused by the engine.
 */
export function failureText(error: BridgeError): string {
  if (error.code === 'disconnected') return `Not sent: ${error.message}`;
  if (error.code === 'connection_lost' || error.code === 'timeout') {
    return `Outcome unknown: ${error.message}. Check Open orders before sending again.`;
  }
  return `Rejected: ${error.message}`;
}
