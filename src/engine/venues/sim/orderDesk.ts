import { hasLimitPrice, isStopType, type Liquidity, type Lots, type Side, type Symbol, type Ticks, type VenueId } from '../../core';
import type { Instrument } from '../../instruments';
import type { FeeSchedule, VenueAmend, VenueEvent, VenueFill, VenueOrderRequest, VenueOrderState } from '../types';
import { fillFee } from './fees';
import type { LedgerRecord } from './ledgerRecords';
import { POST_ONLY_WOULD_CROSS, type EngineFill, type MakerCap, type MatchingEngine } from './matchingEngine';
import { REDUCE_ONLY_REDUCED, REDUCE_ONLY_WOULD_INCREASE, reducibleQty, signedQty, STOP_ALREADY_REACHED, stopReached } from './orderRules';
import type { LegacyOrders } from './persistence';
import { CLOSED_MEMORY, type SimLedger } from './simLedger';
import { remainingQty, toVenueState, type SimOrder } from './simOrder';
import type { SlotMarket } from './slotMarket';
import { deadlineReason, endOfDayUtc, remainderReason, restsInBook } from './timeInForce';
import { validateAmend, validateOrder } from './validation';

/** Owner tag of the user's orders in the matching engines (synthetic flow uses SYNTHETIC_OWNER). */
export const USER_OWNER = 1;

/** What the engine has done in the current match that the ledger has not seen yet (see makerCap). */
interface MatchContext {
  /** Net position change of the user fills made so far in this match. */
  delta: Lots;
  /** The side of the user's order when it is the taker. */
  userTaker: Side | undefined;
  /** Reduce-only orders the engine took out of the book mid-match: their position was used up. */
  capped: SimOrder[];
}

/** One instrument of the venue: its book, its synthetic participants and the user's orders in it. */
export interface Slot {
  inst: Instrument;
  engine: MatchingEngine;
  market: SlotMarket;
  /** Set when the instrument no longer trades (an expired option): every order is refused with it. */
  closed?: string;
  /** Sequence of the last book event published. */
  seq: number;
  /** The user's orders resting in this engine, by engine order id. */
  users: Map<number, SimOrder>;
  match: MatchContext;
  /** A user fill changed the position since reduce-only orders were last checked against it. */
  positionMoved: boolean;
}

export function newSlot(inst: Instrument, engine: MatchingEngine, market: SlotMarket): Slot {
  return { inst, engine, market, seq: 0, users: new Map(), match: { delta: 0, userTaker: undefined, capped: [] }, positionMoved: false };
}

/** What the desk needs from the venue around it. */
export interface DeskContext {
  venue: VenueId;
  fees: FeeSchedule;
  slots: ReadonlyMap<Symbol, Slot>;
  ledger: SimLedger;
  /** Journals a change (durable by the end of the venue's action) and applies it to the ledger. */
  record(record: LedgerRecord): void;
  /** Queues an event; the venue delivers it once the action's records are durable. */
  emit(event: VenueEvent): void;
  /** The next public trade id. */
  nextTradeId(): string;
  /** First order and fill number when the ledger has none yet. */
  idBase: number;
}

/**
 * The exchange's order desk: what happens to the user's orders between the VenueAdapter calls and
 * the matching engines. Submissions are checked and accepted, meet the book (or wait, if stops),
 * fill, rest, are amended with real queue rules, expire by time in force, and trigger; every change
 * goes through ctx.record (the journal, then the ledger) before the events that report it.
 *
 * Callers check the connection, publish book deltas and commit; the desk never does.
 */
export class OrderDesk {
  /** Engine id of each user order resting in a book, by clientOrderId. */
  private readonly engineIds = new Map<string, number>();
  /**
   * Orders refused at submission, for queryOrder only (insertion-ordered, bounded). Not journaled:
   * a rejected order never existed at the venue, and a restart may forget it.
   */
  private readonly rejected = new Map<string, VenueOrderState>();

  constructor(private readonly ctx: DeskContext) {}

  // --- the user's requests --------------------------------------------------------------------

  submit(req: VenueOrderRequest, ts: number): void {
    const { ledger } = this.ctx;
    this.expireDue(ts);
    if (ledger.workingOrder(req.clientOrderId)) {
      // Reported, but not remembered: the id still names the working order.
      this.emit({ type: 'orderRejected', venue: this.ctx.venue, clientOrderId: req.clientOrderId, reason: 'duplicate clientOrderId: an order with this id is still working', ts });
      return;
    }
    const slot = this.ctx.slots.get(req.symbol);
    if (!slot) return this.refuse(req, `unknown symbol ${req.symbol}`, ts);
    if (slot.closed) return this.refuse(req, slot.closed, ts);
    const { engine } = slot;
    const invalid = validateOrder(slot.inst, req, req.side === 'buy' ? engine.bestAsk() : engine.bestBid(), ts);
    if (invalid) return this.refuse(req, invalid, ts);
    const stop = isStopType(req.type);
    if (stop && stopReached(req.side, req.stopPrice!, engine.bestBid(), engine.bestAsk())) return this.refuse(req, STOP_ALREADY_REACHED, ts);
    const reduceOnly = req.reduceOnly === true;
    if (reduceOnly && req.qty > reducibleQty(req.side, ledger.position(req.symbol))) return this.refuse(req, REDUCE_ONLY_WOULD_INCREASE, ts);
    if (!stop && req.postOnly && engine.wouldCross(req.side, req.price!)) return this.refuse(req, POST_ONLY_WOULD_CROSS, ts);

    const orderNo = ledger.lastOrderNo > 0 ? ledger.lastOrderNo + 1 : this.ctx.idBase + 1;
    const order: SimOrder = {
      clientOrderId: req.clientOrderId,
      venueOrderId: `${this.ctx.venue}-${orderNo}`,
      orderNo,
      symbol: req.symbol,
      side: req.side,
      type: req.type,
      tif: req.tif,
      postOnly: req.postOnly,
      reduceOnly,
      qty: req.qty,
      filledQty: 0,
      status: stop ? 'untriggered' : 'open',
      triggered: false,
      createdAt: ts,
      updatedAt: ts,
      queueNo: 0,
    };
    if (hasLimitPrice(req.type)) order.price = req.price!;
    if (stop) order.stopPrice = req.stopPrice!;
    if (req.tif === 'GTD') order.expireAt = req.expireAt!;
    if (req.tif === 'DAY') order.expireAt = endOfDayUtc(ts);
    this.rejected.delete(order.clientOrderId);
    this.ctx.record({ k: 'accepted', order });
    this.emit({ type: 'orderAccepted', venue: this.ctx.venue, clientOrderId: order.clientOrderId, venueOrderId: order.venueOrderId, ts });
    // Stops wait at the venue, outside the book, until the book reaches them.
    if (!stop) this.enterBook(slot, ledger.workingOrder(order.clientOrderId)!, ts);
    this.settle(slot, ts);
  }

  cancel(symbol: Symbol, clientOrderId: string, ts: number): void {
    this.expireDue(ts);
    const order = this.ctx.ledger.workingOrder(clientOrderId);
    if (!order || order.symbol !== symbol) return this.refuseCancel(clientOrderId, this.unknownOrClosed(clientOrderId), ts);
    this.end(order, 'canceled', undefined, ts);
    this.settle(this.ctx.slots.get(symbol)!, ts); // the book moved: a stop may now be reached
  }

  /**
   * Queue rules as on a real exchange: a size decrease is made in place and keeps the order's time
   * priority; a price change or a size increase sends it to the back of the queue at its (new)
   * price, trading first as a taker if that price crosses. An untriggered stop just takes its new terms.
   */
  amend(symbol: Symbol, clientOrderId: string, change: VenueAmend, ts: number): void {
    const { ledger } = this.ctx;
    const refuse = (reason: string): void => this.refuseAmend(clientOrderId, reason, ts);
    this.expireDue(ts);
    const order = ledger.workingOrder(clientOrderId);
    if (!order || order.symbol !== symbol) return refuse(this.unknownOrClosed(clientOrderId));
    const slot = this.ctx.slots.get(symbol)!;
    if (slot.closed) return refuse(slot.closed);
    const { engine } = slot;
    const check = validateAmend(slot.inst, order, change, order.side === 'buy' ? engine.bestAsk() : engine.bestBid(), ts);
    if (!check.ok) return refuse(check.reason);
    const { price, stopPrice, qty } = check;
    const remaining = qty - order.filledQty;
    if (order.reduceOnly && remaining > reducibleQty(order.side, ledger.position(symbol))) return refuse(REDUCE_ONLY_WOULD_INCREASE);
    const amended = (requeued: boolean): void => {
      const record: LedgerRecord = { k: 'amended', id: clientOrderId, ts, qty, requeued };
      if (price !== undefined) record.price = price;
      if (stopPrice !== undefined) record.stopPrice = stopPrice;
      this.ctx.record(record);
      this.emit({ type: 'orderAmended', venue: this.ctx.venue, clientOrderId, ts, ...(price === undefined ? {} : { price }), ...(stopPrice === undefined ? {} : { stopPrice }), qty });
    };

    if (order.status === 'untriggered') {
      if (stopReached(order.side, stopPrice!, engine.bestBid(), engine.bestAsk())) return refuse(STOP_ALREADY_REACHED);
      amended(false);
      return;
    }
    const engineId = this.engineIds.get(clientOrderId);
    if (engineId === undefined || price === undefined) return refuse('the order is not resting in the book');
    if (price === order.price && qty <= order.qty) {
      if (remaining < remainingQty(order)) engine.reduce(engineId, remaining);
      amended(false);
    } else {
      if (order.postOnly && engine.wouldCross(order.side, price)) return refuse(POST_ONLY_WOULD_CROSS);
      amended(true);
      this.beginMatch(slot, order.side);
      const result = engine.replace(engineId, price, remaining);
      if (!result.ok) {
        // Not reachable after validation; if it were, the order left the book with nothing traded.
        this.end(order, 'canceled', `amend failed: ${result.reason}`, ts);
      } else {
        slot.market.noteFills(result.fills);
        this.publishFills(slot, result.fills, ts, order);
      }
      this.finishMatch(slot, ts);
    }
    this.settle(slot, ts);
  }

  /** Reports a refused submission and remembers it for queryOrder. */
  refuse(req: VenueOrderRequest, reason: string, ts: number): void {
    this.emit({ type: 'orderRejected', venue: this.ctx.venue, clientOrderId: req.clientOrderId, reason, ts });
    const state: VenueOrderState = {
      clientOrderId: req.clientOrderId,
      venueOrderId: '',
      symbol: req.symbol,
      side: req.side,
      type: req.type,
      tif: req.tif,
      qty: req.qty,
      filledQty: 0,
      status: 'rejected',
      triggered: false,
      reason,
      updatedAt: ts,
    };
    if (req.price !== undefined) state.price = req.price;
    if (req.stopPrice !== undefined) state.stopPrice = req.stopPrice;
    this.rejected.delete(req.clientOrderId);
    this.rejected.set(req.clientOrderId, state);
    if (this.rejected.size > CLOSED_MEMORY) this.rejected.delete(this.rejected.keys().next().value!);
  }

  refuseCancel(clientOrderId: string, reason: string, ts: number): void {
    this.emit({ type: 'cancelRejected', venue: this.ctx.venue, clientOrderId, reason, ts });
  }

  refuseAmend(clientOrderId: string, reason: string, ts: number): void {
    this.emit({ type: 'amendRejected', venue: this.ctx.venue, clientOrderId, reason, ts });
  }

  /** Any order the venue knows by this id: working, rejected or closed, newest first. */
  query(symbol: Symbol, clientOrderId: string): VenueOrderState | undefined {
    const working = this.ctx.ledger.workingOrder(clientOrderId);
    const closed = this.ctx.ledger.closedOrder(clientOrderId);
    // A rejection is always newer than a closed order of the same id (acceptance forgets it).
    const found = working ? toVenueState(working) : (this.rejected.get(clientOrderId) ?? (closed ? toVenueState(closed) : undefined));
    return found?.symbol === symbol ? { ...found } : undefined;
  }

  private unknownOrClosed(clientOrderId: string): string {
    return this.ctx.ledger.closedOrder(clientOrderId) ? 'already closed' : 'unknown order';
  }

  // --- the market's turn ----------------------------------------------------------------------

  /** One step of an instrument's synthetic market, with what it does to the user's orders. */
  marketStep(slot: Slot, ts: number): void {
    this.beginMatch(slot);
    const fills = slot.market.step(ts);
    // A quiet step (most steps of an option book) moved nothing: no fill to report, no stop to reach.
    if (fills.length === 0 && !slot.engine.hasChanges && !slot.positionMoved) return;
    this.publishFills(slot, fills, ts);
    this.finishMatch(slot, ts);
    this.settle(slot, ts);
  }

  /**
   * Public trades for the fills, plus the user's own fills (as taker for `taker`, as maker when
   * hit). Like an exchange's aggregated trade stream, consecutive fills of one taker order at one
   * price print as one trade, so a sweep shows one line per level on the tape.
   */
  publishFills(slot: Slot, fills: readonly EngineFill[], ts: number, taker?: SimOrder): void {
    for (let i = 0; i < fills.length; ) {
      const first = fills[i]!;
      let qty = 0;
      for (; i < fills.length && fills[i]!.takerId === first.takerId && fills[i]!.price === first.price; i++) {
        const f = fills[i]!;
        qty += f.qty;
        if (taker && f.takerOwner === USER_OWNER) this.userFill(slot, taker, f.price, f.qty, 'taker', ts);
        if (f.makerOwner === USER_OWNER) {
          const maker = slot.users.get(f.makerId);
          if (maker) this.userFill(slot, maker, f.price, f.qty, 'maker', ts);
        }
      }
      this.emit({
        type: 'trade',
        venue: this.ctx.venue,
        symbol: slot.inst.symbol,
        ts,
        price: first.price,
        qty,
        aggressor: first.takerSide,
        tradeId: this.ctx.nextTradeId(),
      });
    }
  }

  // --- orders meeting the book ----------------------------------------------------------------

  /**
   * A live order (new, or a stop that just triggered) meets the book exactly as a fresh order
   * would: it trades, then its remainder rests or ends as its type and time in force say.
   */
  private enterBook(slot: Slot, order: SimOrder, ts: number): void {
    const market = order.type === 'market' || order.type === 'stop_market';
    this.beginMatch(slot, order.side);
    const result = slot.engine.submit({
      owner: USER_OWNER,
      side: order.side,
      type: market ? 'market' : 'limit',
      tif: order.tif,
      postOnly: order.postOnly,
      ...(market ? {} : { price: order.price! }),
      qty: remainingQty(order),
    });
    if (!result.ok) {
      this.finishMatch(slot, ts);
      // Only a triggered post-only stop-limit that would cross gets here: new orders were checked.
      this.end(order, 'canceled', result.reason, ts);
      return;
    }
    slot.market.noteFills(result.fills);
    if (result.resting > 0) this.track(slot, order, result.id);
    this.publishFills(slot, result.fills, ts, order);
    this.finishMatch(slot, ts);
    if (result.canceled > 0 && this.isWorking(order)) this.end(order, 'expired', remainderReason(order.type, order.tif), ts);
  }

  /**
   * Consequences of a book or position change on one instrument, until nothing more follows:
   * reduce-only orders the position no longer covers are canceled, and reached stops trigger (each
   * trigger can move the book and the position again).
   */
  settle(slot: Slot, ts: number): void {
    for (;;) {
      if (slot.positionMoved) this.cancelUncoveredReduceOnly(slot, ts);
      const stop = this.reachedStop(slot);
      if (!stop) return;
      this.trigger(slot, stop, ts);
    }
  }

  /** The oldest untriggered stop whose trigger condition holds, if any. */
  private reachedStop(slot: Slot): SimOrder | undefined {
    const bid = slot.engine.bestBid();
    const ask = slot.engine.bestAsk();
    // Working orders iterate oldest first, so the first reached stop is the one to fire.
    for (const o of this.ctx.ledger.workingOn(slot.inst.symbol)) {
      if (o.status === 'untriggered' && stopReached(o.side, o.stopPrice!, bid, ask)) return o;
    }
    return undefined;
  }

  private trigger(slot: Slot, order: SimOrder, ts: number): void {
    this.ctx.record({ k: 'triggered', id: order.clientOrderId, ts });
    this.emit({ type: 'orderTriggered', venue: this.ctx.venue, clientOrderId: order.clientOrderId, ts });
    if (order.reduceOnly && remainingQty(order) > reducibleQty(order.side, this.ctx.ledger.position(order.symbol))) {
      this.end(order, 'canceled', REDUCE_ONLY_WOULD_INCREASE, ts);
      return;
    }
    this.enterBook(slot, order, ts);
  }

  /**
   * Resting reduce-only orders must never open or flip a position: after a fill, those whose
   * remainder is now more than the position left to reduce are canceled. (Untriggered stops are
   * checked when they trigger.)
   */
  private cancelUncoveredReduceOnly(slot: Slot, ts: number): void {
    slot.positionMoved = false;
    const position = this.ctx.ledger.position(slot.inst.symbol);
    const uncovered: SimOrder[] = [];
    for (const o of this.ctx.ledger.workingOn(slot.inst.symbol)) {
      if (o.reduceOnly && o.status === 'open' && remainingQty(o) > reducibleQty(o.side, position)) uncovered.push(o);
    }
    for (const o of uncovered) this.end(o, 'canceled', REDUCE_ONLY_REDUCED, ts);
  }

  private beginMatch(slot: Slot, userTaker?: Side): void {
    slot.match.delta = 0;
    slot.match.userTaker = userTaker;
    slot.match.capped.length = 0;
  }

  /** Ends the reduce-only orders the engine took out mid-match (after their fills were recorded). */
  private finishMatch(slot: Slot, ts: number): void {
    const capped = slot.match.capped.splice(0);
    this.beginMatch(slot);
    for (const o of capped) if (this.isWorking(o)) this.end(o, 'canceled', REDUCE_ONLY_REDUCED, ts);
  }

  /**
   * The engine's maker cap for one instrument. It keeps a resting reduce-only order from trading
   * past the position within one match: a sweep can hit several of the user's orders before the
   * ledger sees any of the fills, so the engine asks before each one, and this answer counts the
   * fills made so far in the match.
   */
  makerCap(slot: Slot): MakerCap {
    return (makerId, makerOwner, wanted) => {
      const m = slot.match;
      let allowed = wanted;
      const maker = makerOwner === USER_OWNER ? slot.users.get(makerId) : undefined;
      if (maker) {
        if (maker.reduceOnly) {
          allowed = Math.min(wanted, reducibleQty(maker.side, this.ctx.ledger.position(maker.symbol) + m.delta));
          if (allowed < wanted) m.capped.push(maker);
        }
        m.delta += signedQty(maker.side, allowed);
      }
      if (m.userTaker !== undefined) m.delta += signedQty(m.userTaker, allowed);
      return allowed;
    };
  }

  // --- expiry of a derivative ---------------------------------------------------------------

  /**
   * The instrument stops trading for good (an option at expiry): from now every order on it is
   * refused with `reason`, its working orders are canceled with it, and a position is closed in cash
   * at `settlePrice` (intrinsic value, in ticks; 0 when it expires worthless) by a settlement fill
   * journaled like any other and reported as `positionSettled`, so the position, the fills and the
   * P&L all agree. No fee is charged.
   */
  closeInstrument(slot: Slot, reason: string, settlePrice: Ticks, ts: number): void {
    slot.closed = reason;
    for (const o of [...this.ctx.ledger.workingOn(slot.inst.symbol)]) if (this.isWorking(o)) this.end(o, 'canceled', reason, ts);
    const position = this.ctx.ledger.position(slot.inst.symbol);
    if (position === 0) return;
    const { ledger } = this.ctx;
    const orderNo = ledger.lastOrderNo > 0 ? ledger.lastOrderNo + 1 : this.ctx.idBase + 1;
    const order: SimOrder = {
      clientOrderId: `SETTLE-${slot.inst.symbol}`,
      venueOrderId: `${this.ctx.venue}-${orderNo}`,
      orderNo,
      symbol: slot.inst.symbol,
      side: position > 0 ? 'sell' : 'buy',
      type: 'market',
      tif: 'IOC',
      postOnly: false,
      reduceOnly: true,
      qty: Math.abs(position),
      filledQty: 0,
      status: 'open',
      triggered: false,
      createdAt: ts,
      updatedAt: ts,
      queueNo: 0,
    };
    this.ctx.record({ k: 'accepted', order });
    const no = ledger.lastFillNo > 0 ? ledger.lastFillNo + 1 : this.ctx.idBase + 1;
    const fill: VenueFill = {
      fillId: `${this.ctx.venue}-F${no}`,
      clientOrderId: order.clientOrderId,
      symbol: order.symbol,
      side: order.side,
      price: settlePrice,
      qty: order.qty,
      liquidity: 'taker',
      fee: 0,
      ts,
    };
    this.ctx.record({ k: 'fill', no, fill });
    // Not an `orderFilled`: no order of the trader's did this, and the terminal books it from what this event carries.
    this.emit({
      type: 'positionSettled',
      venue: this.ctx.venue,
      symbol: order.symbol,
      clientOrderId: order.clientOrderId,
      venueOrderId: order.venueOrderId!,
      fillId: fill.fillId,
      side: order.side,
      qty: order.qty,
      price: settlePrice,
      ts,
    });
  }

  // --- time in force --------------------------------------------------------------------------

  /** Ends every GTD/DAY order whose time has come, and settles the books that moved. */
  expireDue(ts: number): void {
    const due = this.ctx.ledger.workingOrders().filter((o) => o.expireAt !== undefined && o.expireAt <= ts);
    if (due.length === 0) return;
    due.sort((a, b) => a.expireAt! - b.expireAt! || a.orderNo - b.orderNo);
    const moved = new Set<Slot>();
    for (const o of due) {
      if (!this.isWorking(o)) continue;
      this.end(o, 'expired', deadlineReason(o.tif), ts);
      const slot = this.ctx.slots.get(o.symbol);
      if (slot) moved.add(slot);
    }
    for (const slot of moved) this.settle(slot, ts);
  }

  /** The earliest GTD/DAY deadline among working orders, if any. */
  nextDeadline(): number | undefined {
    let next: number | undefined;
    for (const o of this.ctx.ledger.workingOrders()) if (o.expireAt !== undefined && (next === undefined || o.expireAt < next)) next = o.expireAt;
    return next;
  }

  // --- bookkeeping ----------------------------------------------------------------------------

  private userFill(slot: Slot, order: SimOrder, price: Ticks, qty: Lots, liquidity: Liquidity, ts: number): void {
    const { ledger } = this.ctx;
    const no = ledger.lastFillNo > 0 ? ledger.lastFillNo + 1 : this.ctx.idBase + 1;
    const fill: VenueFill = {
      fillId: `${this.ctx.venue}-F${no}`,
      clientOrderId: order.clientOrderId,
      symbol: order.symbol,
      side: order.side,
      price,
      qty,
      liquidity,
      fee: fillFee(slot.inst, this.ctx.fees, price, qty, liquidity),
      ts,
    };
    this.ctx.record({ k: 'fill', no, fill });
    this.emit({ type: 'orderFilled', venue: this.ctx.venue, clientOrderId: order.clientOrderId, fillId: fill.fillId, ts, price, qty, liquidity, fee: fill.fee });
    slot.positionMoved = true;
    if (!this.isWorking(order)) this.release(order);
  }

  /** Cancels or expires a working order: journaled, out of the book, reported. */
  private end(order: SimOrder, status: 'canceled' | 'expired', reason: string | undefined, ts: number): void {
    const { venue } = this.ctx;
    this.ctx.record({ k: 'ended', id: order.clientOrderId, ts, status, ...(reason === undefined ? {} : { reason }) });
    this.release(order);
    if (status === 'expired') this.emit({ type: 'orderExpired', venue, clientOrderId: order.clientOrderId, ts, reason: reason ?? '' });
    else this.emit({ type: 'orderCanceled', venue, clientOrderId: order.clientOrderId, ts, ...(reason === undefined ? {} : { reason }) });
  }

  private isWorking(order: SimOrder): boolean {
    return this.ctx.ledger.workingOrder(order.clientOrderId) === order;
  }

  private track(slot: Slot, order: SimOrder, engineId: number): void {
    slot.users.set(engineId, order);
    this.engineIds.set(order.clientOrderId, engineId);
  }

  /** Takes a closed order out of its book (a no-op if the engine already removed it). */
  private release(order: SimOrder): void {
    const engineId = this.engineIds.get(order.clientOrderId);
    const slot = this.ctx.slots.get(order.symbol);
    if (engineId === undefined || !slot || slot.users.get(engineId) !== order) return;
    slot.engine.cancel(engineId);
    slot.users.delete(engineId);
    this.engineIds.delete(order.clientOrderId);
  }

  private emit(event: VenueEvent): void {
    this.ctx.emit(event);
  }

  // --- restart --------------------------------------------------------------------------------

  /**
   * Puts the journaled working orders back in the book, in their old queue order. The fresh
   * synthetic book was seeded around the saved fair value without knowing them, so synthetic quotes
   * an order would cross are withdrawn first: the order rests again as the maker it was, rather
   * than trading on its way in. Orders whose time ran out while the venue was down expire first.
   */
  restore(now: number): void {
    this.expireDue(now);
    const open = this.ctx.ledger.workingOrders().filter((o) => o.status === 'open');
    open.sort((a, b) => a.queueNo - b.queueNo);
    for (const order of open) {
      const slot = this.ctx.slots.get(order.symbol);
      if (!slot) {
        this.end(order, 'canceled', `not restored: unknown symbol ${order.symbol}`, now);
        continue;
      }
      if (!restsInBook(order.type, order.tif) || order.price === undefined) {
        // Journaled mid-match (the process died between its records): end it as its time in force would have.
        this.end(order, 'expired', remainderReason(order.type, order.tif), now);
        continue;
      }
      slot.market.withdrawCrossing(order.side, order.price);
      const r = slot.engine.submit({ owner: USER_OWNER, side: order.side, type: 'limit', tif: 'GTC', postOnly: true, price: order.price, qty: remainingQty(order) });
      // Only fails if two saved user orders cross each other, which a live book never allows.
      if (r.ok) this.track(slot, order, r.id);
      else this.end(order, 'canceled', `not restored: ${r.reason}`, now);
    }
  }

  /** Carries the working orders of a version-1 sim-venue.json into the journal, once. */
  importLegacy(legacy: LegacyOrders): void {
    if (!this.ctx.ledger.isEmpty) return;
    const orders: SimOrder[] = legacy.orders
      .filter((o) => this.ctx.slots.has(o.symbol) && o.filledQty < o.qty)
      .map((o, i) => ({
        ...o,
        orderNo: Number(/(\d+)$/.exec(o.venueOrderId)?.[1] ?? 0),
        type: 'limit',
        tif: 'GTC',
        postOnly: false,
        reduceOnly: false,
        status: 'open',
        triggered: false,
        updatedAt: o.createdAt,
        queueNo: i,
      }));
    this.ctx.record({ k: 'imported', orders, nextOrderNo: legacy.nextOrderNo, nextFillNo: legacy.nextFillNo });
  }
}
