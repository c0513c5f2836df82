/**
 * Kite's put-call ratio: put open interest over call open interest on an underlying's option chain, for
 * the nearest expiry (not yet past) on which any option has open interest. Read from what the venue's
 * ticker reports (VenueAdapter.openInterest), the same numbers the chain view shows.
 */
import { INDEX_OF_OPTIONS, type OptionIndex } from '../options';
import type { PositioningFigure } from './signalsView';

export interface PutCallInputs {
  /** Every venue's options grouped by underlying: the chain's index, built once per instrument list. */
  options: OptionIndex;
  openInterest(venue: string, symbol: string): number | undefined;
  now: number;
}

/**
 * The names the options of the instrument the trader looks at are listed under: the symbol itself (SIM's
 * "BTC-USDT"), a future's underlying ("NFO:NIFTY26DECFUT" → "NIFTY"), an equity's trading symbol
 * ("NSE:RELIANCE" → "RELIANCE"), an index's option root ("NSE:NIFTY 50" → "NIFTY").
 */
export function optionRootsOf(symbol: string, options: OptionIndex): Set<string> {
  const roots = new Set([symbol]);
  for (const i of options.listedAs(symbol)) {
    const root = i.contract?.underlying ?? i.name; // Kite names a derivative's underlying only in `name`
    if (i.contract?.kind === 'future' && root) roots.add(root);
    else if (!i.contract && i.exchange) roots.add(i.venueSymbol);
  }
  for (const [root, indices] of Object.entries(INDEX_OF_OPTIONS)) if (indices.includes(symbol)) roots.add(root);
  return roots;
}

/**
 * The ratio for the options of `instrument` (see optionRootsOf), or undefined without OI on both sides.
 * Reads only the chains named by its roots (the index), never the whole instrument list: a Kite list is
 * ~100k instruments and the Sentiment panel asks on every poll.
 */
export function putCallRatio(instrument: string, inp: PutCallInputs): PositioningFigure | undefined {
  const roots = optionRootsOf(instrument, inp.options);
  const byExpiry = new Map<number, { venue: string; puts: number; calls: number }>();
  for (const root of roots) {
    for (const group of inp.options.named(root)) {
      for (const [expiry, options] of group.byExpiry) {
        if (expiry <= inp.now) continue;
        for (const i of options) {
          // Grouped by its base for want of an underlying or a name: such options never counted here.
          if (i.contract!.underlying === undefined && i.name === undefined) continue;
          const oi = inp.openInterest(i.venue, i.symbol);
          if (oi === undefined || !(oi > 0)) continue;
          const e = byExpiry.get(expiry) ?? { venue: i.venue, puts: 0, calls: 0 };
          if (i.contract!.kind === 'put') e.puts += oi;
          else e.calls += oi;
          byExpiry.set(expiry, e);
        }
      }
    }
  }
  const nearest = [...byExpiry.entries()].sort((a, b) => a[0] - b[0]).find(([, e]) => e.calls > 0 && e.puts > 0);
  if (!nearest) return undefined;
  const [expiry, e] = nearest;
  return { value: e.puts / e.calls, ts: inp.now, source: e.venue, label: `expiry ${new Date(expiry).toISOString().slice(0, 10)}` };
}
