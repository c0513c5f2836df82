export { MarketCalendar, type MarketPhase } from './calendar';
export { HolidayList, parseHolidays, type DayEntry, type DayOverride, type HolidayProblem } from './holidays';
export { HOLIDAY_FILE_NAME, loadMarketCalendar, type LoadedCalendar } from './holidayFile';
export { IST_OFFSET_MS, istInstant, istTime, type DateKey, type IstTime } from './ist';
export { DERIVATIVE_EXCHANGES, EQUITY_EXCHANGES, KNOWN_EXCHANGES, regularSession, type Session } from './sessions';
export { BUILT_IN_FREEZE_LIMITS, FREEZE_LIMITS_FILE_NAME, FreezeLimits, parseFreezeLimits } from './freezeLimits';
export { loadFreezeLimits } from './freezeLimitsFile';
export { MAX_SLICES, sliceLots, type Slices } from './slicing';
export { KITE_AUTO_PROTECTION, checkProtection, marketProtectionParam, protectionLimit, type MarketProtection } from './marketProtection';
export {
  INDEX_UNDERLYINGS,
  MARKETS_CLOSED,
  NO_GTC,
  NO_PROTECTION,
  checkKiteOrder,
  priceOnTick,
  quantityInLots,
  type KiteOrderCheck,
  type KiteRule,
  type KiteRuleContext,
  type KiteValidity,
} from './orderRules';
