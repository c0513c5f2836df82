export * from './bookQuotes';
export * from './breakerStateMachine';
export * from './cancelAllTracker';
export * from './circuitBreaker';
export * from './circuitBreakers';
export * from './dailyLoss';
export * from './exposureTracker';
export * from './flattenPermits';
export * from './killSwitch';
export * from './liveRiskContext';
export * from './limitConfig';
export {
  describeAmount,
  describePpm,
  describePrice,
  describeQty,
  describeQuote,
  effectiveSpec,
  resolveLimits,
  scaleDown,
  trimDecimal,
  type ResolvedLimits,
} from './limits';
export * from './optionGreeks';
export * from './riskCodes';
export * from './riskContext';
export * from './riskManager';
export * from './utilisation';
