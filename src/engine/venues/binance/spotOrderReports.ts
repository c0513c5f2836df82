/**
 * What Binance says about our spot orders, turned into VenueEvents exactly once. The same fact reaches
 * us several ways: the REST answer to an order (FULL, with its fills), the account stream's
 * executionReport (which Binance may send twice, or out of order), and the queries made after a lost
 * answer. Each fact is reported once: an order's acceptance once, a fill once per trade id (a fill's id
 * is its symbol and Binance's trade id, the same in every source), its end once. A report older than
 * what is known says nothing new and so says nothing: a NEW after the order's fills or end adds no
 * fact, and an order never moves backwards.
 *
 * A fill is a fact whenever it arrives: one reported out of order is still reported (the OMS adds it to
 * the order's filled quantity, which does not depend on the order of fills).
 *
 * An amendment (Order Amend Keep Priority: the amend's answer, or the stream's REPLACED report) only
 * ever lowers an order's quantity, so a new quantity is a fact said once, and one not below what was
 * already said is old news (a report overtaken by a later amend's answer) and says nothing.
 *
 * Our client order id is the order's name everywhere in the terminal. Should Binance give an order
 * another one (an amend sent elsewhere without newClientOrderId), its reports under the new name are
 * still told under ours, and the error is logged: requests by our id no longer reach it.
 */
import type { Clock, Logger, VenueEvent, VenueId } from '../../core';
import type { Instrument } from '../../instruments';
import { ClientOrderIds } from '../clientOrderIds';
import { orderAmounts } from './orderAmounts';
import { fillId, liquidityOf, parseFill, type WireFill } from './spotOrderWire';

export interface SpotOrderReportsDeps {
  venue: VenueId;
  clock: Clock;
  logger: Logger;
  instruments: readonly Instrument[];
  emit(event: VenueEvent): void;
}

/** Trade ids and orders remembered to recognise a repeat: far more than arrive between two reconnects. */
const REMEMBERED_FILLS = 100_000;
const REMEMBERED_ORDERS = 20_000;

/** Binance's executionReport, the fields read here (the rest are not needed). */
interface ExecutionReport {
  s: string;
  c: string;
  C?: string | null;
  q?: string;
  p?: string;
  z?: string;
  x: string;
  X: string;
  r?: string;
  i: number;
  l: string;
  L: string;
  n?: string | null;
  N?: string | null;
  T?: number;
  E?: number;
  t: number;
  m?: boolean;
  f?: string;
}

export class SpotOrderReports {
  private readonly byVenueSymbol: ReadonlyMap<string, Instrument>;
  private readonly accepted = new BoundedSet(REMEMBERED_ORDERS);
  private readonly ended = new BoundedSet(REMEMBERED_ORDERS);
  private readonly fills = new BoundedSet(REMEMBERED_FILLS);
  /** Orders this connector asked to cancel: a cancel it did not ask for is told as the venue's. */
  private readonly cancelsAsked = new BoundedSet(REMEMBERED_ORDERS);
  /** Binance's orderId -> our clientOrderId (myTrades names only the orderId). */
  /** userTrades name the orderId only; fills need the clientOrderId. */
  readonly clientIds = new ClientOrderIds(REMEMBERED_ORDERS);
  /** The lowest quantity (lots) said per order after an amendment: a higher one is stale. */
  private readonly amendedQty = new BoundedMap<number>(REMEMBERED_ORDERS);
  /** A name Binance gave one of our orders -> our clientOrderId. */
  private readonly renamed = new BoundedMap<string>(REMEMBERED_ORDERS);

  constructor(private readonly deps: SpotOrderReportsDeps) {
    this.byVenueSymbol = new Map(deps.instruments.map((i) => [i.venueSymbol, i]));
  }

  cancelAsked(clientOrderId: string): void {
    this.cancelsAsked.add(clientOrderId);
  }

  /** Whether the venue has said anything about the order yet (accepted, a fill, or its end). */
  heardOf(clientOrderId: string): boolean {
    return this.accepted.has(clientOrderId) || this.ended.has(clientOrderId);
  }

  /** The order's acknowledgement was lost: say so, unless the venue has already spoken about it. */
  unknown(clientOrderId: string, reason: string): void {
    if (this.heardOf(clientOrderId)) return;
    this.emit({ type: 'orderUnknown', venue: this.deps.venue, clientOrderId, ts: this.deps.clock.now(), reason });
  }

  accept(clientOrderId: string, orderId: number, ts: number): void {
    this.clientIds.remember(orderId, clientOrderId);
    if (!this.accepted.add(clientOrderId)) return;
    this.emit({ type: 'orderAccepted', venue: this.deps.venue, clientOrderId, venueOrderId: String(orderId), ts });
  }

  fill(inst: Instrument, clientOrderId: string, f: WireFill, isMaker: boolean, ts: number): void {
    const id = fillId(inst, f.tradeId);
    if (this.fills.has(id)) return this.deps.logger.debug({ venue: this.deps.venue, clientOrderId, fillId: id }, 'fill already reported: repeat dropped');
    const p = parseFill(inst, f);
    if (!p.ok) return this.deps.logger.error({ venue: this.deps.venue, clientOrderId, reason: p.reason }, 'a fill could not be read: dropped; reconciliation will see it');
    this.fills.add(id);
    if (p.value.feeUnvalued) {
      // No price for that asset is known here, and inventing one would misstate the cost: the fee is
      // left out of the fill (0) and said in the log; the venue's balance event shows it spent.
      this.deps.logger.warn({ venue: this.deps.venue, clientOrderId, fillId: id, commission: p.value.feeUnvalued }, 'commission paid in another asset: not counted in the fill fee');
    }
    this.emit({ type: 'orderFilled', venue: this.deps.venue, clientOrderId, fillId: id, ts, price: p.value.price, qty: p.value.qty, liquidity: liquidityOf(isMaker), fee: p.value.fee });
  }

  /**
   * The order's end as Binance's status says it: CANCELED, EXPIRED, EXPIRED_IN_MATCH, REJECTED (an
   * open status says nothing; FILLED is told by the fills themselves and only remembered).
   */
  end(clientOrderId: string, status: string, tif: string, ts: number, venueReason?: string): void {
    const { venue } = this.deps;
    const ends = status === 'FILLED' || status === 'CANCELED' || status === 'EXPIRED' || status === 'EXPIRED_IN_MATCH' || status === 'REJECTED';
    if (!ends || !this.ended.add(clientOrderId)) return;
    if (status === 'CANCELED') {
      const asked = this.cancelsAsked.has(clientOrderId);
      this.emit(asked ? { type: 'orderCanceled', venue, clientOrderId, ts } : { type: 'orderCanceled', venue, clientOrderId, ts, reason: 'canceled at Binance, not by this terminal' });
    } else if (status === 'EXPIRED' || status === 'EXPIRED_IN_MATCH') {
      const reason = status === 'EXPIRED_IN_MATCH' ? 'expired by self-trade prevention' : `the unfilled rest expired (${tif})`;
      this.emit({ type: 'orderExpired', venue, clientOrderId, ts, reason });
    } else if (status === 'REJECTED') {
      this.emit({ type: 'orderRejected', venue, clientOrderId, reason: venueReason && venueReason !== 'NONE' ? venueReason : 'rejected by Binance', ts });
    }
  }

  /** The order's total quantity is now `qty` (an amendment took effect); said once, never moving back up. */
  amended(clientOrderId: string, qty: number, price: number | undefined, ts: number): void {
    const said = this.amendedQty.get(clientOrderId);
    if (said !== undefined && said <= qty) return this.deps.logger.debug({ venue: this.deps.venue, clientOrderId, qty }, 'amendment already reported: repeat dropped');
    this.amendedQty.set(clientOrderId, qty);
    this.emit({ type: 'orderAmended', venue: this.deps.venue, clientOrderId, ts, qty, ...(price !== undefined ? { price } : {}) });
  }

  /** Binance now calls our order `venueName`: its reports under that name are ours (see the header). */
  rename(venueName: string, ours: string): void {
    const id = this.ourId(ours);
    if (venueName === id) return;
    this.renamed.set(venueName, id);
    this.deps.logger.error({ venue: this.deps.venue, clientOrderId: id, nowCalled: venueName }, 'Binance gave one of our orders another client order id: its reports are still told as ours, but a cancel or amend by our id will not find it; cancel it at Binance or reconcile');
  }

  ourId(venueName: string): string {
    return this.renamed.get(venueName) ?? venueName;
  }

  /** The venue has no such order and never will (a lost acknowledgement resolved): rejected with that reason. */
  neverPlaced(clientOrderId: string, reason: string): void {
    if (!this.ended.add(clientOrderId)) return;
    this.emit({ type: 'orderRejected', venue: this.deps.venue, clientOrderId, reason, ts: this.deps.clock.now() });
  }

  /** One `executionReport` from the account stream. Malformed or foreign ones are logged and dropped. */
  executionReport(raw: unknown): void {
    const log = { venue: this.deps.venue };
    const r = readReport(raw);
    if (!r) return this.deps.logger.warn({ ...log, report: JSON.stringify(raw)?.slice(0, 200) }, 'malformed executionReport dropped');
    const inst = this.byVenueSymbol.get(r.s);
    if (!inst) return this.deps.logger.info({ ...log, symbol: r.s }, 'executionReport for a symbol this account does not trade here: ignored');
    // On a cancel, `c` is the cancel request's own id and `C` the order's. On an amendment `c` is the
    // name the order goes on with and `C` the one it had (the same when the amend kept it).
    if (r.x === 'REPLACED' && r.C && r.C !== r.c) this.rename(r.c, r.C);
    const clientOrderId = this.ourId(r.x === 'CANCELED' && r.C ? r.C : r.c);
    const ts = r.T ?? r.E ?? this.deps.clock.now();
    if (r.x === 'REJECTED' || r.X === 'REJECTED') return this.end(clientOrderId, 'REJECTED', r.f ?? 'GTC', ts, r.r);
    this.accept(clientOrderId, r.i, ts);
    if (r.x === 'REPLACED') {
      const terms = orderAmounts(inst, { clientOrderId, origQty: r.q!, executedQty: r.z ?? '0', price: r.p! });
      if (terms.ok) this.amended(clientOrderId, terms.value.qty, terms.value.price, ts);
      else this.deps.logger.error({ ...log, clientOrderId, reason: terms.reason }, 'an amendment report could not be read: dropped; reconciliation will see the order\'s quantity');
    }
    if (r.x === 'TRADE') {
      this.fill(inst, clientOrderId, { price: r.L, qty: r.l, commission: r.n ?? '0', commissionAsset: r.N ?? inst.quote, tradeId: r.t }, r.m === true, ts);
    }
    this.end(clientOrderId, r.X, r.f ?? 'GTC', ts, r.r);
  }

  private emit(event: VenueEvent): void {
    this.deps.emit(event);
  }
}

function readReport(raw: unknown): ExecutionReport | undefined {
  const r = raw as Partial<ExecutionReport> | null;
  if (!r || typeof r !== 'object') return undefined;
  const strings = [r.s, r.c, r.x, r.X, r.l, r.L].every((v) => typeof v === 'string');
  if (!strings || typeof r.i !== 'number' || typeof r.t !== 'number') return undefined;
  if (r.x === 'TRADE' && (typeof r.n !== 'string' || typeof r.N !== 'string' || r.t < 0)) return undefined;
  if (r.x === 'REPLACED' && (typeof r.q !== 'string' || typeof r.p !== 'string')) return undefined;
  return r as ExecutionReport;
}

/** A map that forgets its oldest entries past `limit`. */
class BoundedMap<V> {
  private readonly items = new Map<string, V>();

  constructor(private readonly limit: number) {}

  get(k: string): V | undefined {
    return this.items.get(k);
  }

  set(k: string, v: V): void {
    if (!this.items.has(k) && this.items.size >= this.limit) this.items.delete(this.items.keys().next().value!);
    this.items.set(k, v);
  }
}

/** A set that forgets its oldest members past `limit`. `add` says whether the value is new. */
class BoundedSet {
  private readonly items = new Set<string>();

  constructor(private readonly limit: number) {}

  has(v: string): boolean {
    return this.items.has(v);
  }

  add(v: string): boolean {
    if (this.items.has(v)) return false;
    if (this.items.size >= this.limit) this.items.delete(this.items.values().next().value!);
    this.items.add(v);
    return true;
  }
}
