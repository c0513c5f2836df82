/**
 * Test set-up for Kite: the loopback Kite venue (REST, login, KiteTicker, faults) and its tick
 * encoder, for tests in other engine folders (the Kite connector, market data, the terminal).
 */
export * from './loopback';
