import type { Lots, Symbol, VenueId } from '../../../core';
import type { SyntheticMarket } from '../syntheticMarket';
import { simOptionExpiries } from './expiries';
import { listSeries, SIM_OPTION_UNDERLYINGS, strikeGrid, type OptionListing, type OptionUnderlyingSpec } from './series';
import { UnderlyingFeed } from './underlyingFeed';
import { yearsBetween } from '../../../options';

/** One listed series (an underlying's expiry and its strikes), as saved so a restart lists the same symbols. */
export interface SavedSeries {
  underlying: Symbol;
  expiry: number;
  /** Strikes in quote currency. */
  strikes: number[];
}

/** What the options listing needs from an underlying's spot slot. */
export interface UnderlyingSource {
  market: SyntheticMarket;
  /** One price tick of the underlying, in quote currency. */
  tickValue: number;
  volPerSqrtSec: number;
}

export interface OptionBoard {
  listings: OptionListing[];
  series: SavedSeries[];
  feeds: Map<Symbol, UnderlyingFeed>;
}

/**
 * How long an expired series stays listed (expired: no quotes, orders refused). The terminal rebuilds
 * positions from the fills of listed instruments, so a series delisted at the next start would take the
 * settled position's realised P&L off the screen (and out of the day's loss) while the fills remain.
 */
export const EXPIRED_LISTING_MS = 7 * 24 * 3600 * 1000;

/**
 * The options the venue lists at start. Saved series are kept while they live, for a week after their
 * expiry, and while the user still holds one of their contracts (they must settle); the expiries due next
 * are added, with strikes around the spot of now. The set then stays fixed while the venue runs.
 */
export function listOptions(
  venue: VenueId,
  now: number,
  underlyings: ReadonlyMap<Symbol, UnderlyingSource>,
  saved: readonly SavedSeries[],
  position: (symbol: Symbol) => Lots,
  savedVolRatio: Readonly<Record<Symbol, number>> = {},
): OptionBoard {
  const feeds = new Map<Symbol, UnderlyingFeed>();
  const series: SavedSeries[] = [];
  const listings: OptionListing[] = [];
  for (const spec of SIM_OPTION_UNDERLYINGS) {
    const source = underlyings.get(spec.underlying);
    if (!source) continue;
    const feed = new UnderlyingFeed(source.market, source.tickValue, source.volPerSqrtSec, savedVolRatio[spec.underlying]);
    feeds.set(spec.underlying, feed);
    const mine: SavedSeries[] = [];
    for (const s of saved) {
      if (s.underlying !== spec.underlying) continue;
      const held = listSeries(venue, spec, s.expiry, s.strikes).some((l) => position(l.instrument.symbol) !== 0);
      if (s.expiry > now - EXPIRED_LISTING_MS || held) mine.push(s);
    }
    for (const expiry of simOptionExpiries(now)) {
      if (mine.some((s) => s.expiry === expiry)) continue;
      const years = yearsBetween(now, expiry);
      mine.push({ underlying: spec.underlying, expiry, strikes: strikeGrid(feed.spot, feed.baseVol, years, spec.priceDecimals) });
    }
    mine.sort((a, b) => a.expiry - b.expiry);
    for (const s of mine) listings.push(...listSeries(venue, spec, s.expiry, s.strikes));
    series.push(...mine);
  }
  return { listings, series, feeds };
}

export function underlyingSpec(symbol: Symbol): OptionUnderlyingSpec | undefined {
  return SIM_OPTION_UNDERLYINGS.find((s) => s.underlying === symbol);
}
