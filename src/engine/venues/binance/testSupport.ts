/**
 * Test set-up for Binance venues: the loopback Binance server (spot and USD-M futures) and its client
 * helpers, for tests in other engine folders (marketdata's depth sync, the connectors, the terminal).
 */
export * from './loopback';
