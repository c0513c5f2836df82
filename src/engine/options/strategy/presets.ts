import type { OptionRight } from '../pricing';
import type { OptionLeg } from './legs';

/** A quoted option as the presets take it: the price a leg is entered at and its implied volatility. */
export interface LegQuote {
  price: number;
  vol: number;
}

/** One expiry of a chain as the strategy builder sees it. */
export interface ChainExpiry {
  expiryMs: number;
  /** Listed strikes, ascending. */
  strikes: readonly number[];
  /** The strike nearest the forward: one of `strikes`. */
  atmStrike: number;
  /** The price and vol a leg would be entered at (the mark, or the touch it would trade); undefined: no quote. */
  quote: (right: OptionRight, strike: number) => LegQuote | undefined;
}

export interface ChainView {
  underlyingPrice: number;
  /** Units of the underlying per contract. */
  multiplier: number;
  /** Ascending by expiry. */
  expiries: readonly ChainExpiry[];
}

/**
 * 'long' buys the structure (the debit side: long straddle, bull call / bear put vertical, long butterfly,
 * long calendar); 'short' is every leg reversed. The iron condor follows the trader's usage: 'short' is
 * the classic one sold for a credit (short the inner strikes, long the wings).
 */
export type Direction = 'long' | 'short';

export interface PresetOptions {
  direction?: Direction;
  /** Contracts per unit leg (a butterfly's body is twice this). */
  quantity?: number;
  /** Which expiry (index into chain.expiries); default the first. */
  expiry?: number;
}

/** Long (or short) the ATM call and the ATM put. */
export function straddle(chain: ChainView, o: PresetOptions = {}): OptionLeg[] {
  const x = expiryOf(chain, o.expiry);
  return [leg(chain, x, 'call', x.atmStrike, 1, o), leg(chain, x, 'put', x.atmStrike, 1, o)];
}

/** Long (or short) the call `width` strikes above ATM and the put `width` strikes below. */
export function strangle(chain: ChainView, o: PresetOptions & { width: number } = { width: 1 }): OptionLeg[] {
  const x = expiryOf(chain, o.expiry);
  return [leg(chain, x, 'put', strikeAt(x, -o.width), 1, o), leg(chain, x, 'call', strikeAt(x, o.width), 1, o)];
}

/**
 * A vertical spread `width` strikes wide. Calls, long: the bull call spread (buy ATM, sell the higher
 * strike). Puts, long: the bear put spread (buy ATM, sell the lower strike). Short reverses both.
 */
export function vertical(chain: ChainView, o: PresetOptions & { right: OptionRight; width: number }): OptionLeg[] {
  const x = expiryOf(chain, o.expiry);
  const away = strikeAt(x, o.right === 'call' ? o.width : -o.width);
  return [leg(chain, x, o.right, x.atmStrike, 1, o), leg(chain, x, o.right, away, -1, o)];
}

/** Long butterfly: buy the wings `width` strikes either side of ATM, sell two at ATM. */
export function butterfly(chain: ChainView, o: PresetOptions & { right: OptionRight; width: number }): OptionLeg[] {
  const x = expiryOf(chain, o.expiry);
  return [
    leg(chain, x, o.right, strikeAt(x, -o.width), 1, o),
    leg(chain, x, o.right, x.atmStrike, -2, o),
    leg(chain, x, o.right, strikeAt(x, o.width), 1, o),
  ];
}

/**
 * Iron condor: the put spread below and the call spread above, the inner strikes `inner` strikes from
 * ATM and the wings `wing` strikes further out. Short (the default): sell the inner, buy the wings.
 */
export function ironCondor(chain: ChainView, o: PresetOptions & { inner: number; wing: number }): OptionLeg[] {
  const x = expiryOf(chain, o.expiry);
  const short: PresetOptions = { ...o, direction: o.direction === 'long' ? 'short' : 'long' };
  return [
    leg(chain, x, 'put', strikeAt(x, -o.inner - o.wing), 1, short),
    leg(chain, x, 'put', strikeAt(x, -o.inner), -1, short),
    leg(chain, x, 'call', strikeAt(x, o.inner), -1, short),
    leg(chain, x, 'call', strikeAt(x, o.inner + o.wing), 1, short),
  ];
}

/** Long calendar: sell the near expiry, buy the far one, same strike (default the near ATM). */
export function calendar(
  chain: ChainView,
  o: Omit<PresetOptions, 'expiry'> & { right: OptionRight; near?: number; far?: number; strike?: number },
): OptionLeg[] {
  const near = expiryOf(chain, o.near ?? 0);
  const far = expiryOf(chain, o.far ?? 1);
  if (!(far.expiryMs > near.expiryMs)) throw new Error('a calendar needs a far expiry after the near one');
  const strike = o.strike ?? near.atmStrike;
  if (!far.strikes.includes(strike)) throw new Error(`strike ${strike} is not listed in both expiries`);
  return [leg(chain, near, o.right, strike, -1, o), leg(chain, far, o.right, strike, 1, o)];
}

function expiryOf(chain: ChainView, index = 0): ChainExpiry {
  const x = chain.expiries[index];
  if (x === undefined) throw new Error(`the chain has no expiry #${index + 1} (it lists ${chain.expiries.length})`);
  if (!x.strikes.includes(x.atmStrike)) throw new Error(`the ATM strike ${x.atmStrike} is not among the listed strikes`);
  return x;
}

/** The strike `steps` listed strikes away from ATM (negative: below). */
function strikeAt(x: ChainExpiry, steps: number): number {
  if (!Number.isInteger(steps) || steps === 0) throw new Error('a width is a non-zero whole number of strikes');
  const i = x.strikes.indexOf(x.atmStrike) + steps;
  const k = x.strikes[i];
  if (k === undefined) throw new Error(`no strike ${Math.abs(steps)} ${steps > 0 ? 'above' : 'below'} the ATM ${x.atmStrike} in this expiry`);
  return k;
}

function leg(chain: ChainView, x: ChainExpiry, right: OptionRight, strike: number, units: number, o: PresetOptions): OptionLeg {
  const q = x.quote(right, strike);
  if (q === undefined) throw new Error(`no quote for the ${strike} ${right}`);
  const quantity = o.quantity ?? 1;
  if (!Number.isFinite(quantity) || !(quantity > 0)) throw new Error('quantity must be a positive number of contracts');
  const sign = o.direction === 'short' ? -1 : 1;
  return {
    kind: 'option',
    right,
    strike,
    expiryMs: x.expiryMs,
    quantity: sign * units * quantity,
    multiplier: chain.multiplier,
    entryPrice: q.price,
    vol: q.vol,
  };
}
