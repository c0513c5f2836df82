/**
 * The trading half of a Binance USD-M VenueAdapter: submit, cancel, amend, order query, open orders
 * and trade history over the signed REST client, and the user stream's ORDER_TRADE_UPDATE reports.
 * Everything said about an order goes through one OrderTracker, so an acceptance, a fill or an end
 * is said once however many times (and in whatever order) the venue tells it. A refusal's reason is
 * Binance's `msg`, e.g. "ReduceOnly Order is rejected.".
 *
 * New orders are answered ACK (accepted, before they execute): their fills come on the stream. An
 * order whose answer never came is never sent again: it is looked up by its clientOrderId
 * (LostAckResolver on /fapi/v1/order) and nothing is said until the venue has. An end reported before
 * all of its fills have been (a report lost or overtaken) first fetches the order's trades, so the
 * fills are said before the end.
 */
import { SqError, type Clock, type Logger, type Symbol, type VenueEvent, type VenueId } from '../../../core';
import { parsePrice, parseQty, type Instrument } from '../../../instruments';
import type { VenueAmend, VenueFill, VenueOrderRequest, VenueOrderState } from '../../types';
import { LostAckResolver, type LostAckPolicy } from '../lostAckResolver';
import type { HttpMethod, RestFailure, RestParams, RestResult, SignedRestClient } from '../signedRest';
import type { WireOrder } from '../spotOrderWire';
import { OrderTracker } from './orderTracker';
import { streamFill, tradeFill, venueFill } from './usdmFills';
import { isZero } from '../orderAmounts';
import { amendParams, newOrderParams, usdmOrderState, type UsdmWireOrder, type UsdmWireTrade } from './usdmOrderWire';
import { ClientOrderIds } from '../../clientOrderIds';
import { InFlightRequests } from '../../inFlightRequests';
import { instrumentsOf } from '../../instrumentsOf';
import { openOrderStates } from '../openOrderStates';

export interface UsdmOrdersDeps {
  venue: VenueId;
  rest: SignedRestClient;
  clock: Clock;
  logger: Logger;
  instruments: readonly Instrument[];
  emit(event: VenueEvent): void;
  /** Each answered request's round trip (ms on the clock), for the status bar. */
  roundTrip(ms: number): void;
  /** The venue banned this IP (418): nothing more is sent; said once. */
  banned(reason: string): void;
  lostAck?: Partial<LostAckPolicy> | undefined;
}

/** ORDER_TRADE_UPDATE as the stream writes it (order_update_trade.json); the fields read here. */
export interface OrderTradeUpdate {
  e: 'ORDER_TRADE_UPDATE';
  E: number;
  T: number;
  o: {
    s: string;
    c: string;
    S: string;
    o: string;
    f: string;
    q: string;
    p: string;
    x: string;
    X: string;
    i: number;
    l: string;
    z: string;
    L: string;
    N?: string;
    n?: string;
    T: number;
    t: number;
    m: boolean;
    V?: string;
  };
}

const ORDER_PATH = '/fapi/v1/order';
const ORDER_DOES_NOT_EXIST = -2013;
const TRADES_PAGE = 1000;
/** USD-M's userTrades spans at most 7 days per request and keeps 6 months. */
const TRADES_WINDOW_MS = 7 * 24 * 3_600_000;
const TRADES_KEPT_MS = 180 * 24 * 3_600_000;

export class UsdmOrders {
  private readonly bySymbol: ReadonlyMap<Symbol, Instrument>;
  private readonly byVenueSymbol: ReadonlyMap<string, Instrument>;
  private readonly tracker: OrderTracker;
  /** userTrades name the orderId only; fills need the clientOrderId. */
  private readonly clientIds = new ClientOrderIds();
  /** Orders whose end waits for their trades to be fetched: later end reports are not said meanwhile. */
  private readonly closing = new Set<string>();
  private readonly inFlight = new InFlightRequests((e) => this.deps.logger.error({ venue: this.deps.venue, error: e.message }, 'Binance USD-M request failed unexpectedly'));
  private readonly lostAcks: LostAckResolver;

  constructor(private readonly deps: UsdmOrdersDeps) {
    this.bySymbol = new Map(deps.instruments.map((i) => [i.symbol, i]));
    this.byVenueSymbol = new Map(deps.instruments.map((i) => [i.venueSymbol, i]));
    this.tracker = new OrderTracker(deps.venue, deps.emit, deps.logger);
    this.lostAcks = new LostAckResolver({
      rest: deps.rest,
      clock: deps.clock,
      logger: deps.logger,
      policy: deps.lostAck,
      orderPath: ORDER_PATH,
      found: (inst, order) => this.reportQueried(inst, order as WireOrder & UsdmWireOrder),
      neverPlaced: (_inst, clientOrderId, reason) => this.tracker.rejected(clientOrderId, reason, deps.clock.now()),
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

  /** One ORDER_TRADE_UPDATE from the user stream. */
  report(u: OrderTradeUpdate): void {
    const o = u.o;
    const inst = this.byVenueSymbol.get(o?.s);
    if (!inst) return this.deps.logger.debug({ venue: this.deps.venue, symbol: o?.s }, 'order report for a symbol this account does not trade here: ignored');
    const { c: clientOrderId } = o;
    const venueOrderId = String(o.i);
    this.clientIds.remember(venueOrderId, clientOrderId);
    const ts = o.T ?? u.T;
    const side = o.S === 'BUY' ? 'buy' : 'sell';
    const price = isZero(o.p) ? undefined : parsePrice(inst, o.p);
    const qty = parseQty(inst, o.q);
    if ((price && !price.ok) || !qty.ok) return this.deps.logger.error({ venue: this.deps.venue, clientOrderId, price: o.p, qty: o.q }, 'order report with terms that do not fit the instrument: dropped; reconciliation will see the order');
    // An amendment's terms are news: learning them first would make them look already said.
    if (o.x !== 'AMENDMENT') this.tracker.learned(clientOrderId, inst.symbol, side, price?.value, qty.value);
    switch (o.x) {
      case 'NEW':
        return this.tracker.accepted(clientOrderId, inst.symbol, venueOrderId, ts);
      case 'TRADE':
      case 'CALCULATED': {
        const f = streamFill(inst, o);
        if (!f.ok) return this.deps.logger.error({ venue: this.deps.venue, clientOrderId, reason: f.reason }, 'a fill could not be read: dropped; reconciliation will see it');
        if (f.value.feeUnvalued) this.deps.logger.warn({ venue: this.deps.venue, clientOrderId, commission: f.value.feeUnvalued }, 'commission paid in another asset: not counted in the fill fee');
        this.tracker.fill(clientOrderId, inst.symbol, venueOrderId, f.value.fill);
        return;
      }
      case 'AMENDMENT':
        if (price?.ok) this.tracker.amended(clientOrderId, inst.symbol, venueOrderId, price.value, qty.value, u.T, ts);
        return;
      case 'CANCELED':
      case 'EXPIRED':
      case 'EXPIRED_IN_MATCH': {
        const filled = isZero(o.z) ? ({ ok: true, value: 0 } as const) : parseQty(inst, o.z);
        const how = o.x === 'CANCELED' ? 'canceled' : 'expired';
        this.inFlight.track(this.end(inst, clientOrderId, venueOrderId, filled.ok ? filled.value : Number.MAX_SAFE_INTEGER, how, ts, endReason(o.x, o.X, o.o, o.f)));
        return;
      }
      default:
        this.deps.logger.info({ venue: this.deps.venue, clientOrderId, execType: o.x, status: o.X }, 'order report of a kind not acted on');
    }
  }

  async queryOrder(symbol: Symbol, clientOrderId: string): Promise<VenueOrderState | undefined> {
    const inst = this.bySymbol.get(symbol);
    if (!inst) throw new SqError('UNKNOWN_INSTRUMENT', `${symbol} is not traded on ${this.deps.venue}`);
    const r = await this.call<UsdmWireOrder>('GET', ORDER_PATH, { symbol: inst.venueSymbol, origClientOrderId: clientOrderId });
    if (!r.ok) {
      if (r.error.kind === 'venue' && r.error.code === ORDER_DOES_NOT_EXIST) return undefined;
      throw unavailable('order query', r.error);
    }
    return this.state(inst, r.body);
  }

  async openOrders(): Promise<VenueOrderState[]> {
    const r = await this.call<UsdmWireOrder[]>('GET', '/fapi/v1/openOrders');
    if (!r.ok) throw unavailable('open orders', r.error);
    return openOrderStates(r.body, this.byVenueSymbol, (inst, o) => this.state(inst, o), this.deps);
  }

  /** Our fills with ts >= sinceTs on every instrument, oldest first (GET /fapi/v1/userTrades per symbol, 7-day windows). */
  async fillsSince(sinceTs: number, symbols?: readonly Symbol[]): Promise<VenueFill[]> {
    const fills: VenueFill[] = [];
    const now = this.deps.clock.now() + (this.deps.rest.serverTimeOffsetMs ?? 0);
    const from = Math.max(sinceTs, now - TRADES_KEPT_MS);
    for (const inst of instrumentsOf(this.bySymbol, symbols)) {
      for (const t of await this.tradesBetween(inst, from, now)) {
        if (t.time < sinceTs) continue;
        const f = venueFill(inst, t, await this.clientOrderIdOf(inst, t.orderId));
        if (!f.ok) throw new SqError('VENUE_REJECTED', f.reason);
        fills.push(f.value);
      }
    }
    return fills.sort((a, b) => a.ts - b.ts || a.fillId.localeCompare(b.fillId));
  }

  // ---- requests ----

  private async place(req: VenueOrderRequest): Promise<void> {
    const { venue, clock } = this.deps;
    const inst = this.bySymbol.get(req.symbol);
    if (!inst) return this.tracker.rejected(req.clientOrderId, `${req.symbol} is not traded on ${venue}`, clock.now());
    const params = newOrderParams(inst, req);
    if (!params.ok) return this.tracker.rejected(req.clientOrderId, params.reason, clock.now());
    this.tracker.sent(req.clientOrderId, inst.symbol, req.side, req.price, req.qty);
    const r = await this.call<UsdmWireOrder>('POST', ORDER_PATH, params.value);
    if (r.ok) return this.reportAnswer(inst, r.body);
    // 429 and 418 mean the venue refused (or was never sent) the order: it does not exist there.
    if (r.error.kind !== 'unknown') return this.tracker.rejected(req.clientOrderId, r.error.reason, clock.now());
    this.deps.logger.warn({ venue, clientOrderId: req.clientOrderId, reason: r.error.reason }, 'order answer never came: asking Binance for the order instead of sending it again');
    // The request was signed before its failure came back: now bounds its timestamp.
    return this.lostAcks.resolve(inst, req.clientOrderId, clock.now());
  }

  private async cancelOrder(symbol: Symbol, clientOrderId: string): Promise<void> {
    const { venue, clock } = this.deps;
    const inst = this.bySymbol.get(symbol);
    if (!inst) return this.deps.emit({ type: 'cancelRejected', venue, clientOrderId, reason: `${symbol} is not traded on ${venue}`, ts: clock.now() });
    const r = await this.call<UsdmWireOrder>('DELETE', ORDER_PATH, { symbol: inst.venueSymbol, origClientOrderId: clientOrderId });
    if (r.ok) return this.reportAnswer(inst, r.body);
    // A cancel whose answer never came may have worked: the order's state is settled by its stream report, a query or reconciliation.
    const reason = r.error.kind === 'unknown' ? `no answer from Binance to the cancel (${r.error.reason}); the order's state is unknown until it is queried` : r.error.reason;
    this.deps.emit({ type: 'cancelRejected', venue, clientOrderId, reason, ts: clock.now() });
  }

  private async amendOrder(symbol: Symbol, clientOrderId: string, change: VenueAmend): Promise<void> {
    const { venue, clock } = this.deps;
    const refuse = (reason: string) => this.deps.emit({ type: 'amendRejected', venue, clientOrderId, reason, ts: clock.now() });
    const inst = this.bySymbol.get(symbol);
    if (!inst) return refuse(`${symbol} is not traded on ${venue}`);
    // USD-M wants side, price and quantity every time: what is not changing is taken from what we know, or asked.
    let known = this.tracker.get(clientOrderId);
    if (known?.side === undefined || known.price === undefined || known.qty === undefined) {
      const q = await this.call<UsdmWireOrder>('GET', ORDER_PATH, { symbol: inst.venueSymbol, origClientOrderId: clientOrderId });
      if (!q.ok) return refuse(q.error.reason);
      const s = usdmOrderState(inst, q.body);
      if (!s.ok) return refuse(s.reason);
      known = this.tracker.learned(clientOrderId, inst.symbol, s.value.side, s.value.price, s.value.qty);
    }
    if (known.price === undefined) return refuse('Binance USD-M modifies only LIMIT orders');
    const params = amendParams(inst, clientOrderId, { side: known.side!, price: known.price, qty: known.qty! }, change);
    if (!params.ok) return refuse(params.reason);
    const r = await this.call<UsdmWireOrder>('PUT', ORDER_PATH, params.value);
    if (r.ok) return this.reportAnswer(inst, r.body, 'the modification canceled it (Binance cancels an order whose new quantity is not above what already filled, or a post-only order whose new price would take)');
    const reason = r.error.kind === 'unknown' ? `no answer from Binance to the modification (${r.error.reason}); the order's terms are unknown until it is queried` : r.error.reason;
    refuse(reason);
  }

  // ---- what the venue said, as events ----

  /** A REST answer with the order (new ACK, cancel, modification, a query after a lost answer). */
  private async reportAnswer(inst: Instrument, o: UsdmWireOrder, canceledBecause?: string): Promise<void> {
    const s = usdmOrderState(inst, o);
    if (!s.ok) return this.deps.logger.error({ venue: this.deps.venue, clientOrderId: o.clientOrderId, reason: s.reason }, 'order answer could not be read: reconciliation will see the order');
    const v = s.value;
    this.clientIds.remember(v.venueOrderId, v.clientOrderId);
    const ts = o.updateTime ?? o.time ?? this.deps.clock.now();
    if (v.status === 'rejected') return this.tracker.rejected(v.clientOrderId, 'rejected by Binance', ts);
    this.tracker.accepted(v.clientOrderId, inst.symbol, v.venueOrderId, o.time ?? ts);
    if (v.status === 'open' && v.price !== undefined) this.tracker.amended(v.clientOrderId, inst.symbol, v.venueOrderId, v.price, v.qty, o.updateTime ?? 0, ts);
    if (v.status === 'canceled' || v.status === 'expired') {
      const reason = v.status === 'canceled' ? canceledBecause : endReason(o.status, o.status, o.type, o.timeInForce);
      await this.end(inst, v.clientOrderId, v.venueOrderId, v.filledQty, v.status, ts, reason);
    } else if (v.status === 'filled' || v.filledQty > (this.tracker.get(v.clientOrderId)?.filled ?? 0)) {
      await this.catchUpFills(inst, v.clientOrderId, v.venueOrderId, v.filledQty);
    }
  }

  /** An order learned by query after its answer was lost: as any answer, with its fills fetched. */
  private async reportQueried(inst: Instrument, o: UsdmWireOrder): Promise<void> {
    await this.reportAnswer(inst, o);
  }

  /** The order ended: its fills up to `filledQty` are said first (fetched if the stream has not said them), then the end, once. */
  private async end(inst: Instrument, clientOrderId: string, venueOrderId: string, filledQty: number, how: 'canceled' | 'expired', ts: number, reason?: string): Promise<void> {
    if (this.closing.has(clientOrderId) || this.tracker.get(clientOrderId)?.ended) return;
    this.closing.add(clientOrderId);
    try {
      await this.catchUpFills(inst, clientOrderId, venueOrderId, filledQty);
      this.tracker.ended(clientOrderId, inst.symbol, venueOrderId, how, ts, reason);
    } finally {
      this.closing.delete(clientOrderId);
    }
  }

  private async catchUpFills(inst: Instrument, clientOrderId: string, venueOrderId: string, filledQty: number): Promise<void> {
    if ((this.tracker.get(clientOrderId)?.filled ?? 0) >= filledQty) return;
    const r = await this.call<UsdmWireTrade[]>('GET', '/fapi/v1/userTrades', { symbol: inst.venueSymbol, orderId: venueOrderId });
    if (!r.ok) return this.deps.logger.error({ venue: this.deps.venue, clientOrderId, reason: r.error.reason }, 'the order has fills not yet reported but its trades could not be read: reconciliation must fetch them');
    for (const t of [...r.body].sort((a, b) => a.id - b.id)) {
      const f = tradeFill(inst, t);
      if (f.ok) this.tracker.fill(clientOrderId, inst.symbol, venueOrderId, f.value.fill);
      else this.deps.logger.error({ venue: this.deps.venue, clientOrderId, reason: f.reason }, 'a fill could not be read: dropped; reconciliation will see it');
    }
  }

  // ---- helpers ----

  /** A signed request, timed (its round trip feeds the status bar) and watched for a ban. */
  private async call<T>(method: HttpMethod, path: string, params?: RestParams): Promise<RestResult<T>> {
    const sentAt = this.deps.clock.now();
    const r = await this.deps.rest.signed<T>(method, path, params);
    if (r.ok || r.error.kind === 'venue') this.deps.roundTrip(this.deps.clock.now() - sentAt);
    else if (r.error.kind === 'banned') this.deps.banned(r.error.reason);
    return r;
  }

  private state(inst: Instrument, o: UsdmWireOrder): VenueOrderState {
    const s = usdmOrderState(inst, o);
    if (!s.ok) throw new SqError('VENUE_REJECTED', s.reason);
    this.clientIds.remember(s.value.venueOrderId, s.value.clientOrderId);
    return s.value;
  }

  /** Trades in [from, to], 7-day window after window, each paged by time (Binance gives at most 1000 at a time). */
  private async tradesBetween(inst: Instrument, from: number, to: number): Promise<UsdmWireTrade[]> {
    const all = new Map<number, UsdmWireTrade>();
    for (let start = from; start <= to; start += TRADES_WINDOW_MS) {
      const end = Math.min(to, start + TRADES_WINDOW_MS - 1);
      let pageStart = start;
      for (;;) {
        const r = await this.call<UsdmWireTrade[]>('GET', '/fapi/v1/userTrades', { symbol: inst.venueSymbol, startTime: pageStart, endTime: end, limit: TRADES_PAGE });
        if (!r.ok) throw unavailable(`trade history of ${inst.venueSymbol}`, r.error);
        const fresh = r.body.filter((t) => !all.has(t.id));
        for (const t of fresh) all.set(t.id, t);
        if (r.body.length < TRADES_PAGE || fresh.length === 0) break;
        pageStart = Math.max(...fresh.map((t) => t.time));
      }
    }
    return [...all.values()].sort((a, b) => a.time - b.time || a.id - b.id);
  }

  private async clientOrderIdOf(inst: Instrument, orderId: number): Promise<string> {
    return this.clientIds.resolve(orderId, async () => {
      const r = await this.call<UsdmWireOrder>('GET', ORDER_PATH, { symbol: inst.venueSymbol, orderId });
      if (!r.ok) throw unavailable(`order ${orderId} of a fill`, r.error);
      return r.body.clientOrderId;
    });
  }

}

/** Why an order ended, in words (the venue's status names are kept where they say it best). */
function endReason(execType: string, status: string, type: string, tif: string): string | undefined {
  if (execType === 'CANCELED') return undefined;
  if (execType === 'EXPIRED_IN_MATCH' || status === 'EXPIRED_IN_MATCH') return 'expired by self-trade prevention';
  if (tif === 'GTX') return 'post-only order would have taken: expired by Binance (GTX)';
  if (type === 'MARKET') return 'the unfilled rest of the market order expired (not enough in the book)';
  return `the unfilled rest expired (${tif})`;
}

function unavailable(what: string, e: RestFailure): SqError {
  return new SqError(e.kind === 'venue' ? 'VENUE_REJECTED' : 'VENUE_UNAVAILABLE', `Binance USD-M ${what}: ${e.reason}`);
}
