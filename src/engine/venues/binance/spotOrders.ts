/**
 * The trading half of a Binance spot VenueAdapter: submit, cancel, order query, open orders and trade
 * history, over the signed REST client. Answers become VenueEvents in the venue's own words (a
 * refused order's reason is Binance's `msg`, e.g. "Filter failure: LOT_SIZE").
 *
 * An order whose answer never came (socket error, timeout, 5xx) is never sent again: a duplicate is
 * real money. It is reported unknown (`orderUnknown`) and looked up by its clientOrderId (see
 * LostAckResolver) until the venue says what became of it. A cancel whose answer never came is looked up
 * the same way (LostCancelResolver): the order stays pending_cancel until the venue answers.
 *
 * Every answer goes through SpotOrderReports, which the account stream shares: a fact both report (the
 * order's fills in the FULL answer and in its executionReport) is told once.
 *
 * Amending: Binance spot changes a working order in place only by lowering its quantity (Order Amend
 * Keep Priority, which keeps its place in the queue, its orderId and, sent again, its client order id).
 * A new price (or a larger quantity) exists only as cancel-replace (POST /api/v3/order/cancelReplace):
 * the old order is canceled and a new one placed under a new orderId and a new client order id.
 * Everything the terminal knows of an order hangs on its client order id (its fills, its versions,
 * reconciliation), and a cancel-replace whose answer is lost leaves either order, neither or both to
 * find; so a price change is refused here with why, and the trader cancels and places a new order,
 * which the terminal tracks as what it is. An amend whose answer is lost is looked up, never resent
 * (LostAmendResolver).
 */
import { SqError, type Clock, type Logger, type Symbol, type VenueEvent, type VenueId } from '../../core';
import type { Instrument } from '../../instruments';
import type { VenueAmend, VenueFill, VenueOrderRequest, VenueOrderState } from '../types';
import { DEFAULT_LOST_ACK_POLICY, LostAckResolver, type LostAckPolicy } from './lostAckResolver';
import { LostCancelResolver } from './lostCancelResolver';
import { LostAmendResolver } from './lostAmendResolver';
import { AMEND_PATH, amendParams, readAmendAnswer, type WireAmendAnswer } from './spotAmendWire';
import { orderAmounts } from './orderAmounts';
import type { RestFailure, SignedRestClient } from './signedRest';
import { SpotOrderReports } from './spotOrderReports';
import { fillId, liquidityOf, newOrderParams, orderState, parseFill, sideOf, type WireFill, type WireOrder, type WireTrade } from './spotOrderWire';
import { InFlightRequests } from '../inFlightRequests';
import { instrumentsOf } from '../instrumentsOf';
import { openOrderStates } from './openOrderStates';

export interface SpotOrdersDeps {
  venue: VenueId;
  rest: SignedRestClient;
  clock: Clock;
  logger: Logger;
  instruments: readonly Instrument[];
  emit(event: VenueEvent): void;
  lostAck?: Partial<LostAckPolicy> | undefined;
  /** Shared with the account stream (one per adapter); made here when trading alone (tests). */
  reports?: SpotOrderReports;
}

const ORDER_DOES_NOT_EXIST = -2013;
const TRADES_PAGE = 1000;
export const SPOT_PRICE_AMEND_REFUSED =
  'Binance spot cannot change a working order\'s price: only cancel-replace can, which gives it a new order id and a new client order id and would break this terminal\'s tracking of the order; cancel it and place a new one (lowering its quantity keeps its place)';

export class BinanceSpotOrders {
  private readonly bySymbol: ReadonlyMap<Symbol, Instrument>;
  private readonly byVenueSymbol: ReadonlyMap<string, Instrument>;
  readonly reports: SpotOrderReports;
  private readonly inFlight = new InFlightRequests((e) => this.deps.logger.error({ venue: this.deps.venue, error: e.message }, 'Binance spot request failed unexpectedly'));
  private readonly lostAcks: LostAckResolver;
  private readonly lostCancels: LostCancelResolver;
  private readonly lostAmends: LostAmendResolver;

  constructor(private readonly deps: SpotOrdersDeps) {
    this.bySymbol = new Map(deps.instruments.map((i) => [i.symbol, i]));
    this.byVenueSymbol = new Map(deps.instruments.map((i) => [i.venueSymbol, i]));
    this.reports = deps.reports ?? new SpotOrderReports({ venue: deps.venue, clock: deps.clock, logger: deps.logger, instruments: deps.instruments, emit: deps.emit });
    this.lostAcks = new LostAckResolver({
      rest: deps.rest,
      clock: deps.clock,
      logger: deps.logger,
      policy: deps.lostAck,
      found: (inst, order) => this.reportQueried(inst, order),
      neverPlaced: (_inst, clientOrderId, reason) => this.reports.neverPlaced(clientOrderId, reason),
    });
    this.lostCancels = new LostCancelResolver({
      rest: deps.rest,
      clock: deps.clock,
      logger: deps.logger,
      policy: { ...DEFAULT_LOST_ACK_POLICY, ...deps.lostAck },
      ended: (inst, order) => this.reportQueried(inst, order),
      refused: (_inst, clientOrderId, reason) => this.emit({ type: 'cancelRejected', venue: deps.venue, clientOrderId, reason, ts: deps.clock.now() }),
    });
    this.lostAmends = new LostAmendResolver({
      rest: deps.rest,
      clock: deps.clock,
      logger: deps.logger,
      policy: { ...DEFAULT_LOST_ACK_POLICY, ...deps.lostAck },
      amended: (inst, order) => this.reportAmendedQuery(inst, order),
      ended: (inst, order) => this.reportQueried(inst, order),
      refused: (_inst, clientOrderId, reason) => this.emit({ type: 'amendRejected', venue: deps.venue, clientOrderId, reason, ts: deps.clock.now() }),
    });
  }

  /** Resolves when every request started so far has been answered and reported (shutdown, tests). */
  async idle(): Promise<void> {
    return this.inFlight.idle();
  }

  submit(req: VenueOrderRequest): void {
    this.inFlight.track(this.place(req));
  }

  cancel(symbol: Symbol, clientOrderId: string): void {
    this.inFlight.track(this.cancelOrder(symbol, clientOrderId));
  }

  amend(symbol: Symbol, clientOrderId: string, change: VenueAmend): void {
    this.inFlight.track(this.amendOrder(symbol, clientOrderId, change));
  }

  async queryOrder(symbol: Symbol, clientOrderId: string): Promise<VenueOrderState | undefined> {
    const inst = this.bySymbol.get(symbol);
    if (!inst) throw new SqError('UNKNOWN_INSTRUMENT', `${symbol} is not traded on ${this.deps.venue}`);
    const r = await this.deps.rest.signed<WireOrder>('GET', '/api/v3/order', { symbol: inst.venueSymbol, origClientOrderId: clientOrderId });
    if (!r.ok) {
      if (r.error.kind === 'venue' && r.error.code === ORDER_DOES_NOT_EXIST) return undefined;
      throw unavailable('order query', r.error);
    }
    return this.state(inst, r.body);
  }

  async openOrders(): Promise<VenueOrderState[]> {
    const r = await this.deps.rest.signed<WireOrder[]>('GET', '/api/v3/openOrders');
    if (!r.ok) throw unavailable('open orders', r.error);
    return openOrderStates(r.body, this.byVenueSymbol, (inst, o) => this.state(inst, o), this.deps);
  }

  /** Our fills with ts >= sinceTs on these instruments (default every one), oldest first (GET /api/v3/myTrades per symbol). */
  async fillsSince(sinceTs: number, symbols?: readonly Symbol[]): Promise<VenueFill[]> {
    const fills: VenueFill[] = [];
    for (const inst of instrumentsOf(this.bySymbol, symbols)) {
      for (const t of await this.tradesSince(inst, sinceTs)) {
        if (t.time < sinceTs) continue;
        const clientOrderId = await this.clientOrderIdOf(inst, t.orderId);
        fills.push(this.fill(inst, t, clientOrderId));
      }
    }
    return fills.sort((a, b) => a.ts - b.ts || a.fillId.localeCompare(b.fillId));
  }

  // ---- requests ----

  private async place(req: VenueOrderRequest): Promise<void> {
    const { venue, clock } = this.deps;
    const reject = (reason: string) => this.emit({ type: 'orderRejected', venue, clientOrderId: req.clientOrderId, reason, ts: clock.now() });
    const inst = this.bySymbol.get(req.symbol);
    if (!inst) return reject(`${req.symbol} is not traded on ${venue}`);
    const params = newOrderParams(inst, req);
    if (!params.ok) return reject(params.reason);
    const r = await this.deps.rest.signed<WireOrder & { fills?: WireFill[] }>('POST', '/api/v3/order', params.value);
    if (r.ok) return this.reportPlaced(inst, r.body);
    // 429 and 418 mean the venue refused (or was never sent) the order: it does not exist there.
    if (r.error.kind !== 'unknown') return reject(r.error.reason);
    this.deps.logger.warn({ venue, clientOrderId: req.clientOrderId, reason: r.error.reason }, 'order answer never came: asking Binance for the order instead of sending it again');
    this.reports.unknown(req.clientOrderId, `no answer from Binance to the order (${r.error.reason}): asking Binance for it, never sending it again`);
    // The request was signed before its failure came back: now bounds its timestamp.
    return this.lostAcks.resolve(inst, req.clientOrderId, clock.now());
  }

  private async cancelOrder(symbol: Symbol, clientOrderId: string): Promise<void> {
    const { venue, clock } = this.deps;
    const inst = this.bySymbol.get(symbol);
    if (!inst) return this.emit({ type: 'cancelRejected', venue, clientOrderId, reason: `${symbol} is not traded on ${venue}`, ts: clock.now() });
    this.reports.cancelAsked(clientOrderId);
    const r = await this.deps.rest.signed<WireOrder>('DELETE', '/api/v3/order', { symbol: inst.venueSymbol, origClientOrderId: clientOrderId });
    if (r.ok) {
      this.reports.accept(clientOrderId, r.body.orderId, r.body.transactTime ?? clock.now());
      return this.reports.end(clientOrderId, 'CANCELED', r.body.timeInForce, r.body.transactTime ?? clock.now());
    }
    if (r.error.kind !== 'unknown') return this.emit({ type: 'cancelRejected', venue, clientOrderId, reason: r.error.reason, ts: clock.now() });
    // A cancel whose answer never came may have worked or not: the venue is asked, nothing is assumed.
    this.deps.logger.warn({ venue, clientOrderId, reason: r.error.reason }, 'cancel answer never came: asking Binance for the order');
    return this.lostCancels.resolve(inst, clientOrderId, clock.now());
  }

  private async amendOrder(symbol: Symbol, clientOrderId: string, change: VenueAmend): Promise<void> {
    const { venue, clock, logger } = this.deps;
    const refuse = (reason: string) => this.emit({ type: 'amendRejected', venue, clientOrderId, reason, ts: clock.now() });
    const inst = this.bySymbol.get(symbol);
    if (!inst) return refuse(`${symbol} is not traded on ${venue}`);
    if (change.stopPrice !== undefined) return refuse('this connector places no stop orders on Binance spot: there is no stop price to change');
    if (change.qty === undefined) return refuse(SPOT_PRICE_AMEND_REFUSED);
    if (change.price !== undefined) {
      // A new quantity may come with the price it already has: only the venue's order says whether it changes.
      const q = await this.deps.rest.signed<WireOrder>('GET', '/api/v3/order', { symbol: inst.venueSymbol, origClientOrderId: clientOrderId });
      if (!q.ok) return refuse(`the order could not be read before amending it: ${q.error.reason}`);
      const terms = orderAmounts(inst, q.body);
      if (!terms.ok) return refuse(terms.reason);
      if (terms.value.price !== change.price) return refuse(SPOT_PRICE_AMEND_REFUSED);
    }
    const params = amendParams(inst, clientOrderId, change.qty);
    if (!params.ok) return refuse(params.reason);
    const r = await this.deps.rest.signed<WireAmendAnswer>('PUT', AMEND_PATH, params.value);
    if (r.ok) {
      const a = readAmendAnswer(inst, r.body);
      if (a.ok) {
        if (a.value.clientOrderId !== clientOrderId) this.reports.rename(a.value.clientOrderId, clientOrderId);
        return this.reports.amended(clientOrderId, a.value.qty, a.value.price, a.value.transactTime ?? clock.now());
      }
      // Binance says it amended the order, in words we cannot read: what it now holds is asked, as for a lost answer.
      logger.error({ venue, clientOrderId, reason: a.reason }, 'amend answered but unreadable: asking Binance for the order');
      return this.lostAmends.resolve(inst, clientOrderId, change.qty, clock.now());
    }
    if (r.error.kind !== 'unknown') return refuse(r.error.reason);
    logger.warn({ venue, clientOrderId, reason: r.error.reason }, 'amend answer never came: asking Binance for the order instead of sending it again');
    return this.lostAmends.resolve(inst, clientOrderId, change.qty, clock.now());
  }

  // ---- what the venue said, as events ----

  /** An order found at its amended quantity after the amend's answer was lost. */
  private reportAmendedQuery(inst: Instrument, o: WireOrder): void {
    const terms = orderAmounts(inst, o);
    if (!terms.ok) return this.deps.logger.error({ venue: this.deps.venue, clientOrderId: o.clientOrderId, reason: terms.reason }, 'amended order could not be read');
    this.reports.amended(this.reports.ourId(o.clientOrderId), terms.value.qty, terms.value.price, o.updateTime ?? this.deps.clock.now());
  }

  /** The FULL answer to a new order: accepted, the fills it took at once (always as taker), and how it ended if it did. */
  private reportPlaced(inst: Instrument, o: WireOrder & { fills?: WireFill[] }): void {
    const ts = o.transactTime ?? this.deps.clock.now();
    if (o.status === 'REJECTED') return this.reports.end(o.clientOrderId, 'REJECTED', o.timeInForce, ts);
    this.reports.accept(o.clientOrderId, o.orderId, ts);
    for (const f of o.fills ?? []) this.reports.fill(inst, o.clientOrderId, f, false, ts);
    this.reports.end(o.clientOrderId, o.status, o.timeInForce, ts);
  }

  /** An order learned by query after an answer was lost: accepted, its fills from the trade history, and its end. */
  private async reportQueried(inst: Instrument, o: WireOrder): Promise<void> {
    const ts = o.time ?? o.updateTime ?? this.deps.clock.now();
    if (o.status === 'REJECTED') return this.reports.end(o.clientOrderId, 'REJECTED', o.timeInForce, ts);
    this.reports.accept(o.clientOrderId, o.orderId, ts);
    if (!/^0*(\.0*)?$/.test(o.executedQty)) {
      const r = await this.deps.rest.signed<WireTrade[]>('GET', '/api/v3/myTrades', { symbol: inst.venueSymbol, orderId: o.orderId });
      if (r.ok) for (const t of r.body) this.reports.fill(inst, o.clientOrderId, { ...t, tradeId: t.id }, t.isMaker, t.time);
      else this.deps.logger.error({ venue: this.deps.venue, clientOrderId: o.clientOrderId, reason: r.error.reason }, 'the order has fills but its trades could not be read: reconciliation must fetch them');
    }
    this.reports.end(o.clientOrderId, o.status, o.timeInForce, o.updateTime ?? ts);
  }

  // ---- helpers ----

  private state(inst: Instrument, o: WireOrder): VenueOrderState {
    const s = orderState(inst, o);
    if (!s.ok) throw new SqError('VENUE_REJECTED', s.reason);
    this.reports.clientIds.remember(s.value.venueOrderId, s.value.clientOrderId);
    return s.value;
  }

  private fill(inst: Instrument, t: WireTrade, clientOrderId: string): VenueFill {
    const p = parseFill(inst, { ...t, tradeId: t.id });
    if (!p.ok) throw new SqError('VENUE_REJECTED', p.reason);
    return { fillId: fillId(inst, t.id), clientOrderId, symbol: inst.symbol, side: sideOf(t.isBuyer), price: p.value.price, qty: p.value.qty, liquidity: liquidityOf(t.isMaker), fee: p.value.fee, ts: t.time };
  }

  /** Trades from `sinceTs` on, page after page (Binance gives at most 1000 at a time). */
  private async tradesSince(inst: Instrument, sinceTs: number): Promise<WireTrade[]> {
    const all: WireTrade[] = [];
    let page: Record<string, string | number> = { symbol: inst.venueSymbol, startTime: sinceTs, limit: TRADES_PAGE };
    for (;;) {
      const r = await this.deps.rest.signed<WireTrade[]>('GET', '/api/v3/myTrades', page);
      if (!r.ok) throw unavailable(`trade history of ${inst.venueSymbol}`, r.error);
      const fresh = r.body.filter((t) => all.length === 0 || t.id > all[all.length - 1]!.id);
      all.push(...fresh);
      if (r.body.length < TRADES_PAGE || fresh.length === 0) return all;
      page = { symbol: inst.venueSymbol, fromId: all[all.length - 1]!.id + 1, limit: TRADES_PAGE };
    }
  }

  private async clientOrderIdOf(inst: Instrument, orderId: number): Promise<string> {
    return this.reports.clientIds.resolve(orderId, async () => {
      const r = await this.deps.rest.signed<WireOrder>('GET', '/api/v3/order', { symbol: inst.venueSymbol, orderId });
      if (!r.ok) throw unavailable(`order ${orderId} of a fill`, r.error);
      return r.body.clientOrderId;
    });
  }

  private emit(event: VenueEvent): void {
    this.deps.emit(event);
  }

}

function unavailable(what: string, e: RestFailure): SqError {
  return new SqError(e.kind === 'venue' ? 'VENUE_REJECTED' : 'VENUE_UNAVAILABLE', `Binance ${what}: ${e.reason}`);
}
