import type { AuditEntry, AuditState, CallOutput, Instrument, Order, OrderVersion } from '../../contract/api';
import { avgPriceText, dateTimeText, timeMsText } from './numbers';
import { groupText, orderStatusText, orderTypeText, priceText, qtyText, statusText } from './orderText';

/**
 * The order history drawer's content: the engine's answer to orders.history, kept current from the
 * live audit stream, and each row as text.
 */

export type OrderHistory = CallOutput<'orders.history'>;

const byKey = (a: AuditEntry, b: AuditEntry): number => a.seq - b.seq || a.n - b.n;

/**
 * Adds live audit entries to a loaded history. An entry can arrive both in the reply and as an event
 * (the reply is built while events flow), so entries are keyed by (seq, n) and kept once, in journal
 * order. A confirmed amend adds the version it created; its source is the one that asked for it (the
 * grid, the ticket), which is on the amend request, not on the venue's confirmation.
 */
export function mergeAudit(history: OrderHistory, entries: readonly AuditEntry[]): OrderHistory {
  const id = history.order.clientOrderId;
  const mine = entries.filter((e) => e.clientOrderId === id);
  if (mine.length === 0) return history;
  const seen = new Set(history.audit.map((e) => `${e.seq}:${e.n}`));
  const fresh = mine.filter((e) => !seen.has(`${e.seq}:${e.n}`) && (seen.add(`${e.seq}:${e.n}`), true));
  if (fresh.length === 0) return history;
  const audit = [...history.audit, ...fresh].sort(byKey);

  const versions = [...history.versions];
  const known = new Set(versions.map((v) => v.version));
  for (const e of fresh) {
    if (e.action !== 'amend' || known.has(e.after.version)) continue;
    known.add(e.after.version);
    const request = audit.filter((a) => a.action === 'amend_request' && byKey(a, e) < 0).at(-1);
    const v: OrderVersion = { clientOrderId: id, version: e.after.version, qty: e.after.qty, at: e.ts, source: request?.source ?? e.source };
    if (e.after.price !== undefined) v.price = e.after.price;
    if (e.after.stopPrice !== undefined) v.stopPrice = e.after.stopPrice;
    versions.push(v);
  }
  versions.sort((a, b) => a.version - b.version);
  return { ...history, audit, versions };
}

const actionWords: Record<AuditEntry['action'], string> = {
  submit: 'Submit',
  send: 'Sent',
  accept: 'Accepted',
  reject: 'Rejected',
  trigger: 'Triggered',
  fill: 'Fill',
  amend_request: 'Amend req.',
  amend: 'Amended',
  amend_reject: 'Amend rejected',
  cancel_request: 'Cancel req.',
  cancel: 'Canceled',
  cancel_reject: 'Cancel rejected',
  expire: 'Expired',
  arm: 'Armed',
  reconcile: 'Reconciled',
};

export const actionText = (action: AuditEntry['action']): string => actionWords[action];

/** Who did it, as a word: "kill_switch" reads "kill switch". */
export const sourceText = (source: string): string => source.replace(/_/g, ' ');

/** One before→after cell: the value alone when it did not change (or there is no before), "a → b" when it did. */
export interface Change {
  text: string;
  changed: boolean;
}

export function change<T>(before: T | undefined, after: T | undefined, show: (v: T | undefined) => string, hadBefore: boolean): Change {
  const to = show(after);
  if (!hadBefore) return { text: to, changed: false };
  const from = show(before);
  return from === to ? { text: to, changed: false } : { text: `${from || '—'} → ${to || '—'}`, changed: true };
}

export interface AuditRow {
  key: string;
  time: string;
  /** The full date, for a tooltip: an order can live for days. */
  when: string;
  action: string;
  source: string;
  status: Change;
  price: Change;
  stop: Change;
  qty: Change;
  filled: Change;
  detail: string;
}

/** An audit entry as one row of the Events table. */
export function auditRow(inst: Instrument | undefined, e: AuditEntry): AuditRow {
  const had = e.before !== undefined;
  const b: Partial<AuditState> = e.before ?? {};
  return {
    key: `${e.seq}:${e.n}`,
    time: timeMsText(e.ts),
    when: dateTimeText(e.ts),
    action: actionText(e.action),
    source: sourceText(e.source),
    status: change(b.status, e.after.status, (v) => (v === undefined ? '' : statusText(v)), had),
    price: change(b.price, e.after.price, (v) => priceText(inst, v), had),
    stop: change(b.stopPrice, e.after.stopPrice, (v) => priceText(inst, v), had),
    qty: change(b.qty, e.after.qty, (v) => (v === undefined ? '' : qtyText(inst, v)), had),
    filled: change(b.filledQty, e.after.filledQty, (v) => (v === undefined ? '' : qtyText(inst, v)), had),
    detail: e.detail ?? '',
  };
}

export interface VersionRow {
  key: string;
  version: string;
  price: string;
  stop: string;
  qty: string;
  time: string;
  when: string;
  source: string;
}

export function versionRow(inst: Instrument | undefined, v: OrderVersion): VersionRow {
  return {
    key: String(v.version),
    version: String(v.version),
    price: priceText(inst, v.price),
    stop: priceText(inst, v.stopPrice),
    qty: qtyText(inst, v.qty),
    time: timeMsText(v.at),
    when: dateTimeText(v.at),
    source: sourceText(v.source),
  };
}

/** The order's summary as label/value pairs, only those that apply. */
export function orderSummary(inst: Instrument | undefined, o: Order): [string, string][] {
  const rows: [string, string][] = [
    ['Instrument', `${o.symbol} · ${o.venue}`],
    ['Side', o.side === 'buy' ? 'Buy' : 'Sell'],
    ['Type', orderTypeText(o)],
    ['Status', orderStatusText(o)],
  ];
  if (o.price !== undefined) rows.push(['Price', priceText(inst, o.price)]);
  if (o.stopPrice !== undefined) rows.push(['Stop', `${priceText(inst, o.stopPrice)}${o.triggeredAt !== undefined ? ` (triggered ${timeMsText(o.triggeredAt)})` : ''}`]);
  rows.push(['Qty', qtyText(inst, o.qty)]);
  const avg = o.filledQty > 0 && inst ? ` @ ${avgPriceText(inst, o.filledValue / o.filledQty)}` : '';
  rows.push(['Filled', `${qtyText(inst, o.filledQty)}${avg}`]);
  rows.push(['Version', String(o.version)]);
  const group = groupText(o);
  // An exit names its entry already; an entry or OCO leg names its group.
  const named = o.role === 'take_profit' || o.role === 'stop_loss' || o.groupId === undefined;
  if (group) rows.push(['Group', named ? group : `${group} ${o.groupId}`]);
  if (o.expireAt !== undefined) rows.push(['Expires', dateTimeText(o.expireAt)]);
  rows.push(['Source', sourceText(o.source)]);
  rows.push(['Created', dateTimeText(o.createdAt)]);
  rows.push(['Updated', dateTimeText(o.updatedAt)]);
  if (o.venueOrderId !== undefined) rows.push(['Venue id', o.venueOrderId]);
  if (o.rejectReason) rows.push(['Reject reason', o.rejectReason]);
  if (o.cancelReason) rows.push([o.status === 'expired' ? 'Expiry reason' : 'Cancel reason', o.cancelReason]);
  return rows;
}
