/**
 * Microstructure analytics of one instrument as published to views (about 4 times a second for the
 * focused instrument). These are statistics, not money: floats are fine. Absent = not enough data yet.
 */
export interface AnalyticsValues {
  /** Best ask - best bid, in ticks. */
  spread?: number;
  /** (best bid + best ask) / 2, in ticks (may end in .5). */
  mid?: number;
  /** Size-weighted mid (Stoikov's microprice, first order): (bid*askQty + ask*bidQty)/(bidQty+askQty), ticks. */
  microprice?: number;
  /** (bid depth - ask depth) / (bid depth + ask depth) over `imbalanceLevels` levels, in [-1, 1]. */
  imbalance?: number;
  imbalanceLevels: number;
  /** Order-flow imbalance (Cont, Kukanov & Stoikov) summed over the last window, in lots. */
  ofi?: number;
  /** Volume-synchronised probability of informed trading over the last buckets, in [0, 1]. */
  vpin?: number;
  /** Kyle's lambda: mid change (ticks) per lot of signed volume, rolling regression. */
  kyleLambda?: number;
  /** Probability of informed trading (EKOP maximum likelihood over buy/sell counts per period). */
  pin?: number;
  /** Realised volatility of mid log returns, annualised (0.5 = 50%). */
  realisedVol?: number;
}
