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
export * from './strategy';
