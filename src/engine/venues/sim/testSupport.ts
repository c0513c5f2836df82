/**
 * Helpers shared by the SIM venue's tests (not exported from the folder's index).
 */
import { SimulatedClock } from '../../core';
import type { VenueEvent, VenueOrderRequest } from '../types';
import { createSimVenue, type SimVenue, type SimVenueOptions } from './simVenue';

export const T0 = 1_700_000_000_000;
export const BTC = 'BTC-USDT';

/** A GTC limit buy of 100 lots of BTC-USDT unless told otherwise. */
export const req = (o: Partial<VenueOrderRequest> & Pick<VenueOrderRequest, 'clientOrderId'>): VenueOrderRequest => ({
  symbol: BTC,
  side: 'buy',
  type: 'limit',
  tif: 'GTC',
  postOnly: false,
  reduceOnly: false,
  qty: 100,
  ...o,
});

export interface Harness {
  clock: SimulatedClock;
  venue: SimVenue;
  events: VenueEvent[];
}

export function harness(opts: Partial<SimVenueOptions> = {}, clock = new SimulatedClock(T0)): Harness {
  const venue = createSimVenue({ clock, seed: 3, ...opts });
  const events: VenueEvent[] = [];
  venue.onEvent((e) => events.push(e));
  return { clock, venue, events };
}

/** Lets the venue's asynchronous event delivery run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 3; i++) await Promise.resolve();
}

export function ofType<K extends VenueEvent['type']>(events: VenueEvent[], type: K): Extract<VenueEvent, { type: K }>[] {
  return events.filter((e): e is Extract<VenueEvent, { type: K }> => e.type === type);
}

/** Total quantity filled on one order, from its orderFilled events. */
export function filledQty(events: VenueEvent[], clientOrderId: string): number {
  return ofType(forOrder(events, clientOrderId), 'orderFilled').reduce((sum, f) => sum + f.qty, 0);
}

export function forOrder(events: VenueEvent[], clientOrderId: string): VenueEvent[] {
  return events.filter((e) => 'clientOrderId' in e && e.clientOrderId === clientOrderId);
}

/** Exact fee: ceil(notional * bps / 10000), computed with bigint. */
export function expectedFee(notional: number, bps: number): number {
  return Number((BigInt(notional) * BigInt(bps) + 9_999n) / 10_000n);
}

/** Advances simulated time one second at a time until `done` holds (or `maxSec` passes). */
export async function advanceUntil(h: Harness, done: () => boolean, maxSec: number): Promise<void> {
  for (let s = 0; s < maxSec && !done(); s++) {
    h.clock.advance(1000);
    await settle();
  }
}
