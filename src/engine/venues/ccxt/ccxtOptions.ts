/**
 * ccxt option markets (type 'option') as our option instruments: their names, and the underlying each
 * is priced from.
 *
 * Names. A quote-settled option (Binance's, premium and settlement in USDT) is
 * `{base}-{quote}-{yymmdd}-{strike}-{C|P}` (BTC-USDT-261225-95000-C), beside our BTC-USDT-261225 future.
 * A coin-settled option (Deribit's, premium and settlement in the base coin) keeps the name every
 * coin-settled venue and trader uses, `{base}-{dMMMyy}-{strike}-{C|P}` (BTC-26DEC26-95000-C).
 *
 * The underlying. The chain service groups options by their named underlying (rule 1 of
 * terminal/options/underlyings.ts), else by their name, and then prices each expiry from the same-expiry
 * future of that name, else its spot or index. So:
 * - a quote-settled option (Binance) names the spot of its base and quote when the account lists it
 *   (Binance's options settle on its BTCUSDT index, which the spot tracks; BSM at the chain's rate); one
 *   instrument for every expiry, so one chain. When it is not listed (an option-only account: at Binance
 *   the spot trades on another API) it names none, is grouped under its pair (BTC-USDT) and the chain
 *   prices from put-call parity;
 * - a coin-settled option (Deribit) names none: its group is its base (BTC), and the chain prices each
 *   expiry from the dated future of that expiry (Black-76: its forward, as Deribit itself does), else from
 *   the perpetual (it tracks the index; BSM at the chain's rate). Naming one instrument would either split
 *   BTC's expiries into one chain per future or price every expiry from the perpetual. The account loads
 *   those futures (as `contract.kind` 'future') and the perpetual beside its options (isOptionUnderlying).
 */
import type { Contract } from '../../instruments';
import type { CcxtMarketLike } from './ccxtMarket';
import { scaledExact } from './decimalText';

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'] as const;

/** A coin-settled option: its premium is quoted, and it settles, in the base coin (Deribit's BTC options). */
export function isCoinSettled(m: CcxtMarketLike): boolean {
  return m.settle !== undefined && m.settle === m.base && m.settle !== m.quote;
}

/** The expiry day as yymmdd (UTC), as our dated futures are named. */
export function yymmdd(expiry: number): string {
  const d = new Date(expiry);
  return `${String(d.getUTCFullYear() % 100).padStart(2, '0')}${String(d.getUTCMonth() + 1).padStart(2, '0')}${String(d.getUTCDate()).padStart(2, '0')}`;
}

/** The expiry day as Deribit writes it: day without padding, month, two-digit year (26DEC26, 5JAN27). */
function dayMonthYear(expiry: number): string {
  const d = new Date(expiry);
  return `${d.getUTCDate()}${MONTHS[d.getUTCMonth()]}${String(d.getUTCFullYear() % 100).padStart(2, '0')}`;
}

/** The option's canonical name, or undefined when ccxt gave no strike, right or expiry. */
export function optionSymbol(m: CcxtMarketLike): string | undefined {
  const right = m.optionType === 'call' ? 'C' : m.optionType === 'put' ? 'P' : undefined;
  if (m.expiry === undefined || m.strike === undefined || right === undefined) return undefined;
  const strike = String(m.strike);
  if (isCoinSettled(m)) return `${m.base}-${dayMonthYear(m.expiry)}-${strike}-${right}`;
  const settle = m.settle && m.settle !== m.quote ? `-${m.settle}` : '';
  return `${m.base}-${m.quote}${settle}-${yymmdd(m.expiry)}-${strike}-${right}`;
}

/** How a trader reads it: "BTC 26DEC26 95000 Call". */
export function optionDisplayName(m: CcxtMarketLike): string {
  return `${m.base} ${dayMonthYear(m.expiry ?? 0)} ${m.strike} ${m.optionType === 'call' ? 'Call' : 'Put'}`;
}

/**
 * The option's contract terms (the underlying is set afterwards, once every instrument is known), or why
 * it cannot be held in integers: a strike finer than the price tick's decimals.
 */
export function optionContract(m: CcxtMarketLike, priceDecimals: number): Contract | string {
  if (m.expiry === undefined || m.strike === undefined || (m.optionType !== 'call' && m.optionType !== 'put')) return 'no expiry, strike or call/put';
  const strike = scaledExact(m.strike, priceDecimals);
  if (strike === undefined || strike <= 0) return `strike ${m.strike} is not a positive decimal of at most ${priceDecimals} places`;
  return { kind: m.optionType, expiry: m.expiry, strike, premiumIn: isCoinSettled(m) ? 'underlying' : 'quote' };
}

/** An instrument the underlying rule looks among: its canonical name and its market. */
export interface ListedMarket {
  symbol: string;
  market: CcxtMarketLike;
}

/** The underlying rule above, for one option market. */
export function underlyingOf(option: CcxtMarketLike, listed: readonly ListedMarket[]): Pick<Contract, 'underlying' | 'underlyingKind'> {
  if (isCoinSettled(option)) return {};
  const spot = listed.find((l) => (l.market.type ?? 'spot') === 'spot' && l.market.base === option.base && l.market.quote === option.quote);
  return spot ? { underlying: spot.symbol, underlyingKind: 'spot' } : {};
}

/**
 * The futures and perpetuals a coin-settled option account loads beside its options, to price them from:
 * those of an option's base and settlement coin. (A quote-settled option account does not: at Binance they
 * trade on another API and account; its chain prices from put-call parity.)
 */
export function isOptionUnderlying(m: CcxtMarketLike, options: readonly CcxtMarketLike[]): boolean {
  if (m.type !== 'future' && m.type !== 'swap') return false;
  return options.some((o) => isCoinSettled(o) && o.base === m.base && o.settle === m.settle);
}
