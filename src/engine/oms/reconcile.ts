import type { Clock, VenueId } from '../core';
import { notional, type InstrumentRegistry } from '../instruments';
import type { Logger } from '../core';
import type { VenueAdapter, VenueEvent, VenueOpenOrder } from '../venues';
import type { Order } from './types';

export const NOT_FOUND_AT_VENUE = 'not found at venue on restart';

export interface ReconcileReport {
  venue: VenueId;
  /** Ours as working, unknown to the venue: marked canceled. */
  canceled: string[];
  /** Brought up to date from the venue (ack and/or missed fills). */
  updated: string[];
  /** Open at the venue but not ours: left alone, logged. */
  unknownAtVenue: string[];
  /** The venue could not be asked; nothing was changed for it. */
  error?: string;
}

export interface ReconcileContext {
  venue: VenueAdapter;
  /** Our working orders on this venue, as of now. */
  working: () => Order[];
  get: (clientOrderId: string) => Order | undefined;
  /** Applies an event through the OMS's normal path (persist, then emit); true if it changed the order. */
  apply: (event: VenueEvent) => boolean;
  instruments: InstrumentRegistry;
  clock: Clock;
  log: Logger;
}

/**
 * Settles, for one venue, what the venue is the authority on, by turning each difference into the
 * venue event we missed and applying it like any other. v1 scope:
 * - ours working, the venue does not have it -> canceled "not found at venue on restart" (it never
 *   arrived, or finished while we were down: the venue interface cannot tell us fills of closed orders);
 * - the venue has it but we never saw the ack -> accepted with the venue's id;
 * - the venue reports more filled than we booked -> one maker fill for the difference at the order's
 *   price (a resting limit fills at its price) with the venue's maker fee. Its fillId is derived from
 *   the venue's filled quantity, so reconciling twice books nothing twice;
 * - open at the venue but not ours -> logged, left alone.
 */
export async function reconcileVenue(ctx: ReconcileContext): Promise<ReconcileReport> {
  const { venue, clock, log } = ctx;
  const report: ReconcileReport = { venue: venue.id, canceled: [], updated: [], unknownAtVenue: [] };
  let open: VenueOpenOrder[];
  try {
    open = await venue.openOrders();
  } catch (error) {
    report.error = String(error);
    log.error({ venue: venue.id, error: report.error }, 'reconcile: venue open orders unavailable');
    return report;
  }
  const atVenue = new Map(open.map((o) => [o.clientOrderId, o]));
  for (const ours of ctx.working()) {
    const id = ours.clientOrderId;
    const theirs = atVenue.get(id);
    const ts = clock.now();
    if (!theirs) {
      log.warn({ clientOrderId: id, status: ours.status }, `reconcile: ${NOT_FOUND_AT_VENUE}`);
      if (ctx.apply({ type: 'orderCanceled', venue: venue.id, clientOrderId: id, ts, reason: NOT_FOUND_AT_VENUE })) {
        report.canceled.push(id);
      }
      continue;
    }
    let changed = false;
    if (ours.status === 'submitted' || ours.venueOrderId === undefined) {
      log.warn({ clientOrderId: id }, 'reconcile: the venue has the order; applying the missed ack');
      changed = ctx.apply({ type: 'orderAccepted', venue: venue.id, clientOrderId: id, venueOrderId: theirs.venueOrderId, ts });
    }
    const booked = ctx.get(id)?.filledQty ?? ours.filledQty;
    const missed = theirs.filledQty - booked;
    if (missed > 0) {
      const inst = ctx.instruments.get(venue.id, ours.symbol);
      const fee = inst ? feeAt(notional(inst, theirs.price, missed), venue.fees.makerBps) : 0;
      log.warn({ clientOrderId: id, missed, price: theirs.price }, 'reconcile: booking fills missed while down');
      const fill: VenueEvent = {
        type: 'orderFilled',
        venue: venue.id,
        clientOrderId: id,
        fillId: `reconcile:${id}:${theirs.filledQty}`,
        ts,
        price: theirs.price,
        qty: missed,
        liquidity: 'maker',
        fee,
      };
      changed = ctx.apply(fill) || changed;
    } else if (missed < 0) {
      log.warn({ clientOrderId: id, ours: booked, theirs: theirs.filledQty }, 'reconcile: the venue reports fewer fills than we booked');
    }
    if (changed) report.updated.push(id);
  }
  for (const theirs of open) {
    if (ctx.get(theirs.clientOrderId) === undefined) {
      log.warn({ venue: venue.id, clientOrderId: theirs.clientOrderId }, 'reconcile: open order at the venue unknown to us');
      report.unknownAtVenue.push(theirs.clientOrderId);
    }
  }
  return report;
}

/** notional * bps / 10000 rounded up, as venues charge; bps may be fractional (0.75) down to 1/100. */
export function feeAt(value: number, bps: number): number {
  const product = BigInt(value) * BigInt(Math.round(bps * 100));
  const q = product / 1_000_000n;
  return Number(product > q * 1_000_000n ? q + 1n : q);
}
