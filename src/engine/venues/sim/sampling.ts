import type { Rng } from '../../core';

/**
 * Number of Poisson arrivals with the given mean in one step. Knuth's product method is exact and
 * cheap for the small means a 50 ms step produces; a rounded normal covers the rare large mean.
 */
export function poisson(rng: Rng, mean: number): number {
  if (mean <= 0) return 0;
  if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * rng.normal()));
  const limit = Math.exp(-mean);
  let k = 0;
  let p = rng.next();
  while (p > limit) {
    k++;
    p *= rng.next();
  }
  return k;
}

/** A heavy-tailed order size: `base` lots times a Pareto(1, alpha) draw, capped at `capMultiple` bases. */
export function paretoLots(rng: Rng, base: number, alpha: number, capMultiple: number): number {
  const multiple = Math.min(capMultiple, rng.pareto(1, alpha));
  return Math.max(1, Math.round(base * multiple));
}

/**
 * Distance in ticks from a reference price, heavy-ish tailed (Lomax): most orders sit a few ticks
 * away, a few much further, as in real order books.
 */
export function lomaxTicks(rng: Rng, scale: number, alpha: number, cap: number): number {
  return Math.min(cap, Math.floor(scale * (rng.pareto(1, alpha) - 1)));
}
