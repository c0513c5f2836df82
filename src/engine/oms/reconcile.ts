import type { Clock, Logger, VenueId } from '../core';
import type { VenueOrderEvent } from '../storage';
import type { VenueAdapter, VenueOrderState } from '../venues';
import type { Order } from './types';

export const NOT_FOUND_AT_VENUE = 'not found at the venue on recovery';
export const NEVER_REACHED_VENUE = 'never reached the venue (not found there on recovery)';

export interface ReconcileReport {
  venue: VenueId;
  /** Orders whose state changed to match the venue's. */
  updated: string[];
  /** Fills the venue had that we had not booked. */
  missedFills: string[];
  /** Open at the venue but unknown to us: adopted, so that every cancel-all covers them. */
  adopted: string[];
  /** The venue could not be asked; nothing was changed for it. */
  error?: string;
}

export interface ReconcileContext {
  venue: VenueAdapter;
  /** Our working orders on this venue that were sent, as of now. */
  working: () => Order[];
  get: (clientOrderId: string) => Order | undefined;
  /** Journals and applies what the venue says, as an event from 'recovery'; true if it changed something. */
  apply: (event: VenueOrderEvent) => boolean;
  /** Journals a decision the venue cannot express as an event (the order never reached it, an order adopted). */
  conclude: (order: Order, detail: string) => void;
  clock: Clock;
  log: Logger;
}

export const ADOPTED_AT_VENUE = 'open at the venue but unknown to the OMS: adopted on recovery';

/**
 * Settles one venue after a restart. The venue is the authority on what happened there; every
 * difference becomes the venue event we missed, journaled with source 'recovery' (so it is audited)
 * and applied like any other:
 * 1. an order open at the venue that we do not know (its record lost in a crash under a relaxed
 *    fsync policy) is adopted as it stands there, so that the kill switch and every cancel-all cover it;
 * 2. fills since the oldest of our working orders that we lack (the adopted ones' included);
 * 3. for each working order, the venue's state: the missed ack, trigger, amend (or amend refused),
 *    a refused cancel, or how it ended (filled, canceled, expired, rejected);
 * 4. an order the venue never had was never live: rejected if it was never acknowledged, otherwise
 *    canceled as not found.
 */
export async function reconcileVenue(ctx: ReconcileContext): Promise<ReconcileReport> {
  const { venue, log } = ctx;
  const report: ReconcileReport = { venue: venue.id, updated: [], missedFills: [], adopted: [] };
  try {
    const open = await venue.openOrders();
    for (const theirs of open) {
      if (ctx.get(theirs.clientOrderId) !== undefined) continue;
      log.warn({ venue: venue.id, clientOrderId: theirs.clientOrderId }, `reconcile: ${ADOPTED_AT_VENUE}`);
      ctx.conclude(adoptedOrder(venue.id, theirs, ctx.clock.now()), ADOPTED_AT_VENUE);
      report.adopted.push(theirs.clientOrderId);
    }
    // Only a working order (the adopted ones included) can have a fill we missed: its symbols are the
    // ones asked about, since the oldest of them. A loop, not Math.min(...spread): the spread overflows
    // the call stack with hundreds of thousands.
    let since = ctx.clock.now();
    const symbols = new Set<string>();
    for (const o of ctx.working()) {
      if (o.createdAt < since) since = o.createdAt;
      symbols.add(o.symbol);
    }
    for (const f of symbols.size === 0 ? [] : await venue.fillsSince(since, [...symbols])) {
      const { fillId, clientOrderId, price, qty, liquidity, fee, ts } = f;
      if (ctx.apply({ type: 'orderFilled', venue: venue.id, clientOrderId, fillId, ts, price, qty, liquidity, fee })) {
        log.warn({ clientOrderId, fillId }, 'reconcile: booked a fill missed while down');
        report.missedFills.push(fillId);
      }
    }
    const atVenue = new Map(open.map((o) => [o.clientOrderId, o]));
    for (const ours of ctx.working()) {
      const theirs = atVenue.get(ours.clientOrderId) ?? (await venue.queryOrder(ours.symbol, ours.clientOrderId));
      if (settleOrder(ctx, ours, theirs)) report.updated.push(ours.clientOrderId);
    }
  } catch (error) {
    report.error = String(error);
    log.error({ venue: venue.id, error: report.error }, 'reconcile: the venue could not be asked');
  }
  return report;
}

/**
 * An order found open at the venue, as ours from now on. Its fills are booked after it (so
 * filledQty starts at 0 and grows with each fill the venue reports), which keeps positions right.
 */
function adoptedOrder(venue: VenueId, theirs: VenueOrderState, now: number): Order {
  const order: Order = {
    clientOrderId: theirs.clientOrderId,
    venueOrderId: theirs.venueOrderId,
    venue,
    symbol: theirs.symbol,
    side: theirs.side,
    type: theirs.type,
    tif: theirs.tif,
    postOnly: theirs.postOnly ?? false,
    reduceOnly: theirs.reduceOnly ?? false,
    qty: theirs.qty,
    filledQty: 0,
    filledValue: 0,
    fees: 0,
    status: theirs.triggered ? 'triggered' : 'accepted',
    version: 1,
    source: 'recovery',
    createdAt: theirs.createdAt ?? theirs.updatedAt,
    updatedAt: now,
  };
  if (theirs.price !== undefined) order.price = theirs.price;
  if (theirs.stopPrice !== undefined) order.stopPrice = theirs.stopPrice;
  if (theirs.triggered) order.triggeredAt = theirs.updatedAt;
  return order;
}

/** Brings one order to the venue's state; true if anything changed. */
function settleOrder(ctx: ReconcileContext, ours: Order, theirs: VenueOrderState | undefined): boolean {
  const venue = ctx.venue.id;
  const id = ours.clientOrderId;
  const ts = ctx.clock.now();
  if (!theirs) {
    const neverAcked = ours.venueOrderId === undefined;
    const detail = neverAcked ? NEVER_REACHED_VENUE : NOT_FOUND_AT_VENUE;
    ctx.log.warn({ clientOrderId: id, status: ours.status }, `reconcile: ${detail}`);
    const order: Order = { ...ours, status: neverAcked ? 'rejected' : 'canceled', updatedAt: ts };
    delete order.priorStatus;
    delete order.pendingAmend;
    if (neverAcked) order.rejectReason = detail;
    else order.cancelReason = detail;
    ctx.conclude(order, detail);
    return true;
  }
  let changed = false;
  const say = (event: VenueOrderEvent): void => {
    changed = ctx.apply(event) || changed;
  };
  if (ctx.get(id)?.venueOrderId === undefined) say({ type: 'orderAccepted', venue, clientOrderId: id, venueOrderId: theirs.venueOrderId, ts });
  if (theirs.triggered && ctx.get(id)?.triggeredAt === undefined) say({ type: 'orderTriggered', venue, clientOrderId: id, ts });
  const now = ctx.get(id)!;
  const termsDiffer = theirs.qty !== now.qty || theirs.price !== now.price || theirs.stopPrice !== now.stopPrice;
  if (termsDiffer) {
    const amended: VenueOrderEvent = { type: 'orderAmended', venue, clientOrderId: id, ts, qty: theirs.qty };
    if (theirs.price !== undefined) amended.price = theirs.price;
    if (theirs.stopPrice !== undefined) amended.stopPrice = theirs.stopPrice;
    say(amended);
  } else if (now.status === 'pending_update') {
    say({ type: 'amendRejected', venue, clientOrderId: id, ts, reason: 'not applied at the venue (found on recovery)' });
  }
  if (theirs.filledQty !== ctx.get(id)!.filledQty) {
    ctx.log.error({ clientOrderId: id, ours: ctx.get(id)!.filledQty, theirs: theirs.filledQty }, 'reconcile: filled quantity differs from the venue after booking its fills');
  }
  const reason = theirs.reason ?? 'found on recovery';
  switch (theirs.status) {
    case 'open':
    case 'untriggered':
      if (ctx.get(id)!.status === 'pending_cancel') say({ type: 'cancelRejected', venue, clientOrderId: id, ts, reason: 'still open at the venue on recovery' });
      break;
    case 'canceled':
      say({ type: 'orderCanceled', venue, clientOrderId: id, ts, reason });
      break;
    case 'expired':
      say({ type: 'orderExpired', venue, clientOrderId: id, ts, reason });
      break;
    case 'rejected':
      say({ type: 'orderRejected', venue, clientOrderId: id, ts, reason });
      break;
    case 'filled':
      break; // its fills, booked above, made it filled
  }
  return changed;
}
