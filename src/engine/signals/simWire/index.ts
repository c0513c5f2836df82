/** The simulated news wire of the SIM venue: headlines that follow its market's regime, labelled simulated. */
export { moodOf, HIGH_VOL, RegimeTracker, TREND_Z, type MarketSample, type Mood, type Regime, type RegimeReader } from './regime';
export { BACKGROUND_TEMPLATES, DEFAULT_WIRE_ASSETS, MOOD_TEMPLATES, type WireAsset } from './templates';
export { formatPrice, SIM_TITLE_PREFIX, SimWireGenerator, type SimWireOptions } from './headlineGenerator';
export { isSimulatedSource, SIM_WIRE_LABEL, SIM_WIRE_SOURCE_ID, simVenueRegimeReader, type SimWireSourceOptions, simWireSource } from './simWireSource';
