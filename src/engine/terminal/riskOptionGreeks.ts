import type { Clock, Symbol, VenueId } from '../core';
import type { Instrument } from '../instruments';
import { emptyOptionGreeks, type InstrumentRef, type OptionGreeksReading, type OptionGreeksSource } from '../risk';
import type { OptionGreeksView } from './options';
import { contractMultiplier } from './portfolioGreeks';

/** Greeks older than this are priced again before risk reads them (the refresh timer keeps them younger). */
export const RISK_GREEKS_MAX_AGE_MS = 1_000;
/** An option risk has not asked about for this long is no longer refreshed (held ones are asked on every option order on the underlying). */
const KEEP_UNREAD_MS = 60_000;

interface Entry {
  readonly ref: InstrumentRef;
  readonly reading: OptionGreeksReading;
  ok: boolean;
  /** Engine time the reading was priced; -Infinity: price it on the next read. */
  at: number;
  lastRead: number;
}

export interface RiskOptionGreeksDeps {
  clock: Clock;
  instrument(venue: VenueId, symbol: Symbol): Instrument | undefined;
  /** The chain service's Greeks of one option at its mark's IV. */
  greeks(venue: VenueId, symbol: Symbol): OptionGreeksView | undefined;
}

/**
 * Risk's OptionGreeksSource over the option chain service. Pricing an option (IV solve, a view object)
 * allocates, so it is not done on the order path: each option risk reads is cached in one reading of
 * plain numbers, priced again by `refresh` (the terminal's portfolio Greeks timer, a few times a
 * second) and, should the timer lag, on a read finding it older than RISK_GREEKS_MAX_AGE_MS. A read of
 * a fresh entry copies five fields and allocates nothing.
 *
 * Units as risk reads them (risk/optionGreeks.ts): `underlying` is `venue:underlying` ("SIM:BTC-USDT",
 * "kite:NIFTY"), what the option limits are keyed by. A quote-settled option's underlying price and
 * vega are in its quote currency; a coin-settled one (premium in the coin, the instrument's prices
 * in the coin) gets underlying price 1 and its vega divided by the underlying's price, so that risk's
 * notional (|delta| × price × units) and vega come out in the currency its prices are in.
 */
export class RiskOptionGreeks implements OptionGreeksSource {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly deps: RiskOptionGreeksDeps) {}

  read(i: InstrumentRef, into: OptionGreeksReading): boolean {
    const now = this.deps.clock.now();
    let e = this.entries.get(i.key);
    if (e === undefined) {
      e = { ref: i, reading: emptyOptionGreeks(), ok: false, at: -Infinity, lastRead: now };
      this.entries.set(i.key, e);
    }
    e.lastRead = now;
    if (!(now - e.at < RISK_GREEKS_MAX_AGE_MS)) this.price(e, now);
    if (!e.ok) return false;
    const r = e.reading;
    into.underlying = r.underlying;
    into.underlyingPrice = r.underlyingPrice;
    into.delta = r.delta;
    into.vega = r.vega;
    into.multiplier = r.multiplier;
    return true;
  }

  /** Prices again every option risk asked about recently (with the prices of now). */
  refresh(): void {
    const now = this.deps.clock.now();
    for (const [key, e] of this.entries) {
      if (now - e.lastRead > KEEP_UNREAD_MS) this.entries.delete(key);
      else this.price(e, now);
    }
  }

  private price(e: Entry, now: number): void {
    const { venue, symbol } = e.ref;
    const inst = this.deps.instrument(venue, symbol);
    const g = inst && this.deps.greeks(venue, symbol);
    if (!inst || !g) {
      // Unpriced: asked again on the next read (the price may be back), and refused meanwhile.
      e.ok = false;
      e.at = -Infinity;
      return;
    }
    const r = e.reading;
    const coin = inst.contract?.premiumIn === 'underlying';
    const underlying = `${venue}:${g.underlying}`;
    if (r.underlying !== underlying) r.underlying = underlying;
    r.underlyingPrice = coin ? 1 : g.underlyingPrice;
    r.delta = g.delta;
    r.vega = coin ? g.vega / g.underlyingPrice : g.vega;
    r.multiplier = contractMultiplier(inst);
    e.ok = true;
    e.at = now;
  }
}
