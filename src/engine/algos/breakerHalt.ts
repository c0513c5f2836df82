import type { Symbol, VenueId } from '../core';
import type { CircuitBreakers } from '../risk';

/**
 * Why risk's circuit breakers admit no new order for `symbol` at `venue` now (the venue's breaker first,
 * then the instrument's there), or undefined when an order may go. Read at every smart decision: two map
 * look-ups and the breaker's own reason string, nothing allocated (a breaker is created on first mention,
 * as the pre-trade check does for the orders the plan would send).
 */
export function breakerHalt(breakers: CircuitBreakers, venue: VenueId, symbol: Symbol): string | undefined {
  const v = breakers.venue(venue);
  if (v.state !== 'CLOSED' && !v.admits()) return v.reason;
  const i = breakers.instrument(venue, symbol);
  if (i.state !== 'CLOSED' && !i.admits()) return i.reason;
  return undefined;
}
