/**
 * The ccxt connector: one VenueAdapter for trading on every venue ccxt (pro) supports, and the pieces
 * its market data feed (marketdata/ccxtFeed, above venues) shares with it.
 */
export { CcxtAdapter, ccxtSettingsOf, type CcxtAdapterOptions } from './ccxtAdapter';
export { ccxtExchangeId, ccxtProExchangeIds, createCcxtExchange, extraCredentialsNeeded, type CcxtConnectionSettings, type CcxtCredentials, type CcxtMarketType, type ContractKind } from './ccxtExchange';
export { ccxtInstruments, canonicalSymbol, type CcxtInstruments, type CcxtMarketLike } from './ccxtInstruments';
export { decimalText } from './decimalText';
export { DEFAULT_LOST_ACK_POLICY, type LostAckPolicy as CcxtLostAckPolicy } from './lostAck';
export { classifyFailure, venueWords, type VenueFailure } from './venueErrors';
export { quietPendingFutures, WatchLoops, type WatchLoop, type WatchLoopsOptions } from './watchLoops';
