import type { Source } from '../core';
import type { DecimalText } from '../instruments';
import type { EngineRecord, VenueOrderEvent } from '../storage';
import { checkTransition, IllegalTransitionError, isTerminal, restingStatus } from './stateMachine';
import {
  auditState,
  isWorking,
  type AuditAction,
  type AuditEntry,
  type Fill,
  type Order,
  type OrderChange,
  type OrderStatus,
  type OrderVersion,
} from './types';

/** What the OMS must tell a venue once the record that decided it is durable. */
export type VenueCommand =
  | { kind: 'submit'; order: Order }
  | { kind: 'cancel'; order: Order }
  | { kind: 'amend'; order: Order; change: OrderChange };

/** Everything one record did: what changed, what to store and show, what to send. */
export interface Applied {
  orders: Order[];
  fills: Fill[];
  versions: OrderVersion[];
  audit: AuditEntry[];
  sends: VenueCommand[];
  cancelRejected?: { order: Order; reason: string };
  /** The record changed nothing, and why (a duplicate, a late report, an illegal move). */
  ignored?: { reason: string; level: 'debug' | 'info' | 'warn' | 'error'; error?: IllegalTransitionError };
  /** Applied, but worth a log line (a fill after the order ended, an overfill). */
  notice?: { reason: string; level: 'warn' | 'error' };
  /** Finished orders this record pushed out of memory, as they were (SQLite may not have their last change yet). */
  evicted?: Order[];
}

/** Prices and sizes as a trader reads them, for audit details; undefined falls back to raw integers. */
export type DetailFormat = (venue: string, symbol: string) => DecimalText | undefined;

/** How many fill ids are remembered to recognise a venue resending a fill. */
const SEEN_FILLS = 100_000;

/** The kill switch as the journal last recorded it. */
export interface JournaledKillSwitch {
  engaged: boolean;
  at: number;
  source: Source;
  reason: string;
}
/** Finished orders kept in memory by default (late reports, the blotter); older ones are in the journal and SQLite. */
export const DEFAULT_KEEP_FINISHED = 2_000;

interface LedgerSnapshot {
  v: 1 | 2;
  /** Every order held: the working ones and the most recently finished. */
  orders: Order[];
  killSwitch?: JournaledKillSwitch;
  /** v2: the finished orders held, in the order they finished (the next to leave first). */
  finished?: string[];
  amendSources: [string, Source][];
  seenFills: string[];
}

export interface LedgerOptions {
  /** Finished orders kept in memory, the most recently finished; default DEFAULT_KEEP_FINISHED (at least 1). */
  keepFinished?: number;
}

type EventOf<T extends VenueOrderEvent['type']> = Extract<VenueOrderEvent, { type: T }>;

/**
 * The OMS's state as a pure function of its journal: `apply(record, seq)` is the only way an order
 * changes, the same code runs live and at replay, and nothing here does I/O. The caller journals a
 * record, applies it at once (so the next decision sees it) and acts on what it returns (store,
 * publish, send) once the record is durable.
 *
 * Memory holds the hot set: every working order and the `keepFinished` most recently finished ones.
 * An order that finishes past that pushes out the one that finished longest ago (it stays in the
 * journal and SQLite). Which one leaves depends only on the records, so a replay holds the same set.
 */
export class OrderLedger {
  /** The hot set: working orders and the most recently finished. */
  private readonly byId = new Map<string, Order>();
  /** Ids of the working orders: what cancel-all and reconcile walk, O(working). */
  private readonly working = new Set<string>();
  /** Ids of the finished orders held, in the order they finished. */
  private readonly finished = new Set<string>();
  private readonly keepFinished: number;
  /** Who asked for the amend in flight, for the version it creates. */
  private readonly amendSources = new Map<string, Source>();
  private readonly seenFills = new Set<string>();
  private kill: JournaledKillSwitch | undefined;

  constructor(
    private readonly format: DetailFormat = () => undefined,
    options: LedgerOptions = {},
  ) {
    this.keepFinished = Math.max(1, options.keepFinished ?? DEFAULT_KEEP_FINISHED);
  }

  get(clientOrderId: string): Order | undefined {
    return this.byId.get(clientOrderId);
  }

  has(clientOrderId: string): boolean {
    return this.byId.has(clientOrderId);
  }

  /** Every order held in memory (working and recently finished). */
  all(): IterableIterator<Order> {
    return this.byId.values();
  }

  /** The working orders, in the order they started working. */
  workingOrders(): Order[] {
    const out: Order[] = [];
    for (const id of this.working) out.push(this.byId.get(id)!);
    return out;
  }

  /** The finished orders held in memory, the most recently finished first. */
  recentlyFinished(): Order[] {
    const out: Order[] = [];
    for (const id of this.finished) out.push(this.byId.get(id)!);
    return out.reverse();
  }

  get size(): number {
    return this.byId.size;
  }

  apply(record: EngineRecord, seq: number): Applied {
    const out = new Outcome(seq, record.at);
    switch (record.kind) {
      case 'orderSubmitted':
        this.submitted(record.order, record.send, out);
        break;
      case 'orderArmed':
        this.armed(record.clientOrderId, record.qty, record.source, out);
        break;
      case 'orderState':
        this.replaced(record.order, record.source, record.detail, out);
        break;
      case 'cancelRequested':
        this.cancelRequested(record.clientOrderId, record.source, out);
        break;
      case 'amendRequested':
        this.amendRequested(record.clientOrderId, record.change, record.source, out);
        break;
      case 'killSwitch':
        this.kill = { engaged: record.action === 'engage', at: record.at, source: record.source, reason: record.reason };
        break;
      case 'venueEvent':
        this.venueEvent(record.event, record.source, out);
        break;
    }
    return out.result;
  }

  /** The kill switch's last journaled move, if any. */
  killSwitch(): JournaledKillSwitch | undefined {
    return this.kill && { ...this.kill };
  }

  /** The whole state, for a journal snapshot. */
  snapshot(): Uint8Array {
    const state: LedgerSnapshot = {
      v: 2,
      orders: [...this.byId.values()],
      finished: [...this.finished],
      amendSources: [...this.amendSources],
      seenFills: [...this.seenFills],
    };
    if (this.kill) state.killSwitch = this.kill;
    return Buffer.from(JSON.stringify(state));
  }

  restore(bytes: Uint8Array): void {
    const state = JSON.parse(Buffer.from(bytes).toString('utf8')) as LedgerSnapshot;
    if (state.v !== 1 && state.v !== 2) throw new Error(`order snapshot version ${String(state.v)} is not supported`);
    for (const o of state.orders) {
      this.byId.set(o.clientOrderId, o);
      if (isWorking(o)) this.working.add(o.clientOrderId);
    }
    // v1 held every order ever, in the order they were created: the newest finished stay.
    const finished = state.finished ?? state.orders.filter((o) => !isWorking(o)).map((o) => o.clientOrderId);
    for (const id of finished) this.finished.add(id);
    this.evict();
    for (const [id, source] of state.amendSources) this.amendSources.set(id, source);
    for (const key of state.seenFills) this.seenFills.add(key);
    this.kill = state.killSwitch;
  }

  private submitted(order: Order, send: boolean, out: Outcome): void {
    if (this.byId.has(order.clientOrderId)) return out.ignore(`order ${order.clientOrderId} already exists`, 'warn');
    // `send` means the venue hears of it as soon as the record is durable: it is as good as sent.
    const placed: Order = send ? { ...order, status: 'submitted' } : order;
    this.set(placed, out);
    out.audit(placed, 'submit', placed.source, undefined, placed.role ? `${placed.role.replace('_', '-')}${placed.groupId ? ` of ${placed.groupId}` : ''}` : undefined);
    if (placed.status === 'rejected') out.audit(placed, 'reject', placed.source, undefined, placed.rejectReason);
    out.versions.push(versionOf(placed, placed.source, placed.createdAt));
    if (send) out.sends.push({ kind: 'submit', order: placed });
  }

  private armed(id: string, qty: number, source: Source, out: Outcome): void {
    const order = this.byId.get(id);
    if (!order) return out.ignore(`unknown order ${id}`, 'warn');
    if (order.status !== 'initialized') return out.ignore(`order ${id} is ${order.status}, not waiting to be armed`, 'info');
    let next: Order = { ...order, status: 'submitted', updatedAt: out.at };
    if (qty !== order.qty) {
      // A partly filled entry protects only what it bought: the child is armed for that much.
      next = { ...next, qty, version: order.version + 1 };
      out.versions.push(versionOf(next, source, out.at));
    }
    this.set(next, out);
    // A bracket child is armed by its entry's fill; a slice of a sliced order once all its siblings passed risk.
    const why = order.parentId !== undefined ? 'after the entry filled' : 'with the other slices of its order';
    out.audit(next, 'arm', source, order, `armed for ${this.qtyText(next, qty)} ${why}`);
    out.sends.push({ kind: 'submit', order: next });
  }

  private replaced(decided: Order, source: Source, detail: string | undefined, out: Outcome): void {
    // A decision that moves the order past `submitted` (reconcile found it, or ended it) answers a lost acknowledgement.
    const order = decided.unknownReason !== undefined && decided.status !== 'submitted' ? withoutUnknown(decided) : decided;
    const before = this.byId.get(order.clientOrderId);
    this.set(order, out);
    // Without a `before` it is taken over as it was (an earlier version's store, or taken back from SQLite for a late fill).
    const action: AuditAction =
      source === 'recovery' || before === undefined ? 'reconcile' : order.status === 'rejected' ? 'reject' : order.status === 'canceled' ? 'cancel' : 'reconcile';
    out.audit(order, action, source, before, detail);
  }

  private cancelRequested(id: string, source: Source, out: Outcome): void {
    const order = this.byId.get(id);
    if (!order) return out.ignore(`unknown order ${id}`, 'warn');
    if (isTerminal(order.status)) return out.ignore(`order ${id} is already ${order.status}`, 'info');
    if (order.status === 'initialized') {
      // Never sent (an unarmed bracket child): ours alone to cancel.
      const next: Order = { ...order, status: 'canceled', cancelReason: 'canceled before it was sent', updatedAt: out.at };
      this.set(next, out);
      out.audit(next, 'cancel', source, order, next.cancelReason);
      return;
    }
    if (order.status === 'pending_cancel') {
      // A retry (kill switch, impatient trader): send again, nothing changes here.
      out.audit(order, 'cancel_request', source, order, 'cancel sent again');
      out.sends.push({ kind: 'cancel', order });
      return;
    }
    const next: Order = { ...order, status: 'pending_cancel', priorStatus: order.priorStatus ?? order.status, updatedAt: out.at };
    if (!this.move(order, next, 'cancel request', out)) return;
    out.audit(next, 'cancel_request', source, order);
    out.sends.push({ kind: 'cancel', order: next });
  }

  private amendRequested(id: string, change: OrderChange, source: Source, out: Outcome): void {
    const order = this.byId.get(id);
    if (!order) return out.ignore(`unknown order ${id}`, 'warn');
    if (order.status === 'initialized') {
      // An unarmed child takes new terms at once: the venue has nothing to change yet.
      const next: Order = { ...withTerms(order, change), version: order.version + 1, updatedAt: out.at };
      this.set(next, out);
      out.versions.push(versionOf(next, source, out.at));
      out.audit(next, 'amend', source, order);
      return;
    }
    if (isTerminal(order.status) || order.status === 'pending_update' || order.status === 'pending_cancel') {
      return out.ignore(`order ${id} is ${order.status}; it cannot be amended now`, 'info');
    }
    const next: Order = { ...order, status: 'pending_update', priorStatus: order.status, pendingAmend: change, updatedAt: out.at };
    if (!this.move(order, next, 'amend request', out)) return;
    this.amendSources.set(id, source);
    out.audit(next, 'amend_request', source, order, this.changeText(order, change));
    out.sends.push({ kind: 'amend', order: next, change });
  }

  private venueEvent(e: VenueOrderEvent, source: Source, out: Outcome): void {
    const held = this.byId.get(e.clientOrderId);
    if (!held || held.venue !== e.venue) {
      const level = e.type === 'orderFilled' ? 'error' : 'warn';
      return out.ignore(`${e.type} for an unknown order ${e.venue}:${e.clientOrderId}`, level);
    }
    if (e.type === 'orderUnknown') return this.unknown(held, e, out);
    // Any word from the venue about the order answers the question a lost acknowledgement left open.
    const order = held.unknownReason === undefined ? held : withoutUnknown(held);
    switch (e.type) {
      case 'orderAccepted':
        return this.accepted(order, e, source, out);
      case 'orderRejected':
        return this.ended(order, 'rejected', e.reason, 'reject', source, out);
      case 'orderTriggered':
        return this.triggered(order, e, source, out);
      case 'orderFilled':
        return this.filled(order, e, source, out);
      case 'orderCanceled':
        if (order.status === 'canceled') return out.ignore('duplicate cancel', 'debug');
        return this.ended(order, 'canceled', e.reason, 'cancel', source, out);
      case 'orderExpired':
        if (order.status === 'expired') return out.ignore('duplicate expiry', 'debug');
        return this.ended(order, 'expired', e.reason, 'expire', source, out);
      case 'cancelRejected':
        return this.cancelRefused(order, e, source, out);
      case 'orderAmended':
        return this.amended(order, e, source, out);
      case 'amendRejected':
        return this.amendRefused(order, e, source, out);
    }
  }

  /**
   * The answer to the order's submission was lost: it may or may not be at the venue. Flagged (not a
   * status: the lifecycle is unchanged, and the venue's next word about the order clears it), and
   * only while nothing has been heard from the venue about it.
   */
  private unknown(order: Order, e: EventOf<'orderUnknown'>, out: Outcome): void {
    const unanswered = order.status === 'submitted' || (order.priorStatus === 'submitted' && (order.status === 'pending_cancel' || order.status === 'pending_update'));
    if (!unanswered) return out.ignore(`order ${order.clientOrderId} is ${order.status}: the venue has answered for it already`, 'info');
    if (order.unknownReason === e.reason) return out.ignore('duplicate unknown', 'debug');
    this.set({ ...order, unknownReason: e.reason, updatedAt: out.at }, out);
  }

  private accepted(order: Order, e: EventOf<'orderAccepted'>, source: Source, out: Outcome): void {
    if (order.venueOrderId === e.venueOrderId && order.status !== 'submitted' && order.priorStatus !== 'submitted') {
      return out.ignore('duplicate ack', 'debug');
    }
    let next: Order;
    if (order.status === 'submitted') next = { ...order, status: 'accepted', venueOrderId: e.venueOrderId, updatedAt: out.at };
    else if (order.status === 'pending_cancel' || order.status === 'pending_update') {
      // Canceled or amended before the ack came back: still in flight, but now known to be live.
      next = { ...order, priorStatus: order.priorStatus === 'submitted' ? 'accepted' : order.priorStatus, venueOrderId: e.venueOrderId, updatedAt: out.at };
    } else if (order.venueOrderId === undefined) {
      // A late ack (after a fill or an expiry) still tells us the venue's id: keep it, change nothing else.
      next = { ...order, venueOrderId: e.venueOrderId, updatedAt: out.at };
    } else return out.ignore(`late ack for a ${order.status} order`, 'info');
    this.set(next, out);
    out.audit(next, 'accept', source, order);
  }

  private triggered(order: Order, e: EventOf<'orderTriggered'>, source: Source, out: Outcome): void {
    if (order.triggeredAt !== undefined) return out.ignore('duplicate trigger', 'debug');
    const pending = order.status === 'pending_cancel' || order.status === 'pending_update';
    const next: Order = pending
      ? { ...order, priorStatus: 'triggered', triggeredAt: e.ts, updatedAt: out.at }
      : { ...order, status: 'triggered', triggeredAt: e.ts, updatedAt: out.at };
    if (!this.move(order, next, e.type, out)) return;
    out.audit(next, 'trigger', source, order);
  }

  private filled(order: Order, e: EventOf<'orderFilled'>, source: Source, out: Outcome): void {
    const key = `${e.venue}|${e.fillId}`;
    if (this.seenFills.has(key)) return out.ignore(`duplicate fill ${e.fillId}`, 'debug');
    this.rememberFill(key);
    const filledQty = order.filledQty + e.qty;
    let status: OrderStatus = order.status;
    if (!isTerminal(order.status)) {
      if (filledQty >= order.qty) status = 'filled';
      else if (order.status !== 'pending_cancel' && order.status !== 'pending_update') status = 'partially_filled';
    }
    const next: Order = {
      ...order,
      status,
      filledQty,
      filledValue: order.filledValue + e.price * e.qty,
      fees: order.fees + e.fee,
      updatedAt: out.at,
    };
    if (status === 'filled') {
      delete next.priorStatus;
      delete next.pendingAmend;
    }
    this.set(next, out);
    out.fills.push({
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
      // The venue's own close at expiry: booked like a trade, shown as what it is.
      ...(order.source === 'settlement' ? { settlement: true as const } : {}),
    });
    const f = this.format(order.venue, order.symbol);
    const what = `${f ? f.qty(e.qty) : e.qty} at ${f ? f.price(e.price) : e.price} (${e.liquidity}, ${e.fillId})`;
    // A fill that raced a cancel really traded: it is booked and the order keeps its terminal status.
    const late = isTerminal(order.status) ? `; arrived after the order was ${order.status}` : '';
    const over = filledQty > order.qty ? `; OVERFILLED ${filledQty}/${order.qty}` : '';
    out.audit(next, 'fill', source, order, what + late + over);
    if (late || over) out.notice = { reason: `fill ${e.fillId} on ${order.clientOrderId}${late}${over}`, level: over ? 'error' : 'warn' };
  }

  private ended(order: Order, status: 'rejected' | 'canceled' | 'expired', reason: string | undefined, action: AuditAction, source: Source, out: Outcome): void {
    const next: Order = { ...order, status, updatedAt: out.at };
    delete next.priorStatus;
    delete next.pendingAmend;
    if (status === 'rejected' && reason !== undefined) next.rejectReason = reason;
    if (status !== 'rejected' && reason !== undefined) next.cancelReason = reason;
    if (!this.move(order, next, action, out, isTerminal(order.status) ? 'info' : 'warn')) return;
    this.amendSources.delete(order.clientOrderId);
    out.audit(next, action, source, order, reason);
  }

  private cancelRefused(order: Order, e: EventOf<'cancelRejected'>, source: Source, out: Outcome): void {
    out.cancelRejected = { order, reason: e.reason };
    if (order.status !== 'pending_cancel') {
      out.audit(order, 'cancel_reject', source, order, e.reason);
      return;
    }
    const next: Order = { ...order, status: restingStatus(order), updatedAt: out.at };
    delete next.priorStatus;
    if (next.pendingAmend) next.status = 'pending_update'; // the amend sent before the cancel is still in flight
    if (next.status === 'pending_update') next.priorStatus = order.priorStatus;
    this.set(next, out);
    out.audit(next, 'cancel_reject', source, order, e.reason);
  }

  private amended(order: Order, e: EventOf<'orderAmended'>, source: Source, out: Outcome): void {
    if (isTerminal(order.status)) return out.ignore(`amend confirmed for a ${order.status} order`, 'info');
    const terms: OrderChange = { qty: e.qty };
    if (e.price !== undefined) terms.price = e.price;
    if (e.stopPrice !== undefined) terms.stopPrice = e.stopPrice;
    const next: Order = { ...withTerms(order, terms), version: order.version + 1, updatedAt: out.at };
    delete next.pendingAmend;
    if (order.status === 'pending_update') {
      next.status = restingStatus(order);
      delete next.priorStatus;
    }
    if (next.filledQty >= next.qty) {
      next.status = 'filled';
      delete next.priorStatus;
    }
    this.set(next, out);
    const by = this.amendSources.get(order.clientOrderId) ?? source;
    this.amendSources.delete(order.clientOrderId);
    out.versions.push(versionOf(next, by, out.at));
    out.audit(next, 'amend', source, order, `version ${next.version}`);
  }

  private amendRefused(order: Order, e: EventOf<'amendRejected'>, source: Source, out: Outcome): void {
    this.amendSources.delete(order.clientOrderId);
    if (order.status !== 'pending_update' && order.pendingAmend === undefined) {
      out.audit(order, 'amend_reject', source, order, e.reason);
      return;
    }
    const next: Order = { ...order, updatedAt: out.at };
    delete next.pendingAmend;
    if (order.status === 'pending_update') {
      next.status = restingStatus(order);
      delete next.priorStatus;
    }
    this.set(next, out);
    out.audit(next, 'amend_reject', source, order, e.reason);
  }

  /** Applies a status change if the lifecycle allows it; otherwise reports it and changes nothing. */
  private move(from: Order, to: Order, trigger: string, out: Outcome, level: 'info' | 'warn' = 'warn'): boolean {
    const illegal = from.status === to.status ? undefined : checkTransition(from, to.status, trigger);
    if (illegal) {
      out.ignore(illegal.message, level, illegal);
      return false;
    }
    this.set(to, out);
    return true;
  }

  private set(order: Order, out: Outcome): void {
    const id = order.clientOrderId;
    this.byId.set(id, order);
    out.changed(order);
    if (isWorking(order)) {
      this.working.add(id);
      this.finished.delete(id);
    } else if (!this.finished.has(id)) {
      this.working.delete(id);
      this.finished.add(id);
      this.evict(out);
    }
  }

  /** The finished orders past `keepFinished` leave memory, the one that finished first first. */
  private evict(out?: Outcome): void {
    for (const id of this.finished) {
      if (this.finished.size <= this.keepFinished) return;
      const order = this.byId.get(id)!;
      this.finished.delete(id);
      this.byId.delete(id);
      this.amendSources.delete(id);
      out?.evicted(order);
    }
  }

  private rememberFill(key: string): void {
    this.seenFills.add(key);
    if (this.seenFills.size > SEEN_FILLS) this.seenFills.delete(this.seenFills.values().next().value!);
  }

  private qtyText(order: Order, qty: number): string {
    const f = this.format(order.venue, order.symbol);
    return f ? f.qty(qty) : String(qty);
  }

  private changeText(order: Order, change: OrderChange): string {
    const f = this.format(order.venue, order.symbol);
    const price = (t: number): string => (f ? f.price(t) : String(t));
    const parts: string[] = [];
    if (change.price !== undefined) parts.push(`price ${order.price === undefined ? '-' : price(order.price)} -> ${price(change.price)}`);
    if (change.stopPrice !== undefined) parts.push(`stop ${order.stopPrice === undefined ? '-' : price(order.stopPrice)} -> ${price(change.stopPrice)}`);
    if (change.qty !== undefined) parts.push(`qty ${this.qtyText(order, order.qty)} -> ${this.qtyText(order, change.qty)}`);
    return parts.join(', ');
  }
}

/** Collects one record's effects; audit entries are keyed by the record's sequence and their order. */
class Outcome {
  readonly result: Applied = { orders: [], fills: [], versions: [], audit: [], sends: [] };
  readonly versions = this.result.versions;
  readonly sends = this.result.sends;
  readonly fills = this.result.fills;

  constructor(
    private readonly seq: number,
    readonly at: number,
  ) {}

  set notice(value: Applied['notice']) {
    this.result.notice = value;
  }

  set cancelRejected(value: Applied['cancelRejected']) {
    this.result.cancelRejected = value;
  }

  evicted(order: Order): void {
    (this.result.evicted ??= []).push(order);
  }

  changed(order: Order): void {
    const list = this.result.orders;
    const i = list.findIndex((o) => o.clientOrderId === order.clientOrderId);
    if (i >= 0) list[i] = order;
    else list.push(order);
  }

  audit(after: Order, action: AuditAction, source: Source, before: Order | undefined, detail?: string): void {
    const entry: AuditEntry = {
      seq: this.seq,
      n: this.result.audit.length,
      ts: this.at,
      clientOrderId: after.clientOrderId,
      venue: after.venue,
      symbol: after.symbol,
      action,
      source,
      after: auditState(after),
    };
    if (before) entry.before = auditState(before);
    if (detail) entry.detail = detail;
    this.result.audit.push(entry);
  }

  ignore(reason: string, level: NonNullable<Applied['ignored']>['level'], error?: IllegalTransitionError): void {
    this.result.ignored = error ? { reason, level, error } : { reason, level };
  }
}

/** The order with its "unknown" flag cleared: the venue has answered for it. */
function withoutUnknown(order: Order): Order {
  const { unknownReason: _answered, ...rest } = order;
  return rest;
}

function withTerms(order: Order, change: OrderChange): Order {
  const next = { ...order };
  if (change.price !== undefined) next.price = change.price;
  if (change.stopPrice !== undefined) next.stopPrice = change.stopPrice;
  if (change.qty !== undefined) next.qty = change.qty;
  return next;
}

function versionOf(order: Order, source: Source, at: number): OrderVersion {
  const v: OrderVersion = { clientOrderId: order.clientOrderId, version: order.version, qty: order.qty, at, source };
  if (order.price !== undefined) v.price = order.price;
  if (order.stopPrice !== undefined) v.stopPrice = order.stopPrice;
  return v;
}
