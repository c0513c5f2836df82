import type { Symbol, VenueId } from '../core';
import type { VenueAdapter } from '../venues';

interface Ref {
  venue: VenueId;
  symbol: Symbol;
}

export interface InterestSources {
  /** What the views watch (Terminal.watch). */
  watched(): Iterable<Ref>;
  workingOrders(): Iterable<Ref>;
  /** Positions; only those not flat count. */
  positions(): Iterable<Ref & { qty: number }>;
}

/**
 * Which symbols' market data each venue must stream: those on screen, those with working orders (risk,
 * stops and the kill switch price them) and those with open positions (marked to market). A real venue
 * lists thousands of symbols and streams only these (VenueAdapter.watchMarket); a venue without
 * watchMarket (SIM) streams everything anyway. Recomputed on each change, coalesced to once per turn,
 * and sent to a venue only when its set changed.
 */
export class MarketInterest {
  private readonly sent = new Map<VenueId, string>();
  private scheduled = false;

  constructor(
    private readonly sources: InterestSources,
    private readonly venues: () => Iterable<VenueAdapter>,
  ) {}

  /** Something that may change the sets happened: recomputed once, after the current turn. */
  changed(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    queueMicrotask(() => {
      this.scheduled = false;
      this.apply();
    });
  }

  /** A venue (re)joined or left: its set is sent again on the next change. */
  forget(venue: VenueId): void {
    this.sent.delete(venue);
  }

  /** The symbols each venue should stream now. */
  wanted(): Map<VenueId, Symbol[]> {
    const by = new Map<VenueId, Set<Symbol>>();
    const add = (r: Ref) => {
      let set = by.get(r.venue);
      if (!set) by.set(r.venue, (set = new Set()));
      set.add(r.symbol);
    };
    for (const r of this.sources.watched()) add(r);
    for (const r of this.sources.workingOrders()) add(r);
    for (const p of this.sources.positions()) if (p.qty !== 0) add(p);
    return new Map([...by].map(([venue, set]) => [venue, [...set].sort()]));
  }

  apply(): void {
    const wanted = this.wanted();
    for (const venue of this.venues()) {
      if (!venue.watchMarket) continue;
      const symbols = wanted.get(venue.id) ?? [];
      const key = symbols.join(',');
      if (this.sent.get(venue.id) === key) continue;
      this.sent.set(venue.id, key);
      venue.watchMarket(symbols);
    }
  }
}
