import type { Symbol, VenueId } from '../../core';
import type { Instrument } from '../../instruments';

/**
 * Which options belong together (one underlying, one chain per expiry) and what each is priced from.
 *
 * The rule, in order:
 * 1. The option's `contract.underlying` when the venue names it (its `underlyingKind` says spot, index or
 *    future): that instrument, on the same venue.
 * 2. Otherwise (Kite leaves it unset: NFO's NIFTY options say only `name: "NIFTY"`) the options are grouped
 *    by their `name` (else `base`), and priced from
 *    a. the future of the same name on the same venue expiring on the same day as the options (Black-76:
 *       the future is the forward; Kite's monthly NIFTY options expire with NIFTY26DECFUT), else
 *    b. the spot or index of that name on the venue: an instrument without a contract whose name, base or
 *       symbol equals it, or for NSE/BSE index options the index Kite lists under its own name
 *       (NIFTY -> "NIFTY 50", BANKNIFTY -> "NIFTY BANK", ...), priced with BSM at the chain's rate.
 *    Neither: the chain shows quotes without IV or Greeks, and says why.
 */

/** Index options' group names -> the index as Kite's dump lists it (exchange:tradingsymbol). */
export const INDEX_OF_OPTIONS: Readonly<Record<string, readonly string[]>> = {
  NIFTY: ['NSE:NIFTY 50'],
  BANKNIFTY: ['NSE:NIFTY BANK'],
  FINNIFTY: ['NSE:NIFTY FIN SERVICE'],
  MIDCPNIFTY: ['NSE:NIFTY MID SELECT'],
  NIFTYNXT50: ['NSE:NIFTY NEXT 50'],
  SENSEX: ['BSE:SENSEX'],
  BANKEX: ['BSE:BANKEX'],
};

export type UnderlyingKind = 'spot' | 'future' | 'index';

/** What one expiry's options are priced from. */
export interface UnderlyingRef {
  symbol: Symbol;
  kind: UnderlyingKind;
}

/** One group of options on a venue: its name, and its options by expiry (ms). */
export interface OptionGroup {
  venue: VenueId;
  /** The name the chain is asked by: the contract's underlying symbol, else the options' name. */
  key: string;
  byExpiry: Map<number, Instrument[]>;
  /** Rule 1's underlying, when the options name one. */
  named?: UnderlyingRef;
}

export function isOption(inst: Instrument): boolean {
  return inst.contract?.kind === 'call' || inst.contract?.kind === 'put';
}

/** The name an option is grouped under (rule 1, else 2). */
export function groupKeyOf(inst: Instrument): string {
  return inst.contract?.underlying ?? inst.name ?? inst.base;
}

/** Every venue's options grouped by underlying, and the futures and spots rule 2 looks up, built once per instrument list. */
export class OptionIndex {
  private readonly groups = new Map<string, OptionGroup>();
  /** venue + name -> futures by expiry. */
  private readonly futures = new Map<string, Map<number, Instrument>>();
  /** venue + name/base/symbol -> a spot or index instrument. */
  private readonly spots = new Map<string, Instrument>();
  /** group name -> that name's groups on every venue. */
  private readonly byName = new Map<string, OptionGroup[]>();
  /** symbol -> the futures, spots and indices listed under it on any venue (what a bare symbol may mean). */
  private readonly others = new Map<Symbol, Instrument[]>();

  constructor(instruments: Iterable<Instrument>) {
    for (const inst of instruments) {
      const c = inst.contract;
      if (!isOption(inst)) {
        let same = this.others.get(inst.symbol);
        if (!same) this.others.set(inst.symbol, (same = []));
        same.push(inst);
      }
      if (!c) {
        for (const name of [inst.symbol, inst.name, inst.base]) if (name !== undefined && !this.spots.has(at(inst.venue, name))) this.spots.set(at(inst.venue, name), inst);
        continue;
      }
      if (c.kind === 'future') {
        const k = at(inst.venue, inst.name ?? inst.base);
        let byExpiry = this.futures.get(k);
        if (!byExpiry) this.futures.set(k, (byExpiry = new Map()));
        byExpiry.set(c.expiry, inst);
        continue;
      }
      const key = groupKeyOf(inst);
      const gk = at(inst.venue, key);
      let group = this.groups.get(gk);
      if (!group) {
        group = { venue: inst.venue, key, byExpiry: new Map() };
        if (c.underlying !== undefined) group.named = { symbol: c.underlying, kind: c.underlyingKind ?? 'spot' };
        this.groups.set(gk, group);
        let named = this.byName.get(key);
        if (!named) this.byName.set(key, (named = []));
        named.push(group);
      }
      let list = group.byExpiry.get(c.expiry);
      if (!list) group.byExpiry.set(c.expiry, (list = []));
      list.push(inst);
    }
  }

  all(): OptionGroup[] {
    return [...this.groups.values()];
  }

  group(venue: VenueId, key: string): OptionGroup | undefined {
    return this.groups.get(at(venue, key));
  }

  /** The groups of that name on every venue (the signals' put-call ratio is asked by name, not venue). */
  named(key: string): readonly OptionGroup[] {
    return this.byName.get(key) ?? [];
  }

  /** The instruments other than options listed as `symbol` on any venue. */
  listedAs(symbol: Symbol): readonly Instrument[] {
    return this.others.get(symbol) ?? [];
  }

  /** What the options of `group` expiring at `expiry` are priced from (see the rule above); undefined when nothing fits. */
  underlyingOf(group: OptionGroup, expiry: number): UnderlyingRef | undefined {
    if (group.named) return group.named;
    const future = this.futures.get(at(group.venue, group.key))?.get(expiry);
    if (future) return { symbol: future.symbol, kind: 'future' };
    for (const name of INDEX_OF_OPTIONS[group.key] ?? []) {
      const index = this.spots.get(at(group.venue, name));
      if (index) return { symbol: index.symbol, kind: 'index' };
    }
    const spot = this.spots.get(at(group.venue, group.key));
    return spot ? { symbol: spot.symbol, kind: spot.segment === 'INDICES' ? 'index' : 'spot' } : undefined;
  }
}

const at = (venue: VenueId, name: string): string => `${venue}\u0000${name}`;
