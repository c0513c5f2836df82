import type { AuditEntry, Clock, Fill, NumberFormat, Order, Symbol, VenueId } from '../../core';
import type { Instrument } from '../../instruments';
import type { BreakerTransitionRecord } from '../../risk';
import type { AlertFiredView } from './alertRules';
import { noticeText } from './noticeText';

export type NoticeKind = 'alert' | 'fill' | 'rejected' | 'breaker';

/**
 * Something the trader should see at once, whatever screen is open: a fired alert, a fill, an order
 * (or an amend or cancel) the venue refused, a circuit breaker that tripped. One stream, for toasts.
 */
export interface Notice {
  /** Increases by one per notice in this run of the engine (a view may use it to drop a duplicate). */
  seq: number;
  kind: NoticeKind;
  ts: number;
  venue: VenueId;
  /** Absent for a venue-wide breaker. */
  symbol?: Symbol;
  /**
   * One line: "Alert SIM BTC-USDT", "Bought 0.5 SOL-USDT at 101.23", "Order rejected: buy 1 SOL-USDT";
   * its numbers in the trader's number format as it was when the notice was written.
   */
  title: string;
  /** The detail; for a rejection the venue's own words, unchanged (so are a breaker's reason and an alert's note). */
  text: string;
  clientOrderId?: string;
  alertId?: string;
  /** A fired alert whose rule asked for a sound. */
  sound?: boolean;
}

/** Audit actions that are the venue (or risk, after the order left the trader's hands) saying no. */
const REFUSALS: Partial<Record<AuditEntry['action'], string>> = { reject: 'Order rejected', amend_reject: 'Amend refused', cancel_reject: 'Cancel refused' };

export interface NoticeDeps {
  clock: Clock;
  instrument(venue: VenueId, symbol: Symbol): Instrument | undefined;
  order(clientOrderId: string): Order | undefined;
  /** The Settings screen's number format now: read for each notice, so a change applies to the next one. */
  numberFormat(): NumberFormat;
  emit(notice: Notice): void;
}

/** Turns engine events into notices. */
export class Notices {
  private seq = 0;

  constructor(private readonly deps: NoticeDeps) {}

  onAlert(fired: AlertFiredView): void {
    this.emit({
      kind: 'alert',
      ts: fired.ts,
      venue: fired.venue,
      symbol: fired.symbol,
      title: `Alert ${fired.venue} ${fired.symbol}${fired.note !== undefined ? `: ${fired.note}` : ''}`,
      text: fired.text,
      alertId: fired.alertId,
      sound: fired.sound,
    });
  }

  onFill(fill: Fill): void {
    const inst = this.deps.instrument(fill.venue, fill.symbol);
    const t = noticeText(this.deps.numberFormat());
    const qty = t.qty(inst, fill.qty);
    const price = t.price(inst, fill.price);
    const verb = fill.settlement ? 'Settled' : fill.side === 'buy' ? 'Bought' : 'Sold';
    const order = this.deps.order(fill.clientOrderId);
    const left = order && order.filledQty < order.qty && inst ? `; ${t.qty(inst, order.qty - order.filledQty)} left` : '';
    this.emit({
      kind: 'fill',
      ts: fill.ts,
      venue: fill.venue,
      symbol: fill.symbol,
      title: `${verb} ${qty} ${fill.symbol} at ${price}`,
      text: `${fill.venue}, order ${fill.clientOrderId} (${fill.liquidity})${left}`,
      clientOrderId: fill.clientOrderId,
    });
  }

  /**
   * A refusal after the order was placed: by the venue (its words), or by risk for an order the
   * engine sent on the trader's behalf (a bracket child). A refusal at submit is not a notice: the
   * caller got it as the answer to its request.
   */
  onAudit(entry: AuditEntry): void {
    const what = REFUSALS[entry.action];
    if (what === undefined || (entry.action === 'reject' && entry.before === undefined)) return;
    const order = this.deps.order(entry.clientOrderId);
    const inst = this.deps.instrument(entry.venue, entry.symbol);
    const qty = noticeText(this.deps.numberFormat()).qty(inst, entry.after.qty);
    this.emit({
      kind: 'rejected',
      ts: entry.ts,
      venue: entry.venue,
      symbol: entry.symbol,
      title: `${what}: ${order ? `${order.side} ` : ''}${qty} ${entry.symbol}`,
      text: entry.detail ?? 'no reason given',
      clientOrderId: entry.clientOrderId,
    });
  }

  /** A breaker that opened from closed (a failed probe re-opening it is the same trip, not news). */
  onBreaker(record: BreakerTransitionRecord): void {
    if (record.to !== 'OPEN' || record.from !== 'CLOSED') return;
    this.emit({
      kind: 'breaker',
      ts: record.ts,
      venue: record.venue,
      ...(record.symbol !== undefined ? { symbol: record.symbol } : {}),
      title: `Circuit breaker open: ${record.symbol !== undefined ? `${record.venue} ${record.symbol}` : `venue ${record.venue}`}`,
      text: record.reason,
    });
  }

  private emit(notice: Omit<Notice, 'seq'>): void {
    this.deps.emit({ seq: ++this.seq, ...notice });
  }
}
