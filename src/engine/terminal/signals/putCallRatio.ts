/**
 * Kite's put-call ratio: put open interest over call open interest on an underlying's option chain, for
 * the nearest expiry (not yet past) on which any option has open interest. Read from what the venue's
 * ticker reports (VenueAdapter.openInterest), the same numbers the chain view shows.
 */
import type { Instrument } from '../../instruments';
import { INDEX_OF_OPTIONS } from '../options';
import type { PositioningFigure } from './signalsView';

export interface PutCallInputs {
  /** Every listed instrument (options among them). */
  instruments: readonly Instrument[];
  openInterest(venue: string, symbol: string): number | undefined;
  now: number;
}

/**
 * The names the options of the instrument the trader looks at are listed under: the symbol itself (SIM's
 * "BTC-USDT"), a future's underlying ("NFO:NIFTY26DECFUT" → "NIFTY"), an equity's trading symbol
 * ("NSE:RELIANCE" → "RELIANCE"), an index's option root ("NSE:NIFTY 50" → "NIFTY").
 */
export function optionRootsOf(symbol: string, instruments: readonly Instrument[]): Set<string> {
  const roots = new Set([symbol]);
  for (const i of instruments) {
    if (i.symbol !== symbol) continue;
    const root = i.contract?.underlying ?? i.name; // Kite names a derivative's underlying only in `name`
    if (i.contract?.kind === 'future' && root) roots.add(root);
    else if (!i.contract && i.exchange) roots.add(i.venueSymbol);
  }
  for (const [root, indices] of Object.entries(INDEX_OF_OPTIONS)) if (indices.includes(symbol)) roots.add(root);
  return roots;
}

/** The ratio for the options of `instrument` (see optionRootsOf), or undefined without OI on both sides. */
export function putCallRatio(instrument: string, inp: PutCallInputs): PositioningFigure | undefined {
  const roots = optionRootsOf(instrument, inp.instruments);
  const byExpiry = new Map<number, { venue: string; puts: number; calls: number }>();
  for (const i of inp.instruments) {
    const c = i.contract;
    if (!c || (c.kind !== 'call' && c.kind !== 'put') || c.expiry <= inp.now) continue;
    if (!(c.underlying !== undefined && roots.has(c.underlying)) && !(i.name !== undefined && roots.has(i.name))) continue;
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
