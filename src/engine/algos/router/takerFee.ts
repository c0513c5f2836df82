import type { QuoteUnits } from '../../core';

/**
 * A taker fee rate in hundredths of a basis point (0.75 bp -> 75), so that fractional schedules stay
 * exact integers. Undefined for a rate that is not a finite number or is a rebate of 100 % or more.
 */
export function centiBps(bps: number): number | undefined {
  if (!Number.isFinite(bps)) return undefined;
  const c = Math.round(bps * 100);
  return c > -1_000_000 && c < 1_000_000 ? c : undefined;
}

/**
 * ceil(notional * centiBps / 10^6): the fee of one order of value `notional`, rounded up as venues
 * charge it (a rebate, negative, is rounded up too: toward zero). Exact: bigint past 2^53.
 */
export function feeOf(notional: QuoteUnits, cbps: number): QuoteUnits {
  const product = notional * cbps;
  if (Number.isSafeInteger(product)) {
    // The float quotient is an estimate near 2^53; the integer checks make it the exact ceiling.
    let q = Math.ceil(product / 1_000_000);
    while (q * 1_000_000 < product) q++;
    while ((q - 1) * 1_000_000 >= product) q--;
    return q;
  }
  const big = BigInt(notional) * BigInt(cbps);
  const q = big / 1_000_000n; // truncates toward zero
  return Number(big > 0n && big % 1_000_000n !== 0n ? q + 1n : q);
}
