import type { Liquidity, Lots, QuoteUnits, Ticks } from '../../core';
import { notional, type Instrument } from '../../instruments';
import type { FeeSchedule } from '../types';

export const DEFAULT_SIM_FEES: FeeSchedule = { makerBps: 1, takerBps: 5 };

/**
 * Fee of one fill in QuoteUnits: ceil(notional * bps / 10000), rounded up as exchanges charge it.
 * Rates are taken in hundredths of a basis point so fractional schedules (0.75 bp) stay exact.
 */
export function fillFee(inst: Instrument, fees: FeeSchedule, price: Ticks, qty: Lots, liquidity: Liquidity): QuoteUnits {
  const centiBps = Math.round((liquidity === 'maker' ? fees.makerBps : fees.takerBps) * 100);
  const value = notional(inst, price, qty);
  const product = value * centiBps;
  if (Number.isSafeInteger(product)) {
    // The float quotient is only an estimate near 2^53; the integer checks make it the exact ceiling.
    let q = Math.ceil(product / 1_000_000);
    while (q * 1_000_000 < product) q++;
    while ((q - 1) * 1_000_000 >= product) q--;
    return q;
  }
  // Past 2^53 a float division could round the wrong way; bigint is exact.
  const big = BigInt(value) * BigInt(centiBps);
  const q = big / 1_000_000n;
  return Number(big % 1_000_000n > 0n ? q + 1n : q);
}
