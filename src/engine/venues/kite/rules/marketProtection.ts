import type { Side, Ticks } from '../../../core';

/**
 * Market protection: Kite refuses API MARKET and SL-M orders unless they carry `market_protection`, a
 * percentage band around the last price that the order must not fill beyond (the rest is cancelled).
 * Kite takes a percentage (0 < p <= 100) or -1 for its own automatic band.
 *
 * We keep it as basis points so the band is integer arithmetic, and compute the limit price the band
 * means so the ticket can show it and the loopback can enforce it.
 */
export const KITE_AUTO_PROTECTION = -1;

export type MarketProtection = { kind: 'auto' } | { kind: 'percent'; bps: number };

/** Kite's `market_protection` parameter for a protection setting: "-1" or the percentage ("2.5"). */
export function marketProtectionParam(p: MarketProtection): string {
  if (p.kind === 'auto') return String(KITE_AUTO_PROTECTION);
  const whole = Math.floor(p.bps / 100);
  const frac = p.bps % 100;
  return frac === 0 ? String(whole) : `${whole}.${String(frac).padStart(2, '0').replace(/0$/, '')}`;
}

/** Checks a protection setting: a percentage must be above 0 and at most 100. */
export function checkProtection(p: MarketProtection): string | undefined {
  if (p.kind === 'auto') return undefined;
  if (!Number.isSafeInteger(p.bps) || p.bps <= 0 || p.bps > 10_000) return 'Market protection must be more than 0% and at most 100%.';
  return undefined;
}

/**
 * The worst price a protected market order may fill at, in ticks: a buy no higher than
 * reference * (1 + p), a sell no lower than reference * (1 - p), rounded inwards to whole ticks so the
 * band is never exceeded, and never below one tick.
 */
export function protectionLimit(side: Side, reference: Ticks, bps: number): Ticks {
  const ref = BigInt(reference);
  const band = BigInt(bps);
  if (side === 'buy') return Number((ref * (10_000n + band)) / 10_000n);
  const num = ref * (10_000n - band);
  const limit = (num + 9_999n) / 10_000n;
  return Math.max(1, Number(limit));
}
