/**
 * The simulated venue's European options: series listed on its spot underlyings, each quoted by a
 * synthetic market maker around the BSM value from a volatility surface that moves with the spot
 * and its GARCH volatility, settled in cash at expiry.
 */
export { simOptionExpiries } from './expiries';
export { listOptions, type OptionBoard, type SavedSeries, type UnderlyingSource } from './listing';
export { OPTION_LEVELS, OptionMaker, type OptionMakerState } from './optionMaker';
export { modelQuote, type ModelQuote } from './quote';
export {
  listSeries,
  optionDisplayName,
  optionSymbol,
  SIM_OPTION_UNDERLYINGS,
  strikeGrid,
  strikeLabel,
  type OptionListing,
  type OptionUnderlyingSpec,
} from './series';
export { baseSmile, baseSmileInto, smileVol, volScale } from './surface';
export { UnderlyingFeed } from './underlyingFeed';
