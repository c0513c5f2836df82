export { OptionChains, type ChainMarket, type ChainRequest, type OptionChainsDeps } from './optionChains';
export { CHAIN_CONVENTIONS, type ChainConventions, type ChainRowView, type ChainSideView, type OptionChainView, type OptionGreeksView, type OptionUnderlyingView } from './chainView';
export { CHAIN_VIEW_TTL_MS, ChainViewers } from './chainViewers';
export { groupKeyOf, INDEX_OF_OPTIONS, isOption, OptionIndex, type UnderlyingKind } from './underlyings';
export { PAYOFF_POINTS, StrategyQuotes, type StrategyQuotesDeps } from './strategies';
export { LEG_WAIT_MS, StrategySender, type StrategySenderDeps } from './strategySend';
export type {
  StrategyGreeksView,
  StrategyLegOutcome,
  StrategyLegSpec,
  StrategyLegView,
  StrategyPresetName,
  StrategyPresetSpec,
  StrategyQuoteView,
  StrategyRequest,
  StrategySendLeg,
  StrategySendRequest,
  StrategySendResult,
  StrategySummaryView,
} from './strategyView';
export { OptionSurfaces, SURFACE_MAX_EXPIRIES, SURFACE_REFIT_MS, type OptionSurfacesDeps, type SurfaceRequest } from './surfaces';
export type { OptionSurfaceView, SmileCurvePointView, SmileFitView, SmileMarketPointView, SurfaceSliceView } from './surfaceView';
