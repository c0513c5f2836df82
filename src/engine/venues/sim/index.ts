/**
 * SIM: the simulated exchange a trader uses without an account. One price-time priority matching
 * engine per instrument, shared by synthetic participants (a GARCH fair value, liquidity providers,
 * liquidity takers) and the user, behind the same VenueAdapter interface as a real venue. The user's
 * orders, fills and positions are journaled (sim-venues/<id>/), so the venue outlives the terminal.
 */
export { BookSide, PriceLevel, type RestingOrder } from './bookSide';
export { EventOutbox } from './eventOutbox';
export { FairValue, type FairValueState } from './fairValue';
export { DEFAULT_SIM_FEES, fillFee } from './fees';
export { SIM_INSTRUMENT_SPECS, simInstruments, type SimInstrumentSpec, type SimMarketParams } from './instruments';
export { SIM_VENUES_DIR, simVenueDir } from './ledgerJournal';
export {
  MatchingEngine,
  POST_ONLY_WOULD_CROSS,
  type EngineFill,
  type EngineOrderRequest,
  type EngineOrderType,
  type EngineSubmitResult,
  type MakerCap,
  type RestingOrderView,
} from './matchingEngine';
export { REDUCE_ONLY_REDUCED, REDUCE_ONLY_WOULD_INCREASE, STOP_ALREADY_REACHED } from './orderRules';
export { SIM_STATE_FILE, simStateFile, loadSimState, saveSimState, type PersistedOrder, type SimVenueState } from './persistence';
export { SimVenue, createSimVenue, type SimMarketRegime, type SimVenueOptions } from './simVenue';
export { EXPIRY_REASON, endOfDayUtc } from './timeInForce';
export { STEP_MS, SYNTHETIC_OWNER, SyntheticMarket, type SyntheticMarketState } from './syntheticMarket';
export { baseSmile } from './options';
