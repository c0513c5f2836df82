/**
 * The trading half of the Kite adapter: place, modify and cancel through Kite's REST API, the
 * orders' life from Kite's order updates (the ticker's postback messages) and from GET /orders,
 * fills from each order's trades, all reported as VenueEvents in Kite's own words.
 *
 * Every report about an order goes through one record per clientOrderId, one report at a time, so
 * that what the REST answers, the order updates and reconciliation say is reported once: accepted
 * once, each fill once (by Kite's trade id), its end once.
 *
 * Kite's answer to a placement (an order_id) is not yet its word that it takes the order: its risk
 * checks may still reject it (status REJECTED). The order is reported accepted only once its status
 * says so (OPEN, TRIGGER PENDING, AMO REQ RECEIVED, ...), from its update or from a query made at once.
 *
 * An order whose placement answer never came is looked up by its tag in GET /orders, never resent.
 */
import { SqError, type Clock, type Logger, type Symbol, type VenueEvent, type VenueId } from '../../../core';
import { formatPrice, type Instrument } from '../../../instruments';
import { resolveLostAck, type Lookup, type LostAckPolicy } from '../../ccxt/lostAck';
import { SeenIds } from '../../ccxt/seenIds';
import { InFlightRequests } from '../../inFlightRequests';
import type { VenueAmend, VenueFill, VenueOrderRequest, VenueOrderState, VenueOrderStatus } from '../../types';
import { checkKiteOrder, type KiteRuleContext } from '../rules';
import { kiteOrderForm } from './kiteOrderParams';
import { KITE_SESSION_EXPIRED } from '../session';
import { failureOf, type KiteFailure, type KiteRest } from './kiteRest';
import { clientOrderIdOfTag, foreignClientOrderId, orderIdOfForeign, tagOf } from './kiteTag';
import {
  istTime,
  kiteSymbol,
  lotsOf,
  orderTypeOf,
  PENDING_VALIDATION,
  isOpenStatus,
  productOf,
  sideOf,
  tifOf,
  ticksOf,
  unitsOf,
  type KiteOrderWire,
  type KiteTradeWire,
} from './kiteWire';

/** After a placement: how often, and how many times, the order is asked for until Kite has decided on it. */
export interface SettlePolicy {
  intervalMs: number;
  attempts: number;
}

export interface KiteOrdersDeps {
  venue: VenueId;
  rest: KiteRest;
  clock: Clock;
  logger: Logger;
  instruments: readonly Instrument[];
  lostAck: LostAckPolicy;
  settle: SettlePolicy;
  /** Kite's order rules (product, order type and market protection, validity, freeze, hours and AMO), checked before sending. */
  rules?: KiteRules;
  emit(event: VenueEvent): void;
  roundTrip(ms: number): void;
  /** A fill was reported: the portfolio is read again. */
  filled(): void;
}

/** What Kite's order rules need beside the time: the market calendar, the freeze limits, the trader's settings. */
export type KiteRules = Omit<KiteRuleContext, 'now'>;

interface OrderRecord {
  clientOrderId: string;
  inst: Instrument;
  venueOrderId: string | undefined;
  variety: string | undefined;
  accepted: boolean;
  ended: boolean;
  triggered: boolean;
  cancelRequested: boolean;
  /** Lots of the fills reported so far. */
  filled: number;
  /** Reports about this order, one after the other. */
  chain: Promise<void>;
}

/**
 * The statuses in which an SL / SL-M order is known to have triggered: live in the book or done. Its
 * other statuses (TRIGGER PENDING, the MODIFY and CANCEL steps, AMO) do not say.
 */
const TRIGGERED = new Set(['OPEN', 'COMPLETE']);

/** A failure as the trader reads it: Kite's words, and what it means for the request. */
export function kiteWords(f: KiteFailure, what: string): string {
  if (f.kind === 'sessionExpired') return `${KITE_SESSION_EXPIRED} (Kite: ${f.message}); the ${what} was not sent`;
  if (f.kind === 'rateLimited') return `Kite: ${f.message} (429), still after backing off; the ${what} was not sent`;
  return f.message;
}

export class KiteOrders {
  private readonly bySymbol: ReadonlyMap<Symbol, Instrument>;
  private readonly records = new Map<string, OrderRecord>();
  private readonly byOrderId = new Map<string, OrderRecord>();
  private readonly fills = new SeenIds();
  private readonly inFlight = new InFlightRequests((e) => this.deps.logger.error({ venue: this.deps.venue, error: e.message }, 'Kite request failed unexpectedly'));
  private closed = false;

  constructor(private readonly deps: KiteOrdersDeps) {
    this.bySymbol = new Map(deps.instruments.map((i) => [i.symbol, i]));
  }

  instrument(symbol: Symbol): Instrument | undefined {
    return this.bySymbol.get(symbol);
  }

  async idle(): Promise<void> {
    return this.inFlight.idle();
  }

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

  /** An order update (the ticker's postback message, or any other source of Kite's order JSON). */
  onOrderUpdate(o: KiteOrderWire): void {
    const record = this.recordOf(o);
    if (!record) return;
    this.inFlight.track(this.report(record, o));
  }

  async openOrders(): Promise<VenueOrderState[]> {
    const orders = await this.read(() => this.deps.rest.get<KiteOrderWire[]>('/orders'), 'open orders');
    const out: VenueOrderState[] = [];
    for (const o of orders) {
      if (!isOpenStatus(o.status)) continue;
      const record = this.recordOf(o, true);
      if (record) out.push(this.state(record.inst, o, record.clientOrderId));
    }
    return out;
  }

  async queryOrder(symbol: Symbol, clientOrderId: string): Promise<VenueOrderState | undefined> {
    const inst = this.bySymbol.get(symbol);
    if (!inst) throw new SqError('UNKNOWN_INSTRUMENT', `${symbol} is not traded on ${this.deps.venue}`);
    const r = await this.lookup(clientOrderId);
    if (r.kind === 'failed') throw new SqError('VENUE_UNAVAILABLE', `order query: ${r.reason}`);
    return r.kind === 'found' ? this.state(inst, r.order, clientOrderId) : undefined;
  }

  /** Today's fills (Kite's trade book holds the day's only) with ts >= sinceTs, oldest first. */
  async fillsSince(sinceTs: number, symbols?: readonly Symbol[]): Promise<VenueFill[]> {
    const trades = await this.read(() => this.deps.rest.get<KiteTradeWire[]>('/trades'), 'trades');
    const only = symbols ? new Set(symbols) : undefined;
    let orders: Map<string, KiteOrderWire> | undefined;
    const fills: VenueFill[] = [];
    for (const t of trades) {
      const symbol = kiteSymbol(t.exchange, t.tradingsymbol);
      const inst = this.bySymbol.get(symbol);
      if (!inst || (only && !only.has(symbol))) continue;
      let clientOrderId = this.byOrderId.get(t.order_id)?.clientOrderId;
      if (clientOrderId === undefined) {
        orders ??= new Map((await this.read(() => this.deps.rest.get<KiteOrderWire[]>('/orders'), 'orders')).map((o) => [o.order_id, o]));
        const o = orders.get(t.order_id);
        clientOrderId = (o && clientOrderIdOfTag(o.tag)) ?? foreignClientOrderId(t.order_id);
      }
      const fill = this.fillOf(inst, t, clientOrderId);
      if (typeof fill === 'string') throw new SqError('VENUE_REJECTED', fill);
      if (fill.ts >= sinceTs) fills.push(fill);
    }
    return fills.sort((a, b) => a.ts - b.ts || a.fillId.localeCompare(b.fillId));
  }

  /** Every open order at Kite (ours or not), for the kill switch. */
  async allOpenOrders(): Promise<KiteOrderWire[]> {
    return (await this.deps.rest.get<KiteOrderWire[]>('/orders')).filter((o) => isOpenStatus(o.status));
  }

  // ---- requests ----

  private async place(req: VenueOrderRequest): Promise<void> {
    const { venue, clock, rest } = this.deps;
    const reject = (reason: string) => this.emit({ type: 'orderRejected', venue, clientOrderId: req.clientOrderId, reason, ts: clock.now() });
    const inst = this.bySymbol.get(req.symbol);
    if (!inst) return reject(`${req.symbol} is not traded on ${venue}`);
    if (this.records.has(req.clientOrderId)) return reject(`clientOrderId ${req.clientOrderId} was already sent to ${venue}`);
    const tag = tagOf(req.clientOrderId);
    if (!tag.ok) return reject(tag.reason);
    let protection: string | undefined;
    if (this.deps.rules) {
      const ruled = checkKiteOrder(inst, req, { ...this.deps.rules, now: clock.now() });
      if (!ruled.ok) return reject(ruled.amoAvailable ? `${ruled.reason} Kite takes it as an AMO now.` : ruled.reason);
      // One ticket is one Kite order here: its fills, amends and cancel follow one order id.
      if (ruled.slices.length > 1) return reject(`Quantity is above the exchange's freeze limit: place it as ${ruled.slices.length} orders of at most ${Math.max(...ruled.slices)} lots each.`);
      protection = ruled.marketProtection;
    }
    const form = kiteOrderForm(inst, req, tag.tag, clock.now(), protection);
    if (!form.ok) return reject(form.reason);
    const record = this.newRecord(req.clientOrderId, inst);
    record.variety = form.value.variety;
    const started = clock.now();
    let answer: { order_id: string };
    try {
      answer = await rest.post<{ order_id: string }>(`/orders/${form.value.variety}`, form.value.params, 'order');
      this.deps.roundTrip(clock.now() - started);
    } catch (e) {
      const f = failureOf(e);
      if (f.kind !== 'unknown') return this.end(record, { type: 'orderRejected', venue, clientOrderId: req.clientOrderId, reason: kiteWords(f, 'order'), ts: clock.now() });
      return this.lostAnswer(record, f.message);
    }
    this.remember(record, String(answer.order_id));
    await this.settle(record);
  }

  /** The placement's answer never came: Unknown until GET /orders says (by our tag); never sent again. */
  private async lostAnswer(record: OrderRecord, why: string): Promise<void> {
    const { venue, clock, logger } = this.deps;
    const clientOrderId = record.clientOrderId;
    logger.warn({ venue, clientOrderId, reason: why }, 'Kite order answer never came: looking for the order by its tag instead of sending it again');
    // Its update may have told already (the postback outran the lost answer): then there is nothing unknown.
    if (record.accepted || record.ended) return record.venueOrderId !== undefined ? this.settle(record) : undefined;
    this.emit({ type: 'orderUnknown', venue, clientOrderId, ts: clock.now(), reason: `no answer from Kite to the order (${why}); looking for it at Kite, it is not sent again` });
    await resolveLostAck(clientOrderId, clock.now(), {
      clock,
      logger,
      policy: this.deps.lostAck,
      lookup: () => this.lookup(clientOrderId),
      found: async (o) => {
        this.remember(record, o.order_id);
        await this.report(record, o);
        await this.settle(record);
      },
      neverPlaced: (reason) => this.end(record, { type: 'orderRejected', venue, clientOrderId, reason, ts: clock.now() }),
      live: () => !this.closed && !record.ended,
    });
  }

  /** Asks Kite for the order until it has decided on it (accepted or rejected); its updates may tell first. */
  private async settle(record: OrderRecord): Promise<void> {
    const { clock, settle } = this.deps;
    for (let attempt = 0; attempt < settle.attempts && !this.closed; attempt++) {
      if (record.accepted || record.ended) return;
      if (attempt > 0) await new Promise<void>((resolve) => clock.setTimeout(resolve, settle.intervalMs));
      if (record.accepted || record.ended) return;
      const latest = await this.history(record.venueOrderId!);
      if (latest) await this.report(record, latest);
    }
    if (!record.accepted && !record.ended) this.deps.logger.warn({ venue: this.deps.venue, clientOrderId: record.clientOrderId }, 'Kite has not decided on the order yet: its update or reconciliation will tell');
  }

  private async cancelOrder(symbol: Symbol, clientOrderId: string): Promise<void> {
    const { venue, clock, rest } = this.deps;
    const refuse = (reason: string) => this.emit({ type: 'cancelRejected', venue, clientOrderId, reason, ts: clock.now() });
    const inst = this.bySymbol.get(symbol);
    if (!inst) return refuse(`${symbol} is not traded on ${venue}`);
    const found = await this.locate(inst, clientOrderId);
    if (typeof found === 'string') return refuse(found);
    const { record, order } = found;
    try {
      await rest.delete(`/orders/${order.variety}/${order.order_id}`, undefined, 'order');
    } catch (e) {
      const f = failureOf(e);
      // A cancel whose answer never came may have worked: its update or a query settles it, never an assumption.
      return refuse(f.kind === 'unknown' ? `no answer from Kite to the cancel (${f.message}); the order's state is unknown until it is queried` : kiteWords(f, 'cancel'));
    }
    record.cancelRequested = true;
    // Kite took the cancel; the order's CANCELLED status (or the fill that beat it) is its own word.
    const latest = await this.history(order.order_id);
    if (latest) await this.report(record, latest);
  }

  private async amendOrder(symbol: Symbol, clientOrderId: string, change: VenueAmend): Promise<void> {
    const { venue, clock, rest } = this.deps;
    const refuse = (reason: string) => this.emit({ type: 'amendRejected', venue, clientOrderId, reason, ts: clock.now() });
    const inst = this.bySymbol.get(symbol);
    if (!inst) return refuse(`${symbol} is not traded on ${venue}`);
    const found = await this.locate(inst, clientOrderId);
    if (typeof found === 'string') return refuse(found);
    const { order } = found;
    if (!isOpenStatus(order.status)) return refuse(`the order is ${order.status} at Kite`);
    const current = this.state(inst, order, clientOrderId);
    const qty = change.qty ?? current.qty;
    const price = change.price ?? current.price;
    const stopPrice = change.stopPrice ?? current.stopPrice;
    if (qty <= current.filledQty) return refuse(`the new quantity must be above what has already filled (${current.filledQty} lots)`);
    const params: Record<string, string | number> = { order_type: order.order_type, quantity: unitsOf(inst, qty), validity: order.validity ?? 'DAY' };
    if (price !== undefined && (current.type === 'limit' || current.type === 'stop_limit')) params['price'] = formatPrice(inst, price);
    if (stopPrice !== undefined && (current.type === 'stop_limit' || current.type === 'stop_market')) params['trigger_price'] = formatPrice(inst, stopPrice);
    try {
      await rest.put(`/orders/${order.variety}/${order.order_id}`, params, 'order');
    } catch (e) {
      const f = failureOf(e);
      return refuse(f.kind === 'unknown' ? `no answer from Kite to the modify (${f.message}); the order's terms are unknown until it is queried` : kiteWords(f, 'modify'));
    }
    const amended: VenueEvent = { type: 'orderAmended', venue, clientOrderId, ts: clock.now(), qty };
    if (params['price'] !== undefined && price !== undefined) amended.price = price;
    if (params['trigger_price'] !== undefined && stopPrice !== undefined) amended.stopPrice = stopPrice;
    this.emit(amended);
  }

  // ---- what Kite said, as events ----

  /** Reports one statement of Kite about the order, after every earlier one. */
  private report(record: OrderRecord, o: KiteOrderWire): Promise<void> {
    const next = record.chain.then(() => this.reportNow(record, o));
    record.chain = next.catch((e: unknown) => this.deps.logger.error({ venue: this.deps.venue, clientOrderId: record.clientOrderId, error: (e as Error).message }, 'an order update could not be reported'));
    return record.chain;
  }

  private async reportNow(record: OrderRecord, o: KiteOrderWire): Promise<void> {
    const { venue, clock } = this.deps;
    const clientOrderId = record.clientOrderId;
    if (record.ended) return;
    this.remember(record, String(o.order_id));
    record.variety = o.variety;
    const ts = istTime(o.exchange_update_timestamp ?? o.order_timestamp) ?? clock.now();
    if (PENDING_VALIDATION.has(o.status)) return;
    const words = o.status_message || o.status_message_raw || undefined;
    if (o.status === 'REJECTED') {
      if (!record.accepted) return this.end(record, { type: 'orderRejected', venue, clientOrderId, reason: words ?? 'rejected by Kite', ts });
      // Taken first, rejected later (an AMO at the open): it ends as canceled, with Kite's words.
      await this.catchUpFills(record, o);
      return this.end(record, { type: 'orderCanceled', venue, clientOrderId, ts, reason: `Kite rejected it: ${words ?? 'no reason given'}` });
    }
    if (!record.accepted) {
      record.accepted = true;
      this.emit({ type: 'orderAccepted', venue, clientOrderId, venueOrderId: String(o.order_id), ts: istTime(o.order_timestamp) ?? ts });
    }
    const stop = o.order_type === 'SL' || o.order_type === 'SL-M';
    if (stop && !record.triggered && TRIGGERED.has(o.status)) {
      record.triggered = true;
      this.emit({ type: 'orderTriggered', venue, clientOrderId, ts });
    }
    await this.catchUpFills(record, o);
    if (o.status === 'COMPLETE') {
      record.ended = true;
      return;
    }
    if (o.status === 'CANCELLED') {
      const timedOut = !record.cancelRequested && (o.validity === 'IOC' || o.validity === 'TTL');
      if (timedOut) return this.end(record, { type: 'orderExpired', venue, clientOrderId, ts, reason: words ?? `the unfilled rest ended (${o.validity})` });
      const canceled: VenueEvent = { type: 'orderCanceled', venue, clientOrderId, ts };
      if (words) canceled.reason = words;
      return this.end(record, canceled);
    }
  }

  /** Kite says more has filled than reported: the order's trades are read, before its end is reported. */
  private async catchUpFills(record: OrderRecord, o: KiteOrderWire): Promise<void> {
    const filled = lotsOf(record.inst, o.filled_quantity);
    if (!filled.ok || filled.value <= record.filled) return;
    let trades: KiteTradeWire[];
    try {
      trades = await this.deps.rest.get<KiteTradeWire[]>(`/orders/${o.order_id}/trades`);
    } catch (e) {
      this.deps.logger.error({ venue: this.deps.venue, clientOrderId: record.clientOrderId, reason: failureOf(e).message }, 'the order has fills but its trades could not be read: reconciliation must fetch them');
      return;
    }
    for (const t of trades) this.emitFill(record, t);
  }

  private emitFill(record: OrderRecord, t: KiteTradeWire): void {
    const fill = this.fillOf(record.inst, t, record.clientOrderId);
    if (typeof fill === 'string') return this.deps.logger.error({ venue: this.deps.venue, clientOrderId: record.clientOrderId, reason: fill }, 'a Kite fill could not be read: dropped; reconciliation will see it');
    if (!this.fills.add(fill.fillId)) return;
    record.filled += fill.qty;
    this.emit({ type: 'orderFilled', venue: this.deps.venue, clientOrderId: record.clientOrderId, fillId: fill.fillId, ts: fill.ts, price: fill.price, qty: fill.qty, liquidity: fill.liquidity, fee: fill.fee });
    this.deps.filled();
  }

  /**
   * One trade as our fill. Kite names neither the fee (charges come in the contract note) nor which
   * side of the book the trade took: fee 0 and taker, which the Fills panel shows as the venue's
   * silence, not as a fact.
   */
  private fillOf(inst: Instrument, t: KiteTradeWire, clientOrderId: string): VenueFill | string {
    const price = ticksOf(inst, t.average_price);
    if (!price.ok) return `trade ${t.trade_id}: ${price.reason}`;
    const qty = lotsOf(inst, t.quantity);
    if (!qty.ok) return `trade ${t.trade_id}: ${qty.reason}`;
    return {
      // Kite's trade ids are the exchange's: unique within an exchange, so the exchange is part of ours.
      fillId: `${t.exchange}-${t.trade_id}`,
      clientOrderId,
      symbol: inst.symbol,
      side: sideOf(t.transaction_type),
      price: price.value,
      qty: qty.value,
      liquidity: 'taker',
      fee: 0,
      ts: istTime(t.fill_timestamp ?? t.exchange_timestamp) ?? this.deps.clock.now(),
    };
  }

  private end(record: OrderRecord, event: VenueEvent): void {
    if (record.ended) return;
    record.ended = true;
    this.emit(event);
  }

  // ---- helpers ----

  private newRecord(clientOrderId: string, inst: Instrument): OrderRecord {
    const record: OrderRecord = { clientOrderId, inst, venueOrderId: undefined, variety: undefined, accepted: false, ended: false, triggered: false, cancelRequested: false, filled: 0, chain: Promise.resolve() };
    this.records.set(clientOrderId, record);
    return record;
  }

  private remember(record: OrderRecord, orderId: string): void {
    record.venueOrderId = orderId;
    this.byOrderId.set(orderId, record);
  }

  /**
   * Our record of the order an update is about: by its order id, else by our tag in it. `adopt` (reconcile)
   * also makes one for an order we hold no record of (ours from before a restart, or placed elsewhere),
   * so that its later updates are reported; an update alone never adopts an order placed elsewhere.
   */
  private recordOf(o: KiteOrderWire, adopt = false): OrderRecord | undefined {
    const known = this.byOrderId.get(String(o.order_id));
    if (known) return known;
    const inst = this.bySymbol.get(kiteSymbol(o.exchange, o.tradingsymbol));
    if (!inst) return undefined;
    const ours = clientOrderIdOfTag(o.tag) ?? (o.tags ?? []).map((t) => clientOrderIdOfTag(t)).find((t) => t !== undefined);
    const clientOrderId = ours ?? (adopt ? foreignClientOrderId(String(o.order_id)) : undefined);
    if (clientOrderId === undefined) return undefined;
    let record = this.records.get(clientOrderId);
    if (!record) {
      // An order this run has not seen (placed before a restart, or elsewhere): what it did before is the
      // terminal's already or reconciliation's to fetch; it is reported from here on. Adopted by
      // reconciliation, its fills so far come from fillsSince; from an update, its trades are read now
      // (each fill counted once by its trade id).
      record = this.newRecord(clientOrderId, inst);
      record.accepted = !PENDING_VALIDATION.has(o.status);
      const filled = lotsOf(inst, o.filled_quantity);
      if (adopt && filled.ok) record.filled = filled.value;
    }
    this.remember(record, String(o.order_id));
    return record;
  }

  /** The order and our record of it, for a cancel or modify: by the order id we know, else by our tag (after a restart). */
  private async locate(inst: Instrument, clientOrderId: string): Promise<{ record: OrderRecord; order: KiteOrderWire } | string> {
    const record = this.records.get(clientOrderId);
    const orderId = record?.venueOrderId ?? orderIdOfForeign(clientOrderId);
    let order: KiteOrderWire | undefined;
    try {
      if (orderId !== undefined) order = await this.history(orderId, true);
      else {
        const r = await this.lookup(clientOrderId);
        if (r.kind === 'failed') return `the order could not be found at Kite: ${r.reason}`;
        if (r.kind === 'absent') return `Kite has no order ${clientOrderId}: ${r.reason}`;
        order = r.order;
      }
    } catch (e) {
      return kiteWords(failureOf(e), 'request');
    }
    if (!order) return `Kite has no order ${clientOrderId}`;
    const rec = record ?? this.records.get(clientOrderId) ?? this.newRecord(clientOrderId, inst);
    this.remember(rec, String(order.order_id));
    return { record: rec, order };
  }

  /** The order's latest state (the last entry of GET /orders/:id); undefined when the read failed (logged), or throws with `strict`. */
  private async history(orderId: string, strict = false): Promise<KiteOrderWire | undefined> {
    try {
      const entries = await this.deps.rest.get<KiteOrderWire[]>(`/orders/${orderId}`);
      return entries[entries.length - 1];
    } catch (e) {
      if (strict) throw e;
      this.deps.logger.warn({ venue: this.deps.venue, orderId, reason: failureOf(e).message }, 'the order could not be read from Kite');
      return undefined;
    }
  }

  /** One order by our clientOrderId: its tag among the day's orders (GET /orders). */
  private async lookup(clientOrderId: string): Promise<Lookup<KiteOrderWire>> {
    const foreign = orderIdOfForeign(clientOrderId);
    const tag = tagOf(clientOrderId);
    try {
      const orders = await this.deps.rest.get<KiteOrderWire[]>('/orders');
      const found = orders.find((o) => (foreign !== undefined ? o.order_id === foreign : tag.ok && (o.tag === tag.tag || (o.tags ?? []).includes(tag.tag))));
      return found ? { kind: 'found', order: found } : { kind: 'absent', reason: `no order tagged ${tag.ok ? tag.tag : clientOrderId} among today's orders` };
    } catch (e) {
      return { kind: 'failed', reason: failureOf(e).message };
    }
  }

  private async read<T>(call: () => Promise<T>, what: string): Promise<T> {
    try {
      return await call();
    } catch (e) {
      const f = failureOf(e);
      throw new SqError(f.kind === 'refused' ? 'VENUE_REJECTED' : 'VENUE_UNAVAILABLE', `${this.deps.venue} ${what}: ${kiteWords(f, 'request')}`);
    }
  }

  private state(inst: Instrument, o: KiteOrderWire, clientOrderId: string): VenueOrderState {
    const qty = lotsOf(inst, o.quantity);
    const filled = lotsOf(inst, o.filled_quantity);
    if (!qty.ok || !filled.ok) throw new SqError('VENUE_REJECTED', `order ${o.order_id}: ${!qty.ok ? qty.reason : (filled as { reason: string }).reason}`);
    const type = orderTypeOf(o.order_type);
    const s: VenueOrderState = {
      clientOrderId,
      venueOrderId: String(o.order_id),
      symbol: inst.symbol,
      side: sideOf(o.transaction_type),
      type,
      tif: tifOf(o.validity),
      qty: qty.value,
      filledQty: filled.value,
      status: statusOf(o.status),
      triggered: (type === 'stop_limit' || type === 'stop_market') && TRIGGERED.has(o.status),
      updatedAt: istTime(o.exchange_update_timestamp ?? o.order_timestamp) ?? this.deps.clock.now(),
      afterMarket: o.variety === 'amo',
    };
    const product = productOf(o.product);
    if (product) s.product = product;
    const created = istTime(o.order_timestamp);
    if (created !== undefined) s.createdAt = created;
    if ((type === 'limit' || type === 'stop_limit') && o.price > 0) {
      const p = ticksOf(inst, o.price);
      if (p.ok) s.price = p.value;
    }
    if ((type === 'stop_limit' || type === 'stop_market') && o.trigger_price > 0) {
      const p = ticksOf(inst, o.trigger_price);
      if (p.ok) s.stopPrice = p.value;
    }
    if ((s.status === 'canceled' || s.status === 'rejected') && (o.status_message || o.status_message_raw)) s.reason = (o.status_message || o.status_message_raw)!;
    return s;
  }

  private emit(event: VenueEvent): void {
    this.deps.emit(event);
  }
}

function statusOf(status: string): VenueOrderStatus {
  if (status === 'COMPLETE') return 'filled';
  if (status === 'CANCELLED') return 'canceled';
  if (status === 'REJECTED') return 'rejected';
  if (status === 'TRIGGER PENDING') return 'untriggered';
  return 'open';
}
