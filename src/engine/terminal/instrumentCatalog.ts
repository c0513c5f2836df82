import type { Clock, Symbol, TimerId, VenueId } from '../core';
import type { Instrument, InstrumentRegistry } from '../instruments';

/**
 * A venue listing more instruments than this ships to the views only those that matter now (the rest
 * is found through `instruments.search`). 5,000 sits above Binance spot (~2-3k symbols, well under a
 * megabyte of JSON), so SIM and crypto accounts keep their whole list in the picker, and far below
 * Kite (~100k contracts, ~35-45 MB of JSON: seconds of serialising on the engine thread and a stalled
 * renderer every time the list is re-sent).
 */
export const FULL_LIST_MAX_INSTRUMENTS = 5_000;
/**
 * Least time between two re-sends caused by what matters changing (a burst of fills in many
 * instruments goes out as one list). A new account's instruments are sent at once.
 */
export const CATALOG_MIN_GAP_MS = 250;

/** A venue whose list in the views holds only some of its instruments: `listed` of `total`. */
export interface PartialInstrumentList {
  venue: VenueId;
  listed: number;
  total: number;
}

export interface InstrumentCatalogView {
  instruments: Instrument[];
  /** One line per venue over the threshold; empty when every list is whole. */
  partial: PartialInstrumentList[];
}

interface Ref {
  venue: VenueId;
  symbol: Symbol;
}

export interface CatalogSources {
  /**
   * Instruments the trader is dealing with: focused or otherwise on screen, starred in a watchlist,
   * with working orders, with open positions (ours or as the venue reports them).
   */
  relevant(): Iterable<Ref>;
  /** Assets each account holds: the instrument of that name, or the spot instruments of that base asset, count as relevant. */
  heldAssets(): Iterable<{ venue: VenueId; asset: string }>;
}

interface VenueList {
  all: Instrument[];
  byBase: Map<string, Instrument[]>;
}

/**
 * The instrument list as the views get it (`instruments` event, `instruments.list`). A small venue is
 * listed whole; a large one (see FULL_LIST_MAX_INSTRUMENTS) only by what matters now, marked partial.
 * Re-sent when an account adds instruments (at once) and when what matters in a large venue changed
 * (coalesced: checked once per turn, sent at most every CATALOG_MIN_GAP_MS, and only if the set differs,
 * so ticks, marks and repeated reports never re-send it).
 */
export class InstrumentCatalog {
  private venues: Map<VenueId, VenueList> | undefined;
  private sentKey: string | undefined;
  private lastSentAt = Number.NEGATIVE_INFINITY;
  private scheduled = false;
  private timer: TimerId | undefined;
  private stopped = false;

  constructor(
    private readonly registry: InstrumentRegistry,
    private readonly sources: CatalogSources,
    private readonly clock: Clock,
    private readonly send: (view: InstrumentCatalogView) => void,
  ) {}

  /** The list the views should hold now. */
  view(): InstrumentCatalogView {
    const venues = this.byVenue();
    const wanted = this.relevantInLarge(venues);
    const instruments: Instrument[] = [];
    const partial: PartialInstrumentList[] = [];
    for (const [venue, list] of venues) {
      if (list.all.length <= FULL_LIST_MAX_INSTRUMENTS) {
        instruments.push(...list.all);
        continue;
      }
      const mine = wanted.get(venue) ?? new Map<Symbol, Instrument>();
      instruments.push(...mine.values());
      partial.push({ venue, listed: mine.size, total: list.all.length });
    }
    return { instruments, partial };
  }

  /** The registry gained instruments (an account connected): the views get the new list now. */
  listChanged(): void {
    this.venues = undefined;
    this.sendNow();
  }

  /** What the trader deals with may have changed: checked once, after the current turn. */
  changed(): void {
    if (this.scheduled || this.stopped) return;
    this.scheduled = true;
    queueMicrotask(() => {
      this.scheduled = false;
      this.check();
    });
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== undefined) this.clock.clearTimer(this.timer);
    this.timer = undefined;
  }

  private check(): void {
    if (this.stopped || this.timer !== undefined) return;
    if (this.relevanceKey() === this.sentKey) return;
    const wait = this.lastSentAt + CATALOG_MIN_GAP_MS - this.clock.now();
    if (wait <= 0) {
      this.sendNow();
      return;
    }
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      this.check();
    }, wait);
  }

  private sendNow(): void {
    if (this.stopped) return;
    if (this.timer !== undefined) this.clock.clearTimer(this.timer);
    this.timer = undefined;
    this.sentKey = this.relevanceKey();
    this.lastSentAt = this.clock.now();
    this.send(this.view());
  }

  /** What decides the large venues' lists, as text: equal text, equal lists. */
  private relevanceKey(): string {
    const keys: string[] = [];
    for (const [venue, symbols] of this.relevantInLarge(this.byVenue())) for (const symbol of symbols.keys()) keys.push(`${venue}\u0000${symbol}`);
    return keys.sort().join('\u0001');
  }

  /** The relevant instruments of each large venue, by symbol (each once, in the order first met). */
  private relevantInLarge(venues: Map<VenueId, VenueList>): Map<VenueId, Map<Symbol, Instrument>> {
    const out = new Map<VenueId, Map<Symbol, Instrument>>();
    const add = (inst: Instrument) => {
      let mine = out.get(inst.venue);
      if (!mine) out.set(inst.venue, (mine = new Map()));
      mine.set(inst.symbol, inst);
    };
    const large = (venue: VenueId) => {
      const list = venues.get(venue);
      return list !== undefined && list.all.length > FULL_LIST_MAX_INSTRUMENTS ? list : undefined;
    };
    for (const ref of this.sources.relevant()) {
      if (!large(ref.venue)) continue;
      const inst = this.registry.get(ref.venue, ref.symbol);
      if (inst) add(inst);
    }
    for (const held of this.sources.heldAssets()) {
      const list = large(held.venue);
      if (!list) continue;
      // Kite names a holding by its symbol (NSE:RELIANCE); a crypto venue by its base asset (BTC).
      const named = this.registry.get(held.venue, held.asset);
      if (named) add(named);
      else for (const inst of list.byBase.get(held.asset) ?? []) add(inst);
    }
    return out;
  }

  /** The registry by venue, built once per change of the registry (a walk over ~100k instruments). */
  private byVenue(): Map<VenueId, VenueList> {
    if (this.venues) return this.venues;
    const venues = new Map<VenueId, VenueList>();
    for (const inst of this.registry.all()) {
      let list = venues.get(inst.venue);
      if (!list) venues.set(inst.venue, (list = { all: [], byBase: new Map() }));
      list.all.push(inst);
      // Derivatives are not what a held asset is: holding NIFTY units never lists every NIFTY option.
      if (inst.contract) continue;
      const same = list.byBase.get(inst.base);
      if (same) same.push(inst);
      else list.byBase.set(inst.base, [inst]);
    }
    this.venues = venues;
    return venues;
  }
}
