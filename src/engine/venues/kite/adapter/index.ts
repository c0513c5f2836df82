/** The Kite venue adapter (orders, portfolio, GTT, kill switch) over Kite Connect v3 REST. */
export { KiteAdapter, type KiteAdapterOptions, type KiteOrderUpdateSource } from './kiteAdapter';
export type { KiteKillOptions, KiteKillReport, KiteKillFailure } from './kiteKillSwitch';
export type { ConvertPositionRequest, Gtt, GttLeg, GttRequest } from './kitePortfolio';
export { KitePacer, KITE_RATE_LIMITS, type KiteCallClass, type RateWindow } from './kitePacer';
export { KITE_REST_URL } from './kiteRest';
export { clientOrderIdOfTag, tagOf, KITE_TAG_MAX } from './kiteTag';
export type { KiteOrderWire } from './kiteWire';
export { kiteAccountAdapter, type KiteAccountAdapterInputs } from './kiteAccountAdapter';
