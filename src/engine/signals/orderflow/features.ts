import type { Lots, Side, Ticks } from '../../core';
import { InstrumentAnalytics, type BookLevels, type InstrumentAnalyticsOptions } from '../../analytics';
import { TradeSignAutocorrelation } from './tradeSignAutocorrelation';

/** The model's inputs, in this order. Each is a number the analytics already compute (or, for the last, this folder). */
export const FEATURE_NAMES = ['ofi', 'imbalance', 'micropriceGap', 'vpin', 'kyleLambda', 'realisedVol', 'tradeSignAc'] as const;
export type FeatureName = (typeof FEATURE_NAMES)[number];
export const FEATURE_COUNT = FEATURE_NAMES.length;

export interface OrderFlowFeaturesOptions {
  analytics: InstrumentAnalyticsOptions;
  /** Trades in the sign autocorrelation (default 100). */
  signWindow?: number;
}

/**
 * The features of one instrument at "now": InstrumentAnalytics fed the same book pictures and trades
 * the terminal feeds its analytics (reused, not recomputed), plus the trade-sign autocorrelation.
 * A feature the analytics cannot give yet (warming up, one-sided book) is NaN: the model replaces it by
 * its training mean, i.e. "no information".
 */
export class OrderFlowFeatures {
  private readonly analytics: InstrumentAnalytics;
  private readonly signs: TradeSignAutocorrelation;

  constructor(opts: OrderFlowFeaturesOptions) {
    this.analytics = new InstrumentAnalytics(opts.analytics);
    this.signs = new TradeSignAutocorrelation(opts.signWindow ?? 100);
  }

  onBook(bids: BookLevels, asks: BookLevels, ts: number): void {
    this.analytics.onBook(bids, asks, ts);
  }

  onTrade(price: Ticks, qty: Lots, aggressor: Side, ts: number): void {
    this.analytics.onTrade(price, qty, aggressor, ts);
    if (qty > 0) this.signs.onTrade(aggressor);
  }

  /** The current mid in ticks, or undefined when the book is not two-sided. */
  mid(): number | undefined {
    return this.analytics.values().mid;
  }

  /** Writes the features into `out` (length FEATURE_COUNT) and returns the mid (undefined: no two-sided book). */
  snapshot(out: Float64Array): number | undefined {
    const v = this.analytics.values();
    out[0] = v.ofi ?? NaN;
    out[1] = v.imbalance ?? NaN;
    out[2] = v.microprice !== undefined && v.mid !== undefined ? v.microprice - v.mid : NaN;
    out[3] = v.vpin ?? NaN;
    out[4] = v.kyleLambda ?? NaN;
    out[5] = v.realisedVol ?? NaN;
    out[6] = this.signs.value() ?? NaN;
    return v.mid;
  }
}
