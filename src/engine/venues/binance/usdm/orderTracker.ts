/**
 * What has been said about each of our USD-M orders, so that each thing is said exactly once, however
 * many ways the venue tells it: a REST answer and the stream's report of the same acceptance, a
 * cancel's answer and its CANCELED report, an execution report sent twice or out of order, the
 * trades a lost acknowledgement's query found and the same trades on the stream. A fill is known by
 * its trade id (per symbol), never counted twice; an order is accepted before anything else is said
 * about it, and ends once; an amendment is said when the terms change, and a report older than the
 * terms already reported is ignored.
 *
 * Memory is bounded: the oldest finished orders and fill ids are forgotten first.
 */
import type { Logger, QuoteUnits, Side, Symbol, Ticks, Lots, VenueEvent, VenueId } from '../../../core';

export interface TrackedOrder {
  clientOrderId: string;
  symbol: Symbol;
  side?: Side;
  venueOrderId?: string;
  price?: Ticks;
  qty?: Lots;
  /** Lots of the fills said so far. */
  filled: Lots;
  accepted: boolean;
  ended: boolean;
  /** The venue's time of the terms last said (amendments older than this are stale). */
  termsAt: number;
}

export interface TrackedFill {
  fillId: string;
  ts: number;
  price: Ticks;
  qty: Lots;
  liquidity: 'maker' | 'taker';
  fee: QuoteUnits;
}

const MAX_ORDERS = 20_000;
const MAX_FILL_IDS = 100_000;

export class OrderTracker {
  private readonly orders = new Map<string, TrackedOrder>();
  private readonly fillIds = new Set<string>();

  constructor(
    private readonly venue: VenueId,
    private readonly emit: (event: VenueEvent) => void,
    private readonly logger: Logger,
  ) {}

  get(clientOrderId: string): TrackedOrder | undefined {
    return this.orders.get(clientOrderId);
  }

  /** Our request as sent: its symbol, side and terms (what an amendment must repeat to the venue). */
  sent(clientOrderId: string, symbol: Symbol, side: Side, price: Ticks | undefined, qty: Lots): void {
    const o = this.order(clientOrderId, symbol);
    o.side = side;
    if (price !== undefined) o.price = price;
    o.qty = qty;
  }

  /** Learned from a query or a report: fills in what is not known yet. */
  learned(clientOrderId: string, symbol: Symbol, side: Side, price: Ticks | undefined, qty: Lots): TrackedOrder {
    const o = this.order(clientOrderId, symbol);
    o.side ??= side;
    if (o.price === undefined && price !== undefined) o.price = price;
    o.qty ??= qty;
    return o;
  }

  accepted(clientOrderId: string, symbol: Symbol, venueOrderId: string, ts: number): void {
    const o = this.order(clientOrderId, symbol);
    o.venueOrderId ??= venueOrderId;
    if (o.accepted) return;
    o.accepted = true;
    this.emit({ type: 'orderAccepted', venue: this.venue, clientOrderId, venueOrderId, ts });
  }

  rejected(clientOrderId: string, reason: string, ts: number): void {
    const o = this.orders.get(clientOrderId);
    if (o?.ended || o?.accepted) {
      // An order the venue took cannot be refused afterwards: a stale refusal is only logged.
      this.logger.warn({ venue: this.venue, clientOrderId, reason }, 'refusal for an order the venue already took: ignored');
      return;
    }
    if (o) o.ended = true;
    this.emit({ type: 'orderRejected', venue: this.venue, clientOrderId, reason, ts });
  }

  /** Says a fill unless its id was said before; false for a duplicate. */
  fill(clientOrderId: string, symbol: Symbol, venueOrderId: string, f: TrackedFill): boolean {
    if (this.fillIds.has(f.fillId)) return false;
    this.accepted(clientOrderId, symbol, venueOrderId, f.ts);
    this.fillIds.add(f.fillId);
    if (this.fillIds.size > MAX_FILL_IDS) this.fillIds.delete(this.fillIds.values().next().value!);
    const o = this.order(clientOrderId, symbol);
    o.filled += f.qty;
    this.emit({ type: 'orderFilled', venue: this.venue, clientOrderId, ...f });
    if (o.qty !== undefined && o.filled >= o.qty) this.prune();
    return true;
  }

  hasFill(fillId: string): boolean {
    return this.fillIds.has(fillId);
  }

  ended(clientOrderId: string, symbol: Symbol, venueOrderId: string | undefined, how: 'canceled' | 'expired', ts: number, reason?: string): void {
    const o = this.order(clientOrderId, symbol);
    if (o.ended) return;
    if (venueOrderId !== undefined) this.accepted(clientOrderId, symbol, venueOrderId, ts);
    o.ended = true;
    if (how === 'canceled') this.emit({ type: 'orderCanceled', venue: this.venue, clientOrderId, ts, ...(reason !== undefined ? { reason } : {}) });
    else this.emit({ type: 'orderExpired', venue: this.venue, clientOrderId, ts, reason: reason ?? 'expired' });
    this.prune();
  }

  /** The venue's terms after an amendment at venue time `at`: said if they are newer and different. */
  amended(clientOrderId: string, symbol: Symbol, venueOrderId: string, price: Ticks, qty: Lots, at: number, ts: number): void {
    const o = this.order(clientOrderId, symbol);
    if (o.ended || at < o.termsAt || (o.price === price && o.qty === qty)) return;
    this.accepted(clientOrderId, symbol, venueOrderId, ts);
    o.price = price;
    o.qty = qty;
    o.termsAt = at;
    this.emit({ type: 'orderAmended', venue: this.venue, clientOrderId, ts, price, qty });
  }

  private order(clientOrderId: string, symbol: Symbol): TrackedOrder {
    let o = this.orders.get(clientOrderId);
    if (!o) {
      o = { clientOrderId, symbol, filled: 0, accepted: false, ended: false, termsAt: 0 };
      this.orders.set(clientOrderId, o);
    }
    return o;
  }

  private prune(): void {
    if (this.orders.size <= MAX_ORDERS) return;
    for (const [id, o] of this.orders) {
      if (this.orders.size <= MAX_ORDERS) break;
      // Finished: ended, or filled (a filled order has no end report of its own).
      if (o.ended || (o.qty !== undefined && o.filled >= o.qty)) this.orders.delete(id);
    }
  }
}
