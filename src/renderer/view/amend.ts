import type { AuditEntry, CallInput, Instrument, Order } from '../../contract/api';
import { formatPrice, formatQty, notional } from '../../contract/format';
import { priceField, qtyField } from './fields';
import { qtyText, quoteText } from './numbers';

/**
 * Amending a working order by editing its Price, Stop or Qty cell: which cells can be edited, what a
 * typed value means (the ticket's own parsers, so the same input is refused with the same words), and
 * how the venue's later answer is told to the trader.
 */

export type AmendColumn = 'price' | 'stopPrice' | 'qty';
export type AmendInput = CallInput<'orders.amend'>;

const columnWords: Record<AmendColumn, string> = { price: 'price', stopPrice: 'stop price', qty: 'quantity' };

const TERMINAL: ReadonlySet<Order['status']> = new Set(['filled', 'canceled', 'rejected', 'expired']);

/**
 * Whether that cell of that order can be amended now, by the engine's rules: a working order with no
 * amend or cancel already on its way; a limit price only where the type has one; a stop only before
 * it triggered (after that the order is a live limit or market order).
 */
export function canAmend(o: Order, column: AmendColumn): boolean {
  if (TERMINAL.has(o.status) || o.status === 'pending_update' || o.status === 'pending_cancel') return false;
  if (column === 'price') return o.type === 'limit' || o.type === 'stop_limit';
  if (column === 'stopPrice') return (o.type === 'stop_market' || o.type === 'stop_limit') && o.triggeredAt === undefined && o.status !== 'triggered';
  return true;
}

export type AmendParse = { kind: 'send'; input: AmendInput } | { kind: 'unchanged' } | { kind: 'invalid'; reason: string };

/**
 * The amend an edited cell asks for. Nothing is sent for a value equal to the current one (the engine
 * would refuse it as changing nothing); a new quantity is the new total, filled part included, so it
 * must stay above what has filled; the order must still be worth the venue minimum.
 */
export function amendFromEdit(inst: Instrument, o: Order, column: AmendColumn, text: string): AmendParse {
  if (!canAmend(o, column)) return { kind: 'invalid', reason: `the ${columnWords[column]} of this order cannot be changed now` };
  const parsed = column === 'qty' ? qtyField(inst, text) : priceField(inst, text);
  if (!parsed.ok) return { kind: 'invalid', reason: parsed.error };
  const value = parsed.value;
  const current = column === 'price' ? o.price : column === 'stopPrice' ? o.stopPrice : o.qty;
  if (value === current) return { kind: 'unchanged' };

  if (column === 'qty' && value <= o.filledQty) {
    return { kind: 'invalid', reason: `must be more than the ${qtyText(inst, o.filledQty)} already filled` };
  }
  // Valued like the ticket: at the limit price, or at the stop for a stop-market.
  const price = column === 'price' ? value : o.price ?? (column === 'stopPrice' ? value : o.stopPrice);
  const lots = column === 'qty' ? value : o.qty;
  if (price !== undefined) {
    const worth = notional(inst, price, lots);
    if (worth < inst.minNotional) {
      return { kind: 'invalid', reason: `order value ${quoteText(inst, worth)} ${inst.quote} is below the minimum ${quoteText(inst, inst.minNotional)} ${inst.quote}` };
    }
  }
  const input: AmendInput = { clientOrderId: o.clientOrderId, source: 'grid' };
  if (column === 'qty') input.qty = formatQty(inst, value);
  else if (column === 'price') input.price = formatPrice(inst, value);
  else input.stopPrice = formatPrice(inst, value);
  return { kind: 'send', input };
}

/** The message for an amend refused before it reached the venue. */
export function amendRefusedText(clientOrderId: string, column: AmendColumn, reason: string): string {
  return `Amend ${clientOrderId} ${columnWords[column]}: ${reason}`;
}

/**
 * What the venue said about an amend we sent from the grid (its answer arrives later, as an audit
 * event): a refusal must be as visible as an immediate one, since the order stays as it was.
 */
export function amendOutcome(entry: AuditEntry): { kind: 'bad' | 'good'; text: string } | null {
  if (entry.action === 'amend_reject') {
    return { kind: 'bad', text: `Amend ${entry.clientOrderId} refused: ${entry.detail ?? 'no reason given'}; the order is unchanged` };
  }
  if (entry.action === 'amend') return { kind: 'good', text: `Amended ${entry.clientOrderId} (version ${entry.after.version})` };
  return null;
}
