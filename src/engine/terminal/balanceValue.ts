import { formatScaled } from '../core';
import type { BalanceRow, BalancesView } from './views';

/** A market's touch on the same account: best bid and ask in ticks (price = ticks * tickSize * 10^-priceDecimals). */
export interface Touch {
  bid: number;
  ask: number;
  tickSize: number;
  priceDecimals: number;
}

const DECIMAL = /^(\d+)(?:\.(\d+))?$/;

/**
 * Each asset's (free + locked) valued in the account's quote asset (USDT on Binance) at the mid of
 * ASSET/quote on the same account, in exact integers: amount (its own decimals) times bid + ask (ticks),
 * halved and rounded half up to the price's decimals. The quote asset is worth itself. An asset whose
 * market has no live book (or whose amount cannot be read) gets no value: absent, never guessed.
 */
export function valueBalances(view: BalancesView, quote: string | undefined, touchOf: (asset: string) => Touch | undefined): BalancesView {
  if (quote === undefined) return view;
  return { ...view, balances: view.balances.map((row) => valueRow(row, quote, touchOf)) };
}

function valueRow(row: BalanceRow, quote: string, touchOf: (asset: string) => Touch | undefined): BalanceRow {
  const free = scaled(row.free);
  const locked = scaled(row.locked);
  if (!free || !locked) return row;
  const decimals = Math.max(free.decimals, locked.decimals);
  const total = free.value * 10n ** BigInt(decimals - free.decimals) + locked.value * 10n ** BigInt(decimals - locked.decimals);
  if (row.asset === quote) return { ...row, valueInQuote: formatScaled(total, decimals), quoteAsset: quote };
  const touch = touchOf(row.asset);
  if (!touch) return row;
  // total (10^-decimals) * (bid + ask) * tickSize (10^-priceDecimals) / 2, brought to 10^-priceDecimals.
  const numerator = total * BigInt(touch.bid + touch.ask) * BigInt(touch.tickSize);
  const denominator = 2n * 10n ** BigInt(decimals);
  const value = (numerator * 2n + denominator) / (2n * denominator);
  return { ...row, valueInQuote: formatScaled(value, touch.priceDecimals), quoteAsset: quote };
}

function scaled(text: string): { value: bigint; decimals: number } | undefined {
  const m = DECIMAL.exec(text);
  if (!m) return undefined;
  const frac = m[2] ?? '';
  return { value: BigInt(m[1]! + frac), decimals: frac.length };
}
