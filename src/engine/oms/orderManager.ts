import { err, EventBus, ok, type Clock, type Result, type Source, type Symbol, type VenueId } from '../core';
import type { InstrumentRegistry } from '../instruments';
import { silentLogger, type Logger } from '../core';
import type { RiskManager } from '../risk';
import type { Store } from '../storage';
import type { VenueAdapter, VenueEvent } from '../venues';
import { CLIENT_ORDER_ID, ClientOrderIds } from './clientOrderIds';
import { reconcileVenue, type ReconcileReport } from './reconcile';
import { checkTransition, isTerminal, type IllegalTransitionError } from './stateMachine';
import { isWorking, type Fill, type Order, type OrderRequest, type OrderStatus } from './types';

export interface CancelRejected {
  venue: VenueId;
  clientOrderId: string;
  reason: string;
  ts: number;
}

export type OmsEvents = {
  /** A snapshot of the order after each change. */
  order: Order;
  /** A new fill (never a duplicate). */
  fill: Fill;
  cancelRejected: CancelRejected;
};

/** What applying one venue event did. Not applied = the order is unchanged (and why). */
export type ApplyOutcome =
  | { applied: true; order: Order }
  | { applied: false; reason: string; error?: IllegalTransitionError };

export interface CancelFilter {
  venue?: VenueId;
  symbol?: Symbol;
}

export interface OrderManagerOptions {
  clock: Clock;
  store: Store;
  venues: VenueAdapter[];
  instruments: InstrumentRegistry;
  risk: RiskManager;
  /** Prefix of generated clientOrderIds; default derived from the clock so each run's differ. */
  idPrefix?: string;
  logger?: Logger;
}

type EventOf<T extends VenueEvent['type']> = Extract<VenueEvent, { type: T }>;

/**
 * Owns every order's state. The rule: persist, then publish. An order is stored as `submitted`
 * before the venue hears of it (write ahead), every venue event is stored before it is emitted,
 * and anything the lifecycle does not allow is logged and leaves the order untouched.
 * It subscribes to the venues it is given; call dispose() to detach.
 */
export class OrderManager {
  readonly events: EventBus<OmsEvents>;
  private readonly byId = new Map<string, Order>();
  private readonly venues = new Map<VenueId, VenueAdapter>();
  private readonly detach: (() => void)[] = [];
  private readonly ids: ClientOrderIds;
  private readonly clock: Clock;
  private readonly store: Store;
  private readonly instruments: InstrumentRegistry;
  private readonly risk: RiskManager;
  private readonly log: Logger;

  constructor(options: OrderManagerOptions) {
    this.clock = options.clock;
    this.store = options.store;
    this.instruments = options.instruments;
    this.risk = options.risk;
    this.log = options.logger ?? silentLogger;
    this.events = new EventBus<OmsEvents>((event, error) => this.log.error({ event, error: String(error) }, 'OMS listener threw'));
    this.ids = new ClientOrderIds(this.clock.now(), options.idPrefix);
    for (const venue of options.venues) {
      this.venues.set(venue.id, venue);
      this.detach.push(venue.onEvent((e) => void this.onVenueEvent(e)));
    }
  }

  dispose(): void {
    for (const off of this.detach.splice(0)) off();
  }

  submit(req: OrderRequest, source: Source): Result<Order> {
    if (req.clientOrderId !== undefined && !CLIENT_ORDER_ID.test(req.clientOrderId)) {
      return err('INVALID_INPUT', `clientOrderId must be 1-36 characters of A-Z a-z 0-9 . _ : / -`);
    }
    const clientOrderId = req.clientOrderId ?? this.ids.next((id) => this.byId.has(id));
    const existing = this.byId.get(clientOrderId);
    if (existing) {
      // Idempotent: a retried submit (double click, resent bridge command) must not trade twice.
      this.log.info({ clientOrderId, source }, 'duplicate submit; returning the existing order');
      return ok(existing);
    }

    const now = this.clock.now();
    const order: Order = {
      clientOrderId,
      venue: req.venue,
      symbol: req.symbol,
      side: req.side,
      type: req.type,
      tif: req.tif ?? (req.type === 'market' ? 'IOC' : 'GTC'),
      postOnly: req.postOnly ?? false,
      qty: req.qty,
      filledQty: 0,
      filledValue: 0,
      fees: 0,
      status: 'submitted',
      source,
      createdAt: now,
      updatedAt: now,
    };
    if (req.type === 'limit' && req.price !== undefined) order.price = req.price;

    const verdict = this.risk.check({ ...req, clientOrderId });
    if (!verdict.ok) return this.rejectAtSubmit(order, verdict.error.code, verdict.error.message);
    const venue = this.venues.get(req.venue);
    if (!venue) return this.rejectAtSubmit(order, 'VENUE_UNAVAILABLE', `venue ${req.venue} is not connected to the OMS`);

    // Write ahead: if we crash after this line the order is known, and restart reconciles it.
    this.commit(order);
    this.log.info({ clientOrderId, source, venue: order.venue, symbol: order.symbol }, 'order submitted');
    try {
      venue.submit({
        clientOrderId,
        symbol: order.symbol,
        side: order.side,
        type: order.type,
        tif: order.tif,
        postOnly: order.postOnly,
        price: order.price,
        qty: order.qty,
      });
    } catch (error) {
      // Adapters report through events; a throw is an adapter bug, contained to this order.
      this.log.error({ clientOrderId, error: String(error) }, 'venue submit threw');
      const current = this.byId.get(clientOrderId) ?? order;
      if (current.status === 'submitted') {
        this.commit({ ...current, status: 'rejected', rejectReason: `venue error: ${String(error)}`, updatedAt: this.clock.now() });
      }
    }
    // The venue may have answered synchronously; hand back the latest state.
    return ok(this.byId.get(clientOrderId) ?? order);
  }

  cancel(clientOrderId: string, source: Source): Result<Order> {
    const order = this.byId.get(clientOrderId);
    if (!order) return err('UNKNOWN_ORDER', `no order ${clientOrderId}`);
    if (!isWorking(order)) {
      return err('ILLEGAL_TRANSITION', `order ${clientOrderId} is ${order.status}; only a working order can be canceled`);
    }
    const venue = this.venues.get(order.venue);
    if (!venue) return err('VENUE_UNAVAILABLE', `venue ${order.venue} is not connected to the OMS`);
    this.log.info({ clientOrderId, source }, 'cancel requested');
    try {
      venue.cancel(order.symbol, clientOrderId);
    } catch (error) {
      this.log.error({ clientOrderId, error: String(error) }, 'venue cancel threw');
      return err('VENUE_UNAVAILABLE', `cancel of ${clientOrderId} failed: ${String(error)}`);
    }
    return ok(this.byId.get(clientOrderId) ?? order);
  }

  /** Sends a cancel for every working order matching the filter; returns how many were sent. */
  cancelAll(filter: CancelFilter, source: Source): number {
    let sent = 0;
    for (const order of this.openOrders()) {
      if (filter.venue !== undefined && order.venue !== filter.venue) continue;
      if (filter.symbol !== undefined && order.symbol !== filter.symbol) continue;
      if (this.cancel(order.clientOrderId, source).ok) sent++;
    }
    return sent;
  }

  onVenueEvent(e: VenueEvent): ApplyOutcome {
    switch (e.type) {
      case 'orderAccepted':
        return this.onAccepted(e);
      case 'orderRejected':
        return this.onRejected(e);
      case 'orderFilled':
        return this.onFilled(e);
      case 'orderCanceled':
        return this.onCanceled(e);
      case 'cancelRejected':
        return this.onCancelRejected(e);
      default:
        return { applied: false, reason: `${e.type} is not an order event` };
    }
  }

  orders(): Order[] {
    return [...this.byId.values()];
  }

  openOrders(): Order[] {
    return this.orders().filter(isWorking);
  }

  /** Stored fills in the order they happened; with `limit`, only the latest `limit`. */
  fills(limit?: number): Fill[] {
    return this.store.loadFills(limit);
  }

  get(clientOrderId: string): Order | undefined {
    return this.byId.get(clientOrderId);
  }

  /** Loads every stored order; working ones are working again. Returns how many are working. */
  restore(): number {
    for (const order of this.store.loadOrders()) this.byId.set(order.clientOrderId, order);
    const working = this.openOrders().length;
    this.log.info({ orders: this.byId.size, working }, 'orders restored');
    return working;
  }

  /**
   * After restore() and the venues' connect(): settles our working orders with each venue's open
   * orders (see reconcileVenue for what v1 settles). Every difference is logged.
   */
  async reconcile(): Promise<ReconcileReport[]> {
    const reports: ReconcileReport[] = [];
    for (const venue of this.venues.values()) {
      reports.push(
        await reconcileVenue({
          venue,
          working: () => this.openOrders().filter((o) => o.venue === venue.id),
          get: (id) => this.byId.get(id),
          apply: (event) => this.onVenueEvent(event).applied,
          instruments: this.instruments,
          clock: this.clock,
          log: this.log,
        }),
      );
    }
    return reports;
  }

  private onAccepted(e: EventOf<'orderAccepted'>): ApplyOutcome {
    const order = this.orderFor(e);
    if (!order) return { applied: false, reason: `unknown order ${e.clientOrderId}` };
    if (order.status === 'accepted' && order.venueOrderId === e.venueOrderId) return this.ignore(e, 'duplicate ack');
    const illegal = checkTransition(order, 'accepted', e.type);
    if (illegal) {
      // A late ack (after a fill or a cancel) still tells us the venue's id: keep it, change nothing else.
      if (order.venueOrderId === undefined) this.commit({ ...order, venueOrderId: e.venueOrderId, updatedAt: this.clock.now() });
      // Common and harmless (an IOC filled before its ack arrived): info, not warn.
      return this.illegal(illegal, 'info');
    }
    return this.applied(this.commit({ ...order, status: 'accepted', venueOrderId: e.venueOrderId, updatedAt: this.clock.now() }));
  }

  private onRejected(e: EventOf<'orderRejected'>): ApplyOutcome {
    const order = this.orderFor(e);
    if (!order) return { applied: false, reason: `unknown order ${e.clientOrderId}` };
    const illegal = checkTransition(order, 'rejected', e.type);
    if (illegal) return this.illegal(illegal);
    this.log.warn({ clientOrderId: order.clientOrderId, reason: e.reason }, 'order rejected by venue');
    return this.applied(this.commit({ ...order, status: 'rejected', rejectReason: e.reason, updatedAt: this.clock.now() }));
  }

  private onCanceled(e: EventOf<'orderCanceled'>): ApplyOutcome {
    const order = this.orderFor(e);
    if (!order) return { applied: false, reason: `unknown order ${e.clientOrderId}` };
    if (order.status === 'canceled') return this.ignore(e, 'duplicate cancel');
    const illegal = checkTransition(order, 'canceled', e.type);
    if (illegal) return this.illegal(illegal);
    const next: Order = { ...order, status: 'canceled', updatedAt: this.clock.now() };
    if (e.reason !== undefined) next.cancelReason = e.reason;
    return this.applied(this.commit(next));
  }

  private onFilled(e: EventOf<'orderFilled'>): ApplyOutcome {
    const order = this.orderFor(e);
    if (!order) {
      // Money moved that we cannot attribute (no side, no symbol): loud, but nothing to book it on.
      this.log.error({ venue: e.venue, clientOrderId: e.clientOrderId, fillId: e.fillId }, 'fill for an unknown order');
      return { applied: false, reason: `unknown order ${e.clientOrderId}` };
    }
    const fill: Fill = {
      fillId: e.fillId,
      clientOrderId: order.clientOrderId,
      venue: order.venue,
      symbol: order.symbol,
      side: order.side,
      price: e.price,
      qty: e.qty,
      liquidity: e.liquidity,
      fee: e.fee,
      ts: e.ts,
    };
    const filledQty = order.filledQty + e.qty;
    let status: OrderStatus = order.status;
    if (isTerminal(order.status)) {
      // A fill that raced a cancel (or arrives after the venue called the order done) really traded:
      // book it, keep the terminal status.
      this.log.warn({ clientOrderId: order.clientOrderId, status: order.status, fillId: e.fillId }, 'fill on a terminal order; applied');
    } else {
      status = filledQty >= order.qty ? 'filled' : 'partially_filled';
    }
    if (filledQty > order.qty) {
      this.log.error({ clientOrderId: order.clientOrderId, filledQty, qty: order.qty }, 'order overfilled');
    }
    const next: Order = {
      ...order,
      status,
      filledQty,
      filledValue: order.filledValue + e.price * e.qty,
      fees: order.fees + e.fee,
      updatedAt: this.clock.now(),
    };
    let fresh = false;
    this.store.transaction(() => {
      fresh = this.store.insertFill(fill);
      if (fresh) this.store.saveOrder(next);
    });
    if (!fresh) return this.ignore(e, `duplicate fill ${e.fillId}`);
    this.byId.set(next.clientOrderId, next);
    this.events.emit('fill', fill);
    this.events.emit('order', next);
    return this.applied(next);
  }

  private onCancelRejected(e: EventOf<'cancelRejected'>): ApplyOutcome {
    const order = this.orderFor(e);
    this.log.warn({ clientOrderId: e.clientOrderId, reason: e.reason, status: order?.status }, 'cancel rejected by venue');
    this.events.emit('cancelRejected', { venue: e.venue, clientOrderId: e.clientOrderId, reason: e.reason, ts: e.ts });
    return { applied: false, reason: `cancel rejected: ${e.reason}` };
  }

  private orderFor(e: { venue: VenueId; clientOrderId: string; type: string }): Order | undefined {
    const order = this.byId.get(e.clientOrderId);
    if (order && order.venue === e.venue) return order;
    this.log.warn({ venue: e.venue, clientOrderId: e.clientOrderId, event: e.type }, 'venue event for an unknown order');
    return undefined;
  }

  private rejectAtSubmit(order: Order, code: Parameters<typeof err>[0], reason: string): Result<Order> {
    // Recorded too: the blotter shows what was refused and why.
    this.commit({ ...order, status: 'rejected', rejectReason: reason });
    this.log.info({ clientOrderId: order.clientOrderId, code, reason }, 'order rejected before sending');
    return err(code, reason);
  }

  /** Persist, then publish. */
  private commit(order: Order): Order {
    this.store.saveOrder(order);
    this.byId.set(order.clientOrderId, order);
    this.events.emit('order', order);
    return order;
  }

  private applied(order: Order): ApplyOutcome {
    return { applied: true, order };
  }

  private ignore(e: { clientOrderId: string; type: string }, reason: string): ApplyOutcome {
    this.log.debug({ clientOrderId: e.clientOrderId, event: e.type }, reason);
    return { applied: false, reason };
  }

  private illegal(error: IllegalTransitionError, level: 'info' | 'warn' = 'warn'): ApplyOutcome {
    this.log[level]({ clientOrderId: error.clientOrderId, from: error.from, to: error.to, trigger: error.trigger }, error.message);
    return { applied: false, reason: error.message, error };
  }
}

