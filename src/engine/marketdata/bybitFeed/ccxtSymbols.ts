import type { Instrument } from '../../instruments';
import type { FeedSymbol } from '../binanceFeed';
import { scaleOf } from '../sync';
import type { BybitCategory } from './endpoints';

export type BybitSymbolOf = { ok: true; category: BybitCategory; venueSymbol: string } | { ok: false; reason: string };

/**
 * Bybit's own name and category for a market that ccxt names with its unified symbol (what a
 * `ccxt:bybit` account's instruments carry as venueSymbol): spot `BTC/USDT` -> spot BTCUSDT; USDT
 * perpetual `BTC/USDT:USDT` -> linear BTCUSDT; inverse perpetual `BTC/USD:BTC` -> inverse BTCUSD.
 * Dated futures, options and USDC perpetuals are named otherwise at Bybit (expiry codes, PERP
 * suffixes) and are refused with a reason rather than guessed: a wrong name would only be refused by
 * Bybit later. A name that ccxt renamed (its common-currency codes) does not match Bybit's topic
 * and is refused by Bybit at subscribe time, logged as an error, never streamed wrong.
 */
export function bybitSymbolOf(unified: string): BybitSymbolOf {
  const m = /^([A-Z0-9]+)\/([A-Z0-9]+)(?::([A-Z0-9]+))?$/.exec(unified);
  if (!m) return { ok: false, reason: `"${unified}" is not a spot or perpetual symbol (dated futures and options are not streamed natively)` };
  const [, base, quote, settle] = m as unknown as [string, string, string, string | undefined];
  if (settle === undefined) return { ok: true, category: 'spot', venueSymbol: base + quote };
  if (settle === quote && quote === 'USDT') return { ok: true, category: 'linear', venueSymbol: base + quote };
  if (settle === base && quote === 'USD') return { ok: true, category: 'inverse', venueSymbol: base + quote };
  return { ok: false, reason: `"${unified}": Bybit names ${settle}-settled perpetuals of ${quote} otherwise; not streamed natively` };
}

/**
 * The feed symbols of one Bybit category among a ccxt account's instruments (scale from the
 * instrument, so events are in its ticks and lots), and those left out with the reason.
 */
export function bybitFeedSymbols(instruments: readonly Instrument[], category: BybitCategory): { symbols: FeedSymbol[]; skipped: { symbol: string; reason: string }[] } {
  const symbols: FeedSymbol[] = [];
  const skipped: { symbol: string; reason: string }[] = [];
  for (const inst of instruments) {
    const name = bybitSymbolOf(inst.venueSymbol);
    if (!name.ok) skipped.push({ symbol: inst.symbol, reason: name.reason });
    else if (name.category !== category) skipped.push({ symbol: inst.symbol, reason: `a ${name.category} market, not ${category}` });
    else symbols.push({ symbol: inst.symbol, venueSymbol: name.venueSymbol, scale: scaleOf(inst) });
  }
  return { symbols, skipped };
}
