import type { VenueId } from '../core';
import type { VenueKillReport } from '../venues';
import type { VenueKillOutcome } from './views';

/**
 * What each venue's own kill switch did at the last engage, for the kill state the views show: a
 * trader who pressed the switch must see which calls failed (an order still working at Kite, a GTT
 * still armed), not find it in a log. Cleared at each engage; kept through a reset, so the last
 * engage's result can still be read afterwards.
 */
export class VenueKillOutcomes {
  private readonly byVenue = new Map<VenueId, VenueKillOutcome>();

  constructor(private readonly changed: () => void) {}

  /** A new engage: the previous engage's outcomes no longer describe anything. */
  clear(): void {
    if (this.byVenue.size === 0) return;
    this.byVenue.clear();
    this.changed();
  }

  started(venue: VenueId): void {
    this.byVenue.set(venue, { venue, state: 'running', canceled: 0, failures: [] });
    this.changed();
  }

  finished(venue: VenueId, report: VenueKillReport): void {
    const failures = report.failed.map((f) => ({ action: killAction(f.call), reason: f.reason }));
    this.byVenue.set(venue, { venue, state: 'done', canceled: report.canceled.length, failures });
    this.changed();
  }

  /** The venue's kill itself threw (a bug, or the adapter gone): nothing of it is known to have happened. */
  threw(venue: VenueId, error: unknown): void {
    this.byVenue.set(venue, { venue, state: 'done', canceled: 0, failures: [{ action: 'kill switch', reason: error instanceof Error ? error.message : String(error) }] });
    this.changed();
  }

  list(): VenueKillOutcome[] {
    return [...this.byVenue.values()].sort((a, b) => a.venue.localeCompare(b.venue)).map((o) => ({ ...o, failures: o.failures.map((f) => ({ ...f })) }));
  }
}

/**
 * A venue call named as the trader reads it: "DELETE /orders/regular/2412" is "cancel 2412". A call
 * not recognised keeps its own name (still exact, only less friendly).
 */
export function killAction(call: string): string {
  const m = /^DELETE \/orders\/[a-z]+\/(\S+)$/.exec(call);
  if (m) return `cancel ${m[1]}`;
  const gtt = /^DELETE \/gtt\/triggers\/(\S+)$/.exec(call);
  if (gtt) return `delete GTT ${gtt[1]}`;
  const square = /^POST \/orders\/regular \(square off (.+)\)$/.exec(call);
  if (square) return `square off ${square[1]}`;
  if (call === 'GET /orders') return 'list open orders';
  if (call === 'GET /gtt/triggers') return 'list GTTs';
  if (call === 'GET /portfolio/positions') return 'read positions';
  return call;
}
