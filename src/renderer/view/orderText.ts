import type { Instrument, Order } from '../../contract/api';
import { priceText as shownPrice, qtyText as shownQty } from './numbers';

/**
 * How an order reads in a dense grid: a few letters per property, the same words in Open orders, the
 * history drawer and the ticket's last-order line.
 */

type Status = Order['status'];

const statusWords: Record<Status, string> = {
  initialized: 'New',
  submitted: 'Sent',
  accepted: 'Working',
  triggered: 'Triggered',
  partially_filled: 'Partial',
  pending_update: 'Amending…',
  pending_cancel: 'Canceling…',
  filled: 'Filled',
  canceled: 'Canceled',
  rejected: 'Rejected',
  expired: 'Expired',
};

/** A status in a trader's words; the in-between states end in "…" so nobody reads them as final. */
export function statusText(status: Status): string {
  return statusWords[status];
}

/**
 * The status of this order: a bracket's exit not yet armed is "Waiting" (for its entry to fill), not
 * "New", which would suggest it is about to reach the venue; an order whose acknowledgement was lost is
 * "Unknown" until the venue says whether it has it (it may be live: it is never sent again).
 */
export function orderStatusText(o: Pick<Order, 'status' | 'parentId' | 'unknownReason'>): string {
  if (o.unknownReason !== undefined) return 'Unknown';
  if (o.status === 'initialized' && o.parentId !== undefined) return 'Waiting';
  return statusText(o.status);
}

/** Colour class for a status: pending ones stand out, done ones fade. */
export function statusTone(status: Status): 'pending' | 'live' | 'done' | 'bad' | 'good' {
  switch (status) {
    case 'pending_update':
    case 'pending_cancel':
    case 'submitted':
    case 'initialized':
      return 'pending';
    case 'accepted':
    case 'triggered':
    case 'partially_filled':
      return 'live';
    case 'filled':
      return 'good';
    case 'rejected':
      return 'bad';
    case 'canceled':
    case 'expired':
      return 'done';
  }
}

const typeWords: Record<Order['type'], string> = { limit: 'Limit', market: 'Market', stop_market: 'Stop', stop_limit: 'Stop lmt' };

/** The order type with its qualifiers: "Limit PO", "Stop lmt GTD RO", "Market IOC"; GTC, the usual case, is not spelled out. */
export function orderTypeText(o: Pick<Order, 'type' | 'tif' | 'postOnly' | 'reduceOnly'>): string {
  const parts = [typeWords[o.type]];
  if (o.postOnly) parts.push('PO');
  if (o.tif !== 'GTC') parts.push(o.tif);
  if (o.reduceOnly) parts.push('RO');
  return parts.join(' ');
}

/** Where the order sits in a bracket or OCO: "TP of <entry>", "SL of <entry>", "Bracket", "OCO"; "" when alone. */
export function groupText(o: Pick<Order, 'groupId' | 'role' | 'parentId'>): string {
  switch (o.role) {
    case 'entry':
      return 'Bracket';
    case 'take_profit':
      return o.parentId !== undefined ? `TP of ${o.parentId}` : 'TP';
    case 'stop_loss':
      return o.parentId !== undefined ? `SL of ${o.parentId}` : 'SL';
    case 'oco_leg':
      return 'OCO';
    default:
      // An execution algo's child: its parent order.
      if (o.parentId !== undefined) return `Algo ${o.parentId}`;
      return o.groupId !== undefined ? 'Group' : '';
  }
}

/** Ticks as text in the instrument's decimals (Settings' format), or the raw number when the instrument is not known (yet). */
export const priceText = (inst: Instrument | undefined, ticks: number | undefined): string =>
  ticks === undefined ? '' : inst ? shownPrice(inst, ticks) : String(ticks);

export const qtyText = (inst: Instrument | undefined, lots: number): string => (inst ? shownQty(inst, lots) : String(lots));

/** What an amend waiting for the venue asks for, e.g. "price 95010.0, qty 0.0200", for a tooltip. */
export function pendingAmendText(inst: Instrument | undefined, o: Pick<Order, 'status' | 'pendingAmend'>): string | undefined {
  if (o.status !== 'pending_update' || !o.pendingAmend) return undefined;
  const a = o.pendingAmend;
  const parts: string[] = [];
  if (a.price !== undefined) parts.push(`price ${priceText(inst, a.price)}`);
  if (a.stopPrice !== undefined) parts.push(`stop ${priceText(inst, a.stopPrice)}`);
  if (a.qty !== undefined) parts.push(`qty ${qtyText(inst, a.qty)}`);
  return parts.length > 0 ? `Amending to ${parts.join(', ')}` : undefined;
}

const roleWords: Partial<Record<NonNullable<Order['role']>, string>> = { entry: 'Entry', take_profit: 'TP', stop_loss: 'SL', oco_leg: 'OCO' };

/**
 * The ticket's line about an order it just placed, followed live: "TP: Sell 0.0100 BTC limit @ 96000.0:
 * Waiting". A rejection reads "Rejected: <reason>" so the engine's reason is never hidden.
 */
export function lastOrderText(inst: Instrument, o: Order): string {
  if (o.status === 'rejected') return `Rejected: ${o.rejectReason ?? 'no reason given'}`;
  const role = o.role ? roleWords[o.role] : undefined;
  const side = o.side === 'buy' ? 'Buy' : 'Sell';
  let terms: string;
  if (o.type === 'market') terms = 'at market';
  else if (o.type === 'limit') terms = `limit @ ${shownPrice(inst, o.price ?? 0)}`;
  else if (o.type === 'stop_market') terms = `stop @ ${shownPrice(inst, o.stopPrice ?? 0)}`;
  else terms = `stop @ ${shownPrice(inst, o.stopPrice ?? 0)} limit ${shownPrice(inst, o.price ?? 0)}`;
  const status = o.status === 'partially_filled' ? `partially filled ${shownQty(inst, o.filledQty)}` : orderStatusText(o);
  const reason = (o.status === 'canceled' || o.status === 'expired') && o.cancelReason ? ` (${o.cancelReason})` : '';
  return `${role ? `${role}: ` : ''}${side} ${shownQty(inst, o.qty)} ${inst.base} ${terms}: ${status}${reason}`;
}
