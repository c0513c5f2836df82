export { assertLegs, firstExpiry, legProblems, type OptionLeg, type StrategyLeg, type StrategyMarket, type UnderlyingLeg } from './legs';
export {
  chartRange,
  legValue,
  netGreeks,
  netPremium,
  payoffCurve,
  pnlAt,
  priceGrid,
  type NetPremium,
  type PayoffPoint,
} from './valuation';
export { analyseExpiry, type ExpiryAnalysis, type PnlBound } from './expiryAnalysis';
export {
  butterfly,
  calendar,
  ironCondor,
  straddle,
  strangle,
  vertical,
  type ChainExpiry,
  type ChainView,
  type Direction,
  type LegQuote,
  type PresetOptions,
} from './presets';
export { summariseStrategy, type StrategyResult, type StrategySummary } from './summary';
