import type { Lots, Ticks } from '../core';

/** One side of a book, best level first: [price in ticks, quantity in lots]. */
export type BookLevels = ReadonlyArray<readonly [Ticks, Lots]>;

/** Instantaneous shape of the book; every field is absent when it is not defined by the book. */
export interface BookShape {
  spread?: number;
  mid?: number;
  microprice?: number;
  imbalance?: number;
}

/**
 * Spread, mid, microprice and depth imbalance of one book picture, in O(levels) and without allocation
 * (the caller passes the object to fill).
 *
 * - spread  s = P^a - P^b and mid M = (P^b + P^a) / 2, from the best bid P^b and best ask P^a.
 * - microprice, Stoikov (2018), "The micro-price: a high-frequency estimator of future prices",
 *   Quantitative Finance 18(12), §2: with the top-of-book imbalance I = Q^b / (Q^b + Q^a), the weighted
 *   mid  M_w = I·P^a + (1 - I)·P^b = (P^b·Q^a + P^a·Q^b) / (Q^b + Q^a).  This is the first-order
 *   (size-weighted) estimator; Stoikov's full micro-price adds corrections estimated from a Markov chain
 *   of (I, s), which a live display does not need. A big bid queue pulls the fair price towards the ask.
 * - imbalance over N levels  ρ_N = (D^b_N - D^a_N) / (D^b_N + D^a_N), D_N = Σ_{i<N} Q_i, the depth
 *   imbalance of the top N levels; for N = 1 it is 2I - 1 with Stoikov's I above (the "volume imbalance"
 *   of Cartea, Jaimungal & Penalva 2015, Algorithmic and High-Frequency Trading, ch. 4).
 *
 * A one-sided book has no spread, mid or microprice, but its imbalance (±1) is still well defined and
 * is reported; an empty book has nothing. A crossed book (bid ≥ ask, e.g. a stale venue picture) is
 * reported as it is: a negative spread is information for the trader, not something to hide.
 */
export function computeBookShape(bids: BookLevels, asks: BookLevels, levels: number, out: BookShape): BookShape {
  out.spread = undefined;
  out.mid = undefined;
  out.microprice = undefined;
  out.imbalance = undefined;

  let bidDepth = 0;
  let askDepth = 0;
  const nb = Math.min(levels, bids.length);
  const na = Math.min(levels, asks.length);
  for (let i = 0; i < nb; i++) bidDepth += bids[i]![1];
  for (let i = 0; i < na; i++) askDepth += asks[i]![1];
  const depth = bidDepth + askDepth;
  if (depth > 0) out.imbalance = (bidDepth - askDepth) / depth;

  const bestBid = bids[0];
  const bestAsk = asks[0];
  if (bestBid === undefined || bestAsk === undefined) return out;
  const [pb, qb] = bestBid;
  const [pa, qa] = bestAsk;
  out.spread = pa - pb;
  out.mid = (pb + pa) / 2;
  const top = qb + qa;
  if (top > 0) out.microprice = (pb * qa + pa * qb) / top;
  return out;
}
