export { normalCdf, normalPdf } from './normal';
export {
  DAYS_PER_YEAR,
  emptyGreeks,
  greeks,
  greeksInto,
  optionPrice,
  yearsBetween,
  type Greeks,
  type OptionInputs,
  type OptionRight,
  type PricingModel,
} from './pricing';
export { impliedVol, type ImpliedVol } from './impliedVol';
export { sviTotalVariance, sviVol, type SviParams } from './svi';
export {
  buildSurface,
  checkButterfly,
  checkCalendar,
  defaultKRange,
  fitSmile,
  smileMetrics,
  smilePoints,
  smileRange,
  sliceFromFit,
  surfaceTotalVariance,
  surfaceVol,
  surfaceVolAtStrike,
  sviDensityG,
  type BuiltSurface,
  type ButterflyCheck,
  type CalendarCheck,
  type CalendarSlice,
  type KRange,
  type SmileChartPoint,
  type SmileFit,
  type SmileMetrics,
  type SmileQuote,
  type SurfaceSlice,
  type SurfaceVol,
  type VolSurface,
} from './surface';
export * from './strategy';
export { MIN_QUOTES } from './surface';
// Implied-vol solver counters (two Householder steps from Jäckel's guess; fallbacks should stay 0).
export { impliedVolSolverCounts } from './impliedVol';
