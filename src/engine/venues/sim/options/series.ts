import type { Symbol, VenueId } from '../../../core';
import type { Instrument } from '../../../instruments';

/**
 * The option series the simulated venue lists on one underlying, and how its contracts are named.
 * Symbols follow Binance's European options (`BTC-261225-100000-C`: underlying, expiry YYMMDD,
 * strike, C/P); the display name reads like a trader says it (`BTC 25DEC26 100000 C`).
 */
export interface OptionUnderlyingSpec {
  /** The spot instrument on the same venue the options are priced from (BSM, r = q = 0). */
  underlying: Symbol;
  base: string;
  quote: string;
  /** Premium price scale: a tick is tickSize * 10^-priceDecimals USDT. Strikes use the same scale. */
  priceDecimals: number;
  tickSize: number;
  /** Contract size scale: a lot is lotSize * 10^-qtyDecimals of the underlying. */
  qtyDecimals: number;
  lotSize: number;
  /** Typical synthetic order size, in lots. */
  baseLots: number;
}

/**
 * Tick and lot as on Binance options: BTC premium in steps of 5 USDT, ETH in steps of 0.1 USDT, both
 * traded in 0.01 of a coin. There is no minimum order value (Binance has none for options).
 */
export const SIM_OPTION_UNDERLYINGS: readonly OptionUnderlyingSpec[] = [
  { underlying: 'BTC-USDT', base: 'BTC', quote: 'USDT', priceDecimals: 0, tickSize: 5, qtyDecimals: 2, lotSize: 1, baseLots: 10 },
  { underlying: 'ETH-USDT', base: 'ETH', quote: 'USDT', priceDecimals: 1, tickSize: 1, qtyDecimals: 2, lotSize: 1, baseLots: 50 },
];

/** Strikes per expiry: the at-the-money one and five either side. */
export const STRIKES_PER_SIDE = 5;
/** The grid spans at least this many standard deviations of the price at expiry either side... */
const SPAN_STDEVS = 2.2;
/** ...and at least this fraction of the spot, so a daily series is not crowded into a few dollars. */
const MIN_SPAN_FRACTION = 0.015;
const NICE_STEPS = [1, 2, 2.5, 5];

/** The smallest "round" step (1, 2, 2.5 or 5 times a power of ten) not below `raw`. */
export function niceStep(raw: number): number {
  const power = 10 ** Math.floor(Math.log10(raw));
  for (const m of NICE_STEPS) if (m * power >= raw * (1 - 1e-12)) return m * power;
  return 10 * power;
}

/** Strikes (in quote currency, ascending) around `spot` for an expiry `years` away at volatility `vol`. */
export function strikeGrid(spot: number, vol: number, years: number, priceDecimals: number): number[] {
  const span = Math.max(SPAN_STDEVS * spot * vol * Math.sqrt(years), MIN_SPAN_FRACTION * spot);
  const step = Math.max(10 ** -priceDecimals, niceStep(span / STRIKES_PER_SIDE));
  const atm = Math.round(spot / step) * step;
  const strikes: number[] = [];
  for (let i = -STRIKES_PER_SIDE; i <= STRIKES_PER_SIDE; i++) {
    const k = Number((atm + i * step).toFixed(priceDecimals));
    if (k > 0) strikes.push(k);
  }
  return strikes;
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const two = (n: number): string => String(n).padStart(2, '0');

export function optionSymbol(base: string, expiry: number, strike: string, right: 'call' | 'put'): Symbol {
  const d = new Date(expiry);
  const yymmdd = `${two(d.getUTCFullYear() % 100)}${two(d.getUTCMonth() + 1)}${two(d.getUTCDate())}`;
  return `${base}-${yymmdd}-${strike}-${right === 'call' ? 'C' : 'P'}`;
}

export function optionDisplayName(base: string, expiry: number, strike: string, right: 'call' | 'put'): string {
  const d = new Date(expiry);
  return `${base} ${two(d.getUTCDate())}${MONTHS[d.getUTCMonth()]}${two(d.getUTCFullYear() % 100)} ${strike} ${right === 'call' ? 'C' : 'P'}`;
}

/** A strike as written in a symbol: no trailing zeros after the point (3412.5, 3400, 100000). */
export function strikeLabel(strike: number, priceDecimals: number): string {
  const text = strike.toFixed(priceDecimals);
  return text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
}

/** One listed option: its instrument and what its market maker needs to price it. */
export interface OptionListing {
  instrument: Instrument;
  spec: OptionUnderlyingSpec;
  right: 'call' | 'put';
  /** Strike in quote currency (a model number). */
  strike: number;
  expiry: number;
}

/** Calls and puts on every strike of one expiry. `strikes` in quote currency. */
export function listSeries(venue: VenueId, spec: OptionUnderlyingSpec, expiry: number, strikes: readonly number[]): OptionListing[] {
  const out: OptionListing[] = [];
  for (const strike of strikes) {
    const label = strikeLabel(strike, spec.priceDecimals);
    for (const right of ['call', 'put'] as const) {
      const instrument: Instrument = {
        venue,
        symbol: optionSymbol(spec.base, expiry, label, right),
        venueSymbol: optionSymbol(spec.base, expiry, label, right),
        base: spec.base,
        quote: spec.quote,
        priceDecimals: spec.priceDecimals,
        qtyDecimals: spec.qtyDecimals,
        tickSize: spec.tickSize,
        lotSize: spec.lotSize,
        minNotional: 0,
        name: spec.base,
        displayName: optionDisplayName(spec.base, expiry, label, right),
        contract: {
          kind: right,
          expiry,
          strike: Math.round(strike * 10 ** spec.priceDecimals),
          underlying: spec.underlying,
          underlyingKind: 'spot',
          premiumIn: 'quote',
        },
      };
      out.push({ instrument, spec, right, strike, expiry });
    }
  }
  return out;
}
