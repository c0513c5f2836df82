/**
 * The order-flow model: features from the microstructure analytics, a logistic model of the next-N-seconds
 * mid direction, walk-forward evaluation (embargoed, never scored on what it was fitted on) and a live predictor.
 */
export { DatasetRecorder, midMoves, type OrderFlowDataset } from './dataset';
export { FEATURE_COUNT, FEATURE_NAMES, OrderFlowFeatures, type FeatureName, type OrderFlowFeaturesOptions } from './features';
export { fitLogistic, predictLogistic, sigmoid, type LogisticFitOptions, type LogisticModel } from './logistic';
export { averageRanks, hitRate, pearson, spearman, type HitRate } from './metrics';
export { OrderFlowPredictor, statsOf, type OrderFlowModelStats, type OrderFlowPrediction } from './predictor';
export { simulateOrderFlow, type SimOrderFlowOptions } from './simMarket';
export { TradeSignAutocorrelation } from './tradeSignAutocorrelation';
export { walkForward, walkForwardFolds, type Fold, type FoldOptions, type FoldResult, type WalkForwardOptions, type WalkForwardResult } from './walkForward';
