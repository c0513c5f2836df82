/**
 * SIM: the simulated exchange a trader uses without an account. One price-time priority matching
 * engine per instrument, shared by synthetic participants (a GARCH fair value, liquidity providers,
 * liquidity takers) and the user, behind the same VenueAdapter interface as a real venue.
 */
export { BookSide, PriceLevel, type RestingOrder } from './bookSide';
export { EventOutbox } from './eventOutbox';
export { FairValue, type FairValueState } from './fairValue';
export { DEFAULT_SIM_FEES, fillFee } from './fees';
export { SIM_INSTRUMENT_SPECS, simInstruments, type SimInstrumentSpec, type SimMarketParams } from './instruments';
export {
  MatchingEngine,
  POST_ONLY_WOULD_CROSS,
  type EngineFill,
  type EngineOrderRequest,
  type EngineSubmitResult,
  type RestingOrderView,
} from './matchingEngine';
export { SIM_STATE_FILE, simStateFile, loadSimState, saveSimState, type PersistedOrder, type SimVenueState } from './persistence';
export { SimVenue, createSimVenue, type SimVenueOptions } from './simVenue';
export { STEP_MS, SYNTHETIC_OWNER, SyntheticMarket, type SyntheticMarketState } from './syntheticMarket';
