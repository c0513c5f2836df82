/** Execution algorithms (issue 17), entered only through here: parent orders whose children are ordinary OMS orders (see algoEngine.ts). */
export { AlgoEngine, type AlgoEngineOptions, type AlgoEvents } from './algoEngine';
export { farTouch, nearTouch, type AlgoQuote, type Algorithm, type BookSource, type ChildIntent, type DecisionInput, type RouteMarket, type RoutedIntent, type VenueUnits } from './algorithm';
export { createAlgorithm, specProblem } from './createAlgorithm';
export { capChild, childId, type RetryPolicy } from './parentRunner';
export { canMoveParent } from './parentStates';
export { Iceberg, type IcebergParams } from './strategies/iceberg';
export { Peg, type PegParams } from './strategies/peg';
export { Pov, type PovParams } from './strategies/pov';
export { holdingFraction, Shortfall, type ShortfallParams } from './strategies/shortfall';
export { SliceSchedule } from './strategies/sliceSchedule';
export { Sniper } from './strategies/sniper';
export { Twap, type TwapParams } from './strategies/twap';
export { profileFromTrades, Vwap } from './strategies/vwap';
export * from './types';
// Smart order routing (router/) and transaction-cost analysis (tca/): pure planners the runtime calls.
export * from './router';
export * from './tca';
// Smart routing as an algo, the schedule preview and each parent's TCA.
export { Smart, SMART_DEPTH, SMART_MAX_BOOK_AGE_MS, smartGrid } from './strategies/smart';
export { type AlgoPreview, type PreviewSlice } from './preview';
export { type TcaSources } from './parentTca';
