/**
 * Microstructure analytics per instrument: book shape (spread, mid, microprice, depth imbalance), OFI,
 * VPIN, Kyle's lambda, PIN and realised volatility. InstrumentAnalytics composes them behind the
 * AnalyticsValues contract (analyticsValues.ts; terminal/analyticsView.ts publishes it); each estimator
 * is usable on its own and cites its formula in its file. Everything is incremental, deterministic and
 * clock-free (timestamps in).
 */
export type { AnalyticsValues } from './analyticsValues';
export { computeBookShape, type BookLevels, type BookShape } from './bookShape';
export { InstrumentAnalytics, type InstrumentAnalyticsOptions } from './instrumentAnalytics';
export { KyleLambda, type KyleLambdaOptions } from './kyleLambda';
export { normalCdf, normalPdf } from '../options';
export { ofiContribution, OrderFlowImbalance, type OfiWindow } from './orderFlowImbalance';
export { estimatePin, type PinEstimate, type PinEstimationOptions } from './pinEstimation';
export { PinEstimator, type PinEstimatorOptions } from './pinEstimator';
export { pinLogLikelihood, pinOf, type PinParams } from './pinLikelihood';
export { RealisedVolatility, type RealisedVolatilityOptions } from './realisedVolatility';
export { RollingSum } from './rollingSum';
export { Vpin, type VpinOptions } from './vpin';
