import { isTerminal, type Fill, type Order } from '../../oms';
import type { VenueFill, VenueOrderState } from '../../venues';
import type { ChildLine, FillAck, OrderAck } from './acks';
import type { PositionView } from '../views';

/** What a restarted terminal shows once it has recovered, reconciled and gone quiet. */
export interface RecoveredState {
  orders: Order[];
  fills: Fill[];
  positions: PositionView[];
}

/** The venue's own truth, read from its durable state after the terminal is gone. */
export interface VenueTruth {
  venue: string;
  fills: VenueFill[];
  open: VenueOrderState[];
  /** Positions, realised P&L and fees per instrument as the venue's fills give them, in its order. */
  positions?: Omit<PositionView, 'venue' | 'unrealisedPnl' | 'mark'>[];
}

type Acked<T> = T & { round: number };

/**
 * Everything the crash children acknowledged, over all rounds: per fill id the fill, per order its
 * last acknowledged state (later lines supersede earlier ones, also across rounds).
 */
export class AckLedger {
  readonly fills = new Map<string, Acked<FillAck>>();
  readonly orders = new Map<string, Acked<OrderAck>>();
  /** A fill id acknowledged more than once: the terminal published one fill twice. */
  readonly doubled: string[] = [];

  /** Adds one round's lines; returns what was new or updated in it. */
  add(lines: ChildLine[], round: number): { fills: number; orderUpdates: number; newOrders: number } {
    let fills = 0;
    let orderUpdates = 0;
    let newOrders = 0;
    for (const line of lines) {
      if (line.t === 'fill') {
        fills++;
        const seen = this.fills.get(line.fillId);
        if (seen) this.doubled.push(`fill ${line.fillId} of ${line.id} acknowledged in round ${seen.round} and again in round ${round}`);
        else this.fills.set(line.fillId, { ...line, round });
      } else if (line.t === 'order') {
        orderUpdates++;
        if (!this.orders.has(line.id)) newOrders++;
        this.orders.set(line.id, { ...line, round });
      }
    }
    return { fills, orderUpdates, newOrders };
  }
}

const key = (venue: string, symbol: string): string => `${venue}:${symbol}`;
const signed = (side: 'buy' | 'sell', qty: number): number => (side === 'buy' ? qty : -qty);

function sumBy<T>(items: readonly T[], keyOf: (t: T) => string, valueOf: (t: T) => number): Map<string, number> {
  const sums = new Map<string, number>();
  for (const item of items) sums.set(keyOf(item), (sums.get(keyOf(item)) ?? 0) + valueOf(item));
  return sums;
}

function countBy<T>(items: readonly T[], keyOf: (t: T) => string): Map<string, number> {
  return sumBy(items, keyOf, () => 1);
}

/**
 * Every way a restart could have lost, doubled or invented something, as one line of evidence each
 * (ids and values). An empty list is a clean recovery.
 *
 * (a) every acknowledged fill is booked exactly once; (b) every acknowledged order exists and has not
 * gone back: filled quantity and version at least what was acknowledged, a final status unchanged;
 * (c) net position per instrument equals the venue's, from the venue's own trade history; (d) the
 * venue never reports one fill id twice; (e) per order, our filled quantity equals the venue's;
 * (f) the fills booked are exactly the venue's fills; (g) each order's filled quantity is the sum of
 * its fills; (h) what is working here is what is open at the venue, and the reverse; (i) when the venue's
 * positions are given: average price, realised P&L and fees per instrument equal those its fills give.
 */
export function recoveryProblems(acks: AckLedger, ours: RecoveredState, venue: VenueTruth): string[] {
  const problems: string[] = acks.doubled.map((d) => `(a) ${d}`);
  const fillCount = countBy(ours.fills, (f) => f.fillId);
  const ordersById = new Map(ours.orders.map((o) => [o.clientOrderId, o]));

  for (const [fillId, ack] of acks.fills) {
    const n = fillCount.get(fillId) ?? 0;
    if (n !== 1) problems.push(`(a) fill ${fillId} of ${ack.id} (${ack.side} ${ack.qty}, acknowledged in round ${ack.round}) is booked ${n} times`);
  }
  for (const [fillId, n] of fillCount) if (n > 1) problems.push(`(a) fill ${fillId} is booked ${n} times`);

  for (const [id, ack] of acks.orders) {
    const order = ordersById.get(id);
    if (!order) {
      problems.push(`(b) order ${id} (acknowledged ${ack.status} in round ${ack.round}) is missing`);
      continue;
    }
    const was = `acknowledged ${ack.status} filled ${ack.filledQty} v${ack.version} in round ${ack.round}`;
    const now = `now ${order.status} filled ${order.filledQty} v${order.version}`;
    if (order.filledQty < ack.filledQty) problems.push(`(b) order ${id} lost fills: ${was}, ${now}`);
    if (order.version < ack.version) problems.push(`(b) order ${id} lost an amend: ${was}, ${now}`);
    if (isTerminal(ack.status as Order['status']) && order.status !== ack.status) problems.push(`(b) order ${id} left its final status: ${was}, ${now}`);
  }

  const venueNet = sumBy(venue.fills, (f) => key(venue.venue, f.symbol), (f) => signed(f.side, f.qty));
  const ourNet = new Map(ours.positions.filter((p) => p.venue === venue.venue).map((p) => [key(p.venue, p.symbol), p.qty]));
  for (const k of new Set([...venueNet.keys(), ...ourNet.keys()])) {
    const theirs = venueNet.get(k) ?? 0;
    const mine = ourNet.get(k) ?? 0;
    if (theirs !== mine) problems.push(`(c) position ${k}: ours ${mine}, the venue's ${theirs}`);
  }

  for (const [fillId, n] of countBy(venue.fills, (f) => f.fillId)) {
    if (n > 1) problems.push(`(d) the venue reports fill ${fillId} ${n} times`);
  }

  const venueFills = venue.fills;
  const ourFills = ours.fills.filter((f) => f.venue === venue.venue);
  const venueByOrder = sumBy(venueFills, (f) => f.clientOrderId, (f) => f.qty);
  const oursByOrder = sumBy(ourFills, (f) => f.clientOrderId, (f) => f.qty);
  for (const id of new Set([...venueByOrder.keys(), ...oursByOrder.keys()])) {
    const theirs = venueByOrder.get(id) ?? 0;
    const mine = oursByOrder.get(id) ?? 0;
    if (theirs !== mine) problems.push(`(e) order ${id} filled ${mine} by our fills, ${theirs} by the venue's`);
  }

  const venueFillIds = new Set(venueFills.map((f) => f.fillId));
  for (const f of venueFills) if (!fillCount.has(f.fillId)) problems.push(`(f) venue fill ${f.fillId} of ${f.clientOrderId} (${f.side} ${f.qty}) is not booked`);
  for (const f of ourFills) if (!venueFillIds.has(f.fillId)) problems.push(`(f) booked fill ${f.fillId} of ${f.clientOrderId} (${f.side} ${f.qty}) is unknown to the venue`);

  for (const order of ours.orders) {
    if (order.venue !== venue.venue) continue;
    const booked = oursByOrder.get(order.clientOrderId) ?? 0;
    if (order.filledQty !== booked) problems.push(`(g) order ${order.clientOrderId} says filled ${order.filledQty}, its fills add up to ${booked}`);
  }

  for (const theirs of venue.positions ?? []) {
    const k = key(venue.venue, theirs.symbol);
    const mine = ours.positions.find((p) => p.venue === venue.venue && p.symbol === theirs.symbol);
    const show = (p: { qty: number; avgPrice?: number | undefined; realisedPnl: number; fees: number } | undefined): string =>
      p ? `qty ${p.qty} avg ${p.avgPrice ?? '-'} realised ${p.realisedPnl} fees ${p.fees}` : 'none';
    if (!mine || mine.qty !== theirs.qty || (mine.avgPrice ?? undefined) !== (theirs.avgPrice ?? undefined) || mine.realisedPnl !== theirs.realisedPnl || mine.fees !== theirs.fees) {
      problems.push(`(i) position ${k}: ours ${show(mine)}, from the venue's fills ${show(theirs)}`);
    }
  }

  const openAtVenue = new Map(venue.open.map((o) => [o.clientOrderId, o]));
  for (const theirs of venue.open) {
    const order = ordersById.get(theirs.clientOrderId);
    if (!order || isTerminal(order.status)) {
      problems.push(`(h) order ${theirs.clientOrderId} is ${theirs.status} at the venue but ${order ? order.status : 'unknown'} here`);
    }
  }
  for (const order of ours.orders) {
    // A bracket child waits here, unsent, until its entry fills: the venue cannot know it yet.
    if (order.venue !== venue.venue || isTerminal(order.status) || order.status === 'initialized') continue;
    if (!openAtVenue.has(order.clientOrderId)) problems.push(`(h) order ${order.clientOrderId} is ${order.status} here but not open at the venue`);
  }
  return problems;
}
