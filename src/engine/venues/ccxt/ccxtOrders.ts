/**
 * The trading half of the ccxt VenueAdapter: submit, cancel, amend, order query, open orders and
 * trade history through ccxt's unified methods, and the order and trade updates of its account
 * streams, all reported as VenueEvents in the venue's own words.
 *
 * Every report about an order passes through one record per clientOrderId, so that what the REST
 * answer and the stream both say is reported once: accepted once, each fill once (by trade id), its
 * end once. An order whose createOrder answer was lost is looked up by clientOrderId, never resent.
 */
import ccxt, { type Exchange, type Order as CcxtOrder, type Trade as CcxtTrade } from 'ccxt';
import { SqError, type Clock, type Logger, type Symbol, type VenueEvent, type VenueId } from '../../core';
import type { Instrument } from '../../instruments';
import type { VenueAmend, VenueFill, VenueOrderRequest, VenueOrderState } from '../types';
import { createOrderArgs, orderState, parseTrade } from './ccxtOrderWire';
import { resolveLostAck, type Lookup, type LostAckPolicy } from './lostAck';
import { SeenIds } from './seenIds';
import { classifyFailure } from './venueErrors';
import { formatPrice, formatQty } from '../../instruments';
import { ClientOrderIds } from '../clientOrderIds';
import { InFlightRequests } from '../inFlightRequests';
import { instrumentsOf } from '../instrumentsOf';

export interface CcxtOrdersDeps {
  venue: VenueId;
  exchange: Exchange;
  clock: Clock;
  logger: Logger;
  instruments: readonly Instrument[];
  /** ccxt symbols of spot markets (no reduce-only there). */
  spotSymbols: ReadonlySet<string>;
  lostAck: LostAckPolicy;
  emit(event: VenueEvent): void;
  /** The time an answered order request took, for the status bar's round trip. */
  roundTrip(ms: number): void;
}

/** What has been reported about one order. */
interface OrderRecord {
  inst: Instrument;
  venueOrderId: string | undefined;
  accepted: boolean;
  ended: boolean;
  /** Lots of the fills reported so far. */
  filled: number;
}

const TRADE_PAGES = 100;

export class CcxtOrders {
  private readonly bySymbol: ReadonlyMap<Symbol, Instrument>;
  private readonly byVenueSymbol: ReadonlyMap<string, Instrument>;
  private readonly records = new Map<string, OrderRecord>();
  /**
   * Unbounded here, unlike Binance's: an order update is matched by it before the venue's own
   * clientOrderId field (some venues write another id there), so a long-resting order must not be forgotten.
   */
  private readonly clientIds = new ClientOrderIds(Number.POSITIVE_INFINITY);
  private readonly fills = new SeenIds();
  private readonly inFlight = new InFlightRequests((e) => this.deps.logger.error({ venue: this.deps.venue, error: e.message }, 'ccxt request failed unexpectedly'));
  private closed = false;

  constructor(private readonly deps: CcxtOrdersDeps) {
    this.bySymbol = new Map(deps.instruments.map((i) => [i.symbol, i]));
    this.byVenueSymbol = new Map(deps.instruments.map((i) => [i.venueSymbol, i]));
  }

  private get ex(): Exchange {
    return this.deps.exchange;
  }

  instrumentOfVenueSymbol(symbol: string | undefined): Instrument | undefined {
    return symbol === undefined ? undefined : this.byVenueSymbol.get(symbol);
  }

  /** Resolves when every request started so far has been answered and reported. */
  async idle(): Promise<void> {
    return this.inFlight.idle();
  }

  /** Stops lost-answer searches (the adapter disconnects); answers already on their way are still reported. */
  close(): void {
    this.closed = true;
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
    const r = await this.lookup(inst, clientOrderId);
    if (r.kind === 'failed') throw new SqError('VENUE_UNAVAILABLE', `order query: ${r.reason}`);
    return r.kind === 'found' ? this.state(inst, r.order, clientOrderId) : undefined;
  }

  async openOrders(): Promise<VenueOrderState[]> {
    const all = await this.perSymbolIfNeeded((symbol) => this.ex.fetchOpenOrders(symbol), 'open orders');
    const out: VenueOrderState[] = [];
    for (const o of all) {
      const inst = this.instrumentOfVenueSymbol(o.symbol);
      if (inst) out.push(this.state(inst, o));
      else this.deps.logger.warn({ venue: this.deps.venue, symbol: o.symbol, clientOrderId: o.clientOrderId }, 'open order on a market this account does not trade here: left alone');
    }
    return out;
  }

  /** Our fills with ts >= sinceTs, oldest first (ccxt fetchMyTrades, page after page). */
  async fillsSince(sinceTs: number, symbols?: readonly Symbol[]): Promise<VenueFill[]> {
    const trades = await this.perSymbolIfNeeded((symbol) => this.tradesSince(symbol, sinceTs), 'trade history', symbols);
    const fills: VenueFill[] = [];
    for (const t of trades) {
      const inst = this.instrumentOfVenueSymbol(t.symbol);
      if (!inst || (t.timestamp ?? 0) < sinceTs) continue;
      const p = parseTrade(inst, t, await this.clientOrderIdOf(inst, t.order));
      if (!p.ok) throw new SqError('VENUE_REJECTED', p.reason);
      fills.push(p.value.fill);
    }
    return fills.sort((a, b) => a.ts - b.ts || a.fillId.localeCompare(b.fillId));
  }

  // ---- what the account streams say ----

  /** An order update (watchOrders). */
  onOrderUpdate(o: CcxtOrder): void {
    const inst = this.instrumentOfVenueSymbol(o.symbol);
    if (!inst) return;
    // Our own record of the venue's order id first: a venue may write another id there (a cancel request's own).
    const clientOrderId = this.clientIds.get(String(o.id)) ?? o.clientOrderId;
    if (clientOrderId === undefined) {
      this.deps.logger.debug({ venue: this.deps.venue, orderId: o.id }, 'update of an order without a clientOrderId: not ours, ignored');
      return;
    }
    this.inFlight.track(this.report(inst, o, clientOrderId, false));
  }

  /** One of our trades (watchMyTrades). */
  onTrade(t: CcxtTrade): void {
    const inst = this.instrumentOfVenueSymbol(t.symbol);
    if (!inst) return;
    this.inFlight.track(
      (async () => {
        const clientOrderId = await this.clientOrderIdOf(inst, t.order);
        this.emitTrade(inst, t, clientOrderId);
      })(),
    );
  }

  // ---- requests ----

  private async place(req: VenueOrderRequest): Promise<void> {
    const { venue, clock } = this.deps;
    const reject = (reason: string) => this.emit({ type: 'orderRejected', venue, clientOrderId: req.clientOrderId, reason, ts: clock.now() });
    const inst = this.bySymbol.get(req.symbol);
    if (!inst) return reject(`${req.symbol} is not traded on ${venue}`);
    if (this.records.has(req.clientOrderId)) return reject(`clientOrderId ${req.clientOrderId} was already sent to ${venue}`);
    const args = createOrderArgs(inst, req, this.deps.spotSymbols.has(inst.venueSymbol));
    if (!args.ok) return reject(args.reason);
    this.records.set(req.clientOrderId, { inst, venueOrderId: undefined, accepted: false, ended: false, filled: 0 });
    const a = args.value;
    let answer: CcxtOrder;
    const started = clock.now();
    try {
      answer = await this.ex.createOrder(a.symbol, a.type, a.side, a.amount, a.price, a.params);
      this.deps.roundTrip(clock.now() - started);
    } catch (e) {
      const f = classifyFailure(this.ex.id, e);
      if (f.kind === 'refused') return this.end(req.clientOrderId, { type: 'orderRejected', venue, clientOrderId: req.clientOrderId, reason: f.reason, ts: clock.now() });
      this.deps.logger.warn({ venue, clientOrderId: req.clientOrderId, reason: f.reason }, 'order answer never came: asking the venue for the order instead of sending it again');
      return resolveLostAck(req.clientOrderId, clock.now(), {
        clock,
        logger: this.deps.logger,
        policy: this.deps.lostAck,
        lookup: () => this.lookup(inst, req.clientOrderId),
        found: (o) => this.report(inst, o, req.clientOrderId, true),
        neverPlaced: (reason) => this.end(req.clientOrderId, { type: 'orderRejected', venue, clientOrderId: req.clientOrderId, reason, ts: clock.now() }),
        live: () => !this.closed,
      });
    }
    return this.report(inst, answer, req.clientOrderId, true);
  }

  private async cancelOrder(symbol: Symbol, clientOrderId: string): Promise<void> {
    const { venue, clock } = this.deps;
    const refuse = (reason: string) => this.emit({ type: 'cancelRejected', venue, clientOrderId, reason, ts: clock.now() });
    const inst = this.bySymbol.get(symbol);
    if (!inst) return refuse(`${symbol} is not traded on ${venue}`);
    const known = this.records.get(clientOrderId)?.venueOrderId;
    try {
      // By the venue's order id when known; otherwise by ours (ccxt's clientOrderId param), as after a restart.
      const answer = known !== undefined ? await this.ex.cancelOrder(known, inst.venueSymbol) : await this.ex.cancelOrder(undefined as unknown as string, inst.venueSymbol, { clientOrderId });
      const ts = answer?.lastUpdateTimestamp ?? answer?.timestamp ?? clock.now();
      this.end(clientOrderId, { type: 'orderCanceled', venue, clientOrderId, ts });
    } catch (e) {
      const f = classifyFailure(this.ex.id, e);
      // A cancel whose answer never came may have worked: settled by a query or reconciliation, never assumed.
      refuse(f.kind === 'unknown' ? `no answer from the venue to the cancel (${f.reason}); the order's state is unknown until it is queried` : f.reason);
    }
  }

  private async amendOrder(symbol: Symbol, clientOrderId: string, change: VenueAmend): Promise<void> {
    const { venue, clock } = this.deps;
    const refuse = (reason: string) => this.emit({ type: 'amendRejected', venue, clientOrderId, reason, ts: clock.now() });
    if (this.ex.has['editOrder'] !== true) return refuse(`${this.ex.id} cannot amend orders through ccxt: cancel and place again`);
    const inst = this.bySymbol.get(symbol);
    if (!inst) return refuse(`${symbol} is not traded on ${venue}`);
    const current = await this.lookup(inst, clientOrderId);
    if (current.kind !== 'found') return refuse(current.kind === 'absent' ? `the venue does not have the order: ${current.reason}` : `the order could not be read before amending it: ${current.reason}`);
    const o = current.order;
    const state = orderState(inst, o, clientOrderId);
    if (!state.ok) return refuse(state.reason);
    const s = state.value;
    // Venues differ on whether an edited size counts the filled part (an amend) or is a fresh order
    // (Binance spot's cancel-replace): on a partly filled order the wrong guess is real money.
    if (s.filledQty > 0) return refuse('amending a partly filled order is not supported through ccxt: cancel it and place the rest');
    if (s.status !== 'open' && s.status !== 'untriggered') return refuse(`the order is ${s.status} at the venue`);
    const price = change.price ?? s.price;
    const stopPrice = change.stopPrice ?? s.stopPrice;
    const qty = change.qty ?? s.qty;
    const params: Record<string, unknown> = { clientOrderId };
    if (stopPrice !== undefined) params['triggerPrice'] = Number(formatPrice(inst, stopPrice));
    let answer: CcxtOrder;
    try {
      // ccxt's unified amount is the order's total size; the venue keeps what was already filled.
      answer = await this.ex.editOrder(String(o.id), inst.venueSymbol, o.type ?? 'limit', s.side, Number(formatQty(inst, qty)), price === undefined ? undefined : Number(formatPrice(inst, price)), params);
    } catch (e) {
      const f = classifyFailure(this.ex.id, e);
      return refuse(f.kind === 'unknown' ? `no answer from the venue to the amend (${f.reason}); the order's terms are unknown until it is queried` : f.reason);
    }
    // Some venues replace the order (a new venue order id) to amend it: later reports name the new one.
    if (answer.id !== undefined) this.remember(clientOrderId, String(answer.id));
    const amended: VenueEvent = { type: 'orderAmended', venue, clientOrderId, ts: answer.lastUpdateTimestamp ?? answer.timestamp ?? clock.now(), qty };
    if (price !== undefined) amended.price = price;
    if (stopPrice !== undefined) amended.stopPrice = stopPrice;
    this.emit(amended);
  }

  // ---- what the venue said, as events ----

  /**
   * An order as the venue states it (a createOrder answer, a query after a lost answer, a stream
   * update): accepted (once), the fills not yet reported (before the end, so an IOC remainder's
   * expiry follows its fills), and its end (once).
   */
  private async report(inst: Instrument, o: CcxtOrder, clientOrderId: string, fetchFills: boolean): Promise<void> {
    const { venue, clock } = this.deps;
    const record = this.records.get(clientOrderId) ?? { inst, venueOrderId: undefined, accepted: false, ended: false, filled: 0 };
    this.records.set(clientOrderId, record);
    if (o.id !== undefined) this.remember(clientOrderId, String(o.id));
    const ts = o.lastUpdateTimestamp ?? o.timestamp ?? clock.now();
    if (record.ended) return;
    if (o.status === 'rejected') return this.end(clientOrderId, { type: 'orderRejected', venue, clientOrderId, reason: 'rejected by the venue', ts });
    if (!record.accepted) {
      record.accepted = true;
      this.emit({ type: 'orderAccepted', venue, clientOrderId, venueOrderId: String(o.id), ts: o.timestamp ?? ts });
    }
    for (const t of o.trades ?? []) if (t.id !== undefined) this.emitTrade(inst, { ...t, symbol: inst.venueSymbol, order: String(o.id) }, clientOrderId);
    // The venue says more has filled than we have reported: its trades are read first, so that the fills
    // come before the order's end (a stream's trade update may trail its order update).
    const ending = o.status === 'canceled' || o.status === 'expired';
    if ((fetchFills || ending) && this.filledLots(inst, o) > record.filled) await this.fetchOrderFills(inst, o, clientOrderId);
    if (o.status === 'canceled') this.end(clientOrderId, { type: 'orderCanceled', venue, clientOrderId, ts });
    else if (o.status === 'expired') this.end(clientOrderId, { type: 'orderExpired', venue, clientOrderId, ts, reason: `the unfilled rest expired (${o.timeInForce ?? 'time in force'})` });
    else if (o.status === 'closed') record.ended = true;
  }

  private async fetchOrderFills(inst: Instrument, o: CcxtOrder, clientOrderId: string): Promise<void> {
    try {
      const trades = this.ex.has['fetchOrderTrades'] === true ? await this.ex.fetchOrderTrades(String(o.id), inst.venueSymbol) : (await this.ex.fetchMyTrades(inst.venueSymbol, o.timestamp)).filter((t) => String(t.order) === String(o.id));
      for (const t of trades) this.emitTrade(inst, t, clientOrderId);
    } catch (e) {
      this.deps.logger.error({ venue: this.deps.venue, clientOrderId, reason: classifyFailure(this.ex.id, e).reason }, 'the order has fills but its trades could not be read: reconciliation must fetch them');
    }
  }

  private emitTrade(inst: Instrument, t: CcxtTrade, clientOrderId: string): void {
    const p = parseTrade(inst, t, clientOrderId);
    if (!p.ok) return this.deps.logger.error({ venue: this.deps.venue, clientOrderId, reason: p.reason }, 'a fill could not be read: dropped; reconciliation will see it');
    if (!this.fills.add(p.value.fill.fillId)) return;
    if (p.value.feeUnvalued) this.deps.logger.warn({ venue: this.deps.venue, clientOrderId, fee: p.value.feeUnvalued }, 'fee paid in another asset: not counted in the fill fee');
    const f = p.value.fill;
    const record = this.records.get(clientOrderId);
    if (record) record.filled += f.qty;
    this.emit({ type: 'orderFilled', venue: this.deps.venue, clientOrderId, fillId: f.fillId, ts: f.ts, price: f.price, qty: f.qty, liquidity: f.liquidity, fee: f.fee });
  }

  /** Emits an order's final event unless one was already reported. */
  private end(clientOrderId: string, event: VenueEvent): void {
    const record = this.records.get(clientOrderId);
    if (record?.ended) return;
    if (record) record.ended = true;
    this.emit(event);
  }

  // ---- helpers ----

  /** The order's filled amount in lots (0 if the venue's figure does not fit the instrument). */
  private filledLots(inst: Instrument, o: CcxtOrder): number {
    const s = orderState(inst, { ...o, status: o.status ?? 'open' }, o.clientOrderId ?? 'any');
    return s.ok ? s.value.filledQty : 0;
  }

  private remember(clientOrderId: string, venueOrderId: string): void {
    const record = this.records.get(clientOrderId);
    if (record) record.venueOrderId = venueOrderId;
    this.clientIds.remember(venueOrderId, clientOrderId);
  }

  /** One order by our clientOrderId: fetchOrder with ccxt's clientOrderId param, else the open and closed orders. */
  private async lookup(inst: Instrument, clientOrderId: string): Promise<Lookup<CcxtOrder>> {
    const known = this.records.get(clientOrderId)?.venueOrderId;
    try {
      if (this.ex.has['fetchOrder'] === true) {
        try {
          const o = known !== undefined ? await this.ex.fetchOrder(known, inst.venueSymbol) : await this.ex.fetchOrder(undefined as unknown as string, inst.venueSymbol, { clientOrderId });
          return { kind: 'found', order: o };
        } catch (e) {
          if (!(e instanceof ccxt.ArgumentsRequired || e instanceof ccxt.NotSupported)) throw e;
        }
      }
      for (const method of ['fetchOpenOrders', 'fetchClosedOrders', 'fetchCanceledOrders'] as const) {
        if (this.ex.has[method] !== true) continue;
        const found = (await this.ex[method](inst.venueSymbol)).find((o) => o.clientOrderId === clientOrderId || (known !== undefined && String(o.id) === known));
        if (found) return { kind: 'found', order: found };
      }
      return { kind: 'absent', reason: `no order ${clientOrderId} among its open and closed orders` };
    } catch (e) {
      const f = classifyFailure(this.ex.id, e);
      if (f.kind === 'refused' && f.notFound) return { kind: 'absent', reason: f.reason };
      return { kind: 'failed', reason: f.reason };
    }
  }

  /** Calls `fetch` once for every market if the venue needs a symbol (ccxt ArgumentsRequired), else once for all. */
  /** One request for every symbol where the venue allows it, else one per symbol (of `only`, default every instrument). */
  private async perSymbolIfNeeded<T>(fetch: (symbol: string | undefined) => Promise<T[]>, what: string, only?: readonly Symbol[]): Promise<T[]> {
    try {
      try {
        return await fetch(undefined);
      } catch (e) {
        if (!(e instanceof ccxt.ArgumentsRequired)) throw e;
      }
      const out: T[] = [];
      for (const inst of instrumentsOf(this.bySymbol, only)) out.push(...(await fetch(inst.venueSymbol)));
      return out;
    } catch (e) {
      if (e instanceof SqError) throw e;
      const f = classifyFailure(this.ex.id, e);
      throw new SqError(f.kind === 'refused' ? 'VENUE_REJECTED' : 'VENUE_UNAVAILABLE', `${this.deps.venue} ${what}: ${f.reason}`);
    }
  }

  /** Trades from `sinceTs` on, page after page, until a page brings nothing new. */
  private async tradesSince(symbol: string | undefined, sinceTs: number): Promise<CcxtTrade[]> {
    const seen = new Set<string>();
    const all: CcxtTrade[] = [];
    let since = sinceTs;
    for (let page = 0; page < TRADE_PAGES; page++) {
      const batch = await this.ex.fetchMyTrades(symbol, since);
      const fresh = batch.filter((t) => !seen.has(`${t.symbol}#${t.id}`));
      for (const t of fresh) seen.add(`${t.symbol}#${t.id}`);
      all.push(...fresh);
      if (fresh.length === 0) return all;
      since = Math.max(since, ...fresh.map((t) => t.timestamp ?? since));
    }
    this.deps.logger.warn({ venue: this.deps.venue, symbol, pages: TRADE_PAGES }, 'trade history longer than the pages read: the rest comes at the next reconciliation');
    return all;
  }

  private async clientOrderIdOf(inst: Instrument, orderId: string | undefined): Promise<string> {
    if (orderId === undefined) return 'venue-unknown';
    const known = await this.clientIds.resolve(orderId, async () => {
      try {
        return (await this.ex.fetchOrder(orderId, inst.venueSymbol)).clientOrderId || undefined;
      } catch (e) {
        this.deps.logger.warn({ venue: this.deps.venue, orderId, reason: classifyFailure(this.ex.id, e).reason }, 'the order of a fill could not be read: the fill names the venue order id');
        return undefined;
      }
    });
    return known ?? `venue-${orderId}`;
  }

  private state(inst: Instrument, o: CcxtOrder, clientOrderId?: string): VenueOrderState {
    const s = orderState(inst, o, clientOrderId);
    if (!s.ok) throw new SqError('VENUE_REJECTED', s.reason);
    this.clientIds.remember(s.value.venueOrderId, s.value.clientOrderId);
    return s.value;
  }

  private emit(event: VenueEvent): void {
    this.deps.emit(event);
  }

}
