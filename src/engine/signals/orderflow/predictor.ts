import { FEATURE_COUNT, FEATURE_NAMES } from './features';
import { predictLogistic, type LogisticModel } from './logistic';
import type { WalkForwardResult } from './walkForward';

/** What the model showed out of sample, attached to every prediction so a consumer can weigh it. */
export interface OrderFlowModelStats {
  horizonMs: number;
  embargoMs: number;
  folds: number;
  testSamples: number;
  /** Direction accuracy on non-flat test moves, its count and binomial standard error. */
  hitRate: number;
  hitRateSe: number;
  hitCount: number;
  /** Spearman IC of predicted probability vs realised move, pooled over the test folds. */
  ic: number;
  /** Per-fold IC, in fold order. */
  foldIc: number[];
  /** Share of up moves among the non-flat test moves (the coin the hit rate should beat). */
  baseRateUp: number;
  /** Hit rate of always calling the training majority. */
  majorityHitRate: number;
}

export interface OrderFlowPrediction {
  /** Model probability that the mid is higher after the horizon, given it moves. */
  pUp: number;
  /** 2·pUp − 1, in [-1, 1]. */
  signal: number;
  stats: OrderFlowModelStats;
}

/**
 * The live order-flow predictor: a fitted model plus its walk-forward record. Evaluated natively in
 * TypeScript (a dot product and a sigmoid: an ONNX session would only add latency and a worker hop).
 */
export class OrderFlowPredictor {
  readonly featureNames = FEATURE_NAMES;

  constructor(
    readonly model: LogisticModel,
    readonly stats: OrderFlowModelStats,
  ) {
    if (model.weights.length !== FEATURE_COUNT) throw new RangeError(`model has ${model.weights.length} weights, expected ${FEATURE_COUNT}`);
  }

  static fromWalkForward(result: WalkForwardResult): OrderFlowPredictor {
    return new OrderFlowPredictor(result.final, statsOf(result));
  }

  /** `features` in FEATURE_NAMES order (OrderFlowFeatures.snapshot); NaN entries mean "not known yet". */
  predict(features: ArrayLike<number>): OrderFlowPrediction {
    if (features.length !== FEATURE_COUNT) throw new RangeError(`expected ${FEATURE_COUNT} features, got ${features.length}`);
    const pUp = predictLogistic(this.model, features);
    return { pUp, signal: 2 * pUp - 1, stats: this.stats };
  }
}

export function statsOf(r: WalkForwardResult): OrderFlowModelStats {
  return {
    horizonMs: r.horizonMs,
    embargoMs: r.embargoMs,
    folds: r.folds.length,
    testSamples: r.testSamples,
    hitRate: r.hit.rate,
    hitRateSe: r.hit.se,
    hitCount: r.hit.n,
    ic: r.ic,
    foldIc: r.folds.map((f) => f.ic),
    baseRateUp: r.baseRateUp,
    majorityHitRate: r.majorityHit.rate,
  };
}
