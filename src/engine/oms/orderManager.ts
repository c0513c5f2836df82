import { err, EventBus, ok, silentLogger, type Clock, type Logger, type Result, type Source, type Symbol, type VenueId } from '../core';
import type { InstrumentRegistry } from '../instruments';
import type { RiskManager } from '../risk';
import type { EngineRecord, Journal, Store, VenueOrderEvent } from '../storage';
import type { VenueAdapter, VenueEvent } from '../venues';
import { ClientOrderIds } from './clientOrderIds';
import { ContingentOrders } from './contingent';
import { recoverFromJournal, type RecoveryReport } from './journalRecovery';
import { takeBackForLateFill, type LateFillSources } from './lateFill';
import { OrderLedger, type Applied, type JournaledKillSwitch, type VenueCommand } from './orderLedger';
import { orderFromRequest, termsDiffer } from './orderFromRequest';
import { OrderRecorder } from './orderRecorder';
import { amendProblem } from './orderRules';
import { bracketSideProblem, requestOf, riskRequest, venueRequest } from './orderRequests';
import { reconcileVenue, type ReconcileReport } from './reconcile';
import { isTerminal } from './stateMachine';
import { StoreProjection } from './storeProjection';
import {
  isWorking,
  type AuditEntry,
  type AuditQuery,
  type BracketRequest,
  type Fill,
  type OcoRequest,
  type OmsEvents,
  type Order,
  type OrderChange,
  type OrderRequest,
  type OrderVersion,
} from './types';

export type { RecoveryReport } from './journalRecovery';

export interface CancelFilter {
  venue?: VenueId;
  symbol?: Symbol;
}

export interface OrderManagerOptions {
  clock: Clock;
  store: Store;
  /** The write-ahead journal (opened and recovered by the caller); the OMS owns it from here. */
  journal: Journal;
  venues: VenueAdapter[];
  instruments: InstrumentRegistry;
  risk: RiskManager;
  /** Prefix of generated clientOrderIds; default derived from the clock so each run's differ. */
  idPrefix?: string;
  logger?: Logger;
  /** The journal failed: nothing more can be made durable, so trading must stop (kill switch). */
  onJournalFailure?: (error: Error) => void;
  /** A snapshot is written after this many records (when nothing is in flight); default 5000. */
  snapshotEvery?: number;
  /** Finished orders kept in memory (the most recent); older ones are read from SQLite. Default 2,000. */
  keepFinished?: number;
}

/**
 * Owns every order. The write-ahead rule: a command or venue event is journaled, applied to the
 * ledger at once (so the next decision sees it), and only once durable does anything leave: SQLite,
 * the views, the venue. After a crash, snapshot + journal rebuild exactly what was acknowledged, and
 * reconcile() settles the rest with each venue.
 */
export class OrderManager {
  readonly events: EventBus<OmsEvents>;
  private readonly ledger: OrderLedger;
  private readonly venues = new Map<VenueId, VenueAdapter>();
  private readonly venueDetach = new Map<VenueId, () => void>();
  private readonly detach: (() => void)[] = [];
  private readonly ids: ClientOrderIds;
  private readonly clock: Clock;
  private readonly store: Store;
  private readonly journal: Journal;
  private readonly recorder: OrderRecorder;
  private readonly projection: StoreProjection;
  private readonly contingent: ContingentOrders;
  private readonly instruments: InstrumentRegistry;
  private readonly risk: RiskManager;
  private readonly log: Logger;
  private readonly lateFill: LateFillSources;

  constructor(options: OrderManagerOptions) {
    this.clock = options.clock;
    this.store = options.store;
    this.journal = options.journal;
    this.instruments = options.instruments;
    this.risk = options.risk;
    this.log = options.logger ?? silentLogger;
    this.events = new EventBus<OmsEvents>((event, error) => this.log.error({ event, error: String(error) }, 'OMS listener threw'));
    this.ledger = new OrderLedger((venue, symbol) => this.instruments.decimals(venue, symbol), { keepFinished: options.keepFinished });
    this.projection = new StoreProjection(this.store, (error) => this.log.error({ error: String(error) }, 'SQLite projection failed'));
    this.contingent = new ContingentOrders((id) => this.get(id), {
      arm: (id, qty) => this.arm(id, qty),
      cancel: (id) => void this.cancel(id, 'contingent'),
    });
    this.recorder = new OrderRecorder({
      journal: this.journal,
      ledger: this.ledger,
      projection: this.projection,
      events: this.events,
      contingent: this.contingent,
      send: (command) => this.send(command),
      clock: this.clock,
      log: this.log,
      snapshotEvery: options.snapshotEvery ?? 5000,
      onJournalFailure: options.onJournalFailure,
    });
    this.ids = new ClientOrderIds(this.clock.now(), options.idPrefix);
    this.lateFill = {
      evicted: (id) => this.evictedOrder(id),
      store: this.store,
      projection: this.projection,
      clock: this.clock,
      log: this.log,
      record: (record) => this.record(record),
    };
    for (const venue of options.venues) this.addVenue(venue);
  }

  /**
   * A venue joins at run time (an account connected). Its id must be free: two adapters answering for
   * one venue id would each be taken for the other's orders. Orders the OMS still holds for this id
   * (left working when it went away) are this venue's again; the caller reconciles them (reconcile(id))
   * once the adapter has connected.
   */
  addVenue(venue: VenueAdapter): Result<void> {
    if (this.venues.has(venue.id)) return err('INVALID_INPUT', `venue ${venue.id} is already connected to the OMS`);
    const off = venue.onEvent((e) => void this.onVenueEvent(e));
    this.venues.set(venue.id, venue);
    this.venueDetach.set(venue.id, off);
    this.detach.push(off);
    return ok(undefined);
  }

  /**
   * A venue leaves (account disabled, removed or replaced). Never silent for working orders: they stay
   * in the ledger as they are (the venue still holds them), new orders, cancels and amends for this
   * venue are refused with VENUE_UNAVAILABLE, and the kill switch reports their cancels as failed. When
   * the venue comes back (addVenue with the same id), reconcile(id) settles them with what the venue
   * says. Returns the orders left working, so that the caller can say so.
   */
  removeVenue(id: VenueId): Order[] {
    this.venueDetach.get(id)?.();
    this.venueDetach.delete(id);
    if (!this.venues.delete(id)) return [];
    const left = this.openOrders().filter((o) => o.venue === id);
    if (left.length > 0) {
      this.log.warn({ venue: id, working: left.map((o) => o.clientOrderId) }, 'venue left the OMS with working orders: they stay, and are reconciled when it comes back');
    }
    return left;
  }

  /** Whether orders for this venue can be sent now. */
  hasVenue(id: VenueId): boolean {
    return this.venues.has(id);
  }

  /**
   * Rebuilds the orders from the journal's snapshot and the records after it, before any venue
   * connects, and brings SQLite up to the journal: every record past its watermark is projected again
   * (from record 1 if SQLite lost more than the snapshot covers), so its fills, and the positions built
   * from them, are complete. A data dir from before the journal is taken over from SQLite.
   * Throws if SQLite cannot be brought up to date: positions would be built from missing fills.
   */
  recover(): RecoveryReport {
    const { journal, store, ledger, projection, clock, log } = this;
    return recoverFromJournal({ journal, store, ledger, projection, clock, log, record: (record) => this.record(record) });
  }

  /**
   * After recover() and the venues' connect(): settles our working orders with each venue (states,
   * missed fills) by journaling what the venue says as events with source 'recovery'. With `only`,
   * just that venue (an account that (re)connected while the others kept running).
   */
  async reconcile(only?: VenueId): Promise<ReconcileReport[]> {
    const reports: ReconcileReport[] = [];
    for (const venue of this.venues.values()) {
      if (only !== undefined && venue.id !== only) continue;
      reports.push(
        await reconcileVenue({
          venue,
          working: () => this.openOrders().filter((o) => o.venue === venue.id && o.status !== 'initialized'),
          get: (id) => this.get(id),
          apply: (event) => this.recordVenueEvent(event, 'recovery'),
          conclude: (order, detail) => this.record({ kind: 'orderState', at: this.clock.now(), order, source: 'recovery', detail }),
          clock: this.clock,
          log: this.log,
        }),
      );
    }
    return reports;
  }

  /**
   * After reconcile() and once the kill switch has been enforced: finishes any bracket or OCO step a
   * crash interrupted (arming children, cancelling the other leg). Arming goes through risk like any
   * new order, so an engaged kill switch keeps every child unarmed. With `only`, that venue's groups
   * (an account after its reconcile).
   */
  resumeContingent(only?: VenueId): void {
    this.dropStrandedSlices(only);
    // Only venues connected now (or the one named): an account that connects later is resumed when it
    // has, since arming its children while it is away would reject them.
    this.contingent.sweep([...this.ledger.all()].filter((o) => (only === undefined ? this.venues.has(o.venue) : o.venue === only)));
  }

  submit(req: OrderRequest, source: Source): Result<Order> {
    const built = this.build(req, source);
    if (!built.ok) return built;
    const order = built.value;
    // A generated id was just checked to be free (build asks `taken`): only a caller's id can repeat,
    // and the lookup may reach SQLite, so it is not paid twice on every ticket.
    const existing = req.clientOrderId === undefined ? undefined : this.get(order.clientOrderId);
    if (existing) {
      // Idempotent: a retried submit (double click, resent bridge command) must not trade twice; the
      // same id with other terms is a different order that cannot have it.
      const differs = termsDiffer(existing, order);
      if (differs) return err('INVALID_INPUT', `clientOrderId ${order.clientOrderId} is already used by an order with other terms (${differs} differs)`);
      this.log.info({ clientOrderId: order.clientOrderId, source }, 'duplicate submit; returning the existing order');
      return ok(existing);
    }
    const refused = this.refusal(req, order);
    if (refused) return this.rejectAtSubmit(order, refused.code, refused.message);
    return this.place(order, true);
  }

  /**
   * One order sent as several venue orders (an order above the exchange's freeze quantity): child i
   * is `<base>.<i>` for `slices[i-1]` lots, same terms, all under groupId `<base>` with no role, so
   * the blotter shows them together and no contingent rule applies (ContingentOrders acts on roles
   * only). All or none: each child is checked by risk and staged unsent (`initialized`, so the next
   * child's check counts it as working); only when every child has passed are they all released. A
   * refusal cancels the staged ones locally (they never left) and records the refused one as rejected.
   * Idempotent: a retry with the same base id returns the children already recorded.
   */
  submitSliced(req: OrderRequest, slices: readonly number[], source: Source): Result<Order[]> {
    if (slices.length === 0 || slices.reduce((a, b) => a + b, 0) !== req.qty) return err('INVALID_INPUT', 'the slices must add up to the order quantity');
    const base = req.clientOrderId ?? this.freshId();
    const children: Order[] = [];
    for (let i = 0; i < slices.length; i++) {
      const built = this.build({ ...req, qty: slices[i]!, clientOrderId: sliceId(base, i + 1) }, source);
      if (!built.ok) return built;
      children.push({ ...built.value, groupId: base });
    }
    const existing = children.map((c) => this.get(c.clientOrderId));
    if (existing.some((o) => o !== undefined)) {
      for (let i = 0; i < children.length; i++) {
        const had = existing[i];
        const differs = had && termsDiffer(had, children[i]!);
        if (differs) return err('INVALID_INPUT', `clientOrderId ${had.clientOrderId} is already used by an order with other terms (${differs} differs)`);
      }
      this.log.info({ base, source }, 'duplicate sliced submit; returning the existing slices');
      return ok(existing.filter((o): o is Order => o !== undefined));
    }
    const staged: Order[] = [];
    for (let i = 0; i < children.length; i++) {
      const child = children[i]!;
      const refused = this.refusal({ ...req, qty: child.qty, clientOrderId: child.clientOrderId }, child, false, i > 0);
      if (refused) {
        const why = `slice ${i + 1} of ${children.length} refused: ${refused.message}`;
        const now = this.clock.now();
        for (const o of staged) {
          const dropped: Order = { ...o, status: 'canceled', cancelReason: `never sent: ${why}`, updatedAt: now };
          this.record({ kind: 'orderState', at: now, order: dropped, source: 'risk', detail: `never sent: ${why}` });
        }
        this.rejectAtSubmit(child, refused.code, why);
        return err(refused.code, why);
      }
      const placed = this.place(child, false);
      if (!placed.ok) return placed;
      staged.push(placed.value);
    }
    for (const o of staged) this.record({ kind: 'orderArmed', at: this.clock.now(), clientOrderId: o.clientOrderId, qty: o.qty, source });
    return ok(staged.map((o) => this.ledger.get(o.clientOrderId)!));
  }

  /** Entry now; take-profit and stop-loss (reduce-only, opposite side) armed when it fills, OCO between them. */
  submitBracket(req: BracketRequest, source: Source): Result<{ entry: Order; takeProfit: Order; stopLoss: Order }> {
    const entry = this.build(req.entry, source);
    if (!entry.ok) return entry;
    const e = entry.value;
    const exit = { venue: e.venue, symbol: e.symbol, side: e.side === 'buy' ? 'sell' : 'buy', qty: e.qty, reduceOnly: true } as const;
    const tif = e.tif === 'DAY' ? 'DAY' : 'GTC';
    const tp = this.build({ ...exit, type: 'limit', tif, price: req.takeProfit.price }, source);
    if (!tp.ok) return err(tp.error.code, `take-profit: ${tp.error.message}`);
    const slType = req.stopLoss.price === undefined ? 'stop_market' : 'stop_limit';
    const slReq: OrderRequest = { ...exit, type: slType, tif: slType === 'stop_market' ? 'GTC' : tif, stopPrice: req.stopLoss.stopPrice };
    if (req.stopLoss.price !== undefined) slReq.price = req.stopLoss.price;
    const sl = this.build(slReq, source);
    if (!sl.ok) return err(sl.error.code, `stop-loss: ${sl.error.message}`);
    const sideProblem = bracketSideProblem(e, tp.value, sl.value);
    if (sideProblem) return err('INVALID_INPUT', sideProblem);

    const group = { groupId: e.clientOrderId };
    const entryOrder: Order = { ...e, ...group, role: 'entry' };
    const refused = this.refusal(req.entry, entryOrder);
    if (refused) {
      // The children die with a refused entry: only the entry is recorded, as rejected.
      const rejected = this.rejectAtSubmit(entryOrder, refused.code, refused.message);
      if (!rejected.ok) return rejected;
    }
    const placed = this.place(entryOrder, true);
    if (!placed.ok) return placed;
    const child = (o: Order, role: 'take_profit' | 'stop_loss'): Order => ({ ...o, ...group, role, parentId: e.clientOrderId, status: 'initialized' });
    const takeProfit = this.place(child(tp.value, 'take_profit'), false);
    const stopLoss = this.place(child(sl.value, 'stop_loss'), false);
    if (!takeProfit.ok) return takeProfit;
    if (!stopLoss.ok) return stopLoss;
    return ok({ entry: placed.value, takeProfit: takeProfit.value, stopLoss: stopLoss.value });
  }

  /** Both legs live at once; the first fill on either cancels the other. */
  submitOco(req: OcoRequest, source: Source): Result<{ legs: Order[] }> {
    const a = this.build(req.legs[0], source);
    if (!a.ok) return a;
    const b = this.build(req.legs[1], source);
    if (!b.ok) return b;
    if (a.value.venue !== b.value.venue || a.value.symbol !== b.value.symbol || a.value.side !== b.value.side || a.value.qty !== b.value.qty) {
      return err('INVALID_INPUT', 'both OCO legs must be on the same instrument, side and quantity');
    }
    const group = { groupId: a.value.clientOrderId, role: 'oco_leg' as const };
    const legs: Order[] = [];
    for (const [leg, r] of [[a.value, req.legs[0]], [b.value, req.legs[1]]] as const) {
      const refused = this.refusal(r, leg);
      if (refused) {
        for (const placed of legs) this.cancel(placed.clientOrderId, 'contingent');
        this.rejectAtSubmit({ ...leg, ...group }, refused.code, refused.message);
        return err(refused.code, refused.message);
      }
      const placed = this.place({ ...leg, ...group }, true);
      if (!placed.ok) return placed;
      legs.push(placed.value);
    }
    return ok({ legs });
  }

  /**
   * A sliced order's children are staged unsent and released together in the same turn; a crash between
   * the two can leave some staged. Such a child never left (it is `initialized`, and only its release
   * sends it), and its siblings may have gone: it is ended here, never sent late on its own.
   */
  private dropStrandedSlices(only?: VenueId): void {
    const now = this.clock.now();
    for (const o of this.ledger.workingOrders()) {
      if (o.status !== 'initialized' || o.groupId === undefined || o.role !== undefined || (only !== undefined && o.venue !== only)) continue;
      const why = 'never sent: the terminal stopped before every slice of its order was released';
      this.log.warn({ clientOrderId: o.clientOrderId, groupId: o.groupId }, 'stranded slice dropped');
      this.record({ kind: 'orderState', at: now, order: { ...o, status: 'canceled', cancelReason: why, updatedAt: now }, source: 'recovery', detail: why });
    }
  }

  amend(clientOrderId: string, change: OrderChange, source: Source): Result<Order> {
    const order = this.ledger.get(clientOrderId);
    if (!order) return err('UNKNOWN_ORDER', `no order ${clientOrderId}`);
    const problem = amendProblem(order, change);
    if (problem) return err(order.status === 'pending_update' || isTerminal(order.status) ? 'ILLEGAL_TRANSITION' : 'INVALID_INPUT', problem);
    if (!this.venues.has(order.venue)) return err('VENUE_UNAVAILABLE', `venue ${order.venue} is not connected to the OMS`);
    // The amended order must pass the same limits a new one would (size, collar, notional).
    const refused = this.refusal({ ...requestOf(order), ...change, clientOrderId: `${clientOrderId}~amend` }, order, true);
    if (refused) return err(refused.code, refused.message);
    this.log.info({ clientOrderId, change, source }, 'amend requested');
    this.record({ kind: 'amendRequested', at: this.clock.now(), clientOrderId, change, source });
    return ok(this.ledger.get(clientOrderId)!);
  }

  /** Cancels a working order; for a bracket entry, its children too (the whole bracket goes). */
  cancel(clientOrderId: string, source: Source): Result<Order> {
    const order = this.get(clientOrderId);
    if (!order) return err('UNKNOWN_ORDER', `no order ${clientOrderId}`);
    const cascade = order.role === 'entry' && source !== 'contingent' ? this.contingent.others(order).filter(isWorking) : [];
    if (!isWorking(order) && cascade.length === 0) {
      return err('ILLEGAL_TRANSITION', `order ${clientOrderId} is ${order.status}; only a working order can be canceled`);
    }
    if (!this.venues.has(order.venue)) return err('VENUE_UNAVAILABLE', `venue ${order.venue} is not connected to the OMS`);
    this.log.info({ clientOrderId, source, cascade: cascade.length }, 'cancel requested');
    for (const child of cascade) this.record({ kind: 'cancelRequested', at: this.clock.now(), venue: child.venue, clientOrderId: child.clientOrderId, source });
    if (isWorking(order)) this.record({ kind: 'cancelRequested', at: this.clock.now(), venue: order.venue, clientOrderId, source });
    return ok(this.get(clientOrderId)!);
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

  /**
   * Journals a move of the kill switch, so that an engaged switch survives the loss of SQLite (the
   * journal is the truth). The switch itself has already taken effect: this never holds it back.
   */
  recordKillSwitch(action: 'engage' | 'reset', source: Source, reason: string): void {
    if (this.recorder.failed) return this.log.error({ action, source }, 'journal failed: kill switch move not journaled');
    this.record({ kind: 'killSwitch', at: this.clock.now(), action, source, reason });
  }

  /** The kill switch as the journal last recorded it (after recover()). */
  journaledKillSwitch(): JournaledKillSwitch | undefined {
    return this.ledger.killSwitch();
  }

  /** A fresh clientOrderId, for orders planned before they are submitted (flatten). */
  newClientOrderId(): string {
    return this.freshId();
  }

  /** A generated clientOrderId no order holds, in the ledger or evicted from it (a run with the same prefix). */
  private freshId(): string {
    return this.ids.next((id) => this.get(id) !== undefined);
  }

  /** A venue's report about one of our orders: journaled, then applied. Other events are not ours. */
  onVenueEvent(e: VenueEvent): void {
    if (isOrderEvent(e)) this.recordVenueEvent(e, 'venue');
    else if (e.type === 'positionSettled') this.recordSettlement(e);
  }

  /**
   * The venue closed a position at a derivative's expiry. No order of ours did it, so the OMS books
   * it as one: an order of source 'settlement' (never sent: the venue already traded it) and the
   * venue's fill for it, two records journaled like any other, so a replay, SQLite, the portfolio and
   * the Fills grid all see the same trade. A settlement heard again (the venue repeating itself, a
   * restart) finds its order already booked and its fill already seen: nothing is booked twice.
   */
  private recordSettlement(e: Extract<VenueEvent, { type: 'positionSettled' }>): void {
    if (this.recorder.failed) {
      this.log.error({ venue: e.venue, symbol: e.symbol, fillId: e.fillId }, 'settlement not booked: the order journal failed');
      return;
    }
    const known = this.get(e.clientOrderId);
    if (known && known.venue !== e.venue) {
      this.log.error({ venue: e.venue, clientOrderId: e.clientOrderId }, 'settlement not booked: another venue has an order with its id');
      return;
    }
    if (!known) {
      const order: Order = {
        clientOrderId: e.clientOrderId,
        venueOrderId: e.venueOrderId,
        venue: e.venue,
        symbol: e.symbol,
        side: e.side,
        type: 'market',
        tif: 'IOC',
        postOnly: false,
        reduceOnly: true,
        qty: e.qty,
        filledQty: 0,
        filledValue: 0,
        fees: 0,
        status: 'accepted',
        version: 1,
        source: 'settlement',
        createdAt: e.ts,
        updatedAt: e.ts,
      };
      this.record({ kind: 'orderSubmitted', at: this.clock.now(), order, send: false });
      this.log.info({ venue: e.venue, symbol: e.symbol, side: e.side, qty: e.qty, price: e.price }, 'position settled by the venue at expiry');
    }
    const fill: VenueOrderEvent = { type: 'orderFilled', venue: e.venue, clientOrderId: e.clientOrderId, fillId: e.fillId, ts: e.ts, price: e.price, qty: e.qty, liquidity: 'taker', fee: 0 };
    this.recordVenueEvent(fill, 'venue');
  }

  /** The orders held in memory: every working order and the most recently finished. */
  orders(): Order[] {
    return [...this.ledger.all()];
  }

  /** Working orders; O(working), however many orders there have been. */
  openOrders(): Order[] {
    return this.ledger.workingOrders();
  }

  /**
   * Working orders, then the most recently changed finished ones (newest first), `limit` in all
   * (working ones always all). Finished orders that have left memory are read from SQLite.
   */
  recentOrders(limit: number): Order[] {
    const working = this.ledger.workingOrders();
    const want = Math.max(0, limit - working.length);
    let done = this.ledger.recentlyFinished();
    if (done.length < want) {
      this.projection.flush();
      done = [];
      for (const stored of this.store.loadRecentOrders(limit)) {
        const order = this.ledger.get(stored.clientOrderId) ?? stored;
        if (!isWorking(order)) done.push(order);
      }
    }
    done.sort((a, b) => b.updatedAt - a.updatedAt);
    return [...working, ...done.slice(0, want)];
  }

  /** Any order ever placed: from memory, or from SQLite once it has finished and left memory. */
  get(clientOrderId: string): Order | undefined {
    return this.ledger.get(clientOrderId) ?? this.evictedOrder(clientOrderId);
  }

  /** Stored fills in the order they happened; with `limit`, only the latest `limit`. */
  fills(limit?: number): Fill[] {
    this.projection.flush();
    return this.store.loadFills(limit);
  }

  history(clientOrderId: string): Result<{ order: Order; versions: OrderVersion[]; audit: AuditEntry[] }> {
    const order = this.get(clientOrderId);
    if (!order) return err('UNKNOWN_ORDER', `no order ${clientOrderId}`);
    this.projection.flush();
    return ok({ order, versions: this.store.loadVersions(clientOrderId), audit: this.store.queryAudit({ clientOrderId }) });
  }

  audit(query: AuditQuery): AuditEntry[] {
    this.projection.flush();
    return this.store.queryAudit(query);
  }

  /** Resolves once every record made so far has taken effect (durable, stored, published, sent). */
  settled(): Promise<void> {
    return this.recorder.settled();
  }

  /**
   * Writes a journal snapshot of the orders held in memory now (SQLite made durable first, so it is
   * never behind the snapshot after a power cut); false when it cannot (journal or SQLite failed).
   * Its cost is bounded by the hot set (working + recently finished orders), not by history.
   */
  checkpoint(): boolean {
    return this.recorder.checkpoint();
  }

  /** Stops listening to the venues (what a crash does); close() is the orderly stop. */
  dispose(): void {
    for (const off of this.detach.splice(0)) off();
    this.venueDetach.clear();
  }

  /** Detaches from the venues, lets everything in flight take effect, snapshots and closes the journal. */
  async close(): Promise<void> {
    this.dispose();
    await this.recorder.close();
  }

  private recordVenueEvent(e: VenueOrderEvent, source: Source): boolean {
    if (e.type === 'orderFilled' && !this.ledger.has(e.clientOrderId) && !takeBackForLateFill(e, this.lateFill)) return false;
    return this.record({ kind: 'venueEvent', at: this.clock.now(), event: e, source }).ignored === undefined;
  }

  /** An order that is no longer in the ledger: leaving it, waiting for SQLite, or in SQLite. */
  private evictedOrder(clientOrderId: string): Order | undefined {
    return this.recorder.leavingOrder(clientOrderId) ?? this.projection.pending(clientOrderId) ?? this.store.loadOrder(clientOrderId);
  }

  /** Journals a record, applies it now, and schedules its effects for when it is durable. */
  private record(record: EngineRecord): Applied {
    return this.recorder.record(record);
  }

  /** A bracket child's entry filled: the child goes out for that quantity, if risk lets it, like any new order. */
  private arm(clientOrderId: string, qty: number): void {
    const child = this.get(clientOrderId);
    if (!child) return;
    const armed: Order = { ...child, qty };
    const refused = this.refusal(requestOf(armed), armed);
    if (!refused) {
      this.record({ kind: 'orderArmed', at: this.clock.now(), clientOrderId, qty, source: 'contingent' });
      return;
    }
    this.log.warn({ clientOrderId, code: refused.code, reason: refused.message }, 'bracket child not armed: refused');
    const now = this.clock.now();
    const order: Order = { ...child, status: 'rejected', rejectReason: refused.message, updatedAt: now };
    this.record({ kind: 'orderState', at: now, order, source: 'risk', detail: `not armed: ${refused.message}` });
  }

  private send(command: VenueCommand): void {
    const { order } = command;
    const venue = this.venues.get(order.venue);
    try {
      if (!venue) throw new Error(`venue ${order.venue} is not connected to the OMS`);
      if (command.kind === 'submit') venue.submit(venueRequest(order));
      else if (command.kind === 'cancel') venue.cancel(order.symbol, order.clientOrderId);
      else venue.amend(order.symbol, order.clientOrderId, command.change);
    } catch (error) {
      // Adapters report through events; a throw is an adapter bug or a missing venue, contained to this order.
      const reason = `venue error: ${String(error)}`;
      this.log.error({ clientOrderId: order.clientOrderId, command: command.kind, error: String(error) }, 'venue call threw');
      const ts = this.clock.now();
      const event: VenueOrderEvent =
        command.kind === 'submit'
          ? { type: 'orderRejected', venue: order.venue, clientOrderId: order.clientOrderId, reason, ts }
          : command.kind === 'cancel'
            ? { type: 'cancelRejected', venue: order.venue, clientOrderId: order.clientOrderId, reason, ts }
            : { type: 'amendRejected', venue: order.venue, clientOrderId: order.clientOrderId, reason, ts };
      this.recordVenueEvent(event, 'system');
    }
  }

  /** A well-formed Order from a request, or why not. Nothing is recorded. */
  private build(req: OrderRequest, source: Source): Result<Order> {
    return orderFromRequest(req, source, this.clock, () => this.freshId());
  }

  /** Risk's verdict and the venue's presence; undefined = may go. */
  private refusal(req: OrderRequest, order: Order, amending = false, laterSlice = false): { code: Parameters<typeof err>[0]; message: string } | undefined {
    if (this.recorder.failed) return { code: 'JOURNAL_FAILED', message: 'the order journal failed; trading is stopped' };
    const venue = this.venues.get(order.venue);
    if (!venue) return { code: 'VENUE_UNAVAILABLE', message: `venue ${order.venue} is not connected to the OMS` };
    // A product or an after-market variety is an Indian broker's term: a venue without them would
    // silently trade something else than asked (intraday margin, a queued order), so it is refused.
    if (order.product !== undefined && !(venue.products ?? []).includes(order.product)) {
      return { code: 'INVALID_INPUT', message: `${order.venue} has no ${order.product} product${venue.products ? ` (it has ${venue.products.join(', ')})` : ''}` };
    }
    if (order.afterMarket === true && venue.afterMarketOrders !== true) {
      return { code: 'INVALID_INPUT', message: `${order.venue} takes no after-market orders` };
    }
    const checked = riskRequest(req, order.clientOrderId);
    const verdict = amending ? this.risk.checkAmend(order, checked) : this.risk.check(checked, laterSlice);
    return verdict.ok ? undefined : { code: verdict.error.code, message: verdict.error.message };
  }

  private place(order: Order, send: boolean): Result<Order> {
    if (this.recorder.failed) return err('JOURNAL_FAILED', 'the order journal failed; trading is stopped');
    this.record({ kind: 'orderSubmitted', at: this.clock.now(), order, send });
    this.log.info({ clientOrderId: order.clientOrderId, source: order.source, venue: order.venue, symbol: order.symbol, send }, 'order placed');
    return ok(this.ledger.get(order.clientOrderId)!);
  }

  private rejectAtSubmit(order: Order, code: Parameters<typeof err>[0], reason: string): Result<Order> {
    // Recorded too: the blotter shows what was refused and why.
    if (!this.recorder.failed) this.record({ kind: 'orderSubmitted', at: this.clock.now(), order: { ...order, status: 'rejected', rejectReason: reason }, send: false });
    this.log.info({ clientOrderId: order.clientOrderId, code, reason }, 'order rejected before sending');
    return err(code, reason);
  }
}

const ORDER_EVENTS = new Set<VenueEvent['type']>([
  'orderAccepted',
  'orderRejected',
  'orderFilled',
  'orderCanceled',
  'cancelRejected',
  'orderTriggered',
  'orderAmended',
  'amendRejected',
  'orderExpired',
  'orderUnknown',
]);

/** Child i (from 1) of a sliced order: `<base>.<i>`. */
export const sliceId = (base: string, i: number): string => `${base}.${i}`;

const isOrderEvent = (e: VenueEvent): e is VenueOrderEvent => ORDER_EVENTS.has(e.type);
