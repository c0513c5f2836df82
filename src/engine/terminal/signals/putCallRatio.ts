/**
 * Kite's put-call ratio: put open interest over call open interest on an underlying's option chain, for
 * the nearest expiry (not yet past) on which any option has open interest. Read from what the venue's
 * ticker reports (VenueAdapter.openInterest), the same numbers the chain view shows.
 */
import type { Instrument } from '../../instruments';
import type { PositioningFigure } from './signalsView';

export interface PutCallInputs {
  /** Every listed instrument (options among them). */
  instruments: readonly Instrument[];
  openInterest(venue: string, symbol: string): number | undefined;
  now: number;
}

/** The ratio for `underlying` (its symbol or name: "NIFTY", "RELIANCE"), or undefined without OI on both sides. */
export function putCallRatio(underlying: string, inp: PutCallInputs): PositioningFigure | undefined {
  const byExpiry = new Map<number, { venue: string; puts: number; calls: number }>();
  for (const i of inp.instruments) {
    const c = i.contract;
    if (!c || (c.kind !== 'call' && c.kind !== 'put') || c.expiry <= inp.now) continue;
    if (c.underlying !== underlying && i.name !== underlying) continue;
    const oi = inp.openInterest(i.venue, i.symbol);
    if (oi === undefined || !(oi > 0)) continue;
    const key = c.expiry;
    const e = byExpiry.get(key) ?? { venue: i.venue, puts: 0, calls: 0 };
    if (c.kind === 'put') e.puts += oi;
    else e.calls += oi;
    byExpiry.set(key, e);
  }
  const nearest = [...byExpiry.entries()].sort((a, b) => a[0] - b[0]).find(([, e]) => e.calls > 0 && e.puts > 0);
  if (!nearest) return undefined;
  const [expiry, e] = nearest;
  return { value: e.puts / e.calls, ts: inp.now, source: e.venue, label: `expiry ${new Date(expiry).toISOString().slice(0, 10)}` };
}
